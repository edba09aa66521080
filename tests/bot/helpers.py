"""Small helpers for dispatcher-level tests."""

from __future__ import annotations

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
