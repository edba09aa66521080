"""Repository interfaces the services depend on; bot.storage implements them with SQLAlchemy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class UserRecord:
    telegram_id: int
    language: str | None
    role: str | None
    region: str | None
    timezone: str | None
    created_at: datetime
    last_seen_at: datetime
    is_blocked: bool


@dataclass(frozen=True, slots=True)
class ConsentRecord:
    kind: str
    version: str
    given_at: datetime
    withdrawn_at: datetime | None

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class UserRepository(Protocol):
    async def get(self, telegram_id: int) -> UserRecord | None: ...
    async def add(self, telegram_id: int, now: datetime) -> UserRecord: ...
    async def update(self, telegram_id: int, **fields: object) -> None: ...
    async def delete(self, telegram_id: int) -> None: ...


class ConsentRepository(Protocol):
    async def active(self, telegram_id: int, kind: str) -> ConsentRecord | None: ...
    async def add(self, telegram_id: int, kind: str, version: str, now: datetime) -> None: ...
    async def withdraw(self, telegram_id: int, kind: str, now: datetime) -> bool: ...
    async def list_for(self, telegram_id: int) -> list[ConsentRecord]: ...


class UnitOfWork(Protocol):
    # Read-only properties: a concrete unit of work may return its own repository classes.
    @property
    def users(self) -> UserRepository: ...
    @property
    def consents(self) -> ConsentRepository: ...

    async def commit(self) -> None: ...
    async def rollback(self) -> None: ...
