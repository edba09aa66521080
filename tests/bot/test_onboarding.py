"""Onboarding through the real dispatcher: every step, back, skip, bad input, restarts."""

from __future__ import annotations

from aiogram import Bot
from sqlalchemy import select

from bot.app import build_application
from bot.console.driver import ConsoleDriver
from bot.console.session import RecordingSession
from bot.services.onboarding import Step
from bot.storage.models import User as UserRow
from bot.ui.onboarding import STATES, step_of
from tests.conftest import TEST_TOKEN, SharedKnowledge


async def _user(harness: ConsoleDriver) -> UserRow:
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        row = await session.scalar(select(UserRow).where(UserRow.telegram_id == harness.user.id))
    assert row is not None
    return row


async def _consent(harness: ConsoleDriver) -> list[str]:
    await harness.send_text("/start")
    return await harness.press_label("Согласен")


def test_every_step_keeps_the_dialog_state_name_users_are_stored_under() -> None:
    # A renamed state would strand everyone who stopped at that step.
    assert {step: state.state for step, state in STATES.items()} == {
        step: f"Onboarding:{step.value}" for step in Step
    }
    assert all(step_of(f"Onboarding:{step.value}") is step for step in Step)
    assert step_of(None) is None
    assert step_of("RequestDialog:phone") is None


async def test_schoolchild_walks_through_every_step(harness: ConsoleDriver) -> None:
    lines = await _consent(harness)
    assert "Кто вы?" in lines[-1]

    assert "В каком вы классе?" in (await harness.press_label("Школьник"))[-1]
    lines = await harness.press_label("9 класс")
    assert "Из какого вы региона?" in lines[-1]
    assert any(choice.label == "Томская область" for choice in harness.choices)

    lines = await harness.press_label("Томская область")
    assert lines[0] == "Регион: Томская область."
    await harness.press_label("Компьютеры и IT")
    await harness.press_label("Наука и опыты")
    assert [c.label for c in harness.choices if c.label.startswith("✓")] == [
        "✓ Компьютеры и IT",
        "✓ Наука и опыты",
    ]
    await harness.press_label("Наука и опыты")  # a second tap unticks it
    lines = await harness.press_label("Готово")
    assert "своими словами" in lines[-1]

    lines = await harness.send_text("люблю собирать компьютеры и играть в игры")
    assert "тест интересов" in lines[-1]
    lines = await harness.press_label("Пропустить, показать профессии")
    assert "Теперь подберу профессии" in lines[0]

    user = await _user(harness)
    assert (user.role, user.grade, user.region, user.timezone) == (
        "school",
        9,
        "RU-TOM",
        "Asia/Tomsk",
    )
    assert user.interests == ["it"]
    assert user.about == "люблю собирать компьютеры и играть в игры"
    assert user.centre is not None
    assert user.onboarded_at is not None


async def test_adult_picks_situations_searches_region_and_takes_the_quiz(
    harness: ConsoleDriver,
) -> None:
    await _consent(harness)
    lines = await harness.press_label("Ищу работу")
    assert "Отметьте, что про вас" in lines[-1]
    await harness.press_label("Сейчас без работы")
    await harness.press_label("больше 50")
    await harness.press_label("Готово")

    await harness.press_label("Другой регион")
    lines = await harness.send_text("оренбург")
    assert lines[-1] == "Нашёл такой регион. Если это ваш, выберите его:"
    await harness.press_label("Оренбургская область")
    await harness.press_label("Готово")  # no interests picked
    await harness.press_label("Пропустить")  # no own words
    lines = await harness.press_label("Пройти тест")
    assert lines[-1].startswith("Вопрос 1 из 12")

    for number in range(1, 13):
        # Hands-on and helping people liked, the rest not.
        answer = "Нравится" if number in (1, 4, 7, 10) else "Не нравится"
        lines = await harness.press_label(answer)
    assert any("работать руками" in line and "помогать людям" in line for line in lines)

    user = await _user(harness)
    assert user.situations == ["unemployed", "pre_pension"]
    assert (user.region, user.timezone) == ("RU-ORE", "Asia/Yekaterinburg")
    assert user.riasec is not None
    assert user.riasec[0] == 1.0 and user.riasec[3] == 1.0  # R and S
    assert user.riasec[1] == 0.0


