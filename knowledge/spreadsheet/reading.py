"""Reading whole sheets of programmes and events into checked records."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from knowledge.catalogue import Catalogue
from knowledge.models import Event, Programme
from knowledge.spreadsheet.cells import is_blank, zone
from knowledge.spreadsheet.columns import (
    EVENT_COLUMNS,
    EVENTS_SHEET,
    PROGRAMME_COLUMNS,
    PROGRAMMES_SHEET,
    Column,
)
from knowledge.spreadsheet.files import Table, file_problem, open_source, sheet_matches
from knowledge.spreadsheet.ids import IdRegistry
from knowledge.spreadsheet.limits import ImportLimits
from knowledge.spreadsheet.results import ImportResult, ProblemLog, SheetProblem, T
from knowledge.spreadsheet.rows import RowReader, locate_columns

SheetKind = Literal["programmes", "events"]
ImportKind = Literal["auto", "programmes", "events"]
_KIND_SHEETS: tuple[tuple[SheetKind, str], ...] = (
    ("programmes", PROGRAMMES_SHEET),
    ("events", EVENTS_SHEET),
)


def _read_table(
    path: Path,
    table: Table,
    columns: Sequence[Column],
    model: type[T],
    catalogue: Catalogue | None,
    default_timezone: str | None,
    limits: ImportLimits,
    registry: IdRegistry,
) -> ImportResult[T]:
    log = ProblemLog(limits.max_problems)
    rows = (item for item in table.rows if any(not is_blank(v) for v in item[1]))
    header = next(rows, None)
    if header is None:
        log.extend(table.problems)
        if not table.problems:
            log.add(
                file_problem(path, "Файл пустой: в нём нет даже строки заголовков.", table.sheet)
            )
        return log.result([])
    header_row, headers = header
    layout, problems = locate_columns(path, table, header_row, headers, columns)
    log.extend(problems)
    if log.has_errors:
        return log.result([])
    default_zone = zone(default_timezone) if default_timezone else None
    reader = RowReader(path, table, layout, model, catalogue, default_zone, registry, log)
    count = 0
    for number, cells in rows:
        count += 1
        if count > limits.max_rows:
            # Nothing lands anyway, and the problems of the rows so far would hide the fix.
            return ImportResult(
                [],
                [
                    file_problem(
                        path,
                        f"Строк с данными больше {limits.max_rows}: столько за один раз не "
                        "загрузить. Разбейте файл на части.",
                        table.sheet,
                        number,
                    )
                ],
            )
        reader.read(number, cells)
    log.extend(table.problems)
    if count == 0 and not table.problems:
        log.add(
            file_problem(
                path,
                "В файле только строка заголовков, а строк с данными нет.",
                table.sheet,
                header_row,
            )
        )
    return log.result(reader.records)


def _read_one(
    path: Path,
    columns: Sequence[Column],
    model: type[T],
    sheet: str,
    catalogue: Catalogue | None,
    default_timezone: str | None,
    limits: ImportLimits | None,
) -> ImportResult[T]:
    limits = limits or ImportLimits()
    path = Path(path)
    opened = open_source(path, limits)
    if isinstance(opened, SheetProblem):
        return ImportResult([], [opened])
    with opened as source:
        table = source.table(sheet)
        registry = IdRegistry(catalogue)
        return _read_table(
            path, table, columns, model, catalogue, default_timezone, limits, registry
        )


def read_programmes(
    path: Path, catalogue: Catalogue | None = None, *, limits: ImportLimits | None = None
) -> ImportResult[Programme]:
    """Programmes from an .xlsx (sheet «Программы», else the first) or .csv file.

    With a catalogue, centre and profession ids are checked against it, and an id that
    another kind of record holds is refused.
    """
    return _read_one(path, PROGRAMME_COLUMNS, Programme, PROGRAMMES_SHEET, catalogue, None, limits)


def read_events(
    path: Path,
    catalogue: Catalogue | None = None,
    *,
    default_timezone: str | None = None,
    limits: ImportLimits | None = None,
) -> ImportResult[Event]:
    """Events from an .xlsx (sheet «События», else the first) or .csv file.

    A time without a UTC offset is taken in the row's «Часовой пояс», else the time zone
    of its centre or region in the catalogue, else ``default_timezone``.
    """
    return _read_one(path, EVENT_COLUMNS, Event, EVENTS_SHEET, catalogue, default_timezone, limits)


def import_kinds(path: Path, sheet_names: Sequence[str]) -> list[SheetKind]:
    """What a file holds: the sheets «Программы» and «События», else a guess from its name."""
    found = [
        kind
        for kind, sheet in _KIND_SHEETS
        if any(sheet_matches(name, sheet) for name in sheet_names)
    ]
    if found:
        return found
    name = path.name.lower()
    return ["events"] if "event" in name or "событ" in name else ["programmes"]


def read_import_file(
    path: Path,
    catalogue: Catalogue | None = None,
    *,
    kind: ImportKind = "auto",
    default_timezone: str | None = None,
    limits: ImportLimits | None = None,
) -> ImportResult[BaseModel]:
    """Programmes and/or events from one file, as ``careerbot catalogue import`` takes it.

    ``kind="auto"`` reads the sheets «Программы» and «События» of a workbook, else guesses
    from the file name. An id is refused when another sheet of the file or another kind
    of record in ``catalogue`` holds it. Problems past ``limits.max_problems`` are counted.
    """
    limits = limits or ImportLimits()
    path = Path(path)
    opened = open_source(path, limits)
    if isinstance(opened, SheetProblem):
        return ImportResult([], [opened])
    with opened as source:
        kinds = import_kinds(path, source.sheet_names) if kind == "auto" else [kind]
        registry = IdRegistry(catalogue)
        log = ProblemLog(limits.max_problems)
        records: list[BaseModel] = []
        for what in kinds:
            result: ImportResult[Programme] | ImportResult[Event] = (
                _read_table(
                    path, source.table(EVENTS_SHEET), EVENT_COLUMNS, Event,
                    catalogue, default_timezone, limits, registry,
                )
                if what == "events"
                else _read_table(
                    path, source.table(PROGRAMMES_SHEET), PROGRAMME_COLUMNS, Programme,
                    catalogue, None, limits, registry,
                )
            )  # fmt: skip
            records.extend(result.records)
            log.absorb(result)
        return log.result(records)
