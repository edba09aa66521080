from __future__ import annotations

import csv
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell import WriteOnlyCell

from knowledge import (
    TEMPLATES_DIR,
    Catalogue,
    SheetProblem,
    export_catalogue,
    read_events,
    read_programmes,
    write_templates,
)
from knowledge.models import Audience, Format, Funding, ProgrammeKind
from knowledge.spreadsheet import EVENT_COLUMNS, PROGRAMME_COLUMNS

HEADERS = [c.header for c in PROGRAMME_COLUMNS]
GOOD_ROW: dict[str, Any] = {
    "ID": "prg-copp-tomsk-new",
    "Вид": "повышение квалификации",
    "Название": "Сварка неповоротных стыков",
    "Описание": "Курс для сварщиков с опытом: сложные положения шва, контроль качества, "
    "подготовка к аттестации.",
    "Центр": "copp-tomsk",
    "Профессии": "15.01.05",
    "Часы": 72,
    "Формат": "очно",
    "Расписание": "по субботам",
    "Аудитория": "взрослые, 50+",
    "С какого класса": None,
    "Требования": "",
    "Документ": "удостоверение",
    "Цена, руб.": "12 500",
    "Финансирование": "платно",
    "Даты начала": "01.12.2026, 2027-02-01",
    "Иллюстративно": "нет",
    "Источник": "https://example.org/kursy",
    "Название (англ.)": "Welding fixed pipe joints",
    "Описание (англ.)": "A course for experienced welders: difficult weld positions, quality "
    "control and preparing for certification.",
}


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], sheet: str = "Лист1") -> Path:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    workbook.save(path)
    return path


def write_csv(
    path: Path, rows: Sequence[Sequence[Any]], delimiter: str = ";", bom: bool = True
) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    return path


def table(*changes: dict[str, Any], headers: Sequence[str] = HEADERS) -> list[list[Any]]:
    rows: list[list[Any]] = [list(headers)]
    for number, change in enumerate(changes):
        row = {**GOOD_ROW, "ID": f"prg-copp-tomsk-new-{number}", **change}
        rows.append([row.get(h) for h in headers])
    return rows


def only_error(problems: list[SheetProblem]) -> SheetProblem:
    errors = [p for p in problems if p.level == "error"]
    assert len(errors) == 1, [str(p) for p in problems]
    return errors[0]


# -- good input ----------------------------------------------------------------------------------


def test_reads_xlsx_with_russian_headers(tmp_path: Path, catalogue: Catalogue) -> None:
    result = read_programmes(write_xlsx(tmp_path / "p.xlsx", table({})), catalogue)
    assert result.problems == []
    assert result.ok
    programme = result.records[0]
    assert programme.kind is ProgrammeKind.upskilling
    assert programme.format is Format.in_person
    assert programme.audience == [Audience.adults, Audience.seniors]
    assert programme.funding == [Funding.paid]
    assert programme.price_rub == 12500
    assert programme.start_dates == [date(2026, 12, 1), date(2027, 2, 1)]
    assert programme.illustrative is False
    assert programme.min_grade is None
    assert programme.title_en == "Welding fixed pipe joints"
    assert programme.description_en.startswith("A course for experienced welders")


def test_a_sheet_without_the_english_columns_still_reads(tmp_path: Path) -> None:
    headers = [h for h in HEADERS if "(англ.)" not in h]
    result = read_programmes(write_xlsx(tmp_path / "ru.xlsx", table({}, headers=headers)))
    assert result.problems == []
    assert (result.records[0].title_en, result.records[0].description_en) == ("", "")


@pytest.mark.parametrize(
    ("delimiter", "bom"), [(";", True), (",", False), (",", True), ("\t", False)]
)
def test_reads_csv_variants(tmp_path: Path, delimiter: str, bom: bool) -> None:
    path = write_csv(tmp_path / "p.csv", table({}, {}), delimiter, bom)
    result = read_programmes(path)
    assert result.problems == []
    assert [p.id for p in result.records] == ["prg-copp-tomsk-new-0", "prg-copp-tomsk-new-1"]


def test_english_headers_and_values(tmp_path: Path) -> None:
    english = [c.field for c in PROGRAMME_COLUMNS]
    change = {"kind": "retraining", "format": "blended", "audience": "adults, unemployed"}
    rows = [english]
    values = {c.field: GOOD_ROW[c.header] for c in PROGRAMME_COLUMNS}
    values.update(change, hours=300, funding="employment_support", illustrative="yes", price_rub="")
    rows.append([values[f] for f in english])
    result = read_programmes(write_xlsx(tmp_path / "en.xlsx", rows))
    assert result.problems == []
    programme = result.records[0]
    assert (programme.kind, programme.format, programme.hours) == (
        ProgrammeKind.retraining,
        Format.blended,
        300,
    )
    assert programme.price_rub is None
    assert programme.is_free


