"""Reading the YAML data files into a :class:`Catalogue`.

Each kind lives in ``<kind>.yaml`` and/or ``<kind>/*.yaml`` under the data folder, every
file a YAML list of records. Models check single records; the checks that need the whole
catalogue live in :mod:`knowledge.validation`. :func:`check_data` (load, then validate)
stays here: the loader calls :func:`validate` for ``load_catalogue(check=True)``, so the
validation module must not import the loader back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from knowledge.catalogue import ENTITY_KINDS, Catalogue
from knowledge.models import Centre
from knowledge.riasec import ONET_CSV, OnetTable, load_onet_table

# Re-exported: callers import these from the loader, as before the checks had a module.
from knowledge.validation import FUTURE_WINDOW as FUTURE_WINDOW
from knowledge.validation import PAST_WINDOW as PAST_WINDOW
from knowledge.validation import Problem as Problem
from knowledge.validation import validate as validate

DATA_DIR = Path(__file__).with_name("data")
ONET_FILE_NAME = "onet_riasec.csv"

_YamlLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CatalogueError(Exception):
    """Raised when the data cannot be loaded (or, with ``check=True``, is not valid)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        shown = "\n".join(f"  {p}" for p in self.problems[:20])
        more = len(self.problems) - 20
        tail = f"\n  … and {more} more" if more > 0 else ""
        super().__init__(f"{len(self.problems)} catalogue problem(s):\n{shown}{tail}")


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
