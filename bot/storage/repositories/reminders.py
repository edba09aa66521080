"""Reminders: one row per kind, subject and user; every status change is conditional."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ports import (
    REMINDER_CANCELLED,
    REMINDER_CLAIMED,
    REMINDER_PENDING,
    REMINDER_SENDING,
    ReminderRecord,
)
from bot.storage.models import Reminder
from bot.storage.upsert import dialect_insert


def _record(row: Reminder) -> ReminderRecord:
    return ReminderRecord(
        id=row.id,
        kind=row.kind,
        subject=row.subject,
        user_id=row.user_id,
        due_at=row.due_at,
        status=row.status,
        attempts=row.attempts,
    )


class SqlReminderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def schedule(self, kind: str, subject: str, user_id: int, due_at: datetime) -> None:
        statement = dialect_insert(self._session, Reminder).values(
            kind=kind,
            subject=subject,
            user_id=user_id,
            due_at=due_at,
            status=REMINDER_PENDING,
            attempts=0,
        )
        # A pending reminder moves with its subject (a rescheduled booking); one that was
        # already sent or dropped stays settled.
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["kind", "subject", "user_id"],
                set_={"due_at": due_at},
                where=Reminder.status == REMINDER_PENDING,
            )
        )

    async def add_settled(
        self, kind: str, subject: str, user_id: int, now: datetime, detail: str
    ) -> None:
        statement = dialect_insert(self._session, Reminder).values(
            kind=kind,
            subject=subject,
            user_id=user_id,
            due_at=now,
            status=REMINDER_CANCELLED,
            attempts=0,
            detail=detail[:200],
        )
        await self._session.execute(
            statement.on_conflict_do_nothing(index_elements=["kind", "subject", "user_id"])
        )

    async def cancel(self, subject: str, kinds: tuple[str, ...]) -> int:
        # A claimed reminder has not been handed to Telegram yet: cancelled now, its sender
        # finds it no longer claimed and leaves it alone.
        result = await self._session.execute(
            update(Reminder)
            .where(
                Reminder.subject == subject,
                Reminder.kind.in_(kinds),
                Reminder.status.in_((REMINDER_PENDING, REMINDER_CLAIMED)),
            )
            .values(status=REMINDER_CANCELLED)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def claim_due(self, now: datetime, limit: int) -> list[ReminderRecord]:
        due = (
            select(Reminder.id)
            .where(Reminder.status == REMINDER_PENDING, Reminder.due_at <= now)
            .order_by(Reminder.due_at, Reminder.id)
            .limit(limit)
        )
        if self._session.get_bind().dialect.name == "postgresql":
            # Two senders skip each other's rows instead of queueing behind them.
            due = due.with_for_update(skip_locked=True)
        ids = list(await self._session.scalars(due))
        if not ids:
            return []
        # The status condition makes the claim safe where SKIP LOCKED does not exist (SQLite
        # serialises writers anyway): a row another claimer took is no longer pending. A
        # claim is no attempt: nothing is counted until a reminder is handed to Telegram.
        rows = await self._session.scalars(
            update(Reminder)
            .where(Reminder.id.in_(ids), Reminder.status == REMINDER_PENDING)
            .values(status=REMINDER_CLAIMED, claimed_at=now)
            .returning(Reminder)
        )
        return sorted((_record(row) for row in rows), key=lambda r: (r.due_at, r.id))

    async def begin_send(self, reminder_id: int, now: datetime) -> ReminderRecord | None:
        # The one transition into «sending»: of two senders holding the same claimed row (a
        # lease lost mid-pass, a row given back and claimed again), exactly one gets it.
        row = await self._session.scalar(
            update(Reminder)
            .where(Reminder.id == reminder_id, Reminder.status == REMINDER_CLAIMED)
            .values(status=REMINDER_SENDING, claimed_at=now, attempts=Reminder.attempts + 1)
            .returning(Reminder)
        )
        return _record(row) if row is not None else None

    async def finish(
        self,
        reminder_id: int,
        status: str,
        now: datetime,
        detail: str | None,
        *,
        was: str = REMINDER_SENDING,
        add_attempts: int = 0,
    ) -> bool:
        result = await self._session.execute(
            update(Reminder)
            .where(Reminder.id == reminder_id, Reminder.status == was)
            .values(
                status=status,
                sent_at=now,
                detail=detail[:200] if detail else None,
                attempts=Reminder.attempts + add_attempts,
            )
        )
        return bool(getattr(result, "rowcount", 0))

    async def release(
        self,
        reminder_id: int,
        due_at: datetime,
        detail: str | None,
        *,
        was: str = REMINDER_SENDING,
        add_attempts: int = 0,
    ) -> bool:
        result = await self._session.execute(
            update(Reminder)
            .where(Reminder.id == reminder_id, Reminder.status == was)
            .values(
                status=REMINDER_PENDING,
                due_at=due_at,
                detail=detail[:200] if detail else None,
                attempts=Reminder.attempts + add_attempts,
            )
        )
        return bool(getattr(result, "rowcount", 0))

    async def stuck(self, claimed_before: datetime) -> list[ReminderRecord]:
        rows = await self._session.scalars(
            select(Reminder)
            .where(
                Reminder.status.in_((REMINDER_CLAIMED, REMINDER_SENDING)),
                Reminder.claimed_at < claimed_before,
            )
            .order_by(Reminder.id)
        )
        return [_record(row) for row in rows]

    async def list_for(self, user_id: int) -> list[ReminderRecord]:
        rows = await self._session.scalars(
            select(Reminder).where(Reminder.user_id == user_id).order_by(Reminder.due_at)
        )
        return [_record(row) for row in rows]
