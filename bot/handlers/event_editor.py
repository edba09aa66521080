"""/newevent and /editevent for centre staff: a kind and a centre by buttons, then one form
message with the rest; /editevent lists the events the staff member may change and takes
the same form back. «Анонсировать» on a new event opens the staff broadcast at its preview:
the announcement and its event button are the draft, the event's region the segment, and the
broadcast router takes it from there (send, change who gets it, abort). For anyone who is
not staff these handlers do not exist: the commands get the unknown-command answer and the
buttons the outdated-button answer."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.config import Settings
from bot.filters import IsStaff
from bot.i18n import Translate
from bot.services.broadcasts import BroadcastService
from bot.services.errors import DomainError
from bot.services.event_editor import EventEditor, EventForm, EventFormError, SavedEvent
from bot.ui import broadcast as broadcast_ui
from bot.ui import event_editor as ui
from bot.ui.event_editor import EventEditorCallback, EventEditorDialog

OUTDATED = "button-outdated"


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
    if await state.get_state() in (EventEditorDialog.new.state, EventEditorDialog.edit.state):
        await state.set_state(None)
    await state.update_data({ui.KIND_KEY: None, ui.CENTRE_KEY: None, ui.REF_KEY: None})


async def _show_form(
    bot: Bot, chat_id: int, form: EventForm, state: FSMContext, t: Translate
) -> None:
    if form.fields is None:
        await state.set_state(EventEditorDialog.new)
        data = {
            ui.KIND_KEY: form.kind.value,
            ui.CENTRE_KEY: form.centre.id if form.centre else None,
        }
    else:
        await state.set_state(EventEditorDialog.edit)
        data = {ui.REF_KEY: form.ref}
    await state.update_data(data)
    keyboard = InlineKeyboardMarkup(inline_keyboard=[[ui.cancel_button(t)]])
    await bot.send_message(chat_id, ui.form_prompt(form, t), reply_markup=keyboard)
    text = ui.form_text(form, t)
    await bot.send_message(chat_id, text, entities=ui.copyable(text))


async def _saved(message: Message, saved: SavedEvent, state: FSMContext, t: Translate) -> None:
    await _leave_dialog(state)
    await message.answer(ui.saved_text(saved, t), reply_markup=ui.saved_keyboard(saved, t))


# --- a new event -------------------------------------------------------------------------------


async def new_event(
    message: Message, event_editor: EventEditor, state: FSMContext, t: Translate
) -> None:
    assert message.from_user is not None
    centres = await event_editor.centres(message.from_user.id)
    await _leave_dialog(state)
    if not centres:
        await message.answer(t("event-editor-no-centres"))
        return
    await message.answer(t("event-editor-which-kind"), reply_markup=ui.kinds_keyboard(t))


async def kind_pressed(
    query: CallbackQuery,
    callback_data: EventEditorCallback,
    event_editor: EventEditor,
    state: FSMContext,
    bot: Bot,
    t: Translate,
) -> None:
    staff_id = query.from_user.id
    centres = await event_editor.centres(staff_id)
    if len(centres) == 1:  # nothing to choose: straight to the form
        form = await event_editor.new_form(staff_id, callback_data.value, centres[0].id)
        await query.answer()
        await _show_form(bot, staff_id, form, state, t)
        return
    if not centres:
        raise DomainError(OUTDATED)
    await query.answer()
    await _edit(
        query, t("event-editor-which-centre"), ui.centres_keyboard(t, callback_data.value, centres)
    )


async def centre_pressed(
    query: CallbackQuery,
    callback_data: EventEditorCallback,
    event_editor: EventEditor,
    state: FSMContext,
    bot: Bot,
    t: Translate,
) -> None:
    form = await event_editor.new_form(query.from_user.id, callback_data.kind, callback_data.value)
    await query.answer()
    await _show_form(bot, query.from_user.id, form, state, t)


async def new_form_sent(
    message: Message, event_editor: EventEditor, state: FSMContext, t: Translate
) -> None:
    assert message.from_user is not None
    data = await state.get_data()
    kind, centre = data.get(ui.KIND_KEY), data.get(ui.CENTRE_KEY)
    if not isinstance(kind, str) or not isinstance(centre, str):
        await _leave_dialog(state)
        raise DomainError(OUTDATED)
    try:
        saved = await event_editor.create(message.from_user.id, kind, centre, message.text or "")
    except EventFormError as error:
        await message.answer(ui.problems_text(error.problems, t))
        return
    await _saved(message, saved, state, t)


# --- editing -----------------------------------------------------------------------------------


async def edit_list(
    message: Message, event_editor: EventEditor, state: FSMContext, t: Translate
) -> None:
    assert message.from_user is not None
    page = await event_editor.editable(message.from_user.id)
    await _leave_dialog(state)
    await message.answer(ui.editable_text(page, t), reply_markup=ui.editable_keyboard(page, t))


async def page_pressed(
    query: CallbackQuery,
    callback_data: EventEditorCallback,
    event_editor: EventEditor,
    t: Translate,
) -> None:
    page = await event_editor.editable(query.from_user.id, callback_data.page)
    await query.answer()
    await _edit(query, ui.editable_text(page, t), ui.editable_keyboard(page, t))


async def event_picked(
    query: CallbackQuery,
    callback_data: EventEditorCallback,
    event_editor: EventEditor,
    state: FSMContext,
    bot: Bot,
    t: Translate,
) -> None:
    form = await event_editor.edit_form(query.from_user.id, callback_data.value)
    await query.answer()
    await _show_form(bot, query.from_user.id, form, state, t)


async def edit_form_sent(
    message: Message, event_editor: EventEditor, state: FSMContext, t: Translate
) -> None:
    assert message.from_user is not None
    ref = (await state.get_data()).get(ui.REF_KEY)
    if not isinstance(ref, str):
        await _leave_dialog(state)
        raise DomainError(OUTDATED)
    try:
        saved = await event_editor.edit(message.from_user.id, ref, message.text or "")
    except EventFormError as error:
        await message.answer(ui.problems_text(error.problems, t))
        return
    await _saved(message, saved, state, t)


async def announce_pressed(
    query: CallbackQuery,
    callback_data: EventEditorCallback,
    event_editor: EventEditor,
    broadcasts: BroadcastService,
    state: FSMContext,
    settings: Settings,
    bot: Bot,
    t: Translate,
) -> None:
    staff_id = query.from_user.id
    announcement = await event_editor.announcement(staff_id, callback_data.value)
    draft = broadcasts.check(staff_id, "text", ui.announcement_text(announcement, t), ())
    button = broadcasts.event_button(
        staff_id,
        t("broadcast-event-label"),
        broadcast_ui.event_card_data(announcement.event.id),
    )
    draft = draft.with_button(button)
    await _leave_dialog(state)
    await state.update_data(
        {
            broadcast_ui.DRAFT_KEY: draft.as_data(),
            broadcast_ui.SEGMENT_KEY: broadcast_ui.segment_data(announcement.segment),
        }
    )
    shown = await broadcasts.preview(staff_id, draft, announcement.segment)
    await query.answer()
    text, keyboard = broadcast_ui.preview_summary(shown, settings.broadcast.paid_budget_stars, t)
    await bot.send_message(staff_id, text, reply_markup=keyboard)


async def form_not_text(message: Message, t: Translate) -> None:
    await message.answer(t("event-editor-text-only"))


async def cancel(query: CallbackQuery, state: FSMContext, t: Translate) -> None:
    await _leave_dialog(state)
    await query.answer()
    await _edit(query, t("event-editor-cancelled"), None)


def setup() -> Router:
    router = Router(name="event_editor")
    router.message.filter(IsStaff())
    router.callback_query.filter(IsStaff())
    router.message.register(new_event, Command("newevent"))
    router.message.register(edit_list, Command("editevent"))
    router.message.register(new_form_sent, EventEditorDialog.new, F.text, F.func(_not_a_command))
    router.message.register(edit_form_sent, EventEditorDialog.edit, F.text, F.func(_not_a_command))
    router.message.register(form_not_text, EventEditorDialog.new, ~F.text)
    router.message.register(form_not_text, EventEditorDialog.edit, ~F.text)
    actions = EventEditorCallback.filter
    router.callback_query.register(kind_pressed, actions(F.action == ui.KIND))
    router.callback_query.register(centre_pressed, actions(F.action == ui.CENTRE))
    router.callback_query.register(page_pressed, actions(F.action == ui.PAGE))
    router.callback_query.register(event_picked, actions(F.action == ui.PICK))
    router.callback_query.register(announce_pressed, actions(F.action == ui.ANNOUNCE))
    router.callback_query.register(cancel, actions(F.action == ui.CANCEL))
    return router
