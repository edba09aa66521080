"""SQLAlchemy 2 tables. Every datetime column is timezone-aware and holds UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
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
