"""Counts over the catalogue, for `careerbot catalogue stats` and the staff dashboard."""

from __future__ import annotations

from collections import Counter
from typing import Any

from knowledge.catalogue import ENTITY_KINDS, Catalogue


def _sorted(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items()))


def catalogue_stats(catalogue: Catalogue) -> dict[str, Any]:
    """A JSON-ready summary of the catalogue.

    Keys: ``counts`` (records per kind), ``regions`` (centres, programmes and events per
    region id), ``groups`` (professions per УГПС code), ``programme_kinds``,
    ``profession_levels``, ``illustrative`` (illustrative records per kind; for centres,
    those whose opening hours are illustrative), ``content_hash``.
    """
    counts = {kind: len(catalogue.by_kind(kind)) for kind in ENTITY_KINDS}

    regions: dict[str, dict[str, int]] = {}

    def bump(region: str | None, key: str) -> None:
        name = region or "—"
        entry = regions.setdefault(name, {"centres": 0, "programmes": 0, "events": 0})
        entry[key] += 1

    for region in catalogue.regions:
        regions.setdefault(region, {"centres": 0, "programmes": 0, "events": 0})
    for centre in catalogue.centres.values():
        bump(centre.region, "centres")
    for programme in catalogue.programmes.values():
        owner = catalogue.centres.get(programme.centre)
        bump(owner.region if owner else None, "programmes")
    for event in catalogue.events.values():
        owner = catalogue.centres.get(event.centre or "")
        bump(event.region or (owner.region if owner else None), "events")

    groups: Counter[str] = Counter(p.group for p in catalogue.professions.values())
    for code in catalogue.groups:
        groups.setdefault(code, 0)
    kinds: Counter[str] = Counter(p.kind.value for p in catalogue.programmes.values())
    levels: Counter[str] = Counter(p.level for p in catalogue.professions.values())
    illustrative = {
        "programmes": sum(p.illustrative for p in catalogue.programmes.values()),
        "events": sum(e.illustrative for e in catalogue.events.values()),
        "centres": sum(c.hours_illustrative for c in catalogue.centres.values()),
    }
    return {
        "counts": counts,
        "regions": dict(sorted(regions.items())),
        "groups": _sorted(groups),
        "programme_kinds": _sorted(kinds),
        "profession_levels": _sorted(levels),
        "illustrative": illustrative,
        "content_hash": catalogue.content_hash(),
    }
