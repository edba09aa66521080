"""Shared fixtures: databases (SQLite and the machine's PostgreSQL), Redis, and a bot harness
that feeds updates to the production dispatcher through a recording session."""

from __future__ import annotations

import asyncio
import functools
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
import pytest_asyncio
from aiogram import Bot
from aiogram.types import User
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.app import build_application
from bot.config import Settings
from bot.console.driver import ConsoleDriver
from bot.console.session import RecordingSession
from bot.knowledge_provider import engine_config
from bot.services.knowledge_base import KnowledgeBase
from bot.storage.migrate import upgrade
from bot.storage.models import Base

PG_URL = os.environ.get("CAREERBOT_TEST_PG", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("CAREERBOT_TEST_REDIS", "redis://127.0.0.1:6379/15")
TEST_TOKEN = "4242424242:TEST_TOKEN_FOR_OFFLINE_TESTS_ONLY_xxxxx"
INDEX_DIR = Path(__file__).resolve().parents[1] / "data" / "index"


@functools.cache
def shared_knowledge_base() -> KnowledgeBase:
    """The shipped catalogue with the real offline encoders, built once per test run.

    The vectors are cached on disk, so only the first run on a machine pays for encoding."""
    from knowledge import load_catalogue

    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    return KnowledgeBase.build(load_catalogue(), engine_config(settings), index_dir=INDEX_DIR)


@pytest.fixture
def shared_index_copy(tmp_path: Path) -> Path:
    """A copy of INDEX_DIR (the shared knowledge base's vectors, built first if need be) for a
    test whose bot rebuilds its index with the real encoders: a rebuild after an import
    encodes only the changed texts, and writes to the copy, not to the shared folder."""
    shared_knowledge_base()
    folder = tmp_path / "index"
    shutil.copytree(INDEX_DIR, folder)
    return folder


@pytest.fixture(scope="session")
def fake_index_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped catalogue indexed with the fake encoder, once per test run."""
    from knowledge import load_catalogue

    folder = tmp_path_factory.mktemp("fake-index") / "index"
    settings = Settings(_env_file=None, matching={"encoders": ["fake"]})  # type: ignore[call-arg]
    KnowledgeBase.build(load_catalogue(), engine_config(settings), index_dir=folder)
    return folder


@pytest.fixture
def fake_index_dir(fake_index_template: Path, tmp_path: Path) -> Path:
    """A copy of the fake encoder's index of the shipped catalogue for one test.

    A bot with MATCHING__ENCODERS=fake over the shipped catalogue loads it instead of
    building (seconds a test, most of it lemmatising), and its rebuild after an import
    encodes only the changed texts; the test's writes stay in its copy."""
    folder = tmp_path / "index"
    shutil.copytree(fake_index_template, folder)
    return folder


class SharedKnowledge:
    """A KnowledgeSource that hands every test the same knowledge base."""

    async def get(self) -> KnowledgeBase:
        return await asyncio.to_thread(shared_knowledge_base)


def _asyncpg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate once; each test copies the file, which is much faster than migrating again."""
    path = tmp_path_factory.mktemp("db") / "template.sqlite3"
    upgrade(f"sqlite+aiosqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A fresh database on the machine's PostgreSQL for this test run, dropped afterwards."""
    name = f"careerbot_test_{uuid.uuid4().hex[:10]}"
    admin_dsn = _asyncpg_dsn(PG_URL)

    async def admin(sql: str) -> None:
        connection = await asyncpg.connect(admin_dsn)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    try:
        yield url
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> Iterator[str]:
    """A migrated, empty database; tests using it run once on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "careerbot.sqlite3"
        shutil.copy(sqlite_template, path)
        yield f"sqlite+aiosqlite:///{path}"
        return
    url: str = request.getfixturevalue("postgres_database")
    yield url
    asyncio.run(_truncate_all(url))


async def _truncate_all(url: str) -> None:
    from bot.storage.db import create_engine

    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
            await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    finally:
        await engine.dispose()


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TEST_TOKEN,
        database_url=database_url,
        throttle_rate_per_second=0,  # scripted users are fast; the flood test turns it on
        staff={"staff_chat_id": -100500, "admin_ids": [900], "staff_ids": [901]},
    )


@pytest_asyncio.fixture
async def harness(settings: Settings) -> AsyncIterator[ConsoleDriver]:
    """The production dispatcher, fed updates as user 111 with a Russian client."""
    application = build_application(settings, knowledge=SharedKnowledge())
    session = RecordingSession()
    bot = Bot(token=TEST_TOKEN, session=session)
    user = User(id=111, is_bot=False, first_name="Аня", language_code="ru")
    driver = ConsoleDriver(application.dispatcher, bot, session, user)
    driver.application = application  # type: ignore[attr-defined]
    try:
        yield driver
    finally:
        await application.engine.dispose()


@pytest_asyncio.fixture
async def redis_url() -> AsyncIterator[str]:
    from redis.asyncio import Redis

    client = Redis.from_url(REDIS_URL)
    try:
        await client.ping()
    except OSError as error:  # pragma: no cover - CI machines run Redis
        pytest.fail(f"Redis is not reachable at {REDIS_URL}: {error}")
    await client.flushdb()
    try:
        yield REDIS_URL
    finally:
        await client.flushdb()
        await client.aclose()
