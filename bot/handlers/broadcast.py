"""/broadcast for centre staff: the message, an optional button, who gets it, the preview,
the confirm, and pause, resume and cancel on the progress message. For anyone who is not
staff these handlers do not exist: the command gets the unknown-command answer and the
buttons the outdated-button answer, as for anything made up."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.config import Settings
from bot.filters import IsStaff
from bot.i18n import Translate
from bot.services.broadcasts import BroadcastService, Draft, Progress
from bot.services.errors import DomainError
from bot.services.ports import Segment
from bot.ui import broadcast as ui
from bot.ui.broadcast import BroadcastCallback, BroadcastDialog

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


async def _draft(state: FSMContext) -> tuple[Draft, Segment, dict[str, Any]]:
    data = await state.get_data()
    draft = Draft.from_data(data.get(ui.DRAFT_KEY))
    if draft is None:
        raise DomainError(OUTDATED)  # sent, aborted, or a button of an old dialog
    return draft, ui.segment_from(data.get(ui.SEGMENT_KEY)), data


async def _forget_draft(state: FSMContext) -> None:
    await state.set_state(None)
    data = await state.get_data()
    keys = (ui.DRAFT_KEY, ui.SEGMENT_KEY, ui.EVENTS_KEY, ui.URL_KEY)
    await state.set_data({key: value for key, value in data.items() if key not in keys})


# --- the message and its button --------------------------------------------------------


async def start(message: Message, state: FSMContext, t: Translate) -> None:
    await _forget_draft(state)
    await state.set_state(BroadcastDialog.message)
    text, keyboard = ui.compose_prompt(t)
    await message.answer(text, reply_markup=keyboard)


async def got_message(
    message: Message, broadcasts: BroadcastService, state: FSMContext, t: Translate
) -> None:
    assert message.from_user is not None
    kind, text, entities, file_id = ui.message_parts(message)
    draft = broadcasts.check(message.from_user.id, kind, text, entities, file_id)
    await state.set_state(None)
    await state.update_data({ui.DRAFT_KEY: draft.as_data()})
    question, keyboard = ui.button_question(t)
    await message.answer(question, reply_markup=keyboard)


async def button_kind(
    query: CallbackQuery,
    callback_data: BroadcastCallback,
    broadcasts: BroadcastService,
    state: FSMContext,
    t: Translate,
) -> None:
    draft, segment, _ = await _draft(state)
    await query.answer()
    if callback_data.value == ui.LINK:
        await state.set_state(BroadcastDialog.url)
        await _edit(query, t("broadcast-ask-url"), ui.abort_keyboard(t))
    elif callback_data.value == ui.EVENT_CARD:
        await state.set_state(BroadcastDialog.event)
        await _edit(query, t("broadcast-ask-event"), ui.abort_keyboard(t))
    else:
        await state.update_data({ui.DRAFT_KEY: draft.with_button(None).as_data()})
        await _show_segment(query, broadcasts, segment, ui.MAIN, t)


async def got_url(
    message: Message, broadcasts: BroadcastService, state: FSMContext, t: Translate
) -> None:
    assert message.from_user is not None
    url = broadcasts.check_url(message.from_user.id, message.text or "")
    await state.update_data({ui.URL_KEY: url})
    await state.set_state(BroadcastDialog.label)
    await message.answer(ui.label_prompt(t), reply_markup=ui.abort_keyboard(t))


async def got_label(
    message: Message, broadcasts: BroadcastService, state: FSMContext, t: Translate
) -> None:
    assert message.from_user is not None
    draft, segment, data = await _draft(state)
    button = broadcasts.link_button(
        message.from_user.id, message.text or "", str(data.get(ui.URL_KEY) or "")
    )
    await state.update_data({ui.DRAFT_KEY: draft.with_button(button).as_data()})
    await state.set_state(None)
    audience = await broadcasts.audience(message.from_user.id, segment)
    text, keyboard = ui.SegmentScreen(t, audience).main()
    await message.answer(text, reply_markup=keyboard)


async def got_event_words(
    message: Message, broadcasts: BroadcastService, state: FSMContext, t: Translate
) -> None:
    assert message.from_user is not None
    found = await broadcasts.events(message.from_user.id, message.text or "")
    if not found:
        await message.answer(t("broadcast-no-events"), reply_markup=ui.abort_keyboard(t))
        return
    await state.update_data({ui.EVENTS_KEY: [event.id for event in found]})
    text, keyboard = ui.event_choices(t, found)
    await message.answer(text, reply_markup=keyboard)


async def pick_event(
    query: CallbackQuery,
    callback_data: BroadcastCallback,
    broadcasts: BroadcastService,
    state: FSMContext,
    t: Translate,
) -> None:
    draft, segment, data = await _draft(state)
    events = data.get(ui.EVENTS_KEY) or []
    if not isinstance(events, list) or callback_data.id >= len(events):
        raise DomainError(OUTDATED)
    button = broadcasts.event_button(
        query.from_user.id,
        t("broadcast-event-label"),
        ui.event_card_data(str(events[callback_data.id])),
    )
    await state.update_data({ui.DRAFT_KEY: draft.with_button(button).as_data()})
    await state.set_state(None)
    await query.answer()
    await _show_segment(query, broadcasts, segment, ui.MAIN, t)


# --- who gets it -------------------------------------------------------------------------


async def _show_segment(
    query: CallbackQuery, broadcasts: BroadcastService, segment: Segment, screen: str, t: Translate
) -> None:
    audience = await broadcasts.audience(query.from_user.id, segment)
    view = ui.SegmentScreen(t, audience)
    shown = {ui.ROLES: view.roles, ui.REGIONS: view.regions, ui.INTEREST_LIST: view.interests}
    text, keyboard = shown.get(screen, view.main)()
    await _edit(query, text, keyboard)


async def segment_screen(
    query: CallbackQuery,
    callback_data: BroadcastCallback,
    broadcasts: BroadcastService,
    state: FSMContext,
    t: Translate,
) -> None:
    _, segment, _ = await _draft(state)
    screen = callback_data.value
    if screen == ui.BOOKINGS:
        segment, screen = replace(segment, with_bookings=not segment.with_bookings), ui.MAIN
    elif screen == ui.RESET:
        segment, screen = Segment(), ui.MAIN
    await state.update_data({ui.SEGMENT_KEY: ui.segment_data(segment)})
    await query.answer()
    await _show_segment(query, broadcasts, segment, screen, t)


async def toggle(
    query: CallbackQuery,
    callback_data: BroadcastCallback,
    broadcasts: BroadcastService,
    state: FSMContext,
    t: Translate,
) -> None:
    _, segment, _ = await _draft(state)
    value = callback_data.value
    if callback_data.action == ui.TOGGLE_ROLE:
        segment, screen = replace(segment, roles=ui.toggled(segment.roles, value)), ui.ROLES
    elif callback_data.action == ui.TOGGLE_REGION:
        segment, screen = replace(segment, regions=ui.toggled(segment.regions, value)), ui.REGIONS
    else:
        segment = replace(segment, interests=ui.toggled(segment.interests, value))
        screen = ui.INTEREST_LIST
    await state.update_data({ui.SEGMENT_KEY: ui.segment_data(segment)})
    await query.answer()
    await _show_segment(query, broadcasts, segment, screen, t)


# --- preview and confirm -----------------------------------------------------------------


async def preview(
    query: CallbackQuery,
    broadcasts: BroadcastService,
    state: FSMContext,
    settings: Settings,
    bot: Bot,
    t: Translate,
) -> None:
    draft, segment, _ = await _draft(state)
    shown = await broadcasts.preview(query.from_user.id, draft, segment)
    await query.answer()
    text, keyboard = ui.preview_summary(shown, settings.broadcast.paid_budget_stars, t)
    await bot.send_message(query.from_user.id, text, reply_markup=keyboard)


async def send(
    query: CallbackQuery, broadcasts: BroadcastService, state: FSMContext, t: Translate
) -> None:
    draft, segment, _ = await _draft(state)
    started = await broadcasts.start(query.from_user.id, draft, segment)
    await _forget_draft(state)
    await query.answer()
    await _edit(query, t("broadcast-started", id=str(started.id), count=started.total), None)


async def abort(query: CallbackQuery, state: FSMContext, t: Translate) -> None:
    await _forget_draft(state)
    await query.answer()
    await _edit(query, t("broadcast-aborted"), None)


# --- the progress message ----------------------------------------------------------------


def _progress_view(progress: Progress, t: Translate) -> tuple[str, InlineKeyboardMarkup | None]:
    return ui.progress_text(progress, t), ui.markup(ui.progress_buttons(progress, t))


async def control(
    query: CallbackQuery,
    callback_data: BroadcastCallback,
    broadcasts: BroadcastService,
    t: Translate,
) -> None:
    staff_id, broadcast_id, action = query.from_user.id, callback_data.id, callback_data.action
    answer = None
    if action == ui.PAUSE:
        progress, answer = await broadcasts.pause(staff_id, broadcast_id), "broadcast-paused-answer"
    elif action == ui.RESUME:
        progress = await broadcasts.resume(staff_id, broadcast_id)
        answer = "broadcast-resumed-answer"
    elif action == ui.CANCEL_YES:
        progress = await broadcasts.cancel(staff_id, broadcast_id)
        answer = "broadcast-cancelled-answer"
    else:
        progress = await broadcasts.progress(staff_id, broadcast_id)
    if action == ui.CANCEL and not progress.finished:
        await query.answer()
        await _edit(query, *ui.cancel_question(progress, t))
        return
    await query.answer(t(answer) if answer else None)
    await _edit(query, *_progress_view(progress, t))


def setup() -> Router:
    router = Router(name="broadcast")
    router.message.filter(IsStaff())
    router.callback_query.filter(IsStaff())
    router.message.register(start, Command("broadcast"))
    router.message.register(got_message, BroadcastDialog.message, F.func(_not_a_command))
    router.message.register(got_url, BroadcastDialog.url, F.text, F.func(_not_a_command))
    router.message.register(got_label, BroadcastDialog.label, F.text, F.func(_not_a_command))
    router.message.register(got_event_words, BroadcastDialog.event, F.text, F.func(_not_a_command))
    actions = BroadcastCallback.filter
    router.callback_query.register(abort, actions(F.action == ui.ABORT))
    router.callback_query.register(button_kind, actions(F.action == ui.BUTTON))
    router.callback_query.register(pick_event, actions(F.action == ui.EVENT))
    router.callback_query.register(segment_screen, actions(F.action == ui.SEGMENT))
    toggles = (ui.TOGGLE_ROLE, ui.TOGGLE_REGION, ui.TOGGLE_INTEREST)
    router.callback_query.register(toggle, actions(F.action.in_(toggles)))
    router.callback_query.register(preview, actions(F.action == ui.PREVIEW))
    router.callback_query.register(send, actions(F.action == ui.SEND))
    router.callback_query.register(control, actions(F.action.in_(ui.CONTROLS)))
    return router
