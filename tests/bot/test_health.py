"""Health says unhealthy when the database cannot take writes, so the bot is restarted
instead of apologising to everyone (or writing into a deleted SQLite file)."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from bot.health import database_problem, redis_problem
from bot.runner import _beat
from bot.storage.db import create_engine


async def test_a_working_database_is_healthy(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        assert await database_problem(engine) is None
    finally:
        await engine.dispose()


async def test_a_deleted_sqlite_file_stops_the_heartbeat(
    sqlite_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "bot.sqlite3"
    shutil.copy(sqlite_template, path)
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    heartbeat = tmp_path / "heartbeat"
    try:
        assert await database_problem(engine) is None  # the pool now holds an open file
        path.unlink()
        problem = await database_problem(engine)
        assert problem is not None and "is gone" in problem
        beat = asyncio.create_task(_beat(heartbeat, engine, every_seconds=0.01))
        await asyncio.sleep(0.1)
        beat.cancel()
        assert not heartbeat.exists()
    finally:
        await engine.dispose()


async def test_a_read_only_database_is_unhealthy(sqlite_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    shutil.copy(sqlite_template, path)
    engine = create_engine(f"sqlite+aiosqlite:///file:{path}?mode=ro&uri=true")
    try:
        problem = await database_problem(engine)
        assert problem is not None and "does not take writes" in problem
    finally:
        await engine.dispose()


async def test_an_unreachable_redis_is_named_without_its_password() -> None:
    problem = await redis_problem("redis://:secret@127.0.0.1:9/0", timeout_seconds=1)
    assert problem is not None
    assert "redis://127.0.0.1:9/0" in problem and "secret" not in problem
