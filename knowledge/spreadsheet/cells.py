"""Reading one cell: numbers, hours, prices, dates, times, time zones, yes/no, lists of ids.

Each parser returns the value for the model, ``EMPTY`` for a blank cell (so that the model's
default applies), or raises ``CellError`` with a message staff can act on.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from knowledge.catalogue import normalise_text
from knowledge.spreadsheet.results import CellValue

MIN_HOURS = 1
MAX_HOURS = 2000


class CellError(Exception):
    """A cell's value cannot be read; the message is shown to staff as is."""


EMPTY: Any = object()  # the cell is empty: leave the field out so the model's default applies


def cell_text(value: CellValue) -> str:
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


def is_blank(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and value.strip() in ("", "-", "—", "–"))


def split_cell(value: CellValue) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]", cell_text(value)) if part.strip()]


def zone(key: str) -> tzinfo | None:
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def parse_text(value: CellValue) -> Any:
    return EMPTY if is_blank(value) else cell_text(value)


def parse_text_keep_empty(value: CellValue) -> Any:
    return "" if is_blank(value) else cell_text(value)


_INT_TEXT = re.compile(r"^[+-]?\d[\d\s\u00a0\u202f]*(?:[.,]0+)?$")
_MONEY_SUFFIX = re.compile(r"\s*(?:руб\.?|рублей|р\.|₽)\s*$", re.IGNORECASE)


def _to_int(value: CellValue, what: str) -> int:
    if isinstance(value, bool):
        raise CellError(f"{what}: нужно целое число, а здесь «{cell_text(value)}».")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError(f"{what}: нужно целое число, а здесь {value:g}.")
    text = _MONEY_SUFFIX.sub("", cell_text(value))
    if not _INT_TEXT.match(text):
        raise CellError(f"{what}: нужно целое число, а здесь «{cell_text(value)}».")
    digits = re.sub(r"[\s\u00a0\u202f]", "", text)
    digits = re.sub(r"[.,]0+$", "", digits)
    return int(digits)


def parse_hours(value: CellValue) -> Any:
    if is_blank(value):
        return EMPTY
    hours = _to_int(value, "Часы")
    if not MIN_HOURS <= hours <= MAX_HOURS:
        raise CellError(f"Часы должны быть от {MIN_HOURS} до {MAX_HOURS}, а здесь {hours}.")
    return hours


def parse_price(value: CellValue) -> Any:
    if is_blank(value) or normalise_text(cell_text(value)) in ("бесплатно", "free"):
        return EMPTY
    price = _to_int(value, "Цена")
    if price < 0:
        raise CellError(f"Цена не может быть отрицательной, а здесь {price}.")
    return price


def parse_grade(value: CellValue) -> Any:
    if is_blank(value):
        return EMPTY
    grade = _to_int(value, "Класс")
    if not 1 <= grade <= 11:
        raise CellError(f"Класс должен быть от 1 до 11, а здесь {grade}.")
    return grade


_TRUE = {"да", "yes", "true", "1", "y", "д", "истина", "+"}
_FALSE = {"нет", "no", "false", "0", "n", "н", "ложь"}


def parse_bool(value: CellValue) -> Any:
    if isinstance(value, bool):
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        return EMPTY
    text = cell_text(value).casefold()
    if text in _TRUE:
        return True
    if text in _FALSE or text in ("-", "—"):
        return False
    raise CellError(f"Напишите «да» или «нет», а здесь «{cell_text(value)}».")


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
    raise CellError(f"Не понимаю дату «{text}»: пишите ДД.ММ.ГГГГ, например 01.09.2026.")


def parse_dates(value: CellValue) -> Any:
    if is_blank(value):
        return EMPTY
    if isinstance(value, datetime):
        return [value.date()]
    if isinstance(value, date):
        return [value]
    if isinstance(value, int | float) and not isinstance(value, bool) and 20000 < value < 80000:
        return [_EXCEL_EPOCH + timedelta(days=int(value))]  # a date cell that lost its format
    dates = [_parse_date_text(part) for part in split_cell(value)]
    return list(dict.fromkeys(dates))


def parse_ids(value: CellValue) -> Any:
    if is_blank(value):
        return EMPTY
    return list(dict.fromkeys(split_cell(value)))


_DATETIME_TEXT = re.compile(r"^(\d{1,2}\.\d{1,2}\.\d{2,4})(?:[ T,]+(\d{1,2})[:.](\d{2}))?$")


def parse_datetime(value: CellValue) -> Any:
    """A naive or aware datetime; naive ones get the row's time zone later."""
    if is_blank(value):
        return EMPTY
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time(0))
    text = cell_text(value)
    match = _DATETIME_TEXT.match(text)
    if match:
        day = _parse_date_text(match.group(1))
        hour, minute = int(match.group(2) or 0), int(match.group(3) or 0)
        if hour > 23 or minute > 59:
            raise CellError(f"Не понимаю время в «{text}»: пишите ЧЧ:ММ, например 10:00.")
        return datetime.combine(day, time(hour, minute))
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    raise CellError(
        f"Не понимаю дату и время «{text}»: пишите ДД.ММ.ГГГГ ЧЧ:ММ, например 15.03.2026 10:00."
    )


_OFFSET_TEXT = re.compile(r"^(?:utc|gmt|мск)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$")


def parse_timezone(value: CellValue) -> Any:
    if is_blank(value):
        return EMPTY
    text = cell_text(value)
    match = _OFFSET_TEXT.match(text.casefold().replace(" ", ""))
    if match:
        sign = -1 if match.group(1) == "-" else 1
        delta = timedelta(hours=int(match.group(2)), minutes=int(match.group(3) or 0))
        if delta > timedelta(hours=14):
            raise CellError(f"Смещение «{text}» больше 14 часов.")
        return timezone(sign * delta)
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    raise CellError(f"Не знаю часовой пояс «{text}». Пишите, например, Asia/Tomsk или +07:00.")