def test_excel_date_cells_and_blank_rows(tmp_path: Path) -> None:
    rows = table({"Даты начала": date(2027, 3, 1), "Часы": 72.0})
    rows.insert(1, [None] * len(HEADERS))
    result = read_programmes(write_xlsx(tmp_path / "d.xlsx", rows))
    assert result.problems == []
    assert result.records[0].start_dates == [date(2027, 3, 1)]


def test_unknown_column_is_a_warning(tmp_path: Path) -> None:
    rows = table({})
    rows[0].append("Примечание")
    rows[1].append("позвонить Ивановой")
    result = read_programmes(write_xlsx(tmp_path / "w.xlsx", rows))
    assert result.ok
    assert len(result.records) == 1
    (warning,) = result.warnings
    assert (warning.row, warning.column, warning.header) == (1, "U", "Примечание")


def test_prefers_the_named_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.append(["что-то другое"])
    data = workbook.create_sheet("Программы")
    for row in table({}):
        data.append(row)
    workbook.save(tmp_path / "two.xlsx")
    result = read_programmes(tmp_path / "two.xlsx")
    assert result.problems == []
    assert len(result.records) == 1


# -- bad input -------------------------------------------------------------------------------------


def test_missing_required_column(tmp_path: Path) -> None:
    headers = [h for h in HEADERS if h != "Часы"]
    result = read_programmes(write_xlsx(tmp_path / "m.xlsx", table({}, headers=headers)))
    problem = only_error(result.problems)
    assert result.records == []
    assert problem.header == "Часы"
    assert problem.column is None
    assert "Нет обязательного столбца «Часы»" in problem.message
    assert problem.sheet == "Лист1"


def test_duplicate_column(tmp_path: Path) -> None:
    rows = table({})
    rows[0].append("Title")
    rows[1].append("ещё название")
    problem = only_error(read_programmes(write_xlsx(tmp_path / "dup.xlsx", rows)).problems)
    assert problem.column == "U"
    assert "повторяется" in problem.message


def test_wrong_type_names_row_and_column(tmp_path: Path) -> None:
    result = read_programmes(write_xlsx(tmp_path / "t.xlsx", table({}, {"Часы": "много"})))
    problem = only_error(result.problems)
    assert (problem.file, problem.sheet, problem.row, problem.column, problem.header) == (
        "t.xlsx",
        "Лист1",
        3,
        "G",
        "Часы",
    )
    assert "целое число" in problem.message
    assert [p.id for p in result.records] == ["prg-copp-tomsk-new-0"]
    assert str(problem).startswith("t.xlsx, лист «Лист1», строка 3, столбец G («Часы»):")


@pytest.mark.parametrize(
    ("change", "column", "fragment"),
    [
        ({"Часы": 0}, "G", "от 1 до 2000"),
        ({"Часы": 5000}, "G", "от 1 до 2000"),
        ({"Часы": 8}, "G", "не меньше 16 часов"),
        ({"Вид": "переподготовка", "Часы": 120}, "G", "не меньше 250 часов"),
        ({"Часы": 36.5}, "G", "целое число"),
        ({"Формат": "по переписке"}, "H", "«очно»"),
        ({"Вид": "курсы"}, "B", "Вид программы"),
        ({"Аудитория": "взрослые, инопланетяне"}, "J", "инопланетяне"),
        ({"Даты начала": "31.02.2027"}, "P", "ДД.ММ.ГГГГ"),
        ({"Иллюстративно": "может быть"}, "Q", "«да» или «нет»"),
        ({"Цена, руб.": "договорная"}, "N", "целое число"),
        ({"Цена, руб.": None}, "N", "укажите цену"),
        ({"С какого класса": 14}, "K", "от 1 до 11"),
        ({"Описание": "Коротко."}, "D", "не меньше 80 символов"),
        ({"Название": None}, "C", "Ячейка пустая"),
        ({"Аудитория": None}, "J", "Ячейка пустая"),
    ],
)
def test_bad_cells(tmp_path: Path, change: dict[str, Any], column: str, fragment: str) -> None:
    result = read_programmes(write_xlsx(tmp_path / "bad.xlsx", table(change)))
    problem = only_error(result.problems)
    assert result.records == []
    assert problem.row == 2
    assert problem.column == column, str(problem)
    assert fragment in problem.message, problem.message


def test_unknown_centre_and_profession(tmp_path: Path, catalogue: Catalogue) -> None:
    rows = table({"Центр": "copp-tomskk"}, {"Профессии": "15.01.05, 15.01.99"})
    result = read_programmes(write_xlsx(tmp_path / "u.xlsx", rows), catalogue)
    centre, profession = result.errors
    assert (centre.row, centre.column) == (2, "E")
    assert "нет в каталоге" in centre.message
    assert "copp-tomsk»?" in centre.message  # a hint at the likely id
    assert (profession.row, profession.column) == (3, "F")
    assert "15.01.99" in profession.message
    assert result.records == []
    # without a catalogue, ids are not checked
    assert read_programmes(tmp_path / "u.xlsx").ok


