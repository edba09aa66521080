"""The bot works in private chats only; in groups it says so once per message."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.types import CallbackQuery, Message

from bot.i18n import Translate
from bot.ui.callbacks import ConsultationCallback


def setup() -> Router:
    router = Router(name="groups")
    router.message.filter(F.chat.type != ChatType.PRIVATE)

    @router.message(F.text.startswith("/") | F.reply_to_message.from_user.is_bot)
    async def private_only(message: Message, t: Translate) -> None:
        await message.reply(t("private-only"))

    @router.message()
    async def ignore_chatter(message: Message) -> None:
        """Ordinary group chatter is not for the bot; answering it would be spam."""

    # Staff mark consultation requests handled from their group chat; every other button
    # in a group gets the private-only answer.
    @router.callback_query(
        F.message.chat.type != ChatType.PRIVATE,
        ~ConsultationCallback.filter(F.action == "handled"),
    )
    async def private_only_button(query: CallbackQuery, t: Translate) -> None:
        await query.answer(t("private-only"), show_alert=True)

    return router
