"""The append-only funnel: each step is recorded by the action itself, once, and /forget
takes a person's rows along."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest_asyncio
from aiogram import Bot
from aiogram.types import User
from sqlalchemy import select

from bot.app import build_application
from bot.config import Settings
from bot.console.driver import ConsoleDriver
from bot.console.session import RecordingSession
from bot.storage.models import Activity, Booking
from tests.bot.helpers import MovableClock
from tests.conftest import TEST_TOKEN, SharedKnowledge

USER_ID = 111
STAFF_ID = 901
# Tuesday 1 December 2026, 13:00 in Tomsk: the centre is open.
START = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)


@pytest_asyncio.fixture
async def clock() -> MovableClock:
    return MovableClock(START)


@pytest_asyncio.fixture
async def driver(settings: Settings, clock: MovableClock) -> AsyncIterator[ConsoleDriver]:
    application = build_application(settings, knowledge=SharedKnowledge(), clock=clock)
    session = RecordingSession()
    user = User(id=USER_ID, is_bot=False, first_name="Аня", language_code="ru")
    console = ConsoleDriver(
        application.dispatcher, Bot(token=TEST_TOKEN, session=session), session, user
    )
    console.application = application  # type: ignore[attr-defined]
    try:
        yield console
    finally:
        await application.engine.dispose()


def other(driver: ConsoleDriver, user_id: int, start: int) -> ConsoleDriver:
    person = ConsoleDriver(
        driver.dispatcher,
        driver.bot,
        driver.session,
        User(id=user_id, is_bot=False, first_name="Пётр", language_code="ru"),
        _update_ids=itertools.count(start),  # apart from the others': dedup drops repeats
    )
    person.application = driver.application  # type: ignore[attr-defined]
    return person


async def steps(driver: ConsoleDriver, user_id: int) -> list[tuple[str, str]]:
    async with driver.application.session_factory() as session:  # type: ignore[attr-defined]
        rows = await session.execute(
            select(Activity.step, Activity.item_id)
            .where(Activity.user_id == user_id)
            .order_by(Activity.id)
        )
        return [(step, item) for step, item in rows]


async def walk_to_a_booking(driver: ConsoleDriver) -> None:
    """The schoolchild of transcript 1: /start to a confirmed booking."""
    await driver.send_text("/start")
    for label in ("Согласен", "Школьник", "8 класс", "Томская", "Компьютеры", "Наука", "Готово"):
        await driver.press_label(label)
    await driver.send_text("люблю собирать роботов и программировать")
    await driver.press_label("Пропустить, показать")
    await driver.press_label("Мехатроник")
    await driver.press_label("Хочу консультацию")
    await driver.press_label("ЦОПП Томской области (Томск)")
    await driver.press_label("Онлайн")
    days = [
        c.callback_data for c in driver.choices if (c.callback_data or "").startswith("bk:day:")
    ]
    await driver.press_data(days[2] or "")
    times = [
        c.callback_data for c in driver.choices if (c.callback_data or "").startswith("bk:time:")
    ]
    await driver.press_data(times[0] or "")
    await driver.send_text("Без телефона — пишите в Telegram")
    lines = await driver.press_label("Подтвердить запись")
    assert any("Готово" in line for line in lines)


async def test_each_step_is_recorded_once_by_its_action(
    driver: ConsoleDriver, clock: MovableClock
) -> None:
    await walk_to_a_booking(driver)
    recorded = await steps(driver, USER_ID)
    funnel = [step for step, item in recorded if not item]
    assert funnel == ["start", "consent", "onboarded", "suggestions", "booking"]
    opened = [item for step, item in recorded if step == "card"]
    assert len(opened) == 1  # Мехатроник's card
    suggested = [item for step, item in recorded if step == "suggested"]
    assert len(suggested) == 5 and opened[0] in suggested  # the first page of suggestions

    # Again: /start, the list, the same card. Nothing new is recorded.
    await driver.send_text("/start")
    await driver.press_label("Мехатроник")
    assert await steps(driver, USER_ID) == recorded

    # Staff mark that the person came.
    (booking,) = await _bookings(driver)
    clock.now = booking.starts_at + timedelta(minutes=5)
    staff = other(driver, STAFF_ID, 900_000)
    await staff.send_text("/today")
    await staff.press_label(f"Пришёл: № {booking.id}")
    assert [s for s, i in await steps(driver, USER_ID) if not i][-1] == "attended"


async def test_nothing_is_recorded_of_a_card_before_consent(driver: ConsoleDriver) -> None:
    await driver.send_text("/start")
    await driver.send_text("сварщик")  # a free question before consent: only general answers
    assert await steps(driver, USER_ID) == [("start", "")]


async def test_forget_deletes_the_persons_activity(driver: ConsoleDriver) -> None:
    await walk_to_a_booking(driver)
    someone = other(driver, 222, 500_000)
    await someone.send_text("/start")
    await someone.press_label("Согласен")
    assert await steps(driver, USER_ID)

    await driver.send_text("/forget")
    await driver.press_label("Удалить все мои данные")

    assert await steps(driver, USER_ID) == []
    assert await steps(driver, 222) == [("start", ""), ("consent", "")]


async def _bookings(driver: ConsoleDriver) -> list[Booking]:
    async with driver.application.session_factory() as session:  # type: ignore[attr-defined]
        return list(await session.scalars(select(Booking)))
