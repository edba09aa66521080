"""The catalogue as validated JSON rows with content hashes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ports import (
    CatalogueRow,
)
from bot.storage.models import (
    CatalogueRecord,
)


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

    async def delete(self, keys: list[tuple[str, str]]) -> int:
        """Remove records by (entity, id); how many were there."""
        removed = 0
        for entity, key in keys:
            result = await self._session.execute(
                delete(CatalogueRecord).where(
                    CatalogueRecord.entity == entity, CatalogueRecord.id == key
                )
            )
            removed += int(getattr(result, "rowcount", 0) or 0)
        await self._session.flush()
        return removed

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
