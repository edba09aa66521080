"""`careerbot stats`: the figures of /stats as tables, the workbook, the charts."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook
from sqlalchemy import select

from bot.cli.stats import stats_command
from bot.storage.db import create_engine, create_session_factory
from bot.storage.models import ExportLog
from tests.bot.test_analytics import seed


async def _seed(url: str) -> None:
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            await seed(session)
    finally:
        await engine.dispose()


async def _log(url: str) -> list[tuple[int | None, str, str, str, bool]]:
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            rows = await session.scalars(select(ExportLog))
            return [(r.staff_id, r.via, r.what, r.period, r.personal) for r in rows]
    finally:
        await engine.dispose()


def _invoke(url: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(stats_command, list(args), env={"DATABASE_URL": url})
    return result.exit_code, result.output


def test_stats_prints_tables_and_writes_the_workbook_and_charts(
    database_url: str, tmp_path: Path
) -> None:
    asyncio.run(_seed(database_url))
    workbook = tmp_path / "stats.xlsx"

    code, output = _invoke(
        database_url, "--period", "all", "--xlsx", str(workbook), "--charts", str(tmp_path / "c")
    )

    assert code == 0, output
    assert "Статистика бота: всё время, все регионы" in output
    lines = output.splitlines()
    assert any(line.split() == ["Нажали", "/start", "11"] for line in lines)
    assert any(line.split()[:2] == ["Сварщик", "5"] for line in lines)  # votes: 5 / 1
    assert "ЦОПП Томской области" in output
    book = load_workbook(io.BytesIO(workbook.read_bytes()))
    assert book.sheetnames == [
        "Сводка",
        "Воронка по неделям",
        "Записи по центрам",
        "Подписки",
        "Рассылки",
    ]
    assert asyncio.run(_log(database_url)) == [(None, "cli", "figures", "all", False)]
    charts = sorted(p.name for p in (tmp_path / "c").iterdir())
    assert "funnel.png" in charts and "centres.png" in charts


def test_a_region_hides_small_groups_and_personal_needs_a_file(
    database_url: str, tmp_path: Path
) -> None:
    asyncio.run(_seed(database_url))
    code, output = _invoke(database_url, "--period", "all", "--region", "RU-PER")
    assert code == 0, output
    assert "Пермский край" in output
    assert any(line.split() == ["Нажали", "/start", "<5"] for line in output.splitlines())

    code, output = _invoke(database_url, "--personal")
    assert code != 0 and "--personal needs --xlsx" in output

    workbook = tmp_path / "p.xlsx"
    code, output = _invoke(database_url, "--period", "all", "--xlsx", str(workbook), "--personal")
    assert code == 0, output
    book = load_workbook(io.BytesIO(workbook.read_bytes()))
    bookings = book["Записи (ПДн)"]
    assert bookings.freeze_panes == "A2"
    assert bookings.max_row == 1 + 10  # every booking but the hold
