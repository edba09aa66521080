"""Suggestions, catalogue cards and feedback, through the real dispatcher and database."""

from __future__ import annotations

import itertools
import re

from aiogram.types import User
from sqlalchemy import select

from bot.console.driver import ConsoleDriver
from bot.services.accounts import PERSONAL_DATA, AccountService
from bot.services.knowledge_base import short_reference
from bot.storage.models import Feedback, FeedbackTotal
from bot.storage.repositories import SqlUnitOfWork
from bot.ui.booking import BookingCallback
from bot.ui.callbacks import RecommendationCallback
from tests.bot.helpers import english_driver, set_profile

WELDER = "15.01.05"
DATE = re.compile(r"\b\d{2}\.\d{2}\.\d{4}\b")
SCHOOLCHILD = {
    "role": "school",
    "grade": 9,
    "region": "RU-TOM",
    "timezone": "Asia/Tomsk",
    "interests": ["it", "science"],
    "about": "люблю собирать роботов и программировать",
}
ADULT = {
    "role": "career_change",
    "region": "RU-VOR",
    "timezone": "Europe/Moscow",
    "interests": ["technology", "construction"],
    "situations": ["unemployed", "pre_pension"],
    "about": "работал на заводе слесарем",
}


async def _onboard(harness: ConsoleDriver, user_id: int, profile: dict[str, object]) -> None:
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        await AccountService(uow).give_consent(user_id, PERSONAL_DATA, "ru")
        await set_profile(uow, user_id, **profile)
        await uow.commit()


def _as(harness: ConsoleDriver, user_id: int) -> ConsoleDriver:
    """Another user talking to the same dispatcher."""
    user = User(id=user_id, is_bot=False, first_name="Пётр", language_code="ru")
    driver = ConsoleDriver(harness.dispatcher, harness.bot, harness.session, user)
    # Update ids far from the first driver's: the dispatcher drops repeated ids.
    driver._update_ids = itertools.count(100_000)
    driver.application = harness.application  # type: ignore[attr-defined]
    return driver


async def _feedback(harness: ConsoleDriver) -> list[tuple[int, str, int, str | None]]:
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        rows = await session.scalars(select(Feedback).order_by(Feedback.id))
        return [(row.user_id, row.item_id, row.vote, row.reason) for row in rows]


def _list() -> str:
    return RecommendationCallback(action="list").pack()


def _card(item_id: str) -> str:
    return RecommendationCallback(action="card", ref=short_reference(item_id)).pack()


async def _all_pages(driver: ConsoleDriver) -> str:
    text = "\n".join(await driver.press_data(_list()))
    while any("Ещё" in choice.label for choice in driver.choices):
        text += "\n".join(await driver.press_label("Ещё"))
    return text


async def test_schoolchild_and_adult_get_different_lists(harness: ConsoleDriver) -> None:
    adult = _as(harness, 222)
    await _onboard(harness, 111, SCHOOLCHILD)
    await _onboard(adult, 222, ADULT)

    school_text = await _all_pages(harness)
    adult_text = await _all_pages(adult)

    # A schoolchild: professions first, then профпробы in Tomsk; no adult courses.
    assert "профпроба" in school_text
    assert "ЦОПП Томской области" in school_text
    assert "программа обучения" not in school_text
    assert school_text.index("— профессия") < school_text.index("— профпроба")
    assert "Содействие занятости" not in school_text
    # An adult without work, 50+: courses in Voronezh and the hint about free retraining.
    assert "программа обучения" in adult_text
    assert "профпроба" not in adult_text
    assert "Томск" not in adult_text
    assert "Возможно, вы можете учиться бесплатно" in adult_text
    assert "Содействие занятости" in adult_text
    # Each item says why, in the user's own terms.
    assert "Почему: Вы отметили:" in school_text or "Почему: Вы написали:" in school_text
    assert "техника и механизмы" in adult_text.lower()


