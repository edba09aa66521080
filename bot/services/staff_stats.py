"""What staff read in /stats: the analytics of a period for their scope (every region, or
the region they are bound to), the deep-link sources of QR posters, and the booking outcomes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.services.analytics.figures import Count, Gap, Period, Report
from bot.services.analytics.service import AnalyticsService, ExportData
from bot.services.clock import Clock, utc_now
from bot.services.errors import DomainError
from bot.services.knowledge_base import KnowledgeSource
from bot.services.ports import UnitOfWork
from bot.services.staff import StaffPolicy, StaffRole

STAFF_ONLY = "stats-staff-only"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class StaffStats:
    report: Report
    # Bookings that started (or are to start) in the period, by status, plus «will_come»:
    # confirmed from a reminder. Staff of one region see its centres only, small counts hidden.
    bookings: dict[str, Count] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class GapsView:
    period: Period
    region_name: str | None  # None: every region
    gaps: tuple[Gap, ...]


class StaffStatsService:
    def __init__(
        self,
        uow: UnitOfWork,
        knowledge: KnowledgeSource,
        staff: StaffPolicy,
        analytics: AnalyticsService,
        clock: Clock = utc_now,
    ) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._staff = staff
        self._analytics = analytics
        self._clock = clock

    def scope(self, staff_id: int) -> str | None:
        """The region a staff member sees (None: every region); refuses anyone else."""
        return self._staff.require_staff(staff_id, STAFF_ONLY).region

    async def gaps(self, staff_id: int, period: Period = Period.MONTH) -> GapsView:
        region = self.scope(staff_id)
        name = None
        if region is not None:
            entity = (await self._knowledge.get()).catalogue.regions.get(region)
            name = entity.name if entity else region
        return GapsView(period, name, await self._analytics.gaps(period, region))

    async def export(self, staff_id: int, period: Period, *, personal: bool) -> ExportData:
        """The workbook's data for the staff member's scope; with the lists of bookings and
        subscribers (personal data) for admins only. Logged as it is made."""
        member = self._staff.require_staff(staff_id, STAFF_ONLY)
        if personal and member.role is not StaffRole.ADMIN:
            raise DomainError("button-outdated")  # the button is shown to admins only
        return await self._analytics.export(
            period, member.region, personal=personal, staff_id=staff_id, via="bot"
        )

    def is_admin(self, staff_id: int) -> bool:
        member = self._staff.member(staff_id)
        return member is not None and member.role is StaffRole.ADMIN

    async def overview(self, staff_id: int, period: Period = Period.MONTH) -> StaffStats:
        region = self.scope(staff_id)
        report = await self._analytics.report(period, region)
        scope = None
        if region is not None:
            catalogue = (await self._knowledge.get()).catalogue
            scope = tuple(c.id for c in catalogue.centres_in_region(region))
        counts = await self._uow.bookings.outcome_counts(scope, report.since or _EPOCH)
        return StaffStats(
            report=report,
            bookings={
                status: Count.of(n, regional=region is not None) for status, n in counts.items()
            },
        )
