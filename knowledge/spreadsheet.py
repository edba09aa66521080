"""Programmes and events from the spreadsheets centre staff keep, and back again.

Staff write .xlsx or .csv with human headers (Russian or English). Every problem names the
file, sheet, row as Excel shows it, column letter and header, and says in plain Russian
what is wrong, so that a staff member can fix the cell without asking a developer.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel, ValidationError

from knowledge.catalogue import Catalogue, normalise_text
from knowledge.models import (
    Audience,
    Centre,
    Event,
    EventKind,
    Format,
    Funding,
    Posture,
    Profession,
    Programme,
    ProgrammeKind,
)

CellValue = str | int | float | bool | date | datetime | None
T = TypeVar("T", bound=BaseModel)

TEMPLATES_DIR = Path(__file__).with_name("templates")
PROGRAMMES_SHEET = "Программы"
EVENTS_SHEET = "События"
CENTRES_SHEET = "Центры"
PROFESSIONS_SHEET = "Профессии"

MIN_HOURS = 1
MAX_HOURS = 2000
LEGAL_MIN_HOURS = {ProgrammeKind.upskilling: 16, ProgrammeKind.retraining: 250}
_LEGAL_NAMES = {
    ProgrammeKind.upskilling: "Повышение квалификации",
    ProgrammeKind.retraining: "Профессиональная переподготовка",
}


# -- results ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SheetProblem:
    """One problem of an imported file, located the way Excel shows it."""

    file: str
    sheet: str | None
    row: int | None  # 1-based, as Excel numbers rows; None for the whole file
    column: str | None  # column letter, e.g. "C"
    header: str | None  # the column's header in the file (or the one expected)
    message: str  # plain Russian
    level: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"лист «{self.sheet}»")
        if self.row is not None:
            parts.append(f"строка {self.row}")
        if self.column or self.header:
            letter = self.column or "—"
            parts.append(
                f"столбец {letter} («{self.header}»)" if self.header else f"столбец {letter}"
            )
        prefix = "предупреждение: " if self.level == "warning" else ""
        return ", ".join(parts) + f": {prefix}{self.message}"


@dataclass(frozen=True)
class ImportResult(Generic[T]):
    """Records that passed every check, and every problem found (rows with errors are left out)."""

    records: list[T]
    problems: list[SheetProblem]

    @property
    def errors(self) -> list[SheetProblem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[SheetProblem]:
        return [p for p in self.problems if p.level == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


class _CellError(Exception):
    """A cell's value cannot be read; the message is shown to staff as is."""


_EMPTY: Any = object()  # the cell is empty: leave the field out so the model's default applies


# -- reading single values -----------------------------------------------------------------


def _text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return (
            value.strftime("%d.%m.%Y %H:%M")
            if value.time() != time(0)
            else value.strftime("%d.%m.%Y")
        )
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value).strip()


def _is_blank(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and value.strip() in ("", "-", "—", "–"))


def _split(value: CellValue) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]", _text(value)) if part.strip()]


def parse_text(value: CellValue) -> Any:
    return _EMPTY if _is_blank(value) else _text(value)


def parse_text_keep_empty(value: CellValue) -> Any:
    return "" if _is_blank(value) else _text(value)


_INT_TEXT = re.compile(r"^[+-]?\d[\d\s\u00a0\u202f]*(?:[.,]0+)?$")
_MONEY_SUFFIX = re.compile(r"\s*(?:руб\.?|рублей|р\.|₽)\s*$", re.IGNORECASE)


def _to_int(value: CellValue, what: str) -> int:
    if isinstance(value, bool):
        raise _CellError(f"{what}: нужно целое число, а здесь «{_text(value)}».")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise _CellError(f"{what}: нужно целое число, а здесь {value:g}.")
    text = _MONEY_SUFFIX.sub("", _text(value))
    if not _INT_TEXT.match(text):
        raise _CellError(f"{what}: нужно целое число, а здесь «{_text(value)}».")
    digits = re.sub(r"[\s\u00a0\u202f]", "", text)
    digits = re.sub(r"[.,]0+$", "", digits)
    return int(digits)


def parse_hours(value: CellValue) -> Any:
    if _is_blank(value):
        return _EMPTY
    hours = _to_int(value, "Часы")
    if not MIN_HOURS <= hours <= MAX_HOURS:
        raise _CellError(f"Часы должны быть от {MIN_HOURS} до {MAX_HOURS}, а здесь {hours}.")
    return hours


def parse_price(value: CellValue) -> Any:
    if _is_blank(value) or normalise_text(_text(value)) in ("бесплатно", "free"):
        return _EMPTY
    price = _to_int(value, "Цена")
    if price < 0:
        raise _CellError(f"Цена не может быть отрицательной, а здесь {price}.")
    return price


def parse_grade(value: CellValue) -> Any:
    if _is_blank(value):
        return _EMPTY
    grade = _to_int(value, "Класс")
    if not 1 <= grade <= 11:
        raise _CellError(f"Класс должен быть от 1 до 11, а здесь {grade}.")
    return grade


_TRUE = {"да", "yes", "true", "1", "y", "д", "истина", "+"}
_FALSE = {"нет", "no", "false", "0", "n", "н", "ложь"}


def parse_bool(value: CellValue) -> Any:
    if isinstance(value, bool):
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        return _EMPTY
    text = _text(value).casefold()
    if text in _TRUE:
        return True
    if text in _FALSE or text in ("-", "—"):
        return False
    raise _CellError(f"Напишите «да» или «нет», а здесь «{_text(value)}».")