async def test_adult_list_offers_a_consultation_with_the_hint(harness: ConsoleDriver) -> None:
    await _onboard(harness, 111, ADULT)

    await harness.press_data(_list())

    asks = [c for c in harness.choices if c.label == "Хочу консультацию"]
    assert asks and asks[0].callback_data == BookingCallback(action="card").pack()


async def test_pagination_moves_forward_and_back_and_double_taps_are_harmless(
    harness: ConsoleDriver,
) -> None:
    await _onboard(harness, 111, ADULT)
    first = "\n".join(await harness.press_data(_list()))
    assert "1. " in first and "Страница 1 из" in first
    assert not any("Назад" in choice.label for choice in harness.choices)
    more = next(c.callback_data for c in harness.choices if "Ещё" in c.label)
    assert more is not None

    second = "\n".join(await harness.press_data(more))
    again = "\n".join(await harness.press_data(more))  # the same button pressed twice

    assert second.startswith("(изменено)")
    assert "6. " in second and "1. " not in second and "Страница 2 из" in second
    assert again == second
    back = "\n".join(await harness.press_label("Назад"))
    assert "1. " in back and "Страница 1 из" in back


async def test_forged_page_numbers_are_clamped_or_refused(harness: ConsoleDriver) -> None:
    await _onboard(harness, 111, ADULT)

    far = "\n".join(await harness.press_data(RecommendationCallback(action="page", page=99).pack()))
    # Buttons carry no negative numbers, so a forged one fails to unpack and no handler runs
    # (the service would clamp it too: tests/services/test_recommendations.py).
    negative = "\n".join(await harness.press_data("rec:page::-3"))

    assert "Страница" in far and "Ещё" not in [c.label for c in harness.choices[-1:]]
    assert "кнопка устарела" in negative


async def test_profession_card_says_what_where_when_and_championships(
    harness: ConsoleDriver,
) -> None:
    await _onboard(harness, 111, ADULT)

    lines = await harness.press_data(_card(WELDER))

    (text,) = lines
    assert len(text) <= 4096
    assert text.startswith("«Сварщик»")
    assert "Что это за работа" in text
    assert "Условия работы: работа стоя" in text
    assert "Где учиться в регионе «Воронежская область»" in text
    assert "Сварщик ручной дуговой сварки" in text  # the course in Voronezh
    assert "Профпроба" not in text  # профпробы are for schoolchildren
    assert DATE.search(text)
    assert "«Сварочные технологии» («Профессионалы»)" in text
    labels = [choice.label for choice in harness.choices]
    for label in ("Похожие", "Не подходит", "👍 Полезно", "👎 Не то", "Хочу консультацию"):
        assert label in labels
    ask = next(c for c in harness.choices if c.label == "Хочу консультацию")
    assert ask.callback_data == BookingCallback(action="card", ref=short_reference(WELDER)).pack()


async def test_programme_card_has_centre_price_document_and_hint(harness: ConsoleDriver) -> None:
    await _onboard(harness, 111, ADULT)
    await harness.press_data(_card(WELDER))

    (text,) = await harness.press_label("Курс:")

    assert "Профессиональное обучение" in text
    assert "Где: Отраслевой центр опережающей профессиональной подготовки" in text
    assert "г. Воронеж" in text
    assert "Стоимость:" in text and "Документ:" in text and "Для кого:" in text
    assert DATE.search(text)
    assert "Содействие занятости" in text


async def test_similar_items_exclude_the_item_itself(harness: ConsoleDriver) -> None:
    await _onboard(harness, 111, ADULT)
    await harness.press_data(_card(WELDER))

    (text,) = await harness.press_label("Похожие")

    assert text.startswith("Похоже на «Сварщик»")
    titles = [choice.label for choice in harness.choices]
    assert titles and all(not label.endswith(". Сварщик") for label in titles)
    assert "1. Сварщик\n" not in text


