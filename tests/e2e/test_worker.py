"""`careerbot worker` as a process: settings from the environment, migrations on start, the
lease, a reminder pass over the database, and a clean stop on SIGTERM that hands the lease
over."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest

from tests.e2e.harness import free_port
from tests.e2e.test_polling import TOKEN, FakeBotApi, _careerbot_run, _serve


def _sqlite_rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchall()


async def _read_until(stream: asyncio.StreamReader, text: str, seconds: float) -> str:
    seen: list[str] = []
    async with asyncio.timeout(seconds):
        while True:
            line = (await stream.readline()).decode()
            if not line:
                break
            seen.append(line)
            if text in line:
                break
    return "".join(seen)


@pytest.mark.e2e
async def test_careerbot_worker_runs_the_scheduler_and_stops_on_sigterm(tmp_path: Path) -> None:
    api = FakeBotApi()
    runner, port = await _serve(api)
    database = tmp_path / "worker.sqlite3"
    metrics_port = free_port()
    env = {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE": f"http://127.0.0.1:{port}",
        "DATABASE_URL": f"sqlite+aiosqlite:///{database}",
        "LOG_LEVEL": "INFO",
        "SCHEDULER__TICK_SECONDS": "0.2",
        "SCHEDULER__LEASE_SECONDS": "1",
        "SERVER__HOST": "127.0.0.1",
        "SERVER__PORT": str(metrics_port),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "worker",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    assert process.stdout is not None
    try:
        output = await _read_until(process.stdout, "holds the scheduler lease", 120)
        # No content renders this kind yet: the running worker drops it, with the reason.
        due = (datetime.now(UTC) - timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M:%S.%f")
        with sqlite3.connect(database) as connection:
            connection.execute(
                "INSERT INTO users (telegram_id, created_at, last_seen_at, is_blocked, "
                "notifications) VALUES (5, ?, ?, 0, 1)",
                (due, due),
            )
            connection.execute(
                "INSERT INTO reminders (kind, subject, user_id, due_at, status, attempts) "
                "VALUES ('mystery', 'x', 5, ?, 'pending', 0)",
                (due,),
            )
        deadline = asyncio.get_running_loop().time() + 30
        while asyncio.get_running_loop().time() < deadline:
            if _sqlite_rows(database, "SELECT status FROM reminders") == [("dropped",)]:
                break
            await asyncio.sleep(0.1)
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{metrics_port}/readyz") as response:
                assert response.status == 200
                assert await response.json() == {"database": "ok"}
            async with http.get(f"http://127.0.0.1:{metrics_port}/metrics") as response:
                metrics = await response.text()
        assert 'careerbot_sent_total{kind="reminder",outcome="dropped"} 1.0' in metrics
    finally:
        process.send_signal(signal.SIGTERM)
        rest, _ = await asyncio.wait_for(process.communicate(), timeout=60)
        output += rest.decode()
        await runner.cleanup()

    assert process.returncode == 0, output
    assert "Worker started as @cb_bot" in output
    assert "Worker stopping" in output
    assert _sqlite_rows(database, "SELECT status FROM reminders") == [("dropped",)], output
    assert _sqlite_rows(database, "SELECT * FROM leases") == []  # handed over at once
    assert not any(method == "getUpdates" for method, _ in api.calls)  # no polling here
    assert "Traceback" not in output


@pytest.mark.e2e
async def test_careerbot_run_leaves_reminders_to_the_worker_when_told(tmp_path: Path) -> None:
    api = FakeBotApi()
    runner, port = await _serve(api)
    process = await _careerbot_run(tmp_path, port, SCHEDULER__IN_PROCESS="false")
    assert process.stdout is not None
    try:
        output = await _read_until(process.stdout, "careerbot worker", 300)
        # Stop only once polling runs: an earlier SIGINT is a different test.
        async with asyncio.timeout(60):
            while not any(method == "getUpdates" for method, _ in api.calls):  # noqa: ASYNC110 - polls the stand-in
                await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)
    finally:
        process.send_signal(signal.SIGINT)
        rest, _ = await asyncio.wait_for(process.communicate(), timeout=60)
        output += rest.decode()
        await runner.cleanup()

    assert process.returncode == 0, output
    assert "Reminders are sent by `careerbot worker`" in output
    assert "scheduler lease" not in output
    assert _sqlite_rows(tmp_path / "bot.sqlite3", "SELECT * FROM leases") == []


def test_careerbot_worker_without_a_token_is_one_sentence(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "worker"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "BOT_TOKEN": ""},
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "BOT_TOKEN is not set" in result.stderr
    assert "Traceback" not in result.stderr
