"""Leases: which process may run a singleton job (the scheduler) right now.

A lease is held until a moment and renewed before it passes; a process that stops renewing
(it crashed, it hangs) loses it to the next one that asks. Leases always run on the wall
clock, never on a test's or the console's frozen clock: every process compares the same
moments."""

from __future__ import annotations

from datetime import timedelta

from bot.services.clock import Clock, utc_now
from bot.services.ports import UnitOfWork


class LeaseService:
    def __init__(self, uow: UnitOfWork, clock: Clock = utc_now) -> None:
        self._uow = uow
        self._clock = clock

    async def hold(self, name: str, holder: str, ttl: timedelta) -> bool:
        """Take or renew the lease for `ttl`; False while another holder's has not expired."""
        now = self._clock()
        held = await self._uow.leases.acquire(name, holder, now, now + ttl)
        await self._uow.commit()
        return held

    async def release(self, name: str, holder: str) -> None:
        """Let the next process take over at once instead of waiting for the lease to expire."""
        await self._uow.leases.release(name, holder)
        await self._uow.commit()
