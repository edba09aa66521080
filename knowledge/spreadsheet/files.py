"""Opening a staff file: tell .xlsx from .csv by content, not by name, and stream its rows.

Size limits are checked before a parser sees the file: openpyxl reads a workbook's shared
strings whole, so a 1.5 MB .xlsx holding one 1.5 GB cell took 5.3 GB of memory before
anything could refuse it. The zip directory tells the unpacked sizes for free.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import openpyxl
from openpyxl.workbook.workbook import Workbook

from knowledge.catalogue import normalise_text
from knowledge.spreadsheet.columns import SHEET_ALIASES
from knowledge.spreadsheet.limits import ImportLimits, size_text
from knowledge.spreadsheet.results import SheetProblem

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
_EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
# Below this a part's packing ratio costs nothing, and tiny parts pack oddly well.
_RATIO_FLOOR_BYTES = 1024 * 1024
_DAMAGED_XLSX = "Это не таблица Excel (.xlsx) или файл повреждён."


@dataclass(frozen=True, slots=True)
class Formula:
    """A cell holding a formula: we import values, never what a formula would compute."""

    text: str


@dataclass(frozen=True, slots=True)
class TooLong:
    """A cell longer than the limit; only its length is kept."""

    length: int
    limit: int


@dataclass
class Table:
    sheet: str | None
    rows: Iterator[tuple[int, list[Any]]]  # (Excel row number, cells); Formula, TooLong
    problems: list[SheetProblem] = field(default_factory=list)  # found while streaming


def file_problem(
    path: Path, message: str, sheet: str | None = None, row: int | None = None
) -> SheetProblem:
    return SheetProblem(path.name, sheet, row, None, None, message)


def sheet_matches(name: str, wanted_sheet: str) -> bool:
    wanted = {normalise_text(wanted_sheet), normalise_text(SHEET_ALIASES.get(wanted_sheet, ""))}
    return normalise_text(name) in wanted


class Source:
    """An opened file: its sheet names (none for CSV) and a table per sheet. Close it."""

    sheet_names: list[str]

    def table(self, preferred_sheet: str) -> Table:
        raise NotImplementedError

    def close(self) -> None:
        """Nothing to release unless a subclass holds a file."""

    def __enter__(self) -> Source:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_source(path: Path, limits: ImportLimits) -> Source | SheetProblem:
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        return file_problem(path, f"Не удалось открыть файл: {error.strerror or error}.")
    if size > limits.max_file_bytes:
        return file_problem(
            path,
            f"Файл слишком большой: {size_text(size)}, а можно не больше "
            f"{size_text(limits.max_file_bytes)}. Разбейте его на части.",
        )
    suffix = path.suffix.casefold()
    if head.startswith(_ZIP_MAGIC):
        return _open_xlsx(path, limits)
    if head.startswith(_OLE_MAGIC) or suffix == ".xls":
        return file_problem(
            path, "Старый формат Excel (.xls) не поддерживается: сохраните файл как .xlsx."
        )
    if suffix in _EXCEL_SUFFIXES:
        return file_problem(path, "Файл назван .xlsx, но это не таблица Excel или он повреждён.")
    if suffix not in _TEXT_SUFFIXES:
        return file_problem(path, "Это не таблица: нужен файл .xlsx или .csv.")
    return _open_csv(path, limits)


def _zip_problem(path: Path, limits: ImportLimits) -> SheetProblem | None:
    """Refuse a workbook that would unpack to too much, judged by its zip directory alone."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return file_problem(path, _DAMAGED_XLSX)
    total = sum(member.file_size for member in members)
    if total > limits.max_uncompressed_bytes:
        return file_problem(
            path,
            f"В файле слишком много данных: распакованный, он занимает {size_text(total)}, "
            f"а можно не больше {size_text(limits.max_uncompressed_bytes)}. Оставьте в книге "
            "только нужные листы или разбейте её на части.",
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_FLOOR_BYTES and ratio > limits.max_compression_ratio:
            return file_problem(
                path,
                f"Часть книги «{member.filename}» сжата в {ratio:.0f} раз, а можно не больше "
                f"чем в {limits.max_compression_ratio}: так сжимают только испорченные или "
                "подделанные файлы. Откройте таблицу в Excel и сохраните её заново.",
            )
    return None


def _open_xlsx(path: Path, limits: ImportLimits) -> Source | SheetProblem:
    refused = _zip_problem(path, limits)
    if refused is not None:
        return refused
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - a damaged file fails anywhere in openpyxl or its XML parser
        return file_problem(path, _DAMAGED_XLSX)
    if not workbook.sheetnames:
        workbook.close()
        return file_problem(path, "В книге нет ни одного листа.")
    return _XlsxSource(path, workbook, limits)


class _XlsxSource(Source):
    def __init__(self, path: Path, workbook: Workbook, limits: ImportLimits) -> None:
        self._path = path
        self._workbook = workbook
        self._limits = limits
        self.sheet_names = list(workbook.sheetnames)

    def close(self) -> None:
        self._workbook.close()

    def table(self, preferred_sheet: str) -> Table:
        names = self.sheet_names
        name = next((n for n in names if sheet_matches(n, preferred_sheet)), names[0])
        sheet = self._workbook[name]
        if hasattr(sheet, "reset_dimensions"):
            # some writers store wrong sheet dimensions; read_only mode would trust them
            sheet.reset_dimensions()
        table = Table(name, iter(()))
        table.rows = self._rows(sheet, table)
        return table

    def _rows(self, sheet: Any, table: Table) -> Iterator[tuple[int, list[Any]]]:
        limit = self._limits.max_cell_chars
        actual = 0
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
                    elif isinstance(value, str) and len(value) > limit:
                        cells.append(TooLong(len(value), limit))
                    else:
                        cells.append(value)
                    actual = getattr(cell, "row", None) or actual
                yield actual, cells
        except Exception:  # noqa: BLE001 - a part damaged past its directory fails mid-sheet
            table.problems.append(
                file_problem(
                    self._path,
                    "Файл повреждён: лист не удалось дочитать после этой строки. "
                    "Откройте таблицу в Excel и сохраните её заново.",
                    table.sheet,
                    actual or None,
                )
            )


def _open_csv(path: Path, limits: ImportLimits) -> Source | SheetProblem:
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
    return _CsvSource(path, text, limits)


class _CsvSource(Source):
    def __init__(self, path: Path, text: str, limits: ImportLimits) -> None:
        self._path = path
        self._text = text
        self._limits = limits
        self.sheet_names = []

    def table(self, preferred_sheet: str) -> Table:
        table = Table(None, iter(()))
        table.rows = self._rows(table)
        return table

    def _rows(self, table: Table) -> Iterator[tuple[int, list[Any]]]:
        first_line = next((line for line in self._text.splitlines() if line.strip()), "")
        delimiter = max((";", ",", "\t"), key=first_line.count)
        reader = csv.reader(io.StringIO(self._text, newline=""), delimiter=delimiter)
        limit = self._limits.max_cell_chars
        number = 0
        try:
            for number, row in enumerate(reader, start=1):
                yield number, [_csv_cell(value, limit) for value in row]
        except csv.Error as error:
            # The csv module itself refuses a field over 128 KB: that cell is too long too.
            message = (
                f"В ячейке больше {csv.field_size_limit()} символов, а можно не больше {limit}."
                if "field larger" in str(error)
                else f"Строку не удалось разобрать как CSV: {error}."
            )
            table.problems.append(file_problem(self._path, message, row=number + 1))


def _csv_cell(value: str, limit: int) -> str | TooLong | None:
    if len(value) > limit:
        return TooLong(len(value), limit)
    return value if value.strip() else None
