"""`careerbot catalogue …`: load the shipped files, import staff spreadsheets, export, stats."""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import click
from pydantic import BaseModel

from bot.cli.main import apply_migrations, fail, settings_or_exit
from bot.config import Settings
from bot.services.catalogue_admin import CatalogueAdmin, SyncReport
from bot.storage.db import create_engine, create_session_factory
from bot.storage.repositories import SqlUnitOfWork
from knowledge import (
    DATA_DIR,
    Catalogue,
    SheetProblem,
    catalogue_stats,
    check_data,
    export_catalogue,
    load_catalogue,
    read_events,
    read_programmes,
)

PROGRAMMES_SHEET = "Программы"
EVENTS_SHEET = "События"


async def _with_admin(settings: Settings, action: Any) -> Any:
    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as session:
            return await action(CatalogueAdmin(SqlUnitOfWork(session)))
    finally:
        await engine.dispose()


async def _current_or_shipped(admin: CatalogueAdmin) -> Catalogue:
    if await admin.is_empty():
        await admin.load_shipped(load_catalogue())
    return await admin.current()


def _print_problems(problems: list[SheetProblem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


def _sheets(path: Path) -> list[str]:
    if path.suffix.lower() != ".xlsx":
        return []
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file is reported by the reader below
        return []
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def _kinds(path: Path, kind: str) -> list[str]:
    if kind != "auto":
        return [kind]
    sheets = _sheets(path)
    found = [
        k
        for k, sheet in (("programmes", PROGRAMMES_SHEET), ("events", EVENTS_SHEET))
        if sheet in sheets
    ]
    if found:
        return found
    name = path.name.lower()
    return ["events"] if "event" in name or "событ" in name else ["programmes"]


@click.group()
def catalogue_group() -> None:
    """The catalogue of professions, programmes, centres, events and answers."""


@catalogue_group.command("load")
@click.option("--data-dir", type=click.Path(path_type=Path, file_okay=False), default=DATA_DIR)
def load_command(data_dir: Path) -> None:
    """Validate the shipped data files and upsert them into the database (idempotent)."""
    problems = check_data(data_dir)
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        fail(f"В каталоге ошибок: {len(problems)}. Ничего не загружено.", code=1)
    settings = settings_or_exit()
    apply_migrations(settings)
    catalogue = load_catalogue(data_dir)
    report: SyncReport = asyncio.run(
        _with_admin(settings, lambda admin: admin.load_shipped(catalogue))
    )
    click.echo(f"Каталог загружен: записей {report.total}, новых или изменённых {report.changed}.")


@catalogue_group.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--kind",
    type=click.Choice(["auto", "programmes", "events"]),
    default="auto",
    show_default=True,
    help="What the file holds; auto reads the sheet names («Программы», «События»).",
)
def import_command(file: Path, kind: str) -> None:
    """Import programmes or events from .xlsx or .csv: all rows or nothing."""
    if not file.exists():
        fail(f"Файл не найден: {file}", code=1)
    settings = settings_or_exit()
    apply_migrations(settings)

    async def run(admin: CatalogueAdmin) -> tuple[list[SheetProblem], SyncReport | None]:
        catalogue = await _current_or_shipped(admin)
        records: list[BaseModel] = []
        problems: list[SheetProblem] = []
        for what in _kinds(file, kind):
            result = (
                read_events(file, catalogue, default_timezone=settings.default_timezone)
                if what == "events"
                else read_programmes(file, catalogue)
            )
            records.extend(result.records)
            problems.extend(result.problems)
        errors = [problem for problem in problems if problem.level == "error"]
        if errors or not records:
            return problems, None
        return problems, await admin.import_records(records)

    problems, report = asyncio.run(_with_admin(settings, run))
    _print_problems(problems)
    if report is None:
        errors = sum(1 for problem in problems if problem.level == "error")
        if errors == 0:
            fail(f"{file}: нет строк для импорта, ничего не изменено.", code=1)
        fail(f"{file}: ошибок {errors}. Ничего не импортировано, база не изменилась.", code=1)
    click.echo(
        f"Импортировано записей: {report.total} из {file} (новых или изменённых {report.changed})."
    )


@catalogue_group.command("export")
@click.option(
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Default: catalogue-<date>.xlsx in the current folder.",
)
def export_command(output: Path | None) -> None:
    """Export the catalogue in the database to an .xlsx workbook."""
    settings = settings_or_exit()
    apply_migrations(settings)
    catalogue: Catalogue = asyncio.run(_with_admin(settings, _current_or_shipped))
    target = output or Path(f"catalogue-{datetime.now().astimezone():%Y-%m-%d}.xlsx")
    export_catalogue(catalogue, target)
    click.echo(f"Каталог выгружен в {target}.")


@catalogue_group.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--shipped", is_flag=True, help="Count the shipped files, not the database.")
def stats_command(as_json: bool, shipped: bool) -> None:
    """Counts per entity, region and group, and how many records are illustrative."""
    if shipped:
        catalogue = load_catalogue()
    else:
        settings = settings_or_exit()
        apply_migrations(settings)
        catalogue = asyncio.run(_with_admin(settings, _current_or_shipped))
    stats = catalogue_stats(catalogue)
    if as_json:
        json.dump(stats, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
        return
    for key, value in stats["counts"].items():
        click.echo(f"{key:14} {value}")
    click.echo("illustrative   " + json.dumps(stats["illustrative"], ensure_ascii=False))
