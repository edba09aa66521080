"""What a person said «Не нравится» to in the quiz is never suggested (issue 14): the quiz's
answers are kept, and the professions whose core work is a disliked activity leave the
suggestions and «Похожие» before ranking. Once: a schoolgirl who disliked teaching got
«Учитель рисования и черчения» because she likes art."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from bot.console.driver import ConsoleDriver
from bot.services.knowledge_base import short_reference
from bot.services.vocabulary import quiz_activities
from bot.storage.models import User as UserRow
from bot.ui.callbacks import RecommendationCallback
from knowledge import load_catalogue

CATALOGUE = load_catalogue()
ART_TEACHER = "Учитель рисования и черчения"
TEACHING = 10  # «Объяснять и учить других»
# Liking art: «Рисовать, придумывать дизайн» and «Сочинять музыку, снимать видео…».
LIKED = (3, 9)
ANSWER_VALUES = {"Нравится": 1, "Всё равно": 0, "Не нравится": -1}
# Read from the titles, not from the rule's table, so a table that lost a teacher still fails.
TEACHING_WORDS = re.compile(
    r"учител|педагог|воспитател|преподават|тренер|производственного обучения|наставнич", re.I
)
ART_CARDS = ("Художник-живописец", "Художник-оформитель", "Дизайнер", "Художник по текстилю")


def _title_of(code: str) -> str:
    return CATALOGUE.professions[code].title


def _shown(lines: list[str]) -> list[str]:
    """The titles of the items listed, in order."""
    return [
        re.sub(r" — [^—]+$", "", match.group(1))
        for line in lines
        for match in re.finditer(r"^\d+\. (.+)$", line, flags=re.MULTILINE)
    ]


def _answers(teaching: str) -> list[str]:
    return [
        teaching if number == TEACHING else "Нравится" if number in LIKED else "Всё равно"
        for number in range(1, 13)
    ]


async def _take_the_quiz(harness: ConsoleDriver, answers: list[str]) -> list[str]:
    lines: list[str] = []
    for answer in answers:
        lines = await harness.press_label(answer)
    return lines


async def _schoolgirl_who_likes_art(harness: ConsoleDriver, teaching: str) -> list[str]:
    """Onboarding through its buttons, the quiz included; the first page of her list."""
    await harness.send_text("/start")
    await harness.press_label("Согласен")
    await harness.press_label("Школьник")
    await harness.press_label("9 класс")
    await harness.press_label("Томская область")
    await harness.press_label("Творчество и дизайн")
    await harness.press_label("Готово")
    await harness.press_label("Пропустить")  # no words of her own
    lines = await harness.press_label("Пройти тест")
    assert lines[-1].startswith("Вопрос 1 из 12.")
    return await _take_the_quiz(harness, _answers(teaching))


async def _all_pages(harness: ConsoleDriver, first: list[str]) -> list[str]:
    pages = list(first)
    while any(choice.label == "Ещё »" for choice in harness.choices):
        pages.extend(await harness.press_label("Ещё »"))
    return _shown(pages)


async def _similar(harness: ConsoleDriver, title: str) -> list[str]:
    code = next(p.id for p in CATALOGUE.professions.values() if p.title == title)
    card = RecommendationCallback(action="card", ref=short_reference(code)).pack()
    await harness.press_data(card)
    return _shown(await harness.press_label("Похожие"))


async def _row(harness: ConsoleDriver) -> UserRow:
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        row = await session.scalar(select(UserRow).where(UserRow.telegram_id == harness.user.id))
    assert row is not None
    return row


async def test_teaching_disliked_no_teacher_in_the_list_nor_in_similar(
    harness: ConsoleDriver,
) -> None:
    first = await _schoolgirl_who_likes_art(harness, "Не нравится")
    shown = await _all_pages(harness, first)
    assert "Дизайнер" in shown and "Художник-живописец" in shown, shown  # art still is
    assert ART_TEACHER not in shown
    teachers = {_title_of(code) for code in quiz_activities()[TEACHING].professions}
    assert not teachers & set(shown), shown
    assert not [title for title in shown if TEACHING_WORDS.search(title)], shown
    # Ruled out before ranking: the list is as long as it would be without them.
    assert len([t for t in shown if t in {p.title for p in CATALOGUE.professions.values()}]) == 10
    for title in ART_CARDS:
        similar = await _similar(harness, title)
        assert similar, title
        assert not [t for t in similar if TEACHING_WORDS.search(t)], (title, similar)


@pytest.mark.parametrize("teaching", ["Всё равно", "Нравится"])
async def test_teaching_not_disliked_the_art_teacher_can_come(
    harness: ConsoleDriver, teaching: str
) -> None:
    """The same person who did not dislike teaching: what the test above rules out is there."""
    first = await _schoolgirl_who_likes_art(harness, teaching)
    assert ART_TEACHER in await _all_pages(harness, first)
    assert ART_TEACHER in await _similar(harness, "Художник-живописец")


async def test_the_answers_are_kept_and_a_retaken_quiz_replaces_them(
    harness: ConsoleDriver,
) -> None:
    await _schoolgirl_who_likes_art(harness, "Не нравится")
    first = await _row(harness)
    assert first.quiz_answers == [ANSWER_VALUES[a] for a in _answers("Не нравится")]
    assert first.quiz_answers[TEACHING - 1] == -1

    await harness.send_text("/profile")
    await harness.press_label("Изменить ответы")
    lines = await harness.press_label("Пройти тест интересов заново")
    assert lines[-1].startswith("Вопрос 1 из 12.")
    lines = await _take_the_quiz(harness, _answers("Всё равно"))
    assert lines[-1].startswith("Готово, изменил.")
    again = await _row(harness)
    assert again.quiz_answers == [ANSWER_VALUES[a] for a in _answers("Всё равно")]
    assert again.riasec != first.riasec
    # Teaching is no longer disliked: the art teacher may be suggested again.
    first_page = await harness.press_label("Показать подборку")
    assert ART_TEACHER in await _all_pages(harness, first_page)


async def test_starting_over_forgets_the_answers(harness: ConsoleDriver) -> None:
    await _schoolgirl_who_likes_art(harness, "Не нравится")
    assert (await _row(harness)).quiz_answers is not None
    lines = await harness.press_data("ob:restart:")
    assert lines[0] == "Хорошо, начнём заново."
    row = await _row(harness)
    assert row.quiz_answers is None and row.riasec is None


async def test_mydata_shows_the_answers_in_words(harness: ConsoleDriver) -> None:
    await _schoolgirl_who_likes_art(harness, "Не нравится")
    summary, _ = await harness.send_text("/mydata")
    lines = summary.splitlines()
    start = lines.index("• ваши ответы в тесте интересов (пройти его заново можно в /profile):")
    assert lines[start + 1] == (
        "— Нравится: «Рисовать, придумывать дизайн», "
        "«Сочинять музыку, снимать видео или делать спецэффекты»"
    )
    assert lines[start + 2] == "— Не нравится: «Объяснять и учить других»"
    assert lines[start + 3].startswith("— Всё равно: «Собирать мебель")
    assert lines[start + 3].count("«") == 9
    _, data = harness.sent_files[-1]
    (user,) = json.loads(data.decode("utf-8"))["tables"]["users"]
    assert user["quiz_answers"] == [ANSWER_VALUES[a] for a in _answers("Не нравится")]


async def test_mydata_without_the_quiz_says_nothing_of_it(harness: ConsoleDriver) -> None:
    await harness.send_text("/start")
    await harness.press_label("Согласен")
    summary, _ = await harness.send_text("/mydata")
    assert "тесте интересов" not in summary


@pytest.mark.parametrize("teaching", ["Не нравится", "Всё равно"])
async def test_the_profile_says_what_is_left_out(harness: ConsoleDriver, teaching: str) -> None:
    """Teaching never comes up, and /profile says why and how to change it; with nothing
    disliked that leaves work out, it says nothing of it."""
    await _schoolgirl_who_likes_art(harness, teaching)
    (profile,) = await harness.send_text("/profile")
    said = "Не предлагаю работу, где главное — то, что вам не нравится по тесту"
    if teaching == "Не нравится":
        assert f"{said}: «Объяснять и учить других». Пройдите тест заново" in profile
    else:
        assert said not in profile