_DATE_TEXT = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
_EXCEL_EPOCH = date(1899, 12, 30)


def _parse_date_text(text: str) -> date:
    match = _DATE_TEXT.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year + 2000 if year < 100 else year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        pass
    raise _CellError(f"Не понимаю дату «{text}»: пишите ДД.ММ.ГГГГ, например 01.09.2026.")


def parse_dates(value: CellValue) -> Any:
    if _is_blank(value):
        return _EMPTY
    if isinstance(value, datetime):
        return [value.date()]
    if isinstance(value, date):
        return [value]
    if isinstance(value, int | float) and not isinstance(value, bool) and 20000 < value < 80000:
        return [_EXCEL_EPOCH + timedelta(days=int(value))]  # a date cell that lost its format
    dates = [_parse_date_text(part) for part in _split(value)]
    return list(dict.fromkeys(dates))


def _labels(
    pairs: Mapping[StrEnum, Sequence[str]],
) -> tuple[dict[str, StrEnum], dict[StrEnum, str]]:
    """Lookup from any accepted spelling to the enum member, and the label to write back."""
    lookup: dict[str, StrEnum] = {}
    shown: dict[StrEnum, str] = {}
    for member, names in pairs.items():
        shown[member] = names[0]
        for name in (*names, member.value, member.value.replace("_", " ")):
            lookup[normalise_text(name)] = member
    return lookup, shown


KIND_LABELS = _labels(
    {
        ProgrammeKind.vocational_training: (
            "профессиональное обучение",
            "профобучение",
            "обучение",
        ),
        ProgrammeKind.upskilling: ("повышение квалификации", "пк", "дпо пк"),
        ProgrammeKind.retraining: (
            "профессиональная переподготовка",
            "переподготовка",
            "пп",
            "дпо пп",
        ),
        ProgrammeKind.taster: ("профпроба", "профпробы", "профессиональная проба"),
    }
)
FORMAT_LABELS = _labels(
    {
        Format.in_person: ("очно", "очный", "очная", "очное"),
        Format.online: ("онлайн", "дистанционно", "дистанционный", "дистант"),
        Format.blended: (
            "смешанно",
            "смешанный",
            "смешанная",
            "очно-заочно",
            "очно-заочная",
            "очно-дистанционно",
        ),
    }
)
AUDIENCE_LABELS = _labels(
    {
        Audience.school: ("школьники", "школьник", "школа", "учащиеся"),
        Audience.adults: ("взрослые", "взрослым"),
        Audience.seniors: ("50+", "старше 50", "граждане 50+", "предпенсионеры", "пенсионеры"),
        Audience.disabled: ("люди с ОВЗ", "ОВЗ", "инвалидность", "люди с инвалидностью"),
        Audience.parents_on_leave: (
            "родители в декрете",
            "мамы в декрете",
            "в декрете",
            "отпуск по уходу за ребёнком",
        ),
        Audience.unemployed: ("безработные", "ищущие работу", "без работы"),
    }
)
FUNDING_LABELS = _labels(
    {
        Funding.paid: ("платно", "платное", "за плату", "за свой счёт"),
        Funding.employment_support: ("Содействие занятости", "содействие", "занятость"),
        Funding.regional_budget: ("региональный бюджет", "бюджет региона", "бюджет"),
        Funding.free: ("бесплатно", "бесплатное"),
    }
)
EVENT_KIND_LABELS = _labels(
    {
        EventKind.regional_stage: ("региональный этап", "регион"),
        EventKind.qualifying_stage: ("отборочный этап", "отборочный"),
        EventKind.final_stage: ("финал", "итоговый этап", "финальный этап"),
        EventKind.abilympics: ("Абилимпикс",),
        EventKind.master_of_year: ("Мастер года",),
        EventKind.open_day: ("день открытых дверей", "ДОД", "открытые двери"),
        EventKind.taster_day: ("день профпроб", "профпробы", "профпроба"),
    }
)


def _choice(
    labels: tuple[dict[str, StrEnum], dict[StrEnum, str]], what: str
) -> Callable[[CellValue], Any]:
    lookup, shown = labels
    allowed = ", ".join(f"«{label}»" for label in shown.values())

    def parse(value: CellValue) -> Any:
        if _is_blank(value):
            return _EMPTY
        member = lookup.get(normalise_text(_text(value)))
        if member is None:
            raise _CellError(f"{what}: не знаю значение «{_text(value)}». Можно: {allowed}.")
        return member.value

    return parse


def _choices(
    labels: tuple[dict[str, StrEnum], dict[StrEnum, str]], what: str
) -> Callable[[CellValue], Any]:
    single = _choice(labels, what)

    def parse(value: CellValue) -> Any:
        if _is_blank(value):
            return _EMPTY
        return list(dict.fromkeys(single(part) for part in _split(value)))

    return parse


def parse_ids(value: CellValue) -> Any:
    if _is_blank(value):
        return _EMPTY
    return list(dict.fromkeys(_split(value)))


_DATETIME_TEXT = re.compile(r"^(\d{1,2}\.\d{1,2}\.\d{2,4})(?:[ T,]+(\d{1,2})[:.](\d{2}))?$")


