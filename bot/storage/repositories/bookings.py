"""Bookings, the waitlist and closed days. A seat is taken by an insert the partial unique
index admits or refuses; every status change is a conditional update that reports whether
it happened, so two people (or two staff) never both win."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ports import (
    ATTENDED,
    BOOKED,
    CANCELLED_BY_STAFF,
    EXPIRED,
    HELD,
    LEFT,
    NO_SHOW,
    OFFERED,
    WAITING,
    WAITLIST_HANDLED,
    BookingRecord,
    NewHold,
    WaitlistRecord,
)
from bot.storage.models import Booking, BookingHistory, CentreSchedule, ClosedDay, WaitlistEntry
from bot.storage.upsert import dialect_insert

_KEPT = (BOOKED, ATTENDED, NO_SHOW)


def _record(row: Booking) -> BookingRecord:
    return BookingRecord(
        id=row.id,
        user_id=row.user_id,
        centre=row.centre,
        seat=row.seat,
        seat_no=row.seat_no,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        format=row.format,
        topic=row.topic,
        item_id=row.item_id,
        phone=row.phone,
        status=row.status,
        hold_expires_at=row.hold_expires_at,
        confirmed_at=row.confirmed_at,
        rescheduled_from=row.rescheduled_from,
        created_at=row.created_at,
    )


def _rowcount(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


class SqlBookingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def taken(
        self, centre: str, seat: str, start: datetime, end: datetime, now: datetime
    ) -> list[tuple[datetime, datetime]]:
        rows = await self._session.execute(
            select(Booking.starts_at, Booking.ends_at).where(
                Booking.centre == centre,
                Booking.seat == seat,
                Booking.starts_at < end,
                Booking.ends_at > start,
                or_(
                    Booking.status.in_(_KEPT),
                    (Booking.status == HELD) & (Booking.hold_expires_at > now),
                ),
            )
        )
        return [(starts, ends) for starts, ends in rows.all()]

    async def try_hold(self, hold: NewHold, now: datetime) -> BookingRecord | None:
        # An abandoned hold frees its seat here, by a conditional update, before the insert.
        await self._session.execute(
            update(Booking)
            .where(
                Booking.centre == hold.centre,
                Booking.seat == hold.seat,
                Booking.starts_at == hold.starts_at,
                Booking.status == HELD,
                Booking.hold_expires_at <= now,
            )
            .values(status=EXPIRED, updated_at=now)
        )
        for place in range(1, hold.places + 1):
            # ON CONFLICT DO NOTHING with no target yields to every unique index: the taken
            # seat of the slot, and the user's own booking at the same start.
            booking_id = await self._session.scalar(
                dialect_insert(self._session, Booking)
                .values(
                    user_id=hold.user_id,
                    centre=hold.centre,
                    seat=hold.seat,
                    seat_no=place,
                    starts_at=hold.starts_at,
                    ends_at=hold.ends_at,
                    format=hold.format,
                    topic=hold.topic,
                    item_id=hold.item_id,
                    status=HELD,
                    hold_expires_at=hold.expires_at,
                    rescheduled_from=hold.rescheduled_from,
                    created_at=now,
                    updated_at=now,
                )
                .on_conflict_do_nothing()
                .returning(Booking.id)
            )
            if booking_id is not None:
                return await self.get(booking_id)
        return None

    async def release_holds(self, user_id: int, now: datetime) -> int:
        result = await self._session.execute(
            update(Booking)
            .where(Booking.user_id == user_id, Booking.status == HELD)
            .values(status=EXPIRED, updated_at=now)
        )
        return _rowcount(result)

    async def confirm(
        self, booking_id: int, user_id: int, phone: str | None, now: datetime
    ) -> bool:
        result = await self._session.execute(
            update(Booking)
            .where(Booking.id == booking_id, Booking.user_id == user_id, Booking.status == HELD)
            .values(status=BOOKED, phone=phone, hold_expires_at=None, updated_at=now)
        )
        return _rowcount(result) == 1

    async def cancel(
        self,
        booking_id: int,
        status: str,
        now: datetime,
        *,
        user_id: int | None,
        not_after: datetime | None,
    ) -> bool:
        conditions = [Booking.id == booking_id, Booking.status == BOOKED]
        if user_id is not None:
            conditions.append(Booking.user_id == user_id)
        if not_after is not None:
            conditions.append(Booking.starts_at > not_after)
        result = await self._session.execute(
            update(Booking).where(*conditions).values(status=status, updated_at=now)
        )
        return _rowcount(result) == 1

    async def settle(self, booking_id: int, status: str, now: datetime) -> bool:
        result = await self._session.execute(
            update(Booking)
            .where(
                Booking.id == booking_id,
                Booking.status.in_((BOOKED, ATTENDED, NO_SHOW)),
                Booking.starts_at <= now,
            )
            .values(status=status, updated_at=now)
        )
        return _rowcount(result) == 1

    async def mark_confirmed(self, booking_id: int, user_id: int, now: datetime) -> bool:
        result = await self._session.execute(
            update(Booking)
            .where(Booking.id == booking_id, Booking.user_id == user_id, Booking.status == BOOKED)
            .values(confirmed_at=now, updated_at=now)
        )
        return _rowcount(result) == 1

    async def cancel_between(
        self, centre: str, start: datetime, end: datetime, now: datetime
    ) -> list[BookingRecord]:
        rows = await self._session.scalars(
            update(Booking)
            .where(
                Booking.centre == centre,
                Booking.starts_at >= start,
                Booking.starts_at < end,
                Booking.status.in_((BOOKED, HELD)),
            )
            .values(status=CANCELLED_BY_STAFF, updated_at=now)
            .returning(Booking)
        )
        return sorted((_record(row) for row in rows), key=lambda r: (r.starts_at, r.id))

    async def get(self, booking_id: int) -> BookingRecord | None:
        row = await self._session.get(Booking, booking_id, populate_existing=True)
        return _record(row) if row is not None else None

    async def upcoming_for(self, user_id: int, now: datetime) -> list[BookingRecord]:
        rows = await self._session.scalars(
            select(Booking)
            .where(Booking.user_id == user_id, Booking.status == BOOKED, Booking.ends_at > now)
            .order_by(Booking.starts_at)
        )
        return [_record(row) for row in rows]

    async def open_count(self, user_id: int, centre: str, now: datetime) -> int:
        count = await self._session.scalar(
            select(func.count())
            .select_from(Booking)
            .where(
                Booking.user_id == user_id,
                Booking.centre == centre,
                Booking.status == BOOKED,
                Booking.ends_at > now,
            )
        )
        return int(count or 0)

    async def overlapping(
        self, user_id: int, start: datetime, end: datetime, excluding: int | None
    ) -> BookingRecord | None:
        statement = select(Booking).where(
            Booking.user_id == user_id,
            Booking.status == BOOKED,
            Booking.starts_at < end,
            Booking.ends_at > start,
        )
        if excluding is not None:
            statement = statement.where(Booking.id != excluding)
        row = await self._session.scalar(statement.order_by(Booking.starts_at).limit(1))
        return _record(row) if row is not None else None

    async def between(
        self, centres: tuple[str, ...] | None, start: datetime, end: datetime
    ) -> list[BookingRecord]:
        statement = select(Booking).where(
            Booking.starts_at >= start, Booking.starts_at < end, Booking.status.in_(_KEPT)
        )
        if centres is not None:
            statement = statement.where(Booking.centre.in_(centres))
        rows = await self._session.scalars(
            statement.order_by(Booking.centre, Booking.seat, Booking.starts_at, Booking.id)
        )
        return [_record(row) for row in rows]

    async def add_history(
        self, booking_id: int, action: str, actor: int | None, now: datetime
    ) -> None:
        self._session.add(BookingHistory(booking_id=booking_id, at=now, action=action, actor=actor))
        await self._session.flush()

    async def closed_days(self, centre: str) -> set[date]:
        rows = await self._session.scalars(select(ClosedDay.day).where(ClosedDay.centre == centre))
        return set(rows)

    async def close_day(self, centre: str, day: date, staff_id: int, now: datetime) -> bool:
        result = await self._session.execute(
            dialect_insert(self._session, ClosedDay)
            .values(centre=centre, day=day, closed_by=staff_id, created_at=now)
            .on_conflict_do_nothing()
        )
        return _rowcount(result) == 1

    async def schedule(self, centre: str) -> tuple[list[dict[str, Any]], dict[str, Any]] | None:
        row = await self._session.get(CentreSchedule, centre, populate_existing=True)
        return (list(row.hours), dict(row.rules)) if row is not None else None

    async def save_schedule(
        self,
        centre: str,
        hours: list[dict[str, Any]],
        rules: dict[str, Any],
        staff_id: int,
        now: datetime,
    ) -> None:
        statement = dialect_insert(self._session, CentreSchedule).values(
            centre=centre, hours=hours, rules=rules, updated_by=staff_id, updated_at=now
        )
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["centre"],
                set_={"hours": hours, "rules": rules, "updated_by": staff_id, "updated_at": now},
            )
        )

    async def outcome_counts(
        self, centres: tuple[str, ...] | None, since: datetime
    ) -> dict[str, int]:
        statement = (
            select(Booking.status, func.count())
            .where(Booking.starts_at >= since)
            .group_by(Booking.status)
        )
        if centres is not None:
            statement = statement.where(Booking.centre.in_(centres))
        rows = await self._session.execute(statement)
        counts = {status: int(count) for status, count in rows.all()}
        confirmed = (
            select(func.count())
            .select_from(Booking)
            .where(Booking.starts_at >= since, Booking.confirmed_at.is_not(None))
        )
        if centres is not None:
            confirmed = confirmed.where(Booking.centre.in_(centres))
        counts["will_come"] = int(await self._session.scalar(confirmed) or 0)
        return counts


def _waitlist_record(row: WaitlistEntry) -> WaitlistRecord:
    return WaitlistRecord(
        id=row.id,
        user_id=row.user_id,
        centre=row.centre,
        format=row.format,
        topic=row.topic,
        item_id=row.item_id,
        status=row.status,
        offered_booking_id=row.offered_booking_id,
        created_at=row.created_at,
        taken_by=row.taken_by,
    )


_OPEN_ENTRY = (WAITING, OFFERED)


class SqlWaitlistRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def join(
        self,
        user_id: int,
        centre: str,
        format: str | None,
        topic: str,
        item_id: str | None,
        now: datetime,
    ) -> tuple[WaitlistRecord, bool]:
        entry_id = await self._session.scalar(
            dialect_insert(self._session, WaitlistEntry)
            .values(
                user_id=user_id,
                centre=centre,
                format=format,
                topic=topic,
                item_id=item_id,
                status=WAITING,
                created_at=now,
                updated_at=now,
            )
            .on_conflict_do_nothing()
            .returning(WaitlistEntry.id)
        )
        created = entry_id is not None
        row = await self._session.scalar(
            select(WaitlistEntry).where(
                WaitlistEntry.user_id == user_id,
                WaitlistEntry.centre == centre,
                WaitlistEntry.status.in_(_OPEN_ENTRY),
            )
        )
        assert row is not None  # inserted now, or the open entry that blocked the insert
        return _waitlist_record(row), created

    async def first_waiting(self, centre: str, formats: tuple[str, ...]) -> WaitlistRecord | None:
        row = await self._session.scalar(
            select(WaitlistEntry)
            .where(
                WaitlistEntry.centre == centre,
                WaitlistEntry.status == WAITING,
                or_(WaitlistEntry.format.is_(None), WaitlistEntry.format.in_(formats)),
            )
            .order_by(WaitlistEntry.created_at, WaitlistEntry.id)
            .limit(1)
        )
        return _waitlist_record(row) if row is not None else None

    async def requeue_lapsed_offers(self, centre: str, now: datetime) -> int:
        """Offers nobody confirmed in time (the hold expired or was let go) wait again, in
        their old place, for the next freed time."""
        lapsed = select(Booking.id).where(
            or_(
                Booking.status.in_((EXPIRED, CANCELLED_BY_STAFF)),
                (Booking.status == HELD) & (Booking.hold_expires_at <= now),
            )
        )
        result = await self._session.execute(
            update(WaitlistEntry)
            .where(
                WaitlistEntry.centre == centre,
                WaitlistEntry.status == OFFERED,
                WaitlistEntry.offered_booking_id.in_(lapsed),
            )
            .values(status=WAITING, offered_booking_id=None, updated_at=now)
        )
        return _rowcount(result)

    async def offer(self, entry_id: int, booking_id: int, now: datetime) -> bool:
        result = await self._session.execute(
            update(WaitlistEntry)
            .where(WaitlistEntry.id == entry_id, WaitlistEntry.status == WAITING)
            .values(status=OFFERED, offered_booking_id=booking_id, updated_at=now)
        )
        return _rowcount(result) == 1

    async def settle_offer(self, booking_id: int, status: str, now: datetime) -> bool:
        values: dict[str, object] = {"status": status, "updated_at": now}
        if status == WAITING:
            values["offered_booking_id"] = None
        result = await self._session.execute(
            update(WaitlistEntry)
            .where(WaitlistEntry.offered_booking_id == booking_id, WaitlistEntry.status == OFFERED)
            .values(**values)
        )
        return _rowcount(result) == 1

    async def leave(self, entry_id: int, user_id: int, now: datetime) -> bool:
        result = await self._session.execute(
            update(WaitlistEntry)
            .where(
                WaitlistEntry.id == entry_id,
                WaitlistEntry.user_id == user_id,
                WaitlistEntry.status.in_(_OPEN_ENTRY),
            )
            .values(status=LEFT, updated_at=now)
        )
        return _rowcount(result) == 1

    async def take(self, entry_id: int, staff_id: int, now: datetime) -> bool:
        result = await self._session.execute(
            update(WaitlistEntry)
            .where(WaitlistEntry.id == entry_id, WaitlistEntry.status.in_(_OPEN_ENTRY))
            .values(status=WAITLIST_HANDLED, taken_by=staff_id, updated_at=now)
        )
        return _rowcount(result) == 1

    async def get(self, entry_id: int) -> WaitlistRecord | None:
        row = await self._session.get(WaitlistEntry, entry_id, populate_existing=True)
        return _waitlist_record(row) if row is not None else None

    async def open_for(self, user_id: int) -> list[WaitlistRecord]:
        rows = await self._session.scalars(
            select(WaitlistEntry)
            .where(WaitlistEntry.user_id == user_id, WaitlistEntry.status.in_(_OPEN_ENTRY))
            .order_by(WaitlistEntry.created_at)
        )
        return [_waitlist_record(row) for row in rows]

    async def open_entries(self, centres: tuple[str, ...] | None) -> list[WaitlistRecord]:
        statement = select(WaitlistEntry).where(WaitlistEntry.status.in_(_OPEN_ENTRY))
        if centres is not None:
            statement = statement.where(WaitlistEntry.centre.in_(centres))
        rows = await self._session.scalars(
            statement.order_by(WaitlistEntry.created_at, WaitlistEntry.id)
        )
        return [_waitlist_record(row) for row in rows]
