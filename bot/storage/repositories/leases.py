"""Leases: which process may run a singleton job such as the scheduler."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, or_, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import Lease
from bot.storage.upsert import dialect_insert


class SqlLeaseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def acquire(self, name: str, holder: str, now: datetime, until: datetime) -> bool:
        inserted = await self._session.execute(
            dialect_insert(self._session, Lease)
            .values(name=name, holder=holder, expires_at=until)
            .on_conflict_do_nothing(index_elements=["name"])
        )
        if getattr(inserted, "rowcount", 0):
            return True
        # One conditional update: the holder renews, anyone takes an expired lease.
        taken = await self._session.execute(
            update(Lease)
            .where(Lease.name == name, or_(Lease.holder == holder, Lease.expires_at <= now))
            .values(holder=holder, expires_at=until)
        )
        return bool(getattr(taken, "rowcount", 0))

    async def release(self, name: str, holder: str) -> None:
        await self._session.execute(delete(Lease).where(Lease.name == name, Lease.holder == holder))
