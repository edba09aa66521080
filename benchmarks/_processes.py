"""What the benchmarks that run `careerbot` as processes share: a fresh database, the
process with the benchmark's settings, a polite stop, and waiting for a condition."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import ROOT

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"
PG_ADMIN = os.environ.get("CAREERBOT_TEST_PG", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")


async def bench_database(backend: str, folder: Path) -> tuple[str, Callable[[], Any]]:
    from bot.storage.migrate import upgrade

    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{folder / f'{uuid.uuid4().hex[:8]}.sqlite3'}"
        await asyncio.to_thread(upgrade, url)

        async def nothing() -> None:
            return None

        return url, nothing
    import asyncpg
    from sqlalchemy.engine import make_url

    name = f"careerbot_bench_{uuid.uuid4().hex[:10]}"
    admin = make_url(PG_ADMIN).set(drivername="postgresql").render_as_string(hide_password=False)
    connection = await asyncpg.connect(admin)
    await connection.execute(f'CREATE DATABASE "{name}"')
    await connection.close()
    url = make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False)
    await asyncio.to_thread(upgrade, url)

    async def drop() -> None:
        connection = await asyncpg.connect(admin)
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.close()

    return url, drop


async def careerbot_process(
    command: str, url: str, port: int, folder: Path, **settings: str
) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE": f"http://127.0.0.1:{port}",
        "DATABASE_URL": url,
        "LOG_LEVEL": "WARNING",
        "MATCHING__INDEX_DIR": str(ROOT / "data" / "index"),
        "SCHEDULER__TICK_SECONDS": "0.5",
        "SCHEDULER__LEASE_SECONDS": "1.5",
        "BROADCAST__POLL_SECONDS": "0.5",
        "PYTHONPATH": str(ROOT),
        **settings,
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        command,
        cwd=folder,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


async def stop_process(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 60)
        except TimeoutError:
            process.kill()
            await process.wait()


async def until(condition: Callable[[], bool], seconds: float, every: float = 0.05) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(every)
    return True
