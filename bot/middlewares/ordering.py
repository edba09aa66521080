"""Updates of one dialog run one after another, in the order they arrived.

aiogram handles polled updates concurrently; two quick taps of one user would otherwise read
the same dialog state and both act on it (two requests posted for one «share contact»).
The lock is taken before the dialog state is read. Locks are dropped when nobody waits, so
memory does not grow with the number of users ever seen. One process only: several bot
instances need Redis's isolation (aiogram's RedisEventIsolation)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Hashable
from contextlib import asynccontextmanager

from aiogram.fsm.storage.base import BaseEventIsolation, StorageKey

from bot.middlewares.database import finish_update
from bot.storage.dialog_state import current_scope


class PerDialogIsolation(BaseEventIsolation):
    def __init__(self) -> None:
        self._locks: dict[Hashable, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncGenerator[None, None]:
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                try:
                    yield
                finally:
                    # The dialog state is saved before the next update of the dialog may
                    # read it: saved after the release, a quick second tap read the old one.
                    scope = current_scope.get()
                    if scope is not None:
                        await finish_update(scope)
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    @property
    def active(self) -> int:
        """How many dialogs hold or wait for a lock (tests check nothing leaks)."""
        return len(self._locks)

    async def close(self) -> None:
        self._locks.clear()
