"""The pure parts of subscriptions: the reminder kinds and offsets, quiet hours in the user's
zone (deferred to the morning, or the evening before when the morning is too late), and
which events a topic covers in the user's region."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.services.subscriptions.timing import (
    EVENT_OFFSETS,
    REMINDER_KINDS,
    Target,
    course_start,
    course_subject,
    in_quiet_hours,
    outside_quiet_hours,
    parse_course_subject,
    parse_kind,
    plan_course,
    plan_event,
    quiet_hours_end,
    reminder_kind,
)
from bot.services.subscriptions.topics import (
    TopicKind,
    covers,
    event_industries,
    event_kind_topic,
    known_topic,
)
from knowledge import Catalogue, load_catalogue
from knowledge.models import EventKind

MOSCOW = ZoneInfo("Europe/Moscow")
KAMCHATKA = ZoneInfo("Asia/Kamchatka")  # UTC+12
TVER_OPEN_DAY = "ev-open-day-copp-tver-2026-12"  # 12.12.2026, 11:00 in Tver
KUZBASS_STAGE = "ev-pro-regional-2027-kuzbass"  # deadline 18.01.2027 18:00 UTC+7
# 10:00 in Moscow, the transcripts' moment.
NOW = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)


@functools.cache
def catalogue() -> Catalogue:
    return load_catalogue()


def test_every_kind_parses_back_and_fits_the_column() -> None:
    for kind in REMINDER_KINDS:
        parsed = parse_kind(kind)
        assert parsed is not None, kind
        assert reminder_kind(parsed.target, parsed.days) == kind
        assert len(kind) <= 32
    assert parse_kind("booking_24h") is None
    assert parse_kind("event_deadline_5d") is None  # not in the table
    assert {"event_deadline_7d", "event_start_1d", "course_start_7d", "event_new"} <= set(
        REMINDER_KINDS
    )
    # Every kind of event has its offsets in the one table.
    assert set(EVENT_OFFSETS) == set(EventKind)


@pytest.mark.parametrize(
    ("local", "quiet"),
    [("21:59", False), ("22:00", True), ("03:00", True), ("08:59", True), ("09:00", False)],
)
def test_quiet_hours_are_from_ten_at_night_to_nine_in_the_morning(local: str, quiet: bool) -> None:
    hour, minute = map(int, local.split(":"))
    moment = datetime(2026, 12, 1, hour, minute, tzinfo=KAMCHATKA)
    assert in_quiet_hours(moment, KAMCHATKA) is quiet
    # The same moment is daytime in Moscow (9 hours behind) unless it is late there too.
    assert quiet_hours_end(moment, KAMCHATKA) == (
        datetime(2026, 12, 2 if hour >= 22 else 1, 9, 0, tzinfo=KAMCHATKA) if quiet else moment
    )


def test_a_moment_in_quiet_hours_moves_to_the_morning_or_else_the_evening_before() -> None:
    night = datetime(2026, 12, 1, 23, 30, tzinfo=KAMCHATKA)
    later = datetime(2026, 12, 3, 9, 0, tzinfo=KAMCHATKA)
    assert outside_quiet_hours(night, KAMCHATKA, before=later) == datetime(
        2026, 12, 2, 9, 0, tzinfo=KAMCHATKA
    )
    # What it reminds of is at 08:00: the morning is too late, so the evening before.
    early = datetime(2026, 12, 2, 8, 0, tzinfo=KAMCHATKA)
    assert outside_quiet_hours(night, KAMCHATKA, before=early) == datetime(
        2026, 12, 1, 21, 0, tzinfo=KAMCHATKA
    )
    after_midnight = datetime(2026, 12, 2, 1, 0, tzinfo=KAMCHATKA)
    assert outside_quiet_hours(after_midnight, KAMCHATKA, before=early) == datetime(
        2026, 12, 1, 21, 0, tzinfo=KAMCHATKA
    )
    # Nothing fits before it (the evening is not earlier either): nothing is planned.
    evening = datetime(2026, 12, 1, 21, 0, tzinfo=KAMCHATKA)
    assert outside_quiet_hours(night, KAMCHATKA, before=evening) is None


def test_an_open_day_is_reminded_three_days_and_a_day_before() -> None:
    event = catalogue().events[TVER_OPEN_DAY]
    planned = plan_event(event, MOSCOW, NOW)
    assert [(item.kind, item.due_at.astimezone(MOSCOW).isoformat()) for item in planned] == [
        ("event_start_3d", "2026-12-09T11:00:00+03:00"),
        ("event_start_1d", "2026-12-11T11:00:00+03:00"),
    ]
    assert {item.target for item in planned} == {Target.START}
    # Two days before, only the one-day reminder is still ahead.
    two_days_before = event.starts_at - timedelta(days=2)
    assert [item.kind for item in plan_event(event, MOSCOW, two_days_before)] == ["event_start_1d"]
    assert plan_event(event, MOSCOW, event.starts_at) == []


def test_a_championship_in_the_far_east_is_reminded_in_the_morning_not_at_night() -> None:
    event = catalogue().events[KUZBASS_STAGE]
    planned = {item.kind: item.due_at for item in plan_event(event, KAMCHATKA, NOW)}
    assert set(planned) == {
        "event_deadline_7d",
        "event_deadline_1d",
        "event_start_7d",
        "event_start_1d",
    }
    # The deadline is 18:00 in Kemerovo, 23:00 in Kamchatka: a week before, at 23:00, is
    # night there, so the reminder waits for 09:00 next morning.
    assert planned["event_deadline_7d"].astimezone(KAMCHATKA) == datetime(
        2027, 1, 12, 9, 0, tzinfo=KAMCHATKA
    )
    # The start (09:00 in Kemerovo, 14:00 in Kamchatka) is daytime: exactly a week before.
    assert planned["event_start_7d"] == event.starts_at - timedelta(days=7)
    for due in planned.values():
        assert not in_quiet_hours(due, KAMCHATKA)
    # In Moscow the same deadline is at 14:00: no deferral.
    moscow = {item.kind: item.due_at for item in plan_event(event, MOSCOW, NOW)}
    assert moscow["event_deadline_7d"] == event.registration_deadline - timedelta(days=7)  # type: ignore[operator]


def test_a_course_is_reminded_before_its_first_morning() -> None:
    tomsk = ZoneInfo("Asia/Tomsk")
    start = course_start(date(2026, 12, 7), tomsk)
    assert start == datetime(2026, 12, 7, 9, 0, tzinfo=tomsk)
    planned = plan_course(start, MOSCOW, NOW)
    # 09:00 in Tomsk is 05:00 in Moscow: night there, so 09:00 Moscow time.
    assert [(item.kind, item.due_at.astimezone(MOSCOW).hour) for item in planned] == [
        ("course_start_7d", 9),
        ("course_start_1d", 9),
    ]
    subject = course_subject("prog-x", date(2026, 12, 7))
    assert parse_course_subject(subject) == ("prog-x", date(2026, 12, 7))
    assert parse_course_subject("prog-x@not-a-date") is None
    assert parse_course_subject("no-date") is None


def test_topics_cover_the_users_region_and_nationwide_events() -> None:
    cat = catalogue()
    tver_open_day = cat.events[TVER_OPEN_DAY]
    national = cat.events["ev-abilympics-national-2027"]
    tomsk_abilympics = cat.events["ev-abilympics-2027-tomsk"]
    kind, abilympics = TopicKind.EVENT_KIND, "abilympics"

    assert covers(cat, kind, "open_days", tver_open_day, "RU-TVE")
    assert not covers(cat, kind, "open_days", tver_open_day, "RU-TOM")
    assert covers(cat, kind, "open_days", tver_open_day, None)  # no region: everywhere
    assert covers(cat, kind, abilympics, national, "RU-TOM")
    assert covers(cat, kind, abilympics, tomsk_abilympics, "RU-TOM")
    assert not covers(cat, kind, "professionals", tomsk_abilympics, "RU-TOM")
    assert covers(cat, TopicKind.COMPETENCY, "cmp-graficheskiy-dizayn", national, "RU-TVE")
    assert not covers(cat, TopicKind.COMPETENCY, "cmp-graficheskiy-dizayn", tver_open_day, None)
    assert covers(cat, TopicKind.EVENT, TVER_OPEN_DAY, tver_open_day, "RU-TOM")
    assert not covers(cat, TopicKind.PROGRAMME, TVER_OPEN_DAY, tver_open_day, None)

    industries = event_industries(cat, cat.events[KUZBASS_STAGE])
    assert industries and all(industry in cat.industries for industry in industries)
    assert covers(cat, TopicKind.INDUSTRY, industries[0], cat.events[KUZBASS_STAGE], "RU-KEM")
    assert event_kind_topic(EventKind.final_stage).value == "professionals"
    assert event_kind_topic(EventKind.taster_day).value == "tasters"


def test_a_forged_topic_names_nothing() -> None:
    cat = catalogue()
    assert known_topic(cat, TopicKind.EVENT, TVER_OPEN_DAY)
    assert known_topic(cat, TopicKind.EVENT_KIND, "open_days")
    assert not known_topic(cat, TopicKind.EVENT_KIND, "any")  # not a followed kind
    assert not known_topic(cat, TopicKind.INDUSTRY, "no-such-industry")
    assert not known_topic(cat, "forged", TVER_OPEN_DAY)