def parse_datetime(value: CellValue) -> Any:
    """A naive or aware datetime; naive ones get the row's time zone later."""
    if _is_blank(value):
        return _EMPTY
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time(0))
    text = _text(value)
    match = _DATETIME_TEXT.match(text)
    if match:
        day = _parse_date_text(match.group(1))
        hour, minute = int(match.group(2) or 0), int(match.group(3) or 0)
        if hour > 23 or minute > 59:
            raise _CellError(f"Не понимаю время в «{text}»: пишите ЧЧ:ММ, например 10:00.")
        return datetime.combine(day, time(hour, minute))
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    raise _CellError(
        f"Не понимаю дату и время «{text}»: пишите ДД.ММ.ГГГГ ЧЧ:ММ, например 15.03.2026 10:00."
    )


_OFFSET_TEXT = re.compile(r"^(?:utc|gmt|мск)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$")


def parse_timezone(value: CellValue) -> Any:
    if _is_blank(value):
        return _EMPTY
    text = _text(value)
    match = _OFFSET_TEXT.match(text.casefold().replace(" ", ""))
    if match:
        sign = -1 if match.group(1) == "-" else 1
        delta = timedelta(hours=int(match.group(2)), minutes=int(match.group(3) or 0))
        if delta > timedelta(hours=14):
            raise _CellError(f"Смещение «{text}» больше 14 часов.")
        return timezone(sign * delta)
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    raise _CellError(f"Не знаю часовой пояс «{text}». Пишите, например, Asia/Tomsk или +07:00.")


# -- columns ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A spreadsheet column: the model field, the header we write, the headers we accept."""

    field: str
    header: str
    parse: Callable[[CellValue], Any]
    aliases: tuple[str, ...] = ()
    required: bool = False
    model_field: bool = True  # False for helper columns such as the time zone

    def accepted(self) -> set[str]:
        names = {self.header, self.field, self.field.replace("_", " "), *self.aliases}
        return {normalise_text(name) for name in names}


PROGRAMME_COLUMNS: tuple[Column, ...] = (
    Column("id", "ID", parse_text, ("код", "идентификатор"), required=True),
    Column(
        "kind",
        "Вид",
        _choice(KIND_LABELS, "Вид программы"),
        ("вид программы", "тип", "type"),
        required=True,
    ),
    Column("title", "Название", parse_text, ("название программы", "name"), required=True),
    Column("description", "Описание", parse_text, (), required=True),
    Column("centre", "Центр", parse_text, ("id центра", "center", "centre id"), required=True),
    Column("professions", "Профессии", parse_ids, ("коды профессий", "профессии спо")),
    Column(
        "hours",
        "Часы",
        parse_hours,
        ("объём, ч", "объем часов", "часов", "объём", "объем"),
        required=True,
    ),
    Column(
        "format", "Формат", _choice(FORMAT_LABELS, "Формат"), ("форма обучения",), required=True
    ),
    Column("schedule", "Расписание", parse_text, ("график",), required=True),
    Column(
        "audience",
        "Аудитория",
        _choices(AUDIENCE_LABELS, "Аудитория"),
        ("для кого",),
        required=True,
    ),
    Column("min_grade", "С какого класса", parse_grade, ("мин. класс", "класс", "min grade")),
    Column(
        "requirements", "Требования", parse_text_keep_empty, ("условия приёма", "условия приема")
    ),
    Column(
        "document",
        "Документ",
        parse_text,
        ("документ об обучении", "выдаваемый документ"),
        required=True,
    ),
    Column(
        "price_rub", "Цена, руб.", parse_price, ("цена", "стоимость", "стоимость, руб.", "price")
    ),
    Column(
        "funding",
        "Финансирование",
        _choices(FUNDING_LABELS, "Финансирование"),
        ("оплата",),
        required=True,
    ),
    Column("start_dates", "Даты начала", parse_dates, ("дата начала", "старт", "начало занятий")),
    Column(
        "illustrative",
        "Иллюстративно",
        parse_bool,
        ("пример", "иллюстративные данные"),
        required=True,
    ),
    Column("source", "Источник", parse_text, ("ссылка на источник",), required=True),
)

EVENT_COLUMNS: tuple[Column, ...] = (
    Column("id", "ID", parse_text, ("код", "идентификатор"), required=True),
    Column(
        "kind",
        "Вид",
        _choice(EVENT_KIND_LABELS, "Вид события"),
        ("вид события", "тип", "type"),
        required=True,
    ),
    Column("title", "Название", parse_text, ("название события", "name"), required=True),
    Column("description", "Описание", parse_text_keep_empty),
    Column(
        "starts_at", "Начало", parse_datetime, ("дата начала", "начинается", "start"), required=True
    ),
    Column(
        "ends_at", "Окончание", parse_datetime, ("дата окончания", "конец", "end"), required=True
    ),
    Column(
        "registration_deadline", "Регистрация до", parse_datetime, ("приём заявок до", "deadline")
    ),
    Column("region", "Регион", parse_text, ("код региона",)),
    Column("centre", "Центр", parse_text, ("id центра", "center")),
    Column("online", "Онлайн", parse_bool, ("дистанционно",)),
    Column(
        "audience",
        "Аудитория",
        _choices(AUDIENCE_LABELS, "Аудитория"),
        ("для кого",),
        required=True,
    ),
    Column("competencies", "Компетенции", parse_ids, ("компетенция",)),
    Column("link", "Ссылка", parse_text_keep_empty, ("url", "сайт")),
    Column("illustrative", "Иллюстративно", parse_bool, ("пример",), required=True),
    Column("source", "Источник", parse_text, ("ссылка на источник",), required=True),
    Column("timezone", "Часовой пояс", parse_timezone, ("tz", "time zone"), model_field=False),
)


