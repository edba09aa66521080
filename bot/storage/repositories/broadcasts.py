"""Staff broadcasts and their outbox: the segment as one SQL condition, deliveries written by
one INSERT … SELECT, and every status change a conditional update."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    Table,
    and_,
    bindparam,
    cast,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ports import (
    BROADCAST_CANCELLED,
    BROADCAST_DONE,
    BROADCAST_PAUSED,
    BROADCAST_SENDING,
    DELIVERY_CANCELLED,
    DELIVERY_CLAIMED,
    DELIVERY_PENDING,
    DELIVERY_SENDING,
    DELIVERY_SKIPPED,
    DELIVERY_UNKNOWN,
    OPEN_DELIVERIES,
    BroadcastRecord,
    DeliveryRecord,
    NewBroadcast,
    Segment,
)
from bot.storage.models import Booking, Broadcast, BroadcastDelivery, Consent, User

MAILING = "mailing"  # the consent kind (bot.services.consent.MAILING)
# A booking that took place or stands: not a hold nobody confirmed, not a cancelled one.
BOOKED_STATUSES = ("booked", "attended", "no_show")
SKIPPED_DETAIL = "no longer takes mailings"

_DELIVERY_COLUMNS = (
    BroadcastDelivery.id,
    BroadcastDelivery.broadcast_id,
    BroadcastDelivery.user_id,
    BroadcastDelivery.status,
    BroadcastDelivery.attempts,
)


def _broadcast(row: Broadcast) -> BroadcastRecord:
    return BroadcastRecord(
        id=row.id,
        author_id=row.author_id,
        kind=row.kind,
        text=row.text,
        entities=list(row.entities or []),
        file_id=row.file_id,
        button_text=row.button_text,
        button_url=row.button_url,
        button_data=row.button_data,
        segment=dict(row.segment or {}),
        paid=row.paid,
        status=row.status,
        total=row.total,
        created_at=row.created_at,
        finished_at=row.finished_at,
        progress_chat_id=row.progress_chat_id,
        progress_message_id=row.progress_message_id,
        progress_at=row.progress_at,
    )


def _delivery(row: Any) -> DeliveryRecord:
    return DeliveryRecord(
        id=row.id,
        broadcast_id=row.broadcast_id,
        user_id=row.user_id,
        status=row.status,
        attempts=row.attempts,
    )


def _takes_mailings(user_id: Any) -> ColumnElement[bool]:
    """Not blocked, and an active mailing consent: the rule every segment starts from."""
    consent = exists().where(
        Consent.user_id == user_id, Consent.kind == MAILING, Consent.withdrawn_at.is_(None)
    )
    blocked = exists().where(User.telegram_id == user_id, User.is_blocked.is_(True))
    return and_(consent, ~blocked)


def _segment_conditions(segment: Segment) -> list[ColumnElement[bool]]:
    """One condition per chosen dimension (AND); the values of one dimension are OR-ed."""
    conditions: list[ColumnElement[bool]] = [
        User.is_blocked.is_(False),
        exists().where(
            Consent.user_id == User.telegram_id,
            Consent.kind == MAILING,
            Consent.withdrawn_at.is_(None),
        ),
    ]
    if segment.roles:
        conditions.append(User.role.in_(segment.roles))
    if segment.regions:
        conditions.append(User.region.in_(segment.regions))
    if segment.interests:
        # Interests are a JSON list of words from a fixed vocabulary (no quotes, checked by
        # the service): a quoted word in its text is an element, on SQLite and PostgreSQL.
        text = cast(User.interests, String)
        conditions.append(or_(*(text.like(f'%"{word}"%') for word in segment.interests)))
    if segment.with_bookings:
        conditions.append(
            exists().where(Booking.user_id == User.telegram_id, Booking.status.in_(BOOKED_STATUSES))
        )
    return conditions


def cast_table(table: Any) -> Table:
    assert isinstance(table, Table)
    return table


def _segment_users(segment: Segment) -> Select[Any]:
    return select(User.telegram_id).where(*_segment_conditions(segment))


# The two statements of every delivery, built once: Core, with bound parameters, so that
# sending a thousand messages a second does not build and hash a statement each time.
_DELIVERIES = cast_table(BroadcastDelivery.__table__)
_BEGIN_SEND = (
    update(_DELIVERIES)
    .where(
        _DELIVERIES.c.id == bindparam("delivery"),
        _DELIVERIES.c.status == DELIVERY_CLAIMED,
        exists().where(
            Broadcast.id == _DELIVERIES.c.broadcast_id, Broadcast.status == BROADCAST_SENDING
        ),
        _takes_mailings(_DELIVERIES.c.user_id),
    )
    .values(
        status=DELIVERY_SENDING,
        claimed_at=bindparam("now", type_=_DELIVERIES.c.claimed_at.type),
        attempts=_DELIVERIES.c.attempts + 1,
    )
    .returning(
        _DELIVERIES.c.id,
        _DELIVERIES.c.broadcast_id,
        _DELIVERIES.c.user_id,
        _DELIVERIES.c.status,
        _DELIVERIES.c.attempts,
    )
)
_FINISH = (
    update(_DELIVERIES)
    .where(_DELIVERIES.c.id == bindparam("delivery"), _DELIVERIES.c.status == bindparam("was"))
    .values(
        status=bindparam("status"),
        sent_at=bindparam("now", type_=_DELIVERIES.c.sent_at.type),
        detail=bindparam("detail"),
        attempts=_DELIVERIES.c.attempts + bindparam("add_attempts"),
    )
)


class SqlBroadcastRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    @property
    def _postgres(self) -> bool:
        return self._session.get_bind().dialect.name == "postgresql"

    async def count_segment(self, segment: Segment) -> int:
        count = await self._session.scalar(
            select(func.count()).select_from(_segment_users(segment).subquery())
        )
        return int(count or 0)

    async def segment_regions(self, segment: Segment) -> list[tuple[str, int]]:
        wider = Segment(
            roles=segment.roles,
            interests=segment.interests,
            with_bookings=segment.with_bookings,
        )
        rows = await self._session.execute(
            select(User.region, func.count())
            .where(*_segment_conditions(wider), User.region.is_not(None))
            .group_by(User.region)
            .order_by(func.count().desc(), User.region)
        )
        return [(str(region), int(count)) for region, count in rows]

    async def create(self, broadcast: NewBroadcast, now: datetime) -> BroadcastRecord:
        row = Broadcast(
            author_id=broadcast.author_id,
            kind=broadcast.kind,
            text=broadcast.text,
            entities=broadcast.entities,
            file_id=broadcast.file_id,
            button_text=broadcast.button_text,
            button_url=broadcast.button_url,
            button_data=broadcast.button_data,
            segment=asdict(broadcast.segment),
            paid=broadcast.paid,
            status=BROADCAST_SENDING,
            total=0,
            created_at=now,
            progress_at=now,  # the progress message is sent as it starts
        )
        self._session.add(row)
        await self._session.flush()
        recipients = _segment_users(broadcast.segment).with_only_columns(
            literal(row.id), User.telegram_id, literal(DELIVERY_PENDING), literal(0)
        )
        result = await self._session.execute(
            insert(BroadcastDelivery).from_select(
                ["broadcast_id", "user_id", "status", "attempts"],
                recipients.order_by(User.telegram_id),
            )
        )
        row.total = int(getattr(result, "rowcount", 0) or 0)
        await self._session.flush()
        return _broadcast(row)

    async def get(self, broadcast_id: int) -> BroadcastRecord | None:
        row = await self._session.get(Broadcast, broadcast_id, populate_existing=True)
        return _broadcast(row) if row is not None else None

    async def set_progress_message(self, broadcast_id: int, chat_id: int, message_id: int) -> None:
        await self._session.execute(
            update(Broadcast)
            .where(Broadcast.id == broadcast_id)
            .values(progress_chat_id=chat_id, progress_message_id=message_id)
            .execution_options(synchronize_session=False)
        )

    async def set_status(
        self, broadcast_id: int, status: str, now: datetime, *, was: tuple[str, ...]
    ) -> bool:
        values: dict[str, Any] = {"status": status}
        if status not in (BROADCAST_SENDING, BROADCAST_PAUSED):
            values["finished_at"] = now
        result = await self._session.execute(
            update(Broadcast)
            .where(Broadcast.id == broadcast_id, Broadcast.status.in_(was))
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def cancel_open(self, broadcast_id: int) -> int:
        result = await self._session.execute(
            update(BroadcastDelivery)
            .where(
                BroadcastDelivery.broadcast_id == broadcast_id,
                BroadcastDelivery.status.in_((DELIVERY_PENDING, DELIVERY_CLAIMED)),
            )
            .values(status=DELIVERY_CANCELLED)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def with_status(self, statuses: tuple[str, ...]) -> list[BroadcastRecord]:
        rows = await self._session.scalars(
            select(Broadcast)
            .where(Broadcast.status.in_(statuses))
            .order_by(Broadcast.id)
            .execution_options(populate_existing=True)
        )
        return [_broadcast(row) for row in rows]

    async def claim(self, broadcast_id: int, now: datetime, limit: int) -> list[DeliveryRecord]:
        due = (
            select(BroadcastDelivery.id)
            .where(
                BroadcastDelivery.broadcast_id == broadcast_id,
                BroadcastDelivery.status == DELIVERY_PENDING,
                or_(BroadcastDelivery.not_before.is_(None), BroadcastDelivery.not_before <= now),
            )
            .order_by(BroadcastDelivery.id)
            .limit(limit)
        )
        if self._postgres:
            # Two senders skip each other's rows instead of queueing behind them.
            due = due.with_for_update(skip_locked=True)
        # One statement: SQLite takes the write lock at once, PostgreSQL locks as it selects.
        # A CTE, not a subquery: PostgreSQL may run an IN (subquery) more than once, and
        # with SKIP LOCKED each run finds other rows, so LIMIT would not bound the claim.
        # The status condition keeps a row another claimer took out of this claim.
        chosen = due.cte("due")
        rows = await self._session.execute(
            update(BroadcastDelivery)
            .where(
                BroadcastDelivery.id.in_(select(chosen.c.id)),
                BroadcastDelivery.status == DELIVERY_PENDING,
            )
            .values(status=DELIVERY_CLAIMED, claimed_at=now)
            .returning(*_DELIVERY_COLUMNS)
            .execution_options(synchronize_session=False)
        )
        return sorted((_delivery(row) for row in rows), key=lambda d: d.id)

    async def begin_send(self, delivery_id: int, now: datetime) -> DeliveryRecord | None:
        result = await self._session.execute(_BEGIN_SEND, {"delivery": delivery_id, "now": now})
        row = result.first()
        return _delivery(row) if row is not None else None

    async def skip_if_unwanted(self, delivery_id: int, now: datetime) -> bool:
        result = await self._session.execute(
            update(BroadcastDelivery)
            .where(
                BroadcastDelivery.id == delivery_id,
                BroadcastDelivery.status == DELIVERY_CLAIMED,
                ~_takes_mailings(BroadcastDelivery.user_id),
            )
            .values(status=DELIVERY_SKIPPED, sent_at=now, detail=SKIPPED_DETAIL)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def finish(
        self,
        delivery_id: int,
        status: str,
        now: datetime,
        detail: str | None,
        *,
        was: str = DELIVERY_SENDING,
        add_attempts: int = 0,
    ) -> bool:
        result = await self._session.execute(
            _FINISH,
            {
                "delivery": delivery_id,
                "was": was,
                "status": status,
                "now": now,
                "detail": detail[:200] if detail else None,
                "add_attempts": add_attempts,
            },
        )
        return bool(getattr(result, "rowcount", 0))

    async def release(
        self,
        delivery_id: int,
        not_before: datetime | None,
        detail: str | None,
        *,
        was: str = DELIVERY_SENDING,
        add_attempts: int = 0,
    ) -> bool:
        result = await self._session.execute(
            update(BroadcastDelivery)
            .where(BroadcastDelivery.id == delivery_id, BroadcastDelivery.status == was)
            .values(
                status=DELIVERY_PENDING,
                not_before=not_before,
                detail=detail[:200] if detail else None,
                attempts=BroadcastDelivery.attempts + add_attempts,
            )
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def counts(self, broadcast_id: int) -> dict[str, int]:
        rows = await self._session.execute(
            select(BroadcastDelivery.status, func.count())
            .where(BroadcastDelivery.broadcast_id == broadcast_id)
            .group_by(BroadcastDelivery.status)
        )
        return {str(status): int(count) for status, count in rows}

    async def next_retry(self, broadcast_id: int) -> datetime | None:
        value: datetime | None = await self._session.scalar(
            select(func.min(BroadcastDelivery.not_before)).where(
                BroadcastDelivery.broadcast_id == broadcast_id,
                BroadcastDelivery.status == DELIVERY_PENDING,
            )
        )
        if value is not None and value.tzinfo is None:  # SQLite drops the offset of min()
            value = value.replace(tzinfo=UTC)
        return value

    async def mark_progress(self, broadcast_id: int, now: datetime) -> None:
        await self._session.execute(
            update(Broadcast)
            .where(Broadcast.id == broadcast_id)
            .values(progress_at=now)
            .execution_options(synchronize_session=False)
        )

    async def finish_if_done(self, broadcast_id: int, now: datetime) -> bool:
        still_open = exists().where(
            BroadcastDelivery.broadcast_id == broadcast_id,
            BroadcastDelivery.status.in_(OPEN_DELIVERIES),
        )
        result = await self._session.execute(
            update(Broadcast)
            .where(Broadcast.id == broadcast_id, Broadcast.status == BROADCAST_SENDING, ~still_open)
            .values(status=BROADCAST_DONE, finished_at=now)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def close_cancelled(self, now: datetime) -> list[int]:
        in_flight = exists().where(
            BroadcastDelivery.broadcast_id == Broadcast.id,
            BroadcastDelivery.status.in_(OPEN_DELIVERIES),
        )
        unreported = (
            Broadcast.status == BROADCAST_CANCELLED,
            or_(Broadcast.progress_at.is_(None), Broadcast.progress_at < Broadcast.finished_at),
            ~in_flight,
        )
        # A read first: the sender asks every poll, and on SQLite an UPDATE takes the write
        # lock even when it changes nothing.
        if not list(await self._session.scalars(select(Broadcast.id).where(*unreported))):
            return []
        rows = await self._session.execute(
            update(Broadcast)
            .where(*unreported)
            .values(progress_at=now)
            .returning(Broadcast.id)
            .execution_options(synchronize_session=False)
        )
        return sorted(int(row.id) for row in rows)

    async def requeue_claimed(self) -> int:
        result = await self._session.execute(
            update(BroadcastDelivery)
            .where(BroadcastDelivery.status == DELIVERY_CLAIMED)
            .values(status=DELIVERY_PENDING, claimed_at=None)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def settle_sending(self, now: datetime, detail: str) -> int:
        result = await self._session.execute(
            update(BroadcastDelivery)
            .where(BroadcastDelivery.status == DELIVERY_SENDING)
            .values(status=DELIVERY_UNKNOWN, sent_at=now, detail=detail[:200])
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)
