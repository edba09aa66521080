"""SQLAlchemy implementations of the repository interfaces. They add and flush; never commit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, inspect, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ports import (
    HANDLED,
    OPEN,
    WITHDRAWN,
    CatalogueRow,
    ConsentRecord,
    ConsultationRecord,
    FeedbackRecord,
    UserRecord,
)
from bot.storage.models import (
    Base,
    CatalogueRecord,
    Consent,
    ConsultationRequest,
    Feedback,
    FeedbackTotal,
    FsmRecord,
    User,
)
from bot.storage.upsert import dialect_insert


def _user_record(row: User) -> UserRecord:
    return UserRecord(
        telegram_id=row.telegram_id,
        language=row.language,
        role=row.role,
        region=row.region,
        timezone=row.timezone,
        created_at=row.created_at,
        last_seen_at=row.last_seen_at,
        is_blocked=row.is_blocked,
        grade=row.grade,
        situations=tuple(row.situations or ()),
        interests=tuple(row.interests or ()),
        about=row.about,
        riasec=tuple(row.riasec) if row.riasec else None,
        source=row.source,
        centre=row.centre,
        notifications=row.notifications,
        onboarded_at=row.onboarded_at,
    )


class SqlUserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, telegram_id: int) -> UserRecord | None:
        row = await self._session.get(User, telegram_id)
        return None if row is None else _user_record(row)

    async def add_if_missing(self, telegram_id: int, now: datetime) -> bool:
        """True when this call created the user; five simultaneous /start create one row."""
        statement = (
            dialect_insert(self._session, User)
            .values(telegram_id=telegram_id, created_at=now, last_seen_at=now, is_blocked=False)
            .on_conflict_do_nothing(index_elements=[User.telegram_id])
        )
        result = await self._session.execute(statement)
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def mark_seen(self, telegram_id: int, now: datetime) -> None:
        await self._set(telegram_id, last_seen_at=now)

    async def reactivate(self, telegram_id: int, now: datetime) -> None:
        await self._set(telegram_id, last_seen_at=now, is_blocked=False)

    async def set_blocked(self, telegram_id: int, blocked: bool) -> bool:
        return await self._set(telegram_id, is_blocked=blocked)

    async def set_language(self, telegram_id: int, language: str) -> None:
        await self._set(telegram_id, language=language)

    async def set_notifications(self, telegram_id: int, enabled: bool) -> None:
        await self._set(telegram_id, notifications=enabled)

    async def set_role(self, telegram_id: int, role: str | None) -> None:
        await self._set(telegram_id, role=role, grade=None, situations=[])

    async def set_grade(self, telegram_id: int, grade: int | None) -> None:
        await self._set(telegram_id, grade=grade)

    async def set_situations(self, telegram_id: int, situations: tuple[str, ...]) -> None:
        await self._set(telegram_id, situations=list(situations))

    async def set_interests(self, telegram_id: int, interests: tuple[str, ...]) -> None:
        await self._set(telegram_id, interests=list(interests))

    async def set_about(self, telegram_id: int, about: str | None) -> None:
        await self._set(telegram_id, about=about)

    async def set_place(
        self, telegram_id: int, region: str, timezone: str, centre: str | None
    ) -> None:
        await self._set(telegram_id, region=region, timezone=timezone, centre=centre)

    async def set_riasec(self, telegram_id: int, riasec: tuple[float, ...]) -> None:
        await self._set(telegram_id, riasec=list(riasec))

    async def set_onboarded(self, telegram_id: int, at: datetime) -> None:
        await self._set(telegram_id, onboarded_at=at)

    async def clear_answers(self, telegram_id: int) -> None:
        await self._set(
            telegram_id,
            role=None,
            grade=None,
            situations=[],
            interests=[],
            about=None,
            riasec=None,
            onboarded_at=None,
        )

    async def _set(self, telegram_id: int, **values: Any) -> bool:
        result = await self._session.execute(
            update(User).where(User.telegram_id == telegram_id).values(**values)
        )
        # The identity map may hold the old row; keep reads in this session consistent.
        self._session.expire_all()
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def delete(self, telegram_id: int) -> None:
        await self._session.execute(delete(User).where(User.telegram_id == telegram_id))

    async def set_source_if_empty(self, telegram_id: int, source: str) -> bool:
        result = await self._session.execute(
            update(User)
            .where(User.telegram_id == telegram_id, User.source.is_(None))
            .values(source=source)
        )
        self._session.expire_all()
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def count_by_source(self) -> dict[str, int]:
        rows = await self._session.execute(
            select(User.source, func.count()).where(User.source.is_not(None)).group_by(User.source)
        )
        return {str(source): int(count) for source, count in rows}


class SqlConsentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def active(self, telegram_id: int, kind: str) -> ConsentRecord | None:
        row = await self._session.scalar(
            select(Consent)
            .where(
                Consent.user_id == telegram_id,
                Consent.kind == kind,
                Consent.withdrawn_at.is_(None),
            )
            .order_by(Consent.given_at.desc())
            .limit(1)
        )
        return None if row is None else _consent_record(row)

    async def add_if_none_active(
        self, telegram_id: int, kind: str, version: str, now: datetime
    ) -> bool:
        """True when recorded; False when an active consent of this kind exists already
        (the partial unique index decides, so simultaneous taps record one)."""
        statement = (
            dialect_insert(self._session, Consent)
            .values(user_id=telegram_id, kind=kind, version=version, given_at=now)
            .on_conflict_do_nothing()
        )
        result = await self._session.execute(statement)
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def withdraw_other_versions(
        self, telegram_id: int, kind: str, version: str, now: datetime
    ) -> None:
        await self._session.execute(
            update(Consent)
            .where(
                Consent.user_id == telegram_id,
                Consent.kind == kind,
                Consent.version != version,
                Consent.withdrawn_at.is_(None),
            )
            .values(withdrawn_at=now)
        )

    async def withdraw(self, telegram_id: int, kind: str, now: datetime) -> bool:
        result = await self._session.execute(
            update(Consent)
            .where(
                Consent.user_id == telegram_id,
                Consent.kind == kind,
                Consent.withdrawn_at.is_(None),
            )
            .values(withdrawn_at=now)
        )
        self._session.expire_all()
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def list_for(self, telegram_id: int) -> list[ConsentRecord]:
        rows = await self._session.scalars(
            select(Consent).where(Consent.user_id == telegram_id).order_by(Consent.given_at)
        )
        return [_consent_record(row) for row in rows]


def _consent_record(row: Consent) -> ConsentRecord:
    return ConsentRecord(
        kind=row.kind, version=row.version, given_at=row.given_at, withdrawn_at=row.withdrawn_at
    )


class SqlFeedbackRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def set_vote(
        self, user_id: int, item_id: str, vote: int, reason: str | None, now: datetime
    ) -> None:
        """Atomic under concurrency: the vote row changes by a conditional update or an
        insert, and the anonymous totals move by exactly what changed, in SQL."""
        changed = await self._session.execute(
            update(Feedback)
            .where(Feedback.user_id == user_id, Feedback.item_id == item_id, Feedback.vote != vote)
            .values(vote=vote, reason=reason, created_at=now)
        )
        if changed.rowcount:  # type: ignore[attr-defined]
            # A changed mind: the old vote was the opposite one.
            await self._move_totals(item_id, up=vote, down=-vote)
            return
        inserted = await self._session.execute(
            dialect_insert(self._session, Feedback)
            .values(user_id=user_id, item_id=item_id, vote=vote, reason=reason, created_at=now)
            .on_conflict_do_nothing(index_elements=[Feedback.user_id, Feedback.item_id])
        )
        if inserted.rowcount:  # type: ignore[attr-defined]
            await self._move_totals(item_id, up=max(vote, 0), down=max(-vote, 0))
            return
        # The same vote again: only the reason may differ (e.g. «не подходит» after 👎).
        await self._session.execute(
            update(Feedback)
            .where(Feedback.user_id == user_id, Feedback.item_id == item_id)
            .values(reason=reason)
        )

    async def _move_totals(self, item_id: str, *, up: int, down: int) -> None:
        statement = dialect_insert(self._session, FeedbackTotal).values(
            item_id=item_id, up=max(up, 0), down=max(down, 0)
        )
        statement = statement.on_conflict_do_update(
            index_elements=[FeedbackTotal.item_id],
            set_={"up": FeedbackTotal.up + up, "down": FeedbackTotal.down + down},
        )
        await self._session.execute(statement)

    async def hidden_items(self, user_id: int) -> set[str]:
        rows = await self._session.scalars(
            select(Feedback.item_id).where(Feedback.user_id == user_id, Feedback.vote < 0)
        )
        return set(rows)

    async def list_for(self, user_id: int) -> list[FeedbackRecord]:
        rows = await self._session.scalars(
            select(Feedback).where(Feedback.user_id == user_id).order_by(Feedback.created_at)
        )
        return [
            FeedbackRecord(
                item_id=row.item_id, vote=row.vote, reason=row.reason, created_at=row.created_at
            )
            for row in rows
        ]

    async def totals(self) -> dict[str, tuple[int, int]]:
        rows = await self._session.scalars(select(FeedbackTotal))
        return {row.item_id: (row.up, row.down) for row in rows}


def _consultation_record(row: ConsultationRequest) -> ConsultationRecord:
    return ConsultationRecord(
        id=row.id,
        user_id=row.user_id,
        topic=row.topic,
        item_id=row.item_id,
        centre=row.centre,
        phone=row.phone,
        status=row.status,
        created_at=row.created_at,
        handled_at=row.handled_at,
        handled_by=row.handled_by,
        staff_chat_id=row.staff_chat_id,
        staff_message_id=row.staff_message_id,
    )


class SqlConsultationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_unless_open(
        self,
        user_id: int,
        topic: str,
        item_id: str | None,
        centre: str | None,
        phone: str | None,
        now: datetime,
    ) -> tuple[ConsultationRecord, bool]:
        """The new request and True, or the open request on the same topic and False."""
        inserted = await self._session.scalar(
            dialect_insert(self._session, ConsultationRequest)
            .values(
                user_id=user_id,
                topic=topic,
                item_id=item_id,
                centre=centre,
                phone=phone,
                status=OPEN,
                created_at=now,
            )
            .on_conflict_do_nothing()
            .returning(ConsultationRequest.id)
        )
        if inserted is not None:
            record = await self.get(int(inserted))
            assert record is not None
            return record, True
        existing = await self._session.scalar(
            select(ConsultationRequest).where(
                ConsultationRequest.user_id == user_id,
                ConsultationRequest.topic == topic,
                ConsultationRequest.status == OPEN,
            )
        )
        if existing is None:  # handled or withdrawn in between: a retry will insert
            raise RuntimeError("consultation request neither inserted nor open")
        return _consultation_record(existing), False

    async def get(self, request_id: int) -> ConsultationRecord | None:
        row = await self._session.get(ConsultationRequest, request_id)
        return None if row is None else _consultation_record(row)

    async def list_for(self, user_id: int, *, open_only: bool = False) -> list[ConsultationRecord]:
        query = select(ConsultationRequest).where(ConsultationRequest.user_id == user_id)
        if open_only:
            query = query.where(ConsultationRequest.status == "open")
        rows = await self._session.scalars(query.order_by(ConsultationRequest.created_at))
        return [_consultation_record(row) for row in rows]

    async def mark_handled(self, request_id: int, staff_id: int, now: datetime) -> bool:
        """Only an open request is taken; False when it was taken or withdrawn meanwhile."""
        return await self._transition(
            request_id, OPEN, status=HANDLED, handled_at=now, handled_by=staff_id
        )

    async def withdraw(self, request_id: int, user_id: int) -> bool:
        """Only the owner withdraws, and only an open request."""
        return await self._transition(
            request_id, OPEN, ConsultationRequest.user_id == user_id, status=WITHDRAWN
        )

    async def attach_staff_message(self, request_id: int, chat_id: int, message_id: int) -> None:
        await self._session.execute(
            update(ConsultationRequest)
            .where(ConsultationRequest.id == request_id)
            .values(staff_chat_id=chat_id, staff_message_id=message_id)
        )
        self._session.expire_all()

    async def _transition(
        self, request_id: int, expected: str, *conditions: Any, **values: Any
    ) -> bool:
        result = await self._session.execute(
            update(ConsultationRequest)
            .where(
                ConsultationRequest.id == request_id,
                ConsultationRequest.status == expected,
                *conditions,
            )
            .values(**values)
        )
        self._session.expire_all()
        return bool(result.rowcount)  # type: ignore[attr-defined]


class SqlCatalogueRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def all(self) -> list[CatalogueRow]:
        rows = await self._session.scalars(
            select(CatalogueRecord).order_by(CatalogueRecord.entity, CatalogueRecord.id)
        )
        return [CatalogueRow(row.entity, row.id, row.payload, row.content_hash) for row in rows]

    async def hashes(self) -> dict[tuple[str, str], str]:
        rows = await self._session.execute(
            select(CatalogueRecord.entity, CatalogueRecord.id, CatalogueRecord.content_hash)
        )
        return {(entity, key): digest for entity, key, digest in rows}

    async def upsert(self, rows: list[CatalogueRow], now: datetime) -> int:
        known = await self.hashes()
        changed = 0
        for row in rows:
            previous = known.get((row.entity, row.id))
            if previous == row.content_hash:
                continue
            changed += 1
            if previous is None:
                self._session.add(
                    CatalogueRecord(
                        entity=row.entity,
                        id=row.id,
                        payload=row.payload,
                        content_hash=row.content_hash,
                        updated_at=now,
                    )
                )
            else:
                await self._session.execute(
                    update(CatalogueRecord)
                    .where(CatalogueRecord.entity == row.entity, CatalogueRecord.id == row.id)
                    .values(payload=row.payload, content_hash=row.content_hash, updated_at=now)
                )
        await self._session.flush()
        return changed

    async def count(self) -> int:
        return int(
            await self._session.scalar(select(func.count()).select_from(CatalogueRecord)) or 0
        )

    async def fingerprint(self) -> str:
        row = (
            await self._session.execute(
                select(func.count(), func.max(CatalogueRecord.updated_at)).select_from(
                    CatalogueRecord
                )
            )
        ).one()
        return f"{row[0]}:{row[1]}"


# Tables whose rows belong to a user, and the column that says which user.
_PERSONAL_TABLES: dict[type[Base], str] = {
    User: "telegram_id",
    Consent: "user_id",
    Feedback: "user_id",
    ConsultationRequest: "user_id",
    FsmRecord: "user_id",
}


def _as_json(row: Base) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in inspect(type(row)).columns:
        value = getattr(row, column.key)
        values[column.key] = value.isoformat() if isinstance(value, datetime) else value
    return values


class SqlPersonalDataRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def export(self, user_id: int) -> dict[str, list[dict[str, Any]]]:
        exported: dict[str, list[dict[str, Any]]] = {}
        for model, column in _PERSONAL_TABLES.items():
            rows = await self._session.scalars(
                select(model).where(getattr(model, column) == user_id)
            )
            exported[model.__tablename__] = [_as_json(row) for row in rows]
        return exported

    async def erase(self, user_id: int) -> None:
        # Children first: SQLite may run without foreign-key cascades on old files.
        for model, column in reversed(_PERSONAL_TABLES.items()):
            await self._session.execute(delete(model).where(getattr(model, column) == user_id))
        self._session.expire_all()


class SqlUnitOfWork:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.users = SqlUserRepository(session)
        self.consents = SqlConsentRepository(session)
        self.feedback = SqlFeedbackRepository(session)
        self.consultations = SqlConsultationRepository(session)
        self.catalogue = SqlCatalogueRepository(session)
        self.personal_data = SqlPersonalDataRepository(session)

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()
