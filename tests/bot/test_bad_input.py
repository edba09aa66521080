"""Bad input gets a clear answer: stickers, media, huge texts, unknown commands, replays,
forged buttons, group chats, floods and crashes inside a handler."""

from __future__ import annotations

import logging

import pytest
from aiogram import Bot
from aiogram.methods import SendMessage
from aiogram.types import (
    Chat,
    Document,
    PhotoSize,
    User,
    Voice,
)
from sqlalchemy import select

from bot.app import build_application
from bot.config import Settings
from bot.console.driver import ConsoleDriver
from bot.console.session import RecordingSession
from bot.services.accounts import PERSONAL_DATA, AccountService
from bot.storage.models import User as UserRow
from bot.storage.repositories import SqlUnitOfWork
from bot.ui.callbacks import ConsultationCallback
from tests.conftest import TEST_TOKEN, SharedKnowledge

from .helpers import feed, make_message, sent_texts


async def test_sticker_gets_a_hint(harness: ConsoleDriver) -> None:
    lines = await harness.send_sticker()
    assert lines == [
        "Я понимаю только текст и кнопки. Напишите, пожалуйста, словами или нажмите /help."
    ]


@pytest.mark.parametrize(
    "content",
    [
        {"photo": [PhotoSize(file_id="p", file_unique_id="p", width=10, height=10)]},
        {"voice": Voice(file_id="v", file_unique_id="v", duration=3)},
        {"document": Document(file_id="d", file_unique_id="d", file_name="cv.pdf")},
    ],
    ids=["photo", "voice", "document"],
)
async def test_media_gets_a_hint(harness: ConsoleDriver, content: dict) -> None:
    requests = await feed(harness, 1, message=make_message(harness.user, **content))
    assert sent_texts(requests) == [
        "Я понимаю только текст и кнопки. Напишите, пожалуйста, словами или нажмите /help."
    ]


async def test_ten_thousand_characters_get_an_answer(harness: ConsoleDriver) -> None:
    lines = await harness.send_text("а" * 10_000)
    assert lines and all(0 < len(line) <= 4096 for line in lines)


async def test_unknown_command_points_to_help(harness: ConsoleDriver) -> None:
    lines = await harness.send_text("/launch_rockets now")
    assert lines == ["Я не знаю команды /launch_rockets. Список команд — в /help."]


async def test_the_same_update_twice_is_handled_once(harness: ConsoleDriver) -> None:
    message = make_message(harness.user, text="/help")
    first = await feed(harness, 77, message=message)
    second = await feed(harness, 77, message=message)
    assert len(sent_texts(first)) == 1
    assert second == []


@pytest.mark.parametrize(
    "data",
    [
        "consent:hack",
        "lang:xx",
        "garbage",
        "x" * 64,
        "consent",
        "",
        "cons:withdraw::99999999999999999999",
        "cons:withdraw::-5",
        "rec:page::99999999999999999999",
        "rec:away:0000000000:0",  # programmes elsewhere: an unknown or stale reference
        "rec:away::0",
    ],
    ids=repr,
)
async def test_forged_or_stale_button_is_outdated(harness: ConsoleDriver, data: str) -> None:
    lines = await harness.press_data(data)
    assert lines == ["[уведомление] Эта кнопка устарела. Отправьте /start, чтобы продолжить."]


async def test_group_chat_gets_private_only_answer(harness: ConsoleDriver) -> None:
    group = Chat(id=-1001, type="supergroup", title="Класс 9Б")
    requests = await feed(harness, 5, message=make_message(harness.user, chat=group, text="/start"))
    assert sent_texts(requests) == [
        "Я работаю только в личных сообщениях. Напишите мне напрямую: нажмите на моё имя и «Написать сообщение»."
    ]
    chatter = await feed(
        harness, 6, message=make_message(harness.user, chat=group, text="всем привет")
    )
    assert chatter == []


async def test_unexpected_error_apologises_and_logs_update_id(
    harness: ConsoleDriver, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(self: AccountService, telegram_id: int) -> None:
        raise RuntimeError("database exploded")

    monkeypatch.setattr(AccountService, "start", broken)
    with caplog.at_level(logging.ERROR):
        requests = await feed(harness, 4242, message=make_message(harness.user, text="/start"))

    assert sent_texts(requests) == [
        "Извините, что-то пошло не так. Мы уже разбираемся. Попробуйте ещё раз чуть позже или отправьте /start."
    ]
    assert any("4242" in record.getMessage() for record in caplog.records)


async def test_flood_from_one_user_does_not_starve_another(settings: Settings) -> None:
    throttled = build_application(
        settings.model_copy(update={"throttle_rate_per_second": 2.0, "throttle_burst": 8}),
        knowledge=SharedKnowledge(),
    )
    session = RecordingSession()
    flooder = User(id=111, is_bot=False, first_name="Аня", language_code="ru")
    harness = ConsoleDriver(
        throttled.dispatcher, Bot(TEST_TOKEN, session=session), session, flooder
    )
    try:
        answered = 0
        for update_id in range(1000, 1040):
            requests = await feed(harness, update_id, message=make_message(flooder, text="/help"))
            answered += sum(
                1
                for r in requests
                if isinstance(r, SendMessage) and r.text.startswith("Что я умею")
            )
        other = User(id=222, is_bot=False, first_name="Петя", language_code="ru")
        requests = await feed(harness, 2000, message=make_message(other, text="/help"))
    finally:
        await throttled.engine.dispose()

    assert 8 <= answered < 40  # the burst was served, then the bucket ran dry
    assert sent_texts(requests)[0].startswith("Что я умею")


async def test_a_grade_button_with_a_digit_int_refuses_is_outdated(
    harness: ConsoleDriver,
) -> None:
    await harness.send_text("/start")
    await harness.press_label("Согласен")
    await harness.press_label("Школьник")
    lines = await harness.press_data("ob:grade:²")
    assert lines == ["[уведомление] Эта кнопка устарела. Отправьте /start, чтобы продолжить."]


async def test_a_topic_of_only_zero_width_characters_is_empty(harness: ConsoleDriver) -> None:
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        await AccountService(SqlUnitOfWork(session)).give_consent(111, PERSONAL_DATA, "ru")
    await harness.press_data(ConsultationCallback(action="ask").pack())
    lines = await harness.send_text("\u200b\u200d\ufeff \u2060")
    assert lines == ["Тема заявки пустая. Напишите, пожалуйста, о чём вы хотите спросить."]


async def test_unknown_start_payloads_are_counted_as_other(harness: ConsoleDriver) -> None:
    await harness.send_text("/start hello_world")
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        user = await session.scalar(select(UserRow))
    assert user is not None and user.source == "other"
