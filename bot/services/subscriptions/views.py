"""A subscription as people read it: what it is about, by its catalogue title, and whether it
still means anything. Pure: a knowledge base, a record and a moment in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.services.events.upcoming import event_timezone
from bot.services.knowledge_base import KnowledgeBase
from bot.services.ports import SubscriptionRecord
from bot.services.subscriptions.topics import TopicKind
from bot.services.timezones import zone
from knowledge import Catalogue
from knowledge.models import Programme


@dataclass(frozen=True, slots=True)
class SubscriptionView:
    id: int
    kind: TopicKind
    value: str  # the stored value: a catalogue id, or a kind of event («abilympics»)
    title: str  # the catalogue's title or name; for a kind of event, its value again
    ref: str = ""  # the short reference of an event (its card's button)
    first_day: date | None = None  # an event's first day, a programme's next start (local)
    gone: bool = False  # the catalogue no longer has it, or the event is over


def next_start(catalogue: Catalogue, programme: Programme, now: datetime) -> date | None:
    """The programme's next start date in its centre's calendar; None when none is ahead."""
    centre = catalogue.centres.get(programme.centre)
    today = now.astimezone(zone(centre.timezone if centre else None)).date()
    ahead = [day for day in programme.start_dates if day >= today]
    return min(ahead) if ahead else None


def describe(
    knowledge: KnowledgeBase, record: SubscriptionRecord, now: datetime
) -> SubscriptionView:
    catalogue = knowledge.catalogue
    kind = TopicKind(record.topic_kind)
    value = record.topic_value
    base = SubscriptionView(id=record.id, kind=kind, value=value, title=value, gone=True)
    if kind is TopicKind.EVENT:
        event = catalogue.events.get(value)
        if event is None:
            return base
        local = event_timezone(catalogue, event)
        return SubscriptionView(
            id=record.id,
            kind=kind,
            value=value,
            title=event.title,
            ref=knowledge.reference(event.id),
            first_day=event.starts_at.astimezone(local).date(),
            gone=event.ends_at < now,
        )
    if kind is TopicKind.PROGRAMME:
        programme = catalogue.programmes.get(value)
        if programme is None:
            return base
        return SubscriptionView(
            id=record.id,
            kind=kind,
            value=value,
            title=programme.title,
            ref=knowledge.reference(programme.id),
            first_day=next_start(catalogue, programme, now),
        )
    if kind is TopicKind.COMPETENCY:
        competency = catalogue.competencies.get(value)
        if competency is None:
            return base
        return SubscriptionView(id=record.id, kind=kind, value=value, title=competency.name)
    if kind is TopicKind.INDUSTRY:
        industry = catalogue.industries.get(value)
        if industry is None:
            return base
        return SubscriptionView(id=record.id, kind=kind, value=value, title=industry.name)
    return SubscriptionView(id=record.id, kind=kind, value=value, title=value)
