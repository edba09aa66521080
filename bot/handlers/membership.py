"""my_chat_member: the user blocked or unblocked the bot; never write to a blocked user."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import KICKED, MEMBER, ChatMemberUpdatedFilter
from aiogram.types import ChatMemberUpdated

from bot.services.accounts import AccountService


def setup() -> Router:
    router = Router(name="membership")

    @router.my_chat_member(ChatMemberUpdatedFilter(member_status_changed=KICKED))
    async def blocked(event: ChatMemberUpdated, accounts: AccountService) -> None:
        await accounts.set_blocked(event.from_user.id, blocked=True)

    @router.my_chat_member(ChatMemberUpdatedFilter(member_status_changed=MEMBER))
    async def unblocked(event: ChatMemberUpdated, accounts: AccountService) -> None:
        await accounts.set_blocked(event.from_user.id, blocked=False)

    return router
