"""Notifications go through the Messenger port; a 403 marks the user unreachable, and a
blocked user is never written to again until they come back."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.app import Application, build_application
from bot.config import Settings
from bot.services.accounts import PERSONAL_DATA, AccountService
from bot.services.messaging import DeliveryStatus, Notifier, Outgoing
from bot.storage.models import User as UserRow
from bot.storage.repositories import SqlUnitOfWork
from tests.bot.helpers import consultation_service
from tests.conftest import SharedKnowledge
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
