"""Free consultation slots: a pure function of one seat's hours, the slot rules, the seats
already taken and a clock.

Slots are laid out on the centre's wall clock, so «09:00» is 09:00 at the centre on every day,
whatever the offset or a clock change does, and only then converted to UTC: the one form the
rest of the bot stores and compares. No I/O and no framework, so the booking service feeds it
rows and its clock, and the tests feed it literals."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from operator import attrgetter
from types import MappingProxyType
from zoneinfo import ZoneInfo

Interval = tuple[time, time]
"""A stretch of one local day on the centre's wall clock: start included, end excluded."""

TakenInterval = tuple[datetime, datetime]
"""One seat in use from start to end (aware datetimes): a booking or an unexpired hold."""

_NO_TIME = timedelta(0)


def _checked_intervals(intervals: Iterable[Interval], what: str) -> tuple[Interval, ...]:
    ordered = tuple(sorted(intervals))
    for start, end in ordered:
        if start.tzinfo is not None or end.tzinfo is not None:
            # The zone belongs to the schedule; a second one on a time would contradict it.
            raise ValueError(f"{what}: give wall-clock times without tzinfo")
        if not start < end:
            raise ValueError(f"{what}: {start} is not before {end}; an interval stays in one day")
    for (_, previous_end), (next_start, _) in pairwise(ordered):
        if next_start < previous_end:
            raise ValueError(f"{what}: intervals overlap at {next_start}")
    return ordered


