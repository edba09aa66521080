"""The log of catalogue imports: each upload and rollback with what it changed."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.catalogue_imports.ports import (
    APPLIED,
    CANCELLED,
    PENDING,
    UPLOAD,
    ImportEntry,
    NewImport,
    RecordChange,
)
from bot.storage.models import CatalogueImport

# Any constant will do: the one advisory lock PostgreSQL holds for catalogue writers.
_CATALOGUE_LOCK = 7_100_2026


def _change_json(change: RecordChange) -> dict[str, Any]:
    return {
        "entity": change.entity,
        "id": change.id,
        "before": dict(change.before) if change.before is not None else None,
        "after": dict(change.after) if change.after is not None else None,
        "before_hash": change.before_hash,
        "after_hash": change.after_hash,
    }


def _change(item: Mapping[str, Any]) -> RecordChange:
    return RecordChange(
        item["entity"],
        item["id"],
        item.get("before"),
        item.get("after"),
        item.get("before_hash"),
        item.get("after_hash"),
    )


def _entry(row: CatalogueImport, *, with_changes: bool = True) -> ImportEntry:
    return ImportEntry(
        id=row.id,
        staff_id=row.staff_id,
        via=row.via,
        action=row.action,
        status=row.status,
        file_name=row.file_name,
        regions=tuple(row.regions or ()),
        counts=row.counts or {},
        changes=tuple(_change(item) for item in row.changes or ()) if with_changes else (),
        rolls_back=row.rolls_back,
        rolled_back_by=row.rolled_back_by,
        created_at=row.created_at,
        applied_at=row.applied_at,
    )


class SqlCatalogueImportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, entry: NewImport) -> int:
        row = CatalogueImport(
            staff_id=entry.staff_id,
            via=entry.via,
            action=entry.action,
            status=entry.status,
            file_name=entry.file_name[:255],
            regions=list(entry.regions),
            counts={kind: dict(counts) for kind, counts in entry.counts.items()},
            changes=[_change_json(change) for change in entry.changes],
            rolls_back=entry.rolls_back,
            created_at=entry.created_at,
            applied_at=entry.applied_at,
        )
        self._session.add(row)
        await self._session.flush()
        return row.id

    async def get(self, import_id: int) -> ImportEntry | None:
        row = await self._session.get(CatalogueImport, import_id, populate_existing=True)
        return _entry(row) if row is not None else None

    async def recent(self, limit: int) -> list[ImportEntry]:
        rows = await self._session.scalars(
            select(CatalogueImport)
            .where(CatalogueImport.status == APPLIED)
            .order_by(CatalogueImport.id.desc())
            .limit(limit)
        )
        return [_entry(row, with_changes=False) for row in rows]

    async def applied_after(self, import_id: int) -> list[ImportEntry]:
        rows = await self._session.scalars(
            select(CatalogueImport)
            .where(CatalogueImport.status == APPLIED, CatalogueImport.id > import_id)
            .order_by(CatalogueImport.id)
        )
        return [_entry(row) for row in rows]

    async def latest_applied_upload(self) -> ImportEntry | None:
        row = await self._session.scalar(
            select(CatalogueImport)
            .where(
                CatalogueImport.status == APPLIED,
                CatalogueImport.action == UPLOAD,
                CatalogueImport.rolled_back_by.is_(None),
            )
            .order_by(CatalogueImport.id.desc())
            .limit(1)
        )
        return _entry(row) if row is not None else None

    async def confirm(
        self, import_id: int, staff_id: int, created_after: datetime, now: datetime
    ) -> bool:
        result = await self._session.execute(
            update(CatalogueImport)
            .where(
                CatalogueImport.id == import_id,
                CatalogueImport.staff_id == staff_id,
                CatalogueImport.status == PENDING,
                CatalogueImport.created_at > created_after,
            )
            .values(status=APPLIED, applied_at=now)
        )
        return bool(getattr(result, "rowcount", 0))

    async def cancel(self, import_id: int, staff_id: int) -> bool:
        result = await self._session.execute(
            update(CatalogueImport)
            .where(
                CatalogueImport.id == import_id,
                CatalogueImport.staff_id == staff_id,
                CatalogueImport.status == PENDING,
            )
            .values(status=CANCELLED, changes=[])
        )
        return bool(getattr(result, "rowcount", 0))

    async def drop_expired(self, created_before: datetime) -> int:
        result = await self._session.execute(
            update(CatalogueImport)
            .where(
                CatalogueImport.status == PENDING,
                CatalogueImport.created_at <= created_before,
            )
            .values(changes=[])
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def mark_rolled_back(self, import_id: int, rollback_id: int) -> bool:
        result = await self._session.execute(
            update(CatalogueImport)
            .where(
                CatalogueImport.id == import_id,
                CatalogueImport.status == APPLIED,
                CatalogueImport.rolled_back_by.is_(None),
            )
            .values(rolled_back_by=rollback_id)
        )
        return bool(getattr(result, "rowcount", 0))

    async def lock_catalogue(self) -> None:
        # SQLite has one writer at a time already: the transaction's first write (the
        # conditional update or insert that every import makes first) holds it to the end.
        if self._session.get_bind().dialect.name == "postgresql":
            await self._session.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CATALOGUE_LOCK}
            )