# -- reading files -----------------------------------------------------------------------------

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
_EXCEL_SUFFIXES = {".xlsx", ".xlsm"}


@dataclass
class _Table:
    sheet: str | None
    rows: Iterator[tuple[int, list[Any]]]  # (Excel row number, cells); formulas as _Formula
    problems: list[SheetProblem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Formula:
    text: str


def _file_problem(
    path: Path, message: str, sheet: str | None = None, row: int | None = None
) -> SheetProblem:
    return SheetProblem(path.name, sheet, row, None, None, message)


def _open_table(path: Path, preferred_sheet: str) -> _Table | SheetProblem:
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        return _file_problem(path, f"Не удалось открыть файл: {error.strerror or error}.")
    suffix = path.suffix.casefold()
    if head.startswith(_ZIP_MAGIC):
        return _open_xlsx(path, preferred_sheet)
    if head.startswith(_OLE_MAGIC) or suffix == ".xls":
        return _file_problem(
            path, "Старый формат Excel (.xls) не поддерживается: сохраните файл как .xlsx."
        )
    if suffix in _EXCEL_SUFFIXES:
        return _file_problem(path, "Файл назван .xlsx, но это не таблица Excel или он повреждён.")
    if suffix not in _TEXT_SUFFIXES:
        return _file_problem(path, "Это не таблица: нужен файл .xlsx или .csv.")
    return _open_csv(path)


def _open_xlsx(path: Path, preferred_sheet: str) -> _Table | SheetProblem:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        return _file_problem(path, "Это не таблица Excel (.xlsx) или файл повреждён.")
    names = workbook.sheetnames
    if not names:
        return _file_problem(path, "В книге нет ни одного листа.")
    wanted = {
        normalise_text(preferred_sheet),
        normalise_text(_SHEET_ALIASES.get(preferred_sheet, "")),
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
                        cells.append(_Formula(str(text)))
                    else:
                        cells.append(value)
                    actual = getattr(cell, "row", None) or actual
                yield actual, cells
        finally:
            workbook.close()

    return _Table(name, rows())


_SHEET_ALIASES = {PROGRAMMES_SHEET: "programmes", EVENTS_SHEET: "events"}


def _open_csv(path: Path) -> _Table | SheetProblem:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        return _file_problem(path, "Это не таблица: в файле двоичные данные. Нужен .xlsx или .csv.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return _file_problem(
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

    return _Table(None, rows())


# -- turning rows into records -------------------------------------------------------------------


@dataclass
class _Layout:
    """Where each known column sits in the file."""

    by_field: dict[
        str, tuple[int, Column, str]
    ]  # field → (0-based index, column, header as written)


def _locate_columns(
    path: Path, table: _Table, header_row: int, headers: list[Any], columns: Sequence[Column]
) -> tuple[_Layout, list[SheetProblem]]:
    accepted = {name: column for column in columns for name in column.accepted()}
    problems: list[SheetProblem] = []
    by_field: dict[str, tuple[int, Column, str]] = {}
    for index, raw in enumerate(headers):
        shown = _text(raw) if not isinstance(raw, _Formula) else raw.text
        if not shown:
            continue
        letter = get_column_letter(index + 1)
        column = accepted.get(normalise_text(shown.rstrip("*")))
        if column is None:
            problems.append(
                SheetProblem(
                    path.name, table.sheet, header_row, letter, shown,
                    "Незнакомый столбец: его значения не будут загружены.", "warning",
                )
            )  # fmt: skip
            continue
        if column.field in by_field:
            first = get_column_letter(by_field[column.field][0] + 1)
            problems.append(
                SheetProblem(
                    path.name, table.sheet, header_row, letter, shown,
                    f"Столбец «{column.header}» повторяется: он уже есть в столбце {first}.",
                )
            )  # fmt: skip
            continue
        by_field[column.field] = (index, column, shown)
    for column in columns:
        if column.required and column.field not in by_field:
            problems.append(
                SheetProblem(
                    path.name, table.sheet, header_row, None, column.header,
                    f"Нет обязательного столбца «{column.header}».",
                )
            )  # fmt: skip
    return _Layout(by_field), problems


_PYDANTIC_MESSAGES: dict[str, Callable[[Mapping[str, Any], Any], str]] = {
    "missing": lambda ctx, inp: "Ячейка пустая, а значение обязательно.",
    "string_too_short": lambda ctx, inp: (
        f"Текст слишком короткий: нужно не меньше {ctx.get('min_length')} символов, "
        f"а здесь {len(str(inp))}."
    ),
    "string_too_long": lambda ctx, inp: (
        f"Текст слишком длинный: можно не больше {ctx.get('max_length')} символов, "
        f"а здесь {len(str(inp))}."
    ),
    "too_short": lambda ctx, inp: "Нужно хотя бы одно значение.",
    "greater_than_equal": lambda ctx, inp: f"Число должно быть не меньше {ctx.get('ge')}.",
    "less_than_equal": lambda ctx, inp: f"Число должно быть не больше {ctx.get('le')}.",
    "enum": lambda ctx, inp: f"Недопустимое значение «{inp}».",
    "int_parsing": lambda ctx, inp: f"Нужно целое число, а здесь «{inp}».",
    "timezone_aware": lambda ctx, inp: "Укажите часовой пояс.",
}


class _RowReader(Generic[T]):
    def __init__(
        self,
        path: Path,
        table: _Table,
        layout: _Layout,
        model: type[T],
        catalogue: Catalogue | None,
        default_timezone: tzinfo | None,
    ) -> None:
        self.path = path
        self.table = table
        self.layout = layout
        self.model = model
        self.catalogue = catalogue
        self.default_timezone = default_timezone
        self.problems: list[SheetProblem] = []
        self.records: list[T] = []
        self.seen_ids: dict[str, int] = {}

    def problem(self, row: int, field_name: str | None, message: str) -> None:
        if field_name is not None and field_name in self.layout.by_field:
            index, _, shown = self.layout.by_field[field_name]
            letter: str | None = get_column_letter(index + 1)
            header: str | None = shown
        else:
            letter, header = None, None
            column = next((c for c in _ALL_COLUMNS if c.field == field_name), None)
            if column is not None:
                header = column.header
        self.problems.append(
            SheetProblem(self.path.name, self.table.sheet, row, letter, header, message)
        )

    def read(self, number: int, cells: list[Any]) -> None:
        values: dict[str, Any] = {}
        failed = False
        for name, (index, column, _) in self.layout.by_field.items():
            raw = cells[index] if index < len(cells) else None
            if isinstance(raw, _Formula):
                self.problem(
                    number, name,
                    f"В ячейке формула «{raw.text}», а нужно значение. "
                    "Замените её значением (Вставить → Только значения).",
                )  # fmt: skip
                failed = True
                continue
            try:
                parsed = column.parse(raw)
            except _CellError as error:
                self.problem(number, name, str(error))
                failed = True
                continue
            if parsed is not _EMPTY:
                values[name] = parsed
        record_id = values.get("id")
        if isinstance(record_id, str):
            if record_id in self.seen_ids:
                self.problem(
                    number,
                    "id",
                    f"ID «{record_id}» уже встречался в строке {self.seen_ids[record_id]}.",
                )
                failed = True
            else:
                self.seen_ids[record_id] = number
        if failed:
            return
        if self.model is Programme:
            failed = self._check_programme(number, values)
        elif self.model is Event:
            failed = self._check_event(number, values)
        if failed:
            return
        values.pop("timezone", None)
        try:
            self.records.append(self.model.model_validate(values))
        except ValidationError as error:
            for item in error.errors(include_url=False):
                loc_name = str(item["loc"][0]) if item["loc"] else None
                translate = _PYDANTIC_MESSAGES.get(item["type"])
                ctx = item.get("ctx") or {}
                message = (
                    translate(ctx, item.get("input"))
                    if translate
                    else f"Значение не подходит: {item['msg']}."
                )
                self.problem(number, loc_name, message)

    def _unknown(
        self, number: int, field_name: str, value: str, known: Iterable[str], what: str
    ) -> None:
        close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.75)
        hint = f" Может быть, «{close[0]}»?" if close else ""
        self.problem(number, field_name, f"{what} «{value}» нет в каталоге.{hint}")

    def _check_programme(self, number: int, values: dict[str, Any]) -> bool:
        failed = False
        kind = values.get("kind")
        hours = values.get("hours")
        if kind is not None and isinstance(hours, int):
            minimum = LEGAL_MIN_HOURS.get(ProgrammeKind(kind))
            if minimum is not None and hours < minimum:
                name = _LEGAL_NAMES[ProgrammeKind(kind)]
                self.problem(
                    number,
                    "hours",
                    f"{name} по закону длится не меньше {minimum} часов, а здесь {hours}.",
                )
                failed = True
        if Funding.paid.value in values.get("funding", []) and "price_rub" not in values:
            self.problem(number, "price_rub", "Программа платная: укажите цену в рублях.")
            failed = True
        if self.catalogue is not None:
            centre = values.get("centre")
            if centre is not None and centre not in self.catalogue.centres:
                self._unknown(number, "centre", centre, self.catalogue.centres, "Центра с ID")
                failed = True
            for pid in values.get("professions", []):
                if pid not in self.catalogue.professions:
                    self._unknown(
                        number, "professions", pid, self.catalogue.professions, "Профессии с кодом"
                    )
                    failed = True
        return failed

    def _row_timezone(self, values: Mapping[str, Any]) -> tzinfo | None:
        explicit = values.get("timezone")
        if isinstance(explicit, tzinfo):
            return explicit
        if self.catalogue is not None:
            centre = self.catalogue.centres.get(values.get("centre") or "")
            if centre is not None:
                return _zone(centre.timezone)
            region = self.catalogue.regions.get(values.get("region") or "")
            if region is not None:
                return _zone(region.timezone)
        return self.default_timezone

    def _check_event(self, number: int, values: dict[str, Any]) -> bool:
        failed = False
        if self.catalogue is not None:
            cat = self.catalogue
            checks: list[tuple[str, Mapping[str, Any], str]] = [
                ("region", cat.regions, "Региона с кодом"),
                ("centre", cat.centres, "Центра с ID"),
            ]
            for name, known, what in checks:
                value = values.get(name)
                if value is not None and value not in known:
                    self._unknown(number, name, value, known, what)
                    failed = True
            for cid in values.get("competencies", []):
                if cid not in cat.competencies:
                    self._unknown(number, "competencies", cid, cat.competencies, "Компетенции с ID")
                    failed = True
        zone = self._row_timezone(values)
        for name in ("starts_at", "ends_at", "registration_deadline"):
            moment = values.get(name)
            if not isinstance(moment, datetime) or moment.tzinfo is not None:
                continue
            if zone is None:
                self.problem(
                    number, name,
                    "Не ясно, в каком часовом поясе это время: заполните столбец «Часовой пояс» "
                    "(например, Asia/Tomsk) или укажите центр.",
                )  # fmt: skip
                failed = True
                break  # one note per row is enough: the same fix serves every time in it
            values[name] = moment.replace(tzinfo=zone)
        starts, ends = values.get("starts_at"), values.get("ends_at")
        if (
            not failed
            and isinstance(starts, datetime)
            and isinstance(ends, datetime)
            and ends < starts
        ):
            self.problem(number, "ends_at", "Событие заканчивается раньше, чем начинается.")
            failed = True
        return failed


_ALL_COLUMNS = (*PROGRAMME_COLUMNS, *EVENT_COLUMNS)


def _zone(key: str) -> tzinfo | None:
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _read(
    path: Path,
    columns: Sequence[Column],
    model: type[T],
    sheet: str,
    catalogue: Catalogue | None,
    default_timezone: str | None = None,
) -> ImportResult[T]:
    path = Path(path)
    opened = _open_table(path, sheet)
    if isinstance(opened, SheetProblem):
        return ImportResult([], [opened])
    table = opened
    rows = (item for item in table.rows if any(not _is_blank(v) for v in item[1]))
    header = next(rows, None)
    if header is None:
        return ImportResult(
            [], [_file_problem(path, "Файл пустой: в нём нет даже строки заголовков.", table.sheet)]
        )
    header_row, headers = header
    layout, problems = _locate_columns(path, table, header_row, headers, columns)
    if any(p.level == "error" for p in problems):
        return ImportResult([], problems)
    zone = _zone(default_timezone) if default_timezone else None
    reader = _RowReader(path, table, layout, model, catalogue, zone)
    count = 0
    for number, cells in rows:
        count += 1
        reader.read(number, cells)
    if count == 0:
        problems.append(
            _file_problem(
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


# -- writing --------------------------------------------------------------------------------


def _label(labels: tuple[dict[str, StrEnum], dict[StrEnum, str]], value: StrEnum) -> str:
    return labels[1][value]


def _yes_no(value: bool) -> str:
    return "да" if value else "нет"


def _join(values: Iterable[str]) -> str:
    return ", ".join(values)


def programme_row(programme: Programme) -> dict[str, CellValue]:
    """A programme as cell values under PROGRAMME_COLUMNS' headers."""
    return {
        "id": programme.id,
        "kind": _label(KIND_LABELS, programme.kind),
        "title": programme.title,
        "description": programme.description,
        "centre": programme.centre,
        "professions": _join(programme.professions),
        "hours": programme.hours,
        "format": _label(FORMAT_LABELS, programme.format),
        "schedule": programme.schedule,
        "audience": _join(_label(AUDIENCE_LABELS, a) for a in programme.audience),
        "min_grade": programme.min_grade,
        "requirements": programme.requirements,
        "document": programme.document,
        "price_rub": programme.price_rub,
        "funding": _join(_label(FUNDING_LABELS, f) for f in programme.funding),
        "start_dates": _join(d.strftime("%d.%m.%Y") for d in programme.start_dates),
        "illustrative": _yes_no(programme.illustrative),
        "source": programme.source,
    }


def _offset_text(offset: timedelta | None) -> str:
    minutes = int((offset or timedelta(0)).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


def event_row(event: Event, catalogue: Catalogue | None = None) -> dict[str, CellValue]:
    """An event as cell values; times are local, with the zone in «Часовой пояс»."""
    zone_name = ""
    if catalogue is not None:
        centre = catalogue.centres.get(event.centre or "")
        region = catalogue.regions.get(event.region or "")
        zone_name = centre.timezone if centre else region.timezone if region else ""
    zone = _zone(zone_name) if zone_name else None
    moments = [
        m for m in (event.starts_at, event.ends_at, event.registration_deadline) if m is not None
    ]
    if zone is None or any(m.astimezone(zone).utcoffset() != m.utcoffset() for m in moments):
        # keep the offsets as written when the centre's zone would change them
        zone_name = _offset_text(event.starts_at.utcoffset())
        zone = timezone(event.starts_at.utcoffset() or timedelta(0))

    def local(moment: datetime | None) -> CellValue:
        if moment is None:
            return None
        shifted = moment.astimezone(zone)
        if shifted.utcoffset() != moment.utcoffset():
            return moment.isoformat(sep=" ")  # a different offset than the row's zone
        return shifted.replace(tzinfo=None)

    return {
        "id": event.id,
        "kind": _label(EVENT_KIND_LABELS, event.kind),
        "title": event.title,
        "description": event.description,
        "starts_at": local(event.starts_at),
        "ends_at": local(event.ends_at),
        "registration_deadline": local(event.registration_deadline),
        "region": event.region,
        "centre": event.centre,
        "online": _yes_no(event.online),
        "audience": _join(_label(AUDIENCE_LABELS, a) for a in event.audience),
        "competencies": _join(event.competencies),
        "link": event.link,
        "illustrative": _yes_no(event.illustrative),
        "source": event.source,
        "timezone": zone_name,
    }


_WEEKDAYS = ("пн", "вт", "ср", "чт", "пт", "сб", "вс")


def _centre_hours(centre: Centre) -> str:
    days = []
    for day in sorted(centre.hours, key=lambda d: d.weekday):
        text = f"{_WEEKDAYS[day.weekday]} {day.opens:%H:%M}–{day.closes:%H:%M}"
        if day.break_start and day.break_end:
            text += f" (перерыв {day.break_start:%H:%M}–{day.break_end:%H:%M})"
        days.append(text)
    return "; ".join(days)


CENTRE_HEADERS: tuple[tuple[str, Callable[[Centre], CellValue]], ...] = (
    ("ID", lambda c: c.id),
    ("Тип", lambda c: "ЦОПП" if c.kind == "copp" else "колледж"),
    ("Название", lambda c: c.name),
    ("Краткое название", lambda c: c.short_name),
    ("Регион", lambda c: c.region),
    ("Город", lambda c: c.city),
    ("Адрес", lambda c: c.address),
    ("Телефон", lambda c: c.phone),
    ("Эл. почта", lambda c: c.email),
    ("Сайт", lambda c: c.website),
    ("Часовой пояс", lambda c: c.timezone),
    ("Часы работы", _centre_hours),
    ("Часы работы иллюстративны", lambda c: _yes_no(c.hours_illustrative)),
    ("Отрасли", lambda c: _join(c.industries)),
    ("Источник", lambda c: c.source),
)

_POSTURE = {Posture.sitting: "сидя", Posture.standing: "стоя", Posture.mixed: "по-разному"}

PROFESSION_HEADERS: tuple[tuple[str, Callable[[Profession], CellValue]], ...] = (
    ("Код", lambda p: p.code),
    ("Уровень", lambda p: "профессия" if p.level == "profession" else "специальность"),
    ("Название", lambda p: p.name),
    ("Коротко", lambda p: p.title),
    ("УГПС", lambda p: p.group),
    ("Квалификации", lambda p: _join(p.qualifications)),
    ("Срок после 9 кл., мес.", lambda p: p.duration.after_9),
    ("Срок после 11 кл., мес.", lambda p: p.duration.after_11),
    ("Отрасли", lambda p: _join(p.industries)),
    ("Описание", lambda p: p.description),
    ("Школьные предметы", lambda p: _join(p.subjects)),
    ("Поза", lambda p: _POSTURE[p.conditions.posture]),
    ("Место", lambda p: p.conditions.place.value),
    ("Нагрузка", lambda p: p.conditions.physical_load.value),
    ("Сменный график", lambda p: _yes_no(p.conditions.shifts)),
    ("Риски", lambda p: p.conditions.risks),
    ("Синонимы", lambda p: _join(p.synonyms)),
    ("O*NET", lambda p: _join(p.onet)),
    ("Источник", lambda p: p.source),
)

_HEADER_FONT = Font(bold=True)
_DATETIME_FORMAT = "DD.MM.YYYY HH:MM"


def _write_sheet(
    sheet: Worksheet, headers: Sequence[str], rows: Iterable[Sequence[CellValue]]
) -> None:
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
    sheet.freeze_panes = "A2"
    widths = [max(8, min(40, len(h) + 2)) for h in headers]
    for row_number, row in enumerate(rows, start=2):
        for index, value in enumerate(row, start=1):
            if value is None or value == "":
                continue
            cell = sheet.cell(row=row_number, column=index, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text that merely starts with '=' is not a formula
            elif isinstance(value, datetime):
                cell.number_format = _DATETIME_FORMAT
            if isinstance(value, str):
                widths[index - 1] = max(widths[index - 1], min(40, len(value) + 2))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _column_rows(
    columns: Sequence[Column], rows: Iterable[Mapping[str, CellValue]]
) -> Iterator[list[CellValue]]:
    for row in rows:
        yield [row.get(column.field) for column in columns]


def export_catalogue(catalogue: Catalogue, path: Path) -> None:
    """Write an .xlsx with sheets Программы, События, Центры, Профессии.

    The first two use the import headers, so a file exported here imports back unchanged.
    """
    workbook = openpyxl.Workbook()
    programmes = workbook.active
    assert programmes is not None  # a new workbook always has one sheet
    programmes.title = PROGRAMMES_SHEET
    _write_sheet(
        programmes,
        [c.header for c in PROGRAMME_COLUMNS],
        _column_rows(
            PROGRAMME_COLUMNS, (programme_row(p) for _, p in sorted(catalogue.programmes.items()))
        ),
    )
    _write_sheet(
        workbook.create_sheet(EVENTS_SHEET),
        [c.header for c in EVENT_COLUMNS],
        _column_rows(
            EVENT_COLUMNS, (event_row(e, catalogue) for _, e in sorted(catalogue.events.items()))
        ),
    )
    _write_sheet(
        workbook.create_sheet(CENTRES_SHEET),
        [h for h, _ in CENTRE_HEADERS],
        ([get(c) for _, get in CENTRE_HEADERS] for _, c in sorted(catalogue.centres.items())),
    )
    _write_sheet(
        workbook.create_sheet(PROFESSIONS_SHEET),
        [h for h, _ in PROFESSION_HEADERS],
        (
            [get(p) for _, get in PROFESSION_HEADERS]
            for _, p in sorted(catalogue.professions.items())
        ),
    )
    workbook.save(Path(path))


# -- templates ------------------------------------------------------------------------------

EXAMPLE_PROGRAMME: dict[str, CellValue] = {
    "id": "prg-copp-tomsk-primer-svarka",
    "kind": "повышение квалификации",
    "title": "Ручная дуговая сварка: практикум",
    "description": (
        "Пример заполнения. Короткий практический курс для тех, кто уже работает сварщиком "
        "и хочет освоить новые материалы и сдать пробный шов по стандартам чемпионата."
    ),
    "centre": "copp-tomsk",
    "professions": "15.01.05",
    "hours": 72,
    "format": "очно",
    "schedule": "вечером, 3 раза в неделю",
    "audience": "взрослые, безработные",
    "min_grade": None,
    "requirements": "опыт работы сварщиком",
    "document": "удостоверение о повышении квалификации",
    "price_rub": 18000,
    "funding": "платно, Содействие занятости",
    "start_dates": "01.02.2027, 01.04.2027",
    "illustrative": "да",
    "source": "пример заполнения",
}

EXAMPLE_EVENT: dict[str, CellValue] = {
    "id": "ev-primer-den-otkrytyh-dverey",
    "kind": "день открытых дверей",
    "title": "День открытых дверей (пример)",
    "description": "Пример заполнения: экскурсия по мастерским и встреча с преподавателями.",
    "starts_at": "14.03.2027 11:00",
    "ends_at": "14.03.2027 14:00",
    "registration_deadline": "12.03.2027 18:00",
    "region": "RU-TOM",
    "centre": "copp-tomsk",
    "online": "нет",
    "audience": "школьники, взрослые",
    "competencies": "",
    "link": "",
    "illustrative": "да",
    "source": "пример заполнения",
    "timezone": "Asia/Tomsk",
}

_DROPDOWNS: dict[str, Sequence[str]] = {
    "Формат": list(FORMAT_LABELS[1].values()),
    "Иллюстративно": ["да", "нет"],
    "Онлайн": ["да", "нет"],
}


def _template_workbook(
    sheet_name: str, columns: Sequence[Column], example: Mapping[str, CellValue]
) -> Any:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_name
    headers = [c.header for c in columns]
    _write_sheet(sheet, headers, [[example.get(c.field) for c in columns]])
    kind_labels = EVENT_KIND_LABELS if sheet_name == EVENTS_SHEET else KIND_LABELS
    dropdowns = {**_DROPDOWNS, "Вид": list(kind_labels[1].values())}
    for index, header in enumerate(headers, start=1):
        options = dropdowns.get(header)
        if options is None:
            continue
        letter = get_column_letter(index)
        validation = DataValidation(
            type="list", formula1='"' + ",".join(options) + '"', allow_blank=True
        )
        validation.add(f"{letter}2:{letter}5000")
        sheet.add_data_validation(validation)
    help_sheet = workbook.create_sheet("Справка")
    help_sheet.append(["Столбец", "Обязательный", "Другие названия", "Что писать"])
    for column in columns:
        help_sheet.append(
            [
                column.header,
                _yes_no(column.required),
                ", ".join(column.aliases),
                _COLUMN_HINTS.get(column.field, ""),
            ]
        )
    for cell in help_sheet[1]:
        cell.font = _HEADER_FONT
    for letter, width in zip("ABCD", (22, 14, 40, 80), strict=True):
        help_sheet.column_dimensions[letter].width = width
    return workbook


def _allowed(labels: tuple[dict[str, StrEnum], dict[StrEnum, str]]) -> str:
    return ", ".join(labels[1].values())


_COLUMN_HINTS: dict[str, str] = {
    "id": (
        "постоянный код записи латиницей, например prg-copp-tomsk-svarka; "
        "не меняйте его после публикации"
    ),
    "kind": f"для программ: {_allowed(KIND_LABELS)}; для событий: {_allowed(EVENT_KIND_LABELS)}",
    "centre": "ID центра из каталога, например copp-tomsk",
    "professions": "коды профессий СПО через запятую, например 15.01.05, 09.02.07",
    "hours": "целое число часов; повышение квалификации — от 16, переподготовка — от 250",
    "format": _allowed(FORMAT_LABELS),
    "audience": f"через запятую: {_allowed(AUDIENCE_LABELS)}",
    "price_rub": "целое число рублей; пусто, если бесплатно",
    "funding": f"через запятую: {_allowed(FUNDING_LABELS)}",
    "start_dates": "даты через запятую в виде ДД.ММ.ГГГГ",
    "starts_at": "ДД.ММ.ГГГГ ЧЧ:ММ по местному времени",
    "ends_at": "ДД.ММ.ГГГГ ЧЧ:ММ по местному времени",
    "registration_deadline": "ДД.ММ.ГГГГ ЧЧ:ММ по местному времени",
    "region": "код региона, например RU-TOM",
    "competencies": "ID компетенций через запятую",
    "illustrative": "«да», если данные примерные, «нет», если взяты из документа или с сайта",
    "timezone": "например Asia/Tomsk или +07:00; можно не заполнять, если указан центр",
    "description": "своими словами; для программы — от 80 до 900 знаков",
}


def _write_csv(path: Path, columns: Sequence[Column], example: Mapping[str, CellValue]) -> None:
    # UTF-8 with BOM and ';' is what Russian Excel opens correctly on a double click.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow([c.header for c in columns])
        writer.writerow([_text(example.get(c.field)) for c in columns])


def write_templates(directory: Path) -> list[Path]:
    """Write programmes_template / events_template as .xlsx and .csv; return the paths."""
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for stem, sheet, columns, example in (
        ("programmes_template", PROGRAMMES_SHEET, PROGRAMME_COLUMNS, EXAMPLE_PROGRAMME),
        ("events_template", EVENTS_SHEET, EVENT_COLUMNS, EXAMPLE_EVENT),
    ):
        xlsx = target / f"{stem}.xlsx"
        _template_workbook(sheet, columns, example).save(xlsx)
        csv_path = target / f"{stem}.csv"
        _write_csv(csv_path, columns, example)
        written += [xlsx, csv_path]
    return written