def test_duplicate_id_within_file(tmp_path: Path) -> None:
    rows = table({"ID": "prg-x"}, {}, {"ID": "prg-x"})
    result = read_programmes(write_csv(tmp_path / "d.csv", rows))
    problem = only_error(result.problems)
    assert (problem.row, problem.column, problem.sheet) == (4, "A", None)
    assert "уже встречался в строке 2" in problem.message
    assert [p.id for p in result.records] == ["prg-x", "prg-copp-tomsk-new-1"]


def test_formula_cell(tmp_path: Path) -> None:
    rows = table({"Часы": "=36*2"})
    problem = only_error(read_programmes(write_xlsx(tmp_path / "f.xlsx", rows)).problems)
    assert (problem.row, problem.column) == (2, "G")
    assert "формула «=36*2»" in problem.message


@pytest.mark.parametrize("content", [b"", b"\n\n", "﻿".encode()])
def test_empty_csv(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    problem = only_error(read_programmes(path).problems)
    assert "пустой" in problem.message


def test_empty_xlsx(tmp_path: Path) -> None:
    problem = only_error(read_programmes(write_xlsx(tmp_path / "e.xlsx", [])).problems)
    assert "пустой" in problem.message


def test_header_only(tmp_path: Path) -> None:
    problem = only_error(read_programmes(write_xlsx(tmp_path / "h.xlsx", [HEADERS])).problems)
    assert problem.row == 1
    assert "только строка заголовков" in problem.message


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "нужен файл .xlsx или .csv"),
        ("table.xlsx", b"this is not a zip at all", "не таблица Excel"),
        ("broken.xlsx", b"PK\x03\x04" + b"\x00" * 100, "не таблица Excel"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
        ("binary.csv", b"ID;\x00\x01\x02\x03", "двоичные данные"),
    ],
)
def test_not_a_spreadsheet(tmp_path: Path, name: str, content: bytes, fragment: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = read_programmes(path)
    problem = only_error(result.problems)
    assert problem.file == name
    assert fragment in problem.message
    assert result.records == []


def test_missing_file(tmp_path: Path) -> None:
    problem = only_error(read_programmes(tmp_path / "nope.xlsx").problems)
    assert "Не удалось открыть" in problem.message


def test_broken_utf8(tmp_path: Path) -> None:
    path = tmp_path / "cp1251.csv"
    text = "\r\n".join(";".join("" if v is None else str(v) for v in row) for row in table({}))
    path.write_bytes(text.encode("cp1251"))
    problem = only_error(read_programmes(path).problems)
    assert "UTF-8" in problem.message
    assert problem.row == 1


# -- events ------------------------------------------------------------------------------------------

EVENT_HEADERS = [c.header for c in EVENT_COLUMNS]


def event_rows(*changes: dict[str, Any]) -> list[list[Any]]:
    base = {
        "ID": "ev-new",
        "Вид": "день открытых дверей",
        "Название": "День открытых дверей",
        "Начало": "05.12.2026 11:00",
        "Окончание": "05.12.2026 14:00",
        "Регион": "RU-TOM",
        "Центр": "copp-tomsk",
        "Аудитория": "школьники",
        "Иллюстративно": "да",
        "Источник": "test",
    }
    rows: list[list[Any]] = [EVENT_HEADERS]
    for number, change in enumerate(changes):
        row = {**base, "ID": f"ev-new-{number}", **change}
        rows.append([row.get(h) for h in EVENT_HEADERS])
    return rows


def test_event_times_take_the_centres_zone(tmp_path: Path, catalogue: Catalogue) -> None:
    result = read_events(write_xlsx(tmp_path / "e.xlsx", event_rows({})), catalogue)
    assert result.problems == []
    event = result.records[0]
    assert event.starts_at == datetime(2026, 12, 5, 4, 0, tzinfo=UTC)
    assert event.online is False


def test_event_time_zone_sources(tmp_path: Path) -> None:
    rows = event_rows(
        {"Часовой пояс": "+05:00"},
        {"Начало": "2026-12-05T11:00:00+03:00", "Окончание": "2026-12-05 15:00+03:00"},
        {},
    )
    result = read_events(write_csv(tmp_path / "e.csv", rows))
    problem = only_error(result.problems)
    assert (problem.row, problem.column) == (4, "E")
    assert "часовом поясе" in problem.message
    first, second = result.records
    assert first.starts_at.utcoffset() == timedelta(hours=5)
    assert second.starts_at.utcoffset() == timedelta(hours=3)
    fallback = read_events(tmp_path / "e.csv", default_timezone="Europe/Moscow")
    assert fallback.ok


@pytest.mark.parametrize(
    ("change", "column", "fragment"),
    [
        ({"Окончание": "05.12.2026 10:00"}, "F", "раньше"),
        ({"Начало": "завтра"}, "E", "ДД.ММ.ГГГГ ЧЧ:ММ"),
        ({"Начало": "05.12.2026 25:00"}, "E", "время"),
        ({"Вид": "вечеринка"}, "B", "Вид события"),
        ({"Центр": "copp-nowhere"}, "I", "нет в каталоге"),
        ({"Регион": "RU-XXX"}, "H", "нет в каталоге"),
        ({"Компетенции": "cmp-svarka, cmp-nope"}, "L", "cmp-nope"),
        ({"Часовой пояс": "Марс/Олимп"}, "P", "часовой пояс"),
    ],
)
def test_bad_event_cells(
    tmp_path: Path, catalogue: Catalogue, change: dict[str, Any], column: str, fragment: str
) -> None:
    result = read_events(write_xlsx(tmp_path / "e.xlsx", event_rows(change)), catalogue)
    problem = only_error(result.problems)
    assert (problem.row, problem.column) == (2, column), str(problem)
    assert fragment in problem.message


# -- export, templates, volume ----------------------------------------------------------------------


def test_export_then_import_round_trip(tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "catalogue.xlsx"
    export_catalogue(catalogue, path)
    workbook = openpyxl.load_workbook(path, read_only=True)
    assert workbook.sheetnames == ["Программы", "События", "Центры", "Профессии"]
    workbook.close()
    programmes = read_programmes(path, catalogue)
    events = read_events(path, catalogue)
    assert programmes.problems == []
    assert events.problems == []
    assert sorted(programmes.records, key=lambda p: p.id) == sorted(
        catalogue.programmes.values(), key=lambda p: p.id
    )
    assert sorted(events.records, key=lambda e: e.id) == sorted(
        catalogue.events.values(), key=lambda e: e.id
    )
    for event in events.records:
        original = catalogue.events[event.id]
        assert event.starts_at.utcoffset() == original.starts_at.utcoffset()


def test_export_keeps_text_that_looks_like_a_formula(tmp_path: Path, catalogue: Catalogue) -> None:
    programme = catalogue.programmes["prg-copp-tomsk-svarka"].model_copy(
        update={"schedule": "=по договорённости"}
    )
    changed = Catalogue.build(
        [programme, *catalogue.centres.values(), *catalogue.professions.values()],
        onet=catalogue.onet,
    )
    export_catalogue(changed, tmp_path / "x.xlsx")
    result = read_programmes(tmp_path / "x.xlsx")
    assert result.problems == []
    assert result.records[0].schedule == "=по договорённости"


def test_shipped_templates_import_cleanly(tmp_path: Path) -> None:
    names = sorted(p.name for p in write_templates(tmp_path))
    assert names == sorted(
        [
            "events_template.csv",
            "events_template.xlsx",
            "programmes_template.csv",
            "programmes_template.xlsx",
        ]
    )
    for folder in (tmp_path, TEMPLATES_DIR):
        for suffix in ("xlsx", "csv"):
            programmes = read_programmes(folder / f"programmes_template.{suffix}")
            events = read_events(folder / f"events_template.{suffix}")
            assert programmes.problems == [] and len(programmes.records) == 1
            assert events.problems == [] and len(events.records) == 1


def _big_rows(count: int) -> list[list[Any]]:
    rows = table({})
    template = rows[1]
    id_index = HEADERS.index("ID")
    for number in range(1, count):
        row = list(template)
        row[id_index] = f"prg-copp-tomsk-bulk-{number}"
        rows.append(row)
    return rows


def test_ten_thousand_rows_xlsx(tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "big.xlsx"
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Программы")
    for row in _big_rows(10_000):
        sheet.append([WriteOnlyCell(sheet, value=v) for v in row])
    workbook.save(path)
    started = time.perf_counter()
    result = read_programmes(path, catalogue)
    elapsed = time.perf_counter() - started
    assert result.problems == []
    assert len(result.records) == 10_000
    assert elapsed < 30  # a few seconds in practice; generous for slow CI machines


def test_ten_thousand_rows_csv_with_one_bad_row(tmp_path: Path) -> None:
    rows = _big_rows(10_000)
    rows[7_000][HEADERS.index("Часы")] = "сорок"
    result = read_programmes(write_csv(tmp_path / "big.csv", rows))
    problem = only_error(result.problems)
    assert (problem.row, problem.column) == (7_001, "G")
    assert len(result.records) == 9_999
