"""Dialog state in the application database: progress survives a restart with no Redis.

Inside an update the state goes through that update's session (see
`bot.storage.dialog_state`); outside one (the console's setup, tests) each call opens its
own short session."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage.dialog_state import DialogValues, current_scope, read_dialog, write_dialog


def storage_key(key: StorageKey) -> str:
    parts = [key.bot_id, key.chat_id, key.user_id, key.thread_id, key.business_connection_id]
    return ":".join("" if part is None else str(part) for part in parts) + f":{key.destiny}"


class SqlStorage(BaseStorage):
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def _values(self, key: StorageKey) -> DialogValues:
        scope = current_scope.get()
        name = storage_key(key)
        if scope is None:
            async with self._session_factory() as session:
                return await read_dialog(session, name)
        values = scope.dialog.get(name)
        if values is None:
            values = scope.dialog[name] = await read_dialog(scope.session, name)
        return values

    async def _change(self, key: StorageKey, values: DialogValues) -> None:
        name = storage_key(key)
        scope = current_scope.get()
        if scope is not None:
            scope.dialog[name] = values
            scope.changed[name] = key.user_id
            return
        async with self._session_factory() as session:
            await write_dialog(session, name, key.user_id, values, datetime.now(UTC))
            await session.commit()

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        current = await self._values(key)
        await self._change(key, DialogValues(state=value, data=current.data))

    async def get_state(self, key: StorageKey) -> str | None:
        return (await self._values(key)).state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        current = await self._values(key)
        await self._change(key, DialogValues(state=current.state, data=copy.deepcopy(dict(data))))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        # A copy: a handler that edits the dict without set_data must not change the state.
        return copy.deepcopy((await self._values(key)).data)

    async def close(self) -> None:
        return None
