"""The catalogue in English for English users (issue 14): titles in lists, cards, «похожие»
and reasons, English card texts, and English free questions that find the right items.
Russian users see the Russian catalogue as before."""

from __future__ import annotations

import re
from datetime import date

from bot.console.driver import ConsoleDriver
from bot.i18n import translator
from bot.services.cards import ProgrammeCard
from bot.services.knowledge_base import short_reference
from bot.ui.callbacks import RecommendationCallback
from bot.ui.cards import programme_text
from knowledge import load_catalogue
from tests.bot.helpers import consenting_person, english_driver

CATALOGUE = load_catalogue()
WELDER = "15.01.05"
ENGLISH_TITLES = {
    *(profession.title_en for profession in CATALOGUE.professions.values()),
    *(programme.title_en for programme in CATALOGUE.programmes.values()),
}
ITEM = re.compile(r"^(\d+)\. (.+?) — ", flags=re.MULTILINE)
CYRILLIC = re.compile("[А-Яа-яЁё]")
ADULT = {
    "role": "career_change",
    "region": "RU-VOR",
    "timezone": "Europe/Moscow",
    "interests": ["technology", "construction"],
    "situations": ["unemployed"],
    "language": "en",
}


def _titles(lines: list[str]) -> list[str]:
    return [match.group(2) for line in lines for match in ITEM.finditer(line)]


def _card(item_id: str) -> str:
    return RecommendationCallback(action="card", ref=short_reference(item_id)).pack()


async def test_an_english_list_shows_english_titles(harness: ConsoleDriver) -> None:
    english = english_driver(harness)
    await consenting_person(english, 222, **ADULT)
    await consenting_person(harness, 111, **{**ADULT, "language": "ru"})

    lines = await english.press_data(RecommendationCallback(action="list").pack())
    titles = _titles(lines)
    assert titles, lines
    assert all(title in ENGLISH_TITLES for title in titles), titles
    buttons = [choice.label for choice in english.choices if choice.label[:1].isdigit()]
    assert buttons and not any(CYRILLIC.search(label) for label in buttons), buttons

    # The same person in Russian gets the Russian titles, as before.
    russian = _titles(await harness.press_data(RecommendationCallback(action="list").pack()))
    assert russian and all(CYRILLIC.search(title) for title in russian), russian


async def test_similar_items_and_their_reason_are_inenglish_driver(harness: ConsoleDriver) -> None:
    english = english_driver(harness)
    await consenting_person(english, 222, **ADULT)
    await english.press_data(_card(WELDER))

    (text,) = await english.press_label("Similar")

    assert text.startswith('Similar to "Welder"'), text
    titles = _titles([text])
    assert titles and all(title in ENGLISH_TITLES for title in titles), titles
    assert text.count('Similar to "Welder"') == len(titles) + 1  # the intro and each reason
    assert "Сварщик" not in text


async def test_welding_courses_in_rostov_inenglish_driver(harness: ConsoleDriver) -> None:
    """Once: a teacher and a mining technician. Rostov teaches no welding course, nor does
    any online one: the welding trades answer, not whatever course Rostov has."""
    english = english_driver(harness)
    await consenting_person(english, 222, **{**ADULT, "region": "RU-TOM", "timezone": "Asia/Tomsk"})

    lines = await english.send_text("welding courses in Rostov")

    titles = _titles(lines)
    assert titles, lines
    assert re.search("weld", titles[0], re.IGNORECASE), titles


async def test_english_questions_find_the_trade_asked_for(harness: ConsoleDriver) -> None:
    english = english_driver(harness)
    await consenting_person(english, 222, **ADULT)
    for question, expected in (
        ("hairdresser", "Hairdresser"),
        ("I want to become a programmer", "Program"),
    ):
        titles = _titles(await english.send_text(question))
        assert titles and any(expected in title for title in titles[:3]), (question, titles)


async def test_english_interests_refusals_and_a_change_of_career(harness: ConsoleDriver) -> None:
    """English questions are read as Russian ones are: the trade named, a refused clause left
    out of the search and of the reasons, the job being left not offered back."""
    english = english_driver(harness)
    await consenting_person(english, 222, **ADULT)

    titles = _titles(await english.send_text("I like cars"))
    assert titles and all(re.search("car|vehicle|automotive", t, re.I) for t in titles[:3]), titles
    titles = _titles(await english.send_text("cooking"))
    assert titles and "Cook" in titles[0], titles

    lines = await english.send_text("I don't want to sit in an office, I like being outdoors")
    titles = _titles(lines)
    assert titles and not any("office" in title.lower() for title in titles), titles
    assert "«office»" not in "\n".join(lines)

    titles = _titles(await english.send_text("I worked as a driver, want to switch to IT"))
    assert titles and not any("driver" in title.lower() for title in titles), titles


def test_a_record_without_english_text_keeps_the_russian_with_a_note() -> None:
    """A centre's own record, imported without the English columns, still reads."""
    programme = next(iter(CATALOGUE.programmes.values()))
    bare = programme.model_copy(update={"title_en": "", "description_en": ""})
    card = ProgrammeCard(
        programme=bare,
        ref="x",
        centre=None,
        region=None,
        dates=(date(2027, 3, 1),),
        professions=(),
        eligibility=(),
    )
    text = programme_text(translator("en"), card)
    assert text.startswith(f"«{programme.title}»")
    assert "(This description is only in Russian for now.)" in text
    assert programme.description.split()[0] in text
    russian = programme_text(translator("ru"), card)
    assert "only in Russian" not in russian and "только на русском" not in russian
