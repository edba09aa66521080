"""Questions in the user's own words: FAQ answers, catalogue results, a clarifying question."""

from __future__ import annotations

import itertools

from aiogram.types import User
from sqlalchemy import func, select

from bot.console.driver import ConsoleDriver
from bot.services.accounts import PERSONAL_DATA, AccountService
from bot.services.knowledge_base import short_reference
from bot.storage.models import Feedback
from bot.storage.models import User as UserRow
from bot.storage.repositories import SqlUnitOfWork
from bot.ui.booking import BookingCallback
from bot.ui.callbacks import OnboardingCallback, RecommendationCallback
from tests.bot.helpers import set_profile

WELDER = "15.01.05"


async def _onboard(harness: ConsoleDriver, user_id: int = 111, **fields: object) -> None:
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        await AccountService(uow).give_consent(user_id, PERSONAL_DATA, "ru")
        values: dict[str, object] = {
            "role": "career_change",
            "region": "RU-VOR",
            "timezone": "Europe/Moscow",
            "interests": ["technology"],
        }
        values.update(fields)
        await set_profile(uow, user_id, **values)
        await uow.commit()


async def _count(harness: ConsoleDriver, model: type) -> int:
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_what_is_copp_gets_the_faq_answer(harness: ConsoleDriver) -> None:
    await _onboard(harness)

    lines = await harness.send_text("что такое ЦОПП")

    assert len(lines) == 1
    assert lines[0].startswith("ЦОПП — центр опережающей профессиональной подготовки")


async def test_how_much_does_it_cost_gets_the_price_answer(harness: ConsoleDriver) -> None:
    await _onboard(harness)

    (text,) = await harness.send_text("сколько стоит")

    assert text.startswith("Цены разные")
    assert "Содействию занятости" in text


async def test_naming_a_profession_gives_cards_nearby(harness: ConsoleDriver) -> None:
    await _onboard(harness)

    (text,) = await harness.send_text("хочу на сварщика")

    assert text.startswith("Вот что я нашёл")
    assert "1. Сварщик — профессия" in text
    assert "Томск" not in text  # programmes only from the user's region
    first = harness.choices[0]
    assert first.label == "1. Сварщик"
    assert (
        first.callback_data
        == RecommendationCallback(action="card", ref=short_reference(WELDER)).pack()
    )
    card = await harness.press(1)
    assert card[0].startswith("«Сварщик»")


async def test_not_knowing_what_to_be_gets_a_clarifying_question(harness: ConsoleDriver) -> None:
    await _onboard(harness)

    (text,) = await harness.send_text("я не знаю кем быть")

    # Not a search («Геодезист — Почему: Вы написали: «не знаю»» once): help to choose.
    assert text.startswith("Это нормально — многие пока не знают.")
    data = {choice.label: choice.callback_data for choice in harness.choices}
    assert data["Пройти тест интересов"] == OnboardingCallback(action="edit", value="quiz").pack()
    assert data["Хочу консультацию"] == BookingCallback(action="card").pack()
    assert "Компьютеры и IT" in data

    results = await harness.press_label("Компьютеры и IT")
    assert results[0].startswith("Вот что я нашёл")
    assert "Почему: Вы отметили: «Компьютеры и IT»" in results[0]


async def test_keyboard_mashing_gets_the_clarifying_question(harness: ConsoleDriver) -> None:
    await _onboard(harness)

    (text,) = await harness.send_text("ыврапдлоывап")

    assert "Давайте уточним" in text


async def test_after_onboarding_the_clarifying_question_offers_the_list(
    harness: ConsoleDriver,
) -> None:
    from datetime import UTC, datetime

    await _onboard(harness, onboarded_at=datetime.now(UTC))

    await harness.send_text("не знаю")

    labels = [choice.label for choice in harness.choices]
    assert labels[:2] == ["Пройти тест интересов", "Моя подборка"]
    listed = await harness.press_label("Моя подборка")
    assert "Почему:" in listed[0]


async def test_before_consent_only_general_answers_and_nothing_stored(
    harness: ConsoleDriver,
) -> None:
    faq = await harness.send_text("что такое ЦОПП")
    profession = await harness.send_text("хочу на сварщика")
    unclear = await harness.send_text("я не знаю кем быть")

    assert faq[0].startswith("ЦОПП — центр опережающей")
    assert "нужно ваше согласие" in profession[0] and "/start" in profession[0]
    assert "Сварщик" not in profession[0]
    assert "/start" in unclear[0]
    assert harness.choices == []
    assert await _count(harness, UserRow) == 0
    assert await _count(harness, Feedback) == 0


async def test_a_very_long_text_is_cut_and_still_answered(harness: ConsoleDriver) -> None:
    await _onboard(harness)

    lines = await harness.send_text("хочу на сварщика " + "а" * 10_000)

    assert lines[0] == "Сообщение очень длинное, я прочитал только первые 1000 символов."
    assert len(lines) == 2 and len(lines[1]) <= 4096


async def test_an_english_question_gets_an_english_answer(harness: ConsoleDriver) -> None:
    english = User(id=333, is_bot=False, first_name="Ann", language_code="en")
    driver = ConsoleDriver(harness.dispatcher, harness.bot, harness.session, english)
    driver._update_ids = itertools.count(200_000)

    (text,) = await driver.send_text("what is COPP?")

    assert text.startswith("A COPP (centre of advanced vocational training)")


async def test_commands_and_pending_dialogs_are_not_taken(harness: ConsoleDriver) -> None:
    await _onboard(harness)

    (text,) = await harness.send_text("/nonsense")

    assert "не знаю команды /nonsense" in text


async def test_english_in_a_russian_interface_names_language_in_both_languages(
    harness: ConsoleDriver,
) -> None:
    await _onboard(harness)

    text, faq = await harness.send_text("hi, do you speak english?")

    assert "/language" in text
    assert "Похоже, вы пишете по-английски" in text
    assert "It looks like you are writing in English" in text
    assert text.index("It looks like") < text.index("Похоже")  # their language first
    # The FAQ entry on languages follows, in the language the question was written in.
    assert faq.startswith("Yes. The bot speaks Russian first")
    assert "/language" in faq  # the answer itself says how to switch


async def test_english_nobody_understands_gets_the_hint_without_a_russian_clarification(
    harness: ConsoleDriver,
) -> None:
    await _onboard(harness)

    # Only the hint: «Давайте уточним» in Russian would be noise to this person.
    (text,) = await harness.send_text("qwerty zxcvbn asdfgh")

    assert "It looks like you are writing in English" in text and "/language" in text
    assert "Давайте уточним" not in text


async def test_russian_in_an_english_interface_names_language_and_still_answers(
    harness: ConsoleDriver,
) -> None:
    english = User(id=333, is_bot=False, first_name="Ann", language_code="en")
    driver = ConsoleDriver(harness.dispatcher, harness.bot, harness.session, english)
    driver._update_ids = itertools.count(200_000)
    await _onboard(harness, 333, language="en")

    hint, results = await driver.send_text("хочу на сварщика")

    assert hint.startswith("Похоже, вы пишете по-русски")
    assert "It looks like you are writing in Russian" in hint and "/language" in hint
    assert results.startswith("Here is what I found")


async def test_shared_words_and_short_latin_do_not_count_as_english(
    harness: ConsoleDriver,
) -> None:
    await _onboard(harness)

    (text,) = await harness.send_text("хочу в IT или 3D-моделирование, знаю Excel")

    assert "/language" not in text
