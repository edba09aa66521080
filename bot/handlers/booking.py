"""Consultation booking for users: /book, the card's «Хочу консультацию», a centre, a format,
a day, a time, the phone, «Подтвердить» and the calendar file; /mybookings with cancel and
reschedule; the waitlist; the buttons of reminders and waitlist offers."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    Message,
    ReplyKeyboardRemove,
)

from bot.config import Settings
from bot.i18n import Translate
from bot.metrics import BOOKINGS
from bot.services.booking.conversation import Conversation
from bot.services.booking.intent import wants_booking
from bot.services.booking.phone import normalise_contact_phone, normalise_phone
from bot.services.booking.service import (
    BookingService,
    BookingView,
    Confirmation,
    SlotTakenError,
)
from bot.services.errors import DomainError
from bot.services.text import visible_text
from bot.ui import booking as ui
from bot.ui.booking import BookingCallback, BookingDialog


async def _leave(state: FSMContext) -> None:
    data = await state.get_data()
    await state.set_state(None)
    await state.set_data({k: v for k, v in data.items() if k not in ui.KEYS})


async def _reply(query: CallbackQuery, bot: Bot, text: str, markup: object = None) -> None:
    """Edit the message the button was on, so one dialog stays one message; send anew when
    it cannot be edited (too old, or a document)."""
    await query.answer()
    message = query.message
    if isinstance(message, Message) and message.text is not None:
        await message.edit_text(text, reply_markup=markup)  # type: ignore[arg-type]
        return
    await bot.send_message(query.from_user.id, text, reply_markup=markup)  # type: ignore[arg-type]


async def _begin(
    user_id: int, ref: str, bookings: BookingService, state: FSMContext, t: Translate
) -> tuple[str, object]:
    item_id, title = await bookings.topic_for(user_id, ref)
    await _leave(state)
    topic = t("consultation-topic-default", title=title) if title else t("booking-topic-general")
    await state.update_data({ui.TOPIC_KEY: topic, ui.ITEM_KEY: item_id, ui.RESCHEDULE_KEY: None})
    options = await bookings.centre_options(user_id)
    key = "booking-choose-centre" if options else "booking-choose-centre-no-region"
    return t(key), ui.centres_keyboard(options, t, ref)


async def book_command(
    message: Message, bookings: BookingService, state: FSMContext, t: Translate
) -> None:
    assert message.from_user is not None
    text, markup = await _begin(message.from_user.id, "", bookings, state, t)
    await message.answer(text, reply_markup=markup)  # type: ignore[arg-type]


async def start_button(
    query: CallbackQuery,
    callback_data: BookingCallback,
    bookings: BookingService,
    state: FSMContext,
    bot: Bot,
    t: Translate,
) -> None:
    data = await state.get_data()
    if callback_data.centre == "" and data.get(ui.TOPIC_KEY):
        # «Другой центр» inside the dialog keeps its topic.
        options = await bookings.centre_options(query.from_user.id)
        await _reply(query, bot, t("booking-choose-centre"), ui.centres_keyboard(options, t, ""))
        return
    text, markup = await _begin(query.from_user.id, "", bookings, state, t)
    await _reply(query, bot, text, markup)


async def card_button(
    query: CallbackQuery,
    callback_data: BookingCallback,
    bookings: BookingService,
    state: FSMContext,
    bot: Bot,
    t: Translate,
) -> None:
    text, markup = await _begin(query.from_user.id, callback_data.ref, bookings, state, t)
    await query.answer()
    await bot.send_message(query.from_user.id, text, reply_markup=markup)  # type: ignore[arg-type]


async def ask_city(query: CallbackQuery, state: FSMContext, bot: Bot, t: Translate) -> None:
    await state.set_state(BookingDialog.city)
    await query.answer()
    await bot.send_message(query.from_user.id, t("booking-type-city"))


async def typed_city(
    message: Message, bookings: BookingService, state: FSMContext, t: Translate
) -> None:
    assert message.from_user is not None
    options = await bookings.find_centres(message.from_user.id, message.text or "")
    if not options:
        await message.answer(t("booking-city-not-found"))
        return
    await state.set_state(None)
    await message.answer(
        t("booking-choose-centre"), reply_markup=ui.centres_keyboard(options, t, "")
    )


async def centre_chosen(
    query: CallbackQuery,
    callback_data: BookingCallback,
    bookings: BookingService,
    bot: Bot,
    t: Translate,
) -> None:
    centre = await bookings.centre(callback_data.centre)
    await _reply(query, bot, ui.centre_text(centre, t), ui.formats_keyboard(centre, t, ""))


async def format_chosen(
    query: CallbackQuery,
    callback_data: BookingCallback,
    bookings: BookingService,
    bot: Bot,
    t: Translate,
) -> None:
    centre = await bookings.centre(callback_data.centre)
    days = await bookings.free_days(centre.id, callback_data.fmt)
    if not days:
        horizon = centre.consultations.horizon_days if centre.consultations else 0
        await _reply(
            query,
            bot,
            t("booking-no-days", centre=centre.short_name, days=horizon),
            ui.no_days_keyboard(centre.id, callback_data.fmt, t, ""),
        )
        return
    first = days[0]
    await _reply(
        query,
        bot,
        t(
            "booking-choose-day",
            centre=centre.short_name,
            format=ui.format_name(callback_data.fmt, t),
        ),
        ui.calendar_keyboard(centre.id, callback_data.fmt, days, (first.year, first.month), t),
    )


async def month_shown(
    query: CallbackQuery,
    callback_data: BookingCallback,
    bookings: BookingService,
    bot: Bot,
    t: Translate,
) -> None:
    days = await bookings.free_days(callback_data.centre, callback_data.fmt)
    if not days:
        await query.answer(t("booking-no-days-short"), show_alert=True)
        return
    shown = (callback_data.day // 100, callback_data.day % 100)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(
            reply_markup=ui.calendar_keyboard(
                callback_data.centre, callback_data.fmt, days, shown, t
            )
        )


async def day_chosen(
    query: CallbackQuery,
    callback_data: BookingCallback,
    bookings: BookingService,
    bot: Bot,
    t: Translate,
) -> None:
    try:
        day = ui.from_day_number(callback_data.day)
    except ValueError:
        raise DomainError("button-outdated") from None
    centre = await bookings.centre(callback_data.centre)
    slots = await bookings.free_times(centre.id, callback_data.fmt, day)
    if not slots:
        await query.answer(t("booking-day-gone"), show_alert=True)
        return
    user_zone = await bookings.user_zone(query.from_user.id)
    await _reply(
        query,
        bot,
        ui.times_text(centre, day, slots, user_zone, t),
        ui.times_keyboard(centre, callback_data.fmt, slots, t),
    )


async def time_chosen(
    query: CallbackQuery,
    callback_data: BookingCallback,
    bookings: BookingService,
    settings: Settings,
    state: FSMContext,
    bot: Bot,
    t: Translate,
) -> None:
    data = await state.get_data()
    topic = data.get(ui.TOPIC_KEY) or t("booking-topic-general")
    reschedule_of = data.get(ui.RESCHEDULE_KEY)
    try:
        view = await bookings.hold(
            query.from_user.id,
            callback_data.centre,
            callback_data.fmt,
            ui.from_minutes(callback_data.at),
            topic=str(topic),
            item_id=data.get(ui.ITEM_KEY),
            reschedule_of=reschedule_of if isinstance(reschedule_of, int) else None,
        )
    except SlotTakenError as taken:
        centre = await bookings.centre(callback_data.centre)
        key = "booking-slot-taken" if taken.nearest else "booking-slot-taken-none"
        markup = (
            ui.times_keyboard(centre, callback_data.fmt, taken.nearest, t, with_day=True)
            if taken.nearest
            else ui.no_days_keyboard(centre.id, callback_data.fmt, t, "")
        )
        await _reply(query, bot, t(key), markup)
        return
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
    await state.update_data({ui.HOLD_KEY: view.record.id})
    if isinstance(reschedule_of, int):
        # A reschedule keeps the phone given the first time.
        old = await bookings.booking(query.from_user.id, reschedule_of)
        await _show_summary(
            query.from_user.id, view.record.id, old.record.phone, bookings, settings, state, bot, t
        )
        return
    await state.set_state(BookingDialog.phone)
    await bot.send_message(
        query.from_user.id,
        t("booking-ask-phone", when=ui.when_text(view, t), minutes=settings.booking.hold_minutes),
        reply_markup=ui.phone_keyboard(t),
    )


async def _show_summary(
    user_id: int,
    booking_id: int,
    phone: str | None,
    bookings: BookingService,
    settings: Settings,
    state: FSMContext,
    bot: Bot,
    t: Translate,
) -> None:
    view = await bookings.booking(user_id, booking_id)
    await state.update_data({ui.PHONE_KEY: phone})
    await state.set_state(BookingDialog.confirm)
    await bot.send_message(user_id, t("booking-phone-noted"), reply_markup=ReplyKeyboardRemove())
    await bot.send_message(
        user_id,
        ui.summary_text(view, phone, settings.booking.hold_minutes, t),
        reply_markup=ui.summary_keyboard(booking_id, t),
    )


async def _held_booking(state: FSMContext) -> int | None:
    held = (await state.get_data()).get(ui.HOLD_KEY)
    return held if isinstance(held, int) else None


async def phone_contact(
    message: Message,
    bookings: BookingService,
    settings: Settings,
    state: FSMContext,
    bot: Bot,
    t: Translate,
) -> None:
    assert message.contact is not None
    assert message.from_user is not None
    if message.contact.user_id != message.from_user.id:
        await message.answer(t("consultation-foreign-contact"), reply_markup=ui.phone_keyboard(t))
        return
    await _phone_given(
        message,
        normalise_contact_phone(message.contact.phone_number),
        bookings,
        settings,
        state,
        bot,
        t,
    )


async def phone_text(
    message: Message,
    bookings: BookingService,
    settings: Settings,
    state: FSMContext,
    bot: Bot,
    t: Translate,
) -> None:
    text = visible_text(message.text or "")
    if text == t("booking-quit"):
        await _quit(message.chat.id, bookings, state, bot, t)
        return
    if text == t("consultation-no-phone"):
        await _phone_given(message, None, bookings, settings, state, bot, t)
        return
    phone = normalise_phone(text[:40])
    if phone is None:
        await message.answer(t("booking-phone-invalid"), reply_markup=ui.phone_keyboard(t))
        return
    await _phone_given(message, phone, bookings, settings, state, bot, t)


async def _phone_given(
    message: Message,
    phone: str | None,
    bookings: BookingService,
    settings: Settings,
    state: FSMContext,
    bot: Bot,
    t: Translate,
) -> None:
    assert message.from_user is not None
    held = await _held_booking(state)
    if held is None:
        await _leave(state)
        await message.answer(t("button-outdated"), reply_markup=ReplyKeyboardRemove())
        return
    if (
        phone is None
        and (await bookings.booking(message.from_user.id, held)).record.format == "phone"
    ):
        # A consultation by phone with no number to call would never happen.
        await message.answer(t("booking-phone-needed"), reply_markup=ui.phone_keyboard(t))
        return
    await _show_summary(message.from_user.id, held, phone, bookings, settings, state, bot, t)


async def phone_other(message: Message, t: Translate) -> None:
    await message.answer(t("booking-phone-invalid"), reply_markup=ui.phone_keyboard(t))


async def confirm_pressed(
    query: CallbackQuery,
    callback_data: BookingCallback,
    bookings: BookingService,
    state: FSMContext,
    bot: Bot,
    t: Translate,
) -> None:
    data = await state.get_data()
    phone = data.get(ui.PHONE_KEY) if data.get(ui.HOLD_KEY) == callback_data.id else None
    confirmation = await bookings.confirm(
        query.from_user.id, callback_data.id, phone if isinstance(phone, str) else None
    )
    BOOKINGS.labels("moved" if confirmation.replaced is not None else "new").inc()
    if data.get(ui.HOLD_KEY) == callback_data.id:
        await _leave(state)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
    await _send_confirmation(query.from_user.id, confirmation, bot, t)


async def _send_confirmation(
    user_id: int, confirmation: Confirmation, bot: Bot, t: Translate
) -> None:
    view = confirmation.booking
    await bot.send_message(
        user_id, ui.confirmed_text(view, t, rescheduled=confirmation.replaced is not None)
    )
    await bot.send_document(
        user_id,
        BufferedInputFile(
            confirmation.calendar_file, filename=f"consultation-{view.record.id}.ics"
        ),
        caption=t("booking-ics-caption"),
    )


async def other_time(
    query: CallbackQuery,
    callback_data: BookingCallback,
    bookings: BookingService,
    state: FSMContext,
    bot: Bot,
    t: Translate,
) -> None:
    view = await bookings.booking(query.from_user.id, callback_data.id)
    await bookings.release(query.from_user.id)
    await state.set_state(None)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
    await _send_calendar(
        query.from_user.id,
        view,
        t(
            "booking-choose-day",
            centre=view.centre_name,
            format=ui.format_name(view.record.format, t),
        ),
        bookings,
        bot,
        t,
    )


async def _send_calendar(
    chat_id: int,
    view: BookingView,
    heading: str,
    bookings: BookingService,
    bot: Bot,
    t: Translate,
) -> None:
    """The free days of a booking's centre and format, as a new message under `heading`."""
    record = view.record
    days = await bookings.free_days(record.centre, record.format)
    if not days:
        await bot.send_message(chat_id, t("booking-no-days-short"))
        return
    first = (days[0].year, days[0].month)
    await bot.send_message(
        chat_id,
        heading,
        reply_markup=ui.calendar_keyboard(record.centre, record.format, days, first, t),
    )


