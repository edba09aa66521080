"""What a subscription is about, and which events it covers. Pure: a catalogue in, answers out.

A subscription names one event, or a topic: a championship competency, an industry, a kind
of event («Абилимпикс», open days) or a programme (its start dates). A topic covers the
upcoming events of the user's region and the nationwide ones (every region's when the user
has not told theirs), as /events lists them."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from bot.services.events.intent import TOPIC_KINDS, EventTopic
from knowledge import Catalogue
from knowledge.models import Event, EventKind


class TopicKind(StrEnum):
    """The values are stored in subscriptions.topic_kind (a CHECK constraint lists them)."""

    EVENT = "event"
    COMPETENCY = "competency"
    INDUSTRY = "industry"
    EVENT_KIND = "event_kind"
    PROGRAMME = "programme"


# The kinds of event one can follow, in the order they are offered.
FOLLOWED_KINDS: tuple[EventTopic, ...] = (
    EventTopic.PROFESSIONALS,
    EventTopic.ABILYMPICS,
    EventTopic.MASTER,
    EventTopic.OPEN_DAYS,
    EventTopic.TASTERS,
)
_FOLLOWED_VALUES = frozenset(topic.value for topic in FOLLOWED_KINDS)
TOPICS_OF_EVENTS = frozenset(
    {TopicKind.COMPETENCY, TopicKind.INDUSTRY, TopicKind.EVENT_KIND}
)  # topics that cover events; an event subscription covers only itself


def event_kind_topic(kind: EventKind) -> EventTopic:
    """The followed kind an event belongs to (each event kind is in exactly one)."""
    for topic in FOLLOWED_KINDS:
        if kind in TOPIC_KINDS[topic]:
            return topic
    raise ValueError(f"no followed topic holds {kind}")  # pragma: no cover - table is complete


def event_industries(catalogue: Catalogue, event: Event) -> tuple[str, ...]:
    """Industries of the professions behind the event's competencies, then its centre's,
    each once, in that order."""
    found: dict[str, None] = {}
    for competency_id in event.competencies:
        competency = catalogue.competencies.get(competency_id)
        for profession_id in competency.professions if competency else ():
            profession = catalogue.professions.get(profession_id)
            for industry in profession.industries if profession else ():
                found.setdefault(industry, None)
    centre = catalogue.centres.get(event.centre or "")
    for industry in centre.industries if centre else ():
        found.setdefault(industry, None)
    return tuple(industry for industry in found if industry in catalogue.industries)


def in_scope(event: Event, region: str | None) -> bool:
    """Whether a topic of a user in `region` reaches the event: their region or nationwide."""
    return region is None or event.region in (None, region)


def covers(catalogue: Catalogue, kind: str, value: str, event: Event, region: str | None) -> bool:
    """Whether a subscription (kind, value) of a user in `region` covers the event."""
    if kind == TopicKind.EVENT:
        return value == event.id
    if kind not in TOPICS_OF_EVENTS or not in_scope(event, region):
        return False
    if kind == TopicKind.COMPETENCY:
        return value in event.competencies
    if kind == TopicKind.INDUSTRY:
        return value in event_industries(catalogue, event)
    return value in _FOLLOWED_VALUES and event.kind in TOPIC_KINDS[EventTopic(value)]


def known_topic(catalogue: Catalogue, kind: str, value: str) -> bool:
    """Whether the catalogue knows what a subscription names (a forged button names nothing)."""
    match kind:
        case TopicKind.EVENT:
            return value in catalogue.events
        case TopicKind.COMPETENCY:
            return value in catalogue.competencies
        case TopicKind.INDUSTRY:
            return value in catalogue.industries
        case TopicKind.EVENT_KIND:
            return value in _FOLLOWED_VALUES
        case TopicKind.PROGRAMME:
            return value in catalogue.programmes
    return False


def covered_events(
    catalogue: Catalogue,
    kind: str,
    value: str,
    region: str | None,
    events: Iterable[Event],
) -> list[Event]:
    return [event for event in events if covers(catalogue, kind, value, event, region)]
