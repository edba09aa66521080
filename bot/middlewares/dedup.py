"""Telegram re-sends an update when an answer comes late; each update id is handled once."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update


class DeduplicateUpdatesMiddleware(BaseMiddleware):
    def __init__(self, remember: int = 10_000) -> None:
        self._seen: OrderedDict[int, None] = OrderedDict()
        self._remember = remember

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if isinstance(event, Update):
            if event.update_id in self._seen:
                return None
            self._seen[event.update_id] = None
            if len(self._seen) > self._remember:
                self._seen.popitem(last=False)
        return await handler(event, data)
