"""This process's claim to be the one scheduler: held in the database, renewed every tick."""

from __future__ import annotations

import logging
import os
import secrets
import socket
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.composition import lease_service
from bot.logs import describe_safely

log = logging.getLogger(__name__)

SCHEDULER_LEASE = "scheduler"


def new_holder() -> str:
    """Unique per process start: a restarted process with a recycled pid is a new holder."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"[:128]


class SchedulerLease:
    """Renewed by the scheduler's tick; while another process holds it, this one stands by.

    Each change is logged once (held, standing by, lost), not every tick."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        ttl: timedelta,
        *,
        name: str = SCHEDULER_LEASE,
        holder: str | None = None,
    ) -> None:
        self._sessions = sessions
        self._ttl = ttl
        self.name = name
        self.holder = holder or new_holder()
        self._held: bool | None = None  # None: not asked yet

    @property
    def held(self) -> bool:
        return bool(self._held)

    async def renew(self) -> bool:
        """Take or renew the lease; False while another holder's lease runs (or the database
        cannot be reached: then nothing is sent, which is the safe side)."""
        try:
            async with self._sessions() as session:
                held = await lease_service(session).hold(self.name, self.holder, self._ttl)
        except Exception as error:  # noqa: BLE001 - logged once, safely; the next tick retries
            if self._held is not False:
                log.error(
                    "Cannot renew the %s lease (%s); sending stops until the database answers",
                    self.name,
                    describe_safely(error),
                )
            held = False
        self._note(held)
        return held

    async def release(self) -> None:
        """On a clean stop, so that a standing-by process takes over at once."""
        if not self._held:
            return
        self._held = False
        try:
            async with self._sessions() as session:
                await lease_service(session).release(self.name, self.holder)
        except Exception as error:  # noqa: BLE001 - it expires by itself anyway
            log.warning("Could not release the %s lease: %s", self.name, describe_safely(error))

    def _note(self, held: bool) -> None:
        if held and not self._held:
            log.info(
                "This process (%s) holds the %s lease: it sends reminders", self.holder, self.name
            )
        elif not held and self._held is None:
            log.warning(
                "Another process holds the %s lease; this one (%s) stands by and sends nothing "
                "until that lease expires",
                self.name,
                self.holder,
            )
        elif not held and self._held:
            log.warning("Lost the %s lease; this process stands by", self.name)
        self._held = held
