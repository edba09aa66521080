"""Filters shared by several routers."""

from __future__ import annotations

from aiogram.filters import Filter
from aiogram.types import TelegramObject, User

from bot.config import Settings


class IsStaff(Filter):
    """Passes staff and admins only. Staff routers use it so that, for anyone else, their
    commands and buttons do not exist: the unknown-command and outdated-button answers follow,
    the same as for anything made up, and nothing tells that a staff tool is there."""

    async def __call__(self, event: TelegramObject, settings: Settings) -> bool:
        user: User | None = getattr(event, "from_user", None)
        return user is not None and settings.staff.policy().member(user.id) is not None
