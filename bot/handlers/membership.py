"""my_chat_member: the user blocked or unblocked the bot; never write to a blocked user."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import KICKED, MEMBER, ChatMemberUpdatedFilter
from aiogram.types import ChatMemberUpdated

from bot.services.accounts import AccountService


def setup() -> Router:
    router = Router(name="membership")
    # Only the private chat says whether the user blocked the bot; a user who removes the
    # bot from a group still wants their own reminders.
    router.my_chat_member.filter(F.chat.type == ChatType.PRIVATE)

    @router.my_chat_member(ChatMemberUpdatedFilter(member_status_changed=KICKED))
    async def blocked(event: ChatMemberUpdated, accounts: AccountService) -> None:
        await accounts.set_blocked(event.from_user.id, blocked=True)

    @router.my_chat_member(ChatMemberUpdatedFilter(member_status_changed=MEMBER))
    async def unblocked(event: ChatMemberUpdated, accounts: AccountService) -> None:
        await accounts.set_blocked(event.from_user.id, blocked=False)

    return router
