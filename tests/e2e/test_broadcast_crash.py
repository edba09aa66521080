"""Crash safety of broadcasts with real processes on PostgreSQL: `careerbot worker` sends a
broadcast over HTTP to a Bot API stand-in that enforces 30 messages a second, is killed
with SIGKILL mid-broadcast, and a second worker process finishes it. Nobody gets the
message twice; nobody is missed except, at most, the deliveries that were in Telegram's
hands at the kill (they are marked «unknown», never resent)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import _truncate_all
from tests.e2e.standin import BotApiStandIn, delivery_statuses, seed_broadcast
from tests.e2e.test_polling import TOKEN

TEXT = "Открыта регистрация на региональный этап чемпионата"
USERS = range(700_001, 700_161)
SENDERS = 4


async def _worker(url: str, port: int, tmp_path: Path) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE": f"http://127.0.0.1:{port}",
        "DATABASE_URL": url,
        "LOG_LEVEL": "INFO",
        "SCHEDULER__TICK_SECONDS": "0.3",
        "SCHEDULER__LEASE_SECONDS": "1",
        "BROADCAST__POLL_SECONDS": "0.2",
        "BROADCAST__RATE_PER_SECOND": "25",
        "BROADCAST__SENDERS": str(SENDERS),
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "worker",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )


async def _until(condition: Callable[[], bool], seconds: float) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition() and asyncio.get_running_loop().time() < deadline:  # noqa: ASYNC110 - polls the stand-in
        await asyncio.sleep(0.05)


@pytest.mark.e2e
async def test_a_worker_killed_mid_broadcast_loses_nobody_and_repeats_nobody(
    postgres_database: str, tmp_path: Path
) -> None:
    url = postgres_database
    api = BotApiStandIn(per_second=30)
    port = await api.start()
    first = second = None
    output = ""
    try:
        broadcast_id = await seed_broadcast(url, USERS, TEXT)
        first = await _worker(url, port, tmp_path)
        await _until(lambda: len(api.received_by(TEXT)) >= 40, 120)
        first.send_signal(signal.SIGKILL)
        out, _ = await first.communicate()
        output += out.decode()
        at_kill = len(api.received_by(TEXT))
        assert 40 <= at_kill < len(USERS), output

        second = await _worker(url, port, tmp_path)
        statuses: dict[int, str] = {}

        async def finished() -> bool:
            nonlocal statuses
            statuses = await delivery_statuses(url, broadcast_id)
            return all(s not in ("pending", "claimed", "sending") for s in statuses.values())

        deadline = asyncio.get_running_loop().time() + 120
        while not await finished() and asyncio.get_running_loop().time() < deadline:  # noqa: ASYNC110 - polls the database
            await asyncio.sleep(0.2)
        second.send_signal(signal.SIGTERM)
        out, _ = await asyncio.wait_for(second.communicate(), timeout=60)
        output += out.decode()
    finally:
        for process in (first, second):
            if process is not None and process.returncode is None:
                process.kill()
                await process.wait()
        await api.stop()
        await _truncate_all(url)

    received = api.received_by(TEXT)
    twice = {chat: n for chat, n in received.items() if n > 1}
    assert twice == {}, output
    unknown = {user for user, status in statuses.items() if status == "unknown"}
    missed = set(USERS) - set(received)
    # Only a delivery in Telegram's hands at the kill may be missing, and it is reported.
    assert missed <= unknown, output
    assert len(unknown) <= SENDERS
    assert {s for u, s in statuses.items() if u not in unknown} == {"sent"}
    assert set(received) >= {u for u, s in statuses.items() if s == "sent"}
    assert len(received) > at_kill  # the second process went on
    assert second is not None and second.returncode == 0, output
    assert "Traceback" not in output
    print(
        f"\nkilled after {at_kill} sent; finished with {len(received)} received, "
        f"{len(unknown)} unknown, {len(missed)} missed, {len(twice)} twice"
    )
