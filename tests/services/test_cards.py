"""CardService over the small catalogue: what a card shows depends on region, role, consent."""

from __future__ import annotations

from datetime import date

import pytest

from bot.services.cards import Card, CardService, FaqCard, ProfessionCard, ProgrammeCard
from bot.services.consent import PERSONAL_DATA
from bot.services.errors import DomainError
from tests.fakes import EPOCH, FakeUnitOfWork, FixedKnowledge, user_record
from tests.services.conftest import WELDER, clock

ADULT = {"role": "job_seeker", "region": "RU-TOM", "situations": ("unemployed", "disability")}


async def _card(uow: FakeUnitOfWork, knowledge: FixedKnowledge, user_id: int, item_id: str) -> Card:
    kb = await knowledge.get()
    return await CardService(uow, knowledge, clock).card(user_id, kb.reference(item_id))


async def test_profession_card_for_an_adult_lists_adult_programmes_nearby(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    await uow.add_consenting_user(1, **ADULT)

    card = await _card(uow, knowledge, 1, WELDER)

    assert isinstance(card, ProfessionCard) and card.has_consent
    assert card.region is not None and card.region.id == "RU-TOM"
    assert [centre.id for centre in card.centres] == ["copp-tomsk"]
    # Soonest first; the school taster is not for adults; 20.11 has passed.
    assert [(o.programme.id, o.next_start) for o in card.options] == [
        ("prg-svarka", date(2026, 12, 1)),
        ("prg-argon", date(2027, 3, 1)),
    ]
    assert card.options_elsewhere == 0
    assert [competency.id for competency in card.competencies] == ["cmp-svarka"]


async def test_profession_card_for_a_schoolchild_lists_tasters(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    await uow.add_consenting_user(1, role="school", grade=8, region="RU-TOM")

    card = await _card(uow, knowledge, 1, WELDER)

    assert isinstance(card, ProfessionCard)
    assert [option.programme.id for option in card.options] == ["prg-proba"]


async def test_profession_card_without_consent_is_general(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    card = await _card(uow, knowledge, 1, WELDER)

    assert isinstance(card, ProfessionCard) and not card.has_consent
    assert card.region is None and card.centres == () and card.options == ()
    assert card.options_elsewhere == 3  # every welding programme is «elsewhere» without a region


async def test_consent_to_an_old_policy_counts_as_none(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    uow.users.put(user_record(1, **ADULT))
    await uow.consents.add_if_none_active(1, PERSONAL_DATA, "2020-01", EPOCH)

    card = await _card(uow, knowledge, 1, WELDER)

    assert isinstance(card, ProfessionCard) and not card.has_consent and card.region is None


async def test_programme_card_shows_upcoming_dates_and_the_free_retraining_hint(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    await uow.add_consenting_user(1, **ADULT)

    card = await _card(uow, knowledge, 1, "prg-svarka")
    other = await _card(uow, knowledge, 1, "prg-python")  # paid only: no hint

    assert isinstance(card, ProgrammeCard) and isinstance(other, ProgrammeCard)
    assert card.dates == (date(2026, 12, 1), date(2027, 2, 1))
    assert card.centre is not None and card.region is not None and card.region.id == "RU-TOM"
    assert [profession.id for profession in card.professions] == [WELDER]
    assert card.eligibility == ("unemployed", "disability")
    assert other.eligibility == ()


async def test_faq_card(uow: FakeUnitOfWork, knowledge: FixedKnowledge) -> None:
    card = await _card(uow, knowledge, 1, "faq-besplatno")

    assert isinstance(card, FaqCard) and card.entry.id == "faq-besplatno"


async def test_a_stale_button_is_outdated(uow: FakeUnitOfWork, knowledge: FixedKnowledge) -> None:
    with pytest.raises(DomainError) as error:
        await CardService(uow, knowledge, clock).card(1, "0123456789")
    assert error.value.key == "button-outdated"


async def test_programmes_elsewhere_are_what_the_card_counts(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    kb = await knowledge.get()
    service = CardService(uow, knowledge, clock)

    result = await service.programmes_elsewhere(1, kb.reference(WELDER))
    card = await _card(uow, knowledge, 1, WELDER)

    assert isinstance(card, ProfessionCard)
    assert len(result.items) == card.options_elsewhere == 3
    assert result.ref == kb.reference(WELDER)
    with pytest.raises(DomainError):
        await service.programmes_elsewhere(1, kb.reference("prg-svarka"))  # not a profession
