"""Subscriptions and their reminders through the real dispatcher and the real reminder sender,
on SQLite and PostgreSQL, with a movable clock: «Напомнить» on an event card, /subscriptions
and one-tap unsubscribing, reminders at the right moments and never twice, quiet hours in a
far-east zone, a muted user, an event that started while nothing ran, a new event announced
once to a topic's subscribers, a programme's start, forged buttons, and /forget.

What happens after a restart (claimed reminders given back, one «sending» never resent) is
the reminder sender's, and is tested for every kind in tests/services/test_reminders.py."""

from __future__ import annotations

import dataclasses
import itertools
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import pytest_asyncio
from aiogram import Bot
from aiogram.types import User
from sqlalchemy import select

from bot.app import build_application
from bot.composition import build_reminder_service, build_subscription_service
from bot.config import Settings
from bot.console.driver import ConsoleDriver
from bot.console.session import RecordingSession
from bot.scheduler import SchedulerContext, SchedulerLease
from bot.services.accounts import PERSONAL_DATA, AccountService
from bot.services.knowledge_base import KnowledgeBase, short_reference
from bot.services.pacing import SendPace
from bot.storage.models import Reminder, Subscription
from bot.storage.repositories import SqlUnitOfWork
from bot.telegram_messenger import TelegramMessenger
from bot.ui.callbacks import SubscriptionCallback
from bot.ui.events import EventsCallback
from tests.conftest import TEST_TOKEN, SharedKnowledge, shared_knowledge_base

from .helpers import set_profile

USER_ID = 111
OTHER_ID = 222
TVER_OPEN_DAY = "ev-open-day-copp-tver-2026-12"  # 12.12.2026, 11:00 in Tver (UTC+3)
KUZBASS_STAGE = "ev-pro-regional-2027-kuzbass"  # registration until 18.01.2027 18:00 UTC+7
# Tuesday 1 December 2026, 09:00 in Moscow.
START = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
MSK = timedelta(hours=3)
_ids = itertools.count(90_000)


class MovableClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class SwappableKnowledge:
    """The shared knowledge base, until a test hands in another catalogue (an import)."""

    def __init__(self) -> None:
        self.current: KnowledgeBase | None = None

    async def get(self) -> KnowledgeBase:
        return self.current or await SharedKnowledge().get()


@pytest_asyncio.fixture
async def clock() -> MovableClock:
    return MovableClock(START)


@pytest_asyncio.fixture
async def knowledge() -> SwappableKnowledge:
    return SwappableKnowledge()


@pytest_asyncio.fixture
async def bot_app(
    settings: Settings, clock: MovableClock, knowledge: SwappableKnowledge
) -> AsyncIterator[ConsoleDriver]:
    application = build_application(settings, knowledge=knowledge, clock=clock)
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
    region: str = "RU-TVE",
    language: str = "ru",
    **profile: Any,
) -> None:
    async with driver.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        await AccountService(uow).give_consent(user_id, PERSONAL_DATA, language)
        timezone = {"RU-TVE": "Europe/Moscow", "RU-KAM": "Asia/Kamchatka"}.get(region)
        if language != "ru":
            await uow.users.set_language(user_id, language)
        await set_profile(uow, user_id, role="school", region=region, timezone=timezone, **profile)
        await uow.commit()


def _card(event_id: str) -> str:
    return EventsCallback(action="card", ref=short_reference(event_id)).pack()


def _labels(driver: ConsoleDriver) -> list[str]:
    return [choice.label for choice in driver.choices]


async def _remind(driver: ConsoleDriver, event_id: str = TVER_OPEN_DAY) -> list[str]:
    await driver.press_data(_card(event_id))
    assert "Напомнить" in _labels(driver)
    return await driver.press_label("Напомнить")


async def _rows(driver: ConsoleDriver, model: Any) -> list[Any]:
    async with driver.application.session_factory() as session:  # type: ignore[attr-defined]
        return list(await session.scalars(select(model).order_by(model.id)))


async def _reminders(driver: ConsoleDriver) -> dict[str, Reminder]:
    return {f"{row.kind}:{row.subject}:{row.user_id}": row for row in await _rows(driver, Reminder)}


async def _deliver(driver: ConsoleDriver, clock: MovableClock) -> list[str]:
    application = driver.application  # type: ignore[attr-defined]
    async with application.session_factory() as session:
        service = build_reminder_service(
            session,
            application.settings,
            application.knowledge,
            TelegramMessenger(driver.bot),
            clock,
        )
        await service.deliver_due()
    return driver.take_sent()


