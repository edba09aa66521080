"""Opening a staff file: tell .xlsx from .csv by content, not by name, and stream its rows."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from knowledge.catalogue import normalise_text
from knowledge.spreadsheet.columns import SHEET_ALIASES
from knowledge.spreadsheet.results import SheetProblem

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
_EXCEL_SUFFIXES = {".xlsx", ".xlsm"}


@dataclass(frozen=True, slots=True)
class Formula:
    """A cell holding a formula: we import values, never what a formula would compute."""

    text: str


@dataclass
class Table:
    sheet: str | None
    rows: Iterator[tuple[int, list[Any]]]  # (Excel row number, cells); formulas as Formula
    problems: list[SheetProblem] = field(default_factory=list)


def file_problem(
    path: Path, message: str, sheet: str | None = None, row: int | None = None
) -> SheetProblem:
    return SheetProblem(path.name, sheet, row, None, None, message)


def open_table(path: Path, preferred_sheet: str) -> Table | SheetProblem:
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        return file_problem(path, f"Не удалось открыть файл: {error.strerror or error}.")
    suffix = path.suffix.casefold()
    if head.startswith(_ZIP_MAGIC):
        return _open_xlsx(path, preferred_sheet)
    if head.startswith(_OLE_MAGIC) or suffix == ".xls":
        return file_problem(
            path, "Старый формат Excel (.xls) не поддерживается: сохраните файл как .xlsx."
        )
    if suffix in _EXCEL_SUFFIXES:
        return file_problem(path, "Файл назван .xlsx, но это не таблица Excel или он повреждён.")
    if suffix not in _TEXT_SUFFIXES:
        return file_problem(path, "Это не таблица: нужен файл .xlsx или .csv.")
    return _open_csv(path)


def _open_xlsx(path: Path, preferred_sheet: str) -> Table | SheetProblem:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        return file_problem(path, "Это не таблица Excel (.xlsx) или файл повреждён.")
    names = workbook.sheetnames
    if not names:
        return file_problem(path, "В книге нет ни одного листа.")
    wanted = {
        normalise_text(preferred_sheet),
        normalise_text(SHEET_ALIASES.get(preferred_sheet, "")),
    }
    name = next((n for n in names if normalise_text(n) in wanted), names[0])
    sheet = workbook[name]
    if hasattr(sheet, "reset_dimensions"):
        # some writers store wrong sheet dimensions; read_only mode would trust them
        sheet.reset_dimensions()

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for number, row in enumerate(sheet.iter_rows(), start=1):
                cells: list[Any] = []
                actual = number
                for cell in row:
                    value = cell.value
                    if getattr(cell, "data_type", None) == "f" or type(value).__name__ in (
                        "ArrayFormula",
                        "DataTableFormula",
                    ):
                        text = (
                            value if isinstance(value, str) else getattr(value, "text", "") or "="
                        )
                        cells.append(Formula(str(text)))
                    else:
                        cells.append(value)
                    actual = getattr(cell, "row", None) or actual
                yield actual, cells
        finally:
            workbook.close()

    return Table(name, rows())


def _open_csv(path: Path) -> Table | SheetProblem:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        return file_problem(path, "Это не таблица: в файле двоичные данные. Нужен .xlsx или .csv.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return file_problem(
            path,
            "Файл не в кодировке UTF-8 (первая ошибка в строке "
            f"{line}). В Excel сохраните его как «CSV UTF-8 (разделитель — запятая)» "
            "или как .xlsx.",
            row=line,
        )
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first_line.count)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for number, row in enumerate(reader, start=1):
            yield number, [value if value.strip() else None for value in row]

    return Table(None, rows())
