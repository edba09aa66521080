"""/mydata and /forget: what is stored about the user, and erasing all of it (152-FZ)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove

from bot.i18n import Translate
from bot.services.privacy import PrivacyService
from bot.ui.profile import ForgetCallback, export_document, forget_keyboard, mydata_summary


def setup() -> Router:
    router = Router(name="privacy")

    @router.message(Command("mydata"))
    async def my_data(
        message: Message, privacy: PrivacyService, state: FSMContext, t: Translate
    ) -> None:
        assert message.from_user is not None
        dialog = {"state": await state.get_state(), "data": await state.get_data()}
        has_dialog = dialog["state"] is not None or bool(dialog["data"])
        export = await privacy.export(message.from_user.id, dialog if has_dialog else None)
        await message.answer(mydata_summary(t, export))
        await message.answer_document(export_document(export), caption=t("mydata-caption"))

    @router.message(Command("forget"))
    async def forget(message: Message, t: Translate) -> None:
        await message.answer(t("forget-confirm"), reply_markup=forget_keyboard(t))

    @router.callback_query(ForgetCallback.filter(F.action == "yes"))
    async def forget_confirmed(
        query: CallbackQuery, privacy: PrivacyService, state: FSMContext, t: Translate
    ) -> None:
        # Clear the dialog first: a storage write after the erase would leave a row behind.
        await state.clear()
        await privacy.forget(query.from_user.id)
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.edit_reply_markup(reply_markup=None)
            await query.message.answer(t("forget-done"), reply_markup=ReplyKeyboardRemove())

    @router.callback_query(ForgetCallback.filter(F.action == "no"))
    async def forget_cancelled(query: CallbackQuery, t: Translate) -> None:
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.edit_reply_markup(reply_markup=None)
            await query.message.answer(t("forget-cancelled"))

    return router
