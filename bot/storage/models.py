"""SQLAlchemy 2 tables. Every datetime column is timezone-aware and holds UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from bot.services.activity import ACTIVITY_STEPS

# A naming convention keeps constraint names identical on SQLite and PostgreSQL,
# which Alembic needs to drop them again on downgrade.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Refuses naive datetimes; SQLite drops the offset, so UTC is restored on the way out."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; pass an aware UTC datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UtcDateTime(), dict[str, Any]: JSON}  # noqa: RUF012


class User(Base):
    __tablename__ = "users"

    telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    language: Mapped[str | None] = mapped_column(String(8))
    role: Mapped[str | None] = mapped_column(String(32))
    region: Mapped[str | None] = mapped_column(String(16))
    timezone: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    is_blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    # The answers of onboarding; kept only after consent (152-FZ).
    grade: Mapped[int | None] = mapped_column(Integer)
    situations: Mapped[list[str] | None] = mapped_column(JSON)
    interests: Mapped[list[str] | None] = mapped_column(JSON)
    about: Mapped[str | None] = mapped_column(Text)
    riasec: Mapped[list[float] | None] = mapped_column(JSON)
    # The quiz's answers in item order (+1 like, 0 neutral, -1 dislike); riasec is made of them.
    quiz_answers: Mapped[list[int] | None] = mapped_column(JSON)
    source: Mapped[str | None] = mapped_column(String(64))  # the /start deep-link payload
    centre: Mapped[str | None] = mapped_column(String(64))
    notifications: Mapped[bool] = mapped_column(Boolean, default=True)
    onboarded_at: Mapped[datetime | None]

    consents: Mapped[list[Consent]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )


class Consent(Base):
    __tablename__ = "consents"
    __table_args__ = (
        CheckConstraint("kind IN ('personal_data', 'mailing')", name="kind"),
        # One active consent of each kind: three quick taps store one row, not three.
        Index(
            "uq_consents_active",
            "user_id",
            "kind",
            unique=True,
            postgresql_where=text("withdrawn_at IS NULL"),
            sqlite_where=text("withdrawn_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.telegram_id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(32))  # personal_data | mailing
    version: Mapped[str] = mapped_column(String(16))
    given_at: Mapped[datetime]
    withdrawn_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="consents")


class CatalogueRecord(Base):
    """One catalogue entity as validated JSON; the content hash tells matching to re-index."""

    __tablename__ = "catalogue_records"

    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    payload: Mapped[dict[str, Any]]
    content_hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime]


class Feedback(Base):
    """One user's vote on one suggestion; «не подходит» hides it from that user."""

    __tablename__ = "feedback"
    __table_args__ = (
        UniqueConstraint("user_id", "item_id"),
        CheckConstraint("vote IN (-1, 1)", name="vote"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.telegram_id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[str] = mapped_column(String(128))
    vote: Mapped[int] = mapped_column(Integer)  # +1 useful, -1 not useful / not for me
    reason: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]


class FeedbackTotal(Base):
    """Anonymous counts per item for staff analytics; they survive /forget by design."""

    __tablename__ = "feedback_totals"
    __table_args__ = (CheckConstraint("up >= 0 AND down >= 0", name="not_negative"),)

    item_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    up: Mapped[int] = mapped_column(Integer, default=0)
    down: Mapped[int] = mapped_column(Integer, default=0)


class ConsultationRequest(Base):
    __tablename__ = "consultation_requests"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'handled', 'withdrawn')", name="status"),
        # A double tap on «share contact» must not post a second request on the same topic.
        Index(
            "uq_consultation_requests_open_topic",
            "user_id",
            "topic",
            unique=True,
            postgresql_where=text("status = 'open'"),
            sqlite_where=text("status = 'open'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.telegram_id", ondelete="CASCADE"), index=True
    )
    topic: Mapped[str] = mapped_column(String(300))
    item_id: Mapped[str | None] = mapped_column(String(128))
    centre: Mapped[str | None] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))  # open | handled | withdrawn
    created_at: Mapped[datetime]
    handled_at: Mapped[datetime | None]
    handled_by: Mapped[int | None] = mapped_column(BigInteger)
    staff_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    staff_message_id: Mapped[int | None] = mapped_column(BigInteger)


