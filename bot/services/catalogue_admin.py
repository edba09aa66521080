"""Catalogue in the database: load the shipped files, import staff spreadsheets, read back.

Each method is one transaction: an import either lands whole or not at all. Before anything
is written, the catalogue the change would leave (the stored records merged with the new
ones) is checked the way the search engine will index it, so that no import can leave a
catalogue the bot cannot start on."""

from __future__ import annotations

import asyncio
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError

from bot.services.clock import Clock, utc_now
from bot.services.knowledge_base import (
    KnowledgeSource,
    catalogue_from_rows,
    rows_from_catalogue,
)
from bot.services.ports import CatalogueRow, UnitOfWork
from bot.services.search_documents import catalogue_documents
from bot.services.staff import StaffPolicy
from knowledge import (
    ENTITY_KINDS,
    Catalogue,
    content_hash_of,
    entity_id,
    export_catalogue,
    load_onet_table,
)


@dataclass(frozen=True, slots=True)
class SyncReport:
    total: int
    changed: int


@dataclass(frozen=True, slots=True)
class CatalogueDefect:
    """One reason a catalogue cannot be searched.

    ``kinds`` hold ``id`` together (or hold an empty id); with ``detail``, the one stored
    record of ``kinds[0]`` that its model refuses, and why.
    """

    id: str
    kinds: tuple[str, ...]
    detail: str = ""

    def __str__(self) -> str:
        if self.detail and self.id:
            return f"the stored {self.kinds[0]} record {self.id!r} is invalid ({self.detail})"
        if self.detail:
            return f"the {self.kinds[0]} cannot be built ({self.detail})"
        if not self.id.strip():
            return f"{' and '.join(self.kinds)} have a record with an empty id"
        return f"the id {self.id!r} is held by both {' and '.join(self.kinds)}"


class CatalogueRejectedError(Exception):
    """The catalogue cannot be searched; ``defects`` say why. Nothing was written."""

    def __init__(self, defects: Sequence[CatalogueDefect]) -> None:
        self.defects = list(defects)
        shown = "; ".join(str(defect) for defect in self.defects[:3])
        more = len(self.defects) - 3
        super().__init__(shown + (f"; and {more} more" if more > 0 else ""))


# What the CLI and the bot call each kind of record in a report (plain Russian, as the
# spreadsheet problems are).
KIND_NAMES = {
    "industries": "отрасль",
    "groups": "группа профессий",
    "regions": "регион",
    "professions": "профессия или специальность",
    "competencies": "компетенция",
    "centres": "центр",
    "programmes": "программа",
    "events": "событие",
    "faq": "вопрос из справки",
    "search documents": "поисковый документ",
}


def defect_text(defect: CatalogueDefect) -> str:
    """One reason the catalogue an import would leave cannot be searched, for staff."""
    names = ", ".join(KIND_NAMES.get(kind, kind) for kind in defect.kinds)
    if defect.detail and defect.id:
        return f"запись «{defect.id}» ({names}) в базе не проходит проверку: {defect.detail}."
    if defect.detail:
        return f"по каталогу нельзя построить поиск: {defect.detail}."
    if not defect.id.strip():
        return f"у записи ({names}) пустой ID."
    return f"ID «{defect.id}» оказался бы у нескольких записей ({names}): у каждой записи свой ID."


def _first_error(error: ValidationError) -> str:
    item = error.errors(include_url=False)[0]
    where = ".".join(str(part) for part in item["loc"])
    return f"{where}: {item['msg']}" if where else item["msg"]


