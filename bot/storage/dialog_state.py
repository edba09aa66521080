"""Dialog state rows, read and written through the update's own database session.

An update holds at most one connection. aiogram reads the dialog state before any handler
runs, and handlers change it between their other work; opening a second session for each of
those reads and writes made every update need two connections, and 16 simultaneous updates
exhausted the pool. So the state is read through the session of the update (`UpdateScope`),
changes are kept in memory while the handler runs, and `UpdateScope.save_dialog_state`
writes them in one short transaction when the update ends — also after an error, so progress
made before a failure is not lost."""

from __future__ import annotations

import copy
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import FsmRecord
from bot.storage.upsert import dialect_insert


@dataclass(slots=True)
class DialogValues:
    state: str | None
    data: dict[str, Any]

    @property
    def empty(self) -> bool:
        return self.state is None and not self.data


@dataclass(slots=True)
class UpdateScope:
    """What one update shares: its session, and the dialog state it read or changed."""

    session: AsyncSession
    dialog: dict[str, DialogValues] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)  # storage key -> user id

    async def save_dialog_state(self) -> None:
        if not self.changed:
            return
        now = datetime.now(UTC)
        for key, user_id in self.changed.items():
            await write_dialog(self.session, key, user_id, self.dialog[key], now)
        self.changed.clear()
        await self.session.commit()


current_scope: ContextVar[UpdateScope | None] = ContextVar("careerbot_update_scope", default=None)


async def read_dialog(session: AsyncSession, key: str) -> DialogValues:
    row = (
        await session.execute(select(FsmRecord.state, FsmRecord.data).where(FsmRecord.key == key))
    ).first()
    if row is None:
        return DialogValues(state=None, data={})
    return DialogValues(state=row.state, data=dict(row.data or {}))


async def write_dialog(
    session: AsyncSession, key: str, user_id: int, values: DialogValues, now: datetime
) -> None:
    """An upsert: two updates of one user never race into a duplicate key. An empty dialog
    is a deleted row, so /forget leaves nothing behind."""
    if values.empty:
        await session.execute(delete(FsmRecord).where(FsmRecord.key == key))
        return
    statement = dialect_insert(session, FsmRecord).values(
        key=key,
        user_id=user_id,
        state=values.state,
        data=copy.deepcopy(values.data),
        updated_at=now,
    )
    statement = statement.on_conflict_do_update(
        index_elements=[FsmRecord.key],
        set_={
            "state": statement.excluded.state,
            "data": statement.excluded.data,
            "updated_at": statement.excluded.updated_at,
        },
    )
    await session.execute(statement)
