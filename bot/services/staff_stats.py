"""Figures staff look at before the full analytics arrive: where users came from (deep
links of QR posters) and which suggestions users rate up or down."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from bot.services.clock import Clock, utc_now
from bot.services.knowledge_base import KnowledgeSource
from bot.services.ports import UnitOfWork
from bot.services.staff import StaffPolicy

TOP = 10


@dataclass(frozen=True, slots=True)
class RatedItem:
    title: str
    up: int
    down: int


BOOKING_WINDOW = timedelta(days=30)


@dataclass(frozen=True, slots=True)
class StaffStats:
    sources: list[tuple[str, int]]  # deep-link payload, users
    rated: list[RatedItem]
    # Bookings that started (or were to start) in the last 30 days and up to now, by status,
    # plus «will_come»: confirmed from a reminder. Staff of one region see its centres only.
    bookings: dict[str, int] = field(default_factory=dict)


class StaffStatsService:
    def __init__(
        self,
        uow: UnitOfWork,
        knowledge: KnowledgeSource,
        staff: StaffPolicy,
        clock: Clock = utc_now,
    ) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._staff = staff
        self._clock = clock

    async def overview(self, staff_id: int) -> StaffStats:
        member = self._staff.require_staff(staff_id, "stats-staff-only")
        sources = await self._uow.users.count_by_source()
        totals = await self._uow.feedback.totals()
        catalogue = (await self._knowledge.get()).catalogue
        rated = []
        for item_id, (up, down) in sorted(totals.items(), key=lambda kv: -(kv[1][0] + kv[1][1])):
            entity = catalogue.professions.get(item_id) or catalogue.programmes.get(item_id)
            title = getattr(entity, "title", item_id)
            rated.append(RatedItem(title=title, up=up, down=down))
        scope = None
        if member.region is not None:
            scope = tuple(c.id for c in catalogue.centres_in_region(member.region))
        bookings = await self._uow.bookings.outcome_counts(scope, self._clock() - BOOKING_WINDOW)
        return StaffStats(
            sources=sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP],
            rated=rated[:TOP],
            bookings=bookings,
        )
