"""Empty templates with one example row and a help sheet, as .xlsx and .csv."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from knowledge.spreadsheet.cells import cell_text
from knowledge.spreadsheet.columns import (
    EVENT_COLUMNS,
    EVENTS_SHEET,
    PROGRAMME_COLUMNS,
    PROGRAMMES_SHEET,
    Column,
)
from knowledge.spreadsheet.export import HEADER_FONT, write_sheet, yes_no
from knowledge.spreadsheet.labels import (
    AUDIENCE_LABELS,
    EVENT_KIND_LABELS,
    FORMAT_LABELS,
    FUNDING_LABELS,
    KIND_LABELS,
    allowed,
)
from knowledge.spreadsheet.results import CellValue

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"

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

_COLUMN_HINTS: dict[str, str] = {
    "id": (
        "постоянный код записи латиницей, например prg-copp-tomsk-svarka; "
        "не меняйте его после публикации"
    ),
    "kind": f"для программ: {allowed(KIND_LABELS)}; для событий: {allowed(EVENT_KIND_LABELS)}",
    "centre": "ID центра из каталога, например copp-tomsk",
    "professions": "коды профессий СПО через запятую, например 15.01.05, 09.02.07",
    "hours": "целое число часов; повышение квалификации — от 16, переподготовка — от 250",
    "format": allowed(FORMAT_LABELS),
    "audience": f"через запятую: {allowed(AUDIENCE_LABELS)}",
    "price_rub": "целое число рублей; пусто, если бесплатно",
    "funding": f"через запятую: {allowed(FUNDING_LABELS)}",
    "start_dates": "даты через запятую в виде ДД.ММ.ГГГГ",
    "starts_at": "ДД.ММ.ГГГГ ЧЧ:ММ по местному времени",
    "ends_at": "ДД.ММ.ГГГГ ЧЧ:ММ по местному времени",
    "registration_deadline": "ДД.ММ.ГГГГ ЧЧ:ММ по местному времени",
    "region": "код региона, например RU-TOM",
    "competencies": "ID компетенций через запятую",
    "illustrative": "«да», если данные примерные, «нет», если взяты из документа или с сайта",
    "timezone": "например Asia/Tomsk или +07:00; можно не заполнять, если указан центр",
    "description": "своими словами; для программы — от 80 до 900 знаков",
    "title_en": "название по-английски для англоязычных пользователей; можно не заполнять",
    "description_en": "1–3 предложения по-английски, от 60 до 600 знаков; можно не заполнять",
}


def _template_workbook(
    sheet_name: str, columns: Sequence[Column], example: Mapping[str, CellValue]
) -> Any:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_name
    headers = [c.header for c in columns]
    write_sheet(sheet, headers, [[example.get(c.field) for c in columns]])
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
                yes_no(column.required),
                ", ".join(column.aliases),
                _COLUMN_HINTS.get(column.field, ""),
            ]
        )
    for cell in help_sheet[1]:
        cell.font = HEADER_FONT
    for letter, width in zip("ABCD", (22, 14, 40, 80), strict=True):
        help_sheet.column_dimensions[letter].width = width
    return workbook


def _write_csv(path: Path, columns: Sequence[Column], example: Mapping[str, CellValue]) -> None:
    # UTF-8 with BOM and ';' is what Russian Excel opens correctly on a double click.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow([c.header for c in columns])
        writer.writerow([cell_text(example.get(c.field)) for c in columns])


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
