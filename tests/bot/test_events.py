"""Events for users through the real dispatcher, on SQLite and PostgreSQL: /events by region,
its filters and pages, an event's card in local time, ended events, outdated buttons, free
questions about events, championship dates on a profession card, and English."""

from __future__ import annotations

import itertools
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
from bot.services.knowledge_base import short_reference
from bot.storage.repositories import SqlUnitOfWork
from bot.ui.events import EventsCallback
from tests.conftest import TEST_TOKEN, SharedKnowledge

from .helpers import set_profile

USER_ID = 111
OTHER_ID = 222
ENGLISH_ID = 333
WELDER = "15.01.05"
TOMSK_STAGE = "ev-pro-regional-2027-tomsk"
TVER_STAGE = "ev-pro-regional-2027-tver"
TVER_OPEN_DAY = "ev-open-day-copp-tver-2026-12"  # 12.12.2026, 11:00 in Tver
# Tuesday 1 December 2026, 09:00 in Moscow, 13:00 in Tomsk.
START = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
_ids = itertools.count(80_000)


class MovableClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest_asyncio.fixture
async def clock() -> MovableClock:
    return MovableClock(START)


@pytest_asyncio.fixture
async def bot_app(settings: Settings, clock: MovableClock) -> AsyncIterator[ConsoleDriver]:
    application = build_application(settings, knowledge=SharedKnowledge(), clock=clock)
    session = RecordingSession()
    bot = Bot(token=TEST_TOKEN, session=session)
    user = User(id=USER_ID, is_bot=False, first_name="Аня", language_code="ru")
    driver = ConsoleDriver(application.dispatcher, bot, session, user)
    driver.application = application  # type: ignore[attr-defined]
    try:
        yield driver
    finally:
        await application.engine.dispose()


def _person(driver: ConsoleDriver, user_id: int, language: str = "ru") -> ConsoleDriver:
    """Another person on the same dispatcher and database."""
    other = ConsoleDriver(
        driver.dispatcher,
        driver.bot,
        driver.session,
        User(id=user_id, is_bot=False, first_name="Пётр", language_code=language),
        _update_ids=itertools.count(next(_ids) * 10_000),  # apart: dedup drops repeats
    )
    other.application = driver.application  # type: ignore[attr-defined]
    return other


async def _onboard(
    driver: ConsoleDriver,
    user_id: int = USER_ID,
    region: str = "RU-TOM",
    role: str = "school",
    language: str = "ru",
) -> None:
    async with driver.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        await AccountService(uow).give_consent(user_id, PERSONAL_DATA, language)
        await set_profile(uow, user_id, role=role, region=region)
        await uow.commit()


def _card_data(event_id: str, kind: str = "all") -> str:
    return EventsCallback(action="card", kind=kind, ref=short_reference(event_id)).pack()


def _labels(driver: ConsoleDriver) -> list[str]:
    return [choice.label for choice in driver.choices]


async def _all_pages(driver: ConsoleDriver, first: list[str]) -> str:
    """The text of every page of a list, pressing «Ещё» until there is none."""
    texts = [first[-1]]
    while any("Ещё" in label or "More" in label for label in _labels(driver)):
        label = "Ещё" if any("Ещё" in x for x in _labels(driver)) else "More"
        texts.append((await driver.press_label(label))[-1])
    return "\n".join(texts)


