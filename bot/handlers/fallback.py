"""The last routers: unknown commands, non-text content, stray text and outdated buttons."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from bot.i18n import Translate


def setup() -> Router:
    router = Router(name="fallback")

    @router.message(F.text.startswith("/"))
    async def unknown_command(message: Message, t: Translate) -> None:
        command = (message.text or "").split()[0][:64]
        await message.answer(t("unknown-command", command=command))

    @router.message(F.text)
    async def stray_text(message: Message, t: Translate) -> None:
        await message.answer(t("free-text-hint"))

    @router.message()
    async def not_text(message: Message, t: Translate) -> None:
        await message.answer(t("not-text"))

    @router.callback_query()
    async def outdated_button(query: CallbackQuery, t: Translate) -> None:
        await query.answer(t("button-outdated"), show_alert=True)

    return router
