"""What an import changes, record by record, and who may change it: pure functions over
catalogue rows, tested without a database."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from bot.services.catalogue_imports.ports import RecordChange
from bot.services.ports import CatalogueRow
from bot.services.staff import StaffMember, StaffRole
from knowledge import ENTITY_KINDS, Catalogue, content_hash_of, entity_id
from knowledge.models import Region

# The kinds staff of a region may change, each within their region. Anything else is a
# national record (regions, centres, professions, competencies, the FAQ): admins only.
REGIONAL_KINDS = frozenset({"programmes", "events"})
HOW = ("added", "changed", "removed")

# Why a record is refused to a staff member.
NATIONAL = "national"  # a kind of record the whole country shares
NATIONWIDE = "nationwide"  # an event of no region (online or nationwide)
OTHER_REGION = "other-region"


@dataclass(frozen=True, slots=True)
class Refusal:
    """A record the staff member may not change, and why."""

    entity: str
    id: str
    title: str
    reason: str  # NATIONAL | NATIONWIDE | OTHER_REGION
    region: str | None  # the record's region id, for OTHER_REGION
    region_name: Region | None = None  # the catalogue's region, when it knows the id


def rows_of(records: Iterable[BaseModel]) -> list[CatalogueRow]:
    kind_of = {model: kind for kind, model in ENTITY_KINDS.items()}
    return [
        CatalogueRow(
            entity=kind_of[type(record)],
            id=entity_id(record),
            payload=record.model_dump(mode="json"),
            content_hash=content_hash_of(record),
        )
        for record in records
    ]


def changes_between(
    stored: Mapping[tuple[str, str], CatalogueRow], new: Sequence[CatalogueRow]
) -> list[RecordChange]:
    """The records `new` adds or changes (the same content is no change)."""
    changes = []
    for row in new:
        old = stored.get((row.entity, row.id))
        if old is not None and old.content_hash == row.content_hash:
            continue
        changes.append(
            RecordChange(
                row.entity,
                row.id,
                old.payload if old is not None else None,
                row.payload,
                old.content_hash if old is not None else None,
                row.content_hash,
            )
        )
    return changes


def counts_of(changes: Iterable[RecordChange]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(HOW, 0))
    for change in changes:
        counts[change.entity][change.how] += 1
    return dict(counts)


def _region(entity: str, payload: Mapping[str, Any], catalogue: Catalogue) -> str:
    """A programme's region is its centre's; an event's its own ("" for none)."""
    if entity == "programmes":
        centre = catalogue.centres.get(str(payload.get("centre") or ""))
        return centre.region if centre is not None else ""
    if entity == "events":
        return str(payload.get("region") or "")
    return ""


def regions_of(changes: Iterable[RecordChange], catalogue: Catalogue) -> tuple[str, ...]:
    """Every region whose records the changes touch, before or after ("" nationwide)."""
    found = {
        _region(change.entity, payload, catalogue)
        for change in changes
        for payload in (change.before, change.after)
        if payload is not None
    }
    return tuple(sorted(found))


def refusals(
    member: StaffMember, changes: Iterable[RecordChange], catalogue: Catalogue
) -> list[Refusal]:
    """What of `changes` this member may not make: admins may make everything; other staff
    only programmes and events, and staff of a region only their region's, as the record
    was and as it would be."""
    if member.role is StaffRole.ADMIN:
        return []
    refused = []
    for change in changes:
        payload = change.after if change.after is not None else change.before
        title = str((payload or {}).get("title") or (payload or {}).get("name") or "")
        if change.entity not in REGIONAL_KINDS:
            refused.append(Refusal(change.entity, change.id, title, NATIONAL, None))
            continue
        if member.region is None:
            continue
        for state in (change.before, change.after):
            if state is None:
                continue
            region = _region(change.entity, state, catalogue)
            if region != member.region:
                reason = NATIONWIDE if not region else OTHER_REGION
                refused.append(
                    Refusal(
                        change.entity,
                        change.id,
                        title,
                        reason,
                        region or None,
                        catalogue.regions.get(region),
                    )
                )
                break
    return refused
