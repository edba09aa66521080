"""The views turn the services' plain data into text: quoting the user's words and choosing
the language of an FAQ answer happen there, not in the services."""

from __future__ import annotations

from bot.i18n import translator
from bot.services.questions import QuestionService
from bot.services.recommendations import RecommendationService
from bot.ui.catalogue_parts import quote
from bot.ui.questions import answer_view
from bot.ui.recommendations import list_text
from tests.fakes import FakeUnitOfWork, FixedKnowledge
from tests.services.conftest import clock


def test_quote_collapses_spaces_and_cuts_long_words_at_a_word() -> None:
    assert quote("  хочу   стать\nсварщиком ") == "«хочу стать сварщиком»"
    long = "работал на заводе слесарем двадцать лет, потом завод закрыли"
    assert quote(long) == "«работал на заводе слесарем двадцать…»"


async def test_own_words_are_quoted_in_the_list(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    await uow.add_consenting_user(1, region="RU-TOM", about="хочу стать сварщиком")

    page = await RecommendationService(uow, knowledge, clock).recommend(1)
    text = list_text(translator("ru"), page)

    assert "1. Сварщик — профессия" in text
    assert "Вы написали: «сварщиком»" in text


async def test_an_faq_answer_comes_in_the_users_language(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    answer = await QuestionService(uow, knowledge, clock).answer(1, "бесплатное обучение")

    russian, _ = answer_view(translator("ru"), answer, "ru")
    english, markup = answer_view(translator("en"), answer, "en")

    assert russian.startswith("Да: по проекту «Содействие занятости»")
    assert english.startswith("Yes: the employment support project") and markup is None
