"""/help and the language choice."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.i18n import SUPPORTED_LANGUAGES, Translate, translator
from bot.services.accounts import AccountService
from bot.services.staff import StaffPolicy, StaffRole
from bot.ui.callbacks import LanguageCallback
from bot.ui.keyboards import language_keyboard


def setup() -> Router:
    router = Router(name="help")

    @router.message(Command("help"))
    async def show_help(message: Message, staff_policy: StaffPolicy, t: Translate) -> None:
        text = t("help")
        member = staff_policy.member(message.from_user.id) if message.from_user else None
        if member is not None:
            text += "\n\n" + t("help-staff")
        if member is not None and member.role is StaffRole.ADMIN:
            text += "\n\n" + t("help-admin")
        await message.answer(text)

    @router.message(Command("language"))
    async def choose_language(message: Message, t: Translate) -> None:
        await message.answer(t("language-choose"), reply_markup=language_keyboard())

    @router.callback_query(LanguageCallback.filter(F.code.in_(SUPPORTED_LANGUAGES)))
    async def set_language(
        query: CallbackQuery,
        callback_data: LanguageCallback,
        accounts: AccountService,
        state: FSMContext,
    ) -> None:
        await accounts.set_language(query.from_user.id, callback_data.code)
        # Remember the choice for this conversation even before consent.
        await state.update_data(language=callback_data.code)
        await query.answer()
        if query.message is not None:
            await query.message.answer(translator(callback_data.code)("language-set"))

    return router
