"""RecommendationService over the small catalogue: sources, filters, order, paging, «похожие»."""

from __future__ import annotations

from datetime import date

import pytest

from bot.services.errors import DomainError
from bot.services.recommendations import PAGE_SIZE, RecommendationService
from tests.fakes import FakeUnitOfWork, FixedKnowledge
from tests.services.conftest import COOK, PROGRAMMER, WELDER, clock

ADULT = {
    "role": "job_seeker",
    "region": "RU-TOM",
    "timezone": "Asia/Tomsk",
    "situations": ("unemployed",),
    "interests": ("technology",),
    "about": "хочу стать сварщиком",
}
SCHOOLCHILD = {
    "role": "school",
    "grade": 9,
    "region": "RU-TOM",
    "timezone": "Asia/Tomsk",
    "interests": ("technology", "food_service"),
}


def _service(uow: FakeUnitOfWork, knowledge: FixedKnowledge) -> RecommendationService:
    return RecommendationService(uow, knowledge, clock)


async def test_without_consent_nothing_is_searched(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    with pytest.raises(DomainError) as error:
        await _service(uow, knowledge).recommend(1)
    assert error.value.key == "consent-required"


async def test_an_empty_profile_says_so(uow: FakeUnitOfWork, knowledge: FixedKnowledge) -> None:
    await uow.add_consenting_user(1, region="RU-TOM")

    page = await _service(uow, knowledge).recommend(1)

    assert page.profile_empty and page.items == () and page.total == 0 and page.pages == 1


async def test_adult_gets_professions_and_programmes_nearby_in_turn(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    await uow.add_consenting_user(1, **ADULT)

    page = await _service(uow, knowledge).recommend(1)

    kinds = [item.kind for item in page.items]
    assert kinds[:2] == ["profession", "programme"]  # interleaved, profession first
    assert page.items[0].item_id == WELDER
    assert "prg-proba" not in {item.item_id for item in page.items}  # a taster is for school
    welding = next(item for item in page.items if item.item_id == "prg-svarka")
    assert welding.next_start == date(2026, 12, 1)  # 20.11 is over in Tomsk
    assert welding.centre == "ЦОПП Томск"
    assert welding.free_places and not welding.free and welding.price_rub == 18000
    # The user's words as they wrote them: quoting is the view's business.
    assert "сварщиком" in page.items[0].own_words
    assert page.items[0].interests == ("technology",)
    assert page.audience == "adult" and page.eligibility == ("unemployed",)
    assert page.has_region and page.programmes_nearby and page.region_name == "Томская область"


async def test_schoolchild_gets_professions_first_then_tasters_and_no_eligibility(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    await uow.add_consenting_user(1, **SCHOOLCHILD)

    page = await _service(uow, knowledge).recommend(1)

    kinds = [item.kind for item in page.items]
    assert kinds == sorted(kinds, key=lambda kind: kind == "programme")
    programmes = [item for item in page.items if item.kind == "programme"]
    assert [item.item_id for item in programmes] == ["prg-proba"]
    assert programmes[0].programme_kind == "taster" and programmes[0].free
    assert page.audience == "school" and page.eligibility == ()
    cook = next(item for item in page.items if item.item_id == COOK)
    # Every search finds every profession of so small a catalogue; the first finder leads.
    assert cook.interests[0] == "food_service" and cook.own_words == ()


async def test_a_region_without_centres_gets_professions_only(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    await uow.add_consenting_user(1, **{**ADULT, "region": "RU-ORE", "timezone": None})

    page = await _service(uow, knowledge).recommend(1)

    assert page.items and all(item.kind != "programme" for item in page.items)
    assert page.has_region and not page.programmes_nearby


async def test_the_quiz_speaks_when_nothing_else_does(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    # Investigative and Conventional first: «исследовать, анализировать…, документы, учёт…»
    await uow.add_consenting_user(1, region="RU-TOM", riasec=(0.1, 0.9, 0.0, 0.0, 0.0, 0.8))

    page = await _service(uow, knowledge).recommend(1)

    assert not page.profile_empty and page.items
    assert all(item.interests == () and item.own_words == () for item in page.items)


async def test_items_voted_down_are_not_suggested_again(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    await uow.add_consenting_user(1, **ADULT)
    await uow.feedback.set_vote(1, WELDER, -1, "boring", clock())

    page = await _service(uow, knowledge).recommend(1)

    assert WELDER not in {item.item_id for item in page.items}


@pytest.mark.parametrize("asked", [-3, 0, 99])
async def test_page_numbers_are_clamped(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge, asked: int
) -> None:
    await uow.add_consenting_user(1, **{**ADULT, "interests": ("technology", "it")})

    page = await _service(uow, knowledge).recommend(1, asked)

    assert page.pages == -(-page.total // PAGE_SIZE)
    assert page.page == (0 if asked <= 0 else page.pages - 1)
    assert page.first_number == page.page * PAGE_SIZE + 1
    assert len(page.items) == min(PAGE_SIZE, page.total - page.page * PAGE_SIZE)


async def test_similar_professions_leave_out_the_item_itself(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    kb = await knowledge.get()

    similar = await _service(uow, knowledge).similar(1, kb.reference(WELDER))

    assert similar.title == "Сварщик" and similar.ref == kb.reference(WELDER)
    assert {item.item_id for item in similar.items} <= {PROGRAMMER, COOK}
    assert similar.items and all(item.like == "Сварщик" for item in similar.items)


async def test_similar_programmes_are_of_the_same_kind_in_the_users_region(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    await uow.add_consenting_user(1, **ADULT)
    kb = await knowledge.get()

    similar = await _service(uow, knowledge).similar(1, kb.reference("prg-svarka"))
    await uow.add_consenting_user(2, **{**ADULT, "region": "RU-ORE"})
    elsewhere = await _service(uow, knowledge).similar(2, kb.reference("prg-svarka"))

    # Retraining in Python and the school taster are other kinds of programme.
    assert similar.title == "Ручная дуговая сварка"
    assert [item.item_id for item in similar.items] == ["prg-argon"]
    assert similar.items[0].next_start == date(2027, 3, 1)
    assert elsewhere.items == ()


async def test_similar_to_a_stale_button_is_outdated(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    with pytest.raises(DomainError) as error:
        await _service(uow, knowledge).similar(1, "0123456789")
    assert error.value.key == "button-outdated"