async def test_back_returns_to_the_previous_question(harness: ConsoleDriver) -> None:
    await _consent(harness)
    await harness.press_label("Школьник")
    lines = await harness.press_label("Назад")
    assert "Кто вы?" in lines[-1]
    lines = await harness.press_label("Работаю, хочу сменить профессию")
    assert "Отметьте, что про вас" in lines[-1]


async def test_quiz_back_undoes_the_last_answer_and_double_taps_count_once(
    harness: ConsoleDriver,
) -> None:
    await _consent(harness)
    await harness.press_label("Пропустить")  # role
    await harness.press_label("Пермский край")
    await harness.press_label("Готово")
    await harness.press_label("Пропустить")
    await harness.press_label("Пройти тест")
    first_like = harness.choices[0].callback_data
    assert first_like is not None
    await harness.press_data(first_like)
    lines = await harness.press_data(first_like)  # the same old button again
    assert not any(line.startswith("Вопрос 3") for line in lines)
    lines = await harness.press_label("Назад")
    assert lines[-1].startswith("Вопрос 1 из 12")


async def test_text_where_a_button_is_expected_gets_a_hint(harness: ConsoleDriver) -> None:
    await _consent(harness)
    lines = await harness.send_text("я не понял")
    assert lines[0] == "Пожалуйста, выберите вариант кнопкой ниже. Можно нажать «Пропустить»."
    assert "Кто вы?" in lines[1]
    lines = await harness.send_sticker()
    assert lines[0].startswith("Пожалуйста, выберите вариант кнопкой")


async def test_unknown_region_text_is_answered_and_can_be_retried(harness: ConsoleDriver) -> None:
    await _consent(harness)
    await harness.press_label("Педагог")
    lines = await harness.send_text("Нарния")
    assert "Не нашёл такой регион: «Нарния»" in lines[0]
    lines = await harness.send_text("tomsk")
    assert any(choice.label == "Томская область" for choice in harness.choices), lines


async def test_progress_survives_a_restart_and_a_week_away(
    harness: ConsoleDriver, settings
) -> None:  # type: ignore[no-untyped-def]
    await _consent(harness)
    await harness.press_label("Школьник")
    await harness.press_label("8 класс")

    # A new process: a new dispatcher over the same database.
    restarted = build_application(settings, knowledge=SharedKnowledge())
    session = RecordingSession()
    driver = ConsoleDriver(
        restarted.dispatcher, Bot(TEST_TOKEN, session=session), session, harness.user
    )
    try:
        lines = await driver.send_text("/start")
        assert lines[0] == "С возвращением! Продолжим с того места, где остановились."
        assert "Из какого вы региона?" in lines[1]
        lines = await driver.press_label("Воронежская область")
        assert lines[0] == "Регион: Воронежская область."
    finally:
        await restarted.engine.dispose()


async def test_restart_button_clears_answers_but_keeps_consent(harness: ConsoleDriver) -> None:
    await _consent(harness)
    await harness.press_label("Школьник")
    await harness.press_label("10 класс")
    lines = await harness.press_data("ob:restart:")
    assert lines[0] == "Хорошо, начнём заново."
    assert "Кто вы?" in lines[-1]
    user = await _user(harness)
    assert (user.role, user.grade) == (None, None)


async def test_deep_link_records_the_source_and_preselects(harness: ConsoleDriver) -> None:
    await harness.send_text("/start school_tomsk_12")
    user = await _user(harness)
    assert user.source == "school_tomsk_12"
    assert user.role is None  # nothing personal before consent

    lines = await harness.press_label("Согласен")
    assert "В каком вы классе?" in lines[-1]  # the QR code said "school"
    lines = await harness.press_label("7 класс")
    assert lines[-1] == "Вы из региона «Томская область»?"
    lines = await harness.press_label("Да")
    assert lines[0] == "Регион: Томская область."


async def test_invalid_deep_link_is_ignored_politely(harness: ConsoleDriver) -> None:
    lines = await harness.send_text("/start " + "x" * 70)
    assert "Здравствуйте" in lines[0]
    lines = await harness.send_text("/start ../../etc/passwd")
    assert "Здравствуйте" in lines[0]
    assert (await _user(harness)).source is None


async def test_onboarding_buttons_before_consent_are_outdated(harness: ConsoleDriver) -> None:
    await harness.send_text("/start")
    lines = await harness.press_data("ob:role:school")
    assert lines == ["[уведомление] Эта кнопка устарела. Отправьте /start, чтобы продолжить."]
    assert (await _user(harness)).role is None


