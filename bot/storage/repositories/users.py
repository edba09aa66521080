"""Users: first contact as an upsert, one method per change."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ports import (
    UserRecord,
)
from bot.storage.models import (
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
        quiz_answers=tuple(row.quiz_answers or ()),
        source=row.source,
        centre=row.centre,
        notifications=row.notifications,
        onboarded_at=row.onboarded_at,
    )


class SqlUserRepository:
    """Lives for one unit of work (one update). The middleware and then the use case both ask
    for the user; the record read first is kept until this repository writes the row."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._known: dict[int, UserRecord | None] = {}

    async def get(self, telegram_id: int) -> UserRecord | None:
        if telegram_id in self._known:
            return self._known[telegram_id]
        row = await self._session.get(User, telegram_id)
        record = None if row is None else _user_record(row)
        self._known[telegram_id] = record
        return record

    async def add_if_missing(self, telegram_id: int, now: datetime) -> bool:
        """True when this call created the user; five simultaneous /start create one row."""
        statement = (
            dialect_insert(self._session, User)
            .values(telegram_id=telegram_id, created_at=now, last_seen_at=now, is_blocked=False)
            .on_conflict_do_nothing(index_elements=[User.telegram_id])
        )
        result = await self._session.execute(statement)
        self._known.pop(telegram_id, None)
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

    async def set_quiz(
        self, telegram_id: int, answers: tuple[int, ...], riasec: tuple[float, ...]
    ) -> None:
        await self._set(telegram_id, quiz_answers=list(answers), riasec=list(riasec))

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
            quiz_answers=None,
            onboarded_at=None,
        )

    async def _set(self, telegram_id: int, **values: Any) -> bool:
        result = await self._session.execute(
            update(User).where(User.telegram_id == telegram_id).values(**values)
        )
        # The identity map may hold the old row; keep reads in this session consistent.
        self._session.expire_all()
        self._known.pop(telegram_id, None)
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def delete(self, telegram_id: int) -> None:
        await self._session.execute(delete(User).where(User.telegram_id == telegram_id))
        self._known.pop(telegram_id, None)

    def forget_known(self) -> None:
        """After a rollback, or when another repository erased users."""
        self._known.clear()

    async def set_source_if_empty(self, telegram_id: int, source: str) -> bool:
        result = await self._session.execute(
            update(User)
            .where(User.telegram_id == telegram_id, User.source.is_(None))
            .values(source=source)
        )
        self._session.expire_all()
        self._known.pop(telegram_id, None)
        return bool(result.rowcount)  # type: ignore[attr-defined]
