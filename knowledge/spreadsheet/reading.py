"""Reading a whole sheet of programmes or events into checked records."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

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
from knowledge.spreadsheet.files import file_problem, open_table
from knowledge.spreadsheet.results import ImportResult, SheetProblem, T
from knowledge.spreadsheet.rows import RowReader, locate_columns


def _read(
    path: Path,
    columns: Sequence[Column],
    model: type[T],
    sheet: str,
    catalogue: Catalogue | None,
    default_timezone: str | None = None,
) -> ImportResult[T]:
    path = Path(path)
    opened = open_table(path, sheet)
    if isinstance(opened, SheetProblem):
        return ImportResult([], [opened])
    table = opened
    rows = (item for item in table.rows if any(not is_blank(v) for v in item[1]))
    header = next(rows, None)
    if header is None:
        return ImportResult(
            [], [file_problem(path, "Файл пустой: в нём нет даже строки заголовков.", table.sheet)]
        )
    header_row, headers = header
    layout, problems = locate_columns(path, table, header_row, headers, columns)
    if any(p.level == "error" for p in problems):
        return ImportResult([], problems)
    default_zone = zone(default_timezone) if default_timezone else None
    reader = RowReader(path, table, layout, model, catalogue, default_zone)
    count = 0
    for number, cells in rows:
        count += 1
        reader.read(number, cells)
    if count == 0:
        problems.append(
            file_problem(
                path,
                "В файле только строка заголовков, а строк с данными нет.",
                table.sheet,
                header_row,
            )
        )
    return ImportResult(reader.records, problems + reader.problems)


def read_programmes(path: Path, catalogue: Catalogue | None = None) -> ImportResult[Programme]:
    """Programmes from an .xlsx (sheet «Программы», else the first) or .csv file.

    With a catalogue, centre and profession ids are checked against it.
    """
    return _read(path, PROGRAMME_COLUMNS, Programme, PROGRAMMES_SHEET, catalogue)


def read_events(
    path: Path, catalogue: Catalogue | None = None, *, default_timezone: str | None = None
) -> ImportResult[Event]:
    """Events from an .xlsx (sheet «События», else the first) or .csv file.

    A time without a UTC offset is taken in the row's «Часовой пояс», else the time zone
    of its centre or region in the catalogue, else ``default_timezone``.
    """
    return _read(path, EVENT_COLUMNS, Event, EVENTS_SHEET, catalogue, default_timezone)
