"""A schoolchild's suggestions name the open days and профпробы days coming up in their
region, with buttons to the event cards; adults and other regions do not get them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest_asyncio
from aiogram import Bot
from aiogram.types import User

from bot.app import build_application
from bot.config import Settings
from bot.console.driver import ConsoleDriver
from bot.console.session import RecordingSession
from bot.services.accounts import PERSONAL_DATA, AccountService
from bot.storage.repositories import SqlUnitOfWork
from bot.ui.catalogue_parts import rec_data
from bot.ui.recommendations import PAGE
from tests.conftest import TEST_TOKEN, SharedKnowledge

from .helpers import set_profile

NOW = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
SCHOOL = {
    "role": "school",
    "grade": 9,
    "interests": ["it", "science"],
    "about": "люблю собирать роботов",
}


@pytest_asyncio.fixture
async def driver(settings: Settings) -> AsyncIterator[ConsoleDriver]:
    application = build_application(settings, knowledge=SharedKnowledge(), clock=lambda: NOW)
    session = RecordingSession()
    bot = Bot(token=TEST_TOKEN, session=session)
    user = User(id=111, is_bot=False, first_name="Аня", language_code="ru")
    console = ConsoleDriver(application.dispatcher, bot, session, user)
    console.application = application  # type: ignore[attr-defined]
    try:
        yield console
    finally:
        await application.engine.dispose()


async def _list(driver: ConsoleDriver, **profile: object) -> str:
    async with driver.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        await AccountService(uow).give_consent(111, PERSONAL_DATA, "ru")
        await set_profile(uow, 111, **profile)
        await uow.commit()
    (text,) = await driver.press_data(rec_data(PAGE, page=0))
    return text


async def test_a_schoolchild_in_tver_hears_of_the_open_day(driver: ConsoleDriver) -> None:
    text = await _list(driver, region="RU-TVE", **SCHOOL)
    assert "Скоро в вашем регионе можно прийти и посмотреть профессии вживую:" in text
    assert "• 12.12.2026 — День открытых дверей в ЦОПП Тверской области" in text
    labels = [c.label for c in driver.choices]
    assert "Подробнее: День открытых дверей в ЦОПП Тверск…" in labels or any(
        label.startswith("Подробнее: День открытых дверей") for label in labels
    )
    card = await driver.press_label("Подробнее: День открытых дверей")
    assert "День открытых дверей в ЦОПП Тверской области" in card[0]


async def test_adults_and_regions_without_such_days_do_not(driver: ConsoleDriver) -> None:
    adult = await _list(
        driver,
        region="RU-TVE",
        role="career_change",
        situations=["unemployed"],
        interests=["technology"],
        about="работал слесарем",
    )
    assert "Скоро в вашем регионе" not in adult
    tomsk = await _list(driver, region="RU-TOM", **SCHOOL)
    assert "Скоро в вашем регионе" not in tomsk
