"""FeedbackService: votes and «не подходит» are stored, committed, and hide items for good."""

from __future__ import annotations

import pytest

from bot.services.errors import DomainError
from bot.services.feedback import FeedbackService
from bot.services.recommendations import RecommendationService
from tests.fakes import FakeUnitOfWork, FixedKnowledge
from tests.services.conftest import NOW, WELDER, clock


def _service(uow: FakeUnitOfWork, knowledge: FixedKnowledge) -> FeedbackService:
    return FeedbackService(uow, knowledge, clock)


async def test_a_vote_is_stored_and_committed(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    await uow.add_consenting_user(1, region="RU-TOM")
    ref = (await knowledge.get()).reference(WELDER)

    title = await _service(uow, knowledge).vote(1, ref, 5)  # any positive number is 👍
    again = await _service(uow, knowledge).vote(1, ref, 1)

    assert title == again == "Сварщик"
    assert [
        (r.item_id, r.vote, r.reason, r.created_at) for r in await uow.feedback.list_for(1)
    ] == [(WELDER, 1, None, NOW)]
    assert await uow.feedback.totals() == {WELDER: (1, 0)}
    assert uow.commits == 2


async def test_unfit_with_a_reason_hides_the_item_from_suggestions(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    await uow.add_consenting_user(1, region="RU-TOM", about="хочу стать сварщиком")
    ref = (await knowledge.get()).reference(WELDER)

    assert await _service(uow, knowledge).mark_unfit(1, ref) == "Сварщик"
    await _service(uow, knowledge).mark_unfit(1, ref, "physical")
    page = await RecommendationService(uow, knowledge, clock).recommend(1)

    assert [(r.vote, r.reason) for r in await uow.feedback.list_for(1)] == [(-1, "physical")]
    assert WELDER not in {item.item_id for item in page.items}


@pytest.mark.parametrize(
    ("reference", "reason", "key"),
    [
        ("0123456789", None, "button-outdated"),  # a record that is gone
        ("faq", None, "button-outdated"),  # an FAQ answer carries no vote buttons
        ("welder", "forged", "button-outdated"),
        ("welder", None, "consent-required"),
    ],
)
async def test_refused_votes_store_nothing(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge, reference: str, reason: str | None, key: str
) -> None:
    kb = await knowledge.get()
    refs = {"faq": kb.reference("faq-besplatno"), "welder": kb.reference(WELDER)}

    with pytest.raises(DomainError) as error:
        await _service(uow, knowledge).mark_unfit(1, refs.get(reference, reference), reason)

    assert error.value.key == key
    assert await uow.feedback.list_for(1) == [] and uow.commits == 0
