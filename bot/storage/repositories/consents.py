"""Consents (152-FZ): one active consent per kind, kept by a partial unique index."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ports import (
    ConsentRecord,
)
from bot.storage.models import (
    Consent,
)
from bot.storage.upsert import dialect_insert


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
