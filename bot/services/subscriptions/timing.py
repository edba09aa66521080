"""When the reminders of a subscription fall due: the offsets per event kind (one table),
quiet hours in the user's zone, and the reminder kinds that carry both. Pure: an event,
a zone and a moment in, moments out.

A reminder kind names what it reminds of and how long before: «event_deadline_7d» is a week
before the registration deadline, «event_start_1d» a day before the start, «course_start_7d»
a week before a programme's start date, «event_new» a new event of a topic."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from types import MappingProxyType

from knowledge.models import Event, EventKind

# Nothing is sent between 22:00 and 09:00 in the user's zone; what falls there waits.
QUIET_START = time(22, 0)
QUIET_END = time(9, 0)
# A reminder whose morning comes too late (a deadline at 08:00) goes the evening before.
EVENING = time(21, 0)


class Target(StrEnum):
    DEADLINE = "deadline"  # the registration deadline of an event
    START = "start"  # an event's start
    COURSE = "course"  # a programme's start date
    NEW = "new"  # a new event of a topic: due at once, no target


# How many days before each moment a reminder goes, per event kind: the one table.
# Championships take weeks to prepare for; an open day needs only a nudge.
_CHAMPIONSHIP = MappingProxyType({Target.DEADLINE: (7, 1), Target.START: (7, 1)})
EVENT_OFFSETS: Mapping[EventKind, Mapping[Target, tuple[int, ...]]] = MappingProxyType(
    {
        EventKind.regional_stage: _CHAMPIONSHIP,
        EventKind.qualifying_stage: _CHAMPIONSHIP,
        EventKind.final_stage: _CHAMPIONSHIP,
        EventKind.abilympics: _CHAMPIONSHIP,
        EventKind.master_of_year: MappingProxyType({Target.DEADLINE: (7, 1), Target.START: (1,)}),
        EventKind.open_day: MappingProxyType({Target.DEADLINE: (1,), Target.START: (3, 1)}),
        EventKind.taster_day: MappingProxyType({Target.DEADLINE: (3, 1), Target.START: (1,)}),
    }
)
COURSE_OFFSETS: tuple[int, ...] = (7, 1)

NEW_EVENT = "event_new"
EVENT_PREFIX = "event_"
COURSE_PREFIX = "course_"


def reminder_kind(target: Target, days: int) -> str:
    if target is Target.NEW:
        return NEW_EVENT
    if target is Target.COURSE:
        return f"{COURSE_PREFIX}start_{days}d"
    return f"{EVENT_PREFIX}{target.value}_{days}d"


def _all_kinds() -> tuple[str, ...]:
    kinds = {NEW_EVENT}
    for offsets in EVENT_OFFSETS.values():
        for target, days in offsets.items():
            kinds.update(reminder_kind(target, day) for day in days)
    kinds.update(reminder_kind(Target.COURSE, day) for day in COURSE_OFFSETS)
    return tuple(sorted(kinds))


# Every kind a subscription schedules: the reminder content claims exactly these.
REMINDER_KINDS: tuple[str, ...] = _all_kinds()
EVENT_REMINDER_KINDS: tuple[str, ...] = tuple(
    kind for kind in REMINDER_KINDS if kind.startswith(EVENT_PREFIX)
)


@dataclass(frozen=True, slots=True)
class ParsedKind:
    target: Target
    days: int  # 0 for a new event


def parse_kind(kind: str) -> ParsedKind | None:
    """The target and offset of a kind this module made; None for any other string."""
    if kind == NEW_EVENT:
        return ParsedKind(Target.NEW, 0)
    if kind not in REMINDER_KINDS:
        return None
    head, _, days = kind.rpartition("_")
    target = Target.COURSE if head == f"{COURSE_PREFIX}start" else Target(head[len(EVENT_PREFIX) :])
    return ParsedKind(target, int(days.removesuffix("d")))


@dataclass(frozen=True, slots=True)
class Planned:
    kind: str
    due_at: datetime  # UTC, outside quiet hours
    target: Target
    target_at: datetime  # what it reminds of: the deadline or the start


def in_quiet_hours(moment: datetime, zone: tzinfo) -> bool:
    local = moment.astimezone(zone).time()
    return not QUIET_END <= local < QUIET_START


def quiet_hours_end(moment: datetime, zone: tzinfo) -> datetime:
    """The 09:00 that ends the quiet hours `moment` falls in (itself when it falls in none)."""
    if not in_quiet_hours(moment, zone):
        return moment
    local = moment.astimezone(zone)
    day = local.date() if local.time() < QUIET_END else local.date() + timedelta(days=1)
    return _at(day, QUIET_END, zone)


def _at(day: date, clock: time, zone: tzinfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)


def outside_quiet_hours(moment: datetime, zone: tzinfo, before: datetime) -> datetime | None:
    """`moment`, or the morning after when it falls in quiet hours; the evening before when
    that morning is not earlier than `before` (what it reminds of). None when no moment fits."""
    deferred = quiet_hours_end(moment, zone)
    if deferred < before:
        return deferred
    local = moment.astimezone(zone)
    quiet_began = local.date() if local.time() >= QUIET_START else local.date() - timedelta(days=1)
    evening = _at(quiet_began, EVENING, zone)
    return evening if evening < before else None


def _plan(
    target: Target, target_at: datetime, days: tuple[int, ...], zone: tzinfo, now: datetime
) -> list[Planned]:
    planned = []
    for day in days:
        due = outside_quiet_hours(target_at - timedelta(days=day), zone, before=target_at)
        if due is not None and due > now:
            planned.append(Planned(reminder_kind(target, day), due, target, target_at))
    return planned


def plan_event(event: Event, zone: tzinfo, now: datetime) -> list[Planned]:
    """The reminders still ahead for an event, soonest first: before the registration
    deadline (if it has one) and before the start, at the offsets of its kind."""
    offsets = EVENT_OFFSETS.get(event.kind, _CHAMPIONSHIP)
    planned = _plan(Target.START, event.starts_at, offsets.get(Target.START, ()), zone, now)
    if event.registration_deadline is not None:
        planned += _plan(
            Target.DEADLINE,
            event.registration_deadline,
            offsets.get(Target.DEADLINE, ()),
            zone,
            now,
        )
    return sorted(planned, key=lambda item: (item.due_at, item.kind))


def course_start(day: date, course_zone: tzinfo) -> datetime:
    """A programme starts on a local date: its first morning, 09:00 where the centre is."""
    return _at(day, QUIET_END, course_zone)


def plan_course(start: datetime, zone: tzinfo, now: datetime) -> list[Planned]:
    return _plan(Target.COURSE, start, COURSE_OFFSETS, zone, now)


def course_subject(programme_id: str, day: date) -> str:
    """The reminder subject of one start date of a programme."""
    return f"{programme_id}@{day.isoformat()}"


def parse_course_subject(subject: str) -> tuple[str, date] | None:
    programme_id, _, day = subject.rpartition("@")
    try:
        return (programme_id, date.fromisoformat(day)) if programme_id else None
    except ValueError:
        return None
