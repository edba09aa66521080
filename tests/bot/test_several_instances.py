"""Several bot instances behind one webhook share Redis: a user's updates may reach any of
them. Two dispatchers built as production builds them (REDIS_URL set), one database."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from aiogram import Bot
from aiogram.methods import SendMessage
from aiogram.types import Update, User

from bot.app import Application, build_application
from bot.config import Settings
from bot.console.driver import ConsoleDriver
from bot.console.session import RecordingSession
from bot.i18n import translator
from tests.bot.helpers import make_message
from tests.conftest import TEST_TOKEN, SharedKnowledge
from tests.tcp_proxy import CuttableProxy

RU = translator("ru")


async def _instances(settings: Settings, count: int = 2) -> list[Application]:
    return [build_application(settings, knowledge=SharedKnowledge()) for _ in range(count)]


async def _close(instances: list[Application]) -> None:
    for application in instances:
        if application.redis is not None:
            await application.redis.aclose(close_connection_pool=True)
        await application.engine.dispose()


@pytest_asyncio.fixture
async def two(settings: Settings, redis_url: str) -> AsyncIterator[list[Application]]:
    instances = await _instances(settings.model_copy(update={"redis_url": redis_url}))
    try:
        yield instances
    finally:
        await _close(instances)


async def test_a_dialog_alternating_between_two_instances_goes_on(
    two: list[Application],
) -> None:
    session = RecordingSession()
    user = User(id=7001, is_bot=False, first_name="Оля", language_code="ru")
    driver = ConsoleDriver(two[0].dispatcher, Bot(TEST_TOKEN, session=session), session, user)

    def on(number: int) -> ConsoleDriver:
        driver.dispatcher = two[number].dispatcher
        return driver

    await on(0).send_text("/start")
    assert "Кто вы?" in (await on(1).press_label("Согласен"))[-1]
    assert "В каком вы классе?" in (await on(0).press_label("Школьник"))[-1]
    assert "Из какого вы региона?" in (await on(1).press_label("9 класс"))[-1]
    assert (await on(0).press_label("Томская область"))[0] == "Регион: Томская область."
    await on(1).press_label("Компьютеры и IT")
    assert "своими словами" in (await on(0).press_label("Готово"))[-1]


async def test_an_update_sent_again_to_the_other_instance_is_handled_once(
    two: list[Application],
) -> None:
    session = RecordingSession()
    bot = Bot(TEST_TOKEN, session=session)
    user = User(id=7002, is_bot=False, first_name="Петя", language_code="ru")
    update = Update(update_id=880_001, message=make_message(user, text="/help"))
    await two[0].dispatcher.feed_update(bot, update)
    await two[1].dispatcher.feed_update(bot, update)
    helps = [r for r in session.requests if isinstance(r, SendMessage)]
    assert len(helps) == 1


async def test_a_flood_spread_over_instances_is_throttled_and_others_are_served(
    settings: Settings, redis_url: str
) -> None:
    """1,000 updates from one user, half to each instance: one bucket in Redis, so the
    flooder gets the burst and one warning in all; another user is answered."""
    flood = settings.model_copy(
        update={"redis_url": redis_url, "throttle_rate_per_second": 2.0, "throttle_burst": 8}
    )
    instances = await _instances(flood)
    session = RecordingSession()
    bot = Bot(TEST_TOKEN, session=session)
    flooder = User(id=111, is_bot=False, first_name="Аня", language_code="ru")
    other = User(id=222, is_bot=False, first_name="Петя", language_code="ru")
    try:
        await asyncio.gather(
            *(
                instances[n % 2].dispatcher.feed_update(
                    bot, Update(update_id=10_000 + n, message=make_message(flooder, text="/help"))
                )
                for n in range(1000)
            )
        )
        await instances[1].dispatcher.feed_update(
            bot, Update(update_id=50_000, message=make_message(other, text="/help"))
        )
    finally:
        await _close(instances)
    to_flooder = [
        r.text for r in session.requests if isinstance(r, SendMessage) and r.chat_id == 111
    ]
    assert to_flooder.count(RU("throttled")) == 1
    assert RU("error-unexpected") not in to_flooder
    assert 8 <= len(to_flooder) <= 8 + 1 + 2  # the burst, one warning, a little refill
    assert any(r.chat_id == 222 for r in session.requests if isinstance(r, SendMessage))


async def test_redis_lost_mid_run_is_said_once_and_recovered_from(
    settings: Settings, redis_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Redis goes away: the user gets an apology (their dialog state is out of reach), the
    log says what is wrong; once Redis is back, the same instance serves again."""
    proxy = CuttableProxy("127.0.0.1", 6379)
    port = await proxy.start()
    database = redis_url.rsplit("/", 1)[1]
    (application,) = await _instances(
        settings.model_copy(update={"redis_url": f"redis://127.0.0.1:{port}/{database}"}), 1
    )
    session = RecordingSession()
    bot = Bot(TEST_TOKEN, session=session)
    user = User(id=7003, is_bot=False, first_name="Оля", language_code="ru")

    async def ask(update_id: int) -> list[str]:
        await application.dispatcher.feed_update(
            bot, Update(update_id=update_id, message=make_message(user, text="/help"))
        )
        return [r.text for r in session.take() if isinstance(r, SendMessage)]

    try:
        assert (await ask(1))[0].startswith("Что я умею")
        await proxy.cut()
        with caplog.at_level(logging.WARNING):
            assert await ask(2) == [RU("error-unexpected")]
        assert any("Redis does not answer" in r.getMessage() for r in caplog.records)
        await proxy.restore()
        answered: list[str] = []
        for update_id in range(3, 20):  # the client reconnects within a try or two
            answered = await ask(update_id)
            if answered and answered[0].startswith("Что я умею"):
                break
        assert answered[0].startswith("Что я умею")
    finally:
        await _close([application])
        await proxy.cut()
