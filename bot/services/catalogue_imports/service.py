"""The catalogue from the bot: staff send a spreadsheet, read the same all-or-nothing report
`careerbot catalogue import` prints, and confirm; every import is logged with each record's
content before and after, and can be rolled back.

The file is read by the very function the CLI uses (`knowledge.read_import_file`, within
the CATALOGUE_IMPORT__* limits) against the catalogue stored in the database, and the
catalogue it would leave is checked the way the search engine will index it before a
confirm button is offered, and again when it is pressed. A check that passes leaves a
`pending` log row; the confirm is one conditional update of it (pending → applied), so a
second press, a second bot instance or a forged button changes nothing. The records are
written in the same transaction; if any of them changed since the check, nothing is.

Staff of a region change only their region's programmes and events; admins everything
(bot.services.catalogue_imports.changes). A rollback puts back what one upload changed,
logged as an import of its own, and is refused when a later change touched the same
records (roll that one back first). This process's knowledge base is rebuilt at once;
other processes notice within CATALOGUE_REFRESH_SECONDS."""

from __future__ import annotations

import asyncio
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel

from bot.services.catalogue_admin import (
    CatalogueAdmin,
    CatalogueRejectedError,
    defect_text,
    searchable_catalogue,
)
from bot.services.catalogue_imports.changes import (
    Refusal,
    changes_between,
    counts_of,
    refusals,
    regions_of,
    rows_of,
)
from bot.services.catalogue_imports.ports import (
    APPLIED,
    CANCELLED,
    PENDING,
    ROLLBACK,
    UPLOAD,
    VIA_BOT,
    VIA_CLI,
    ImportEntry,
    NewImport,
    RecordChange,
)
from bot.services.clock import Clock, utc_now
from bot.services.errors import DomainError
from bot.services.knowledge_base import KnowledgeBase, KnowledgeSource, catalogue_from_rows
from bot.services.ports import CatalogueRow, UnitOfWork
from bot.services.staff import StaffMember, StaffPolicy, StaffRole
from knowledge import Catalogue, ImportLimits, ImportResult, read_import_file

REFUSAL = "button-outdated"  # a forged or stale button, or rights that are gone
# A checked file waits this long for its confirm; later the report may no longer be true.
PENDING_MINUTES = 60
RECENT = 10  # imports /imports lists
# The CLI is the server's operator: every right an admin has.
OPERATOR = StaffMember(0, StaffRole.ADMIN, None)
_UNSAFE = re.compile(r"[^\w.\- ()«»]+")


class CheckStatus(StrEnum):
    READY = "ready"  # valid and allowed: a confirm button
    INVALID = "invalid"  # problems in the file (the CLI's report)
    EMPTY = "empty"  # no rows to import
    UNCHANGED = "unchanged"  # every record is as stored already
    FORBIDDEN = "forbidden"  # records of other regions, or national ones
    REJECTED = "rejected"  # the catalogue it would leave cannot be searched


@dataclass(frozen=True, slots=True)
class UploadCheck:
    status: CheckStatus
    file_name: str
    report: tuple[str, ...]  # the CLI's lines: problems and warnings, or the defects
    error_count: int = 0
    counts: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    refused: tuple[Refusal, ...] = ()
    import_id: int | None = None  # READY: what the confirm button names


@dataclass(frozen=True, slots=True)
class Applied:
    """An import or a rollback that landed (or had landed: `already`)."""

    entry: ImportEntry
    already: bool = False  # a second press: it was done before, nothing changed now
    listed: bool = True  # this process serves the new catalogue already
    refresh_minutes: int = 5  # otherwise, within this many minutes


@dataclass(frozen=True, slots=True)
class Clash:
    """A record a rollback would put back that changed after the import."""

    entity: str
    id: str
    later_import: int | None  # the later import that changed it; None: an edit in the bot


@dataclass(frozen=True, slots=True)
class RollbackPlan:
    entry: ImportEntry  # the upload to undo
    counts: Mapping[str, Mapping[str, int]]  # what the rollback will do
    clashes: tuple[Clash, ...] = ()  # non-empty: refused
    refused: tuple[Refusal, ...] = ()  # non-empty: not this member's to undo
    timezone: str = "UTC"  # times shown in the staff member's region's zone, else the default


@dataclass(frozen=True, slots=True)
class ImportList:
    entries: tuple[ImportEntry, ...]
    timezone: str  # shown in the staff member's region's zone, else the default


class UploadRefusedError(DomainError):
    """A confirm or a rollback that cannot land; `clashes` or `refused` say why."""

    def __init__(
        self, key: str, clashes: Sequence[Clash] = (), refused: Sequence[Refusal] = ()
    ) -> None:
        super().__init__(key)
        self.clashes = tuple(clashes)
        self.refused = tuple(refused)


