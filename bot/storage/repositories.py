"""SQLAlchemy implementations of the repository interfaces. They add and flush; never commit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ports import ConsentRecord, UserRecord
from bot.storage.models import Consent, User


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
    )


class SqlUserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, telegram_id: int) -> UserRecord | None:
        row = await self._session.get(User, telegram_id)
        return None if row is None else _user_record(row)

    async def add(self, telegram_id: int, now: datetime) -> UserRecord:
        row = User(telegram_id=telegram_id, created_at=now, last_seen_at=now, is_blocked=False)
        self._session.add(row)
        await self._session.flush()
        return _user_record(row)

    async def update(self, telegram_id: int, **fields: object) -> None:
        await self._session.execute(
            update(User).where(User.telegram_id == telegram_id).values(**fields)
        )
        # The identity map may hold the old row; keep reads in this session consistent.
        self._session.expire_all()

    async def delete(self, telegram_id: int) -> None:
        await self._session.execute(delete(User).where(User.telegram_id == telegram_id))


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

    async def add(self, telegram_id: int, kind: str, version: str, now: datetime) -> None:
        self._session.add(Consent(user_id=telegram_id, kind=kind, version=version, given_at=now))
        await self._session.flush()

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


class SqlUnitOfWork:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.users = SqlUserRepository(session)
        self.consents = SqlConsentRepository(session)

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()