async def _sync(driver: ConsoleDriver, clock: MovableClock) -> None:
    application = driver.application  # type: ignore[attr-defined]
    async with application.session_factory() as session:
        service = build_subscription_service(
            session, application.settings, application.knowledge, clock
        )
        await service.sync(await application.knowledge.get())


async def test_remind_on_a_card_then_list_and_unsubscribe(bot_app: ConsoleDriver) -> None:
    await _onboard(bot_app)

    done = await _remind(bot_app)

    text = "\n".join(done)
    assert "Готово! Я напомню о событии «День открытых дверей в ЦОПП Тверской области" in text
    assert "• 09.12.2026 11:00 — за 3 дня до начала" in text
    assert "• 11.12.2026 11:00 — за день до начала" in text
    assert "Время — ваше (UTC+3). С 22:00 до 9:00 я не пишу" in text
    # Topics of the event, one tap each.
    assert "Дни открытых дверей" in _labels(bot_app)
    assert {"Отменить подписку", "Мои подписки"} <= set(_labels(bot_app))
    (row,) = await _rows(bot_app, Subscription)
    assert (row.user_id, row.topic_kind, row.topic_value) == (USER_ID, "event", TVER_OPEN_DAY)
    rows = await _reminders(bot_app)
    assert rows[f"event_start_3d:{TVER_OPEN_DAY}:{USER_ID}"].status == "pending"
    assert rows[f"event_start_1d:{TVER_OPEN_DAY}:{USER_ID}"].due_at == datetime(
        2026, 12, 11, 8, 0, tzinfo=UTC
    )
    # Subscribed by name: the event is never «new» to this user.
    assert rows[f"event_new:{TVER_OPEN_DAY}:{USER_ID}"].status == "cancelled"

    again = await _remind(bot_app)
    assert "Вы уже подписаны на «День открытых дверей" in again[0]
    assert len(await _rows(bot_app, Subscription)) == 1

    listing = await bot_app.send_text("/subscriptions")
    assert listing[0].startswith("Ваши подписки:")
    assert "1. Событие «День открытых дверей в ЦОПП Тверской области» — 12.12.2026" in listing[0]
    assert "Отписаться: 1. Событие «День открытых" in " ".join(_labels(bot_app))

    dropped = await bot_app.press_label("Отписаться: 1.")
    assert "[уведомление] Готово, вы отписались: событие «День открытых" in dropped[0]
    assert dropped[1].startswith("(изменено) У вас пока нет подписок.")
    assert await _rows(bot_app, Subscription) == []


async def test_reminders_arrive_at_their_moments_once_with_an_unsubscribe_button(
    bot_app: ConsoleDriver, clock: MovableClock
) -> None:
    await _onboard(bot_app)
    await _remind(bot_app)

    clock.now = datetime(2026, 12, 9, 10, 59, tzinfo=UTC) - MSK
    assert await _deliver(bot_app, clock) == []
    clock.now = datetime(2026, 12, 9, 11, 0, tzinfo=UTC) - MSK
    first = await _deliver(bot_app, clock)
    assert await _deliver(bot_app, clock) == []  # never twice

    assert len(first) == 1
    assert first[0].startswith(
        "Напоминаю: через 3 дня начинается «День открытых дверей в ЦОПП Тверской области"
    )
    assert "Начало: 12.12.2026 11:00 по вашему времени (UTC+3)." in first[0]
    assert "вы подписаны: событие «День открытых дверей" in first[0]
    assert _labels(bot_app)[0] == "Открыть карточку события"
    assert _labels(bot_app)[1].startswith("Отписаться: Событие «День открытых")

    clock.now = datetime(2026, 12, 11, 11, 0, tzinfo=UTC) - MSK
    second = await _deliver(bot_app, clock)
    assert len(second) == 1 and second[0].startswith("Напоминаю: завтра начинается «День")
    assert await _deliver(bot_app, clock) == []
    rows = await _reminders(bot_app)
    for kind in ("event_start_3d", "event_start_1d"):
        row = rows[f"{kind}:{TVER_OPEN_DAY}:{USER_ID}"]
        assert (row.status, row.attempts) == ("sent", 1)

    # The card opens from the reminder; «Отписаться» there drops the subscription.
    card = await bot_app.press_label("Открыть карточку события")
    assert card[-1].startswith("«День открытых дверей в ЦОПП Тверской области")
    clock.now = START
    await _remind(bot_app)
    clock.now = datetime(2026, 12, 9, 11, 0, tzinfo=UTC) - MSK
    await _deliver(bot_app, clock)  # settled before: nothing new, no buttons to press
    await bot_app.send_text("/subscriptions")
    stop = await bot_app.press_label("Отписаться: 1.")
    assert "вы отписались" in stop[0]


