"""The /stats workbook (.xlsx): one sheet per table, Russian headers from the locale files,
the header row frozen, columns as wide as their contents. Used by the bot and by
`careerbot stats --xlsx`."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bot.i18n import Translate
from bot.services.activity import FUNNEL
from bot.services.analytics.figures import Count
from bot.services.analytics.service import ExportData
from bot.ui.stats import centre_cells, centre_headers, period_label, scope_label, shown

MAX_WIDTH = 60  # characters; longer texts wrap
MIN_WIDTH = 8
TEXT_LIMIT = 500  # characters of a broadcast's text


def _cell(value: Any, t: Translate) -> Any:
    if isinstance(value, Count):
        return shown(value, t) if value.hidden else value.value
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)  # Excel has no zones: the header names it
    return value


def _sheet(
    book: Workbook, title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]], t: Translate
) -> Worksheet:
    sheet = book.create_sheet(title[:31])
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append([_cell(value, t) for value in row])
        for cell, value in zip(sheet[sheet.max_row], row, strict=False):
            if isinstance(value, datetime):
                cell.number_format = "DD.MM.YYYY HH:MM"
            elif isinstance(value, date):
                cell.number_format = "DD.MM.YYYY"
    sheet.freeze_panes = "A2"
    for column, header in enumerate(headers, start=1):
        letter = get_column_letter(column)
        longest = max(
            [len(str(header))]
            + [len(str(c.value)) for c in sheet[letter][1:] if c.value is not None],
        )
        sheet.column_dimensions[letter].width = max(MIN_WIDTH, min(MAX_WIDTH, longest + 2))
        for cell in sheet[letter][1:]:
            if isinstance(cell.value, str) and len(cell.value) > MAX_WIDTH:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    return sheet


def _summary(data: ExportData, t: Translate) -> list[list[Any]]:
    report = data.report
    rows: list[list[Any]] = [
        [t("export-period"), period_label(t, report.period)],
        [t("export-scope"), scope_label(t, report)],
        [t("export-made"), report.until.astimezone(UTC)],
        [t("stats-new-users", count="").rstrip(": "), report.new_total],
    ]
    rows += [[t(f"stats-step-{step}"), count] for step, count in report.funnel]
    rows += [
        [t("stats-chart-reminders-booking"), report.reminders["booking"]],
        [t("stats-chart-reminders-event"), report.reminders["event"]],
        [t("export-broadcasts"), report.broadcasts],
    ]
    rows += [[t(f"stats-reach-{name}"), count] for name, count in report.reach.items()]
    rows.append([t("stats-hidden"), t("stats-hidden-note")])
    return rows


def build_workbook(data: ExportData, t: Translate) -> bytes:
    report = data.report
    book = Workbook()
    book.remove(book.active)
    _sheet(
        book,
        t("export-sheet-summary"),
        [t("export-figure"), t("export-value")],
        _summary(data, t),
        t,
    )
    _sheet(
        book,
        t("export-sheet-funnel"),
        [t("export-week"), *(t(f"stats-step-{step}") for step in FUNNEL)],
        [[w.week, *(w.steps[s.value] for s in FUNNEL)] for w in data.funnel_weeks],
        t,
    )
    _sheet(
        book,
        t("export-sheet-centres"),
        centre_headers(t),
        [[c.name, *centre_cells(c)] for c in report.centres],
        t,
    )
    _sheet(
        book,
        t("export-sheet-topics"),
        [t("export-topic-kind"), t("export-topic"), t("export-people")],
        [[t(f"stats-topic-{line.kind}"), line.title, line.people] for line in data.topics],
        t,
    )
    _sheet(
        book,
        t("export-sheet-broadcasts"),
        [
            t("export-broadcast"),
            t("export-created-utc"),
            t("export-text"),
            t("export-status"),
            *(t(f"stats-reach-{name}") for name in ("delivered", "blocked", "failed")),
        ],
        [
            [
                line.id,
                line.created_at,
                line.text[:TEXT_LIMIT],
                t(f"export-broadcast-{line.status}"),
                *(line.reach[name] for name in ("delivered", "blocked", "failed")),
            ]
            for line in data.broadcasts
        ],
        t,
    )
    if data.personal:
        _personal(book, data, t)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _personal(book: Workbook, data: ExportData, t: Translate) -> None:
    _sheet(
        book,
        t("export-sheet-bookings"),
        [
            t("export-booking"),
            t("export-centre"),
            t("export-starts-local"),
            t("export-zone"),
            t("export-format"),
            t("export-topic"),
            t("export-status"),
            t("export-phone"),
            t("export-telegram-id"),
        ],
        [
            [
                b.id,
                data.centre_names.get(b.centre, b.centre),
                b.starts_at.astimezone(ZoneInfo(data.centre_zones.get(b.centre, "UTC"))),
                data.centre_zones.get(b.centre, "UTC"),
                t(f"export-format-{b.format}"),
                b.topic,
                t(f"export-booking-{b.status}"),
                b.phone or "",
                b.user_id,
            ]
            for b in data.bookings
        ],
        t,
    )
    _sheet(
        book,
        t("export-sheet-subscribers"),
        [
            t("export-telegram-id"),
            t("export-topic-kind"),
            t("export-topic"),
            t("export-created-utc"),
        ],
        [
            [
                s.user_id,
                t(f"stats-topic-{s.topic_kind}"),
                data.topic_titles.get((s.topic_kind, s.topic_value), s.topic_value),
                s.created_at,
            ]
            for s in data.subscribers
        ],
        t,
    )
