"""The subscriptions use case: «Напомнить» on an event, topics to follow (a competency, an
industry, a kind of event, a programme's start), /subscriptions with one-tap unsubscribing,
and the catalogue sync that keeps the reminders in step with the catalogue.

Subscribing schedules the reminders at once, as rows of the reminders table (unique per
kind, subject and user): before the registration deadline and the start of each event it
covers, outside the user's quiet hours. The events a topic covers when it is made are
recorded as known (a settled «event_new»); an event the catalogue gains later is announced
once, by an «event_new» due at once, when the sync meets it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from bot.services.catalogue_rules import resolve_reference
from bot.services.clock import Clock, utc_now
from bot.services.consent import has_consent, require_consent
from bot.services.errors import DomainError
from bot.services.events.upcoming import EventFilter, Listed, listed_event, upcoming
from bot.services.knowledge_base import KnowledgeBase, KnowledgeSource
from bot.services.ports import SubscriptionRecord, UnitOfWork, UserRecord
from bot.services.subscriptions.timing import (
    NEW_EVENT,
    Planned,
    course_start,
    course_subject,
    plan_course,
    plan_event,
)
from bot.services.subscriptions.topics import (
    FOLLOWED_KINDS,
    TopicKind,
    covered_events,
    event_industries,
    event_kind_topic,
    known_topic,
)
from bot.services.subscriptions.views import SubscriptionView, describe
from bot.services.timezones import zone
from knowledge import Catalogue
from knowledge.models import Event, Programme, Region

KNOWN_DETAIL = "known when subscribed; not announced"
SYNC_PAGE = 500
PREVIEW_EVENTS = 5  # events a new topic names in its confirmation
OFFERED_COMPETENCIES = 2
OFFERED_INDUSTRIES = 2
COURSE_OPTIONS = 8
# What a button carries for each kind: a short reference of a catalogue record, else the value.
_BY_REFERENCE = frozenset({TopicKind.EVENT, TopicKind.COMPETENCY, TopicKind.PROGRAMME})
KINDS_MENU = "kinds"
INDUSTRIES_MENU = "industries"
COURSES_MENU = "courses"
MENUS = (KINDS_MENU, INDUSTRIES_MENU, COURSES_MENU)


@dataclass(frozen=True, slots=True)
class TopicOffer:
    """A topic one tap can follow; `token` is what its button carries."""

    kind: TopicKind
    token: str
    title: str
    subscribed: bool
    day: date | None = None  # a programme's next start


@dataclass(frozen=True, slots=True)
class Subscribed:
    subscription: SubscriptionView
    created: bool  # False: it was there already (a second tap)
    planned: tuple[Planned, ...]  # the reminders ahead, for an event or a programme
    events: tuple[Listed, ...]  # for a topic: the upcoming events it covers now
    more_events: int
    offers: tuple[TopicOffer, ...]  # after «Напомнить»: that event's topics to follow
    zone: tzinfo  # the user's: the reminders' times are told in it
    muted: bool  # notifications are off in /profile: nothing will arrive
    region: Region | None


@dataclass(frozen=True, slots=True)
class SubscriptionList:
    items: tuple[SubscriptionView, ...]
    muted: bool


@dataclass(frozen=True, slots=True)
class Unsubscribed:
    removed: SubscriptionView
    remaining: SubscriptionList


@dataclass(frozen=True, slots=True)
class TopicMenu:
    """A part of «Добавить тему»: the kinds of events, the industries, or the courses
    starting in the user's region."""

    section: str
    offers: tuple[TopicOffer, ...]
    region: Region | None


@dataclass(slots=True)
class SyncReport:
    subscriptions: int = 0
    reminders: int = 0  # scheduled or moved (settled ones stay as they are)
    events_checked: int = 0  # topic events offered as new: announced once, the first time


