"""Consultation booking through the real dispatcher, on SQLite and PostgreSQL: a card to the
calendar file, /mybookings, cancel and reschedule, a taken or past time, other people's
buttons, the waitlist, reminders and the staff desk."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import icalendar
import pytest_asyncio
from aiogram import Bot
from aiogram.types import User
from prometheus_client import REGISTRY
from sqlalchemy import select

from bot.app import build_application
from bot.composition import build_reminder_service
from bot.config import Settings
from bot.console.driver import ConsoleDriver
from bot.console.session import RecordingSession
from bot.services.accounts import PERSONAL_DATA, AccountService
from bot.services.knowledge_base import short_reference
from bot.storage.models import Booking, Reminder, WaitlistEntry
from bot.storage.repositories import SqlUnitOfWork
from bot.telegram_messenger import TelegramMessenger
from bot.ui.booking import BookingCallback
from bot.ui.callbacks import DeskCallback
from tests.conftest import TEST_TOKEN, SharedKnowledge

from .helpers import set_profile

USER_ID = 111
OTHER_ID = 222
STAFF_ID = 901
WELDER = "15.01.05"
TOMSK = "copp-tomsk"
# Tuesday 1 December 2026, 13:00 in Tomsk (UTC+7): the centre is open, the afternoon is free.
START = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
_ids = itertools.count(70_000)


class MovableClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest_asyncio.fixture
async def clock() -> MovableClock:
    return MovableClock(START)


@pytest_asyncio.fixture
async def booking(settings: Settings, clock: MovableClock) -> AsyncIterator[ConsoleDriver]:
    application = build_application(settings, knowledge=SharedKnowledge(), clock=clock)
    session = RecordingSession()
    bot = Bot(token=TEST_TOKEN, session=session)
    user = User(id=USER_ID, is_bot=False, first_name="Иван", language_code="ru")
    driver = ConsoleDriver(application.dispatcher, bot, session, user)
    driver.application = application  # type: ignore[attr-defined]
    try:
        yield driver
    finally:
        await application.engine.dispose()


def _other(driver: ConsoleDriver, user_id: int) -> ConsoleDriver:
    """Another person on the same dispatcher and database."""
    other = ConsoleDriver(
        driver.dispatcher,
        driver.bot,
        driver.session,
        User(id=user_id, is_bot=False, first_name="Пётр", language_code="ru"),
        _update_ids=itertools.count(next(_ids) * 10_000),  # apart: dedup drops repeats
    )
    other.application = driver.application  # type: ignore[attr-defined]
    return other


async def _onboard(driver: ConsoleDriver, user_id: int = USER_ID, region: str = "RU-TOM") -> None:
    async with driver.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        await AccountService(uow).give_consent(user_id, PERSONAL_DATA, "ru")
        await set_profile(uow, user_id, role="career_change", region=region)
        await uow.commit()


async def _rows(driver: ConsoleDriver, model: Any) -> list[Any]:
    async with driver.application.session_factory() as session:  # type: ignore[attr-defined]
        return list(await session.scalars(select(model).order_by(model.id)))


def minutes_of(moment: datetime) -> int:
    return int(moment.timestamp() // 60)


def _data(driver: ConsoleDriver, action: str) -> list[str]:
    prefix = f"bk:{action}:"
    return [c.callback_data for c in driver.choices if (c.callback_data or "").startswith(prefix)]


async def _press_first(driver: ConsoleDriver, action: str) -> list[str]:
    data = _data(driver, action)
    assert data, f"no {action} button among {[c.label for c in driver.choices]}"
    return await driver.press_data(data[0])


async def _pick_time(driver: ConsoleDriver, fmt_label: str = "В центре, лично") -> list[str]:
    """From the centre list to the first free time of the third free day: far enough from
    the clock for both reminders and for the cancel cut-off."""
    await driver.press_label("ЦОПП Томской области (Томск)")
    await driver.press_label(fmt_label)
    await driver.press_data(_data(driver, "day")[2])
    return await _press_first(driver, "time")


async def _book(
    driver: ConsoleDriver, phone_text: str = "Без телефона — пишите в Telegram"
) -> list[str]:
    await driver.send_text("/book")
    await _pick_time(driver)
    await driver.send_text(phone_text)
    return await driver.press_label("Подтвердить запись")


async def test_from_a_card_to_the_calendar_file(booking: ConsoleDriver) -> None:
    await _onboard(booking)

    lines = await booking.press_data(
        BookingCallback(action="card", ref=short_reference(WELDER)).pack()
    )
    assert "Где вам удобнее получить консультацию" in lines[0]
    labels = [c.label for c in booking.choices]
    assert labels[0] == "ЦОПП Томской области (Томск)"
    assert "Оставить заявку на звонок" in labels

    card = await booking.press_label("ЦОПП Томской области (Томск)")
    assert "Адрес: г. Томск" in card[0] and "пример для знакомства" in card[0]
    calendar = await booking.press_label("В центре, лично")
    assert "только дни со свободным временем" in calendar[0]
    # Today 13:00 plus three hours' notice: the first day offered is today, from 16:00.
    assert _data(booking, "day")[0].endswith(":20261201:0:0:")
    times = await booking.press_data(_data(booking, "day")[2])
    assert "по местному времени центра (Томск, UTC+7)" in times[0]
    assert "У вас другой часовой пояс" not in times[0]

    asked = await _press_first(booking, "time")
    assert "придержу это время за вами на 10 минут" in asked[-1]
    summary = await booking.send_text("8 (912) 345-67-89")
    assert "Телефон: +7 912 345-67-89" in summary[-1]
    assert "Тема: Консультация: Сварщик" in summary[-1]

    booked_before = REGISTRY.get_sample_value("careerbot_bookings_total", {"kind": "new"}) or 0
    confirmed = await booking.press_label("Подтвердить запись")
    assert REGISTRY.get_sample_value("careerbot_bookings_total", {"kind": "new"}) == (
        booked_before + 1
    )
    (mine,) = [line for line in confirmed if "Готово, вы записаны. Номер записи — 1." in line]
    assert "Адрес: г. Томск" in mine
    assert any("Новая запись: ЦОПП Томской области" in line for line in confirmed)
    name, content = booking.sent_files[-1]
    assert name == "consultation-1.ics"
    event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    (row,) = await _rows(booking, Booking)
    assert row.status == "booked" and row.phone == "+79123456789"
    assert event.decoded("DTSTART") == row.starts_at
    assert "Сварщик" in str(event.get("SUMMARY"))
    reminders = await _rows(booking, Reminder)
    assert sorted(r.kind for r in reminders) == ["booking_24h", "booking_2h"]
    assert {r.due_at for r in reminders} == {
        row.starts_at - timedelta(hours=24),
        row.starts_at - timedelta(hours=2),
    }


async def test_another_zone_is_named(booking: ConsoleDriver) -> None:
    await _onboard(booking, region="RU-TVE")  # Moscow time, four hours behind Tomsk
    await booking.send_text("/book")
    await booking.press_label("ЦОПП Томской области: Онлайн")
    await booking.press_label("Онлайн")
    times = await _press_first(booking, "day")
    assert "У вас другой часовой пояс (UTC+3)" in times[0]


async def test_my_bookings_cancel_and_cancel_again(booking: ConsoleDriver) -> None:
    await _onboard(booking)
    await _book(booking)

    listed = await booking.send_text("/mybookings")
    assert "№ 1. ЦОПП Томской области, В центре, лично" in listed[0]
    await booking.press_label("Отменить № 1")
    done = await booking.press_label("Да, отменить")
    assert any("Запись № 1 отменена" in line for line in done)
    assert any("Запись отменена пользователем" in line for line in done)
    (row,) = await _rows(booking, Booking)
    assert row.status == "cancelled_user"
    assert {r.status for r in await _rows(booking, Reminder)} == {"cancelled"}

    again = await booking.press_data(BookingCallback(action="cx", id=1).pack())
    assert "уже отменена" in " ".join(again)
    assert "нет предстоящих записей" in (await booking.send_text("/mybookings"))[0]


async def test_reschedule_takes_the_new_time_before_freeing_the_old(booking: ConsoleDriver) -> None:
    await _onboard(booking)
    await _book(booking, "+7 912 345 67 89")
    (first,) = await _rows(booking, Booking)

    await booking.press_data(BookingCallback(action="move", id=first.id).pack())
    await _press_first(booking, "day")
    times = _data(booking, "time")
    await booking.press_data(times[1])  # the second time of the day: not the one booked
    # While the new time is only held, the old booking still stands.
    rows = await _rows(booking, Booking)
    assert [r.status for r in rows] == ["booked", "held"]
    done = await booking.press_label("Подтвердить запись")
    assert any("на новое время" in line for line in done)
    assert any("Запись перенесена" in line for line in done)
    old, new = await _rows(booking, Booking)
    assert (old.status, new.status) == ("cancelled_user", "booked")
    assert new.phone == "+79123456789"  # kept from the first booking
    reminders = await _rows(booking, Reminder)
    assert {(r.subject, r.status) for r in reminders} == {
        (str(old.id), "cancelled"),
        (str(new.id), "pending"),
    }


async def test_a_time_someone_took_meanwhile_offers_the_nearest(booking: ConsoleDriver) -> None:
    await _onboard(booking)
    await _onboard(booking, OTHER_ID)
    other = _other(booking, OTHER_ID)
    await booking.send_text("/book")
    await _pick_time(booking)  # user 111 holds the first time
    await other.send_text("/book")
    await other.press_label("ЦОПП Томской области (Томск)")
    await other.press_label("В центре, лично")
    await other.press_data(_data(other, "day")[2])
    held = (await _rows(booking, Booking))[0]
    # The held time is no longer offered to the second person at all …
    offered = {BookingCallback.unpack(d).at for d in _data(other, "time")}
    assert offered and minutes_of(held.starts_at) not in offered
    # … and a stale button for it gets the nearest free ones.
    stale = BookingCallback(
        action="time", centre=TOMSK, fmt="in_person", at=minutes_of(held.starts_at)
    )
    lines = await other.press_data(stale.pack())
    assert "Это время уже заняли, вот ближайшие свободные" in lines[-1]
    assert len(_data(other, "time")) >= 3


async def test_an_abandoned_hold_frees_itself(booking: ConsoleDriver, clock: MovableClock) -> None:
    await _onboard(booking)
    await _onboard(booking, OTHER_ID)
    await booking.send_text("/book")
    await _pick_time(booking)
    held = (await _rows(booking, Booking))[0]
    clock.now += timedelta(minutes=11)
    other = _other(booking, OTHER_ID)
    await other.send_text("/book")
    await other.press_label("ЦОПП Томской области (Томск)")
    lines = await other.press_data(
        BookingCallback(
            action="time", centre=TOMSK, fmt="in_person", at=int(held.starts_at.timestamp() // 60)
        ).pack()
    )
    assert "придержу" in lines[-1]
    # The first person's hold was lost: their «Подтвердить» says so instead of booking.
    lost = await booking.press_data(BookingCallback(action="ok", id=held.id).pack())
    assert "уже занял другой человек" in " ".join(lost)


async def test_a_time_that_became_past_while_choosing(
    booking: ConsoleDriver, clock: MovableClock
) -> None:
    await _onboard(booking)
    await booking.send_text("/book")
    await booking.press_label("ЦОПП Томской области (Томск)")
    await booking.press_label("В центре, лично")
    await _press_first(booking, "day")  # today, from 16:00
    first = _data(booking, "time")[0]
    clock.now += timedelta(hours=1)  # 16:00 is now within the three hours' notice
    lines = await booking.press_data(first)
    assert "Это время уже заняли" in lines[-1]
    assert await _rows(booking, Booking) == []


async def test_other_peoples_and_forged_booking_buttons(booking: ConsoleDriver) -> None:
    await _onboard(booking)
    await _onboard(booking, OTHER_ID)
    await _book(booking)
    other = _other(booking, OTHER_ID)
    for action in ("cx?", "cx", "move", "ok", "come", "decline"):
        lines = await other.press_data(BookingCallback(action=action, id=1).pack())
        assert "Такой записи не нашлось" in " ".join(lines), action
    (row,) = await _rows(booking, Booking)
    assert row.status == "booked"
    forged = await other.press_data("bk:time:copp-tomsk:in_person:0:99999999999999:0:")
    assert "кнопка устарела" in " ".join(forged)
    nowhere = await other.press_data(BookingCallback(action="centre", centre="no-such").pack())
    assert "Этого центра больше нет" in " ".join(nowhere)


async def test_a_centre_without_consultants_offers_a_call_back(booking: ConsoleDriver) -> None:
    await _onboard(booking, region="RU-VOR")
    await booking.send_text("/book")
    lines = await booking.press_data(
        BookingCallback(action="centre", centre="copp-voronezh-vpt").pack()
    )
    assert "нельзя выбрать время через бота" in lines[0]
    labels = [c.label for c in booking.choices]
    assert "Оставить заявку на звонок" in labels
    assert not any(label.startswith("В центре") for label in labels)


async def test_phone_in_strange_formats(booking: ConsoleDriver) -> None:
    await _onboard(booking)
    await booking.send_text("/book")
    await _pick_time(booking)
    assert "Не похоже на номер телефона" in (await booking.send_text("позвоните мне"))[0]
    assert "Не похоже на номер телефона" in (await booking.send_text("12345"))[0]
    summary = await booking.send_text("+7(3822)97-71-39")
    assert "Телефон: +7 382 297-71-39" in summary[-1]


async def test_city_search_finds_a_centre(booking: ConsoleDriver) -> None:
    await _onboard(booking, region="RU-TVE")
    await booking.send_text("/book")
    await booking.press_label("Другой город")
    lines = await booking.send_text("в оренбурге")
    assert "Где вам удобнее" in lines[0]
    assert booking.choices[0].label.startswith("Гуманитарно-технический техникум")


async def test_limit_of_open_bookings_per_centre(booking: ConsoleDriver) -> None:
    await _onboard(booking)
    await _book(booking)
    await booking.send_text("/book")
    await booking.press_label("ЦОПП Томской области (Томск)")
    await booking.press_label("В центре, лично")
    days = _data(booking, "day")
    await booking.press_data(days[1])
    await _press_first(booking, "time")
    await booking.send_text("Без телефона — пишите в Telegram")
    await booking.press_label("Подтвердить запись")
    await booking.send_text("/book")
    await booking.press_label("ЦОПП Томской области (Томск)")
    await booking.press_label("В центре, лично")
    await booking.press_data(_data(booking, "day")[2])
    lines = await _press_first(booking, "time")
    assert "больше сразу нельзя" in " ".join(lines)


async def test_waitlist_gets_the_freed_time(booking: ConsoleDriver) -> None:
    await _onboard(booking)
    await _onboard(booking, OTHER_ID)
    other = _other(booking, OTHER_ID)
    await other.send_text("/book")
    await other.press_label("ЦОПП Томской области (Томск)")
    await other.press_label("В центре, лично")
    joined = await other.press_data(
        BookingCallback(action="wait", centre=TOMSK, fmt="in_person").pack()
    )
    assert "Вы в листе ожидания центра «ЦОПП Томской области»" in " ".join(joined)
    again = await other.press_data(
        BookingCallback(action="wait", centre=TOMSK, fmt="in_person").pack()
    )
    assert "уже в листе ожидания" in " ".join(again)

    await _book(booking)
    await booking.send_text("/mybookings")
    await booking.press_label("Отменить № 1")
    lines = await booking.press_label("Да, отменить")
    offer = [line for line in lines if "Освободилось время" in line]
    assert offer, lines
    (entry,) = await _rows(booking, WaitlistEntry)
    assert entry.status == "offered"
    confirmed = await other.press_data(
        BookingCallback(action="ok", id=entry.offered_booking_id).pack()
    )
    assert any("Готово, вы записаны" in line for line in confirmed)
    (entry,) = await _rows(booking, WaitlistEntry)
    assert entry.status == "booked"


async def test_reminders_arrive_once_with_buttons(
    booking: ConsoleDriver, clock: MovableClock
) -> None:
    await _onboard(booking)
    await _book(booking)
    (row,) = await _rows(booking, Booking)
    application = booking.application  # type: ignore[attr-defined]

    async def deliver() -> None:
        async with application.session_factory() as session:
            service = build_reminder_service(
                session,
                application.settings,
                application.knowledge,
                TelegramMessenger(booking.bot),
                clock,
            )
            await service.deliver_due()

    clock.now = row.starts_at - timedelta(hours=23)
    await deliver()
    await deliver()
    sent = booking.take_sent()
    assert sum("завтра у вас консультация" in line for line in sent) == 1
    assert [c.label for c in booking.choices][:1] == ["Приду"]
    answered = await booking.press_label("Приду")
    assert "Спасибо! Ждём вас." in " ".join(answered)
    (row,) = await _rows(booking, Booking)
    assert row.confirmed_at is not None

    clock.now = row.starts_at - timedelta(minutes=90)
    await deliver()
    assert sum("через 2 часа" in line for line in booking.take_sent()) == 1
    await deliver()
    assert booking.take_sent() == []


async def test_non_staff_get_the_unknown_command_answer(booking: ConsoleDriver) -> None:
    await _onboard(booking)
    for command in ("/today", "/week", "/requests", "/closeday"):
        lines = await booking.send_text(command)
        assert lines == [f"Я не знаю команды {command}. Список команд — в /help."], command
    for data in (
        DeskCallback(action="settle", id=1, value="attended").pack(),
        DeskCallback(action="closeok", value=TOMSK, day=20261203).pack(),
        DeskCallback(action="take", id=1).pack(),
    ):
        lines = await booking.press_data(data)
        assert "кнопка устарела" in " ".join(lines)


def _staff(driver: ConsoleDriver) -> ConsoleDriver:
    return _other(driver, STAFF_ID)


async def test_staff_close_a_day_with_ten_bookings(
    booking: ConsoleDriver, clock: MovableClock
) -> None:
    people = [_other(booking, 5000 + n) for n in range(10)]
    day_data = None
    for number, person in enumerate(people):
        await _onboard(booking, person.user.id)
        await person.send_text("/book")
        await person.press_label("ЦОПП Томской области (Томск)")
        # Seven meetings fit a seat's day: half come in person, half talk online.
        await person.press_label("Онлайн" if number % 2 else "В центре, лично")
        day_data = day_data or _data(person, "day")[1]
        day = BookingCallback.unpack(day_data).day
        # The same local day, in the format this person chose.
        format_day = BookingCallback.unpack(_data(person, "day")[0]).model_copy(update={"day": day})
        await person.press_data(format_day.pack())
        await _press_first(person, "time")
        await person.send_text("Без телефона — пишите в Telegram")
        assert any("Готово" in line for line in await person.press_label("Подтвердить запись"))
    staff = _staff(booking)
    await _onboard(booking, STAFF_ID)
    day = BookingCallback.unpack(day_data).day
    question = await staff.press_data(DeskCallback(action="closeday", value=TOMSK, day=day).pack())
    assert "Записей на этот день: 10" in question[0]
    done = await staff.press_label("Да, закрыть день")
    told = [line for line in done if "не сможет принять вас в этот день" in line]
    assert len(told) == 10
    assert any("Отменено записей: 10, сообщение получили: 10" in line for line in done)
    assert {r.status for r in await _rows(booking, Booking)} == {"cancelled_staff"}
    # Nobody can book that day any more.
    await people[0].send_text("/book")
    await people[0].press_label("ЦОПП Томской области (Томск)")
    await people[0].press_label("Онлайн")
    assert day_data not in _data(people[0], "day")


async def test_staff_desk_today_attendance_and_requests(
    booking: ConsoleDriver, clock: MovableClock
) -> None:
    await _onboard(booking)
    await _onboard(booking, STAFF_ID)
    await _book(booking)
    (row,) = await _rows(booking, Booking)
    staff = _staff(booking)
    week = await staff.send_text("/week")
    assert (
        "Записи на 7 дней: 1" in week[0]
        and "ЦОПП Томской области — Профконсультант, приём в центре" in week[0]
    )
    early = await staff.press_data(
        DeskCallback(action="settle", id=row.id, value="attended").pack()
    )
    assert "ещё не началась" in " ".join(early)
    clock.now = row.starts_at + timedelta(minutes=5)
    today = await staff.send_text("/today")
    assert "записан" in today[0]
    marked = await staff.press_label(f"Пришёл: № {row.id}")
    assert "отмечено, что человек пришёл" in " ".join(marked)
    (row,) = await _rows(booking, Booking)
    assert row.status == "attended"
    stats = await staff.send_text("/stats")
    assert "записаны: 0 (из них подтвердили в напоминании: 0); пришли: 1; не пришли: 0" in stats[0]

    await booking.press_data(BookingCallback(action="wait", centre=TOMSK, fmt="online").pack())
    queue = await staff.send_text("/requests")
    assert "Лист ожидания: 1" in queue[0]
    (entry,) = await _rows(booking, WaitlistEntry)
    taken = await staff.press_data(DeskCallback(action="take", id=entry.id).pack())
    assert "ваш" in " ".join(taken)
    admin = _other(booking, 900)
    twice = await admin.press_data(DeskCallback(action="take", id=entry.id).pack())
    assert "уже взял другой сотрудник" in " ".join(twice)


async def test_a_phone_consultation_needs_a_number(booking: ConsoleDriver) -> None:
    await _onboard(booking)
    await booking.send_text("/book")
    await _pick_time(booking, "По телефону")
    lines = await booking.send_text("Без телефона — пишите в Telegram")
    assert "Для консультации по телефону нужен ваш номер" in lines[0]
    summary = await booking.share_contact("79123456789")
    assert "Телефон: +7 912 345-67-89" in summary[-1]


async def test_asking_in_free_words_starts_booking(booking: ConsoleDriver) -> None:
    await _onboard(booking)
    lines = await booking.send_text("Хочу записаться на консультацию")
    assert "Где вам удобнее получить консультацию" in lines[0]
    lines = await booking.send_text("хочу записаться на курс сварщика")
    assert "Где вам удобнее" not in " ".join(lines)


async def test_staff_write_to_a_user_and_the_answer_comes_back(booking: ConsoleDriver) -> None:
    await _onboard(booking)
    await _onboard(booking, STAFF_ID)
    await _onboard(booking, OTHER_ID)
    await _book(booking)
    (row,) = await _rows(booking, Booking)
    staff = _staff(booking)
    await staff.send_text("/week")
    prompt = await staff.press_label(f"Написать пользователю № {row.id}")
    assert "Напишите одним сообщением, что передать пользователю id 111 по записи № 1" in prompt[0]
    sent = await staff.send_text("Здравствуйте! Возьмите, пожалуйста, паспорт.\nЖдём вас.")
    assert "Отправлено" in sent[-1]
    # The user reads it under the centre's name, line breaks kept, and answers.
    received = booking.take_sent() or [line for line in sent if "пишет вам" in line]
    assert any(
        "ЦОПП Томской области пишет вам по записи № 1:\n\nЗдравствуйте! Возьмите, пожалуйста, паспорт.\nЖдём вас."
        in line
        for line in received + sent
    )
    await booking.press_data(BookingCallback(action="answer", fmt="b", id=row.id).pack())
    back = await booking.send_text("Хорошо, возьму")
    assert "Передал ваш ответ в центр" in back[-1]
    assert any(
        "[чат -100500] Ответ пользователя id 111 по записи № 1 (ЦОПП Томской области):\n\nХорошо, возьму"
        in line
        for line in back
    )
    # Someone else cannot answer about this booking, and non-staff cannot write.
    other = _other(booking, OTHER_ID)
    forged = await other.press_data(BookingCallback(action="answer", fmt="b", id=row.id).pack())
    assert "Этой записи или заявки уже нет" in " ".join(forged)
    not_staff = await other.press_data(DeskCallback(action="write", id=row.id, value="b").pack())
    assert "кнопка устарела" in " ".join(not_staff)


async def test_an_offer_nobody_confirms_goes_back_to_the_queue(
    booking: ConsoleDriver, clock: MovableClock
) -> None:
    await _onboard(booking)
    await _onboard(booking, OTHER_ID)
    other = _other(booking, OTHER_ID)
    await other.press_data(BookingCallback(action="wait", centre=TOMSK, fmt="in_person").pack())
    await _book(booking)
    await booking.send_text("/mybookings")
    await booking.press_label("Отменить № 1")
    first = await booking.press_label("Да, отменить")
    assert any("Освободилось время" in line for line in first)
    clock.now += timedelta(hours=3)  # the two hours the offer was held have passed
    await _book(booking)
    await booking.send_text("/mybookings")
    labels = [c.label for c in booking.choices if c.label.startswith("Отменить")]
    await booking.press_label(labels[0])
    again = await booking.press_label("Да, отменить")
    assert any("Освободилось время" in line for line in again)
    (entry,) = await _rows(booking, WaitlistEntry)
    assert entry.status == "offered" and entry.offered_booking_id is not None


async def test_staff_set_hours_and_rules_in_the_bot(booking: ConsoleDriver) -> None:
    await _onboard(booking)
    await _onboard(booking, STAFF_ID)
    staff = _staff(booking)
    assert (await booking.send_text("/hours")) == [
        "Я не знаю команды /hours. Список команд — в /help."
    ]
    await staff.send_text("/hours")
    shown = await staff.press_label("ЦОПП Томской области")
    assert "пн 09:00-18:00, перерыв 13:00-14:00" in shown[0] and "сб выходной" in shown[0]
    refused = await staff.send_text("пн 18:00-09:00\nдлительность 500")
    assert "Строка 1 «пн 18:00-09:00»: время окончания раньше начала." in refused[0]
    refused = await staff.send_text("сб 10:00-12:00\nдлительность 500")
    assert "значение правила вне допустимого" in refused[0]
    saved = await staff.send_text("сб 10:00-12:00\nдлительность 30\nмежду встречами 0")
    assert "Сохранено: ЦОПП Томской области" in saved[0] and "пн выходной" in saved[0]
    # The user now sees Saturdays only, in 30-minute slots from 10:00 to 12:00.
    await booking.send_text("/book")
    await booking.press_label("ЦОПП Томской области (Томск)")
    await booking.press_label("В центре, лично")
    days = [BookingCallback.unpack(d).day for d in _data(booking, "day")]
    assert days and all(
        date(day // 10000, day // 100 % 100, day % 100).isoweekday() == 6 for day in days
    )
    await booking.press_data(_data(booking, "day")[0])
    assert [c.label for c in booking.choices][:4] == ["10:00", "10:30", "11:00", "11:30"]
