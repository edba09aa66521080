"""The first of our middlewares: names the update and its user in every log line, and counts
the update and its handling time for /metrics.

Failures anywhere below, handlers and middlewares alike (the database or Redis gone while
the dialog state is read), reach aiogram's errors middleware, which sits above this one, and
so the errors router: one log line and an apology."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update, User
from aiogram.types.update import UpdateTypeLookupError

from bot.logs import CURRENT_UPDATE, CURRENT_USER
from bot.metrics import UPDATE_SECONDS, UPDATES


class InFlight:
    """Updates being handled now: on SIGTERM the process waits for them before it closes
    its connections, so no dialog step is cut in half."""

    def __init__(self) -> None:
        self.count = 0
        self.last_update_id: int | None = None
        self._idle = asyncio.Event()
        self._idle.set()

    def enter(self, update_id: int) -> None:
        self.count += 1
        self.last_update_id = max(update_id, self.last_update_id or update_id)
        self._idle.clear()

    def leave(self) -> None:
        self.count -= 1
        if self.count == 0:
            self._idle.set()

    async def drained(self, timeout_seconds: float) -> bool:
        """True when nothing is in flight any more, False when the time ran out first."""
        try:
            await asyncio.wait_for(self._idle.wait(), timeout_seconds)
        except TimeoutError:
            return False
        return True


class ObservabilityMiddleware(BaseMiddleware):
    def __init__(self, in_flight: InFlight | None = None) -> None:
        self.in_flight = in_flight or InFlight()

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if not isinstance(event, Update):
            return await handler(event, data)
        user: User | None = data.get("event_from_user")
        kind = update_type(event)
        # Not reset afterwards: each update is handled in its own task, whose context ends
        # with it, and the errors router (above this middleware) still logs with them.
        CURRENT_UPDATE.set(event.update_id)
        CURRENT_USER.set(user.id if user else None)
        started = time.perf_counter()
        self.in_flight.enter(event.update_id)
        try:
            return await handler(event, data)
        finally:
            self.in_flight.leave()
            UPDATES.labels(kind).inc()
            UPDATE_SECONDS.labels(kind).observe(time.perf_counter() - started)


def update_type(update: Update) -> str:
    """message, callback_query, my_chat_member…; "unknown" for a type this aiogram lacks."""
    try:
        return update.event_type
    except UpdateTypeLookupError:
        return "unknown"