async def test_quiet_hours_in_the_far_east_defer_a_reminder_to_the_morning(
    bot_app: ConsoleDriver, clock: MovableClock
) -> None:
    await _onboard(bot_app, region="RU-KAM")
    done = await _remind(bot_app, KUZBASS_STAGE)
    # Registration closes 18.01 at 18:00 in Kemerovo, 23:00 in Kamchatka: a week before is
    # night there, so the reminder is set for 09:00 next morning, Kamchatka time.
    assert "• 12.01.2027 09:00 — за 7 дней до конца регистрации" in "\n".join(done)
    assert "Время — ваше (UTC+12)" in "\n".join(done)
    row = (await _reminders(bot_app))[f"event_deadline_7d:{KUZBASS_STAGE}:{USER_ID}"]
    morning = datetime(2027, 1, 11, 21, 0, tzinfo=UTC)  # 12.01 09:00 UTC+12
    assert row.due_at == morning

    clock.now = datetime(2027, 1, 11, 11, 0, tzinfo=UTC)  # 23:00 in Kamchatka
    assert await _deliver(bot_app, clock) == []
    clock.now = morning
    sent = await _deliver(bot_app, clock)
    assert len(sent) == 1
    assert sent[0].startswith("Напоминаю: через 6 дней заканчивается регистрация на «Региональный")
    assert "Регистрация: до 18.01.2027 23:00 по вашему времени (UTC+12)." in sent[0]

    # A reminder that falls due at night anyway (the user moved east after subscribing) is
    # deferred at sending, not dropped: it waits for 09:00 and goes once.
    async with bot_app.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        night = datetime(2027, 1, 17, 12, 30, tzinfo=UTC)  # 00:30 on 18.01 in Kamchatka
        await uow.reminders.schedule("event_deadline_1d", KUZBASS_STAGE, USER_ID, night)
        await uow.commit()
    clock.now = night
    assert await _deliver(bot_app, clock) == []
    row = (await _reminders(bot_app))[f"event_deadline_1d:{KUZBASS_STAGE}:{USER_ID}"]
    assert (row.status, row.attempts, row.detail) == ("pending", 0, "deferred: quiet hours")
    assert row.due_at == datetime(2027, 1, 17, 21, 0, tzinfo=UTC)  # 09:00 on 18.01 there
    clock.now = row.due_at
    sent = await _deliver(bot_app, clock)
    assert len(sent) == 1 and "сегодня заканчивается регистрация" in sent[0]
    assert await _deliver(bot_app, clock) == []


async def test_a_muted_user_gets_no_reminders(bot_app: ConsoleDriver, clock: MovableClock) -> None:
    await _onboard(bot_app, notifications=False)

    done = await _remind(bot_app)

    assert "Сейчас уведомления выключены в /profile" in "\n".join(done)
    listing = await bot_app.send_text("/subscriptions")
    assert "уведомления выключены" in listing[0]
    clock.now = datetime(2026, 12, 9, 8, 0, tzinfo=UTC)
    assert await _deliver(bot_app, clock) == []
    row = (await _reminders(bot_app))[f"event_start_3d:{TVER_OPEN_DAY}:{USER_ID}"]
    assert (row.status, row.detail) == ("dropped", "muted: notifications are off")


async def test_a_reminder_for_an_event_that_started_is_dropped_and_logged(
    bot_app: ConsoleDriver, clock: MovableClock, caplog: pytest.LogCaptureFixture
) -> None:
    await _onboard(bot_app)
    await _remind(bot_app)

    # Nothing ran until after the start (a long outage): nothing is sent late.
    clock.now = datetime(2026, 12, 12, 9, 0, tzinfo=UTC)
    with caplog.at_level(logging.INFO, logger="bot.services.reminders"):
        assert await _deliver(bot_app, clock) == []

    rows = await _reminders(bot_app)
    for kind in ("event_start_3d", "event_start_1d"):
        row = rows[f"{kind}:{TVER_OPEN_DAY}:{USER_ID}"]
        assert (row.status, row.detail) == ("dropped", "the event has already started")
    assert sum("dropped: the event has already started" in r.message for r in caplog.records) == 2


async def test_an_unsubscribed_reminder_is_dropped_when_it_falls_due(
    bot_app: ConsoleDriver, clock: MovableClock
) -> None:
    await _onboard(bot_app)
    await _remind(bot_app)
    await bot_app.press_label("Отменить подписку")
    assert await _rows(bot_app, Subscription) == []

    clock.now = datetime(2026, 12, 9, 8, 0, tzinfo=UTC)
    assert await _deliver(bot_app, clock) == []
    row = (await _reminders(bot_app))[f"event_start_3d:{TVER_OPEN_DAY}:{USER_ID}"]
    assert (row.status, row.detail) == ("dropped", "the user no longer follows it")


