"""Reading the YAML data files into a :class:`Catalogue`, and checking it as a whole.

Each kind lives in ``<kind>.yaml`` and/or ``<kind>/*.yaml`` under the data folder, every
file a YAML list of records. Models check single records; :func:`validate` checks what
only the whole catalogue can show: duplicates, dangling references, unknown O*NET codes,
time zones and dates.
"""

from __future__ import annotations

import zoneinfo
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from knowledge.catalogue import ENTITY_KINDS, Catalogue, normalise_text
from knowledge.models import Centre, Competency, Event, Profession, Programme
from knowledge.riasec import ONET_CSV, OnetTable, load_onet_table

DATA_DIR = Path(__file__).with_name("data")
ONET_FILE_NAME = "onet_riasec.csv"

# Start dates further back or ahead than this are most likely typos (2062 for 2026).
PAST_WINDOW = timedelta(days=2 * 366)
FUTURE_WINDOW = timedelta(days=3 * 366)

_YamlLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


class CatalogueError(Exception):
    """Raised when the data cannot be loaded (or, with ``check=True``, is not valid)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        shown = "\n".join(f"  {p}" for p in self.problems[:20])
        more = len(self.problems) - 20
        tail = f"\n  … and {more} more" if more > 0 else ""
        super().__init__(f"{len(self.problems)} catalogue problem(s):\n{shown}{tail}")


# -- loading --------------------------------------------------------------------------


def data_files(data_dir: Path) -> dict[str, list[Path]]:
    """The YAML files of each kind, in a stable order."""
    found: dict[str, list[Path]] = {}
    for kind in ENTITY_KINDS:
        files = [data_dir / f"{kind}.{ext}" for ext in ("yaml", "yml")]
        paths = [p for p in files if p.is_file()]
        folder = data_dir / kind
        if folder.is_dir():
            paths += sorted(
                p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()
            )
        found[kind] = paths
    return found


def _onet_path(data_dir: Path) -> Path:
    local = data_dir / ONET_FILE_NAME
    return local if local.is_file() else ONET_CSV


def load_catalogue(data_dir: Path = DATA_DIR, *, check: bool = False) -> Catalogue:
    """Read every data file under ``data_dir``.

    Raises :class:`CatalogueError` with every problem found if any file or record cannot
    be read. With ``check=True`` it also raises when :func:`validate` finds problems.
    The parsed result is cached per process until a file changes.
    """
    files = data_files(data_dir)
    onet_path = _onet_path(data_dir)
    signature = tuple(
        (str(path), stat.st_mtime_ns, stat.st_size)
        for path in [onet_path, *(p for paths in files.values() for p in paths)]
        for stat in [path.stat()]
    )
    catalogue = _load_cached(data_dir.resolve(), signature)
    if check:
        problems = validate(catalogue)
        if problems:
            raise CatalogueError(problems)
    return catalogue


@lru_cache(maxsize=8)
def _load_cached(data_dir: Path, signature: tuple[tuple[str, int, int], ...]) -> Catalogue:
    del signature  # part of the cache key only
    return _read_catalogue(data_dir, load_onet_table(_onet_path(data_dir)))


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _read_catalogue(data_dir: Path, onet: OnetTable) -> Catalogue:
    problems: list[Problem] = []
    entities: list[BaseModel] = []
    files: list[str] = []
    for kind, paths in data_files(data_dir).items():
        model = ENTITY_KINDS[kind]
        for path in paths:
            rel = _relative(path, data_dir)
            for record in _read_records(path, rel, kind, problems):
                entity = _parse_record(model, record, rel, kind, problems)
                if entity is not None:
                    entities.append(entity)
                    files.append(rel)
    if problems:
        raise CatalogueError(problems)
    return Catalogue.build(entities, onet=onet, files=files)


def _read_records(path: Path, rel: str, kind: str, problems: list[Problem]) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        problems.append(Problem(rel, None, None, f"not UTF-8 text: {error}", kind))
        return []
    try:
        data = yaml.load(text, Loader=_YamlLoader)
    except yaml.YAMLError as error:
        problems.append(Problem(rel, None, None, f"YAML syntax error: {error}", kind))
        return []
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(
            Problem(
                rel, None, None, f"the file must be a YAML list, got {type(data).__name__}", kind
            )
        )
        return []
    records: list[dict[str, Any]] = []
    for index, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            problems.append(Problem(rel, None, None, f"item #{index} is not a mapping", kind))
            continue
        records.append(item)
    return records


def _guess_id(record: Mapping[str, Any]) -> str | None:
    for key in ("id", "code"):
        value = record.get(key)
        if value is not None:
            return str(value)
    return None


def _parse_record(
    model: type[BaseModel], record: dict[str, Any], rel: str, kind: str, problems: list[Problem]
) -> BaseModel | None:
    key = _guess_id(record)
    if model is Centre:
        # YAML 1.1 reads an unquoted 9:30 as the number 570, which pydantic would take
        # as 00:09:30; refuse it instead of shifting the opening hours silently.
        bad = False
        for day_no, day in enumerate(record.get("hours") or [], start=1):
            if not isinstance(day, dict):
                continue
            for name in ("opens", "closes", "break_start", "break_end"):
                if isinstance(day.get(name), int | float) and not isinstance(day.get(name), bool):
                    problems.append(
                        Problem(
                            rel,
                            key,
                            f"hours.{day_no}.{name}",
                            "write times in quotes, e.g. '09:00'",
                            kind,
                        )
                    )
                    bad = True
        if bad:
            return None
    try:
        return model.model_validate(record)
    except ValidationError as error:
        for item in error.errors(include_url=False):
            loc = ".".join(str(part) for part in item["loc"]) or None
            problems.append(Problem(rel, key, loc, item["msg"], kind))
        return None


def check_data(data_dir: Path = DATA_DIR, *, today: date | None = None) -> list[Problem]:
    """Load and validate; every problem as a list (empty when all is well)."""
    try:
        catalogue = load_catalogue(data_dir)
    except CatalogueError as error:
        return error.problems
    return validate(catalogue, today=today)


# -- validation -----------------------------------------------------------------------


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

    for kind, key, rel in catalogue.duplicates:
        first = catalogue.origin(kind, key) or "?"
        message = f"duplicate id {key!r}: the first record with it is in {first}"
        report.problems.append(Problem(rel, key, "id", message, kind))

    for key, kinds in sorted(catalogue.conflicting_ids().items()):
        if not key.strip():
            for kind in kinds:
                report.add(kind, key, "id", "the id is empty")
            continue
        others = ", ".join(_SINGULAR[kind] for kind in kinds[:-1])
        message = f"the id is also the id of a {others}; ids must be unique across all kinds"
        report.add(kinds[-1], key, "id", message)

    for kind, key_of in _name_keys().items():
        seen: dict[str, str] = {}
        for key, entity in sorted(catalogue.by_kind(kind).items()):
            name_key = key_of(entity)
            if name_key in seen:
                report.add(kind, key, "name", f"the same name as {seen[name_key]!r}")
            else:
                seen[name_key] = key

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
