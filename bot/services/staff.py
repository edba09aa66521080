"""Who is staff, in one place: the rule every staff-only use case asks.

Admins can do everything staff can. A staff member may be bound to a region: the staff
tools (bookings, broadcasts, events, statistics) show such a person only their region.

Settings name the admins and some staff; an admin grants staff rights to others in the bot
(bot.services.staff_admin). The policy of one update is the two together: settings first
(a grant never changes what settings say about a person), then the grants."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from bot.services.errors import ForbiddenError


class StaffRole(StrEnum):
    STAFF = "staff"
    ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class StaffMember:
    telegram_id: int
    role: StaffRole
    region: str | None  # None: every region


@dataclass(frozen=True, slots=True)
class StaffGrant:
    """Staff rights an admin granted in the bot."""

    telegram_id: int
    region: str | None  # None: every region
    granted_by: int | None  # None once that admin erased their data (/forget)
    granted_at: datetime


@dataclass(frozen=True, slots=True)
class StaffPolicy:
    admin_ids: frozenset[int] = frozenset()
    staff_ids: frozenset[int] = frozenset()  # settings-named and granted
    regions: Mapping[int, str] = field(default_factory=dict)
    granted_ids: frozenset[int] = frozenset()  # staff by a grant in the bot, not by settings

    @classmethod
    def of(
        cls,
        admin_ids: Collection[int],
        staff_ids: Collection[int],
        regions: Mapping[int, str] | None = None,
    ) -> StaffPolicy:
        return cls(frozenset(admin_ids), frozenset(staff_ids), dict(regions or {}))

    def with_grants(self, grants: Iterable[StaffGrant]) -> StaffPolicy:
        """This policy plus the rights granted in the bot. Whoever settings name keeps what
        settings say (an admin stays an admin, a settings region stays), so a grant can
        neither demote nor rebind them."""
        named = self.admin_ids | self.staff_ids
        added = [grant for grant in grants if grant.telegram_id not in named]
        if not added:
            return self
        regions = dict(self.regions)
        for grant in added:
            if grant.region is not None:
                regions[grant.telegram_id] = grant.region
        granted = frozenset(grant.telegram_id for grant in added)
        return StaffPolicy(self.admin_ids, self.staff_ids | granted, regions, granted)

    def named_in_settings(self, telegram_id: int) -> bool:
        return self.member(telegram_id) is not None and telegram_id not in self.granted_ids

    def member(self, telegram_id: int) -> StaffMember | None:
        if telegram_id in self.admin_ids:
            return StaffMember(telegram_id, StaffRole.ADMIN, None)
        if telegram_id in self.staff_ids:
            return StaffMember(telegram_id, StaffRole.STAFF, self.regions.get(telegram_id))
        return None

    def require_staff(self, telegram_id: int, refusal_key: str) -> StaffMember:
        """The member, or a polite refusal with the use case's own message key."""
        member = self.member(telegram_id)
        if member is None:
            raise ForbiddenError(refusal_key)
        return member

    def require_admin(self, telegram_id: int, refusal_key: str) -> StaffMember:
        member = self.member(telegram_id)
        if member is None or member.role is not StaffRole.ADMIN:
            raise ForbiddenError(refusal_key)
        return member
