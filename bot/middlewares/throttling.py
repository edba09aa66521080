"""A token bucket per user: one user's flood is dropped without starving anyone else.

It runs on whole updates, before the dialog state is read and before any database work, so
a dropped update costs a dictionary lookup (one process) or one Redis round trip (several
instances, which must share the buckets or a flood spread over them passes). When Redis
does not answer, updates pass: the bot keeps serving, unthrottled, until it is back."""

from __future__ import annotations

import enum
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update, User

from bot.i18n import pick_language, translator
from bot.metrics import UPDATES_DROPPED
from bot.middlewares.dedup import OutageLog

if TYPE_CHECKING:
    from redis.asyncio import Redis


class Verdict(enum.IntEnum):
    REFUSE = 0  # dropped quietly: the user was told already during this flood
    ALLOW = 1
    REFUSE_AND_TELL = 2  # the first update dropped in a flood: say so once


class Buckets(Protocol):
    async def take(self, user_id: int) -> Verdict: ...


class MemoryBuckets:
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

    async def take(self, user_id: int) -> Verdict:
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
        if allowed:
            self._warned.discard(user_id)
            return Verdict.ALLOW
        if user_id in self._warned:
            return Verdict.REFUSE
        self._warned.add(user_id)
        return Verdict.REFUSE_AND_TELL


# The same bucket as MemoryBuckets, atomically in Redis, on Redis's clock (instances' clocks
# may differ). Fields: t tokens, s seconds of the last take, w told during this flood.
_TAKE = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 't', 's', 'w')
local tokens = tonumber(state[1]) or burst
local last = tonumber(state[2]) or now
local told = tonumber(state[3]) or 0
tokens = math.min(burst, tokens + math.max(0, now - last) * rate)
local verdict
if tokens >= 1 then
  tokens = tokens - 1
  told = 0
  verdict = 1
elseif told == 1 then
  verdict = 0
else
  told = 1
  verdict = 2
end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 's', tostring(now), 'w', told)
redis.call('EXPIRE', KEYS[1], math.ceil(burst / rate) + 5)
return verdict
"""


class RedisBuckets:
    def __init__(self, redis: Redis, prefix: str, rate_per_second: float, burst: int) -> None:
        self._script = redis.register_script(_TAKE)
        self._prefix = prefix
        self._rate = rate_per_second
        self._burst = burst
        self._outage = OutageLog("throttling")

    async def take(self, user_id: int) -> Verdict:
        from redis.exceptions import RedisError

        try:
            verdict = await self._script(
                keys=[f"{self._prefix}:throttle:{user_id}"], args=[self._rate, self._burst]
            )
        except (RedisError, OSError) as error:
            self._outage.failed(error)
            return Verdict.ALLOW
        self._outage.recovered()
        return Verdict(int(verdict))


class ThrottlingMiddleware(BaseMiddleware):
    def __init__(self, buckets: Buckets | None, rate_per_second: float) -> None:
        self._buckets = buckets
        self._enabled = buckets is not None and rate_per_second > 0

    @classmethod
    def in_memory(cls, rate_per_second: float, burst: int) -> ThrottlingMiddleware:
        return cls(MemoryBuckets(rate_per_second, burst), rate_per_second)

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
        if user is None or not self._enabled or exempt or self._buckets is None:
            return await handler(event, data)
        verdict = await self._buckets.take(user.id)
        if verdict is Verdict.ALLOW:
            return await handler(event, data)
        UPDATES_DROPPED.labels("flood").inc()
        # Tell the user once per flood, then stay quiet so we don't amplify it.
        if verdict is Verdict.REFUSE_AND_TELL and isinstance(event, Update):
            text = translator(pick_language(user.language_code))("throttled")
            if event.message is not None:
                await event.message.answer(text)
            elif event.callback_query is not None:
                await event.callback_query.answer(text)
        return None
