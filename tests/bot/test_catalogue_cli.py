"""`careerbot catalogue`: idempotent load, all-or-nothing import with a precise report."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from bot.__main__ import main  # noqa: F401 - registers the subcommands on `cli`
from bot.cli.catalogue import catalogue_group
from bot.storage.db import create_engine, create_session_factory
from bot.storage.models import CatalogueRecord
from knowledge import TEMPLATES_DIR


def _invoke(database_url: str, *args: str) -> tuple[int, str]:
    runner = CliRunner()
    result = runner.invoke(catalogue_group, list(args), env={"DATABASE_URL": database_url})
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
