"""Staff analytics: who uses the bot and for what, for a period and a region, from the real
tables (bot.services.analytics.ports), with small groups hidden (figures.py)."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import date, datetime

from bot.services.activity import FUNNEL, Step
from bot.services.analytics.figures import (
    CentreFigures,
    Count,
    Gap,
    Period,
    Ranked,
    Report,
    WeekRoles,
)
from bot.services.analytics.gaps import group
from bot.services.analytics.ports import WeekCount
from bot.services.clock import Clock, utc_now
from bot.services.ports import UnitOfWork
from knowledge import Catalogue

TOP = 10
GAP_TEXTS = 5000  # the newest questions grouped
GAP_GROUPS = 15
CatalogueSource = Callable[[], Awaitable[Catalogue]]

# Reach of a broadcast as staff read it; «unknown» (no answer from Telegram, not resent)
# counts as not delivered: nobody can say it arrived.
REACH = {"delivered": ("sent",), "blocked": ("blocked",), "failed": ("failed", "unknown")}
CANCELLED = ("cancelled_user", "cancelled_staff")


class AnalyticsService:
    def __init__(self, uow: UnitOfWork, catalogue: CatalogueSource, clock: Clock = utc_now) -> None:
        self._uow = uow
        self._catalogue = catalogue
        self._clock = clock

    async def report(self, period: Period, region: str | None) -> Report:
        """Every figure of /stats and `careerbot stats` for a period, in one region or all.
        The caller decides who may see which region (StaffStatsService, the CLI)."""
        catalogue = await self._catalogue()
        now = self._clock()
        since = period.since(now)
        data = self._uow.analytics
        regional = region is not None
        centres = _scope(catalogue, region)

        weeks = await data.new_users(since, region)
        funnel = await data.funnel(since, region)
        votes = await data.votes(since, region)
        reach = await data.broadcast_reach(since, region)
        region_entity = catalogue.regions.get(region) if region else None
        return Report(
            period=period,
            since=since,
            until=now,
            region=region,
            region_name=region_entity.name if region_entity else region,
            new_users=_weeks(weeks, regional),
            new_total=Count.of(sum(w.count for w in weeks), regional=regional),
            funnel=tuple(
                (s.value, Count.of(funnel.get(s.value, 0), regional=regional)) for s in FUNNEL
            ),
            interests=_top(await data.interests(since, region), lambda key: key, regional),
            suggested=_top(
                _professions(await data.items(Step.SUGGESTED, since, region), catalogue),
                lambda key: catalogue.professions[key].title,
                regional,
            ),
            liked=_liked(votes, catalogue, regional),
            centres=await self._centres(since, centres, catalogue),
            subscriptions=tuple(
                (kind, Count.of(n, regional=regional), Count.of(people, regional=regional))
                for kind, (n, people) in sorted(
                    (await data.subscriptions(since, region)).items(), key=lambda kv: -kv[1][0]
                )
            ),
            reminders=_reminders(await data.reminders_sent(since, region), regional),
            broadcasts=reach.broadcasts,
            reach={
                name: Count.of(sum(reach.by_status.get(s, 0) for s in statuses), regional=regional)
                for name, statuses in REACH.items()
            },
        )

    async def gaps(self, period: Period, region: str | None) -> tuple[Gap, ...]:
        """The questions the catalogue answered poorly in the period, grouped by similarity,
        the largest groups first (the grouping runs off the event loop)."""
        texts = await self._uow.gaps.texts(period.since(self._clock()), region, GAP_TEXTS)
        return tuple(await asyncio.to_thread(group, texts, GAP_GROUPS))

    async def _centres(
        self, since: datetime | None, centres: Sequence[str] | None, catalogue: Catalogue
    ) -> tuple[CentreFigures, ...]:
        bookings = await self._uow.analytics.bookings(since, centres)
        waiting = await self._uow.analytics.waitlist(centres)
        by_centre: dict[str, dict[str, int]] = defaultdict(dict)
        for (centre, status), n in bookings.items():
            by_centre[centre][status] = n
        for centre, n in waiting.items():
            by_centre[centre]["waitlist"] = n
        rows = []
        for centre_id, counts in by_centre.items():
            entity = catalogue.centres.get(centre_id)

            # A centre is in one region: its small counts are hidden whatever the scope.
            def count(value: int) -> Count:
                return Count.of(value, regional=True)

            rows.append(
                CentreFigures(
                    centre=centre_id,
                    name=entity.short_name if entity else centre_id,
                    booked=count(counts.get("booked", 0)),
                    attended=count(counts.get("attended", 0)),
                    no_show=count(counts.get("no_show", 0)),
                    cancelled=count(sum(counts.get(s, 0) for s in CANCELLED)),
                    waitlist=count(counts.get("waitlist", 0)),
                )
            )
        rows.sort(key=lambda r: (-sum(by_centre[r.centre].values()), r.name))
        return tuple(rows)


def _scope(catalogue: Catalogue, region: str | None) -> tuple[str, ...] | None:
    if region is None:
        return None
    return tuple(centre.id for centre in catalogue.centres_in_region(region))


def _weeks(rows: Sequence[WeekCount], regional: bool) -> tuple[WeekRoles, ...]:
    by_week: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        by_week[row.week][row.key or ""] += row.count
    return tuple(
        WeekRoles(
            week=week,
            roles={role: Count.of(n, regional=regional) for role, n in sorted(roles.items())},
            total=Count.of(sum(roles.values()), regional=regional),
        )
        for week, roles in sorted(by_week.items())
    )


def _professions(counts: Mapping[str, int], catalogue: Catalogue) -> dict[str, int]:
    return {key: n for key, n in counts.items() if key in catalogue.professions}


def _top(
    counts: Mapping[str, int], title: Callable[[str], str], regional: bool
) -> tuple[Ranked, ...]:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], title(kv[0])))[:TOP]
    return tuple(Ranked(key, title(key), Count.of(n, regional=regional)) for key, n in ranked)


def _liked(
    votes: Mapping[str, tuple[int, int]], catalogue: Catalogue, regional: bool
) -> tuple[Ranked, ...]:
    professions = {k: v for k, v in votes.items() if k in catalogue.professions and v[0] > 0}
    ranked = sorted(
        professions.items(),
        key=lambda kv: (-kv[1][0], kv[1][1], catalogue.professions[kv[0]].title),
    )[:TOP]
    return tuple(
        Ranked(
            key,
            catalogue.professions[key].title,
            Count.of(up, regional=regional),
            Count.of(down, regional=regional),
        )
        for key, (up, down) in ranked
    )


def _reminders(sent: Mapping[str, int], regional: bool) -> dict[str, Count]:
    booking = sum(n for kind, n in sent.items() if kind.startswith("booking"))
    events = sum(n for kind, n in sent.items() if not kind.startswith("booking"))
    return {
        "booking": Count.of(booking, regional=regional),
        "event": Count.of(events, regional=regional),
    }
