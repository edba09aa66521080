"""Figures staff look at before the full analytics arrive: where users came from (deep
links of QR posters) and which suggestions users rate up or down."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.knowledge_base import KnowledgeSource
from bot.services.ports import UnitOfWork
from bot.services.staff import StaffPolicy

TOP = 10


@dataclass(frozen=True, slots=True)
class RatedItem:
    title: str
    up: int
    down: int


@dataclass(frozen=True, slots=True)
class StaffStats:
    sources: list[tuple[str, int]]  # deep-link payload, users
    rated: list[RatedItem]


class StaffStatsService:
    def __init__(self, uow: UnitOfWork, knowledge: KnowledgeSource, staff: StaffPolicy) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._staff = staff

    async def overview(self, staff_id: int) -> StaffStats:
        self._staff.require_staff(staff_id, "stats-staff-only")
        sources = await self._uow.users.count_by_source()
        totals = await self._uow.feedback.totals()
        catalogue = (await self._knowledge.get()).catalogue
        rated = []
        for item_id, (up, down) in sorted(totals.items(), key=lambda kv: -(kv[1][0] + kv[1][1])):
            entity = catalogue.professions.get(item_id) or catalogue.programmes.get(item_id)
            title = getattr(entity, "title", item_id)
            rated.append(RatedItem(title=title, up=up, down=down))
        return StaffStats(
            sources=sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP],
            rated=rated[:TOP],
        )
