"""The append-only funnel: rows are inserted once and never changed (bot.services.activity)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import Activity
from bot.storage.upsert import dialect_insert


class SqlActivityRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record(self, user_id: int, keys: Sequence[tuple[str, str]], now: datetime) -> int:
        if not keys:
            return 0
        # A read first: pages of suggestions are seen again and again, and on SQLite an
        # INSERT takes the write lock even when the unique key makes it insert nothing.
        rows = await self._session.execute(
            select(Activity.step, Activity.item_id).where(
                Activity.user_id == user_id,
                tuple_(Activity.step, Activity.item_id).in_(list(keys)),
            )
        )
        known = {(step, item) for step, item in rows}
        new = [key for key in dict.fromkeys(keys) if key not in known]
        if not new:
            return 0
        # Two updates of one person at once: the unique key keeps the first, not a read.
        result = await self._session.execute(
            dialect_insert(self._session, Activity)
            .values([{"user_id": user_id, "step": s, "item_id": i, "at": now} for s, i in new])
            .on_conflict_do_nothing(index_elements=["user_id", "step", "item_id"])
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