class SubscriptionService:
    def __init__(
        self,
        uow: UnitOfWork,
        knowledge: KnowledgeSource,
        clock: Clock = utc_now,
        default_timezone: str | None = None,
    ) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._clock = clock
        self._default_timezone = default_timezone

    # --- subscribing --------------------------------------------------------------------

    async def subscribe_event(self, user_id: int, reference: str) -> Subscribed:
        """«Напомнить» on an event's card: its reminders, and the topics it belongs to."""
        user = await require_consent(self._uow, user_id)
        knowledge = await self._knowledge.get()
        catalogue = knowledge.catalogue
        event = catalogue.events.get(resolve_reference(knowledge, reference))
        if event is None:
            raise DomainError("button-outdated")
        now = self._clock()
        if event.ends_at < now:
            raise DomainError("events-ended")
        if event.starts_at <= now:
            raise DomainError("subscriptions-event-started")
        record, created = await self._uow.subscriptions.add(user_id, TopicKind.EVENT, event.id, now)
        mine = self._zone(catalogue, user)
        planned = await self._schedule_event(user_id, event, mine, now)
        # Subscribed to it by name: a topic that later covers it has nothing new to say.
        await self._uow.reminders.add_settled(NEW_EVENT, event.id, user_id, now, KNOWN_DETAIL)
        subscriptions = await self._uow.subscriptions.list_for(user_id)
        await self._uow.commit()
        return Subscribed(
            subscription=describe(knowledge, record, now),
            created=created,
            planned=tuple(planned),
            events=(),
            more_events=0,
            offers=_offers(knowledge, event, subscriptions),
            zone=mine,
            muted=not user.notifications,
            region=_region(catalogue, user),
        )

    async def subscribe_topic(self, user_id: int, kind: TopicKind, token: str) -> Subscribed:
        """Follow a competency, an industry, a kind of event or a programme's start."""
        if kind is TopicKind.EVENT:
            return await self.subscribe_event(user_id, token)
        user = await require_consent(self._uow, user_id)
        knowledge = await self._knowledge.get()
        catalogue = knowledge.catalogue
        value = _value(knowledge, kind, token)
        now = self._clock()
        record, created = await self._uow.subscriptions.add(user_id, kind, value, now)
        mine = self._zone(catalogue, user)
        planned: list[Planned] = []
        events: list[Event] = []
        if kind is TopicKind.PROGRAMME:
            programme = catalogue.programmes[value]
            planned = await self._schedule_programme(user_id, catalogue, programme, mine, now)
        else:
            events = covered_events(
                catalogue, kind, value, user.region, catalogue.upcoming_events(now)
            )
            events = [event for event in events if event.starts_at > now]
            for event in events:
                await self._schedule_event(user_id, event, mine, now)
                # The user sees these now: only events added later are announced.
                await self._uow.reminders.add_settled(
                    NEW_EVENT, event.id, user_id, now, KNOWN_DETAIL
                )
        await self._uow.commit()
        return Subscribed(
            subscription=describe(knowledge, record, now),
            created=created,
            planned=tuple(planned),
            events=tuple(listed_event(catalogue, event) for event in events[:PREVIEW_EVENTS]),
            more_events=max(0, len(events) - PREVIEW_EVENTS),
            offers=(),
            zone=mine,
            muted=not user.notifications,
            region=_region(catalogue, user),
        )

    # --- reading and unsubscribing ------------------------------------------------------

    async def overview(self, user_id: int) -> SubscriptionList:
        """/subscriptions: what the user follows, oldest first."""
        user = await require_consent(self._uow, user_id)
        knowledge = await self._knowledge.get()
        records = await self._uow.subscriptions.list_for(user_id)
        return self._list(knowledge, records, user)

    async def unsubscribe(self, user_id: int, subscription_id: int) -> Unsubscribed:
        """One tap: the subscription goes; its reminders are dropped when they fall due (the
        sender asks again then), so one still covered by another subscription stays."""
        removed = await self._uow.subscriptions.remove(subscription_id, user_id)
        if removed is None:
            raise DomainError("subscriptions-gone")
        await self._uow.commit()
        knowledge = await self._knowledge.get()
        user = await self._uow.users.get(user_id)
        records = await self._uow.subscriptions.list_for(user_id)
        return Unsubscribed(
            removed=describe(knowledge, removed, self._clock()),
            remaining=self._list(knowledge, records, user),
        )

    async def menu(self, user_id: int, section: str) -> TopicMenu:
        """A part of «Добавить тему», with what the user follows already marked."""
        user = await require_consent(self._uow, user_id)
        knowledge = await self._knowledge.get()
        catalogue = knowledge.catalogue
        followed = {
            (record.topic_kind, record.topic_value)
            for record in await self._uow.subscriptions.list_for(user_id)
        }
        region = _region(catalogue, user)
        offers: list[TopicOffer] = []
        if section == KINDS_MENU:
            offers = [
                TopicOffer(
                    TopicKind.EVENT_KIND,
                    topic.value,
                    topic.value,
                    (TopicKind.EVENT_KIND, topic.value) in followed,
                )
                for topic in FOLLOWED_KINDS
            ]
        elif section == INDUSTRIES_MENU:
            offers = [
                TopicOffer(
                    TopicKind.INDUSTRY,
                    industry.id,
                    industry.name,
                    (TopicKind.INDUSTRY, industry.id) in followed,
                )
                for industry in sorted(catalogue.industries.values(), key=lambda i: i.name)
            ]
        elif section == COURSES_MENU and region is not None:
            courses = upcoming(catalogue, self._clock(), region.id, EventFilter.COURSES)
            offers = [
                TopicOffer(
                    TopicKind.PROGRAMME,
                    item.ref,
                    item.title,
                    (TopicKind.PROGRAMME, item.item_id) in followed,
                    item.first_day,
                )
                for item in courses[:COURSE_OPTIONS]
            ]
        return TopicMenu(section=section, offers=tuple(offers), region=region)

    # --- the catalogue sync -------------------------------------------------------------

    async def any(self) -> bool:
        """Whether anybody subscribed to anything (before that, no sync is needed)."""
        return bool(await self._uow.subscriptions.page(0, 1))

    async def sync(self, knowledge: KnowledgeBase) -> SyncReport:
        """Bring every subscription's reminders in step with this catalogue: moved dates move
        the pending reminders, new start dates get theirs, and each upcoming event a topic
        covers gets its reminders and an «event_new» due now. That one is sent once, and only
        for events the topic did not cover when it was made (those were recorded as known).
        Idempotent: run it after every catalogue change, and at a scheduler's start."""
        catalogue = knowledge.catalogue
        now = self._clock()
        ahead = [event for event in catalogue.upcoming_events(now) if event.starts_at > now]
        report = SyncReport()
        users: dict[int, UserRecord | None] = {}
        after = 0
        while page := await self._uow.subscriptions.page(after, SYNC_PAGE):
            for record in page:
                after = record.id
                if record.user_id not in users:
                    users[record.user_id] = await self._user_to_remind(record.user_id)
                user = users[record.user_id]
                if user is not None:
                    await self._sync_one(catalogue, record, user, ahead, now, report)
                    report.subscriptions += 1
            await self._uow.commit()
        return report

    async def _user_to_remind(self, user_id: int) -> UserRecord | None:
        user = await self._uow.users.get(user_id)
        if user is None or user.is_blocked or not await has_consent(self._uow, user_id):
            return None
        return user

    async def _sync_one(
        self,
        catalogue: Catalogue,
        record: SubscriptionRecord,
        user: UserRecord,
        ahead: Sequence[Event],
        now: datetime,
        report: SyncReport,
    ) -> None:
        mine = self._zone(catalogue, user)
        kind, value = record.topic_kind, record.topic_value
        if kind == TopicKind.EVENT:
            event = catalogue.events.get(value)
            if event is not None and event.starts_at > now:
                report.reminders += len(
                    await self._schedule_event(user.telegram_id, event, mine, now)
                )
            return
        if kind == TopicKind.PROGRAMME:
            programme = catalogue.programmes.get(value)
            if programme is not None:
                report.reminders += len(
                    await self._schedule_programme(
                        user.telegram_id, catalogue, programme, mine, now
                    )
                )
            return
        for event in covered_events(catalogue, kind, value, user.region, ahead):
            report.reminders += len(await self._schedule_event(user.telegram_id, event, mine, now))
            # Unique per kind, event and user: a settled one (sent, or known when the topic
            # was made) stays settled, so each new event is announced once.
            await self._uow.reminders.schedule(NEW_EVENT, event.id, user.telegram_id, now)
            report.events_checked += 1

    # --- scheduling ---------------------------------------------------------------------

    async def _schedule_event(
        self, user_id: int, event: Event, mine: tzinfo, now: datetime
    ) -> list[Planned]:
        planned = plan_event(event, mine, now)
        for item in planned:
            await self._uow.reminders.schedule(item.kind, event.id, user_id, item.due_at)
        return planned

    async def _schedule_programme(
        self,
        user_id: int,
        catalogue: Catalogue,
        programme: Programme,
        mine: tzinfo,
        now: datetime,
    ) -> list[Planned]:
        centre = catalogue.centres.get(programme.centre)
        local = zone(centre.timezone if centre else None, self._default_timezone)
        planned: list[Planned] = []
        for day in sorted(programme.start_dates):
            subject = course_subject(programme.id, day)
            for item in plan_course(course_start(day, local), mine, now):
                await self._uow.reminders.schedule(item.kind, subject, user_id, item.due_at)
                planned.append(item)
        return planned

    def _zone(self, catalogue: Catalogue, user: UserRecord) -> tzinfo:
        region = catalogue.regions.get(user.region or "")
        return zone(user.timezone, region.timezone if region else None, self._default_timezone)

    def _list(
        self,
        knowledge: KnowledgeBase,
        records: Sequence[SubscriptionRecord],
        user: UserRecord | None,
    ) -> SubscriptionList:
        now = self._clock()
        return SubscriptionList(
            items=tuple(describe(knowledge, record, now) for record in records),
            muted=user is not None and not user.notifications,
        )


