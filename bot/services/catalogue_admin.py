"""Catalogue in the database: load the shipped files, import staff spreadsheets, read back.

Each method is one transaction: an import either lands whole or not at all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from bot.services.clock import Clock, utc_now
from bot.services.knowledge_base import catalogue_from_rows, rows_from_catalogue
from bot.services.ports import CatalogueRow, UnitOfWork
from knowledge import ENTITY_KINDS, Catalogue, content_hash_of, entity_id


@dataclass(frozen=True, slots=True)
class SyncReport:
    total: int
    changed: int


class CatalogueAdmin:
    def __init__(self, uow: UnitOfWork, clock: Clock = utc_now) -> None:
        self._uow = uow
        self._clock = clock

    async def load_shipped(self, catalogue: Catalogue) -> SyncReport:
        """Idempotent upsert by id; unchanged records (same content hash) are not touched."""
        rows = rows_from_catalogue(catalogue)
        changed = await self._uow.catalogue.upsert(rows, self._clock())
        await self._uow.commit()
        return SyncReport(total=len(rows), changed=changed)

    async def import_records(self, records: Sequence[BaseModel]) -> SyncReport:
        kind_of = {model: kind for kind, model in ENTITY_KINDS.items()}
        rows = [
            CatalogueRow(
                entity=kind_of[type(record)],
                id=entity_id(record),
                payload=record.model_dump(mode="json"),
                content_hash=content_hash_of(record),
            )
            for record in records
        ]
        changed = await self._uow.catalogue.upsert(rows, self._clock())
        await self._uow.commit()
        return SyncReport(total=len(rows), changed=changed)

    async def is_empty(self) -> bool:
        return await self._uow.catalogue.count() == 0

    async def fingerprint(self) -> str:
        return await self._uow.catalogue.fingerprint()

    async def current(self) -> Catalogue:
        return catalogue_from_rows(await self._uow.catalogue.all())