async def test_language_switch_mid_dialog(harness: ConsoleDriver) -> None:
    await _consent(harness)
    await harness.send_text("/language")
    await harness.press_label("English")
    lines = await harness.send_text("/start")
    assert lines[0] == "Welcome back! Let's continue where we stopped."
    assert "Who are you?" in lines[1]
    lines = await harness.press_label("Schoolchild")
    assert "Which grade are you in?" in lines[-1]


async def test_english_users_see_english_region_names(harness: ConsoleDriver) -> None:
    harness.user = harness.user.model_copy(update={"language_code": "en"})
    await harness.send_text("/start")
    await harness.press_label("I agree")
    await harness.press_label("Teacher")
    assert any(choice.label == "Tomsk Oblast" for choice in harness.choices)
    lines = await harness.press_label("Tomsk Oblast")
    assert lines[0] == "Region: Tomsk Oblast."


async def test_a_region_typed_with_a_typo_is_found_and_nonsense_is_not(
    harness: ConsoleDriver,
) -> None:
    await _consent(harness)
    await harness.press_label("Педагог")
    lines = await harness.send_text("абракадабра")
    assert "Не нашёл такой регион: «абракадабра»" in lines[0]
    await harness.send_text("оренбуг")
    assert [choice.label for choice in harness.choices] == ["Оренбургская область", "« Назад"]
    lines = await harness.press_label("Оренбургская область")
    assert lines[0] == "Регион: Оренбургская область."


async def test_a_sticker_in_the_quiz_names_only_buttons_that_are_shown(
    harness: ConsoleDriver,
) -> None:
    await _consent(harness)
    await harness.press_label("Пропустить")  # role
    await harness.press_label("Пермский край")
    await harness.press_label("Готово")
    await harness.press_label("Пропустить")
    await harness.press_label("Пройти тест")
    lines = await harness.send_sticker()
    assert lines[0] == "Пожалуйста, выберите вариант кнопкой ниже."
    assert lines[1].startswith("Вопрос 1 из 12")
    labels = [choice.label for choice in harness.choices]
    assert labels == ["Нравится", "Всё равно", "Не нравится", "« Назад"]


async def test_a_sticker_where_skip_is_shown_points_to_it(harness: ConsoleDriver) -> None:
    await _consent(harness)
    lines = await harness.send_sticker()
    assert lines[0] == "Пожалуйста, выберите вариант кнопкой ниже. Можно нажать «Пропустить»."
    assert "Пропустить" in [choice.label for choice in harness.choices]
    await harness.press_label("Пропустить")  # role
    lines = await harness.send_sticker()  # the region list has no «Пропустить»
    assert lines[0] == "Пожалуйста, выберите вариант кнопкой ниже."
    assert "Из какого вы региона?" in lines[1]


async def test_a_typed_button_label_answers_like_the_button(harness: ConsoleDriver) -> None:
    await _consent(harness)
    lines = await harness.send_text("школьник")
    assert "В каком вы классе?" in lines[-1]
    lines = await harness.send_text("8 Класс")
    assert "Из какого вы региона?" in lines[-1]
    user = await _user(harness)
    assert (user.role, user.grade) == ("school", 8)

    await harness.press_label("Томская область")
    await harness.press_label("Готово")
    await harness.press_label("Пропустить")  # no own words
    lines = await harness.send_text("Пройти тест")
    assert lines[-1].startswith("Вопрос 1 из 12")


async def test_a_typed_skip_and_english_labels_work_too(harness: ConsoleDriver) -> None:
    harness.user = harness.user.model_copy(update={"language_code": "en"})
    await harness.send_text("/start")
    await harness.press_label("I agree")
    lines = await harness.send_text("schoolchild")
    assert "Which grade are you in?" in lines[-1]
    lines = await harness.send_text("skip")
    assert "Which region are you from?" in lines[-1]
    user = await _user(harness)
    assert (user.role, user.grade) == ("school", None)


async def test_a_region_search_with_several_results_says_so_in_plural(
    harness: ConsoleDriver,
) -> None:
    await _consent(harness)
    await harness.press_label("Ищу работу")
    await harness.press_label("Готово")
    await harness.press_label("Другой регион")
    lines = await harness.send_text("моск")
    assert lines[-1] == "Нашёл несколько вариантов. Выберите ваш:"
    labels = [choice.label for choice in harness.choices]
    assert "Москва" in labels and "Московская область" in labels
