"""The stairway: every revision upgrades, downgrades and upgrades again, on both backends."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect

from bot.storage.db import create_engine
from bot.storage.migrate import downgrade, revisions, upgrade
from bot.storage.models import Base


async def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            names = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
    finally:
        await engine.dispose()
    return names - {"alembic_version"}


@pytest.fixture(params=["sqlite", "postgres"])
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'stairway.sqlite3'}"
        return
    # The run's PostgreSQL database is shared: empty it here and restore the schema after.
    url: str = request.getfixturevalue("postgres_database")
    downgrade(url, "base")
    yield url
    upgrade(url)


def test_stairway(empty_database_url: str) -> None:
    url = empty_database_url
    previous = "base"
    all_revisions = revisions(url)
    assert all_revisions, "no migrations found"
    for revision in all_revisions:
        upgrade(url, revision)
        downgrade(url, previous)
        upgrade(url, revision)
        previous = revision
    assert asyncio.run(_tables(url)) == set(Base.metadata.tables)
    downgrade(url, "base")
    assert asyncio.run(_tables(url)) == set()
