"""152-FZ: export everything stored about a user, and forget them completely."""

from __future__ import annotations

from bot.services.clock import Clock, utc_now
from bot.services.ports import UnitOfWork


class PrivacyService:
    def __init__(self, uow: UnitOfWork, clock: Clock = utc_now) -> None:
        self._uow = uow
        self._clock = clock
