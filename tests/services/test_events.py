"""The pure parts of events (what is coming up, local time zones, next championship dates,
the question detector) and EventService over a small catalogue and an in-memory unit of
work, with a fixed clock."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from bot.services.errors import DomainError
from bot.services.events import (
    EventFilter,
    EventService,
    EventTopic,
    event_question,
    event_timezone,
    next_stages,
    upcoming,
)
from bot.services.knowledge_base import KnowledgeBase, short_reference
from knowledge import Catalogue, load_onet_table
from knowledge.models import Competency, Event
from matching import FakeEncoder
from tests.fakes import FakeUnitOfWork, FixedKnowledge
from tests.services.conftest import FAKE_ENGINE, NOW, WELDER, small_catalogue

TOMSK = "RU-TOM"
ORENBURG = "RU-ORE"


def _event(event_id: str, kind: str, starts: str, **changes: Any) -> Event:
    start = datetime.fromisoformat(starts)
    data: dict[str, Any] = {
        "id": event_id,
        "kind": kind,
        "title": f"Событие {event_id}",
        "starts_at": start,
        "ends_at": start + timedelta(hours=4),
        "audience": ["school", "adults"],
        "illustrative": True,
        "source": "test",
    }
    data.update(changes)
    return Event.model_validate(data)


def events_catalogue() -> Catalogue:
    """The small catalogue plus events: in Tomsk (at the centre), in Orenburg (a region with no
    centre), nationwide, one over and one going on at NOW (23.11.2026 07:00 UTC)."""
    base = [entity for _, entity in small_catalogue().iter_entities()]
    events = [
        _event(
            "ev-tomsk-stage",
            "regional_stage",
            "2027-03-01T09:00:00+07:00",
            ends_at=datetime.fromisoformat("2027-03-05T18:00:00+07:00"),
            registration_deadline=datetime.fromisoformat("2027-02-08T18:00:00+07:00"),
            region=TOMSK,
            centre="copp-tomsk",
            competencies=["cmp-svarka"],
            link="https://example.org/",
        ),
        _event(
            "ev-tomsk-open",
            "open_day",
            "2026-12-12T11:00:00+07:00",
            region=TOMSK,
            centre="copp-tomsk",
        ),
        _event("ev-orenburg-open", "open_day", "2026-12-05T11:00:00+05:00", region=ORENBURG),
        _event(
            "ev-final",
            "final_stage",
            "2027-10-04T09:00:00+03:00",
            competencies=["cmp-svarka"],
        ),
        _event("ev-over", "open_day", "2026-11-20T11:00:00+07:00", region=TOMSK),
        # 12:00–16:00 in Tomsk on 23.11: NOW is 14:00 there.
        _event("ev-now", "taster_day", "2026-11-23T12:00:00+07:00", region=TOMSK),
        Competency(
            id="cmp-none",
            name="Кондитерское дело",
            championship="abilympics",
            professions=[WELDER],
            source="test",
        ),
    ]
    return Catalogue.build([*base, *events], onet=load_onet_table())


@functools.cache
def events_knowledge_base() -> KnowledgeBase:
    return KnowledgeBase.build(
        events_catalogue(), FAKE_ENGINE, index_dir=None, encoders=[FakeEncoder()]
    )


@pytest.fixture
def knowledge() -> FixedKnowledge:
    return FixedKnowledge(events_knowledge_base())


def _ids(catalogue: Catalogue, region: str | None, chosen: EventFilter) -> list[str]:
    return [item.item_id for item in upcoming(catalogue, NOW, region, chosen)]


# -- what is coming up ---------------------------------------------------------------------


def test_a_region_gets_its_own_events_the_nationwide_ones_and_its_courses() -> None:
    catalogue = events_catalogue()
    # Soonest first; the event over is gone, the one going on stays; courses interleave.
    assert _ids(catalogue, TOMSK, EventFilter.ALL) == [
        "ev-now",
        "prg-svarka",  # 01.12, its 20.11 start has passed
        "prg-proba",
        "ev-tomsk-open",
        "prg-python",
        "prg-argon",  # 01.03 from midnight: before the stage that starts at 09:00 that day
        "ev-tomsk-stage",
        "ev-final",
    ]
    # Orenburg has no centre, so no courses; never another region's events.
    assert _ids(catalogue, ORENBURG, EventFilter.ALL) == ["ev-orenburg-open", "ev-final"]


def test_without_a_region_every_regions_events_and_no_courses() -> None:
    assert _ids(events_catalogue(), None, EventFilter.ALL) == [
        "ev-now",
        "ev-orenburg-open",
        "ev-tomsk-open",
        "ev-tomsk-stage",
        "ev-final",
    ]
    assert _ids(events_catalogue(), None, EventFilter.COURSES) == []


def test_the_filters() -> None:
    catalogue = events_catalogue()
    assert _ids(catalogue, TOMSK, EventFilter.CHAMPIONSHIPS) == ["ev-tomsk-stage", "ev-final"]
    assert _ids(catalogue, TOMSK, EventFilter.OPEN_DAYS) == ["ev-tomsk-open"]
    # A профпроба is one whether the catalogue keeps it as an event or as a programme.
    assert _ids(catalogue, TOMSK, EventFilter.TASTERS) == ["ev-now", "prg-proba"]
    assert _ids(catalogue, TOMSK, EventFilter.COURSES) == ["prg-svarka", "prg-python", "prg-argon"]


def test_a_listed_event_is_in_its_own_calendar() -> None:
    catalogue = events_catalogue()
    items = {item.item_id: item for item in upcoming(catalogue, NOW, TOMSK, EventFilter.ALL)}
    stage = items["ev-tomsk-stage"]
    assert (stage.first_day, stage.last_day, stage.deadline) == (
        date(2027, 3, 1),
        date(2027, 3, 5),
        date(2027, 2, 8),
    )
    assert stage.centre is not None and stage.centre.id == "copp-tomsk"
    assert stage.ref == short_reference("ev-tomsk-stage") and not stage.is_programme
    course = items["prg-svarka"]
    assert course.is_programme and course.kind == "course" and course.first_day == date(2026, 12, 1)
    assert items["prg-proba"].kind == "taster"


def test_an_event_ending_at_midnight_utc_the_day_after_is_still_listed_until_then() -> None:
    catalogue = events_catalogue()
    at_end = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 16:00 in Tomsk: «ev-now» just ends
    assert "ev-now" in _ids_at(catalogue, at_end)
    assert "ev-now" not in _ids_at(catalogue, at_end + timedelta(seconds=1))


def _ids_at(catalogue: Catalogue, now: datetime) -> list[str]:
    return [item.item_id for item in upcoming(catalogue, now, TOMSK, EventFilter.ALL)]


def test_event_time_zones() -> None:
    catalogue = events_catalogue()
    stage = catalogue.events["ev-tomsk-stage"]
    assert str(event_timezone(catalogue, stage)) == "Asia/Tomsk"  # the centre's
    orenburg = catalogue.events["ev-orenburg-open"]
    assert str(event_timezone(catalogue, orenburg)) == "Asia/Yekaterinburg"  # the region's
    final = catalogue.events["ev-final"]  # nationwide: the offset it was written with
    assert final.starts_at.astimezone(event_timezone(catalogue, final)).hour == 9
    assert event_timezone(catalogue, final).utcoffset(None) == timedelta(hours=3)


def test_next_stages_of_competencies() -> None:
    catalogue = events_catalogue()
    competencies = catalogue.competencies_for_profession(WELDER)
    by_id = {
        stage.competency.id: stage for stage in next_stages(catalogue, competencies, NOW, TOMSK)
    }
    assert by_id["cmp-svarka"].event is not None
    assert by_id["cmp-svarka"].event.id == "ev-tomsk-stage"
    assert by_id["cmp-svarka"].first_day == date(2027, 3, 1)
    assert by_id["cmp-svarka"].region is not None and by_id["cmp-svarka"].region.id == TOMSK
    assert by_id["cmp-none"].event is None
    # In Orenburg the Tomsk stage is not near: the nationwide final is the next date.
    (orenburg,) = [
        stage
        for stage in next_stages(catalogue, competencies, NOW, ORENBURG)
        if stage.competency.id == "cmp-svarka"
    ]
    assert orenburg.event is not None and orenburg.event.id == "ev-final"
    assert orenburg.region is None and orenburg.first_day == date(2027, 10, 4)


# -- the question detector -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("хочу участвовать в абилимпикс, когда регистрация?", EventTopic.ABILYMPICS),
        ("Абилимпикс: до какого числа подать заявку на участие", EventTopic.ABILYMPICS),
        ("когда день открытых дверей", EventTopic.OPEN_DAYS),
        ("День открытых дверей", EventTopic.OPEN_DAYS),
        ("будет ли день открытых дверей в томске", EventTopic.OPEN_DAYS),
        ("чемпионат профессионалы сроки", EventTopic.PROFESSIONALS),
        ("когда региональный этап «Профессионалов»?", EventTopic.PROFESSIONALS),
        ("когда конкурс мастер года", EventTopic.MASTER),
        ("хочу записаться на профпробу", EventTopic.TASTERS),
        ("когда ближайший чемпионат", EventTopic.CHAMPIONSHIPS),
        ("какие мероприятия будут в ноябре", EventTopic.ANY),
        ("when is the open day?", EventTopic.OPEN_DAYS),
        ("abilympics registration deadline", EventTopic.ABILYMPICS),
        ("championship dates", EventTopic.CHAMPIONSHIPS),
    ],
)
def test_questions_about_events(text: str, topic: EventTopic) -> None:
    assert event_question(text) is topic


@pytest.mark.parametrize(
    "text",
    [
        "",
        "что такое абилимпикс",  # the FAQ explains it
        "что такое профпроба",
        "что такое день открытых дверей",
        "абилимпикс",
        "хочу на сварщика",
        "хочу записаться на консультацию",
        "какая зарплата у профессионалов, когда повысят",  # professionals, not the championship
        "когда начинается курс по сварке",  # the catalogue answers courses with their dates
        "когда день открытых дверей " + "и ещё " * 60,  # a long story
    ],
)
def test_other_texts_are_not_about_events(text: str) -> None:
    assert event_question(text) is None


# -- the use case --------------------------------------------------------------------------


def clock() -> datetime:
    return NOW


async def test_pages_and_a_page_past_the_end(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    await uow.add_consenting_user(1, role="school", region=TOMSK)
    service = EventService(uow, knowledge, clock)

    first = await service.upcoming(1, EventFilter.ALL, 0)
    assert first.region is not None and first.region.id == TOMSK
    assert (first.page, first.pages, first.first_number, len(first.items)) == (0, 2, 1, 6)
    last = await service.upcoming(1, EventFilter.ALL, 99)
    assert (last.page, last.first_number) == (1, 7)
    assert [item.item_id for item in last.items] == ["ev-tomsk-stage", "ev-final"]


async def test_without_consent_the_list_is_every_regions(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    page = await EventService(uow, knowledge, clock).upcoming(5)
    assert page.region is None
    assert [item.item_id for item in page.items][:2] == ["ev-now", "ev-orenburg-open"]


async def test_a_card(uow: FakeUnitOfWork, knowledge: FixedKnowledge) -> None:
    await uow.add_consenting_user(1, role="adult", region=ORENBURG)  # UTC+5, Tomsk is UTC+7
    service = EventService(uow, knowledge, clock)

    card = await service.card(1, short_reference("ev-tomsk-stage"), EventFilter.CHAMPIONSHIPS, 1)
    assert card.centre is not None and card.centre.id == "copp-tomsk"
    assert str(card.local) == "Asia/Tomsk"
    assert card.user_zone is not None and str(card.user_zone) == "Asia/Yekaterinburg"
    assert [c.id for c in card.competencies] == ["cmp-svarka"]
    assert card.professions == (("Сварщик", short_reference(WELDER)),)
    assert not card.ongoing and not card.registration_closed
    assert (card.chosen, card.page) == (EventFilter.CHAMPIONSHIPS, 1)

    going_on = await service.card(1, short_reference("ev-now"))
    assert going_on.ongoing

    # Someone in the event's own zone is not told about zones.
    await uow.add_consenting_user(2, role="adult", region=TOMSK)
    assert (await service.card(2, short_reference("ev-tomsk-stage"))).user_zone is None


async def test_outdated_and_ended_buttons(uow: FakeUnitOfWork, knowledge: FixedKnowledge) -> None:
    service = EventService(uow, knowledge, clock)
    for reference in ("", "0123456789", short_reference(WELDER)):
        with pytest.raises(DomainError) as error:
            await service.card(1, reference)
        assert error.value.key == "button-outdated"
    with pytest.raises(DomainError) as ended:
        await service.card(1, short_reference("ev-over"))
    assert ended.value.key == "events-ended"


async def test_registration_closed(uow: FakeUnitOfWork, knowledge: FixedKnowledge) -> None:
    def later() -> datetime:
        return datetime(2027, 2, 20, tzinfo=UTC)

    card = await EventService(uow, knowledge, later).card(1, short_reference("ev-tomsk-stage"))
    assert card.registration_closed and not card.ongoing


async def test_a_question_answers_with_events_of_its_topic(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    await uow.add_consenting_user(1, role="school", region=TOMSK)
    service = EventService(uow, knowledge, clock)

    answer = await service.answer(1, "когда день открытых дверей")
    assert answer.topic is EventTopic.OPEN_DAYS and answer.chosen is EventFilter.OPEN_DAYS
    assert [item.item_id for item in answer.items] == ["ev-tomsk-open"]

    tasters = await service.answer(1, "когда профпробы")
    assert [item.item_id for item in tasters.items] == ["ev-now", "prg-proba"]

    championships = await service.answer(1, "чемпионат профессионалы сроки")
    assert [item.item_id for item in championships.items] == ["ev-tomsk-stage", "ev-final"]


async def test_a_question_naming_a_city_looks_there(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    await uow.add_consenting_user(1, role="school", region="RU-ORE")
    answer = await EventService(uow, knowledge, clock).answer(1, "день открытых дверей в Томске")
    assert answer.region is not None and answer.region.id == TOMSK
    assert [item.item_id for item in answer.items] == ["ev-tomsk-open"]


async def test_a_profession_card_carries_its_competencies_next_dates(
    uow: FakeUnitOfWork, knowledge: FixedKnowledge
) -> None:
    from bot.services.cards import CardService, ProfessionCard

    await uow.add_consenting_user(1, role="adult", region=TOMSK)
    card = await CardService(uow, knowledge, clock).card(1, short_reference(WELDER))
    assert isinstance(card, ProfessionCard)
    assert [
        (stage.competency.id, stage.event.id if stage.event else None) for stage in card.stages
    ] == [
        ("cmp-none", None),
        ("cmp-svarka", "ev-tomsk-stage"),
    ]
