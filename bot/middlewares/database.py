"""One database session per update, opened before the dialog state is read.

The session takes a pooled connection only when it first queries and gives it back at each
commit, so an update never holds more than one connection, and a throttled or duplicate
update (dropped by the middlewares before this one) never takes any."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage.dialog_state import UpdateScope, current_scope


class DatabaseSessionMiddleware(BaseMiddleware):
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        async with self._session_factory() as session:
            scope = UpdateScope(session)
            token = current_scope.set(scope)
            data["db_session"] = session
            try:
                result = await handler(event, data)
            finally:
                current_scope.reset(token)
                # The service owns its commit: whatever it left uncommitted is not wanted.
                await session.rollback()
                await scope.save_dialog_state()
            return result
