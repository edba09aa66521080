"""What the catalogue's import log stores, and the repository that keeps it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

UPLOAD = "upload"
ROLLBACK = "rollback"
PENDING = "pending"
APPLIED = "applied"
CANCELLED = "cancelled"
VIA_BOT = "bot"
VIA_CLI = "cli"


@dataclass(frozen=True, slots=True)
class RecordChange:
    """One catalogue record an import changes: its content before and after (None: the
    record is not there), with the content hashes that tell whether it changed since."""

    entity: str
    id: str
    before: Mapping[str, Any] | None
    after: Mapping[str, Any] | None
    before_hash: str | None
    after_hash: str | None

    @property
    def key(self) -> tuple[str, str]:
        return (self.entity, self.id)

    @property
    def how(self) -> str:
        if self.before is None:
            return "added"
        return "removed" if self.after is None else "changed"

    def inverse(self) -> RecordChange:
        return RecordChange(
            self.entity, self.id, self.after, self.before, self.after_hash, self.before_hash
        )


@dataclass(frozen=True, slots=True)
class ImportEntry:
    id: int
    staff_id: int | None  # None from the CLI, or once they erased their data (/forget)
    via: str  # bot | cli
    action: str  # upload | rollback
    status: str  # pending | applied | cancelled
    file_name: str
    regions: tuple[str, ...]  # "" for a nationwide record
    counts: Mapping[str, Mapping[str, int]]
    changes: tuple[RecordChange, ...]
    rolls_back: int | None
    rolled_back_by: int | None
    created_at: datetime
    applied_at: datetime | None


@dataclass(frozen=True, slots=True)
class NewImport:
    staff_id: int | None
    via: str
    action: str
    status: str
    file_name: str
    regions: tuple[str, ...]
    counts: Mapping[str, Mapping[str, int]]
    changes: Sequence[RecordChange]
    created_at: datetime
    rolls_back: int | None = None
    applied_at: datetime | None = None


class CatalogueImportRepository(Protocol):
    async def add(self, entry: NewImport) -> int:
        """The new row's id."""
        ...

    async def get(self, import_id: int) -> ImportEntry | None: ...
    async def recent(self, limit: int) -> list[ImportEntry]:
        """Applied imports and rollbacks, newest first, without their changes (the list)."""
        ...

    async def applied_after(self, import_id: int) -> list[ImportEntry]:
        """Applied imports and rollbacks newer than this one, oldest first, with changes."""
        ...

    async def latest_applied_upload(self) -> ImportEntry | None:
        """The newest applied upload that no rollback undid, with its changes."""
        ...

    async def confirm(
        self, import_id: int, staff_id: int, created_after: datetime, now: datetime
    ) -> bool:
        """pending → applied, only for the uploader and while the check is fresh: one
        conditional update, so a second press or a second instance changes nothing."""
        ...

    async def cancel(self, import_id: int, staff_id: int) -> bool:
        """pending → cancelled, for the uploader only; the changes it would have made are
        dropped (they were never applied)."""
        ...

    async def drop_expired(self, created_before: datetime) -> int:
        """Drop the changes of pending uploads checked before then: their buttons are
        outdated, and a whole catalogue's records would otherwise stay in each row."""
        ...

    async def mark_rolled_back(self, import_id: int, rollback_id: int) -> bool:
        """Set once: False when another rollback took it first, or it is not applied."""
        ...

    async def lock_catalogue(self) -> None:
        """Hold the catalogue's writers one at a time until the transaction ends."""
        ...
