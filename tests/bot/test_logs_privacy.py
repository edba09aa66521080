"""Logs never carry what users wrote: no message texts, no phone numbers, no SQL parameters,
not even when the database refuses a write in the middle of an update."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import insert

from bot.console.driver import ConsoleDriver
from bot.logs import configure_logging
from bot.services.accounts import PERSONAL_DATA, AccountService
from bot.storage.models import ConsultationRequest
from bot.storage.repositories import SqlConsultationRepository, SqlUnitOfWork
from bot.ui.callbacks import ConsultationCallback
from tests.bot.helpers import set_profile

PHONE = "+79991234567"
ABOUT = "Работала кондитером в Зеленогорске, люблю лепить марципан"
TOPIC = "Хочу узнать про курсы шоколатье в Северске"


@pytest.fixture
def all_logs() -> Iterator[io.StringIO]:
    """Everything every logger writes, tracebacks included, as an operator's file would."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    previous = root.level
    configure_logging(logging.DEBUG)  # the most talkative setting an operator can choose
    root.addHandler(handler)
    try:
        yield buffer
    finally:
        root.removeHandler(handler)
        root.setLevel(previous)


async def test_a_failed_write_logs_no_phone_no_texts_and_no_parameters(
    harness: ConsoleDriver, all_logs: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        await AccountService(uow).give_consent(111, PERSONAL_DATA, "ru")
        await set_profile(uow, 111, about=ABOUT, region="RU-TOM")
        await uow.commit()

    async def broken_insert(self: SqlConsultationRepository, *args: object, **kwargs: object):
        # A real refusal by the database, with the user's data among the parameters.
        await self._session.execute(
            insert(ConsultationRequest).values(
                user_id=111,
                topic=TOPIC,
                phone=PHONE,
                status="bogus",
                created_at=datetime.now(UTC),
            )
        )

    monkeypatch.setattr(SqlConsultationRepository, "add_unless_open", broken_insert)
    await harness.press_data(ConsultationCallback(action="ask").pack())
    await harness.send_text(TOPIC)
    lines = await harness.share_contact(PHONE)

    assert any(line.startswith("Извините, что-то пошло не так") for line in lines)
    output = all_logs.getvalue()
    assert "IntegrityError" in output or "CheckViolation" in output  # the failure is logged
    for secret in (PHONE, PHONE[1:], ABOUT, TOPIC, "марципан", "шоколатье"):
        assert secret not in output
