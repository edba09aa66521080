"""Imports cannot break the bot: limits on what a file may hold, and one id per record.

The limits are set small here, so that no test has to write a large file."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from knowledge import Catalogue, ImportLimits, read_events, read_import_file, read_programmes

from .test_spreadsheet_import import event_rows, only_error, table, write_csv, write_xlsx


def _write(path: Path, rows: list[list[Any]]) -> Path:
    return write_xlsx(path, rows) if path.suffix == ".xlsx" else write_csv(path, rows)


def _never_parse(*args: object, **kwargs: object) -> None:
    raise AssertionError("openpyxl must not see a file the limits refuse")


def _unpacked_size(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return sum(member.file_size for member in archive.infolist())


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", table({}, {}))
    result = read_programmes(path, limits=ImportLimits(max_file_bytes=path.stat().st_size - 1))
    assert result.records == []
    [problem] = result.problems
    assert problem.message.startswith("Файл слишком большой")
    assert str(problem).startswith("p.csv: ")


def test_a_workbook_that_unpacks_too_big_is_refused_before_openpyxl_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(tmp_path / "p.xlsx", table({}))
    monkeypatch.setattr(openpyxl, "load_workbook", _never_parse)
    limits = ImportLimits(max_uncompressed_bytes=_unpacked_size(path) - 1)
    result = read_programmes(path, limits=limits)
    [problem] = result.problems
    assert "распакованный, он занимает" in problem.message


def test_a_zip_bomb_part_is_refused_before_openpyxl_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(tmp_path / "p.xlsx", table({}))
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", bytes(2 * 1024 * 1024))  # packs ~1000x
    monkeypatch.setattr(openpyxl, "load_workbook", _never_parse)
    result = read_programmes(path)  # the default limits
    [problem] = result.problems
    assert "«xl/media/padding.bin» сжата в" in problem.message


@pytest.mark.parametrize("name", ["p.csv", "p.xlsx"])
def test_rows_past_the_limit_give_one_problem(tmp_path: Path, name: str) -> None:
    rows = table(*({"Часы": "сорок"} for _ in range(5)))  # every row wrong, too
    result = read_programmes(_write(tmp_path / name, rows), limits=ImportLimits(max_rows=3))
    assert result.records == []
    [problem] = result.problems
    assert "Строк с данными больше 3" in problem.message
    assert problem.row == 5  # the header is row 1; reading stopped at the fourth data row


def test_the_row_limit_lets_a_file_at_the_limit_through(tmp_path: Path) -> None:
    result = read_programmes(
        write_csv(tmp_path / "p.csv", table({}, {}, {})), limits=ImportLimits(max_rows=3)
    )
    assert result.problems == [] and len(result.records) == 3


@pytest.mark.parametrize("name", ["p.csv", "p.xlsx"])
def test_a_cell_past_the_length_limit(tmp_path: Path, name: str) -> None:
    rows = table({}, {"Расписание": "по субботам " * 20})
    result = read_programmes(_write(tmp_path / name, rows), limits=ImportLimits(max_cell_chars=200))
    problem = only_error(result.problems)
    assert (problem.row, problem.column, problem.header) == (3, "I", "Расписание")
    assert problem.message == "В ячейке 240 символов, а можно не больше 200."
    assert len(result.records) == 1


def test_a_csv_field_the_csv_module_itself_refuses(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", table({"Расписание": "x" * 200_000}))
    result = read_programmes(path)
    problem = only_error(result.problems)
    assert problem.row == 2
    assert "а можно не больше 10000" in problem.message


def test_a_long_header_is_not_taken_for_a_column(tmp_path: Path) -> None:
    rows = table({})
    rows[0].append("Заметки " * 30)
    result = read_programmes(
        write_csv(tmp_path / "p.csv", rows), limits=ImportLimits(max_cell_chars=100)
    )
    problem = only_error(result.problems)
    assert (problem.row, problem.column) == (1, "U")
    assert "Это не заголовок столбца" in problem.message


def test_problems_past_the_limit_are_counted_in_one_line(tmp_path: Path) -> None:
    rows = table(*({"Часы": "сорок"} for _ in range(12)))
    result = read_programmes(
        write_csv(tmp_path / "p.csv", rows), limits=ImportLimits(max_problems=5)
    )
    assert len(result.problems) == 5
    assert (result.omitted_errors, result.error_count, result.ok) == (7, 12, False)
    report = result.report()
    assert len(report) == 6
    assert report[-1] == "… и ещё 7 проблем (показаны первые 5)."


def test_the_problem_limit_holds_across_sheets(tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "both.xlsx"
    workbook = openpyxl.Workbook()
    programmes = workbook.active
    assert programmes is not None
    programmes.title = "Программы"
    for row in table(*({"Часы": "сорок"} for _ in range(4))):
        programmes.append(row)
    events = workbook.create_sheet("События")
    for row in event_rows(*({"Начало": "вчера"} for _ in range(4))):
        events.append(row)
    workbook.save(path)
    result = read_import_file(path, catalogue, limits=ImportLimits(max_problems=6))
    assert len(result.problems) == 6 and result.omitted_errors == 2
    assert result.report()[-1] == "… и ещё 2 проблемы (показаны первые 6)."


def test_an_id_another_kind_holds_is_refused(tmp_path: Path, catalogue: Catalogue) -> None:
    rows = table({"ID": "15.01.05"}, {"ID": "prg-copp-tomsk-svarka"})  # a profession; a programme
    result = read_programmes(write_csv(tmp_path / "p.csv", rows), catalogue)
    problem = only_error(result.problems)
    assert (problem.row, problem.column, problem.header) == (2, "A", "ID")
    assert "ID «15.01.05» занят: он принадлежит профессии или специальности" in problem.message
    assert [p.id for p in result.records] == ["prg-copp-tomsk-svarka"]  # updates its own kind


def test_an_event_cannot_take_a_programmes_id(tmp_path: Path, catalogue: Catalogue) -> None:
    path = write_csv(tmp_path / "events.csv", event_rows({"ID": "prg-copp-tomsk-svarka"}))
    problem = only_error(read_events(path, catalogue).problems)
    assert "принадлежит программе в каталоге" in problem.message


def test_the_same_id_on_two_sheets_of_one_file(tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "both.xlsx"
    workbook = openpyxl.Workbook()
    programmes = workbook.active
    assert programmes is not None
    programmes.title = "Программы"
    for row in table({"ID": "shared-id"}):
        programmes.append(row)
    events = workbook.create_sheet("События")
    for row in event_rows({"ID": "shared-id"}):
        events.append(row)
    workbook.save(path)
    result = read_import_file(path, catalogue)
    problem = only_error(result.problems)
    assert (problem.sheet, problem.row, problem.column) == ("События", 2, "A")
    assert "он уже есть в листе «Программы», строка 2" in problem.message
    assert [type(record).__name__ for record in result.records] == ["Programme"]


def test_a_sheet_damaged_inside_gives_a_problem_not_a_traceback(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "p.xlsx", table({}, {}, {}))
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) * 2 // 3]
            target.writestr(member, data)
    result = read_programmes(damaged)
    assert not result.ok
    assert any("Файл повреждён" in problem.message for problem in result.problems)


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_rows"):
        ImportLimits(max_rows=0)