async def quit_pressed(
    query: CallbackQuery, bookings: BookingService, state: FSMContext, bot: Bot, t: Translate
) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
    await _quit(query.from_user.id, bookings, state, bot, t)


async def _quit(
    chat_id: int, bookings: BookingService, state: FSMContext, bot: Bot, t: Translate
) -> None:
    await bookings.release(chat_id)
    await _leave(state)
    await bot.send_message(chat_id, t("booking-quit-done"), reply_markup=ReplyKeyboardRemove())


async def my_bookings(message: Message, bookings: BookingService, t: Translate) -> None:
    assert message.from_user is not None
    text, markup = await _my_bookings_view(message.from_user.id, bookings, t)
    await message.answer(text, reply_markup=markup)  # type: ignore[arg-type]


async def _my_bookings_view(
    user_id: int, bookings: BookingService, t: Translate
) -> tuple[str, object]:
    views, waitlist = await bookings.my_bookings(user_id)
    names = await bookings.centre_names()
    return (
        ui.my_bookings_text(views, waitlist, names, t),
        ui.my_bookings_keyboard(views, waitlist, bookings.now(), t),
    )


async def cancel_asked(
    query: CallbackQuery,
    callback_data: BookingCallback,
    bookings: BookingService,
    bot: Bot,
    t: Translate,
) -> None:
    view = await bookings.check_reschedulable(query.from_user.id, callback_data.id)
    await query.answer()
    await bot.send_message(
        query.from_user.id,
        t("booking-cancel-question", when=ui.when_text(view, t), centre=view.centre_name),
        reply_markup=ui.cancel_question_keyboard(view.record.id, t),
    )


