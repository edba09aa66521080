"""Checking the catalogue as a whole: what single records cannot show.

Models check single records; :func:`validate` checks duplicates, dangling references,
unknown O*NET codes, time zones and dates. :class:`Problem` is also what the loader reports
for files and records it cannot read, so that every complaint about the data has one shape.
"""

from __future__ import annotations

import zoneinfo
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from knowledge.catalogue import Catalogue, normalise_text
from knowledge.models import Centre, Competency, Event, Profession, Programme

# Start dates further back or ahead than this are most likely typos (2062 for 2026).
PAST_WINDOW = timedelta(days=2 * 366)
FUTURE_WINDOW = timedelta(days=3 * 366)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the catalogue data."""

    file: str  # relative to the data folder; '' when unknown
    entity_id: str | None
    field: str | None
    message: str
    kind: str | None = None

    def __str__(self) -> str:
        where = self.file or "<catalogue>"
        parts = [where]
        if self.kind or self.entity_id:
            parts.append(f"{self.kind or '?'} {self.entity_id or '?'}")
        if self.field:
            parts.append(self.field)
        return ": ".join(parts) + f": {self.message}"


@lru_cache(maxsize=256)
def _valid_timezone(key: str) -> bool:
    try:
        zoneinfo.ZoneInfo(key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _name_keys() -> dict[str, Callable[[Any], str]]:
    return {
        "industries": lambda e: normalise_text(e.name),
        "groups": lambda e: normalise_text(e.name),
        "regions": lambda e: normalise_text(e.name),
        # the official list repeats a few names in different groups (08.02.10 and 23.02.08)
        "professions": lambda e: f"{e.group}|{normalise_text(e.name)}",
        # the same discipline name exists in «Профессионалы» and «Абилимпикс»
        "competencies": lambda e: f"{e.championship}|{normalise_text(e.name)}",
        "centres": lambda e: normalise_text(e.name),
        "programmes": lambda e: f"{e.centre}|{normalise_text(e.title)}",
        "events": lambda e: f"{e.starts_at.isoformat()}|{normalise_text(e.title)}",
        "faq": lambda e: normalise_text(e.question),
    }


class _Report:
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.problems: list[Problem] = []

    def add(self, kind: str, key: str, field: str | None, message: str) -> None:
        self.problems.append(Problem(self.catalogue.origin(kind, key), key, field, message, kind))

    def refs(
        self, kind: str, key: str, field: str, values: Iterable[str | None], target: str
    ) -> None:
        known = self.catalogue.by_kind(target)
        for value in values:
            if value is not None and value not in known:
                self.add(kind, key, field, f"unknown {_SINGULAR[target]} id {value!r}")


_SINGULAR = {
    "industries": "industry",
    "groups": "group",
    "regions": "region",
    "professions": "profession",
    "competencies": "competency",
    "centres": "centre",
    "programmes": "programme",
    "events": "event",
    "faq": "FAQ entry",
}


def validate(catalogue: Catalogue, *, today: date | None = None) -> list[Problem]:
    """Every cross-record problem of the catalogue; empty when it is consistent.

    ``today`` anchors the window of sensible dates (defaults to the current UTC date).
    """
    report = _Report(catalogue)
    anchor = today or datetime.now().astimezone().date()
    earliest, latest = anchor - PAST_WINDOW, anchor + FUTURE_WINDOW

    _check_duplicate_ids(report)
    _check_shared_ids(report)
    _check_repeated_names(report)
    for pid, profession in catalogue.professions.items():
        _check_profession(report, pid, profession)
    for cid, competency in catalogue.competencies.items():
        _check_competency(report, cid, competency)
    for key, centre in catalogue.centres.items():
        _check_centre(report, key, centre)
    for rid, region in catalogue.regions.items():
        if not _valid_timezone(region.timezone):
            report.add("regions", rid, "timezone", f"not a time zone name: {region.timezone!r}")
    for key, programme in catalogue.programmes.items():
        _check_programme(report, key, programme, earliest, latest)
    for key, event in catalogue.events.items():
        _check_event(report, key, event, earliest, latest)
    return report.problems


def _check_duplicate_ids(report: _Report) -> None:
    catalogue = report.catalogue
    for kind, key, rel in catalogue.duplicates:
        first = catalogue.origin(kind, key) or "?"
        message = f"duplicate id {key!r}: the first record with it is in {first}"
        # Reported at the file of the repeat: origin() names the first record's file.
        report.problems.append(Problem(rel, key, "id", message, kind))


def _check_shared_ids(report: _Report) -> None:
    for key, kinds in sorted(report.catalogue.conflicting_ids().items()):
        if not key.strip():
            for kind in kinds:
                report.add(kind, key, "id", "the id is empty")
            continue
        others = ", ".join(_SINGULAR[kind] for kind in kinds[:-1])
        message = f"the id is also the id of a {others}; ids must be unique across all kinds"
        report.add(kinds[-1], key, "id", message)


def _check_repeated_names(report: _Report) -> None:
    for kind, key_of in _name_keys().items():
        seen: dict[str, str] = {}
        for key, entity in sorted(report.catalogue.by_kind(kind).items()):
            name_key = key_of(entity)
            if name_key in seen:
                report.add(kind, key, "name", f"the same name as {seen[name_key]!r}")
            else:
                seen[name_key] = key


def _file_stem(report: _Report, kind: str, key: str) -> str | None:
    origin = report.catalogue.origin(kind, key)
    if "/" not in origin:
        return None
    return Path(origin).stem


def _check_profession(report: _Report, pid: str, profession: Profession) -> None:
    cat = report.catalogue
    if profession.group not in cat.groups:
        report.add("professions", pid, "group", f"unknown group {profession.group!r}")
    report.refs("professions", pid, "industries", profession.industries, "industries")
    for code in profession.onet:
        if code not in cat.onet:
            report.add(
                "professions", pid, "onet", f"O*NET code {code!r} is not in the interest table"
            )
    stem = _file_stem(report, "professions", pid)
    if stem is not None and stem.isdigit() and len(stem) == 2 and not pid.startswith(stem + "."):
        report.add("professions", pid, "code", f"profession {pid} sits in the file of group {stem}")
    counts = Counter(profession.onet)
    for code, count in counts.items():
        if count > 1:
            report.add("professions", pid, "onet", f"O*NET code {code!r} listed twice")


def _check_competency(report: _Report, cid: str, competency: Competency) -> None:
    report.refs("competencies", cid, "professions", competency.professions, "professions")


def _check_centre(report: _Report, key: str, centre: Centre) -> None:
    report.refs("centres", key, "region", [centre.region], "regions")
    report.refs("centres", key, "industries", centre.industries, "industries")
    if not _valid_timezone(centre.timezone):
        report.add("centres", key, "timezone", f"not a time zone name: {centre.timezone!r}")
    weekdays = Counter(day.weekday for day in centre.hours)
    for weekday, count in weekdays.items():
        if count > 1:
            report.add("centres", key, "hours", f"weekday {weekday} is listed {count} times")
    for day in centre.hours:
        field = f"hours[weekday={day.weekday}]"
        if day.opens >= day.closes:
            report.add("centres", key, field, "closes before it opens")
        if (day.break_start is None) != (day.break_end is None):
            report.add("centres", key, field, "a break needs both break_start and break_end")
        elif day.break_start is not None and day.break_end is not None:
            inside = day.opens <= day.break_start < day.break_end <= day.closes
            if not inside:
                report.add("centres", key, field, "the break must lie within opening hours")


def _check_programme(
    report: _Report, key: str, programme: Programme, earliest: date, latest: date
) -> None:
    report.refs("programmes", key, "centre", [programme.centre], "centres")
    report.refs("programmes", key, "professions", programme.professions, "professions")
    stem = _file_stem(report, "programmes", key)
    if stem is not None and stem != programme.centre and stem in report.catalogue.centres:
        report.add(
            "programmes",
            key,
            "centre",
            f"listed in {stem}.yaml but belongs to {programme.centre!r}",
        )
    for start in programme.start_dates:
        if not earliest <= start <= latest:
            report.add(
                "programmes",
                key,
                "start_dates",
                f"start date {start.isoformat()} is outside {earliest}..{latest}",
            )
    if programme.price_rub is not None and programme.is_free:
        report.add(
            "programmes", key, "price_rub", "a price is given but funding does not include 'paid'"
        )


def _check_event(report: _Report, key: str, event: Event, earliest: date, latest: date) -> None:
    cat = report.catalogue
    report.refs("events", key, "region", [event.region], "regions")
    report.refs("events", key, "centre", [event.centre], "centres")
    report.refs("events", key, "competencies", event.competencies, "competencies")
    centre = cat.centres.get(event.centre) if event.centre else None
    if centre is not None and event.region is not None and centre.region != event.region:
        report.add(
            "events",
            key,
            "region",
            f"the centre {centre.id} is in {centre.region}, not {event.region}",
        )
    if not earliest <= event.starts_at.date() <= latest:
        report.add(
            "events",
            key,
            "starts_at",
            f"start {event.starts_at.isoformat()} is outside {earliest}..{latest}",
        )
    if event.registration_deadline is not None and event.registration_deadline > event.ends_at:
        report.add(
            "events", key, "registration_deadline", "registration closes after the event ends"
        )
