"""Grouped counts for staff analytics, by SQL over the real tables at the moment of asking.

Two things SQLite and PostgreSQL spell differently are kept here: the Monday a moment's week
starts on (UTC), and the elements of a JSON list (the interests)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, case, cast, func, literal, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from bot.services.activity import FUNNEL
from bot.services.analytics.ports import (
    BookingRow,
    BroadcastReach,
    BroadcastReport,
    ExportRecord,
    SubscriberRow,
    WeekCount,
)
from bot.storage.models import (
    Activity,
    Booking,
    Broadcast,
    BroadcastDelivery,
    CatalogueGap,
    ExportLog,
    Feedback,
    Reminder,
    Subscription,
    User,
    WaitlistEntry,
)

_NOT_HOLDS = ("booked", "attended", "no_show", "cancelled_user", "cancelled_staff")
_OPEN_WAITLIST = ("waiting", "offered")


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


class SqlAnalyticsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._postgres = session.get_bind().dialect.name == "postgresql"

    def _week(self, column: Any) -> ColumnElement[Any]:
        if self._postgres:
            return cast(func.date_trunc("week", func.timezone("UTC", column)), Date)
        # SQLite keeps UTC text; six days back, then on to a Monday: the week's Monday.
        return func.date(column, "-6 days", "weekday 1")

    @staticmethod
    def _cohort(since: datetime | None, region: str | None) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if since is not None:
            conditions.append(User.created_at >= since)
        if region is not None:
            conditions.append(User.region == region)
        return conditions

    @staticmethod
    def _in_region(region: str | None) -> list[ColumnElement[bool]]:
        return [] if region is None else [User.region == region]

    async def new_users(self, since: datetime | None, region: str | None) -> list[WeekCount]:
        week = self._week(User.created_at).label("week")
        rows = await self._session.execute(
            select(week, User.role, func.count())
            .where(*self._cohort(since, region))
            .group_by(week, User.role)
            .order_by(week)
        )
        return [WeekCount(_as_date(w), role, int(n)) for w, role, n in rows]

    async def funnel(self, since: datetime | None, region: str | None) -> dict[str, int]:
        rows = await self._session.execute(
            select(Activity.step, func.count(func.distinct(Activity.user_id)))
            .join(User, User.telegram_id == Activity.user_id)
            .where(Activity.step.in_([s.value for s in FUNNEL]), *self._cohort(since, region))
            .group_by(Activity.step)
        )
        return {step: int(n) for step, n in rows}

    async def funnel_by_week(self, since: datetime | None, region: str | None) -> list[WeekCount]:
        week = self._week(User.created_at).label("week")
        rows = await self._session.execute(
            select(week, Activity.step, func.count(func.distinct(Activity.user_id)))
            .join(User, User.telegram_id == Activity.user_id)
            .where(Activity.step.in_([s.value for s in FUNNEL]), *self._cohort(since, region))
            .group_by(week, Activity.step)
            .order_by(week)
        )
        return [WeekCount(_as_date(w), step, int(n)) for w, step, n in rows]

    async def sources(self, since: datetime | None, region: str | None) -> dict[str, int]:
        rows = await self._session.execute(
            select(User.source, func.count())
            .where(User.source.is_not(None), *self._cohort(since, region))
            .group_by(User.source)
        )
        return {str(source): int(n) for source, n in rows}

    async def interests(self, since: datetime | None, region: str | None) -> dict[str, int]:
        if self._postgres:
            # A JSON null or a non-list would make the function fail: read those as no list.
            interests = case(
                (func.json_typeof(User.interests) == "array", User.interests),
                else_=cast(literal("[]"), JSON),
            )
            chosen = func.json_array_elements_text(interests).table_valued("value")
        else:
            chosen = func.json_each(User.interests).table_valued("value")
        chosen = chosen.alias("chosen")
        rows = await self._session.execute(
            select(chosen.c.value, func.count())
            .select_from(User)
            .join(chosen, true())
            .where(
                User.interests.is_not(None),
                chosen.c.value.is_not(None),
                *self._cohort(since, region),
            )
            .group_by(chosen.c.value)
        )
        return {str(value): int(n) for value, n in rows}

    async def items(self, step: str, since: datetime | None, region: str | None) -> dict[str, int]:
        conditions = [Activity.step == step, *self._in_region(region)]
        if since is not None:
            conditions.append(Activity.at >= since)
        rows = await self._session.execute(
            select(Activity.item_id, func.count(func.distinct(Activity.user_id)))
            .join(User, User.telegram_id == Activity.user_id)
            .where(*conditions)
            .group_by(Activity.item_id)
        )
        return {item: int(n) for item, n in rows}

    async def votes(self, since: datetime | None, region: str | None) -> dict[str, tuple[int, int]]:
        conditions = list(self._in_region(region))
        if since is not None:
            conditions.append(Feedback.created_at >= since)
        up = func.sum(case((Feedback.vote > 0, 1), else_=0))
        down = func.sum(case((Feedback.vote < 0, 1), else_=0))
        rows = await self._session.execute(
            select(Feedback.item_id, up, down)
            .join(User, User.telegram_id == Feedback.user_id)
            .where(*conditions)
            .group_by(Feedback.item_id)
        )
        return {item: (int(u or 0), int(d or 0)) for item, u, d in rows}

    @staticmethod
    def _booking_scope(
        since: datetime | None, centres: Sequence[str] | None
    ) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = [Booking.status.in_(_NOT_HOLDS)]
        if since is not None:
            conditions.append(Booking.starts_at >= since)
        if centres is not None:
            conditions.append(Booking.centre.in_(list(centres)))
        return conditions

    async def bookings(
        self, since: datetime | None, centres: Sequence[str] | None
    ) -> dict[tuple[str, str], int]:
        rows = await self._session.execute(
            select(Booking.centre, Booking.status, func.count())
            .where(*self._booking_scope(since, centres))
            .group_by(Booking.centre, Booking.status)
        )
        return {(centre, status): int(n) for centre, status, n in rows}

    async def waitlist(self, centres: Sequence[str] | None) -> dict[str, int]:
        conditions = [WaitlistEntry.status.in_(_OPEN_WAITLIST)]
        if centres is not None:
            conditions.append(WaitlistEntry.centre.in_(list(centres)))
        rows = await self._session.execute(
            select(WaitlistEntry.centre, func.count())
            .where(*conditions)
            .group_by(WaitlistEntry.centre)
        )
        return {centre: int(n) for centre, n in rows}

    async def subscriptions(
        self, since: datetime | None, region: str | None
    ) -> dict[str, tuple[int, int]]:
        conditions = list(self._in_region(region))
        if since is not None:
            conditions.append(Subscription.created_at >= since)
        rows = await self._session.execute(
            select(
                Subscription.topic_kind,
                func.count(),
                func.count(func.distinct(Subscription.user_id)),
            )
            .join(User, User.telegram_id == Subscription.user_id)
            .where(*conditions)
            .group_by(Subscription.topic_kind)
        )
        return {kind: (int(n), int(people)) for kind, n, people in rows}

    async def reminders_sent(self, since: datetime | None, region: str | None) -> dict[str, int]:
        conditions = [Reminder.status == "sent", *self._in_region(region)]
        if since is not None:
            conditions.append(Reminder.sent_at >= since)
        rows = await self._session.execute(
            select(Reminder.kind, func.count())
            .join(User, User.telegram_id == Reminder.user_id)
            .where(*conditions)
            .group_by(Reminder.kind)
        )
        return {kind: int(n) for kind, n in rows}

    def _deliveries(self, since: datetime | None, region: str | None) -> list[ColumnElement[bool]]:
        conditions = list(self._in_region(region))
        if since is not None:
            conditions.append(Broadcast.created_at >= since)
        return conditions

    async def broadcast_reach(self, since: datetime | None, region: str | None) -> BroadcastReach:
        rows = await self._session.execute(
            select(BroadcastDelivery.status, func.count())
            .join(Broadcast, Broadcast.id == BroadcastDelivery.broadcast_id)
            .join(User, User.telegram_id == BroadcastDelivery.user_id)
            .where(*self._deliveries(since, region))
            .group_by(BroadcastDelivery.status)
        )
        by_status = {status: int(n) for status, n in rows}
        count = await self._session.scalar(
            select(func.count(func.distinct(BroadcastDelivery.broadcast_id)))
            .join(Broadcast, Broadcast.id == BroadcastDelivery.broadcast_id)
            .join(User, User.telegram_id == BroadcastDelivery.user_id)
            .where(*self._deliveries(since, region))
        )
        return BroadcastReach(broadcasts=int(count or 0), by_status=by_status)

    async def booking_rows(
        self, since: datetime | None, centres: Sequence[str] | None
    ) -> list[BookingRow]:
        rows = await self._session.scalars(
            select(Booking)
            .where(*self._booking_scope(since, centres))
            .order_by(Booking.centre, Booking.starts_at, Booking.id)
        )
        return [
            BookingRow(
                id=row.id,
                user_id=row.user_id,
                centre=row.centre,
                starts_at=row.starts_at,
                format=row.format,
                topic=row.topic,
                phone=row.phone,
                status=row.status,
                created_at=row.created_at,
            )
            for row in rows
        ]

    async def subscriber_rows(
        self, since: datetime | None, region: str | None
    ) -> list[SubscriberRow]:
        conditions = list(self._in_region(region))
        if since is not None:
            conditions.append(Subscription.created_at >= since)
        rows = await self._session.scalars(
            select(Subscription)
            .join(User, User.telegram_id == Subscription.user_id)
            .where(*conditions)
            .order_by(Subscription.topic_kind, Subscription.topic_value, Subscription.id)
        )
        return [
            SubscriberRow(row.user_id, row.topic_kind, row.topic_value, row.created_at)
            for row in rows
        ]

    async def broadcast_reports(
        self, since: datetime | None, region: str | None
    ) -> list[BroadcastReport]:
        rows = await self._session.execute(
            select(
                Broadcast.id,
                Broadcast.created_at,
                Broadcast.text,
                Broadcast.status,
                BroadcastDelivery.status,
                func.count(),
            )
            .join(BroadcastDelivery, Broadcast.id == BroadcastDelivery.broadcast_id)
            .join(User, User.telegram_id == BroadcastDelivery.user_id)
            .where(*self._deliveries(since, region))
            .group_by(
                Broadcast.id,
                Broadcast.created_at,
                Broadcast.text,
                Broadcast.status,
                BroadcastDelivery.status,
            )
            .order_by(Broadcast.id)
        )
        reports: dict[int, BroadcastReport] = {}
        for broadcast_id, created_at, body, status, delivery, n in rows:
            report = reports.setdefault(
                broadcast_id, BroadcastReport(broadcast_id, created_at, body, status, {})
            )
            report.by_status[delivery] = int(n)
        return list(reports.values())


class SqlCatalogueGapRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, text: str, region: str | None, now: datetime) -> None:
        self._session.add(CatalogueGap(text=text, region=region, at=now))
        await self._session.flush()

    async def texts(self, since: datetime | None, region: str | None, limit: int) -> list[str]:
        conditions: list[ColumnElement[bool]] = []
        if since is not None:
            conditions.append(CatalogueGap.at >= since)
        if region is not None:
            conditions.append(CatalogueGap.region == region)
        rows = await self._session.scalars(
            select(CatalogueGap.text)
            .where(*conditions)
            .order_by(CatalogueGap.at.desc(), CatalogueGap.id.desc())
            .limit(limit)
        )
        return list(rows)


class SqlExportLogRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, record: ExportRecord, now: datetime) -> None:
        self._session.add(
            ExportLog(
                staff_id=record.staff_id,
                via=record.via,
                what=record.what,
                period=record.period,
                region=record.region,
                personal=record.personal,
                rows=record.rows,
                at=now,
            )
        )
        await self._session.flush()