class FsmRecord(Base):
    """Dialog state kept in the database, so progress survives a restart without Redis."""

    __tablename__ = "fsm_states"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    state: Mapped[str | None] = mapped_column(String(200))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime]


# A seat counts as taken by these statuses; a held seat only until its hold expires, which the
# booking repository settles with a conditional update before it tries the seat.
SEAT_TAKING_STATUSES = ("held", "booked", "attended", "no_show")
_SEAT_TAKING = "status IN ('held', 'booked', 'attended', 'no_show')"
_OPEN_BOOKING = "status IN ('held', 'booked')"


class Booking(Base):
    """One seat of one slot: held while the user confirms, then booked, then settled."""

    __tablename__ = "bookings"
    __table_args__ = (
        CheckConstraint(
            "status IN ('held', 'booked', 'cancelled_user', 'cancelled_staff', 'attended',"
            " 'no_show', 'expired')",
            name="status",
        ),
        CheckConstraint("format IN ('in_person', 'online', 'phone')", name="format"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("seat_no >= 1", name="seat_no"),
        # The one rule that makes double booking impossible, whatever runs concurrently:
        # a seat number of a slot belongs to one live booking or hold.
        Index(
            "uq_bookings_taken_seat",
            "centre",
            "seat",
            "starts_at",
            "seat_no",
            unique=True,
            postgresql_where=text(_SEAT_TAKING),
            sqlite_where=text(_SEAT_TAKING),
        ),
        # Nobody is in two places at once: one open booking per start time and person.
        Index(
            "uq_bookings_user_start",
            "user_id",
            "starts_at",
            unique=True,
            postgresql_where=text(_OPEN_BOOKING),
            sqlite_where=text(_OPEN_BOOKING),
        ),
        Index("ix_bookings_centre_starts_at", "centre", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.telegram_id", ondelete="CASCADE"), index=True
    )
    centre: Mapped[str] = mapped_column(String(64))
    seat: Mapped[str] = mapped_column(String(64))  # a consultant, a room or a phone line
    seat_no: Mapped[int] = mapped_column(Integer, default=1)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    format: Mapped[str] = mapped_column(String(16))
    topic: Mapped[str] = mapped_column(String(300))
    item_id: Mapped[str | None] = mapped_column(String(128))
    phone: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    hold_expires_at: Mapped[datetime | None]
    confirmed_at: Mapped[datetime | None]  # the user answered a reminder «I will come»
    rescheduled_from: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class BookingHistory(Base):
    """What happened to a booking and who did it: staff see it, disputes are settled by it."""

    __tablename__ = "booking_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("bookings.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime]
    action: Mapped[str] = mapped_column(String(32))
    actor: Mapped[int | None] = mapped_column(BigInteger)  # None: the bot itself


class WaitlistEntry(Base):
    """Someone who found no free slot at a centre and wants the first one that frees."""

    __tablename__ = "waitlist"
    __table_args__ = (
        CheckConstraint(
            "status IN ('waiting', 'offered', 'booked', 'left', 'handled')", name="status"
        ),
        Index(
            "uq_waitlist_open",
            "user_id",
            "centre",
            unique=True,
            postgresql_where=text("status IN ('waiting', 'offered')"),
            sqlite_where=text("status IN ('waiting', 'offered')"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.telegram_id", ondelete="CASCADE"), index=True
    )
    centre: Mapped[str] = mapped_column(String(64))
    format: Mapped[str | None] = mapped_column(String(16))
    topic: Mapped[str] = mapped_column(String(300))
    item_id: Mapped[str | None] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16))
    offered_booking_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    taken_by: Mapped[int | None] = mapped_column(BigInteger)


class ClosedDay(Base):
    """A day a centre does not receive (illness, a holiday), set by staff."""

    __tablename__ = "closed_days"

    centre: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    closed_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime]


class Reminder(Base):
    """A message due at a moment: the database, not the scheduler, knows what is due.
    Unique per kind, subject and user, so nothing is ever scheduled (or sent) twice."""

    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("kind", "subject", "user_id", name="uq_reminders_kind_subject_user"),
        CheckConstraint(
            "status IN ('pending', 'claimed', 'sending', 'sent', 'dropped', 'cancelled', 'failed')",
            name="status",
        ),
        Index("ix_reminders_status_due_at", "status", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # booking_24h, booking_2h, event_deadline…
    subject: Mapped[str] = mapped_column(String(128))  # a booking id, an event id
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.telegram_id", ondelete="CASCADE"), index=True
    )
    due_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[datetime | None]  # when claimed, then when handed to Telegram
    sent_at: Mapped[datetime | None]
    detail: Mapped[str | None] = mapped_column(String(200))  # why it was dropped or failed


