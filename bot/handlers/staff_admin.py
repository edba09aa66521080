"""/staff for admins: the list of staff, granting staff rights by Telegram id or a shared
contact (for every region or one), and revoking them. For anyone who is not an admin these
handlers do not exist: the command gets the unknown-command answer and the buttons the
outdated-button answer, as for anything made up."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.filters import IsAdmin
from bot.i18n import Translate
from bot.services.errors import DomainError
from bot.services.staff_admin import GrantOutcome, RegionQuestion, StaffAdmin
from bot.ui import staff_admin as ui
from bot.ui.staff_admin import StaffAdminCallback, StaffAdminDialog


def _not_a_command(message: Message) -> bool:
    return not (message.text or "").startswith("/")


async def _edit(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """Change the pressed message in place; a message too old to edit gets a new one."""
    if isinstance(query.message, Message):
        try:
            await query.message.edit_text(text, reply_markup=markup)
            return
        except TelegramBadRequest as error:
            if "not modified" in str(error).lower():
                return
    assert query.bot is not None
    await query.bot.send_message(query.from_user.id, text, reply_markup=markup)


async def _leave_dialog(state: FSMContext) -> None:
    if await state.get_state() in (StaffAdminDialog.person.state, StaffAdminDialog.region.state):
        await state.set_state(None)
    await state.update_data({ui.PERSON_KEY: None})


async def staff_list(
    message: Message, staff_admin: StaffAdmin, state: FSMContext, t: Translate
) -> None:
    assert message.from_user is not None
    listing = await staff_admin.staff_list(message.from_user.id)
    await _leave_dialog(state)
    await message.answer(ui.list_text(listing, t), reply_markup=ui.list_keyboard(listing, t))


async def grant_pressed(query: CallbackQuery, state: FSMContext, bot: Bot, t: Translate) -> None:
    await state.set_state(StaffAdminDialog.person)
    await state.update_data({ui.PERSON_KEY: None})
    await query.answer()
    await bot.send_message(
        query.from_user.id, t("staff-admin-ask-person"), reply_markup=ui.cancel_keyboard(t)
    )


async def _after_person(
    message: Message, step: RegionQuestion | GrantOutcome, state: FSMContext, t: Translate
) -> None:
    if isinstance(step, GrantOutcome):
        await _leave_dialog(state)
        await message.answer(ui.granted_text(step, t))
        return
    await state.set_state(StaffAdminDialog.region)
    await state.update_data({ui.PERSON_KEY: step.telegram_id})
    text, keyboard = ui.region_question(step, t)
    await message.answer(text, reply_markup=keyboard)


async def person_typed(
    message: Message, staff_admin: StaffAdmin, state: FSMContext, t: Translate
) -> None:
    assert message.from_user is not None
    step = await staff_admin.person(message.from_user.id, message.text or "")
    await _after_person(message, step, state, t)


async def person_shared(
    message: Message, staff_admin: StaffAdmin, state: FSMContext, t: Translate
) -> None:
    assert message.from_user is not None
    assert message.contact is not None
    step = await staff_admin.contact(message.from_user.id, message.contact.user_id)
    await _after_person(message, step, state, t)


async def region_typed(
    message: Message, staff_admin: StaffAdmin, state: FSMContext, t: Translate
) -> None:
    assert message.from_user is not None
    person = (await state.get_data()).get(ui.PERSON_KEY)
    if not isinstance(person, int):
        await _leave_dialog(state)
        raise DomainError("button-outdated")
    outcome = await staff_admin.grant(message.from_user.id, person, message.text or "")
    await _leave_dialog(state)
    await message.answer(ui.granted_text(outcome, t))


async def region_pressed(
    query: CallbackQuery,
    callback_data: StaffAdminCallback,
    staff_admin: StaffAdmin,
    state: FSMContext,
    t: Translate,
) -> None:
    outcome = await staff_admin.grant(query.from_user.id, callback_data.id, callback_data.value)
    await _leave_dialog(state)
    await query.answer()
    await _edit(query, ui.granted_text(outcome, t), None)


async def revoke_pressed(
    query: CallbackQuery, callback_data: StaffAdminCallback, staff_admin: StaffAdmin, t: Translate
) -> None:
    entry = await staff_admin.granted(query.from_user.id, callback_data.id)
    await query.answer()
    assert query.bot is not None
    text, keyboard = ui.revoke_question(entry, t)
    await query.bot.send_message(query.from_user.id, text, reply_markup=keyboard)


async def revoke_confirmed(
    query: CallbackQuery, callback_data: StaffAdminCallback, staff_admin: StaffAdmin, t: Translate
) -> None:
    outcome = await staff_admin.revoke(query.from_user.id, callback_data.id)
    await query.answer()
    await _edit(query, ui.revoked_text(outcome, t), None)


async def cancel(query: CallbackQuery, state: FSMContext, t: Translate) -> None:
    await _leave_dialog(state)
    await query.answer()
    await _edit(query, t("staff-admin-cancelled"), None)


def setup() -> Router:
    router = Router(name="staff_admin")
    router.message.filter(IsAdmin())
    router.callback_query.filter(IsAdmin())
    router.message.register(staff_list, Command("staff"))
    router.message.register(person_typed, StaffAdminDialog.person, F.text, F.func(_not_a_command))
    router.message.register(person_shared, StaffAdminDialog.person, F.contact)
    router.message.register(region_typed, StaffAdminDialog.region, F.text, F.func(_not_a_command))
    actions = StaffAdminCallback.filter
    router.callback_query.register(grant_pressed, actions(F.action == ui.GRANT))
    router.callback_query.register(region_pressed, actions(F.action == ui.REGION))
    router.callback_query.register(revoke_pressed, actions(F.action == ui.REVOKE))
    router.callback_query.register(revoke_confirmed, actions(F.action == ui.REVOKE_YES))
    router.callback_query.register(cancel, actions(F.action == ui.CANCEL))
    return router
