"""Telegram re-sends an update when an answer comes late; each update id is handled once.

One process remembers the ids it saw in memory. Several instances behind one webhook share
the memory in Redis (`SET NX` with an expiry), so a resent update that reaches another
instance is dropped there too. When Redis does not answer, updates are handled rather than
lost: a repeat is rarer than an outage is long."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update

from bot.metrics import UPDATES_DROPPED

if TYPE_CHECKING:
    from redis.asyncio import Redis

log = logging.getLogger(__name__)

# Telegram gives up re-sending an update long before this.
REMEMBER_SECONDS = 3600


class UpdateLedger(Protocol):
    async def first_time(self, update_id: int) -> bool: ...


class MemoryLedger:
    def __init__(self, remember: int = 10_000) -> None:
        self._seen: OrderedDict[int, None] = OrderedDict()
        self._remember = remember

    async def first_time(self, update_id: int) -> bool:
        if update_id in self._seen:
            return False
        self._seen[update_id] = None
        if len(self._seen) > self._remember:
            self._seen.popitem(last=False)
        return True


class RedisLedger:
    def __init__(self, redis: Redis, prefix: str) -> None:
        self._redis = redis
        self._prefix = prefix
        self._outage = OutageLog("dedup")

    async def first_time(self, update_id: int) -> bool:
        from redis.exceptions import RedisError

        try:
            fresh = await self._redis.set(
                f"{self._prefix}:update:{update_id}", 1, nx=True, ex=REMEMBER_SECONDS
            )
        except (RedisError, OSError) as error:
            self._outage.failed(error)
            return True
        self._outage.recovered()
        return bool(fresh)


class DeduplicateUpdatesMiddleware(BaseMiddleware):
    def __init__(self, ledger: UpdateLedger | None = None) -> None:
        self._ledger = ledger or MemoryLedger()

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if isinstance(event, Update) and not await self._ledger.first_time(event.update_id):
            UPDATES_DROPPED.labels("repeat").inc()
            return None
        return await handler(event, data)


class OutageLog:
    """One error line when Redis stops answering and one when it is back, not one per update."""

    def __init__(self, what: str) -> None:
        self._what = what
        self._down = False

    def failed(self, error: BaseException) -> None:
        if not self._down:
            self._down = True
            log.error(
                "Redis does not answer (%s): %s works without it until it is back",
                type(error).__name__,
                self._what,
            )

    def recovered(self) -> None:
        if self._down:
            self._down = False
            log.warning("Redis answers again: %s uses it again", self._what)
