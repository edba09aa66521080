"""Notifications go through the Messenger port; a 403 marks the user unreachable, and a
blocked user is never written to again until they come back. Telegram's answers become
delivery results, and no answer at all is UNKNOWN, never FAILED."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramNetworkError
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType
from sqlalchemy import select

from bot.app import Application, build_application
from bot.config import Settings
from bot.console.session import RecordingSession
from bot.services.accounts import PERSONAL_DATA, AccountService
from bot.services.messaging import DeliveryStatus, Notifier, Outgoing
from bot.storage.models import User as UserRow
from bot.storage.repositories import SqlUnitOfWork
from bot.telegram_messenger import TelegramMessenger
from tests.bot.helpers import consultation_service
from tests.conftest import TEST_TOKEN, SharedKnowledge
from tests.fake_messenger import RecordingMessenger


async def _is_blocked(application: Application, user_id: int) -> bool:
    async with application.session_factory() as session:
        row = await session.scalar(select(UserRow).where(UserRow.telegram_id == user_id))
    assert row is not None
    return row.is_blocked


async def test_a_user_who_blocked_the_bot_is_marked_when_staff_take_the_request(
    settings: Settings,
) -> None:
    application = build_application(settings, knowledge=SharedKnowledge())
    messenger = RecordingMessenger()
    try:
        async with application.session_factory() as session:
            uow = SqlUnitOfWork(session)
            await AccountService(uow).give_consent(777, PERSONAL_DATA, "ru")
            record, _ = await uow.consultations.add_unless_open(
                777, "Тема", None, None, None, datetime.now(UTC)
            )
            await uow.commit()
            service = consultation_service(uow, messenger)
            messenger.refuse_next(DeliveryStatus.BLOCKED)
            await service.mark_handled(record.id, 901, staff_name="Мария")
        assert await _is_blocked(application, 777)

        # Never written to again: the next notification is not even attempted.
        async with application.session_factory() as session:
            uow = SqlUnitOfWork(session)
            delivery = await Notifier(uow, messenger).to_user(777, Outgoing("Напоминание"))
        assert delivery.status is DeliveryStatus.BLOCKED
        assert messenger.sent == []

        # They pressed /start again: reachable.
        async with application.session_factory() as session:
            await AccountService(SqlUnitOfWork(session)).start(777)
        assert not await _is_blocked(application, 777)
    finally:
        await application.engine.dispose()


async def test_a_user_who_switched_notifications_off_is_not_told_about_the_request(
    settings: Settings,
) -> None:
    application = build_application(settings, knowledge=SharedKnowledge())
    messenger = RecordingMessenger()
    try:
        async with application.session_factory() as session:
            uow = SqlUnitOfWork(session)
            accounts = AccountService(uow)
            await accounts.give_consent(777, PERSONAL_DATA, "ru")
            await accounts.set_notifications(777, enabled=False)
            record, _ = await uow.consultations.add_unless_open(
                777, "Тема", None, None, None, datetime.now(UTC)
            )
            await uow.commit()
            service = consultation_service(uow, messenger)
            await service.mark_handled(record.id, 901, staff_name="Мария")
    finally:
        await application.engine.dispose()
    # No staff card was posted in this test, so the only possible message is the user's.
    assert [sent.chat_id for sent in messenger.sent] == []


class _NoAnswerSession(RecordingSession):
    """The request leaves, and the answer never comes: aiogram raises a network error."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self._message = message

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 - aiogram's signature
    ) -> TelegramType:
        self.requests.append(method)
        raise TelegramNetworkError(method=method, message=self._message)


class _GarbledSession(RecordingSession):
    """A proxy in front of Telegram answers with an HTML page: the answer cannot be read."""

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 - aiogram's signature
    ) -> TelegramType:
        self.requests.append(method)
        self.check_response(bot, method, 502, "<html><body>502 Bad Gateway</body></html>")
        raise AssertionError("check_response accepted an HTML page")


@pytest.mark.parametrize(
    ("status_code", "description", "parameters", "expected"),
    [
        (403, "Forbidden: bot was blocked by the user", None, DeliveryStatus.BLOCKED),
        (429, "Too Many Requests", {"retry_after": 7}, DeliveryStatus.RETRY_AFTER),
        (400, "Bad Request: chat not found", None, DeliveryStatus.FAILED),
        (413, "Request Entity Too Large", None, DeliveryStatus.FAILED),
        (500, "Internal Server Error", None, DeliveryStatus.UNKNOWN),
        (502, "Bad Gateway", None, DeliveryStatus.UNKNOWN),
    ],
)
async def test_telegram_answers_become_delivery_results(
    status_code: int,
    description: str,
    parameters: dict[str, int] | None,
    expected: DeliveryStatus,
) -> None:
    session = RecordingSession()
    bot = Bot(token=TEST_TOKEN, session=session)
    session.fail_next(status_code, description, parameters)

    delivery = await TelegramMessenger(bot).send_text(777, Outgoing("Привет"))

    assert delivery.status is expected
    assert not delivery.delivered
    if expected is DeliveryStatus.RETRY_AFTER:
        assert delivery.retry_after == 7


@pytest.mark.parametrize("message", ["Request timeout error", "ClientOSError: reset by peer"])
async def test_no_answer_from_telegram_is_unknown_not_failed(
    message: str, caplog: pytest.LogCaptureFixture
) -> None:
    bot = Bot(token=TEST_TOKEN, session=_NoAnswerSession(message))

    with caplog.at_level(logging.WARNING, logger="bot.telegram_messenger"):
        delivery = await TelegramMessenger(bot).send_text(777, Outgoing("Привет"))

    assert delivery.status is DeliveryStatus.UNKNOWN
    assert not delivery.delivered  # callers that count deliveries do not count it
    assert any("may have arrived" in r.getMessage() for r in caplog.records)


async def test_an_answer_that_cannot_be_read_is_unknown() -> None:
    bot = Bot(token=TEST_TOKEN, session=_GarbledSession())

    delivery = await TelegramMessenger(bot).send_text(777, Outgoing("Привет"))

    assert delivery.status is DeliveryStatus.UNKNOWN


async def test_an_unknown_delivery_to_a_user_does_not_mark_them_blocked(
    settings: Settings,
) -> None:
    application = build_application(settings, knowledge=SharedKnowledge())
    messenger = RecordingMessenger()
    try:
        async with application.session_factory() as session:
            uow = SqlUnitOfWork(session)
            await AccountService(uow).give_consent(777, PERSONAL_DATA, "ru")
            messenger.lose_answer_next()
            delivery = await Notifier(uow, messenger).to_user(777, Outgoing("Напоминание"))
        assert delivery.status is DeliveryStatus.UNKNOWN
        assert not await _is_blocked(application, 777)
    finally:
        await application.engine.dispose()
