"""«Изменить ответы» in /profile changes one answer and keeps the rest, the quiz included."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.console.driver import ConsoleDriver
from bot.services.accounts import PERSONAL_DATA, AccountService
from bot.storage.models import User as UserRow
from bot.storage.repositories import SqlUnitOfWork
from bot.ui.callbacks import OnboardingCallback
from tests.bot.helpers import set_profile

USER_ID = 111
RIASEC = [0.9, 0.8, 0.2, 0.3, 0.1, 0.4]
ONBOARDED = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


async def _onboarded_schoolgirl(harness: ConsoleDriver) -> None:
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        await AccountService(uow).give_consent(USER_ID, PERSONAL_DATA, "ru")
        await set_profile(
            uow,
            USER_ID,
            role="school",
            grade=9,
            region="RU-TOM",
            interests=["it", "science"],
            about="Люблю собирать роботов",
            riasec=RIASEC,
            onboarded_at=ONBOARDED,
        )
        await uow.commit()


async def _row(harness: ConsoleDriver) -> UserRow:
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        row = await session.scalar(select(UserRow).where(UserRow.telegram_id == USER_ID))
    assert row is not None
    return row


async def _edit_menu(harness: ConsoleDriver) -> list[str]:
    await harness.send_text("/profile")
    return await harness.press_label("Изменить ответы")


async def test_the_menu_offers_each_answer_of_this_person(harness: ConsoleDriver) -> None:
    await _onboarded_schoolgirl(harness)
    lines = await _edit_menu(harness)
    assert "Что изменить? Остальные ответы останутся как есть." in lines[0]
    assert [c.label for c in harness.choices] == [
        "Кто вы",
        "Класс",
        "Регион",
        "Интересы",
        "О себе своими словами",
        "Пройти тест интересов заново",
        "Начать всё заново",
    ]


async def test_changing_the_region_keeps_the_rest_and_the_quiz(harness: ConsoleDriver) -> None:
    await _onboarded_schoolgirl(harness)
    await _edit_menu(harness)
    assert "Из какого вы региона?" in (await harness.press_label("Регион"))[-1]
    lines = await harness.press_label("Тверская область")
    assert lines[0] == "Регион: Тверская область."
    saved = lines[1]
    assert saved.startswith("Готово, изменил. Теперь ваши ответы такие:")
    assert "Регион: Тверская область" in saved
    assert "Класс: 9" in saved and "О себе: Люблю собирать роботов" in saved
    assert "Тест интересов:" in saved
    assert [c.label for c in harness.choices] == ["Изменить что-то ещё", "Показать подборку"]
    row = await _row(harness)
    assert row.region == "RU-TVE"
    assert row.interests == ["it", "science"] and row.grade == 9
    assert row.riasec == RIASEC
    assert row.onboarded_at == ONBOARDED
    # The dialog is over: a free question is a question again, not a region.
    assert await harness.send_text("хочу чинить дроны") != [
        "Не нашёл такой регион: «хочу чинить дроны»."
    ]


async def test_interests_start_from_the_stored_ones(harness: ConsoleDriver) -> None:
    await _onboarded_schoolgirl(harness)
    await _edit_menu(harness)
    await harness.press_label("Интересы")
    ticked = [c.label for c in harness.choices if c.label.startswith("✓")]
    assert ticked == ["✓ Компьютеры и IT", "✓ Наука и опыты"]
    await harness.press_label("✓ Наука и опыты")
    await harness.press_label("Творчество и дизайн")
    lines = await harness.press_label("Готово")
    assert "Интересы: Компьютеры и IT, Творчество и дизайн" in lines[-1]
    row = await _row(harness)
    assert row.interests == ["it", "creative"] and row.about == "Люблю собирать роботов"
    assert row.riasec == RIASEC


async def test_a_new_role_asks_its_own_question_then_stops(harness: ConsoleDriver) -> None:
    await _onboarded_schoolgirl(harness)
    await _edit_menu(harness)
    await harness.press_label("Кто вы")
    lines = await harness.press_label("Ищу работу")
    assert "От этого зависит, можно ли учиться бесплатно" in lines[-1]
    await harness.press_label("Сейчас без работы")
    lines = await harness.press_label("Готово")
    assert lines[-1].startswith("Готово, изменил.")
    assert "Регион: Томская область" in lines[-1]  # not asked again
    row = await _row(harness)
    assert row.role == "job_seeker" and row.region == "RU-TOM"
    assert row.interests == ["it", "science"]


async def test_the_quiz_again_replaces_only_the_quiz(harness: ConsoleDriver) -> None:
    await _onboarded_schoolgirl(harness)
    await _edit_menu(harness)
    lines = await harness.press_label("Пройти тест интересов заново")
    assert lines[-1].startswith("Вопрос 1 из 12.")
    while harness.choices and harness.choices[0].label != "Изменить что-то ещё":
        lines = await harness.press_label("Нравится")
    assert lines[-1].startswith("Готово, изменил.")
    row = await _row(harness)
    assert row.riasec != RIASEC and row.riasec is not None
    assert row.about == "Люблю собирать роботов" and row.region == "RU-TOM"


async def test_back_leaves_the_answer_as_it_was(harness: ConsoleDriver) -> None:
    await _onboarded_schoolgirl(harness)
    await _edit_menu(harness)
    await harness.press_label("О себе своими словами")
    lines = await harness.press_label("« Назад")
    assert "Что изменить?" in lines[-1]
    row = await _row(harness)
    assert row.about == "Люблю собирать роботов"
    assert await harness.send_text("/profile")  # no dialog is waiting for «о себе»
    assert (await _row(harness)).about == "Люблю собирать роботов"


async def test_a_forged_or_stale_edit_button_is_outdated(harness: ConsoleDriver) -> None:
    await _onboarded_schoolgirl(harness)
    # A schoolgirl has no «situation» question; a made-up step is no step at all.
    for value in ("situations", "nonsense"):
        lines = await harness.press_data(OnboardingCallback(action="edit", value=value).pack())
        assert any("устарела" in line for line in lines), lines
    assert (await _row(harness)).region == "RU-TOM"