async def test_tomsk_and_tver_see_their_own_events_and_the_nationwide_ones(
    bot_app: ConsoleDriver,
) -> None:
    await _onboard(bot_app, region="RU-TOM")
    tver = _person(bot_app, OTHER_ID)
    await _onboard(tver, OTHER_ID, region="RU-TVE")

    tomsk_list = await _all_pages(bot_app, await bot_app.send_text("/events"))
    tver_list = await _all_pages(tver, await tver.send_text("/events"))

    assert "регион «Томская область» и события для всей страны" in tomsk_list
    assert "Региональный этап чемпионата «Профессионалы» Томской области" in tomsk_list
    assert "День открытых дверей в ЦОПП Томской области" in tomsk_list
    assert "Тверской" not in tomsk_list
    assert "Региональный этап чемпионата «Профессионалы» Тверской области" in tver_list
    assert "Томской" not in tver_list
    for both in (tomsk_list, tver_list):
        # Nationwide stages are everyone's; other regions' are no one's here.
        assert "Отборочный этап чемпионата «Профессионалы» — 2027" in both
        assert "Национальный чемпионат «Абилимпикс» — 2027" in both
        assert "вся Россия" in both
        assert "Кузбасса" not in both
        assert "Страница 1 из" in both
    # Soonest first: Tver's first line is a course starting on 7 December.
    first_tver = tver_list.split("\n\n")[1]
    assert first_tver.startswith("1. ") and "07.12.2026" in first_tver


async def test_the_kind_filters(bot_app: ConsoleDriver) -> None:
    await _onboard(bot_app, region="RU-TOM")
    await bot_app.send_text("/events")
    assert "✓ Все (выбрано)" in _labels(bot_app)

    open_days = await bot_app.press_label("Дни открытых дверей")
    assert open_days[-1].startswith("(изменено) Дни открытых дверей — регион «Томская область»")
    assert "1. День открытых дверей в ЦОПП Томской области" in open_days[-1]
    assert "2. " not in open_days[-1]
    assert "✓ Дни открытых дверей (выбрано)" in _labels(bot_app)

    championships = await _all_pages(bot_app, await bot_app.press_label("Чемпионаты"))
    assert "Региональный этап чемпионата «Профессионалы» Томской области" in championships
    assert "Региональный чемпионат «Абилимпикс» Томской области" in championships
    assert "Мастер года" in championships  # the nationwide final
    assert "День открытых дверей" not in championships
    assert "старт курса" not in championships

    tasters = await bot_app.press_label("Профпробы")
    assert "День профпроб для школьников в ЦОПП Томской области" in tasters[-1]
    assert "регистрация до 08.02.2027" in tasters[-1]
    assert "Региональный этап" not in tasters[-1]

    courses = await _all_pages(bot_app, await bot_app.press_label("Старты курсов"))
    assert "Курсы, которые скоро начинаются — регион «Томская область»" in courses
    assert "старт курса" in courses and "чемпионат" not in courses
    # A course opens the catalogue's programme card.
    card = await bot_app.press(1)
    assert "Ближайшие старты: " in card[0] and "Профессиональное обучение" in card[0]


async def test_an_event_that_ended_is_not_listed_and_its_button_says_so(
    bot_app: ConsoleDriver, clock: MovableClock
) -> None:
    await _onboard(bot_app, region="RU-TVE")
    before = await bot_app.send_text("/events")
    assert "День открытых дверей в ЦОПП Тверской области" in before[-1]
    card = await bot_app.press_data(_card_data(TVER_OPEN_DAY))
    assert "Когда: 12.12.2026, с 11:00 до 15:00 (местное время: Тверь, UTC+3)." in card[0]
    assert "Как попасть: приходите в центр в это время." in card[0]

    clock.now = datetime(2026, 12, 13, 6, 0, tzinfo=UTC)
    after = await bot_app.send_text("/events")
    assert "День открытых дверей в ЦОПП Тверской области" not in after[-1]
    gone = await bot_app.press_data(_card_data(TVER_OPEN_DAY))
    assert gone == ["[уведомление] Это событие уже прошло. Ближайшие события — в /events."]


