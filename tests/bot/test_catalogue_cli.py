"""`careerbot catalogue`: idempotent load, all-or-nothing import with a precise report."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from bot.__main__ import main  # noqa: F401 - registers the subcommands on `cli`
from bot.cli.catalogue import catalogue_group, import_limits
from bot.config import Settings
from bot.services.catalogue_admin import (
    CatalogueAdmin,
    CatalogueRejectedError,
    defect_text,
    searchable_catalogue,
)
from bot.services.knowledge_base import rows_from_catalogue
from bot.services.ports import CatalogueRow
from bot.storage.db import create_engine, create_session_factory
from bot.storage.models import CatalogueRecord
from bot.storage.repositories import SqlUnitOfWork
from knowledge import TEMPLATES_DIR, ImportLimits, load_catalogue


def _invoke(database_url: str, *args: str, **env: str) -> tuple[int, str]:
    runner = CliRunner()
    result = runner.invoke(catalogue_group, list(args), env={"DATABASE_URL": database_url, **env})
    return result.exit_code, result.output


async def _snapshot(database_url: str) -> dict[tuple[str, str], str]:
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            rows = await session.execute(
                select(CatalogueRecord.entity, CatalogueRecord.id, CatalogueRecord.content_hash)
            )
            return {(entity, key): digest for entity, key, digest in rows}
    finally:
        await engine.dispose()


def test_load_is_idempotent_and_meets_the_catalogue_size(database_url: str) -> None:
    code, output = _invoke(database_url, "load")
    assert code == 0, output
    first = asyncio.run(_snapshot(database_url))
    code, output = _invoke(database_url, "load")
    assert code == 0
    assert "новых или изменённых 0" in output
    assert asyncio.run(_snapshot(database_url)) == first

    code, output = _invoke(database_url, "stats", "--json")
    counts = json.loads(output)["counts"]
    assert counts["professions"] >= 300
    assert counts["programmes"] >= 150
    assert counts["centres"] >= 8
    assert counts["competencies"] >= 100
    assert counts["events"] >= 25
    assert counts["faq"] >= 40


def test_broken_import_changes_nothing_and_names_every_problem(
    database_url: str, tmp_path: Path
) -> None:
    assert _invoke(database_url, "load")[0] == 0
    before = asyncio.run(_snapshot(database_url))
    template = (TEMPLATES_DIR / "programmes_template.csv").read_text(encoding="utf-8-sig")
    header, example = template.splitlines()[:2]
    good = example.split(";")
    good[0] = "prg-copp-tomsk-new-course"
    bad = example.split(";")
    bad[0], bad[4], bad[6] = "prg-bad", "copp-atlantis", "8"
    broken = tmp_path / "programmes.csv"
    broken.write_text("\n".join([header, ";".join(good), ";".join(bad)]) + "\n", encoding="utf-8")

    code, output = _invoke(database_url, "import", str(broken))

    assert code == 1
    assert "строка 3, столбец E («Центр»)" in output
    assert "строка 3, столбец G («Часы»)" in output
    assert "база не изменилась" in output
    assert asyncio.run(_snapshot(database_url)) == before  # the good row did not land either


def test_good_import_lands_whole(database_url: str, tmp_path: Path) -> None:
    assert _invoke(database_url, "load")[0] == 0
    template = (TEMPLATES_DIR / "programmes_template.csv").read_text(encoding="utf-8-sig")
    header, example = template.splitlines()[:2]
    rows = []
    for number in range(3):
        row = example.split(";")
        row[0] = f"prg-copp-tomsk-imported-{number}"
        rows.append(";".join(row))
    good = tmp_path / "programmes.csv"
    good.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")

    code, output = _invoke(database_url, "import", str(good))

    assert code == 0, output
    snapshot = asyncio.run(_snapshot(database_url))
    assert {("programmes", f"prg-copp-tomsk-imported-{n}") for n in range(3)} <= snapshot.keys()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "Файл пустой"),
        ("fake.xlsx", "просто текст".encode(), "не таблица Excel"),
        ("latin1.csv", b"ID;\xff\xfe\n", "не в кодировке UTF-8"),
    ],
)
def test_unreadable_files_get_a_clear_message(
    database_url: str, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, output = _invoke(database_url, "import", str(path))
    assert code == 1
    assert message in output


def test_export_round_trips(database_url: str, tmp_path: Path) -> None:
    assert _invoke(database_url, "load")[0] == 0
    before = asyncio.run(_snapshot(database_url))
    target = tmp_path / "catalogue.xlsx"
    assert _invoke(database_url, "export", "--output", str(target))[0] == 0
    code, output = _invoke(database_url, "import", str(target))
    assert code == 0, output
    assert "новых или изменённых 0" in output
    assert asyncio.run(_snapshot(database_url)) == before


def test_count_helper_sanity(database_url: str) -> None:
    async def count() -> int:
        engine = create_engine(database_url)
        try:
            async with create_session_factory(engine)() as session:
                return int(
                    await session.scalar(select(func.count()).select_from(CatalogueRecord)) or 0
                )
        finally:
            await engine.dispose()

    assert asyncio.run(count()) == 0  # every test starts from an empty catalogue table


def _template_rows(*ids: str, hours: str | None = None) -> str:
    template = (TEMPLATES_DIR / "programmes_template.csv").read_text(encoding="utf-8-sig")
    header, example = template.splitlines()[:2]
    rows = []
    for key in ids:
        row = example.split(";")
        row[0] = key
        if hours is not None:
            row[6] = hours
        rows.append(";".join(row))
    return "\n".join([header, *rows]) + "\n"


def test_a_programme_cannot_take_a_professions_id(database_url: str, tmp_path: Path) -> None:
    # It used to import, and then `careerbot run` died on duplicate search document ids.
    assert _invoke(database_url, "load")[0] == 0
    before = asyncio.run(_snapshot(database_url))
    path = tmp_path / "programmes.csv"
    path.write_text(_template_rows("prg-copp-tomsk-fine", "15.01.05"), encoding="utf-8")

    code, output = _invoke(database_url, "import", str(path))

    assert code == 1
    assert "programmes.csv, строка 3, столбец A («ID»): ID «15.01.05» занят" in output
    assert "база не изменилась" in output
    assert asyncio.run(_snapshot(database_url)) == before


async def test_the_service_checks_the_merged_catalogue_before_writing(database_url: str) -> None:
    # The last guard, for any caller that skips the spreadsheet checks.
    catalogue = load_catalogue()
    programme = next(iter(catalogue.programmes.values()))
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            admin = CatalogueAdmin(SqlUnitOfWork(session))
            await admin.load_shipped(catalogue)
            before = await admin.fingerprint()
            with pytest.raises(CatalogueRejectedError) as caught:
                await admin.import_records([programme.model_copy(update={"id": "15.01.05"})])
            [defect] = caught.value.defects
            assert (defect.id, defect.kinds) == ("15.01.05", ("professions", "programmes"))
            assert await admin.fingerprint() == before
    finally:
        await engine.dispose()


def test_import_limits_come_from_the_settings(database_url: str, tmp_path: Path) -> None:
    assert _invoke(database_url, "load")[0] == 0
    path = tmp_path / "programmes.csv"
    path.write_text(_template_rows("prg-a", "prg-b", "prg-c"), encoding="utf-8")

    code, output = _invoke(database_url, "import", str(path), CATALOGUE_IMPORT__MAX_ROWS="2")
    assert code == 1
    assert "programmes.csv, строка 4: Строк с данными больше 2" in output

    path.write_text(_template_rows("prg-a", "prg-b", "prg-c", hours="8"), encoding="utf-8")
    code, output = _invoke(database_url, "import", str(path), CATALOGUE_IMPORT__MAX_PROBLEMS="1")
    assert code == 1
    assert "… и ещё 2 проблемы (показаны первые 1)." in output
    assert "ошибок 3. Ничего не импортировано" in output


def test_limit_defaults_are_the_same_in_knowledge_and_the_settings() -> None:
    assert import_limits(Settings(_env_file=None)) == ImportLimits()  # type: ignore[call-arg]


def test_every_kind_of_defect_is_named() -> None:
    rows = rows_from_catalogue(load_catalogue())
    programme = next(row for row in rows if row.entity == "programmes")
    faq = next(row for row in rows if row.entity == "faq")
    invalid = CatalogueRow("programmes", programme.id, {**programme.payload, "hours": "x"}, "x")
    with pytest.raises(CatalogueRejectedError) as caught:
        searchable_catalogue([invalid if row is programme else row for row in rows])
    [defect] = caught.value.defects
    assert (defect.id, defect.kinds) == (programme.id, ("programmes",))
    assert "hours" in defect.detail and "в базе не проходит проверку" in defect_text(defect)

    empty = CatalogueRow("faq", "", {**faq.payload, "id": " "}, "x")
    with pytest.raises(CatalogueRejectedError) as caught:
        searchable_catalogue([*rows, empty])
    [defect] = caught.value.defects
    assert (defect.id, defect.kinds) == ("", ("faq",))
    assert defect_text(defect) == "у записи (вопрос из справки) пустой ID."
    assert "empty id" in str(caught.value)
