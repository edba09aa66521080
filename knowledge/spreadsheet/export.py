"""Writing the catalogue to an .xlsx that staff edit and import back unchanged."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import IO

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from knowledge.catalogue import Catalogue
from knowledge.models import Centre, Event, Posture, Profession, Programme
from knowledge.spreadsheet.cells import zone
from knowledge.spreadsheet.columns import (
    CENTRES_SHEET,
    EVENT_COLUMNS,
    EVENTS_SHEET,
    PROFESSIONS_SHEET,
    PROGRAMME_COLUMNS,
    PROGRAMMES_SHEET,
    Column,
)
from knowledge.spreadsheet.labels import (
    AUDIENCE_LABELS,
    EVENT_KIND_LABELS,
    FORMAT_LABELS,
    FUNDING_LABELS,
    KIND_LABELS,
    label,
)
from knowledge.spreadsheet.results import CellValue

HEADER_FONT = Font(bold=True)
_DATETIME_FORMAT = "DD.MM.YYYY HH:MM"


def yes_no(value: bool) -> str:
    return "да" if value else "нет"


def _join(values: Iterable[str]) -> str:
    return ", ".join(values)


def programme_row(programme: Programme) -> dict[str, CellValue]:
    """A programme as cell values under PROGRAMME_COLUMNS' headers."""
    return {
        "id": programme.id,
        "kind": label(KIND_LABELS, programme.kind),
        "title": programme.title,
        "description": programme.description,
        "centre": programme.centre,
        "professions": _join(programme.professions),
        "hours": programme.hours,
        "format": label(FORMAT_LABELS, programme.format),
        "schedule": programme.schedule,
        "audience": _join(label(AUDIENCE_LABELS, a) for a in programme.audience),
        "min_grade": programme.min_grade,
        "requirements": programme.requirements,
        "document": programme.document,
        "price_rub": programme.price_rub,
        "funding": _join(label(FUNDING_LABELS, f) for f in programme.funding),
        "start_dates": _join(d.strftime("%d.%m.%Y") for d in programme.start_dates),
        "illustrative": yes_no(programme.illustrative),
        "source": programme.source,
        "title_en": programme.title_en,
        "description_en": programme.description_en,
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
    row_zone = zone(zone_name) if zone_name else None
    moments = [
        m for m in (event.starts_at, event.ends_at, event.registration_deadline) if m is not None
    ]
    if row_zone is None or any(
        m.astimezone(row_zone).utcoffset() != m.utcoffset() for m in moments
    ):
        # keep the offsets as written when the centre's zone would change them
        zone_name = _offset_text(event.starts_at.utcoffset())
        row_zone = timezone(event.starts_at.utcoffset() or timedelta(0))

    def local(moment: datetime | None) -> CellValue:
        if moment is None:
            return None
        shifted = moment.astimezone(row_zone)
        if shifted.utcoffset() != moment.utcoffset():
            return moment.isoformat(sep=" ")  # a different offset than the row's zone
        return shifted.replace(tzinfo=None)

    return {
        "id": event.id,
        "kind": label(EVENT_KIND_LABELS, event.kind),
        "title": event.title,
        "description": event.description,
        "starts_at": local(event.starts_at),
        "ends_at": local(event.ends_at),
        "registration_deadline": local(event.registration_deadline),
        "region": event.region,
        "centre": event.centre,
        "online": yes_no(event.online),
        "audience": _join(label(AUDIENCE_LABELS, a) for a in event.audience),
        "competencies": _join(event.competencies),
        "link": event.link,
        "illustrative": yes_no(event.illustrative),
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
    ("Часы работы иллюстративны", lambda c: yes_no(c.hours_illustrative)),
    ("Отрасли", lambda c: _join(c.industries)),
    ("Источник", lambda c: c.source),
)

_POSTURE = {Posture.sitting: "сидя", Posture.standing: "стоя", Posture.mixed: "по-разному"}

PROFESSION_HEADERS: tuple[tuple[str, Callable[[Profession], CellValue]], ...] = (
    ("Код", lambda p: p.code),
    ("Уровень", lambda p: "профессия" if p.level == "profession" else "специальность"),
    ("Название", lambda p: p.name),
    ("Коротко", lambda p: p.title),
    ("Коротко (англ.)", lambda p: p.title_en),
    ("УГПС", lambda p: p.group),
    ("Квалификации", lambda p: _join(p.qualifications)),
    ("Срок после 9 кл., мес.", lambda p: p.duration.after_9),
    ("Срок после 11 кл., мес.", lambda p: p.duration.after_11),
    ("Отрасли", lambda p: _join(p.industries)),
    ("Описание", lambda p: p.description),
    ("Описание (англ.)", lambda p: p.description_en),
    ("Школьные предметы", lambda p: _join(p.subjects)),
    ("Поза", lambda p: _POSTURE[p.conditions.posture]),
    ("Место", lambda p: p.conditions.place.value),
    ("Нагрузка", lambda p: p.conditions.physical_load.value),
    ("Сменный график", lambda p: yes_no(p.conditions.shifts)),
    ("Риски", lambda p: p.conditions.risks),
    ("Синонимы", lambda p: _join(p.synonyms)),
    ("O*NET", lambda p: _join(p.onet)),
    ("Источник", lambda p: p.source),
)


def write_sheet(
    sheet: Worksheet, headers: Sequence[str], rows: Iterable[Sequence[CellValue]]
) -> None:
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = HEADER_FONT
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


def export_catalogue(catalogue: Catalogue, path: Path | IO[bytes]) -> None:
    """Write an .xlsx with sheets Программы, События, Центры, Профессии, to a file or a
    binary stream (the bot sends it without touching the disk).

    The first two use the import headers, so a file exported here imports back unchanged.
    """
    workbook = openpyxl.Workbook()
    programmes = workbook.active
    assert programmes is not None  # a new workbook always has one sheet
    programmes.title = PROGRAMMES_SHEET
    write_sheet(
        programmes,
        [c.header for c in PROGRAMME_COLUMNS],
        _column_rows(
            PROGRAMME_COLUMNS, (programme_row(p) for _, p in sorted(catalogue.programmes.items()))
        ),
    )
    write_sheet(
        workbook.create_sheet(EVENTS_SHEET),
        [c.header for c in EVENT_COLUMNS],
        _column_rows(
            EVENT_COLUMNS, (event_row(e, catalogue) for _, e in sorted(catalogue.events.items()))
        ),
    )
    write_sheet(
        workbook.create_sheet(CENTRES_SHEET),
        [h for h, _ in CENTRE_HEADERS],
        ([get(c) for _, get in CENTRE_HEADERS] for _, c in sorted(catalogue.centres.items())),
    )
    write_sheet(
        workbook.create_sheet(PROFESSIONS_SHEET),
        [h for h, _ in PROFESSION_HEADERS],
        (
            [get(p) for _, get in PROFESSION_HEADERS]
            for _, p in sorted(catalogue.professions.items())
        ),
    )
    workbook.save(path if not isinstance(path, str | Path) else Path(path))
