"""Dialog state in the application database: progress survives a restart with no Redis."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage.models import FsmRecord


def _key(key: StorageKey) -> str:
    parts = [key.bot_id, key.chat_id, key.user_id, key.thread_id, key.business_connection_id]
    return ":".join("" if part is None else str(part) for part in parts) + f":{key.destiny}"


class SqlStorage(BaseStorage):
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def _write(self, key: StorageKey, **values: Any) -> None:
        async with self._session_factory() as session:
            row = await session.get(FsmRecord, _key(key))
            if row is None:
                row = FsmRecord(key=_key(key), user_id=key.user_id, state=None, data={})
                session.add(row)
            for name, value in values.items():
                setattr(row, name, value)
            row.updated_at = datetime.now(UTC)
            await session.commit()

    async def _read(self, key: StorageKey) -> FsmRecord | None:
        async with self._session_factory() as session:
            return await session.scalar(select(FsmRecord).where(FsmRecord.key == _key(key)))

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._write(key, state=value)

    async def get_state(self, key: StorageKey) -> str | None:
        row = await self._read(key)
        return None if row is None else row.state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self._write(key, data=dict(data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        row = await self._read(key)
        return {} if row is None else dict(row.data or {})

    async def close(self) -> None:
        return None