def _region(catalogue: Catalogue, user: UserRecord) -> Region | None:
    return catalogue.regions.get(user.region or "")


def _value(knowledge: KnowledgeBase, kind: TopicKind, token: str) -> str:
    """The stored value behind a button; a forged or stale one is outdated."""
    value = resolve_reference(knowledge, token) if kind in _BY_REFERENCE else token
    if not known_topic(knowledge.catalogue, kind, value):
        raise DomainError("button-outdated")
    return value


def _offers(
    knowledge: KnowledgeBase, event: Event, subscriptions: Sequence[SubscriptionRecord]
) -> tuple[TopicOffer, ...]:
    """The topics of an event one may follow next: its kind, competencies and industries."""
    catalogue = knowledge.catalogue
    followed = {(record.topic_kind, record.topic_value) for record in subscriptions}
    kind = event_kind_topic(event.kind)
    offers = [
        TopicOffer(
            TopicKind.EVENT_KIND,
            kind.value,
            kind.value,
            (TopicKind.EVENT_KIND, kind.value) in followed,
        )
    ]
    competencies = [
        catalogue.competencies[cid] for cid in event.competencies if cid in catalogue.competencies
    ]
    offers.extend(
        TopicOffer(
            TopicKind.COMPETENCY,
            knowledge.reference(competency.id),
            competency.name,
            (TopicKind.COMPETENCY, competency.id) in followed,
        )
        for competency in competencies[:OFFERED_COMPETENCIES]
    )
    offers.extend(
        TopicOffer(
            TopicKind.INDUSTRY,
            industry,
            catalogue.industries[industry].name,
            (TopicKind.INDUSTRY, industry) in followed,
        )
        for industry in event_industries(catalogue, event)[:OFFERED_INDUSTRIES]
    )
    return tuple(offers)
