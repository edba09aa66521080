"""The events use case: /events with its filters and pages, an event's card, and the answer
to a free question about an event. It only reads; anyone may look, and with consent the
list is the user's region's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from bot.services.catalogue_rules import consented_user, resolve_reference
from bot.services.clock import Clock, utc_now
from bot.services.errors import DomainError
from bot.services.events.intent import TOPIC_FILTERS, TOPIC_KINDS, EventTopic, event_question
from bot.services.events.upcoming import (
    TASTER,
    EventFilter,
    Listed,
    event_timezone,
    upcoming,
)
from bot.services.knowledge_base import KnowledgeBase, KnowledgeSource
from bot.services.ports import UnitOfWork, UserRecord
from bot.services.timezones import zone
from knowledge import Catalogue
from knowledge.models import Centre, Competency, Event, Region

PAGE_SIZE = 6
ANSWER_ITEMS = 5
CARD_PROFESSIONS = 3


@dataclass(frozen=True, slots=True)
class EventPage:
    chosen: EventFilter
    items: tuple[Listed, ...]
    page: int  # 0-based
    pages: int
    first_number: int
    region: Region | None  # None: the user has not told their region; every region is listed


@dataclass(frozen=True, slots=True)
class EventCard:
    event: Event
    ref: str
    centre: Centre | None
    region: Region | None
    local: tzinfo  # the event's clock
    user_zone: tzinfo | None  # the user's, only when its offset differs at the start
    competencies: tuple[Competency, ...]
    professions: tuple[tuple[str, str], ...]  # (title, reference) of linked professions
    ongoing: bool
    registration_closed: bool
    chosen: EventFilter  # the list the card was opened from, for «back»
    page: int


@dataclass(frozen=True, slots=True)
class EventAnswer:
    """The reply to «когда регистрация на Абилимпикс?»: the nearest such events."""

    topic: EventTopic
    items: tuple[Listed, ...]
    total: int
    region: Region | None
    chosen: EventFilter  # the /events filter that lists all of them


class EventService:
    def __init__(self, uow: UnitOfWork, knowledge: KnowledgeSource, clock: Clock = utc_now) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._clock = clock

    async def upcoming(
        self, user_id: int, chosen: EventFilter = EventFilter.ALL, page: int = 0
    ) -> EventPage:
        """One page of what is coming up; a page past the end shows the last one."""
        knowledge = await self._knowledge.get()
        catalogue = knowledge.catalogue
        region = _region(catalogue, await consented_user(self._uow, user_id))
        items = upcoming(catalogue, self._clock(), region.id if region else None, chosen)
        pages = max(1, -(-len(items) // PAGE_SIZE))
        page = min(max(page, 0), pages - 1)
        first = page * PAGE_SIZE
        return EventPage(
            chosen=chosen,
            items=tuple(items[first : first + PAGE_SIZE]),
            page=page,
            pages=pages,
            first_number=first + 1,
            region=region,
        )

    async def card(
        self,
        user_id: int,
        reference: str,
        chosen: EventFilter = EventFilter.ALL,
        page: int = 0,
    ) -> EventCard:
        """An event's card; a button of an event that is gone is outdated, of one that is
        over says so."""
        knowledge = await self._knowledge.get()
        catalogue = knowledge.catalogue
        event = catalogue.events.get(resolve_reference(knowledge, reference))
        if event is None:
            raise DomainError("button-outdated")
        now = self._clock()
        if event.ends_at < now:
            raise DomainError("events-ended")
        user = await consented_user(self._uow, user_id)
        local = event_timezone(catalogue, event)
        return EventCard(
            event=event,
            ref=knowledge.reference(event.id),
            centre=catalogue.centres.get(event.centre or ""),
            region=catalogue.regions.get(event.region or ""),
            local=local,
            user_zone=_user_zone(catalogue, user, event.starts_at, local),
            competencies=tuple(
                catalogue.competencies[cid]
                for cid in event.competencies
                if cid in catalogue.competencies
            ),
            professions=_professions(knowledge, event),
            ongoing=event.starts_at <= now,
            registration_closed=event.registration_deadline is not None
            and event.registration_deadline < now,
            chosen=chosen,
            page=page,
        )

    async def answer(self, user_id: int, text: str) -> EventAnswer:
        """The nearest events a free question asks about, in the region it names, else in
        the user's region, plus nationwide ones."""
        topic = event_question(text) or EventTopic.ANY
        knowledge = await self._knowledge.get()
        catalogue = knowledge.catalogue
        region = _named_region(catalogue, text) or _region(
            catalogue, await consented_user(self._uow, user_id)
        )
        chosen = TOPIC_FILTERS[topic]
        kinds = {kind.value for kind in TOPIC_KINDS[topic]}
        if topic is EventTopic.TASTERS:
            kinds.add(TASTER)
        items = [
            item
            for item in upcoming(catalogue, self._clock(), region.id if region else None, chosen)
            if item.kind in kinds
        ]
        return EventAnswer(
            topic=topic,
            items=tuple(items[:ANSWER_ITEMS]),
            total=len(items),
            region=region,
            chosen=chosen,
        )


def _region(catalogue: Catalogue, user: UserRecord | None) -> Region | None:
    return catalogue.regions.get(user.region or "") if user else None


def _named_region(catalogue: Catalogue, text: str) -> Region | None:
    """The region of the first centre whose city or region the text names («в Томске»)."""
    centres = catalogue.centre_search(text)
    return catalogue.regions.get(centres[0].region) if centres else None


def _user_zone(
    catalogue: Catalogue, user: UserRecord | None, moment: datetime, local: tzinfo
) -> tzinfo | None:
    if user is None:
        return None
    region = catalogue.regions.get(user.region or "")
    names = [name for name in (user.timezone, region.timezone if region else None) if name]
    if not names:
        return None
    mine = zone(*names)
    return (
        mine
        if moment.astimezone(mine).utcoffset() != moment.astimezone(local).utcoffset()
        else None
    )


def _professions(knowledge: KnowledgeBase, event: Event) -> tuple[tuple[str, str], ...]:
    """Professions of the event's competencies, in the order they are named, each once."""
    catalogue = knowledge.catalogue
    found: dict[str, str] = {}
    for competency_id in event.competencies:
        competency = catalogue.competencies.get(competency_id)
        for profession_id in competency.professions if competency else ():
            profession = catalogue.professions.get(profession_id)
            if profession is not None and profession_id not in found:
                found[profession_id] = profession.title
    return tuple(
        (title, knowledge.reference(pid)) for pid, title in list(found.items())[:CARD_PROFESSIONS]
    )
