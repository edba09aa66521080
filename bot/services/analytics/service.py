"""Staff analytics: who uses the bot and for what, for a period and a region, from the real
tables (bot.services.analytics.ports), with small groups hidden (figures.py)."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.services.activity import FUNNEL, Step
from bot.services.analytics.figures import (
    BroadcastLine,
    CentreFigures,
    Count,
    Gap,
    Period,
    Ranked,
    Report,
    TopicLine,
    WeekFunnel,
    WeekRoles,
    merge_small,
)
from bot.services.analytics.gaps import group
from bot.services.analytics.ports import BookingRow, ExportRecord, SubscriberRow, WeekCount
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


@dataclass(frozen=True, slots=True)
class ExportData:
    """Everything a workbook holds. `bookings` and `subscribers` name people (Telegram ids,
    phones): they are filled only for a personal export, which only admins may make."""

    report: Report
    funnel_weeks: tuple[WeekFunnel, ...]
    broadcasts: tuple[BroadcastLine, ...]
    topics: tuple[TopicLine, ...]
    personal: bool
    bookings: tuple[BookingRow, ...] = ()
    subscribers: tuple[SubscriberRow, ...] = ()
    centre_names: dict[str, str] = field(default_factory=dict)
    centre_zones: dict[str, str] = field(default_factory=dict)  # IANA zones of the centres
    topic_titles: dict[tuple[str, str], str] = field(default_factory=dict)


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
            new_by_role=_roles(weeks, regional),
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
            sources=tuple(
                (source, Count.of(n, regional=regional))
                for source, n in sorted(
                    (await data.sources(since, region)).items(), key=lambda kv: (-kv[1], kv[0])
                )[:TOP]
            ),
            broadcasts=reach.broadcasts,
            reach={
                name: Count.of(sum(reach.by_status.get(s, 0) for s in statuses), regional=regional)
                for name, statuses in REACH.items()
            },
        )

    async def export(
        self, period: Period, region: str | None, *, personal: bool, staff_id: int | None, via: str
    ) -> ExportData:
        """The figures of a workbook, and (personal) the lists of bookings and subscribers;
        the export is written in the log (who, when, what) before anything is handed out.
        The caller decides who may export what (StaffStatsService, the CLI)."""
        report = await self.report(period, region)
        catalogue = await self._catalogue()
        data = self._uow.analytics
        since, regional = report.since, region is not None
        weeks: dict[date, dict[str, Count]] = defaultdict(dict)
        for row in await data.funnel_by_week(since, region):
            weeks[row.week][row.key or ""] = Count.of(row.count, regional=regional)
        reports = await data.broadcast_reports(since, region)
        subscribers = await data.subscriber_rows(since, region)
        people: dict[tuple[str, str], set[int]] = defaultdict(set)
        for subscriber in subscribers:
            people[(subscriber.topic_kind, subscriber.topic_value)].add(subscriber.user_id)
        titles = {key: _topic_title(catalogue, *key) for key in people}
        bookings = await data.booking_rows(since, _scope(catalogue, region)) if personal else []
        result = ExportData(
            report=report,
            funnel_weeks=tuple(
                WeekFunnel(week, {s.value: steps.get(s.value, Count(0)) for s in FUNNEL})
                for week, steps in sorted(weeks.items())
            ),
            broadcasts=tuple(
                BroadcastLine(
                    r.id,
                    r.created_at,
                    r.text,
                    r.status,
                    {
                        name: Count.of(
                            sum(r.by_status.get(s, 0) for s in statuses), regional=regional
                        )
                        for name, statuses in REACH.items()
                    },
                )
                for r in reports
            ),
            topics=tuple(
                TopicLine(kind, titles[(kind, value)], Count.of(len(ids), regional=regional))
                for (kind, value), ids in sorted(
                    people.items(), key=lambda kv: (kv[0][0], -len(kv[1]))
                )
            ),
            personal=personal,
            bookings=tuple(bookings),
            subscribers=tuple(subscribers) if personal else (),
            centre_names={c.id: c.short_name for c in catalogue.centres.values()},
            centre_zones={c.id: c.timezone for c in catalogue.centres.values()},
            topic_titles=titles,
        )
        rows = len(result.funnel_weeks) + len(result.broadcasts) + len(result.topics)
        rows += len(report.centres) + len(result.bookings) + len(result.subscribers)
        record = ExportRecord(
            staff_id=staff_id,
            via=via,
            what="personal" if personal else "figures",
            period=period.value,
            region=region,
            personal=personal,
            rows=rows,
        )
        await self._uow.exports.add(record, self._clock())
        await self._uow.commit()
        return result

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
            # The parts as shown; a centre is in one region, so its small counts are hidden
            # whatever the scope.
            raw = {
                "booked": counts.get("booked", 0),
                "attended": counts.get("attended", 0),
                "no_show": counts.get("no_show", 0),
                "cancelled": sum(counts.get(s, 0) for s in CANCELLED),
            }
            parts = {key: Count.of(n, regional=True) for key, n in raw.items()}
            rows.append(
                CentreFigures(
                    centre=centre_id,
                    name=entity.short_name if entity else centre_id,
                    waitlist=Count.of(counts.get("waitlist", 0), regional=True),
                    total=Count.total(sum(raw.values()), list(parts.values()), regional=True),
                    **parts,
                )
            )
        rows.sort(key=lambda r: (-sum(by_centre[r.centre].values()), r.name))
        return tuple(rows)


def _topic_title(catalogue: Catalogue, kind: str, value: str) -> str:
    entities: Mapping[str, object] = {
        "event": catalogue.events,
        "competency": catalogue.competencies,
        "industry": catalogue.industries,
        "programme": catalogue.programmes,
    }.get(kind, {})
    entity = entities.get(value)
    return str(getattr(entity, "title", None) or getattr(entity, "name", None) or value)


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
            roles=merge_small(roles, regional=regional),
            total=Count.of(sum(roles.values()), regional=regional),
        )
        for week, roles in sorted(by_week.items())
    )


def _roles(rows: Sequence[WeekCount], regional: bool) -> tuple[tuple[str, Count], ...]:
    roles: dict[str, int] = defaultdict(int)
    for row in rows:
        roles[row.key or ""] += row.count
    return tuple(merge_small(roles, regional=regional).items())


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
