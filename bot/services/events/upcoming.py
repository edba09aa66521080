"""What is coming up: catalogue events and programmes starting, for a region, in the local
time of the place they happen. Pure: a catalogue, a moment and a region in, items out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from enum import StrEnum
from types import MappingProxyType

from bot.services.knowledge_base import short_reference
from bot.services.timezones import zone
from knowledge import Catalogue
from knowledge.models import (
    Centre,
    Competency,
    Event,
    EventKind,
    Format,
    Programme,
    ProgrammeKind,
    Region,
)


class EventFilter(StrEnum):
    """The kinds /events can be narrowed to; the values travel in buttons."""

    ALL = "all"
    CHAMPIONSHIPS = "champ"
    OPEN_DAYS = "open"
    TASTERS = "taster"
    COURSES = "course"


CHAMPIONSHIP_KINDS = frozenset(
    {
        EventKind.regional_stage,
        EventKind.qualifying_stage,
        EventKind.final_stage,
        EventKind.abilympics,
        EventKind.master_of_year,
    }
)
# The event kinds each filter shows.
FILTER_KINDS: Mapping[EventFilter, frozenset[EventKind]] = MappingProxyType(
    {
        EventFilter.ALL: frozenset(EventKind),
        EventFilter.CHAMPIONSHIPS: CHAMPIONSHIP_KINDS,
        EventFilter.OPEN_DAYS: frozenset({EventKind.open_day}),
        EventFilter.TASTERS: frozenset({EventKind.taster_day}),
        EventFilter.COURSES: frozenset(),
    }
)
# The programme kinds each filter shows: a профпроба programme is a профпроба for the person
# looking, whether the catalogue keeps it as an event (a day of them) or as a programme.
FILTER_PROGRAMMES: Mapping[EventFilter, frozenset[ProgrammeKind]] = MappingProxyType(
    {
        EventFilter.ALL: frozenset(ProgrammeKind),
        EventFilter.CHAMPIONSHIPS: frozenset(),
        EventFilter.OPEN_DAYS: frozenset(),
        EventFilter.TASTERS: frozenset({ProgrammeKind.taster}),
        EventFilter.COURSES: frozenset(ProgrammeKind) - {ProgrammeKind.taster},
    }
)
COURSE = "course"  # Listed.kind of a programme starting
TASTER = "taster"  # Listed.kind of a профпроба programme starting


@dataclass(frozen=True, slots=True)
class Listed:
    """One line of a list of what is coming up: an event, or a programme's next start."""

    item_id: str
    ref: str  # the short reference its button carries
    kind: str  # an EventKind value, COURSE or TASTER
    title: str
    starts_at: datetime  # aware; a programme starts at midnight of its first day, locally
    first_day: date  # in the local calendar of the place
    last_day: date
    deadline: date | None  # the last day to register, locally
    centre: Centre | None
    region: Region | None
    online: bool
    illustrative: bool
    title_en: str = ""  # a programme's English title, when the catalogue has one

    @property
    def is_programme(self) -> bool:
        return self.kind in (COURSE, TASTER)


@dataclass(frozen=True, slots=True)
class NextStage:
    """A championship competency and the next event that holds it, if the catalogue has one."""

    competency: Competency
    event: Event | None = None
    ref: str = ""  # the event's short reference
    first_day: date | None = None  # in the event's local calendar
    region: Region | None = None


def event_timezone(catalogue: Catalogue, event: Event) -> tzinfo:
    """Where the event's clock runs: its centre's zone, else its region's; an event with
    neither (nationwide) keeps the offset its dates were written with."""
    centre = catalogue.centres.get(event.centre or "")
    region = catalogue.regions.get(event.region or "")
    names = [place.timezone for place in (centre, region) if place is not None]
    if names:
        return zone(*names)
    return timezone(event.starts_at.utcoffset() or timedelta(0))


def listed_event(catalogue: Catalogue, event: Event) -> Listed:
    local = event_timezone(catalogue, event)
    deadline = event.registration_deadline
    return Listed(
        item_id=event.id,
        ref=short_reference(event.id),
        kind=event.kind.value,
        title=event.title,
        starts_at=event.starts_at,
        first_day=event.starts_at.astimezone(local).date(),
        last_day=event.ends_at.astimezone(local).date(),
        deadline=deadline.astimezone(local).date() if deadline else None,
        centre=catalogue.centres.get(event.centre or ""),
        region=catalogue.regions.get(event.region or ""),
        online=event.online,
        illustrative=event.illustrative,
    )


def _listed_programme(catalogue: Catalogue, programme: Programme, start: date) -> Listed:
    centre = catalogue.centres.get(programme.centre)
    local = zone(centre.timezone if centre else None)
    return Listed(
        item_id=programme.id,
        ref=short_reference(programme.id),
        kind=TASTER if programme.kind is ProgrammeKind.taster else COURSE,
        title=programme.title,
        title_en=programme.title_en,
        starts_at=datetime.combine(start, time(0), tzinfo=local),
        first_day=start,
        last_day=start,
        deadline=None,
        centre=centre,
        region=catalogue.regions.get(centre.region) if centre else None,
        online=programme.format is Format.online,
        illustrative=programme.illustrative,
    )


def upcoming(
    catalogue: Catalogue, now: datetime, region: str | None, chosen: EventFilter
) -> list[Listed]:
    """Events that have not ended in the region plus those with no region (online,
    nationwide), and programmes starting in the region (only with a region: the whole
    country's would bury everything else), soonest first.

    Without a region, events of every region are listed."""
    kinds = FILTER_KINDS[chosen]
    found = [
        listed_event(catalogue, event)
        for event in catalogue.upcoming_events(now, region=region)
        if event.kind in kinds
    ]
    programme_kinds = FILTER_PROGRAMMES[chosen]
    if region is not None and programme_kinds:
        known = catalogue.regions.get(region)
        today = now.astimezone(zone(known.timezone if known else None)).date()
        found.extend(
            _listed_programme(catalogue, item.programme, item.start)
            for item in catalogue.upcoming_programmes(today, region=region)
            if item.programme.kind in programme_kinds
        )
    found.sort(key=lambda item: (item.starts_at, item.title, item.item_id))
    return found


def next_stages(
    catalogue: Catalogue,
    competencies: Iterable[Competency],
    now: datetime,
    region: str | None,
) -> tuple[NextStage, ...]:
    """Each competency with the soonest event that holds it and has not ended: in the region
    or nationwide when a region is given, anywhere otherwise."""
    wanted = list(competencies)
    ids = {competency.id for competency in wanted}
    first: dict[str, Event] = {}
    for event in catalogue.upcoming_events(now, region=region):
        for competency_id in event.competencies:
            if competency_id in ids:
                first.setdefault(competency_id, event)
    stages = []
    for competency in wanted:
        held = first.get(competency.id)
        if held is None:
            stages.append(NextStage(competency))
            continue
        local = event_timezone(catalogue, held)
        stages.append(
            NextStage(
                competency,
                held,
                short_reference(held.id),
                held.starts_at.astimezone(local).date(),
                catalogue.regions.get(held.region or ""),
            )
        )
    return tuple(stages)
