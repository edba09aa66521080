"""Health: the container healthcheck, and the probes the running bot uses before it says it
is alive.

The polling loop touches a heartbeat file only while the database takes writes, so a full
disk, a read-only replica or an SQLite file deleted under the running bot make the
container unhealthy and the orchestrator restarts it, instead of a bot that looks fine and
apologises to everyone (or, worse, writes into a deleted file)."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

MAX_AGE_SECONDS = 90


async def database_problem(engine: AsyncEngine) -> str | None:
    """None when the database takes a write; otherwise one sentence saying why not."""
    url = engine.url
    # An open connection keeps writing into a deleted file; nobody would see the data.
    on_disk = url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
    file = str(url.database).removeprefix("file:").partition("?")[0]
    if on_disk and not await asyncio.to_thread(os.path.exists, file):
        return f"the SQLite file {file} is gone"
    try:
        async with engine.begin() as connection:
            # A write that changes nothing: it needs the write lock and a writable file.
            await connection.execute(text("UPDATE alembic_version SET version_num = version_num"))
    except SQLAlchemyError as error:
        return f"the database does not take writes ({type(error).__name__})"
    return None


async def redis_problem(redis_url: str, timeout_seconds: float = 3.0) -> str | None:
    from redis.asyncio import Redis
    from redis.exceptions import RedisError

    client = Redis.from_url(
        redis_url, socket_connect_timeout=timeout_seconds, socket_timeout=timeout_seconds
    )
    try:
        await client.ping()
    except (RedisError, OSError) as error:
        return f"Redis at {_safe(redis_url)} does not answer ({type(error).__name__})"
    finally:
        await client.aclose()
    return None


def _safe(url: str) -> str:
    """The address without a password."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.rpartition('@')[2]}"


def main() -> int:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/careerbot.heartbeat")
    try:
        age = time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return 1
    return 0 if age < MAX_AGE_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