async def test_an_event_card_in_the_events_local_time(bot_app: ConsoleDriver) -> None:
    await _onboard(bot_app, region="RU-TOM")
    await bot_app.send_text("/events")
    await bot_app.press_label("Чемпионаты")
    (card,) = await bot_app.press_label("Региональный этап чемпионата")

    assert card.startswith("«Региональный этап чемпионата «Профессионалы» Томской области — 2027»")
    assert "чемпионат «Профессионалы», региональный этап" in card
    assert "Когда: с 01.03.2027 09:00 до 05.03.2027 18:00 (местное время: Томск, UTC+7)." in card
    assert "Регистрация: до 08.02.2027 18:00 (местное время: Томск, UTC+7)." in card
    assert "Где: Центр опережающей профессиональной подготовки Томской области" in card
    assert "Для кого: школьники, взрослые." in card
    assert "Компетенции: «Веб-технологии»" in card
    assert "Как участвовать: участников выдвигают колледжи и школы" in card
    assert "https://pro-chempionat.ru/" in card
    assert "Телефон центра «ЦОПП Томской области»" in card
    assert "пример для знакомства" in card
    assert "У вас другой часовой пояс" not in card  # the user is in Tomsk too
    labels = _labels(bot_app)
    assert any(label.startswith("Профессия: ") for label in labels)
    assert "« К списку событий" in labels

    back = await bot_app.press_label("К списку событий")
    assert back[-1].startswith("(изменено) Ближайшие чемпионаты и конкурсы")


async def test_someone_in_another_zone_is_told_their_time(bot_app: ConsoleDriver) -> None:
    await _onboard(bot_app, region="RU-TVE")  # Moscow time, four hours behind Tomsk
    (card,) = await bot_app.press_data(_card_data(TOMSK_STAGE))
    assert "(местное время: Томск, UTC+7)" in card
    assert "У вас другой часовой пояс: начало — 01.03.2027 05:00 по вашему времени (UTC+3)." in card

    # A nationwide event keeps the offset its dates were written with.
    (final,) = await bot_app.press_data(_card_data("ev-pro-final-2027"))
    assert "Когда: с 04.10.2027 09:00 до" in final and "(UTC+3)" in final
    assert "Где: по всей России" in final
    assert "Регистрация" not in final


async def test_forged_and_stale_buttons_are_outdated(bot_app: ConsoleDriver) -> None:
    await _onboard(bot_app, region="RU-TOM")
    outdated = "[уведомление] Эта кнопка устарела. Отправьте /start, чтобы продолжить."
    for data in (
        EventsCallback(action="card", ref="0123456789").pack(),  # an event no longer there
        EventsCallback(action="card", ref=short_reference(WELDER)).pack(),  # not an event
        EventsCallback(action="card", kind="bogus", ref=short_reference(TOMSK_STAGE)).pack(),
        EventsCallback(action="list", kind="bogus").pack(),
        EventsCallback(action="drop").pack(),
        "ev:list:all:-1:",
        "ev:list:all:99999999999999999999:",
    ):
        assert await bot_app.press_data(data) == [outdated], data

    # A page past the end (the list got shorter) shows the last page.
    last = await bot_app.press_data(EventsCallback(action="list", kind="open", page=40).pack())
    assert "1. День открытых дверей в ЦОПП Томской области" in last[-1]


async def test_free_questions_about_events(bot_app: ConsoleDriver) -> None:
    await _onboard(bot_app, region="RU-TOM", role="career_change")

    (abilympics,) = await bot_app.send_text("хочу участвовать в абилимпикс, когда регистрация?")
    assert abilympics.startswith("Ближайшие чемпионаты «Абилимпикс» — регион «Томская область»")
    assert "1. Региональный чемпионат «Абилимпикс» Томской области — 2027" in abilympics
    assert "регистрация до 30.03.2027" in abilympics
    assert "2. Национальный чемпионат «Абилимпикс» — 2027" in abilympics
    assert "Кузбасса" not in abilympics
    assert "Показать все" in _labels(bot_app)
    (card,) = await bot_app.press(1)
    assert "Регистрация: до 30.03.2027 18:00" in card

    (open_day,) = await bot_app.send_text("когда день открытых дверей")
    assert "1. День открытых дверей в ЦОПП Томской области" in open_day
    assert "20.03.2027" in open_day

    (stages,) = await bot_app.send_text("чемпионат профессионалы сроки")
    assert "Ближайшие этапы чемпионата «Профессионалы»" in stages
    assert "Региональный этап чемпионата «Профессионалы» Томской области" in stages
    assert "Отборочный этап" in stages and "Абилимпикс" not in stages

    # A city named in the question wins over the user's region.
    (orenburg,) = await bot_app.send_text("когда день открытых дверей в Оренбурге?")
    assert "регион «Оренбургская область»" in orenburg
    assert "1. День открытых дверей в Гуманитарно-техническом техникуме (Оренбург)" in orenburg
    assert "Томской" not in orenburg

    # «What is» is the FAQ's, not the calendar's.
    what = await bot_app.send_text("что такое абилимпикс")
    assert not any("Ближайшие" in line for line in what)
    assert any(line.startswith("«Абилимпикс» — чемпионат") for line in what)


