"""One database session per update, opened before the dialog state is read.

The session takes a pooled connection only when it first queries and gives it back at each
commit, so an update never holds more than one connection, and a throttled or duplicate
update (dropped by the middlewares before this one) never takes any."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.logs import describe_safely
from bot.storage.dialog_state import UpdateScope, current_scope

log = logging.getLogger(__name__)


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
                return await handler(event, data)
            finally:
                current_scope.reset(token)
                await finish_update(scope)


async def finish_update(scope: UpdateScope) -> None:
    """Save the dialog state the update changed. Called inside the per-dialog lock too, so
    that the next update of the dialog reads the new state, not the one before."""
    try:
        # The service owns its commit: whatever it left uncommitted is not wanted.
        await scope.session.rollback()
        await scope.save_dialog_state()
    except SQLAlchemyError as error:
        # The user already has their answer; an apology now would only confuse. The
        # next step will ask again from the last saved state.
        log.error("could not save the dialog state: %s", describe_safely(error))
