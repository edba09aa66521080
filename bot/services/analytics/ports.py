"""What the analytics read from storage: grouped counts over the real tables, computed by
SQL at the moment of asking (bot.storage.repositories.analytics), never from a cache.

Every method takes `since` (None: all time) and a scope: `region` (the person's region now;
None: every region) or, for centres, the centres of that region (None: every centre)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class WeekCount:
    week: date  # the Monday (UTC) the week starts on
    key: str | None  # what the count is of (a role; None: not said)
    count: int


@dataclass(frozen=True, slots=True)
class BroadcastReach:
    broadcasts: int  # broadcasts with a recipient in scope
    by_status: dict[str, int]  # deliveries in scope by status


@dataclass(frozen=True, slots=True)
class BookingRow:
    """One booking for an export (personal: the phone and the user's id)."""

    id: int
    user_id: int
    centre: str
    starts_at: datetime
    format: str
    topic: str
    phone: str | None
    status: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SubscriberRow:
    """One subscription to an event or a topic, for an export (personal: the user's id)."""

    user_id: int
    topic_kind: str
    topic_value: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class BroadcastReport:
    id: int
    created_at: datetime
    text: str
    status: str
    by_status: dict[str, int]  # deliveries in scope by status


class AnalyticsRepository(Protocol):
    async def new_users(self, since: datetime | None, region: str | None) -> list[WeekCount]:
        """People who first came since a moment, by week and role (their role now)."""
        ...

    async def funnel(self, since: datetime | None, region: str | None) -> dict[str, int]:
        """Of the people who first came since a moment: how many reached each step."""
        ...

    async def funnel_by_week(self, since: datetime | None, region: str | None) -> list[WeekCount]:
        """The funnel per week people first came (`key`: the step)."""
        ...

    async def sources(self, since: datetime | None, region: str | None) -> dict[str, int]:
        """Of the people who first came since a moment: how many by deep-link tag."""
        ...

    async def interests(self, since: datetime | None, region: str | None) -> dict[str, int]:
        """Of the people who first came since a moment: how many chose each interest."""
        ...

    async def items(self, step: str, since: datetime | None, region: str | None) -> dict[str, int]:
        """People per catalogue item of an item step («suggested», «card») since a moment."""
        ...

    async def votes(self, since: datetime | None, region: str | None) -> dict[str, tuple[int, int]]:
        """Votes since a moment per item: (people who voted «полезно», «не то»)."""
        ...

    async def bookings(
        self, since: datetime | None, centres: Sequence[str] | None
    ) -> dict[tuple[str, str], int]:
        """Bookings (not holds) that start since a moment, by (centre, status)."""
        ...

    async def waitlist(self, centres: Sequence[str] | None) -> dict[str, int]:
        """People waiting now (or offered a freed time), per centre."""
        ...

    async def subscriptions(
        self, since: datetime | None, region: str | None
    ) -> dict[str, tuple[int, int]]:
        """Subscriptions made since a moment by kind of topic: (subscriptions, people)."""
        ...

    async def reminders_sent(self, since: datetime | None, region: str | None) -> dict[str, int]:
        """Reminders sent since a moment, by kind."""
        ...

    async def broadcast_reach(self, since: datetime | None, region: str | None) -> BroadcastReach:
        """Broadcasts created since a moment: their deliveries to people in scope."""
        ...

    async def booking_rows(
        self, since: datetime | None, centres: Sequence[str] | None
    ) -> list[BookingRow]: ...
    async def subscriber_rows(
        self, since: datetime | None, region: str | None
    ) -> list[SubscriberRow]: ...
    async def broadcast_reports(
        self, since: datetime | None, region: str | None
    ) -> list[BroadcastReport]: ...


class CatalogueGapRepository(Protocol):
    async def add(self, text: str, region: str | None, now: datetime) -> None: ...
    async def texts(self, since: datetime | None, region: str | None, limit: int) -> list[str]:
        """The newest questions first, at most `limit`."""
        ...


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """One export for the log: who (None from the CLI), through what, which figures."""

    staff_id: int | None
    via: str  # bot | cli
    what: str  # figures | personal
    period: str
    region: str | None
    personal: bool
    rows: int


class ExportLogRepository(Protocol):
    async def add(self, record: ExportRecord, now: datetime) -> None: ...