async def cancel_done(
    query: CallbackQuery,
    callback_data: BookingCallback,
    bookings: BookingService,
    bot: Bot,
    t: Translate,
) -> None:
    view = await bookings.cancel(query.from_user.id, callback_data.id)
    await _reply(query, bot, t("booking-cancelled", id=view.record.id, when=ui.when_text(view, t)))


async def reschedule(
    query: CallbackQuery,
    callback_data: BookingCallback,
    bookings: BookingService,
    state: FSMContext,
    bot: Bot,
    t: Translate,
) -> None:
    view = await bookings.check_reschedulable(query.from_user.id, callback_data.id)
    await _leave(state)
    await state.update_data(
        {
            ui.TOPIC_KEY: view.record.topic,
            ui.ITEM_KEY: view.record.item_id,
            ui.RESCHEDULE_KEY: view.record.id,
        }
    )
    await query.answer()
    await _send_calendar(
        query.from_user.id,
        view,
        t("booking-reschedule-pick", when=ui.when_text(view, t)),
        bookings,
        bot,
        t,
    )


async def will_come(
    query: CallbackQuery, callback_data: BookingCallback, bookings: BookingService, t: Translate
) -> None:
    await bookings.will_come(query.from_user.id, callback_data.id)
    await query.answer(t("booking-will-come-thanks"), show_alert=True)
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)


