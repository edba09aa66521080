"""Small helpers for dispatcher-level tests."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

from aiogram.methods import SendMessage, TelegramMethod
from aiogram.types import Chat, Message, Update, User

from bot.console.driver import ConsoleDriver


class MovableClock:
    """A clock tests move by hand: `clock.now += timedelta(...)`."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def sent_texts(requests: list[TelegramMethod[Any]]) -> list[str]:
    return [request.text for request in requests if isinstance(request, SendMessage)]


def make_message(user: User, chat: Chat | None = None, **content: Any) -> Message:
    return Message(
        message_id=1,
        date=datetime.now(UTC),
        chat=chat or Chat(id=user.id, type="private"),
        from_user=user,
        **content,
    )


async def feed(harness: ConsoleDriver, update_id: int, **update: Any) -> list[TelegramMethod[Any]]:
    await harness.dispatcher.feed_update(harness.bot, Update(update_id=update_id, **update))
    return harness.session.take()


async def set_profile(uow: object, user_id: int, **values: Any) -> None:
    """Test setup: write onboarding answers straight into the user's row (no commit)."""
    from sqlalchemy import update

    from bot.storage.models import User as UserRow

    session = uow.session  # type: ignore[attr-defined]
    lists = {
        key: list(value) if isinstance(value, tuple) else value for key, value in values.items()
    }
    await session.execute(update(UserRow).where(UserRow.telegram_id == user_id).values(**lists))


async def consenting_person(harness: ConsoleDriver, user_id: int, **fields: object) -> None:
    """Test setup: a user who consented, with these onboarding answers (committed)."""
    from bot.services.accounts import PERSONAL_DATA, AccountService
    from bot.storage.repositories import SqlUnitOfWork

    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        await AccountService(uow).give_consent(user_id, PERSONAL_DATA, "ru")
        await set_profile(uow, user_id, **fields)
        await uow.commit()


def english_driver(harness: ConsoleDriver, user_id: int = 222) -> ConsoleDriver:
    """A second person on the same bot, whose Telegram is in English."""
    user = User(id=user_id, is_bot=False, first_name="John", language_code="en")
    driver = ConsoleDriver(harness.dispatcher, harness.bot, harness.session, user)
    driver._update_ids = itertools.count(100_000)
    driver.application = harness.application  # type: ignore[attr-defined]
    return driver


def consultation_service(uow: Any, messenger: Any) -> Any:
    """The consultation use case over a test's unit of work, sending through `messenger`;
    staff 901 (and admin 900) post to the staff chat -100500."""
    from bot.services.consultations import ConsultationService
    from bot.services.messaging import Notifier
    from bot.services.staff import StaffPolicy
    from bot.ui.consultations import ConsultationMessages
    from tests.conftest import SharedKnowledge

    return ConsultationService(
        uow,
        SharedKnowledge(),
        Notifier(uow, messenger),
        ConsultationMessages("ru"),
        StaffPolicy.of(admin_ids=[900], staff_ids=[901]),
        staff_chat_id=-100500,
    )
