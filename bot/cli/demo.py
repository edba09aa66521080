"""`careerbot demo-data`: a realistic demo database to try /stats, its charts and exports."""

from __future__ import annotations

import asyncio

import click

from bot.cli.main import apply_migrations, fail, safe_url, settings_or_exit
from bot.config import Settings
from bot.services.clock import utc_now
from bot.storage.db import create_engine, create_session_factory
from bot.storage.demo import (
    DEMO_FIRST_ID,
    DEMO_MARK,
    DEMO_SOURCE,
    DemoRefusedError,
    DemoSummary,
    fill_demo,
)
from knowledge import load_catalogue


async def _fill(settings: Settings, people: int, days: int, seed: int) -> DemoSummary:
    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as session:
            return await fill_demo(session, load_catalogue(), utc_now(), people, days, seed)
    finally:
        await engine.dispose()


@click.command("demo-data")
@click.option("--people", default=2000, show_default=True, help="How many demo people.")
@click.option("--days", default=90, show_default=True, help="Over how many days back.")
@click.option("--seed", default=7, show_default=True, help="The same seed gives the same data.")
def demo_data_command(people: int, days: int, seed: int) -> None:
    """Fill an empty database with demo people, marked as such, for trying /stats."""
    settings = settings_or_exit()
    apply_migrations(settings)
    try:
        summary = asyncio.run(_fill(settings, people, days, seed))
    except DemoRefusedError as error:
        fail(
            f"Not filling {safe_url(settings.database_url)}: {error}. Demo data goes into an "
            "empty database only, e.g. DATABASE_URL=sqlite+aiosqlite:///./data/demo.sqlite3."
        )
    click.echo(
        f"Demo data in {safe_url(settings.database_url)}: {summary.people} people over "
        f"{days} days, {summary.bookings} bookings, {summary.broadcasts} broadcasts, "
        f"{summary.questions} questions for /gaps.\n"
        f"Marked as demo: Telegram ids from {DEMO_FIRST_ID}, the source tag «{DEMO_SOURCE}» "
        f"(in /stats), broadcast texts and booking topics starting with «{DEMO_MARK}»."
    )
