"""/start and the consent to process personal data (152-FZ)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import CommandStart
from aiogram.types import CallbackQuery, Message

from bot.i18n import Translate
from bot.legal import policy_text
from bot.services.accounts import PERSONAL_DATA, AccountService
from bot.ui.callbacks import ConsentCallback
from bot.ui.keyboards import consent_keyboard
from bot.ui.views import split_message


def setup() -> Router:
    router = Router(name="start")

    @router.message(CommandStart())
    async def start(message: Message, accounts: AccountService, t: Translate) -> None:
        assert message.from_user is not None
        outcome = await accounts.start(message.from_user.id)
        if outcome.has_consent:
            await message.answer(t("welcome-back"))
            return
        await message.answer(t("welcome"))
        await message.answer(t("consent-request"), reply_markup=consent_keyboard(t))

    @router.callback_query(ConsentCallback.filter(F.action == "accept"))
    async def accept(
        query: CallbackQuery, accounts: AccountService, t: Translate, language: str
    ) -> None:
        newly = await accounts.give_consent(query.from_user.id, PERSONAL_DATA, language)
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.edit_reply_markup(reply_markup=None)
            await query.message.answer(t("consent-thanks") if newly else t("consent-already"))

    @router.callback_query(ConsentCallback.filter(F.action == "decline"))
    async def decline(query: CallbackQuery, t: Translate) -> None:
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.edit_reply_markup(reply_markup=None)
            await query.message.answer(t("consent-declined"))

    @router.callback_query(ConsentCallback.filter(F.action == "policy"))
    async def policy(query: CallbackQuery, language: str) -> None:
        await query.answer()
        if isinstance(query.message, Message):
            for part in split_message(policy_text(language)):
                await query.message.answer(part)

    return router
