"""Staff analytics against a seeded database with known answers, on SQLite and PostgreSQL."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.analytics.figures import OTHER, Count, Period, merge_small
from bot.services.analytics.service import AnalyticsService
from bot.storage.db import create_engine, create_session_factory
from bot.storage.models import (
    Activity,
    Booking,
    Broadcast,
    BroadcastDelivery,
    Feedback,
    Reminder,
    Subscription,
    User,
    WaitlistEntry,
)
from bot.storage.repositories import SqlUnitOfWork
from knowledge import Catalogue, load_catalogue

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)  # a Tuesday
WELDER, PROGRAMMER = "15.01.05", "09.02.07"
TOMSK = [1000 + n for n in range(7)]  # came two days ago
PERM = [2000 + n for n in range(3)]  # came 20 days ago
OLD = 3000  # came 100 days ago
FUNNEL_TOMSK = {"start": 7, "consent": 6, "onboarded": 6, "suggestions": 5, "card": 3}
FUNNEL_TOMSK |= {"booking": 2, "attended": 1}


@functools.cache
def catalogue() -> Catalogue:
    return load_catalogue()


async def _catalogue() -> Catalogue:
    return catalogue()


def _user(uid: int, ago: timedelta, region: str, role: str, interests: list[str]) -> User:
    at = NOW - ago
    return User(
        telegram_id=uid,
        created_at=at,
        last_seen_at=at,
        region=region,
        role=role,
        interests=interests,
    )


def _booking(uid: int, centre: str, status: str, starts: datetime) -> Booking:
    return Booking(
        user_id=uid,
        centre=centre,
        seat=f"consultant-{uid}",
        seat_no=1,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=30),
        format="online",
        topic="Консультация",
        status=status,
        created_at=starts - timedelta(days=3),
        updated_at=starts,
    )


async def seed(session: AsyncSession) -> None:
    two_days, twenty_days = timedelta(days=2), timedelta(days=20)
    users = [
        _user(uid, two_days, "RU-TOM", "school" if n < 6 else "job_seeker", ["it", "science"])
        for n, uid in enumerate(TOMSK)
    ]
    users[6].interests = ["technology"]
    for user in users[:6]:
        user.source = "school_tomsk_12"
    users += [_user(uid, twenty_days, "RU-PER", "senior", ["medicine"]) for uid in PERM]
    for user in users[-3:]:
        user.source = "region_RU-PER"
    users.append(_user(OLD, timedelta(days=100), "RU-TOM", "teacher", []))
    users[-1].interests = None  # stored as a JSON null: no interests, and no error
    session.add_all(users)
    await session.flush()

    at = NOW - timedelta(days=1)
    rows = [
        Activity(user_id=uid, step=step, item_id="", at=at)
        for step, n in FUNNEL_TOMSK.items()
        for uid in TOMSK[:n]
    ]
    rows += [
        Activity(user_id=uid, step=s, item_id="", at=at)
        for uid in PERM
        for s in ("start", "consent")
    ]
    rows.append(Activity(user_id=OLD, step="start", item_id="", at=NOW - timedelta(days=100)))
    rows += [Activity(user_id=uid, step="suggested", item_id=WELDER, at=at) for uid in TOMSK[:6]]
    rows += [
        Activity(user_id=uid, step="suggested", item_id=PROGRAMMER, at=at) for uid in TOMSK[:2]
    ]
    rows += [Activity(user_id=uid, step="suggested", item_id="prog-x", at=at) for uid in TOMSK[:3]]
    session.add_all(rows)

    session.add_all(
        [Feedback(user_id=uid, item_id=WELDER, vote=1, created_at=at) for uid in TOMSK[:5]]
        + [Feedback(user_id=TOMSK[5], item_id=WELDER, vote=-1, created_at=at)]
        + [
            Feedback(user_id=uid, item_id=PROGRAMMER, vote=1, created_at=NOW - twenty_days)
            for uid in PERM[:2]
        ]
    )

    past = NOW - timedelta(days=3)
    bookings = [_booking(uid, "copp-tomsk", "attended", past) for uid in TOMSK[:5]]
    bookings += [
        _booking(TOMSK[5], "copp-tomsk", "no_show", past),
        _booking(TOMSK[6], "copp-tomsk", "cancelled_staff", past),
        _booking(TOMSK[0], "copp-tomsk", "booked", NOW + timedelta(days=2)),
        _booking(TOMSK[1], "copp-tomsk", "held", NOW + timedelta(days=3)),  # not a booking
        _booking(PERM[0], "copp-perm", "attended", past),
        _booking(PERM[1], "copp-perm", "attended", NOW - timedelta(days=40)),  # before 30 days
    ]
    session.add_all(bookings)
    session.add_all(
        [
            WaitlistEntry(
                user_id=uid,
                centre="copp-tomsk",
                topic="Консультация",
                status=status,
                created_at=at,
                updated_at=at,
            )
            for uid, status in ((TOMSK[2], "waiting"), (TOMSK[3], "offered"), (TOMSK[4], "left"))
        ]
    )
    session.add_all(
        [
            Subscription(user_id=TOMSK[0], topic_kind="event", topic_value="e1", created_at=at),
            Subscription(user_id=TOMSK[0], topic_kind="event", topic_value="e2", created_at=at),
            Subscription(user_id=TOMSK[1], topic_kind="event", topic_value="e1", created_at=at),
            Subscription(user_id=TOMSK[1], topic_kind="competency", topic_value="c", created_at=at),
            Subscription(
                user_id=PERM[0], topic_kind="event", topic_value="e1", created_at=NOW - twenty_days
            ),
        ]
    )
    reminders = [
        (TOMSK[0], "booking_24h", "1", "sent", at),
        (TOMSK[0], "booking_2h", "1", "sent", at),
        (TOMSK[1], "event_start_1d", "e1", "sent", at),
        (TOMSK[1], "event_start_7d", "e1", "pending", None),
        (PERM[0], "event_start_1d", "e1", "sent", NOW - twenty_days),
    ]
    session.add_all(
        [
            Reminder(kind=k, subject=s, user_id=u, due_at=at, status=st, sent_at=sent)
            for u, k, s, st, sent in reminders
        ]
    )
    broadcast = Broadcast(
        author_id=901,
        kind="text",
        text="День открытых дверей",
        entities=[],
        segment={},
        status="done",
        total=9,
        created_at=at,
    )
    session.add(broadcast)
    await session.flush()
    statuses = ["sent"] * 4 + ["blocked", "unknown"]
    deliveries = [(uid, s) for uid, s in zip(TOMSK, statuses, strict=False)]
    deliveries += [(PERM[0], "sent"), (PERM[1], "sent"), (PERM[2], "failed")]
    session.add_all(
        [BroadcastDelivery(broadcast_id=broadcast.id, user_id=u, status=s) for u, s in deliveries]
    )
    await session.commit()


@pytest_asyncio.fixture
async def service(database_url: str) -> AsyncIterator[AnalyticsService]:
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            await seed(session)
            yield AnalyticsService(SqlUnitOfWork(session), _catalogue, clock=lambda: NOW)
    finally:
        await engine.dispose()


def _values(pairs: tuple[tuple[str, Count], ...]) -> dict[str, int]:
    return {key: count.value for key, count in pairs}


async def test_new_users_and_the_funnel_of_a_period(service: AnalyticsService) -> None:
    week = await service.report(Period.WEEK, None)
    assert week.new_total == Count(7)
    (only,) = week.new_users
    assert only.week == date(2026, 11, 23)  # came on Sunday the 29th
    assert only.roles == {"school": Count(6), "job_seeker": Count(1)}
    assert _values(week.funnel) == FUNNEL_TOMSK

    assert week.sources == (("school_tomsk_12", Count(6)),)

    month = await service.report(Period.MONTH, None)
    assert month.new_total == Count(10)
    assert month.sources == (("school_tomsk_12", Count(6)), ("region_RU-PER", Count(3)))
    assert [w.week for w in month.new_users] == [date(2026, 11, 9), date(2026, 11, 23)]
    assert month.new_users[0].roles == {"senior": Count(3)}
    assert _values(month.funnel)["consent"] == 9

    everything = await service.report(Period.ALL, None)
    assert everything.new_total == Count(11)
    assert [(r.key, r.count.value) for r in everything.interests][-1] == ("technology", 1)
    assert _values(everything.funnel)["start"] == 11


async def test_interests_suggestions_and_votes(service: AnalyticsService) -> None:
    week = await service.report(Period.WEEK, None)
    assert [(r.key, r.count.value) for r in week.interests] == [
        ("it", 6),
        ("science", 6),
        ("technology", 1),
    ]
    # Professions only: a programme suggested is not among them.
    assert [(r.title, r.count.value) for r in week.suggested] == [
        ("Сварщик", 6),
        ("Программист", 2),
    ]
    assert [(r.title, r.count, r.down) for r in week.liked] == [("Сварщик", Count(5), Count(1))]
    month = await service.report(Period.MONTH, None)
    assert [r.title for r in month.liked] == ["Сварщик", "Программист"]


async def test_bookings_waitlist_subscriptions_reminders_and_reach(
    service: AnalyticsService,
) -> None:
    week = await service.report(Period.WEEK, None)
    tomsk, perm = week.centres
    assert tomsk.name == "ЦОПП Томской области"
    assert tomsk.attended == Count(5)
    # A centre's counts under five are hidden, whatever the scope.
    hidden = Count(0, hidden=True)
    assert (tomsk.no_show, tomsk.cancelled, tomsk.booked, tomsk.waitlist) == (hidden,) * 4
    assert tomsk.total == Count(0, hidden=True, withheld=True)  # 8, but three parts are hidden
    assert perm.attended == hidden
    assert [(k, n.value, p.value) for k, n, p in week.subscriptions] == [
        ("event", 3, 2),
        ("competency", 1, 1),
    ]
    assert week.reminders == {"booking": Count(2), "event": Count(1)}
    assert week.broadcasts == 1
    assert week.reach == {"delivered": Count(6), "blocked": Count(1), "failed": Count(2)}

    month = await service.report(Period.MONTH, None)
    assert month.reminders["event"] == Count(2)
    kind, subscriptions, people = month.subscriptions[0]
    assert (kind, subscriptions.value, people.value) == ("event", 4, 3)
    everything = await service.report(Period.ALL, None)
    assert everything.centres[1].attended == hidden  # two at Perm: still under five


async def test_a_region_hides_its_small_groups(service: AnalyticsService) -> None:
    tomsk = await service.report(Period.WEEK, "RU-TOM")
    hidden = Count(0, hidden=True)
    assert tomsk.region_name == "Томская область"
    # One job seeker beside six schoolchildren: 7 − 6 would tell, so the small role takes
    # the next smallest along into «other» until that holds five.
    assert tomsk.new_total == Count(7)
    assert tomsk.new_by_role == ((OTHER, Count(7)),)
    assert tomsk.new_users[0].roles == {OTHER: Count(7)}
    assert dict(tomsk.funnel) == {
        "start": Count(7),
        "consent": Count(6),
        "onboarded": Count(6),
        "suggestions": Count(5),
        "card": hidden,
        "booking": hidden,
        "attended": hidden,
    }
    assert [c.name for c in tomsk.centres] == ["ЦОПП Томской области"]
    assert tomsk.reach == {"delivered": hidden, "blocked": hidden, "failed": hidden}
    assert [(r.key, r.count) for r in tomsk.interests][-1] == ("technology", hidden)

    assert tomsk.sources == (("school_tomsk_12", Count(6)),)
    perm = await service.report(Period.MONTH, "RU-PER")
    assert perm.new_total == hidden
    assert perm.sources == (("region_RU-PER", hidden),)
    assert all(count in (hidden, Count(0)) for _, count in perm.funnel)
    assert not any(r.count.value for r in perm.liked)


def test_small_categories_are_merged_until_the_group_holds_five() -> None:
    counts = {"a": 10, "b": 6, "c": 3, "d": 1, "e": 0}
    assert merge_small(counts, regional=True) == {"a": Count(10), OTHER: Count(10)}
    assert merge_small({"a": 10, "c": 3, "d": 2}, regional=True) == {
        "a": Count(10),
        OTHER: Count(5),
    }
    assert merge_small({"c": 3}, regional=True) == {OTHER: Count(0, hidden=True)}
    assert merge_small(counts, regional=False) == {k: Count(n) for k, n in counts.items() if n}


class _Bookings:
    """Only the two queries of bookings per centre, with counts chosen for the test."""

    async def bookings(self, since: object, centres: object) -> dict[tuple[str, str], int]:
        statuses = {"attended": 10, "booked": 6, "no_show": 5}
        statuses |= {"cancelled_user": 3, "cancelled_staff": 2}
        return {("copp-tomsk", status): n for status, n in statuses.items()}

    async def waitlist(self, centres: object) -> dict[str, int]:
        return {"copp-tomsk": 2}


class _Uow:
    analytics = _Bookings()


async def test_a_centre_total_follows_its_parts_as_shown() -> None:
    # Three and two cancellations are shown together as five: nothing is hidden, so the
    # total is shown too; the waitlist of two is hidden but is not a part of the total.
    service = AnalyticsService(_Uow(), _catalogue)  # type: ignore[arg-type]
    (tomsk,) = await service._centres(None, None, catalogue())
    assert (tomsk.attended, tomsk.booked, tomsk.no_show) == (Count(10), Count(6), Count(5))
    assert tomsk.cancelled == Count(5) and tomsk.total == Count(26)
    assert tomsk.waitlist == Count(0, hidden=True)