async def test_not_fit_with_a_reason_hides_the_item_from_the_next_list(
    harness: ConsoleDriver,
) -> None:
    await _onboard(harness, 111, ADULT)
    await harness.press_data(_list())
    first = harness.choices[0]
    title = first.label.split(". ", 1)[1].rstrip("…")
    await harness.press(1)  # the card of the first item

    asked = await harness.press_label("Не подходит")
    assert "больше не покажу" in asked[0]
    thanks = await harness.press_label("Тяжело физически")
    assert "[уведомление] Спасибо, учту." in thanks

    after = "\n".join(await harness.press_data(_list()))
    assert f"1. {title}" not in after
    rows = await _feedback(harness)
    assert [(user, vote, reason) for user, _, vote, reason in rows] == [(111, -1, "physical")]


async def test_not_fit_without_a_reason_still_hides(harness: ConsoleDriver) -> None:
    await _onboard(harness, 111, ADULT)
    await harness.press_data(_card(WELDER))
    await harness.press_label("Не подходит")
    await harness.press_label("Пропустить")

    everything = await _all_pages(harness)

    assert "Сварщик — профессия" not in everything
    assert await _feedback(harness) == [(111, WELDER, -1, None)]


async def test_votes_are_stored_once_per_user(harness: ConsoleDriver) -> None:
    await _onboard(harness, 111, ADULT)
    await harness.press_data(_list())
    up = next(c.callback_data for c in harness.choices if c.label == "👍 Полезно")
    assert up is not None

    first = await harness.press_data(up)
    await harness.press_data(up)  # a double tap

    assert any("Отметил" in line for line in first)
    rows = await _feedback(harness)
    assert len(rows) == 1 and rows[0][2] == 1
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        (total,) = list(await session.scalars(select(FeedbackTotal)))
    assert (total.up, total.down) == (1, 0)

    down = RecommendationCallback(action="down", ref=short_reference(rows[0][1])).pack()
    await harness.press_data(down)
    assert [row[2] for row in await _feedback(harness)] == [-1]


async def test_forged_and_stale_buttons_say_outdated(harness: ConsoleDriver) -> None:
    await _onboard(harness, 111, ADULT)
    forged = [
        RecommendationCallback(action="card", ref="0000000000").pack(),
        RecommendationCallback(action="similar", ref="").pack(),
        RecommendationCallback(action="up", ref="nonsense").pack(),
        RecommendationCallback(action="unfit", ref=short_reference("faq-cost")).pack(),
        "rec:page::not-a-number",
        "rec:explode:x:0",
        "unfit:0000000000:boring",
        "unfit:" + short_reference(WELDER) + ":because",
        "garbage",
    ]
    for data in forged:
        lines = await harness.press_data(data)
        assert lines == [
            "[уведомление] Эта кнопка устарела. Отправьте /start, чтобы продолжить."
        ], data
    assert await _feedback(harness) == []


async def test_list_and_votes_need_consent(harness: ConsoleDriver) -> None:
    await harness.send_text("/start")

    listed = await harness.press_data(_list())
    voted = await harness.press_data(
        RecommendationCallback(action="up", ref=short_reference(WELDER)).pack()
    )

    assert "согласие" in listed[0]
    assert "согласие" in voted[0]
    assert await _feedback(harness) == []


async def test_empty_profile_gets_a_way_to_tell_about_oneself(harness: ConsoleDriver) -> None:
    await _onboard(harness, 111, {"role": "job_seeker"})

    lines = await harness.press_data(_list())

    assert "мало знаю о ваших интересах" in lines[0]
    assert [c.label for c in harness.choices] == ["Хочу консультацию", "Пройти знакомство заново"]