async def test_a_new_event_is_announced_once_to_a_topics_subscribers(
    bot_app: ConsoleDriver, clock: MovableClock, knowledge: SwappableKnowledge
) -> None:
    await _onboard(bot_app)
    tomsk = _person(bot_app, OTHER_ID)
    await _onboard(bot_app, OTHER_ID, region="RU-TOM")
    confirmations = []
    for person in (bot_app, tomsk):
        await person.send_text("/subscriptions")
        await person.press_label("Добавить тему")
        await person.press_label("Виды событий")
        done = await person.press_label("Дни открытых дверей")
        assert "Готово, вы подписались: дни открытых дверей." in done[0]
        confirmations.append(done[0])
    tver_line = "• «День открытых дверей в ЦОПП Тверской области» — 12.12.2026, Тверская область"
    assert tver_line in confirmations[0]
    assert "Тверской" not in confirmations[1]
    # What the topic covered when it was made is known, not new.
    await _sync(bot_app, clock)
    assert await _deliver(bot_app, clock) == []

    # The catalogue gains a Tver open day (an import): announced at once, to Tver only.
    knowledge.current, new_id = _with_new_tver_open_day()

    await _sync(bot_app, clock)
    await _sync(bot_app, clock)  # a second sync (another tick, a restart) changes nothing
    sent = await _deliver(bot_app, clock)

    assert len(sent) == 1
    assert sent[0].startswith(
        "Новое событие по вашей подписке (дни открытых дверей): «Зимний день открытых дверей"
    )
    assert "Отписаться: Дни открытых дверей" in _labels(bot_app)
    rows = await _reminders(bot_app)
    assert rows[f"event_new:{new_id}:{USER_ID}"].status == "sent"
    assert f"event_new:{new_id}:{OTHER_ID}" not in rows  # Tomsk's topic does not reach Tver
    assert rows[f"event_start_3d:{new_id}:{USER_ID}"].status == "pending"

    await _sync(bot_app, clock)
    assert await _deliver(bot_app, clock) == []


def _with_new_tver_open_day() -> tuple[KnowledgeBase, str]:
    """The shipped catalogue plus one open day in Tver in January: what an import adds."""
    base = shared_knowledge_base()
    old = base.catalogue.events[TVER_OPEN_DAY]
    new = old.model_copy(
        update={
            "id": "ev-open-day-copp-tver-2027-01",
            "title": "Зимний день открытых дверей в ЦОПП Тверской области",
            "starts_at": old.starts_at + timedelta(days=40),
            "ends_at": old.ends_at + timedelta(days=40),
        }
    )
    catalogue = dataclasses.replace(base.catalogue, events={**base.catalogue.events, new.id: new})
    references = {**base._references, short_reference(new.id): new.id}
    return dataclasses.replace(base, catalogue=catalogue, _references=references), new.id


async def test_the_scheduler_announces_an_imported_event_once(
    bot_app: ConsoleDriver, clock: MovableClock, knowledge: SwappableKnowledge
) -> None:
    """The whole way: the scheduler's pass notices the catalogue changed, syncs, and sends."""
    application = bot_app.application  # type: ignore[attr-defined]
    sessions = application.session_factory
    scheduler = SchedulerContext(
        settings=application.settings,
        sessions=sessions,
        knowledge=knowledge,
        messenger=TelegramMessenger(bot_app.bot),
        lease=SchedulerLease(sessions, timedelta(seconds=60), holder="subscriptions-test"),
        clock=clock,
        pace=SendPace(1000, per_chat_seconds=0),
    )
    await _onboard(bot_app)
    await bot_app.send_text("/subscriptions")
    await bot_app.press_label("Добавить тему")
    await bot_app.press_label("Виды событий")
    await bot_app.press_label("Дни открытых дверей")
    await scheduler.tick()
    assert bot_app.take_sent() == []

    knowledge.current, new_id = _with_new_tver_open_day()
    await scheduler.tick()
    sent = bot_app.take_sent()
    await scheduler.tick()
    clock.now += timedelta(hours=2)  # the hourly sync runs again: nothing new
    await scheduler.tick()

    assert len(sent) == 1 and sent[0].startswith("Новое событие по вашей подписке")
    assert bot_app.take_sent() == []
    rows = await _reminders(bot_app)
    assert rows[f"event_new:{new_id}:{USER_ID}"].status == "sent"
    await scheduler.wind_down(1)


