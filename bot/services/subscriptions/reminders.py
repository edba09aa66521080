"""What the reminders of subscriptions say when they fall due, or why they are dropped or wait.

Dropped (and logged by the sender): the event left the catalogue, has started, or its
registration has closed; the programme no longer starts that day; the user no longer
follows anything that covers it. Deferred: it is night where the user is (22:00–09:00),
so it waits for 09:00, unless that is too late for what it reminds of. Muted by the
/profile «Уведомления» switch."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Protocol

from bot.services.consent import has_consent
from bot.services.knowledge_base import KnowledgeBase, KnowledgeSource
from bot.services.messaging import Outgoing
from bot.services.ports import ReminderRecord, SubscriptionRecord, UnitOfWork, UserRecord
from bot.services.reminders import Defer, Drop, Due
from bot.services.subscriptions.timing import (
    REMINDER_KINDS,
    ParsedKind,
    Target,
    course_start,
    in_quiet_hours,
    parse_course_subject,
    parse_kind,
    quiet_hours_end,
)
from bot.services.subscriptions.topics import TopicKind, covers
from bot.services.subscriptions.views import SubscriptionView, describe
from bot.services.timezones import zone
from knowledge.models import Centre, Event, Programme, Region

COVERING_SHOWN = 3  # unsubscribe buttons a reminder carries at most


@dataclass(frozen=True, slots=True)
class EventReminder:
    target: Target  # DEADLINE, START or NEW
    event: Event
    ref: str  # the event card's reference
    centre: Centre | None
    region: Region | None
    zone: tzinfo  # the user's: times are told in it
    now: datetime
    covering: tuple[SubscriptionView, ...]  # why it came; each gets an unsubscribe button


@dataclass(frozen=True, slots=True)
class CourseReminder:
    programme: Programme
    ref: str  # the programme card's reference
    centre: Centre | None
    day: date  # the start date, in the centre's calendar
    zone: tzinfo  # the user's
    now: datetime
    covering: tuple[SubscriptionView, ...]


class SubscriptionNotices(Protocol):
    """The texts of these reminders, in the reader's language, with their buttons packed."""

    def event_reminder(self, reminder: EventReminder, language: str | None) -> Outgoing: ...
    def course_reminder(self, reminder: CourseReminder, language: str | None) -> Outgoing: ...


class SubscriptionReminders:
    kinds = REMINDER_KINDS

    def __init__(
        self,
        uow: UnitOfWork,
        knowledge: KnowledgeSource,
        notices: SubscriptionNotices,
        default_timezone: str | None = None,
    ) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._notices = notices
        self._default_timezone = default_timezone

    async def render(self, reminder: ReminderRecord, now: datetime) -> Due | Drop | Defer:
        parsed = parse_kind(reminder.kind)
        if parsed is None:
            return Drop(f"not a subscription reminder: {reminder.kind!r}")
        user = await self._uow.users.get(reminder.user_id)
        if user is None:
            return Drop("the user is gone")
        if not await has_consent(self._uow, user.telegram_id):
            return Drop("no consent to personal data")
        knowledge = await self._knowledge.get()
        subscriptions = await self._uow.subscriptions.list_for(user.telegram_id)
        if parsed.target is Target.COURSE:
            return self._course(knowledge, reminder, user, subscriptions, now)
        return self._event(knowledge, reminder, parsed, user, subscriptions, now)

    def _event(
        self,
        knowledge: KnowledgeBase,
        reminder: ReminderRecord,
        parsed: ParsedKind,
        user: UserRecord,
        subscriptions: list[SubscriptionRecord],
        now: datetime,
    ) -> Due | Drop | Defer:
        catalogue = knowledge.catalogue
        event = catalogue.events.get(reminder.subject)
        if event is None:
            return Drop("the event is no longer in the catalogue")
        if event.starts_at <= now:
            return Drop("the event has already started")
        target_at = event.starts_at
        if parsed.target is Target.DEADLINE:
            deadline = event.registration_deadline
            if deadline is None or deadline <= now:
                return Drop("registration has closed")
            target_at = deadline
        covering = [
            record
            for record in subscriptions
            if covers(catalogue, record.topic_kind, record.topic_value, event, user.region)
        ]
        if parsed.target is Target.NEW:
            # Announced as new only to those who follow a topic of it.
            covering = [record for record in covering if record.topic_kind != TopicKind.EVENT]
        if not covering:
            return Drop("the user no longer follows it")
        mine = self._zone(knowledge, user)
        waiting = _quiet(now, mine, target_at)
        if waiting is not None:
            return waiting
        view = EventReminder(
            target=parsed.target,
            event=event,
            ref=knowledge.reference(event.id),
            centre=catalogue.centres.get(event.centre or ""),
            region=catalogue.regions.get(event.region or ""),
            zone=mine,
            now=now,
            covering=tuple(describe(knowledge, r, now) for r in covering[:COVERING_SHOWN]),
        )
        return Due(self._notices.event_reminder(view, user.language), unless_muted=True)

    def _course(
        self,
        knowledge: KnowledgeBase,
        reminder: ReminderRecord,
        user: UserRecord,
        subscriptions: list[SubscriptionRecord],
        now: datetime,
    ) -> Due | Drop | Defer:
        catalogue = knowledge.catalogue
        subject = parse_course_subject(reminder.subject)
        programme = catalogue.programmes.get(subject[0]) if subject else None
        if subject is None or programme is None:
            return Drop("the programme is no longer in the catalogue")
        day = subject[1]
        if day not in programme.start_dates:
            return Drop("the programme no longer starts that day")
        centre = catalogue.centres.get(programme.centre)
        start = course_start(day, zone(centre.timezone if centre else None))
        if start <= now:
            return Drop("the course has already started")
        covering = [
            record
            for record in subscriptions
            if record.topic_kind == TopicKind.PROGRAMME and record.topic_value == programme.id
        ]
        if not covering:
            return Drop("the user no longer follows it")
        mine = self._zone(knowledge, user)
        waiting = _quiet(now, mine, start)
        if waiting is not None:
            return waiting
        view = CourseReminder(
            programme=programme,
            ref=knowledge.reference(programme.id),
            centre=centre,
            day=day,
            zone=mine,
            now=now,
            covering=tuple(describe(knowledge, r, now) for r in covering),
        )
        return Due(self._notices.course_reminder(view, user.language), unless_muted=True)

    def _zone(self, knowledge: KnowledgeBase, user: UserRecord) -> tzinfo:
        region = knowledge.catalogue.regions.get(user.region or "")
        return zone(user.timezone, region.timezone if region else None, self._default_timezone)


def _quiet(now: datetime, mine: tzinfo, target_at: datetime) -> Defer | Drop | None:
    """Night where the user is: wait for the morning, unless the morning is too late."""
    if not in_quiet_hours(now, mine):
        return None
    morning = quiet_hours_end(now, mine)
    if morning >= target_at:
        return Drop("quiet hours last until it is too late")
    return Defer(morning)
