"""INSERT … ON CONFLICT for the dialect at hand: SQLite and PostgreSQL spell it alike."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession


def dialect_insert(session: AsyncSession, model: type[Any]) -> Any:
    """An insert with `on_conflict_do_nothing` / `on_conflict_do_update` for this session."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql_insert(model)
    return sqlite_insert(model)