async def test_a_programmes_start_is_reminded(bot_app: ConsoleDriver, clock: MovableClock) -> None:
    await _onboard(bot_app)
    await bot_app.send_text("/subscriptions")
    await bot_app.press_label("Добавить тему")
    courses = await bot_app.press_label("Старты курсов")
    assert "Курсы, которые скоро начинаются: Тверская область." in courses[-1]
    first = _labels(bot_app)[0]
    done = await bot_app.press(1)
    assert "Готово, вы подписались: старт курса «" in done[0]
    assert "за день до старта курса" in done[0]
    (row,) = await _rows(bot_app, Subscription)
    assert row.topic_kind == "programme"
    pending = [r for r in await _rows(bot_app, Reminder) if r.kind.startswith("course_start")]
    assert pending

    clock.now = min(r.due_at for r in pending)
    sent = await _deliver(bot_app, clock)
    assert len(sent) == 1 and "начинается курс" in sent[0], first
    assert _labels(bot_app)[0] == "Открыть карточку курса"
    assert await _deliver(bot_app, clock) == []


async def test_forged_and_foreign_subscription_buttons(bot_app: ConsoleDriver) -> None:
    await _onboard(bot_app)
    other = _person(bot_app, OTHER_ID)
    await _onboard(bot_app, OTHER_ID)
    await _remind(other)
    (theirs,) = await _rows(bot_app, Subscription)

    outdated = "кнопка устарела"
    for data in (
        SubscriptionCallback(action="event", value="0000000000").pack(),
        SubscriptionCallback(action="topic", kind="i", value="no-such-industry").pack(),
        SubscriptionCallback(action="topic", kind="k", value="any").pack(),
        SubscriptionCallback(action="topic", kind="x", value="open_days").pack(),
        SubscriptionCallback(action="menu", value="everything").pack(),
        "sub:drop:::99999999999999999999:",
        "sub:topic",
    ):
        lines = await bot_app.press_data(data)
        assert outdated in " ".join(lines), data
    # Someone else's subscription: not theirs to drop, and nothing tells whose it is.
    lines = await bot_app.press_data(SubscriptionCallback(action="drop", id=theirs.id).pack())
    assert "Этой подписки уже нет" in " ".join(lines)
    assert len(await _rows(bot_app, Subscription)) == 1
    assert all(row.user_id == OTHER_ID for row in await _rows(bot_app, Subscription))


async def test_subscribing_needs_consent(bot_app: ConsoleDriver) -> None:
    await bot_app.press_data(_card(TVER_OPEN_DAY))
    lines = await bot_app.press_label("Напомнить")
    assert "нужно согласие на обработку персональных данных" in " ".join(lines)
    lines = await bot_app.send_text("/subscriptions")
    assert "нужно согласие" in lines[0]
    assert await _rows(bot_app, Subscription) == []


async def test_mydata_exports_and_forget_erases_subscriptions(bot_app: ConsoleDriver) -> None:
    await _onboard(bot_app)
    await _remind(bot_app)
    await bot_app.send_text("/subscriptions")
    await bot_app.press_label("Добавить тему")
    await bot_app.press_label("Виды событий")
    await bot_app.press_label("Абилимпикс")

    await bot_app.send_text("/mydata")
    (_name, data), *_ = bot_app.sent_files
    assert b'"subscriptions"' in data and TVER_OPEN_DAY.encode() in data

    await bot_app.send_text("/forget")
    yes = bot_app.choices[0].callback_data
    assert yes is not None
    await bot_app.press_data(yes)
    assert await _rows(bot_app, Subscription) == []
    assert await _rows(bot_app, Reminder) == []


async def test_an_english_reader_gets_english_texts(
    bot_app: ConsoleDriver, clock: MovableClock
) -> None:
    english = _person(bot_app, OTHER_ID, language="en")
    await _onboard(bot_app, OTHER_ID, language="en")
    await english.press_data(_card(TVER_OPEN_DAY))
    done = await english.press_label("Remind me")
    assert done[0].startswith('Done! I will remind you of "День открытых дверей')
    assert "• 09 Dec 2026, 11:00 — 3 days before it starts" in done[0]
    assert "Open days" in _labels(english)

    clock.now = datetime(2026, 12, 11, 8, 0, tzinfo=UTC)
    sent = await _deliver(english, clock)
    assert len(sent) == 2  # the three-day one fell due too: both once, nothing twice
    assert any(line.startswith('A reminder: "День открытых дверей') for line in sent)
    assert any("starts tomorrow." in line for line in sent)
    assert _labels(english)[0] == "Open the event's card"
