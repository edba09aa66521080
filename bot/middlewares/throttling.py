"""A token bucket per user: one user's flood is dropped without starving anyone else.

It runs on whole updates, before the dialog state is read and before any database or Redis
work, so a dropped update costs a dictionary lookup and nothing more."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update, User

from bot.i18n import pick_language, translator


class ThrottlingMiddleware(BaseMiddleware):
    def __init__(
        self,
        rate_per_second: float,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
        max_users: int = 100_000,
    ) -> None:
        self._rate = rate_per_second
        self._burst = float(burst)
        self._clock = clock
        self._buckets: dict[int, tuple[float, float]] = {}
        self._warned: set[int] = set()
        self._max_users = max_users

    def _allow(self, user_id: int) -> bool:
        now = self._clock()
        tokens, last = self._buckets.get(user_id, (self._burst, now))
        tokens = min(self._burst, tokens + (now - last) * self._rate)
        allowed = tokens >= 1.0
        if allowed:
            tokens -= 1.0
        if len(self._buckets) >= self._max_users and user_id not in self._buckets:
            self._buckets.clear()  # a crude bound on memory; buckets refill quickly anyway
            self._warned.clear()
        self._buckets[user_id] = (tokens, now)
        return allowed

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        # Membership changes (blocked, unblocked) are never dropped: they are rare and say
        # whether we may write to the user at all.
        exempt = isinstance(event, Update) and event.my_chat_member is not None
        if user is None or self._rate <= 0 or exempt:
            return await handler(event, data)
        if self._allow(user.id):
            self._warned.discard(user.id)
            return await handler(event, data)
        # Tell the user once per flood, then stay quiet so we don't amplify it.
        if user.id not in self._warned and isinstance(event, Update):
            self._warned.add(user.id)
            text = translator(pick_language(user.language_code))("throttled")
            if event.message is not None:
                await event.message.answer(text)
            elif event.callback_query is not None:
                await event.callback_query.answer(text)
        return None
