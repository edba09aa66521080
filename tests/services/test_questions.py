"""QuestionService: FAQ answers for anyone, catalogue answers only with consent."""

from __future__ import annotations

import pytest

from bot.services.errors import DomainError
from bot.services.questions import QUESTION_LIMIT, QuestionService
from tests.fakes import FakeUnitOfWork, FixedKnowledge
from tests.services.conftest import COOK, WELDER, clock


def _service(uow: FakeUnitOfWork, knowledge: FixedKnowledge) -> QuestionService:
    return QuestionService(uow, knowledge, clock)


async def test_an_faq_answer_needs_no_consent(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    answer = await _service(uow, knowledge).answer(1, "бесплатное обучение")

    assert answer.kind == "faq" and not answer.has_consent
    # The entry, not a text: the view picks the user's language.
    assert answer.faq is not None and answer.faq.id == "faq-besplatno"


async def test_a_catalogue_question_before_consent_asks_for_it(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    answer = await _service(uow, knowledge).answer(1, "хочу на сварщика")

    assert answer.kind == "consent" and answer.items == ()


async def test_a_catalogue_question_with_consent_lists_items(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    await uow.add_consenting_user(1, region="RU-TOM")

    answer = await _service(uow, knowledge).answer(1, "хочу на сварщика")

    assert answer.kind == "catalogue" and answer.has_consent and not answer.onboarded
    assert answer.items[0].item_id == WELDER
    assert answer.items[0].own_words == ("сварщика",)
    assert "prg-svarka" in {item.item_id for item in answer.items}  # the region has a centre


async def test_keyboard_mashing_gets_a_clarifying_question(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    await uow.add_consenting_user(1, region="RU-TOM")

    before = await _service(uow, knowledge).answer(2, "фывапролд")
    after = await _service(uow, knowledge).answer(1, "фывапролд")

    assert (before.kind, before.has_consent) == ("clarify", False)
    assert (after.kind, after.has_consent, after.items) == ("clarify", True, ())


async def test_a_long_question_is_cut_and_says_so(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    answer = await _service(uow, knowledge).answer(1, "бесплатное обучение " * 100)

    assert answer.truncated and len("бесплатное обучение " * 100) > QUESTION_LIMIT


async def test_a_topic_button_searches_its_interest(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    await uow.add_consenting_user(1, region="RU-ORE", onboarded_at=clock())

    answer = await _service(uow, knowledge).topic(1, "food_service")

    assert answer.kind == "catalogue" and answer.onboarded
    assert answer.items[0].item_id == COOK and answer.items[0].interests == ("food_service",)
    assert all(item.kind != "programme" for item in answer.items)  # no centre in the region


@pytest.mark.parametrize(
    ("interest", "key"), [("astrology", "button-outdated"), ("it", "consent-required")]
)
async def test_a_topic_button_is_refused(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge, interest: str, key: str
) -> None:
    with pytest.raises(DomainError) as error:
        await _service(uow, knowledge).topic(1, interest)
    assert error.value.key == key