def _aware_utc(moment: datetime, what: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        # As UtcDateTime in storage: a naive datetime has no single meaning across 11 zones.
        raise ValueError(f"{what}: naive datetime {moment}; pass an aware UTC datetime")
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class WeeklyHours:
    """The opening hours of one seat (a consultant, a room or a phone line) per ISO weekday,
    1 = Monday … 7 = Sunday. A weekday left out is a day off. The breaks are cut out of every
    day, including special days."""

    days: Mapping[int, tuple[Interval, ...]]
    breaks: tuple[Interval, ...] = ()

    def __post_init__(self) -> None:
        days: dict[int, tuple[Interval, ...]] = {}
        for weekday, intervals in self.days.items():
            if weekday not in range(1, 8):
                raise ValueError(f"weekday {weekday}: ISO weekdays run from 1 (Monday) to 7")
            days[weekday] = _checked_intervals(intervals, f"weekday {weekday}")
        # Read-only, so a schedule shared between requests cannot be changed under another.
        object.__setattr__(self, "days", MappingProxyType(days))
        object.__setattr__(self, "breaks", _checked_intervals(self.breaks, "breaks"))

    @classmethod
    def from_days(
        cls, weekdays: Iterable[int], *intervals: Interval, breaks: Iterable[Interval] = ()
    ) -> WeeklyHours:
        """The same intervals on each of `weekdays`, e.g. range(1, 6) for Monday to Friday."""
        return cls(dict.fromkeys(weekdays, intervals), tuple(breaks))


@dataclass(frozen=True)
class Schedule:
    """One seat's calendar in its centre's time zone.

    `special_days` replaces the weekly hours on a date: a Saturday made a working day by a
    moved holiday, or the day before a public holiday, which Russian labour law shortens by an
    hour. `closed_dates` (holidays, a day closed for illness) wins over both."""

    zone: ZoneInfo
    hours: WeeklyHours
    closed_dates: frozenset[date] = frozenset()
    special_days: Mapping[date, tuple[Interval, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        special = {
            day: _checked_intervals(intervals, f"special day {day}")
            for day, intervals in self.special_days.items()
        }
        object.__setattr__(self, "closed_dates", frozenset(self.closed_dates))
        object.__setattr__(self, "special_days", MappingProxyType(special))

    def open_intervals(self, day: date) -> tuple[Interval, ...]:
        """The bookable stretches of a local date: its hours with the breaks cut out."""
        if day in self.closed_dates:
            return ()
        hours = self.special_days.get(day)
        if hours is None:
            hours = self.hours.days.get(day.isoweekday(), ())
        return _without_breaks(hours, self.hours.breaks)


def _without_breaks(hours: Iterable[Interval], breaks: Iterable[Interval]) -> tuple[Interval, ...]:
    pieces = list(hours)
    for break_start, break_end in breaks:
        remaining: list[Interval] = []
        for start, end in pieces:
            if break_end <= start or end <= break_start:
                remaining.append((start, end))
                continue
            if start < break_start:
                remaining.append((start, break_start))
            if break_end < end:
                remaining.append((break_end, end))
        pieces = remaining
    return tuple(pieces)


@dataclass(frozen=True)
class SlotRules:
    """How a centre cuts its hours into slots.

    `buffer` is kept free between two meetings of a seat; `min_notice` is how long before its
    start a slot can still be booked; `horizon_days` counts days after the centre's local
    today (0 = today only); `seats` is how many people one slot takes (a group профпроба)."""

    duration: timedelta
    buffer: timedelta = _NO_TIME
    min_notice: timedelta = _NO_TIME
    horizon_days: int = 14
    seats: int = 1

    def __post_init__(self) -> None:
        if self.duration <= _NO_TIME:
            raise ValueError(f"duration {self.duration}: a slot must last some time")
        if self.buffer < _NO_TIME or self.min_notice < _NO_TIME:
            raise ValueError("buffer and min_notice cannot be negative")
        if self.horizon_days < 0:
            raise ValueError(f"horizon_days {self.horizon_days}: cannot book in the past")
        if self.seats < 1:
            raise ValueError(f"seats {self.seats}: a slot has at least one seat")


@dataclass(frozen=True)
class Slot:
    """A free time window, in UTC, and how many of its seats are still free."""

    start: datetime
    end: datetime
    seats_left: int

    def __post_init__(self) -> None:
        start, end = _aware_utc(self.start, "slot start"), _aware_utc(self.end, "slot end")
        if not start < end:
            raise ValueError(f"slot {start}–{end}: the start must come before the end")
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)


class _Occupancy:
    """The taken intervals, sorted so that a slot looks only at those that can touch it."""

    def __init__(self, taken: Iterable[TakenInterval]) -> None:
        intervals: list[TakenInterval] = []
        for start, end in taken:
            start, end = _aware_utc(start, "taken start"), _aware_utc(end, "taken end")
            if not start < end:
                raise ValueError(f"taken {start}–{end}: the start must come before the end")
            intervals.append((start, end))
        intervals.sort()
        self._intervals = intervals
        self._starts = [start for start, _ in intervals]
        self._longest = max((end - start for start, end in intervals), default=_NO_TIME)

    def peak(self, start: datetime, end: datetime) -> int:
        """The most seats in use at one instant of [start, end). Not a plain count: two meetings
        one after the other within a long slot use one seat, not two."""
        # An interval starting before start - longest has ended by start.
        low = bisect_left(self._starts, start - self._longest)
        high = bisect_left(self._starts, end)
        changes: list[tuple[datetime, int]] = []
        for taken_start, taken_end in self._intervals[low:high]:
            if taken_end > start:
                changes += [(max(taken_start, start), 1), (min(taken_end, end), -1)]
        # Sorted, a -1 comes before a +1 at the same instant: back-to-back is no overlap.
        in_use = peak = 0
        for _, change in sorted(changes):
            in_use += change
            peak = max(peak, in_use)
        return peak


def _wall_to_utc(wall: datetime, zone: ZoneInfo) -> datetime | None:
    """None for a wall time that a clock change skips or repeats; with fold, PEP 495 gives such
    a time two offsets. A slot there would start never or twice, so it is not offered."""
    local = wall.replace(tzinfo=zone)
    if local.utcoffset() != local.replace(fold=1).utcoffset():
        return None
    return local.astimezone(UTC)


def _day_slots(
    schedule: Schedule, rules: SlotRules, day: date
) -> Iterator[tuple[datetime, datetime]]:
    step = rules.duration + rules.buffer
    for opens, closes in schedule.open_intervals(day):
        # Naive on purpose: wall-clock arithmetic, so that 09:00 stays 09:00 across a clock
        # change. Each stretch starts its own grid, so the first slot after a break starts with it.
        wall = datetime.combine(day, opens)
        wall_closes = datetime.combine(day, closes)
        while wall + rules.duration <= wall_closes:
            start = _wall_to_utc(wall, schedule.zone)
            end = _wall_to_utc(wall + rules.duration, schedule.zone)
            # A slot across a clock change would last longer or shorter than the rules say.
            if start is not None and end is not None and end - start == rules.duration:
                yield start, end
            wall += step


def free_slots(
    schedule: Schedule, rules: SlotRules, taken: Iterable[TakenInterval], now: datetime
) -> list[Slot]:
    """The slots that can be booked at `now`, sorted by start, in UTC.

    `taken` holds one interval per seat in use (bookings and unexpired holds alike), so a
    three-seat slot with two bookings shows one seat left. A taken interval blocks every slot
    it overlaps once the slot is widened by the buffer on both sides."""
    now = _aware_utc(now, "now")
    occupancy = _Occupancy(taken)
    earliest = now + rules.min_notice
    today = now.astimezone(schedule.zone).date()
    slots: list[Slot] = []
    for offset in range(rules.horizon_days + 1):
        for start, end in _day_slots(schedule, rules, today + timedelta(days=offset)):
            if start < earliest:
                continue
            seats_left = rules.seats - occupancy.peak(start - rules.buffer, end + rules.buffer)
            if seats_left > 0:
                slots.append(Slot(start, end, seats_left))
    slots.sort(key=attrgetter("start"))
    return slots


def days_with_free_slots(slots: Iterable[Slot], zone: ZoneInfo) -> list[date]:
    """The local dates in `zone` on which some slot starts, sorted: the days a calendar
    keyboard offers. Pass the centre's zone; a UTC date would be wrong east of Moscow, where
    the morning is still yesterday in UTC."""
    return sorted({slot.start.astimezone(zone).date() for slot in slots})
