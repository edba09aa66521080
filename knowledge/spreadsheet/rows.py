"""Checking rows: find the columns, parse each cell, apply the rules a model cannot see alone
(legal hours, known centres and professions, time zones), then validate the record."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any, Generic

from openpyxl.utils import get_column_letter
from pydantic import ValidationError

from knowledge.catalogue import ENTITY_KINDS, Catalogue, normalise_text
from knowledge.models import Event, Funding, Programme, ProgrammeKind
from knowledge.spreadsheet.cells import EMPTY, CellError, cell_text, zone
from knowledge.spreadsheet.columns import ALL_COLUMNS, Column
from knowledge.spreadsheet.files import Formula, Table, TooLong
from knowledge.spreadsheet.ids import IdRegistry
from knowledge.spreadsheet.results import ProblemLog, SheetProblem, T

LEGAL_MIN_HOURS = {ProgrammeKind.upskilling: 16, ProgrammeKind.retraining: 250}
_LEGAL_NAMES = {
    ProgrammeKind.upskilling: "Повышение квалификации",
    ProgrammeKind.retraining: "Профессиональная переподготовка",
}


@dataclass
class Layout:
    """Where each known column sits in the file."""

    by_field: dict[
        str, tuple[int, Column, str]
    ]  # field → (0-based index, column, header as written)


def locate_columns(
    path: Path, table: Table, header_row: int, headers: list[Any], columns: Sequence[Column]
) -> tuple[Layout, list[SheetProblem]]:
    accepted = {name: column for column in columns for name in column.accepted()}
    problems: list[SheetProblem] = []
    by_field: dict[str, tuple[int, Column, str]] = {}
    for index, raw in enumerate(headers):
        letter = get_column_letter(index + 1)
        if isinstance(raw, TooLong):
            problems.append(
                SheetProblem(
                    path.name, table.sheet, header_row, letter, None,
                    f"{_too_long(raw)} Это не заголовок столбца.",
                )
            )  # fmt: skip
            continue
        shown = cell_text(raw) if not isinstance(raw, Formula) else raw.text
        if not shown:
            continue
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
    return Layout(by_field), problems


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


def _too_long(cell: TooLong) -> str:
    return f"В ячейке {cell.length} символов, а можно не больше {cell.limit}."


_KIND_OF_MODEL = {model: kind for kind, model in ENTITY_KINDS.items()}


class RowReader(Generic[T]):
    def __init__(
        self,
        path: Path,
        table: Table,
        layout: Layout,
        model: type[T],
        catalogue: Catalogue | None,
        default_timezone: tzinfo | None,
        registry: IdRegistry,
        log: ProblemLog,
    ) -> None:
        self.path = path
        self.table = table
        self.layout = layout
        self.model = model
        self.kind = _KIND_OF_MODEL[model]
        self.catalogue = catalogue
        self.default_timezone = default_timezone
        self.registry = registry
        self.log = log
        self.records: list[T] = []
        self.seen_ids: dict[str, int] = {}

    def problem(self, row: int, field_name: str | None, message: str) -> None:
        if field_name is not None and field_name in self.layout.by_field:
            index, _, shown = self.layout.by_field[field_name]
            letter: str | None = get_column_letter(index + 1)
            header: str | None = shown
        else:
            letter, header = None, None
            column = next((c for c in ALL_COLUMNS if c.field == field_name), None)
            if column is not None:
                header = column.header
        self.log.add(SheetProblem(self.path.name, self.table.sheet, row, letter, header, message))

    def read(self, number: int, cells: list[Any]) -> None:
        values, unreadable = self._parse_cells(number, cells)
        repeated = self._claim_id(number, values)
        if unreadable or repeated:
            return
        if self.model is Programme:
            failed = self._check_programme(number, values)
        elif self.model is Event:
            failed = self._check_event(number, values)
        else:
            failed = False
        if failed:
            return
        values.pop("timezone", None)
        self._add_record(number, values)

    def _parse_cells(self, number: int, cells: list[Any]) -> tuple[dict[str, Any], bool]:
        """The row's parsed values by field, and whether any cell could not be read."""
        values: dict[str, Any] = {}
        failed = False
        for name, (index, column, _) in self.layout.by_field.items():
            raw = cells[index] if index < len(cells) else None
            if isinstance(raw, Formula):
                self.problem(
                    number, name,
                    f"В ячейке формула «{raw.text}», а нужно значение. "
                    "Замените её значением (Вставить → Только значения).",
                )  # fmt: skip
                failed = True
                continue
            if isinstance(raw, TooLong):
                self.problem(number, name, _too_long(raw))
                failed = True
                continue
            try:
                parsed = column.parse(raw)
            except CellError as error:
                self.problem(number, name, str(error))
                failed = True
                continue
            if parsed is not EMPTY:
                values[name] = parsed
        return values, failed

    def _claim_id(self, number: int, values: Mapping[str, Any]) -> bool:
        """Register the row's id; True when it repeats an earlier row or another sheet's id."""
        record_id = values.get("id")
        if not isinstance(record_id, str):
            return False
        clash = self.registry.clash(record_id, self.kind)
        if record_id in self.seen_ids:
            self.problem(
                number,
                "id",
                f"ID «{record_id}» уже встречался в строке {self.seen_ids[record_id]}.",
            )
            return True
        if clash is not None:
            self.problem(number, "id", clash)
            return True
        self.seen_ids[record_id] = number
        self.registry.claim(record_id, self.kind, self.table.sheet, number)
        return False

    def _add_record(self, number: int, values: dict[str, Any]) -> None:
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
                return zone(centre.timezone)
            region = self.catalogue.regions.get(values.get("region") or "")
            if region is not None:
                return zone(region.timezone)
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
        row_zone = self._row_timezone(values)
        for name in ("starts_at", "ends_at", "registration_deadline"):
            moment = values.get(name)
            if not isinstance(moment, datetime) or moment.tzinfo is not None:
                continue
            if row_zone is None:
                self.problem(
                    number, name,
                    "Не ясно, в каком часовом поясе это время: заполните столбец «Часовой пояс» "
                    "(например, Asia/Tomsk) или укажите центр.",
                )  # fmt: skip
                failed = True
                break  # one note per row is enough: the same fix serves every time in it
            values[name] = moment.replace(tzinfo=row_zone)
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
