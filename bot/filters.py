"""Filters shared by several routers."""

from __future__ import annotations

from aiogram.filters import Filter
from aiogram.types import TelegramObject, User

from bot.services.staff import StaffPolicy, StaffRole


class IsStaff(Filter):
    """Passes staff and admins only. Staff routers use it so that, for anyone else, their
    commands and buttons do not exist: the unknown-command and outdated-button answers follow,
    the same as for anything made up, and nothing tells that a staff tool is there.

    `staff_policy` is the update's policy (settings and the rights granted in the bot), put
    in the handler data by the context middleware."""

    async def __call__(self, event: TelegramObject, staff_policy: StaffPolicy) -> bool:
        user: User | None = getattr(event, "from_user", None)
        return user is not None and staff_policy.member(user.id) is not None


class IsAdmin(Filter):
    """Passes the admins named in settings only; for anyone else, as IsStaff, the commands
    and buttons behind it do not exist."""

    async def __call__(self, event: TelegramObject, staff_policy: StaffPolicy) -> bool:
        user: User | None = getattr(event, "from_user", None)
        member = staff_policy.member(user.id) if user is not None else None
        return member is not None and member.role is StaffRole.ADMIN
