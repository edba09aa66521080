"""The staff desk: /today, /week, /requests, /closeday. For anyone who is not staff these
handlers do not exist: the commands get the unknown-command answer and the buttons the
outdated-button answer, exactly as any made-up command or button would."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramForbiddenError
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.config import Settings
from bot.filters import IsStaff
from bot.i18n import Translate
from bot.services.booking.conversation import Conversation
from bot.services.booking.desk import StaffDesk
from bot.services.booking.schedule_text import ScheduleTextError
from bot.services.errors import DomainError
from bot.ui import desk as ui
from bot.ui.booking import day_label, from_day_number
from bot.ui.callbacks import DeskCallback
from bot.ui.desk import DeskDialog


async def _agenda(message: Message, desk: StaffDesk, t: Translate, days: int) -> None:
    assert message.from_user is not None
    agenda = await desk.agenda(message.from_user.id, days)
    now_minutes = int(desk.now().timestamp() // 60)
    await message.answer(
        ui.agenda_text(agenda, t), reply_markup=ui.agenda_keyboard(agenda, t, now_minutes)
    )


async def today(message: Message, desk: StaffDesk, t: Translate) -> None:
    await _agenda(message, desk, t, 1)


async def week(message: Message, desk: StaffDesk, t: Translate) -> None:
    await _agenda(message, desk, t, 7)


async def requests(message: Message, desk: StaffDesk, settings: Settings, t: Translate) -> None:
    assert message.from_user is not None
    queue = await desk.queue(message.from_user.id)
    await message.answer(
        ui.queue_text(queue, t, settings.default_timezone), reply_markup=ui.queue_keyboard(queue, t)
    )


async def settle(
    query: CallbackQuery, callback_data: DeskCallback, desk: StaffDesk, t: Translate
) -> None:
    view = await desk.settle(query.from_user.id, callback_data.id, callback_data.value)
    await query.answer(t(f"desk-marked-{view.record.status}", id=view.record.id), show_alert=True)


async def take(
    query: CallbackQuery, callback_data: DeskCallback, desk: StaffDesk, bot: Bot, t: Translate
) -> None:
    entry = await desk.take_waitlist(query.from_user.id, callback_data.id)
    await query.answer(
        t("desk-waitlist-taken", id=entry.id, user_id=entry.user_id), show_alert=True
    )


async def close_start(message: Message, desk: StaffDesk, t: Translate) -> None:
    assert message.from_user is not None
    centres = [c for c in await desk.centres(message.from_user.id) if c.consultations]
    await message.answer(
        t("desk-close-which-centre"), reply_markup=ui.close_centres_keyboard(centres)
    )


async def close_centre(
    query: CallbackQuery, callback_data: DeskCallback, desk: StaffDesk, bot: Bot, t: Translate
) -> None:
    centre = await desk.centre(query.from_user.id, callback_data.value)
    await query.answer()
    await bot.send_message(
        query.from_user.id,
        t("desk-close-which-day", centre=centre.short_name),
        reply_markup=ui.close_days_keyboard(centre, desk.local_today(centre), t),
    )


def _day(callback_data: DeskCallback) -> date:
    try:
        return from_day_number(callback_data.day)
    except ValueError:
        raise DomainError("button-outdated") from None


async def close_day(
    query: CallbackQuery, callback_data: DeskCallback, desk: StaffDesk, bot: Bot, t: Translate
) -> None:
    day = _day(callback_data)
    centre = await desk.centre(query.from_user.id, callback_data.value)
    count = await desk.bookings_on(query.from_user.id, centre.id, day)
    await query.answer()
    await bot.send_message(
        query.from_user.id,
        t("desk-close-question", centre=centre.short_name, day=day_label(day, t), count=count),
        reply_markup=ui.close_confirm_keyboard(centre.id, day, t),
    )


async def close_confirm(
    query: CallbackQuery, callback_data: DeskCallback, desk: StaffDesk, bot: Bot, t: Translate
) -> None:
    report = await desk.close_day(query.from_user.id, callback_data.value, _day(callback_data))
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(ui.closed_text(report, t))


async def write_pressed(
    query: CallbackQuery,
    callback_data: DeskCallback,
    conversation: Conversation,
    state: FSMContext,
    bot: Bot,
    t: Translate,
) -> None:
    subject = await conversation.staff_subject(
        query.from_user.id, callback_data.value, callback_data.id
    )
    # The button may sit in the staff chat; the message is typed in the private chat.
    private = FSMContext(storage=state.storage, key=replace(state.key, chat_id=query.from_user.id))
    await private.set_state(DeskDialog.write)
    await private.update_data({ui.WRITE_KIND_KEY: subject.kind, ui.WRITE_ID_KEY: subject.id})
    try:
        await bot.send_message(
            query.from_user.id,
            t("desk-write-prompt", about=ui.subject_phrase(subject, t), user_id=subject.user_id),
        )
    except TelegramForbiddenError:
        await private.clear()
        await query.answer(t("desk-write-start-private"), show_alert=True)
        return
    await query.answer()


async def staff_message(
    message: Message, conversation: Conversation, state: FSMContext, t: Translate
) -> None:
    assert message.from_user is not None
    data = await state.get_data()
    kind, subject_id = data.get(ui.WRITE_KIND_KEY), data.get(ui.WRITE_ID_KEY)
    if not isinstance(kind, str) or not isinstance(subject_id, int):
        await state.clear()
        await message.answer(t("button-outdated"))
        return
    delivered = await conversation.write_to_user(
        message.from_user.id, kind, subject_id, message.text or ""
    )
    await state.clear()
    await message.answer(t("desk-write-sent" if delivered else "desk-write-not-delivered"))


async def staff_message_not_text(message: Message, t: Translate) -> None:
    await message.answer(t("desk-write-text-only"))


async def hours_start(message: Message, desk: StaffDesk, t: Translate) -> None:
    assert message.from_user is not None
    centres = [c for c in await desk.centres(message.from_user.id) if c.consultations]
    await message.answer(t("hours-which-centre"), reply_markup=ui.hours_centres_keyboard(centres))


async def hours_centre(
    query: CallbackQuery,
    callback_data: DeskCallback,
    desk: StaffDesk,
    state: FSMContext,
    bot: Bot,
    t: Translate,
) -> None:
    centre = await desk.schedule(query.from_user.id, callback_data.value)
    await state.set_state(DeskDialog.hours)
    await state.update_data({ui.HOURS_CENTRE_KEY: centre.id})
    await query.answer()
    await bot.send_message(
        query.from_user.id,
        t("hours-current", centre=centre.short_name, schedule=ui.schedule_text(centre, t)),
    )


async def hours_text(message: Message, desk: StaffDesk, state: FSMContext, t: Translate) -> None:
    assert message.from_user is not None
    centre_id = (await state.get_data()).get(ui.HOURS_CENTRE_KEY)
    if not isinstance(centre_id, str):
        await state.clear()
        await message.answer(t("button-outdated"))
        return
    try:
        centre = await desk.set_schedule(message.from_user.id, centre_id, message.text or "")
    except ScheduleTextError as error:
        await message.answer(ui.schedule_problems_text(error.problems, t))
        return
    await state.clear()
    await message.answer(
        t("hours-saved", centre=centre.short_name, schedule=ui.schedule_text(centre, t))
    )


def setup() -> Router:
    router = Router(name="desk")
    router.message.filter(IsStaff())
    router.callback_query.filter(IsStaff())
    router.message.register(today, Command("today"))
    router.message.register(week, Command("week"))
    router.message.register(requests, Command("requests"))
    router.message.register(close_start, Command("closeday"))
    router.callback_query.register(settle, DeskCallback.filter(F.action == ui.SETTLE))
    router.callback_query.register(take, DeskCallback.filter(F.action == ui.TAKE))
    router.callback_query.register(close_centre, DeskCallback.filter(F.action == ui.CLOSE_CENTRE))
    router.callback_query.register(close_day, DeskCallback.filter(F.action == ui.CLOSE_DAY))
    router.callback_query.register(close_confirm, DeskCallback.filter(F.action == ui.CLOSE_CONFIRM))
    router.callback_query.register(write_pressed, DeskCallback.filter(F.action == ui.WRITE))
    router.message.register(hours_start, Command("hours"))
    router.callback_query.register(hours_centre, DeskCallback.filter(F.action == ui.HOURS))
    router.message.register(hours_text, DeskDialog.hours, F.text, ~F.text.startswith("/"))
    router.message.register(staff_message, DeskDialog.write, F.text, ~F.text.startswith("/"))
    router.message.register(staff_message_not_text, DeskDialog.write, ~F.text)
    return router
