"""Engine and session factory; the only place that knows database URLs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


@dataclass(frozen=True, slots=True)
class PoolSettings:
    """Each update holds at most one connection, so the pool bounds how many updates touch the
    database at once; the rest wait up to `timeout` seconds for a free connection."""

    size: int = 10
    max_overflow: int = 20
    timeout: float = 30.0
    sqlite_busy_timeout_ms: int = 10_000


def create_engine(url: str, pool: PoolSettings | None = None) -> AsyncEngine:
    pool = pool or PoolSettings()
    parsed = make_url(url)
    is_sqlite = parsed.get_backend_name() == "sqlite"
    in_memory = parsed.database in (None, "", ":memory:")
    if is_sqlite and not in_memory:
        Path(str(parsed.database)).parent.mkdir(parents=True, exist_ok=True)
    options: dict[str, object] = {
        # Error messages and logs must never carry user data (phones, «о себе» texts).
        "hide_parameters": True,
        "pool_pre_ping": not is_sqlite,
    }
    if not in_memory:
        options.update(
            pool_size=pool.size, max_overflow=pool.max_overflow, pool_timeout=pool.timeout
        )
    engine = create_async_engine(url, **options)
    if is_sqlite:
        busy_ms = int(pool.sqlite_busy_timeout_ms)

        @event.listens_for(engine.sync_engine, "connect")
        def _configure_sqlite(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            cursor = dbapi_connection.cursor()
            # Foreign keys: cascades depend on them. WAL: readers never wait for a writer.
            # busy_timeout: a writer waits for another writer instead of failing at once.
            # synchronous=NORMAL is durable in WAL mode except on power loss mid-checkpoint.
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

    return engine


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