def safe_file_name(name: str | None) -> str:
    """The name a staff member's file is read and logged under: no folders, no odd signs."""
    base = Path((name or "").replace("\\", "/")).name
    cleaned = _UNSAFE.sub("_", base).strip(" .")[-120:]
    return cleaned or "file"


def read_upload(
    file_name: str,
    data: bytes,
    catalogue: Catalogue,
    default_timezone: str,
    limits: ImportLimits,
) -> ImportResult[BaseModel]:
    """The CLI's reading of a file, for bytes that came from Telegram: written under their
    own name (the reader tells a CSV of events by its name) in a folder removed after."""
    with tempfile.TemporaryDirectory(prefix="careerbot-upload-") as folder:
        path = Path(folder) / safe_file_name(file_name)
        path.write_bytes(data)
        return read_import_file(path, catalogue, default_timezone=default_timezone, limits=limits)


def _rows_of_changes(
    changes: Sequence[RecordChange],
) -> tuple[list[CatalogueRow], list[tuple[str, str]]]:
    written = [
        CatalogueRow(change.entity, change.id, dict(change.after), change.after_hash or "")
        for change in changes
        if change.after is not None
    ]
    removed = [change.key for change in changes if change.after is None]
    return written, removed


class CatalogueImports:
    def __init__(
        self,
        uow: UnitOfWork,
        knowledge: KnowledgeSource | None,
        staff: StaffPolicy,
        limits: ImportLimits,
        *,
        default_timezone: str,
        clock: Clock = utc_now,
        refresh_seconds: int = 300,
    ) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._staff = staff
        self._limits = limits
        self._default_timezone = default_timezone
        self._clock = clock
        self._refresh_seconds = refresh_seconds

    @property
    def max_file_bytes(self) -> int:
        return self._limits.max_file_bytes

    def _member(self, staff_id: int | None) -> StaffMember:
        return OPERATOR if staff_id is None else self._staff.require_staff(staff_id, REFUSAL)

    async def _refusals(
        self, member: StaffMember, changes: Sequence[RecordChange]
    ) -> list[Refusal]:
        if member.role is StaffRole.ADMIN or self._knowledge is None:
            return []  # admins and the server's operator may change everything
        return refusals(member, changes, (await self._knowledge.get()).catalogue)

    # --- an upload ---------------------------------------------------------------------------

    async def check(self, staff_id: int, file_name: str, data: bytes) -> UploadCheck:
        """Read and check a file; when it may land, a pending log row and its id."""
        member = self._member(staff_id)
        name = safe_file_name(file_name)
        rows = await self._uow.catalogue.all()
        if not rows and self._knowledge is not None:
            await self._knowledge.get()  # a first start fills the table from the shipped files
            rows = await self._uow.catalogue.all()
        stored = {(row.entity, row.id): row for row in rows}
        await self._uow.commit()  # the connection goes back while the file is read
        catalogue = await asyncio.to_thread(catalogue_from_rows, list(stored.values()))
        result = await asyncio.to_thread(
            read_upload, name, data, catalogue, self._default_timezone, self._limits
        )
        report = tuple(result.report())
        if not result.ok:
            return UploadCheck(CheckStatus.INVALID, name, report, result.error_count)
        if not result.records:
            return UploadCheck(CheckStatus.EMPTY, name, report)
        changes = changes_between(stored, rows_of(result.records))
        counts = counts_of(changes)
        if not changes:
            return UploadCheck(CheckStatus.UNCHANGED, name, report)
        refused = refusals(member, changes, catalogue)  # the stored catalogue's regions
        if refused:
            return UploadCheck(CheckStatus.FORBIDDEN, name, report, refused=tuple(refused))
        defects = await self._defects(stored, changes)
        if defects:
            return UploadCheck(CheckStatus.REJECTED, name, report + defects, len(defects))
        now = self._clock()
        await self._uow.catalogue_imports.drop_expired(now - timedelta(minutes=PENDING_MINUTES))
        import_id = await self._uow.catalogue_imports.add(
            NewImport(
                staff_id=staff_id,
                via=VIA_BOT,
                action=UPLOAD,
                status=PENDING,
                file_name=name,
                regions=regions_of(changes, catalogue),
                counts=counts,
                changes=changes,
                created_at=now,
            )
        )
        await self._uow.commit()
        return UploadCheck(CheckStatus.READY, name, report, counts=counts, import_id=import_id)

    async def _defects(
        self, stored: Mapping[tuple[str, str], CatalogueRow], changes: Sequence[RecordChange]
    ) -> tuple[str, ...]:
        merged = dict(stored)
        written, removed = _rows_of_changes(changes)
        merged.update({(row.entity, row.id): row for row in written})
        for key in removed:
            merged.pop(key, None)
        try:
            await asyncio.to_thread(searchable_catalogue, list(merged.values()))
        except CatalogueRejectedError as rejected:
            return tuple(defect_text(defect) for defect in rejected.defects)
        return ()

    async def confirm(self, staff_id: int, import_id: int) -> Applied:
        """Apply a checked upload: once, by its uploader, while its check is fresh."""
        member = self._member(staff_id)
        now = self._clock()
        imports = self._uow.catalogue_imports
        fresh_after = now - timedelta(minutes=PENDING_MINUTES)
        if not await imports.confirm(import_id, staff_id, fresh_after, now):
            await self._uow.rollback()
            entry = await imports.get(import_id)
            if entry is not None and entry.staff_id == staff_id and entry.status == APPLIED:
                return Applied(entry, already=True)
            if entry is not None and entry.staff_id == staff_id and entry.status == PENDING:
                raise DomainError("catalogue-upload-expired", minutes=PENDING_MINUTES)
            if entry is not None and entry.staff_id == staff_id and entry.status == CANCELLED:
                raise DomainError("catalogue-upload-cancelled-already")
            raise DomainError(REFUSAL)
        entry = await imports.get(import_id)
        assert entry is not None
        await imports.lock_catalogue()
        current = await self._uow.catalogue.hashes()
        if any(current.get(change.key) != change.before_hash for change in entry.changes):
            await self._uow.rollback()
            raise DomainError("catalogue-upload-stale")
        refused = await self._refusals(member, entry.changes)
        if refused:  # rights narrowed since the check
            await self._uow.rollback()
            raise UploadRefusedError("catalogue-upload-forbidden", refused=refused)
        return await self._write(entry)

    async def cancel(self, staff_id: int, import_id: int) -> None:
        """«Отмена» of a checked upload (one conditional update). Pressed again, or after
        the import landed, it says so; someone else's or a made-up upload is outdated."""
        self._member(staff_id)
        imports = self._uow.catalogue_imports
        if await imports.cancel(import_id, staff_id):
            await self._uow.commit()
            return
        entry = await imports.get(import_id)
        await self._uow.commit()
        if entry is None or entry.staff_id != staff_id:
            raise DomainError(REFUSAL)
        if entry.status == APPLIED:
            raise DomainError("catalogue-upload-already", id=str(entry.id))
        raise DomainError("catalogue-upload-cancelled-already")

    async def _write(self, entry: ImportEntry) -> Applied:
        written, removed = _rows_of_changes(entry.changes)
        try:
            # The log row's change and the records: one transaction, committed here.
            await CatalogueAdmin(self._uow).replace(written, removed)
        except CatalogueRejectedError:
            await self._uow.rollback()
            raise DomainError("catalogue-upload-rejected") from None
        knowledge = await self._refreshed()
        listed = knowledge is not None and all(
            _served(knowledge, change) for change in entry.changes if change.entity in _SERVED
        )
        return Applied(
            entry,
            listed=listed,
            refresh_minutes=max(1, -(-self._refresh_seconds // 60)),
        )

    async def _refreshed(self) -> KnowledgeBase | None:
        """This process's knowledge base, rebuilt now when it can be (the loader over the
        database can; a fixed knowledge base of tests cannot; the CLI serves none)."""
        if self._knowledge is None:
            return None
        refresh = getattr(self._knowledge, "refresh_if_changed", None)
        if refresh is not None:
            await refresh()
        return await self._knowledge.get()

    # --- the CLI -----------------------------------------------------------------------------

    async def import_now(self, file_name: str, records: Sequence[BaseModel]) -> Applied | None:
        """`careerbot catalogue import`: the server's operator imports checked records at
        once, logged as every import is; None when nothing changes. Raises
        ``CatalogueRejectedError`` when the catalogue it would leave cannot be searched."""
        imports = self._uow.catalogue_imports
        await imports.lock_catalogue()
        stored = {(row.entity, row.id): row for row in await self._uow.catalogue.all()}
        changes = changes_between(stored, rows_of(records))
        if not changes:
            await self._uow.rollback()
            return None
        catalogue = await asyncio.to_thread(catalogue_from_rows, list(stored.values()))
        now = self._clock()
        import_id = await imports.add(
            NewImport(
                staff_id=None,
                via=VIA_CLI,
                action=UPLOAD,
                status=APPLIED,
                file_name=safe_file_name(file_name),
                regions=regions_of(changes, catalogue),
                counts=counts_of(changes),
                changes=changes,
                created_at=now,
                applied_at=now,
            )
        )
        entry = await imports.get(import_id)
        assert entry is not None
        written, removed = _rows_of_changes(entry.changes)
        try:
            await CatalogueAdmin(self._uow).replace(written, removed)
        except CatalogueRejectedError:
            await self._uow.rollback()
            raise
        return Applied(entry)

    # --- the log and rollbacks ---------------------------------------------------------------

    async def recent(self, staff_id: int) -> ImportList:
        """The latest imports and rollbacks this staff member may see: a region's staff see
        those that touched their region."""
        member = self._member(staff_id)
        entries = await self._uow.catalogue_imports.recent(RECENT * 5)
        await self._uow.commit()
        if member.region is not None:
            entries = [entry for entry in entries if member.region in entry.regions]
        return ImportList(tuple(entries[:RECENT]), await self._timezone(member))

    async def _timezone(self, member: StaffMember) -> str:
        if self._knowledge is None or member.region is None:
            return self._default_timezone
        catalogue = (await self._knowledge.get()).catalogue
        region = catalogue.regions.get(member.region or "")
        return region.timezone if region is not None else self._default_timezone

    async def plan_rollback(self, actor: int | None, import_id: int | None) -> RollbackPlan:
        """What rolling back an upload (the latest one not undone yet, when None) would do,
        and whether it may: raises DomainError when there is nothing to roll back."""
        member = self._member(actor)
        imports = self._uow.catalogue_imports
        if import_id is None:
            entry = await imports.latest_applied_upload()
            if entry is None:
                await self._uow.commit()
                raise DomainError("catalogue-rollback-nothing")
        else:
            entry = await imports.get(import_id)
            if entry is None or entry.status != APPLIED:
                await self._uow.commit()
                raise DomainError("catalogue-rollback-unknown", id=str(import_id))
            if entry.action != UPLOAD:
                await self._uow.commit()
                raise DomainError("catalogue-rollback-of-rollback", id=str(import_id))
        clashes = await self._clashes(entry)
        await self._uow.commit()
        inverse = [change.inverse() for change in entry.changes]
        return RollbackPlan(
            entry,
            counts_of(inverse),
            tuple(clashes),
            tuple(await self._refusals(member, entry.changes)),
            await self._timezone(member),
        )

    async def _clashes(self, entry: ImportEntry) -> list[Clash]:
        current = await self._uow.catalogue.hashes()
        changed = [c for c in entry.changes if current.get(c.key) != c.after_hash]
        if not changed:
            return []
        later: dict[tuple[str, str], int] = {}
        for other in await self._uow.catalogue_imports.applied_after(entry.id):
            for change in other.changes:
                later[change.key] = other.id
        return [Clash(c.entity, c.id, later.get(c.key)) for c in changed]

    async def rollback(self, actor: int | None, import_id: int) -> Applied:
        """Put back what an upload changed, logged as an import of its own. Once: a second
        press finds it rolled back and says so."""
        member = self._member(actor)
        imports = self._uow.catalogue_imports
        entry = await imports.get(import_id)
        if entry is None or entry.status != APPLIED or entry.action != UPLOAD:
            await self._uow.commit()
            raise DomainError(REFUSAL)
        if entry.rolled_back_by is not None:
            return await self._already_rolled_back(entry.rolled_back_by)
        refused = await self._refusals(member, entry.changes)
        if refused:
            await self._uow.commit()
            raise UploadRefusedError("catalogue-rollback-forbidden-now", refused=refused)
        inverse = [change.inverse() for change in entry.changes]
        now = self._clock()
        rollback_id = await imports.add(
            NewImport(
                staff_id=actor,
                via=VIA_BOT if actor is not None else VIA_CLI,
                action=ROLLBACK,
                status=APPLIED,
                file_name=entry.file_name,
                regions=entry.regions,
                counts=counts_of(inverse),
                changes=inverse,
                created_at=now,
                rolls_back=entry.id,
                applied_at=now,
            )
        )
        if not await imports.mark_rolled_back(entry.id, rollback_id):
            await self._uow.rollback()
            again = await imports.get(import_id)
            if again is not None and again.rolled_back_by is not None:
                return await self._already_rolled_back(again.rolled_back_by)
            raise DomainError(REFUSAL)
        await imports.lock_catalogue()
        clashes = await self._clashes(entry)
        if clashes:
            await self._uow.rollback()
            raise UploadRefusedError("catalogue-rollback-clash-now", clashes=clashes)
        written = await imports.get(rollback_id)
        assert written is not None
        return await self._write(written)

    async def _already_rolled_back(self, rollback_id: int) -> Applied:
        done = await self._uow.catalogue_imports.get(rollback_id)
        await self._uow.commit()
        if done is None:
            raise DomainError(REFUSAL)
        return Applied(done, already=True)


_SERVED = frozenset({"programmes", "events"})


def _served(knowledge: KnowledgeBase, change: RecordChange) -> bool:
    """Whether the knowledge base serves the record as the change left it."""
    kind = getattr(knowledge.catalogue, change.entity)
    if change.after is None:
        return change.id not in kind
    record = kind.get(change.id)
    return record is not None and record.model_dump(mode="json") == dict(change.after)