def searchable_catalogue(rows: Sequence[CatalogueRow]) -> Catalogue:
    """The catalogue these rows make, checked as the search engine will see it.

    Every record must pass its model, no id may be empty or held by two kinds, and the
    search documents must have unique ids. Raises ``CatalogueRejectedError`` otherwise.
    """
    entities: list[BaseModel] = []
    defects: list[CatalogueDefect] = []
    for row in rows:
        model = ENTITY_KINDS.get(row.entity)
        if model is None:
            continue  # a kind this version does not know; catalogue_from_rows skips it too
        try:
            entities.append(model.model_validate(row.payload))
        except ValidationError as error:
            defects.append(CatalogueDefect(row.id, (row.entity,), _first_error(error)))
    if defects:
        raise CatalogueRejectedError(defects)
    catalogue = Catalogue.build(entities, onet=load_onet_table())
    conflicts = catalogue.conflicting_ids()
    if conflicts:
        raise CatalogueRejectedError(
            [CatalogueDefect(key, kinds) for key, kinds in sorted(conflicts.items())]
        )
    what = ("search documents",)
    try:
        documents = catalogue_documents(catalogue)
    except ValueError as error:
        raise CatalogueRejectedError([CatalogueDefect("", what, str(error))]) from error
    repeated = sorted(key for key, count in Counter(d.id for d in documents).items() if count > 1)
    if repeated:
        raise CatalogueRejectedError([CatalogueDefect(key, what) for key in repeated])
    return catalogue


class CatalogueAdmin:
    def __init__(self, uow: UnitOfWork, clock: Clock = utc_now) -> None:
        self._uow = uow
        self._clock = clock

    async def load_shipped(self, catalogue: Catalogue) -> SyncReport:
        """Idempotent upsert by id; unchanged records (same content hash) are not touched."""
        return await self._write(rows_from_catalogue(catalogue))

    async def import_records(self, records: Sequence[BaseModel]) -> SyncReport:
        """Upsert staff records; raises ``CatalogueRejectedError`` and writes nothing when the
        catalogue they would leave cannot be searched."""
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
        return await self._write(rows)

    async def replace(
        self, rows: Sequence[CatalogueRow], removed: Sequence[tuple[str, str]] = ()
    ) -> SyncReport:
        """Upsert `rows` and delete the records `removed` names, in one transaction with
        whatever the unit of work holds already (an import's log row); raises
        ``CatalogueRejectedError`` and writes nothing when the result cannot be searched."""
        return await self._write(list(rows), list(removed))

    async def _write(
        self, rows: list[CatalogueRow], removed: list[tuple[str, str]] | None = None
    ) -> SyncReport:
        # Writers of the catalogue one at a time, so that what one reads is what it changes.
        await self._uow.catalogue_imports.lock_catalogue()
        merged = {(row.entity, row.id): row for row in await self._uow.catalogue.all()}
        merged.update({(row.entity, row.id): row for row in rows})
        for key in removed or ():
            merged.pop(key, None)
        # About 0.1 s for the shipped catalogue: CPU work, kept off the event loop.
        await asyncio.to_thread(searchable_catalogue, list(merged.values()))
        changed = await self._uow.catalogue.upsert(rows, self._clock())
        if removed:
            changed += await self._uow.catalogue.delete(removed)
        await self._uow.commit()
        return SyncReport(total=len(rows) + len(removed or ()), changed=changed)

    async def is_empty(self) -> bool:
        return await self._uow.catalogue.count() == 0

    async def fingerprint(self) -> str:
        return await self._uow.catalogue.fingerprint()

    async def current(self) -> Catalogue:
        """The stored catalogue as it is, for export and statistics."""
        return catalogue_from_rows(await self._uow.catalogue.all())

    async def searchable(self) -> Catalogue:
        """The stored catalogue, for the search engine; raises ``CatalogueRejectedError`` when
        the engine could not index it."""
        rows = await self._uow.catalogue.all()
        return await asyncio.to_thread(searchable_catalogue, rows)


class CatalogueExport:
    """/export: the catalogue this process serves, as the workbook `careerbot catalogue
    export` writes (it imports back unchanged), for staff who have no shell on the server."""

    def __init__(self, knowledge: KnowledgeSource, staff: StaffPolicy) -> None:
        self._knowledge = knowledge
        self._staff = staff

    async def workbook(self, staff_id: int) -> bytes:
        self._staff.require_staff(staff_id, "stats-staff-only")
        catalogue = (await self._knowledge.get()).catalogue
        buffer = io.BytesIO()
        # A few hundred milliseconds of openpyxl: off the event loop.
        await asyncio.to_thread(export_catalogue, catalogue, buffer)
        return buffer.getvalue()
