"""`careerbot demo-data`: a marked demo database that every /stats chart can be drawn from."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from click.testing import CliRunner
from sqlalchemy import func, select

from bot.cli.demo import demo_data_command
from bot.i18n import translator
from bot.services.analytics.figures import Period
from bot.services.analytics.service import AnalyticsService
from bot.storage.db import create_engine, create_session_factory
from bot.storage.demo import DEMO_FIRST_ID, DEMO_SOURCE
from bot.storage.models import Broadcast, User
from bot.storage.repositories import SqlUnitOfWork
from bot.ui.charts import render_charts
from knowledge import Catalogue, load_catalogue


def _invoke(url: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(demo_data_command, list(args), env={"DATABASE_URL": url})
    return result.exit_code, result.output


async def _check(url: str) -> tuple[int, int, list[str], list[str]]:
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            people = await session.scalar(
                select(func.count())
                .select_from(User)
                .where(User.source == DEMO_SOURCE, User.telegram_id >= DEMO_FIRST_ID)
            )
            everyone = await session.scalar(select(func.count()).select_from(User))
            texts = list(await session.scalars(select(Broadcast.text)))

            async def catalogue() -> Catalogue:
                return load_catalogue()

            service = AnalyticsService(SqlUnitOfWork(session), catalogue)
            report = await service.report(Period.ALL, None)
            charts = [c.name for c in render_charts(report, translator("ru"))]
            funnel = [count.value for _, count in report.funnel]
            assert funnel == sorted(funnel, reverse=True), funnel
            return int(people or 0), int(everyone or 0), texts, charts
    finally:
        await engine.dispose()


async def _add_real_person(url: str) -> None:
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            now = datetime.now(UTC)
            session.add(User(telegram_id=111, created_at=now, last_seen_at=now))
            await session.commit()
    finally:
        await engine.dispose()


def test_demo_data_is_marked_and_draws_every_chart(database_url: str) -> None:
    code, output = _invoke(database_url, "--people", "800", "--days", "90")
    assert code == 0, output
    assert "800 people over 90 days" in output and "demo-data" in output

    people, everyone, texts, charts = asyncio.run(_check(database_url))
    assert people == everyone == 800
    assert texts and all(text.startswith("[ДЕМО]") for text in texts)
    assert charts == [
        "new-users.png",
        "funnel.png",
        "interests.png",
        "suggested.png",
        "liked.png",
        "centres.png",
        "subscriptions.png",
        "broadcasts.png",
    ]
    # Never twice, and never beside real people.
    code, output = _invoke(database_url, "--people", "10")
    assert code != 0 and "already holds 800 demo people" in output


def test_demo_data_refuses_a_database_with_real_people(database_url: str) -> None:
    asyncio.run(_add_real_person(database_url))
    code, output = _invoke(database_url, "--people", "10")
    assert code != 0 and "holds 1 real people" in output