async def test_a_question_before_consent_lists_every_region(bot_app: ConsoleDriver) -> None:
    (answer,) = await bot_app.send_text("когда день открытых дверей")
    assert answer.startswith("Ближайшие дни открытых дверей во всех регионах")
    assert "1. День открытых дверей в ЦОПП Тверской области" in answer  # 12.12, the soonest
    assert "И ещё 5 — они в полном списке." in answer

    page = await bot_app.press_label("Показать все")
    assert "Я не знаю ваш регион" in page[-1]
    assert "Пройти знакомство" in _labels(bot_app)
    courses = await bot_app.press_label("Старты курсов")
    assert "Старты курсов я показываю для вашего региона" in courses[-1]


async def test_a_profession_card_shows_the_next_championship_dates(bot_app: ConsoleDriver) -> None:
    await _onboard(bot_app, region="RU-TVE", role="career_change")
    (card,) = await bot_app.press_data(f"rec:card:{short_reference(WELDER)}:0")
    assert "Компетенции чемпионатов и ближайшие даты:" in card
    assert "• «Сварочные технологии» («Профессионалы») — 15.02.2027, Тверская область" in card
    labels = _labels(bot_app)
    assert "Чемпионат 15.02.2027, Тверская область" in labels

    (event,) = await bot_app.press_label("Чемпионат 15.02.2027, Тверская область")
    assert event.startswith("«Региональный этап чемпионата «Профессионалы» Тверской области")

    # In Tomsk the regional stage holds no welding: the next date is the nationwide stage.
    tomsk = _person(bot_app, OTHER_ID)
    await _onboard(tomsk, OTHER_ID, region="RU-TOM", role="career_change")
    (card,) = await tomsk.press_data(f"rec:card:{short_reference(WELDER)}:0")
    assert "• «Сварочные технологии» («Профессионалы») — 17.05.2027, вся Россия" in card


async def test_help_and_english(bot_app: ConsoleDriver) -> None:
    (help_text,) = await bot_app.send_text("/help")
    assert "/events — чемпионаты, дни открытых дверей, профпробы и старты курсов" in help_text

    english = _person(bot_app, ENGLISH_ID, language="en")
    await _onboard(english, ENGLISH_ID, region="RU-TOM", language="en")
    listed = await english.send_text("/events")
    assert listed[-1].startswith("Coming up — Tomsk Oblast and events for the whole country:")
    assert "Press a number to open the card" in listed[-1]
    assert "✓ All (chosen)" in _labels(english)
    championships = await english.press_label("Championships")
    assert "all of Russia" in championships[-1]
    assert "01 Mar 2027 – 05 Mar 2027" in championships[-1]
    (card,) = await english.press_label("Региональный этап чемпионата")
    assert '"Professionals" championship, regional stage' in card
    assert (
        "When: from 01 Mar 2027, 09:00 to 05 Mar 2027, 18:00 "
        "(local time: Tomsk Oblast, UTC+7)." in card
    )
    assert "Registration: until 08 Feb 2027, 18:00" in card
    assert "For: schoolchildren, adults." in card
    assert "only in Russian" in card
    assert "How to take part: colleges and schools put their participants forward" in card
    assert "« Back to the events" in _labels(english)

    (answer,) = await english.send_text("when is the open day?")
    assert answer.startswith("The next open days — Tomsk Oblast")
