"""Consultation requests: the user's dialog, the staff's «handled» button, withdrawing."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove, User

from bot.config import Settings
from bot.i18n import Translate, translator
from bot.services.consultations import TOPIC_LIMIT, ConsultationService
from bot.services.text import visible_text
from bot.ui.callbacks import ConsultationCallback
from bot.ui.consultations import (
    CANCEL,
    CHANGE,
    CONFIRM,
    ITEM_KEY,
    TOPIC_KEY,
    RequestDialog,
    cancel_keyboard,
    phone_keyboard,
    requests_keyboard,
    requests_text,
    sent_text,
    topic_keyboard,
)


def _display_name(user: User) -> str:
    return f"{user.full_name} (@{user.username})" if user.username else user.full_name


async def _leave_dialog(state: FSMContext) -> None:
    # Only this dialog's keys: the FSM data may hold other things (a language chosen early).
    data = await state.get_data()
    await state.set_state(None)
    await state.set_data({k: v for k, v in data.items() if k not in (TOPIC_KEY, ITEM_KEY)})


async def _drop_keyboard(query: CallbackQuery) -> None:
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)


async def ask(
    query: CallbackQuery,
    callback_data: ConsultationCallback,
    consultations: ConsultationService,
    state: FSMContext,
    bot: Bot,
    t: Translate,
) -> None:
    draft = await consultations.start_request(query.from_user.id, callback_data.ref)
    await query.answer()
    chat = query.from_user.id
    if draft.item_title is None:
        await state.set_state(RequestDialog.type_topic)
        await state.update_data({TOPIC_KEY: None, ITEM_KEY: None})
        await bot.send_message(
            chat,
            t("consultation-type-topic", limit=TOPIC_LIMIT),
            reply_markup=cancel_keyboard(t),
        )
        return
    topic = t("consultation-topic-default", title=draft.item_title)
    await state.set_state(RequestDialog.confirm_topic)
    await state.update_data({TOPIC_KEY: topic, ITEM_KEY: draft.item_id})
    await bot.send_message(
        chat, t("consultation-confirm-topic", topic=topic), reply_markup=topic_keyboard(t)
    )


async def confirm_topic(query: CallbackQuery, state: FSMContext, bot: Bot, t: Translate) -> None:
    await state.set_state(RequestDialog.phone)
    await query.answer()
    await _drop_keyboard(query)
    await bot.send_message(
        query.from_user.id, t("consultation-ask-phone"), reply_markup=phone_keyboard(t)
    )


async def change_topic(query: CallbackQuery, state: FSMContext, bot: Bot, t: Translate) -> None:
    await state.set_state(RequestDialog.type_topic)
    await query.answer()
    await _drop_keyboard(query)
    await bot.send_message(
        query.from_user.id,
        t("consultation-type-topic", limit=TOPIC_LIMIT),
        reply_markup=cancel_keyboard(t),
    )


async def cancel_button(query: CallbackQuery, state: FSMContext, bot: Bot, t: Translate) -> None:
    await query.answer()
    await _drop_keyboard(query)
    # A tap on an old «Отмена» after the dialog ended changes nothing.
    if await state.get_state() in RequestDialog.__all_states_names__:
        await _leave_dialog(state)
        await bot.send_message(
            query.from_user.id, t("consultation-cancelled"), reply_markup=ReplyKeyboardRemove()
        )


async def typed_topic(message: Message, state: FSMContext, t: Translate) -> None:
    topic = visible_text(message.text or "")
    if not topic:
        await message.answer(t("consultation-topic-empty"))
        return
    if len(topic) > TOPIC_LIMIT:
        await message.answer(t("consultation-topic-too-long", limit=TOPIC_LIMIT))
        return
    await state.update_data({TOPIC_KEY: topic})
    await state.set_state(RequestDialog.phone)
    await message.answer(t("consultation-ask-phone"), reply_markup=phone_keyboard(t))


async def topic_not_text(message: Message, t: Translate) -> None:
    await message.answer(t("consultation-type-topic", limit=TOPIC_LIMIT))


async def topic_needs_button(message: Message, t: Translate) -> None:
    await message.answer(t("consultation-press-topic-button"))


async def submit(
    message: Message,
    phone: str | None,
    consultations: ConsultationService,
    state: FSMContext,
    t: Translate,
) -> None:
    assert message.from_user is not None
    data = await state.get_data()
    topic = data.get(TOPIC_KEY)
    if not isinstance(topic, str):
        await _leave_dialog(state)
        await message.answer(t("button-outdated"), reply_markup=ReplyKeyboardRemove())
        return
    outcome = await consultations.submit(
        message.from_user.id,
        topic,
        data.get(ITEM_KEY),
        phone,
        requester=_display_name(message.from_user),
    )
    await _leave_dialog(state)
    await message.answer(
        sent_text(outcome.card, t, duplicate=outcome.duplicate),
        reply_markup=ReplyKeyboardRemove(),
    )


async def shared_contact(
    message: Message, consultations: ConsultationService, state: FSMContext, t: Translate
) -> None:
    assert message.contact is not None
    assert message.from_user is not None
    if message.contact.user_id != message.from_user.id:
        await message.answer(t("consultation-foreign-contact"), reply_markup=phone_keyboard(t))
        return
    phone = message.contact.phone_number
    await submit(message, phone, consultations, state, t)


async def phone_text(
    message: Message, consultations: ConsultationService, state: FSMContext, t: Translate
) -> None:
    if message.text == t("consultation-no-phone"):
        await submit(message, None, consultations, state, t)
    elif message.text == t("consultation-cancel"):
        await _leave_dialog(state)
        await message.answer(t("consultation-cancelled"), reply_markup=ReplyKeyboardRemove())
    else:
        await message.answer(t("consultation-press-phone-button"), reply_markup=phone_keyboard(t))


async def phone_other(message: Message, t: Translate) -> None:
    await message.answer(t("consultation-press-phone-button"), reply_markup=phone_keyboard(t))


async def withdraw(
    query: CallbackQuery,
    callback_data: ConsultationCallback,
    consultations: ConsultationService,
    t: Translate,
) -> None:
    outcome = await consultations.withdraw(query.from_user.id, callback_data.request)
    await query.answer(t("consultation-withdrawn", id=callback_data.request))
    timezone = outcome.card.timezone
    if isinstance(query.message, Message):
        await query.message.edit_text(
            requests_text(outcome.still_open, t, timezone),
            reply_markup=requests_keyboard(outcome.still_open, t),
        )


async def handled(
    query: CallbackQuery,
    callback_data: ConsultationCallback,
    consultations: ConsultationService,
    settings: Settings,
) -> None:
    shown = query.message.text if isinstance(query.message, Message) else None
    await consultations.mark_handled(
        callback_data.request,
        query.from_user.id,
        staff_name=_display_name(query.from_user),
        shown=shown,
    )
    await query.answer(translator(settings.default_language)("staff-request-marked"))


def setup() -> Router:
    router = Router(name="consultations")
    router.callback_query.register(ask, ConsultationCallback.filter(F.action == "ask"))
    router.callback_query.register(
        confirm_topic, RequestDialog.confirm_topic, ConsultationCallback.filter(F.action == CONFIRM)
    )
    router.callback_query.register(
        change_topic, RequestDialog.confirm_topic, ConsultationCallback.filter(F.action == CHANGE)
    )
    router.callback_query.register(cancel_button, ConsultationCallback.filter(F.action == CANCEL))
    router.message.register(typed_topic, RequestDialog.type_topic, F.text, ~F.text.startswith("/"))
    router.message.register(topic_not_text, RequestDialog.type_topic, ~F.text)
    router.message.register(
        topic_needs_button, RequestDialog.confirm_topic, ~F.text.startswith("/")
    )
    router.message.register(shared_contact, RequestDialog.phone, F.contact)
    router.message.register(phone_text, RequestDialog.phone, F.text)
    router.message.register(phone_other, RequestDialog.phone)
    router.callback_query.register(withdraw, ConsultationCallback.filter(F.action == "withdraw"))
    router.callback_query.register(handled, ConsultationCallback.filter(F.action == "handled"))
    return router
