"""The figures staff see, already made safe to show: a count of fewer than five people in a
region (or at a centre) is hidden, so nobody can be recognised in it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

SMALL_GROUP = 5  # counts of 1..4 people in a region are not shown


class Period(StrEnum):
    WEEK = "7"
    MONTH = "30"
    ALL = "all"

    @property
    def days(self) -> int | None:
        return None if self is Period.ALL else int(self.value)

    def since(self, now: datetime) -> datetime | None:
        days = self.days
        return None if days is None else now - timedelta(days=days)


@dataclass(frozen=True, slots=True)
class Count:
    """A count as shown: `hidden` when it is 1..4 people of one region or centre, and then
    its value is not kept either (0), so no view or export can show it by mistake."""

    value: int
    hidden: bool = False
    withheld: bool = False  # hidden though not small: its parts are (a total)

    @staticmethod
    def of(value: int, *, regional: bool) -> Count:
        if regional and 0 < value < SMALL_GROUP:
            return Count(0, hidden=True)
        return Count(value)

    @staticmethod
    def total(value: int, parts: Sequence[Count], *, regional: bool) -> Count:
        """A sum shown beside its parts: hidden too when any part is hidden, or that part
        would be the sum minus the others."""
        if any(part.hidden for part in parts):
            return Count(0, hidden=True, withheld=value >= SMALL_GROUP)
        return Count.of(value, regional=regional)


OTHER = "*other*"  # the key of the group small categories are merged into


def merge_small(counts: Mapping[str, int], *, regional: bool) -> dict[str, Count]:
    """Categories of one region whose counts are shown beside their total: those under
    five people go into one «other» group, with the next smallest until it holds five, so
    neither a category nor the total minus the others tells a small group. Largest first."""
    ranked = sorted(((k, n) for k, n in counts.items() if n), key=lambda kv: (-kv[1], kv[0]))
    if not regional or all(n >= SMALL_GROUP for _, n in ranked):
        return {key: Count(n) for key, n in ranked}
    shown = [(k, n) for k, n in ranked if n >= SMALL_GROUP]
    other = sum(n for _, n in ranked if n < SMALL_GROUP)
    while other < SMALL_GROUP and shown:
        other += shown.pop()[1]
    merged = {key: Count(n) for key, n in shown}
    merged[OTHER] = Count.of(other, regional=True)
    return merged


@dataclass(frozen=True, slots=True)
class WeekRoles:
    week: date  # its Monday
    roles: dict[str, Count]  # role key ("" when not said, OTHER: merged) → new people
    total: Count


@dataclass(frozen=True, slots=True)
class Ranked:
    key: str  # a catalogue id or an interest key
    title: str
    count: Count
    down: Count | None = None  # for votes: «не то»


@dataclass(frozen=True, slots=True)
class CentreFigures:
    centre: str
    name: str
    booked: Count  # still to come
    attended: Count
    no_show: Count
    cancelled: Count
    waitlist: Count  # waiting now
    total: Count = Count(0)  # the bookings of the four kinds above


@dataclass(frozen=True, slots=True)
class Gap:
    """A group of similar free questions the catalogue answered poorly."""

    text: str  # the most frequent wording
    count: int
    examples: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    period: Period
    since: datetime | None
    until: datetime
    region: str | None  # the scope; None: every region
    region_name: str | None
    new_users: tuple[WeekRoles, ...]
    new_total: Count
    # The period's new people by role, most first; in a region small roles merged (OTHER).
    new_by_role: tuple[tuple[str, Count], ...]
    funnel: tuple[tuple[str, Count], ...]  # (step, people), in the funnel's order
    interests: tuple[Ranked, ...]
    suggested: tuple[Ranked, ...]  # professions
    liked: tuple[Ranked, ...]  # professions; `down` holds the «не то» votes
    centres: tuple[CentreFigures, ...]
    subscriptions: tuple[tuple[str, Count, Count], ...]  # (kind of topic, subscriptions, people)
    reminders: dict[str, Count]  # «booking» / «event» → reminders sent
    broadcasts: int
    reach: dict[str, Count]  # delivered / blocked / failed
    # Deep-link tags (QR posters) of the people who came, most first.
    sources: tuple[tuple[str, Count], ...] = ()
    gaps: tuple[Gap, ...] = field(default=())

    @property
    def regional(self) -> bool:
        return self.region is not None


@dataclass(frozen=True, slots=True)
class WeekFunnel:
    week: date  # its Monday
    steps: dict[str, Count]  # the funnel's steps, of the people who came that week


@dataclass(frozen=True, slots=True)
class BroadcastLine:
    id: int
    created_at: datetime
    text: str
    status: str
    reach: dict[str, Count]  # delivered / blocked / failed, in scope


@dataclass(frozen=True, slots=True)
class TopicLine:
    kind: str  # event | competency | industry | event_kind | programme
    title: str  # the catalogue's name, or the kind of events
    people: Count