async def waitlist_join(
    query: CallbackQuery,
    callback_data: BookingCallback,
    bookings: BookingService,
    settings: Settings,
    state: FSMContext,
    bot: Bot,
    t: Translate,
) -> None:
    data = await state.get_data()
    topic = str(data.get(ui.TOPIC_KEY) or t("booking-topic-general"))
    entry, created = await bookings.join_waitlist(
        query.from_user.id,
        callback_data.centre,
        callback_data.fmt or None,
        topic,
        data.get(ui.ITEM_KEY),
    )
    centre = await bookings.centre(entry.centre)
    key = "booking-waitlist-joined" if created else "booking-waitlist-already"
    await _reply(
        query,
        bot,
        t(
            key,
            centre=centre.short_name,
            hours=max(1, settings.booking.waitlist_offer_minutes // 60),
        ),
    )


async def waitlist_leave(
    query: CallbackQuery,
    callback_data: BookingCallback,
    bookings: BookingService,
    bot: Bot,
    t: Translate,
) -> None:
    await bookings.leave_waitlist(query.from_user.id, callback_data.id)
    text, markup = await _my_bookings_view(query.from_user.id, bookings, t)
    await _reply(query, bot, t("booking-waitlist-left") + "\n\n" + text, markup)


async def offer_declined(
    query: CallbackQuery,
    callback_data: BookingCallback,
    bookings: BookingService,
    bot: Bot,
    t: Translate,
) -> None:
    await bookings.decline_offer(query.from_user.id, callback_data.id)
    await _reply(query, bot, t("booking-offer-declined"))


async def answer_pressed(
    query: CallbackQuery,
    callback_data: BookingCallback,
    conversation: Conversation,
    state: FSMContext,
    bot: Bot,
    t: Translate,
) -> None:
    subject = await conversation.user_subject(
        query.from_user.id, callback_data.fmt, callback_data.id
    )
    await _leave(state)
    await state.set_state(BookingDialog.answer)
    await state.update_data({ui.ANSWER_KIND_KEY: subject.kind, ui.ANSWER_ID_KEY: subject.id})
    await query.answer()
    await bot.send_message(query.from_user.id, t("booking-answer-prompt"))


async def typed_answer(
    message: Message, conversation: Conversation, state: FSMContext, t: Translate
) -> None:
    assert message.from_user is not None
    data = await state.get_data()
    kind, subject_id = data.get(ui.ANSWER_KIND_KEY), data.get(ui.ANSWER_ID_KEY)
    await _leave(state)
    if not isinstance(kind, str) or not isinstance(subject_id, int):
        await message.answer(t("button-outdated"))
        return
    await conversation.answer_centre(message.from_user.id, kind, subject_id, message.text or "")
    await message.answer(t("booking-answer-sent"))


async def answer_not_text(message: Message, t: Translate) -> None:
    await message.answer(t("booking-answer-text-only"))


async def noop(query: CallbackQuery) -> None:
    await query.answer()


def setup() -> Router:
    router = Router(name="booking")
    on = router.callback_query.register

    def action(name: str):  # type: ignore[no-untyped-def]
        return BookingCallback.filter(F.action == name)

    router.message.register(book_command, Command("book"))
    # «хочу записаться на консультацию» in free words, when no dialog waits for an answer.
    router.message.register(book_command, StateFilter(None), F.text, F.text.func(wants_booking))
    router.message.register(my_bookings, Command("mybookings"))
    on(start_button, action(ui.START))
    on(card_button, action(ui.CARD))
    on(ask_city, action(ui.CITY))
    on(centre_chosen, action(ui.CENTRE))
    on(format_chosen, action(ui.FORMAT))
    on(month_shown, action(ui.MONTH))
    on(day_chosen, action(ui.DAY))
    on(time_chosen, action(ui.TIME))
    on(confirm_pressed, action(ui.CONFIRM))
    on(other_time, action(ui.OTHER_TIME))
    on(quit_pressed, action(ui.QUIT))
    on(cancel_asked, action(ui.CANCEL_ASK))
    on(cancel_done, action(ui.CANCEL_DO))
    on(reschedule, action(ui.RESCHEDULE))
    on(will_come, action(ui.WILL_COME))
    on(waitlist_join, action(ui.WAITLIST_JOIN))
    on(waitlist_leave, action(ui.WAITLIST_LEAVE))
    on(offer_declined, action(ui.OFFER_DECLINE))
    on(answer_pressed, action(ui.ANSWER))
    on(noop, action(ui.NOOP))
    router.message.register(typed_answer, BookingDialog.answer, F.text, ~F.text.startswith("/"))
    router.message.register(answer_not_text, BookingDialog.answer, ~F.text)
    router.message.register(typed_city, BookingDialog.city, F.text, ~F.text.startswith("/"))
    router.message.register(phone_contact, BookingDialog.phone, F.contact)
    router.message.register(phone_text, BookingDialog.phone, F.text, ~F.text.startswith("/"))
    router.message.register(phone_other, BookingDialog.phone, ~F.text)
    router.message.register(
        confirm_reminder, BookingDialog.confirm, F.text, ~F.text.startswith("/")
    )
    return router


async def confirm_reminder(message: Message, t: Translate) -> None:
    await message.answer(t("booking-press-confirm"))
