"""`careerbot stats`: the figures of /stats as tables, for methodologists who never open
Telegram; `--xlsx FILE` writes the same workbook as the bot (logged as a CLI export) and
`--charts DIR` the same PNG charts."""

from __future__ import annotations

import asyncio
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bot.cli.main import apply_migrations, settings_or_exit
from bot.config import Settings
from bot.i18n import translator
from bot.services.analytics.figures import Period, Report
from bot.storage.db import create_engine, create_session_factory
from knowledge import Catalogue, load_catalogue

# bot.composition and the views of bot.ui bring in aiogram, seconds of imports that every
# `careerbot` command would pay (the commands are registered at start): the command
# imports them when it runs.
if TYPE_CHECKING:
    from bot.ui.stats import Table


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(ch) else 1 for ch in text)


def format_table(table: Table) -> str:
    columns = list(zip(table.headers, *table.rows, strict=False)) if table.rows else []
    widths = [max(_width(cell) for cell in column) for column in columns]

    def line(cells: tuple[str, ...]) -> str:
        parts = []
        for number, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            pad = " " * (width - _width(cell))
            parts.append(cell + pad if number == 0 else pad + cell)
        return "  ".join(parts).rstrip()

    out = [table.title]
    if not table.rows:
        return "\n".join([*out, "  —"])
    out.append("  " + line(table.headers))
    out.append("  " + "  ".join("-" * w for w in widths))
    out += ["  " + line(row) for row in table.rows]
    return "\n".join(out)


async def _run(
    settings: Settings, period: Period, region: str | None, xlsx: bool, personal: bool
) -> tuple[Report, bytes | None]:
    """The report, and the workbook when asked for (its export logged)."""
    from bot.composition import catalogue_admin, cli_analytics
    from bot.ui.exports import build_workbook

    t = translator("ru")
    workbook = None
    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as session:
            admin = catalogue_admin(session)
            shipped = await admin.is_empty()
            current = load_catalogue() if shipped else await admin.current()

            async def catalogue() -> Catalogue:
                return current

            analytics = cli_analytics(session, catalogue)
            if not xlsx:
                return await analytics.report(period, region), None
            data = await analytics.export(
                period, region, personal=personal, staff_id=None, via="cli"
            )
            workbook = await asyncio.to_thread(build_workbook, data, t)
            return data.report, workbook
    finally:
        await engine.dispose()


@click.command("stats")
@click.option(
    "--period",
    type=click.Choice([p.value for p in Period]),
    default=Period.MONTH.value,
    show_default=True,
    help="Days back (7, 30) or all time.",
)
@click.option(
    "--region", default=None, help="One region's figures, e.g. RU-TOM (small groups hidden)."
)
@click.option(
    "--xlsx",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the workbook (the same as the bot's; the export is logged).",
)
@click.option(
    "--personal",
    is_flag=True,
    help="With --xlsx: add the lists of bookings and subscribers (personal data: phones, ids).",
)
@click.option(
    "--charts",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also write the PNG charts of /stats into this folder.",
)
def stats_command(
    period: str, region: str | None, xlsx: Path | None, personal: bool, charts: Path | None
) -> None:
    """The figures of /stats as tables (in Russian)."""
    from bot.ui.charts import render_charts
    from bot.ui.stats import period_label, scope_label, tables

    if personal and xlsx is None:
        raise click.UsageError("--personal needs --xlsx FILE")
    settings = settings_or_exit()
    apply_migrations(settings)
    chosen = Period(period)
    report, workbook = asyncio.run(_run(settings, chosen, region, xlsx is not None, personal))
    t = translator("ru")
    if xlsx is not None and workbook is not None:
        xlsx.parent.mkdir(parents=True, exist_ok=True)
        xlsx.write_bytes(workbook)
    if charts is not None:
        charts.mkdir(parents=True, exist_ok=True)
        for chart in render_charts(report, t):
            (charts / chart.name).write_bytes(chart.png)
    click.echo(
        t("stats-title", period=period_label(t, report.period), scope=scope_label(t, report))
    )
    for table in tables(report, t):
        click.echo("")
        click.echo(format_table(table))
    click.echo("")
    click.echo(t("stats-hidden-note"))
    if xlsx is not None:
        click.echo(f"\nWorkbook written: {xlsx}")
    if charts is not None:
        click.echo(f"Charts written to {charts}/")
