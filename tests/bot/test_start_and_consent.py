from __future__ import annotations

from sqlalchemy import func, select

from bot.console.driver import ConsoleDriver
from bot.storage.models import Consent, User


async def _rows(harness: ConsoleDriver, model: type) -> list:
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        return list(await session.scalars(select(model)))


async def test_start_greets_and_asks_consent_storing_only_the_id(harness: ConsoleDriver) -> None:
    lines = await harness.send_text("/start")

    assert "Здравствуйте" in lines[0]
    assert "152-ФЗ" in lines[1]
    assert [choice.label for choice in harness.choices] == [
        "Согласен(на)",
        "Не сейчас",
        "Прочитать политику",
    ]
    users = await _rows(harness, User)
    assert [(u.telegram_id, u.language, u.role, u.region) for u in users] == [
        (111, None, None, None)
    ]
    assert await _rows(harness, Consent) == []


async def test_accepting_consent_records_it_once(harness: ConsoleDriver) -> None:
    await harness.send_text("/start")
    consent_button = harness.choices[0].callback_data
    assert consent_button is not None

    first = await harness.press_data(consent_button)
    second = await harness.press_data(consent_button)  # a double tap on the old message

    assert any("Согласие записано" in line for line in first)
    assert any("уже записано" in line for line in second)
    consents = await _rows(harness, Consent)
    assert [(c.kind, c.withdrawn_at) for c in consents] == [("personal_data", None)]
    assert consents[0].given_at.tzinfo is not None
    (user,) = await _rows(harness, User)
    assert user.language == "ru"


async def test_consent_is_not_asked_again_after_it_was_given(harness: ConsoleDriver) -> None:
    await harness.send_text("/start")
    await harness.press_label("Согласен")

    lines = await harness.send_text("/start")

    assert not any("152-ФЗ" in line for line in lines)


async def test_declining_consent_stores_nothing_more(harness: ConsoleDriver) -> None:
    await harness.send_text("/start")
    lines = await harness.press_label("Не сейчас")

    assert any("ничего о вас не сохраняю" in line for line in lines)
    assert await _rows(harness, Consent) == []


async def test_policy_button_sends_the_shipped_policy(harness: ConsoleDriver) -> None:
    await harness.send_text("/start")
    lines = await harness.press_label("политику")

    assert "152-ФЗ" in "\n".join(lines)
    assert all(len(line) <= 4096 for line in lines)


async def test_repeat_start_keeps_one_user_row(harness: ConsoleDriver) -> None:
    await harness.send_text("/start")
    await harness.send_text("/start")

    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        assert await session.scalar(select(func.count()).select_from(User)) == 1
