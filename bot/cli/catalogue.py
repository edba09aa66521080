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
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.main import apply_migrations, fail, settings_or_exit
from bot.config import Settings
from bot.services.catalogue_admin import (
    KIND_NAMES,
    CatalogueAdmin,
    CatalogueRejectedError,
    SyncReport,
    defect_text,
)
from bot.services.catalogue_imports import Applied, CatalogueImports, RollbackPlan
from bot.services.errors import DomainError
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

# bot.composition wires every use case, the Telegram views included, so it brings in
# aiogram: seconds of imports that every `careerbot` command would pay (the commands are
# registered at start). These three import it when a command runs.


def catalogue_admin(session: AsyncSession) -> CatalogueAdmin:
    from bot.composition import catalogue_admin as make

    return make(session)


def cli_catalogue_imports(session: AsyncSession, settings: Settings) -> CatalogueImports:
    from bot.composition import cli_catalogue_imports as make

    return make(session, settings)


def import_limits(settings: Settings) -> ImportLimits:
    from bot.composition import import_limits as make

    return make(settings)


_IMPORT_KINDS: dict[str, ImportKind] = {
    "auto": "auto",
    "programmes": "programmes",
    "events": "events",
}


async def _with_session(settings: Settings, action: Any) -> Any:
    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as session:
            return await action(session)
    finally:
        await engine.dispose()


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


def _refuse(source: object, rejected: CatalogueRejectedError, what: str) -> NoReturn:
    for defect in rejected.defects:
        click.echo(f"{source}: {defect_text(defect)}", err=True)
    fail(
        f"{source}: ошибок {len(rejected.defects)}. Ничего не {what}, база не изменилась.",
        code=1,
    )


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
        session: AsyncSession,
    ) -> tuple[ImportResult[BaseModel], Applied | CatalogueRejectedError | None, bool]:
        catalogue = await _current_or_shipped(catalogue_admin(session))
        result = await asyncio.to_thread(
            read_import_file,
            file,
            catalogue,
            kind=_IMPORT_KINDS[kind],
            default_timezone=settings.default_timezone,
            limits=limits,
        )
        if not result.ok or not result.records:
            return result, None, False
        imports = cli_catalogue_imports(session, settings)
        try:
            return result, await imports.import_now(file.name, result.records), True
        except CatalogueRejectedError as rejected:
            return result, rejected, True

    result, outcome, attempted = asyncio.run(_with_session(settings, run))
    for line in result.report():
        click.echo(line, err=True)
    if isinstance(outcome, CatalogueRejectedError):
        _refuse(file, outcome, "импортировано")
    if not attempted:
        if result.ok:
            fail(f"{file}: нет строк для импорта, ничего не изменено.", code=1)
        fail(
            f"{file}: ошибок {result.error_count}. Ничего не импортировано, база не изменилась.",
            code=1,
        )
    changed = len(outcome.entry.changes) if outcome is not None else 0
    click.echo(
        f"Импортировано записей: {len(result.records)} из {file} (новых или изменённых {changed})."
    )
    if outcome is not None:
        click.echo(
            f"В журнале это импорт №{outcome.entry.id}; откатить: "
            f"careerbot catalogue rollback {outcome.entry.id}"
        )


@catalogue_group.command("rollback")
@click.argument("import_id", type=int, required=False)
@click.option("--yes", is_flag=True, help="Roll back without asking.")
def rollback_command(import_id: int | None, yes: bool) -> None:
    """Put back what one import changed (the latest not rolled back yet, by default).

    Refused when a later import or edit changed the same records: roll that back first.
    Logged as an import of its own; running bots notice within CATALOGUE_REFRESH_SECONDS."""
    settings = settings_or_exit()
    apply_migrations(settings)

    async def plan(session: AsyncSession) -> RollbackPlan:
        return await cli_catalogue_imports(session, settings).plan_rollback(None, import_id)

    try:
        chosen: RollbackPlan = asyncio.run(_with_session(settings, plan))
    except DomainError as error:
        fail(_domain_text(error), code=1)
    entry = chosen.entry
    if chosen.clashes:
        for clash in chosen.clashes:
            later = f"импортом №{clash.later_import}" if clash.later_import else "позже"
            click.echo(f"{clash.entity} «{clash.id}» изменено {later}.", err=True)
        fail(f"Импорт №{entry.id} нельзя откатить: его записи менялись после него.", code=1)
    what = ", ".join(
        f"{KIND_NAMES.get(kind, kind)}: "
        + ", ".join(f"{_HOW[how]} {n}" for how, n in counts.items() if n)
        for kind, counts in chosen.counts.items()
    )
    click.echo(f"Импорт №{entry.id} («{entry.file_name}»): откат вернёт {what}.")
    if not yes:
        click.confirm("Откатить?", abort=True)

    async def run(session: AsyncSession) -> Applied:
        return await cli_catalogue_imports(session, settings).rollback(None, entry.id)

    try:
        applied: Applied = asyncio.run(_with_session(settings, run))
    except DomainError as error:
        fail(_domain_text(error), code=1)
    if applied.already:
        click.echo(f"Импорт №{entry.id} уже откачен (№{applied.entry.id}).")
        return
    click.echo(f"Импорт №{entry.id} откачен; в журнале это №{applied.entry.id}.")


_HOW = {"added": "добавит", "changed": "изменит", "removed": "удалит"}


def _domain_text(error: DomainError) -> str:
    from bot.i18n import translator

    return translator("ru")(error.key, **error.args_for_text)


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