class Lease(Base):
    """Which process may run the scheduler: a second worker started by mistake waits."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[datetime]


class CentreSchedule(Base):
    """Working hours and slot rules a staff member set for a centre in the bot; they replace
    the catalogue's for new slots (bookings already made stay as they are)."""

    __tablename__ = "centre_schedules"

    centre: Mapped[str] = mapped_column(String(64), primary_key=True)
    hours: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    rules: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_by: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime]


class Broadcast(Base):
    """A staff announcement to a segment of users. Its deliveries are the outbox: written
    in one transaction with this row, before anything is sent."""

    __tablename__ = "broadcasts"
    __table_args__ = (
        CheckConstraint("status IN ('sending', 'paused', 'cancelled', 'done')", name="status"),
        CheckConstraint("kind IN ('text', 'photo', 'document')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The staff member who sent it; None after they deleted their data (/forget).
    author_id: Mapped[int | None] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)  # the text, or the caption of the photo/document
    entities: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # Telegram's formatting
    file_id: Mapped[str | None] = mapped_column(String(256))
    button_text: Mapped[str | None] = mapped_column(String(64))
    button_url: Mapped[str | None] = mapped_column(String(512))
    button_data: Mapped[str | None] = mapped_column(String(64))  # an event card's callback
    segment: Mapped[dict[str, Any]] = mapped_column(JSON)  # who was chosen, for the record
    paid: Mapped[bool] = mapped_column(Boolean, default=False)  # allow_paid_broadcast
    status: Mapped[str] = mapped_column(String(16))
    total: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    progress_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    progress_message_id: Mapped[int | None] = mapped_column(BigInteger)
    progress_at: Mapped[datetime | None]  # when the progress message was last edited


class BroadcastDelivery(Base):
    """One recipient of one broadcast: pending → claimed → sending (committed right before
    Telegram is asked) → sent, blocked, failed, unknown (no answer), skipped (no longer
    wants mailings) or cancelled. Unique per broadcast and user: nobody is queued twice."""

    __tablename__ = "broadcast_deliveries"
    __table_args__ = (
        UniqueConstraint("broadcast_id", "user_id", name="uq_broadcast_deliveries_broadcast_user"),
        CheckConstraint(
            "status IN ('pending', 'claimed', 'sending', 'sent', 'blocked', 'failed', "
            "'unknown', 'skipped', 'cancelled')",
            name="status",
        ),
        Index("ix_broadcast_deliveries_queue", "broadcast_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    broadcast_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("broadcasts.id", ondelete="CASCADE")
    )
    # /forget deletes the user's deliveries with them: nothing more is sent to them.
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.telegram_id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime | None]  # a retry after a passing refusal waits till then
    claimed_at: Mapped[datetime | None]  # when claimed, then when handed to Telegram
    sent_at: Mapped[datetime | None]
    detail: Mapped[str | None] = mapped_column(String(200))  # why it failed (no user data)


class Subscription(Base):
    """What a user asked to be reminded of: one event, or a topic (a competency, an industry,
    a kind of event, a programme's start). One row per user and topic."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        UniqueConstraint(
            "user_id", "topic_kind", "topic_value", name="uq_subscriptions_user_topic"
        ),
        CheckConstraint(
            "topic_kind IN ('event', 'competency', 'industry', 'event_kind', 'programme')",
            name="topic_kind",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.telegram_id", ondelete="CASCADE"), index=True
    )
    topic_kind: Mapped[str] = mapped_column(String(16))
    topic_value: Mapped[str] = mapped_column(String(128))  # a catalogue id or a kind of event
    created_at: Mapped[datetime]


class StaffGrant(Base):
    """Staff rights an admin granted in the bot; settings name the admins and the other
    staff. One row per person; revoking deletes it. No foreign key to users: rights may be
    granted before the person first writes to the bot."""

    __tablename__ = "staff_grants"
    __table_args__ = (CheckConstraint("role IN ('staff')", name="role"),)

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    role: Mapped[str] = mapped_column(String(16), default="staff")
    region: Mapped[str | None] = mapped_column(String(32))  # None: every region
    # The admin who granted it; None once they erased their data (/forget).
    granted_by: Mapped[int | None] = mapped_column(BigInteger)
    granted_at: Mapped[datetime]


class EventEdit(Base):
    """Who created or changed a catalogue event in the bot, and when. The event itself is a
    catalogue record; this is its authors' log."""

    __tablename__ = "event_edits"
    __table_args__ = (CheckConstraint("action IN ('created', 'edited')", name="action"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(128), index=True)
    # The staff member; None once they erased their data (/forget).
    staff_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    action: Mapped[str] = mapped_column(String(16))
    fields: Mapped[list[str]] = mapped_column(JSON)
    at: Mapped[datetime]


class Activity(Base):
    """Append-only: the first time a person reached a step of the funnel (and, for «suggested»
    and «card», each catalogue item shown or opened). No texts, nothing but ids and a moment.
    Rows are only inserted (a repeat is ignored by the unique key) and are deleted with the
    person (/forget)."""

    __tablename__ = "activity"
    __table_args__ = (
        UniqueConstraint("user_id", "step", "item_id", name="uq_activity_user_step_item"),
        CheckConstraint(
            "step IN (" + ", ".join(f"'{step}'" for step in ACTIVITY_STEPS) + ")", name="step"
        ),
        Index("ix_activity_step_at", "step", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.telegram_id", ondelete="CASCADE"), index=True
    )
    step: Mapped[str] = mapped_column(String(16))
    item_id: Mapped[str] = mapped_column(String(128), default="")  # "" for a step of the funnel
    at: Mapped[datetime]


class CatalogueGap(Base):
    """A free question the search answered without confidence, from a person who consented
    to personal data: the text alone (numbers, addresses and names of accounts scrubbed), the
    region for regional staff, and when. No user id: it stays after /forget as anonymous."""

    __tablename__ = "catalogue_gaps"
    __table_args__ = (Index("ix_catalogue_gaps_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(300))
    region: Mapped[str | None] = mapped_column(String(16))
    at: Mapped[datetime]


class ExportLog(Base):
    """Who exported which figures, when, and whether personal data was in the file."""

    __tablename__ = "export_log"
    __table_args__ = (CheckConstraint("via IN ('bot', 'cli')", name="via"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The staff member; None from the CLI, and once they erased their data (/forget).
    staff_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    via: Mapped[str] = mapped_column(String(8))
    what: Mapped[str] = mapped_column(String(64))  # the export's kind
    period: Mapped[str] = mapped_column(String(8))  # 7 | 30 | all
    region: Mapped[str | None] = mapped_column(String(16))  # the scope; None: every region
    personal: Mapped[bool] = mapped_column(Boolean)
    rows: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime]


class CatalogueImport(Base):
    """One change of the catalogue from a staff file, or the rollback of one: who, when, which
    file, and each record's content before and after, enough to put it back. An upload is
    `pending` from its check until its confirm (`applied`) or «Отмена» (`cancelled`); a
    rollback row is written already applied. `rolled_back_by` is set once, by a conditional
    update, when a rollback of this import lands."""

    __tablename__ = "catalogue_imports"
    __table_args__ = (
        CheckConstraint("action IN ('upload', 'rollback')", name="action"),
        CheckConstraint("status IN ('pending', 'applied', 'cancelled')", name="status"),
        CheckConstraint("via IN ('bot', 'cli')", name="via"),
        Index("ix_catalogue_imports_status_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The staff member; None from the CLI, and once they erased their data (/forget).
    staff_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    via: Mapped[str] = mapped_column(String(8))
    action: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    file_name: Mapped[str] = mapped_column(String(255))
    # Regions whose records it touches ("" for a nationwide record), for regional staff.
    regions: Mapped[list[str]] = mapped_column(JSON)
    # {kind: {"added": n, "changed": n, "removed": n}}
    counts: Mapped[dict[str, Any]]
    # [{"entity", "id", "before", "after", "before_hash", "after_hash"}]; None: no record.
    changes: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    rolls_back: Mapped[int | None] = mapped_column(Integer)  # the import a rollback undid
    rolled_back_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime]
    applied_at: Mapped[datetime | None]
