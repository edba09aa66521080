"""Staff rights granted in the bot, and the log of events staff created or changed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ports import EventEditRecord
from bot.services.staff import StaffGrant
from bot.storage.models import EventEdit
from bot.storage.models import StaffGrant as StaffGrantRow
from bot.storage.upsert import dialect_insert


def _grant(row: StaffGrantRow) -> StaffGrant:
    return StaffGrant(
        telegram_id=row.user_id,
        region=row.region,
        granted_by=row.granted_by,
        granted_at=row.granted_at,
    )


class SqlStaffGrantRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def all(self) -> list[StaffGrant]:
        rows = await self._session.scalars(select(StaffGrantRow).order_by(StaffGrantRow.user_id))
        return [_grant(row) for row in rows]

    async def grant(
        self, telegram_id: int, region: str | None, granted_by: int, now: datetime
    ) -> StaffGrant:
        # Two admins granting at once leave one row: the primary key decides, not a read.
        values = {"region": region, "granted_by": granted_by, "granted_at": now}
        await self._session.execute(
            dialect_insert(self._session, StaffGrantRow)
            .values(user_id=telegram_id, role="staff", **values)
            .on_conflict_do_update(index_elements=["user_id"], set_=values)
        )
        return StaffGrant(telegram_id, region, granted_by, now)

    async def revoke(self, telegram_id: int) -> bool:
        removed = await self._session.scalar(
            delete(StaffGrantRow)
            .where(StaffGrantRow.user_id == telegram_id)
            .returning(StaffGrantRow.user_id)
        )
        return removed is not None


class SqlEventEditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(
        self, event_id: str, staff_id: int, action: str, fields: tuple[str, ...], now: datetime
    ) -> None:
        self._session.add(
            EventEdit(
                event_id=event_id, staff_id=staff_id, action=action, fields=list(fields), at=now
            )
        )
        await self._session.flush()

    async def for_event(self, event_id: str) -> list[EventEditRecord]:
        rows = await self._session.scalars(
            select(EventEdit).where(EventEdit.event_id == event_id).order_by(EventEdit.id)
        )
        return [
            EventEditRecord(row.event_id, row.staff_id, row.action, tuple(row.fields), row.at)
            for row in rows
        ]