async def test_a_region_without_centres_says_so_instead_of_an_empty_heading(
    harness: ConsoleDriver,
) -> None:
    # The catalogue has no centre in Moscow, in either language: the card used to show
    # «Where to study in Moscow:» with nothing under it.
    moscow = {**ADULT, "region": "RU-MOW"}
    english = ConsoleDriver(
        harness.dispatcher,
        harness.bot,
        harness.session,
        User(id=222, is_bot=False, first_name="John", language_code="en"),
    )
    english._update_ids = itertools.count(100_000)
    await _onboard(harness, 111, moscow)
    await _onboard(harness, 222, {**moscow, "language": "en"})

    (russian,) = await harness.press_data(_card(WELDER))
    (text,) = await english.press_data(_card(WELDER))

    assert "Where to study" not in text and "Courses and career tasters nearby" not in text
    assert "My catalogue has no training centres in Moscow yet" in text
    assert "Press “I want a consultation”: you can book an online or phone consultation" in text
    assert "There are 10 programmes in other regions" in text
    assert "I want a consultation" in [choice.label for choice in english.choices]
    assert "Где учиться" not in russian
    assert "нет центров, где можно учиться в регионе «Москва»" in russian
    assert "Нажмите «Хочу консультацию»: можно записаться на консультацию онлайн" in russian
    assert "Хочу консультацию" in [choice.label for choice in harness.choices]


async def test_english_cards_show_the_english_title_and_description(
    harness: ConsoleDriver,
) -> None:
    # The catalogue has a short English text for every item: an English card shows it, with
    # no note that the text is Russian, and no heading of a card is left without lines under it.
    english = english_driver(harness)
    await _onboard(english, 222, {**ADULT, "language": "en"})

    (card,) = await english.press_data(_card(WELDER))
    (course,) = await english.press_label("Course:")

    lines = card.splitlines()
    assert lines[0] == "«Welder»"
    heading = lines.index("What the work is")
    assert lines[heading + 1].startswith("A welder joins metal parts")
    assert course.startswith("«Manual arc welder (covered electrode)»")
    assert "A course for those who want to learn a trade from scratch" in course
    for text in (card, course):
        assert "only in Russian" not in text
        blocks = text.split("\n\n")
        assert all(not block.rstrip().endswith(":") for block in blocks), text
    (russian,) = await harness.press_data(_card(WELDER))
    assert russian.startswith("«Сварщик»")
    assert "Сварщик соединяет металлические детали" in russian
    assert "welder" not in russian.lower()


PC_OPERATOR = "09.01.03"  # no course in Orenburg; seven in other regions, three of them online


async def test_programmes_in_other_regions_open_from_the_card_online_first(
    harness: ConsoleDriver,
) -> None:
    await _onboard(harness, 111, {**ADULT, "region": "RU-ORE", "timezone": "Asia/Yekaterinburg"})
    (card,) = await harness.press_data(_card(PC_OPERATOR))
    assert "Есть 7 программ в других регионах." in card
    away = next(c for c in harness.choices if c.label == "Программы в других регионах")
    assert away.callback_data is not None and len(away.callback_data.encode()) <= 64

    (text,) = await harness.press_data(away.callback_data)

    assert text.startswith("Программы по профессии «Оператор ПК» в других регионах:")
    items = [block for block in text.split("\n\n") if re.match(r"\d+\. ", block)]
    assert len(items) == 7
    online = [i for i, block in enumerate(items) if "онлайн" in block]
    assert online == [0, 1, 2]  # online ones first: anyone can attend them
    assert "Онлайн-программы стоят первыми" in text
    assert "Оренбург" not in text
    assert all(" · " in block for block in items)  # each says its centre and region
    labels = [choice.label for choice in harness.choices]
    assert labels.count("👍 Полезно") == 7 and labels[-1] == "« Назад к профессии"
    assert all(len((c.callback_data or "").encode()) <= 64 for c in harness.choices)

    (course,) = await harness.press(1)
    assert "Где:" in course and "Стоимость:" in course
    (back,) = await harness.press_data(away.callback_data)
    assert back == text
    (again,) = await harness.press_label("Назад к профессии")
    assert again == card


async def test_the_other_regions_button_shows_only_when_the_card_mentions_them(
    harness: ConsoleDriver,
) -> None:
    await _onboard(harness, 111, ADULT)  # Voronezh has a welding course

    (card,) = await harness.press_data(_card(WELDER))

    assert "других регионах" not in card
    assert "Программы в других регионах" not in [c.label for c in harness.choices]
