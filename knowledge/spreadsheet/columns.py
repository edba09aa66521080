"""The columns of the sheets «Программы» and «События»: the headers we write and accept."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from knowledge.catalogue import normalise_text
from knowledge.spreadsheet.cells import (
    parse_bool,
    parse_dates,
    parse_datetime,
    parse_grade,
    parse_hours,
    parse_ids,
    parse_price,
    parse_text,
    parse_text_keep_empty,
    parse_timezone,
)
from knowledge.spreadsheet.labels import (
    AUDIENCE_LABELS,
    EVENT_KIND_LABELS,
    FORMAT_LABELS,
    FUNDING_LABELS,
    KIND_LABELS,
    choice,
    choices,
)
from knowledge.spreadsheet.results import CellValue

PROGRAMMES_SHEET = "Программы"
EVENTS_SHEET = "События"
CENTRES_SHEET = "Центры"
PROFESSIONS_SHEET = "Профессии"
# English sheet names are accepted too, for files made from a script or a translated Excel.
SHEET_ALIASES = {PROGRAMMES_SHEET: "programmes", EVENTS_SHEET: "events"}


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
        choice(KIND_LABELS, "Вид программы"),
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
    Column("format", "Формат", choice(FORMAT_LABELS, "Формат"), ("форма обучения",), required=True),
    Column("schedule", "Расписание", parse_text, ("график",), required=True),
    Column(
        "audience",
        "Аудитория",
        choices(AUDIENCE_LABELS, "Аудитория"),
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
        choices(FUNDING_LABELS, "Финансирование"),
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
    # Last, so that the letters of the columns above stay where staff know them.
    Column("title_en", "Название (англ.)", parse_text_keep_empty, ("english title", "title en")),
    Column(
        "description_en",
        "Описание (англ.)",
        parse_text_keep_empty,
        ("english description", "description en"),
    ),
)

EVENT_COLUMNS: tuple[Column, ...] = (
    Column("id", "ID", parse_text, ("код", "идентификатор"), required=True),
    Column(
        "kind",
        "Вид",
        choice(EVENT_KIND_LABELS, "Вид события"),
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
        choices(AUDIENCE_LABELS, "Аудитория"),
        ("для кого",),
        required=True,
    ),
    Column("competencies", "Компетенции", parse_ids, ("компетенция",)),
    Column("link", "Ссылка", parse_text_keep_empty, ("url", "сайт")),
    Column("illustrative", "Иллюстративно", parse_bool, ("пример",), required=True),
    Column("source", "Источник", parse_text, ("ссылка на источник",), required=True),
    Column("timezone", "Часовой пояс", parse_timezone, ("tz", "time zone"), model_field=False),
)

ALL_COLUMNS = (*PROGRAMME_COLUMNS, *EVENT_COLUMNS)
