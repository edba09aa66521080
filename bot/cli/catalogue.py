"""`careerbot catalogue …`: load the shipped files, import staff spreadsheets, export, stats."""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

import click
from pydantic import BaseModel

from bot.cli.main import apply_migrations, fail, settings_or_exit
from bot.composition import catalogue_admin
from bot.config import Settings
from bot.services.catalogue_admin import (
    CatalogueAdmin,
    CatalogueDefect,
    CatalogueRejectedError,
    SyncReport,
)
from bot.storage.db import create_engine, create_session_factory
from knowledge import (
    DATA_DIR,
    Catalogue,
    ImportKind,
    ImportLimits,
    ImportResult,
    catalogue_stats,
    check_data,
    export_catalogue,
    load_catalogue,
    read_import_file,
)

_KIND_NAMES = {
    "industries": "отрасль",
    "groups": "группа профессий",
    "regions": "регион",
    "professions": "профессия или специальность",
    "competencies": "компетенция",
    "centres": "центр",
    "programmes": "программа",
    "events": "событие",
    "faq": "вопрос из справки",
    "search documents": "поисковый документ",
}
_IMPORT_KINDS: dict[str, ImportKind] = {
    "auto": "auto",
    "programmes": "programmes",
    "events": "events",
}


async def _with_admin(settings: Settings, action: Any) -> Any:
    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as session:
            return await action(catalogue_admin(session))
    finally:
        await engine.dispose()


async def _current_or_shipped(admin: CatalogueAdmin) -> Catalogue:
    if await admin.is_empty():
        await admin.load_shipped(load_catalogue())
    return await admin.current()


def _defect_text(defect: CatalogueDefect) -> str:
    names = ", ".join(_KIND_NAMES.get(kind, kind) for kind in defect.kinds)
    if defect.detail and defect.id:
        return f"запись «{defect.id}» ({names}) в базе не проходит проверку: {defect.detail}."
    if defect.detail:
        return f"по каталогу нельзя построить поиск: {defect.detail}."
    if not defect.id.strip():
        return f"у записи ({names}) пустой ID."
    return f"ID «{defect.id}» оказался бы у нескольких записей ({names}): у каждой записи свой ID."


def _refuse(source: object, rejected: CatalogueRejectedError, what: str) -> NoReturn:
    for defect in rejected.defects:
        click.echo(f"{source}: {_defect_text(defect)}", err=True)
    fail(
        f"{source}: ошибок {len(rejected.defects)}. Ничего не {what}, база не изменилась.",
        code=1,
    )


def import_limits(settings: Settings) -> ImportLimits:
    return ImportLimits(**settings.catalogue_import.model_dump())


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
    try:
        report: SyncReport = asyncio.run(
            _with_admin(settings, lambda admin: admin.load_shipped(catalogue))
        )
    except CatalogueRejectedError as rejected:
        _refuse(data_dir, rejected, "загружено")
    click.echo(f"Каталог загружен: записей {report.total}, новых или изменённых {report.changed}.")


@catalogue_group.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--kind",
    type=click.Choice(list(_IMPORT_KINDS)),
    default="auto",
    show_default=True,
    help="What the file holds; auto reads the sheet names («Программы», «События»).",
)
def import_command(file: Path, kind: str) -> None:
    """Import programmes or events from .xlsx or .csv: all rows or nothing.

    Limits on the file come from the CATALOGUE_IMPORT__* settings."""
    if not file.exists():
        fail(f"Файл не найден: {file}", code=1)
    settings = settings_or_exit()
    apply_migrations(settings)
    limits = import_limits(settings)

    async def run(
        admin: CatalogueAdmin,
    ) -> tuple[ImportResult[BaseModel], SyncReport | CatalogueRejectedError | None]:
        catalogue = await _current_or_shipped(admin)
        result = await asyncio.to_thread(
            read_import_file,
            file,
            catalogue,
            kind=_IMPORT_KINDS[kind],
            default_timezone=settings.default_timezone,
            limits=limits,
        )
        if not result.ok or not result.records:
            return result, None
        try:
            return result, await admin.import_records(result.records)
        except CatalogueRejectedError as rejected:
            return result, rejected

    result, outcome = asyncio.run(_with_admin(settings, run))
    for line in result.report():
        click.echo(line, err=True)
    if isinstance(outcome, CatalogueRejectedError):
        _refuse(file, outcome, "импортировано")
    if outcome is None:
        if result.ok:
            fail(f"{file}: нет строк для импорта, ничего не изменено.", code=1)
        fail(
            f"{file}: ошибок {result.error_count}. Ничего не импортировано, база не изменилась.",
            code=1,
        )
    report = outcome
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
