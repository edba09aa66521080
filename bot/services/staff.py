"""Who is staff, in one place: the rule every staff-only use case asks.

Admins can do everything staff can. A staff member may be bound to a region: future tools
(events, slots, statistics) show such a person only their region."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
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
class StaffPolicy:
    admin_ids: frozenset[int] = frozenset()
    staff_ids: frozenset[int] = frozenset()
    regions: Mapping[int, str] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        admin_ids: Collection[int],
        staff_ids: Collection[int],
        regions: Mapping[int, str] | None = None,
    ) -> StaffPolicy:
        return cls(frozenset(admin_ids), frozenset(staff_ids), dict(regions or {}))

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
