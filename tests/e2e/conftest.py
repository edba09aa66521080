"""Fixtures of the end-to-end tests over HTTP: the emulator per test, the bot's mode, and the
databases the processes share."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from tests.conftest import REDIS_URL, _truncate_all
from tests.e2e.harness import Emulator, Stack, new_token

MODES = ["polling", "webhook"]


@pytest.fixture(params=MODES)
def mode(request: pytest.FixtureRequest) -> str:
    """Long polling, or a webhook the emulator posts to (with the secret header)."""
    return str(request.param)


@pytest_asyncio.fixture
async def emulator(tmp_path: Path) -> AsyncIterator[Emulator]:
    server = await Emulator.start(tmp_path)
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    path = tmp_path / "bot.sqlite3"
    shutil.copy(sqlite_template, path)
    return f"sqlite+aiosqlite:///{path}"


@pytest.fixture
def pg_url(postgres_database: str) -> Iterator[str]:
    """The run's PostgreSQL database, emptied after the test (processes share it)."""
    yield postgres_database
    asyncio.run(_truncate_all(postgres_database))


@pytest_asyncio.fixture
async def e2e_redis() -> AsyncIterator[str]:
    """A Redis database of the end-to-end tests alone (12; the unit tests empty 15 and the
    webhook benchmark 13 at will). It is never emptied: the bot's keys carry its unique bot
    id, and each test deletes its own (Stack.close)."""
    from redis.asyncio import Redis

    url = REDIS_URL.rsplit("/", 1)[0] + "/12"
    client = Redis.from_url(url)
    try:
        await client.ping()
    except OSError as error:  # pragma: no cover - CI machines run Redis
        pytest.fail(f"Redis is not reachable at {url}: {error}")
    finally:
        await client.aclose()
    yield url


def make_stack(
    emulator: Emulator, tmp_path: Path, mode: str, database_url: str, redis_url: str | None = None
) -> Stack:
    return Stack(
        emulator=emulator,
        token=new_token(),
        tmp_path=tmp_path,
        database_url=database_url,
        webhook=mode == "webhook",
        redis_url=redis_url,
    )
