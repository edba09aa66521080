"""The slot calculator: free slots from hours, rules, taken seats and a clock, with concrete
times in Moscow (UTC+3), Yekaterinburg (UTC+5: Perm, Orenburg) and Tomsk (UTC+7).

Pure: no database, no encoders. The week of Monday 23 November 2026 has no public holiday."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.services.booking import (
    Schedule,
    Slot,
    SlotRules,
    TakenInterval,
    WeeklyHours,
    days_with_free_slots,
    free_slots,
)

MOSCOW = ZoneInfo("Europe/Moscow")
YEKATERINBURG = ZoneInfo("Asia/Yekaterinburg")
TOMSK = ZoneInfo("Asia/Tomsk")
KAMCHATKA = ZoneInfo("Asia/Kamchatka")
KALININGRAD = ZoneInfo("Europe/Kaliningrad")

MONDAY = date(2026, 11, 23)
TUESDAY, WEDNESDAY, THURSDAY, FRIDAY = (MONDAY + timedelta(days=n) for n in range(1, 5))
SATURDAY = date(2026, 11, 28)
# Sunday noon in UTC: Sunday evening in Moscow and Tomsk, a closed day everywhere.
SUNDAY_NOON = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
HALF_HOUR = timedelta(minutes=30)
RULES = SlotRules(duration=HALF_HOUR, horizon_days=1)

# Tver from the seed texts: пн–пт 08:30–17:00, break 12:00–13:00.
TVER_HOURS = WeeklyHours.from_days(
    range(1, 6), (time(8, 30), time(17, 0)), breaks=[(time(12, 0), time(13, 0))]
)


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def at(zone: ZoneInfo, day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


def free(
    schedule: Schedule,
    rules: SlotRules = RULES,
    taken: list[TakenInterval] | None = None,
    now: datetime = SUNDAY_NOON,
) -> list[Slot]:
    return free_slots(schedule, rules, taken or [], now)


def tver(zone: ZoneInfo = MOSCOW, **changes: Any) -> Schedule:
    return Schedule(zone=zone, hours=TVER_HOURS, **changes)


def local_starts(slots: list[Slot], zone: ZoneInfo, day: date) -> list[time]:
    local = [slot.start.astimezone(zone) for slot in slots]
    return [moment.time() for moment in local if moment.date() == day]


# --- The real example --------------------------------------------------------------------


def test_tver_weekday_has_fifteen_half_hour_slots_from_0830_to_1700() -> None:
    slots = free(tver())

    assert len(slots) == 15  # 7 before the break (08:30…11:30), 8 after (13:00…16:30)
    first, last = slots[0], slots[-1]
    assert (first.start, first.end) == (utc(2026, 11, 23, 5, 30), utc(2026, 11, 23, 6, 0))
    assert (last.start, last.end) == (utc(2026, 11, 23, 13, 30), utc(2026, 11, 23, 14, 0))
    assert all(slot.end - slot.start == HALF_HOUR and slot.seats_left == 1 for slot in slots)
    assert all(slot.start.tzinfo is UTC and slot.end.tzinfo is UTC for slot in slots)


def test_tver_week_offers_monday_to_friday_only() -> None:
    slots = free(tver(), SlotRules(duration=HALF_HOUR, horizon_days=7))

    assert len(slots) == 5 * 15
    assert days_with_free_slots(slots, MOSCOW) == [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY]
    assert slots == sorted(slots, key=lambda slot: slot.start)


# --- Time zones --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "first_start", "last_start"),
    [
        (MOSCOW, utc(2026, 11, 23, 5, 30), utc(2026, 11, 23, 13, 30)),
        (YEKATERINBURG, utc(2026, 11, 23, 3, 30), utc(2026, 11, 23, 11, 30)),
        (TOMSK, utc(2026, 11, 23, 1, 30), utc(2026, 11, 23, 9, 30)),
    ],
)
def test_same_local_hours_start_at_different_utc_instants(
    zone: ZoneInfo, first_start: datetime, last_start: datetime
) -> None:
    slots = free(tver(zone))

    assert (slots[0].start, slots[-1].start) == (first_start, last_start)
    assert slots[0].start.astimezone(zone).time() == time(8, 30)
    assert slots[-1].start.astimezone(zone).time() == time(16, 30)


@pytest.mark.parametrize(
    ("centre_zone", "user_zone", "utc_start", "user_wall_time"),
    [
        (TOMSK, MOSCOW, utc(2026, 11, 23, 2, 0), time(5, 0)),
        (MOSCOW, TOMSK, utc(2026, 11, 23, 6, 0), time(13, 0)),
        (YEKATERINBURG, MOSCOW, utc(2026, 11, 23, 4, 0), time(7, 0)),
    ],
)
def test_a_user_in_another_zone_sees_the_same_instant_on_their_own_clock(
    centre_zone: ZoneInfo, user_zone: ZoneInfo, utc_start: datetime, user_wall_time: time
) -> None:
    nine = [slot for slot in free(tver(centre_zone)) if slot.start == utc_start]

    assert len(nine) == 1
    assert nine[0].start.astimezone(centre_zone).time() == time(9, 0)
    assert nine[0].start.astimezone(user_zone).time() == user_wall_time


def test_the_calendar_day_depends_on_whose_zone_is_asked() -> None:
    # 09:00 Monday in Petropavlovsk-Kamchatsky (UTC+12) is 23:00 Sunday in Kaliningrad (UTC+2).
    hours = WeeklyHours.from_days([1], (time(9, 0), time(9, 30)))
    slots = free(Schedule(zone=KAMCHATKA, hours=hours))

    assert [slot.start for slot in slots] == [utc(2026, 11, 22, 21, 0)]
    assert days_with_free_slots(slots, KAMCHATKA) == [MONDAY]
    assert days_with_free_slots(slots, KALININGRAD) == [MONDAY - timedelta(days=1)]
    assert slots[0].start.astimezone(KALININGRAD).time() == time(23, 0)


def test_early_tomsk_slots_cross_midnight_utc() -> None:
    hours = WeeklyHours.from_days([1], (time(6, 30), time(8, 30)))
    slots = free(Schedule(zone=TOMSK, hours=hours), SlotRules(timedelta(hours=1), horizon_days=1))

    # 06:30 in Tomsk is 23:30 UTC of the day before; that slot ends after 00:00 UTC.
    assert [(slot.start, slot.end) for slot in slots] == [
        (utc(2026, 11, 22, 23, 30), utc(2026, 11, 23, 0, 30)),
        (utc(2026, 11, 23, 0, 30), utc(2026, 11, 23, 1, 30)),
    ]
    # Both are Monday at the centre, though the first starts on Sunday in UTC.
    assert days_with_free_slots(slots, TOMSK) == [MONDAY]


def test_an_aware_now_in_another_zone_means_the_same_instant() -> None:
    in_moscow = SUNDAY_NOON.astimezone(MOSCOW)

    assert free(tver(), now=in_moscow) == free(tver(), now=SUNDAY_NOON)


# --- Clock changes (Moscow kept summer time until 2011) ------------------------------------


def test_a_slot_keeps_its_wall_time_across_a_clock_change() -> None:
    hours = WeeklyHours.from_days(range(1, 8), (time(9, 0), time(9, 30)))
    slots = free(
        Schedule(zone=MOSCOW, hours=hours),
        SlotRules(HALF_HOUR, horizon_days=3),
        now=utc(2010, 3, 26, 12, 0),
    )

    # Clocks moved 02:00 → 03:00 on Sunday 28 March 2010: UTC+3 before, UTC+4 after.
    assert [slot.start for slot in slots] == [
        utc(2010, 3, 27, 6, 0),
        utc(2010, 3, 28, 5, 0),
        utc(2010, 3, 29, 5, 0),
    ]
    assert {slot.start.astimezone(MOSCOW).time() for slot in slots} == {time(9, 0)}


@pytest.mark.parametrize(
    ("day", "now"),
    [
        (date(2010, 3, 28), utc(2010, 3, 27, 12, 0)),  # 02:00–03:00 skipped
        (date(2010, 10, 31), utc(2010, 10, 30, 12, 0)),  # 02:00–03:00 repeated
    ],
)
def test_no_slot_touches_a_skipped_or_repeated_hour(day: date, now: datetime) -> None:
    night_line = WeeklyHours.from_days([7], (time(1, 0), time(4, 0)))
    slots = free(Schedule(zone=MOSCOW, hours=night_line), now=now)

    # 01:30–02:00 ends in the changed hour, 02:00 and 02:30 start in it.
    assert local_starts(slots, MOSCOW, day) == [time(1, 0), time(3, 0), time(3, 30)]
    assert all(slot.end - slot.start == HALF_HOUR for slot in slots)


# --- Days --------------------------------------------------------------------------------


def test_a_closed_date_has_no_slots() -> None:
    slots = free(tver(closed_dates=frozenset({TUESDAY})), SlotRules(HALF_HOUR, horizon_days=7))

    assert days_with_free_slots(slots, MOSCOW) == [MONDAY, WEDNESDAY, THURSDAY, FRIDAY]
    assert local_starts(slots, MOSCOW, TUESDAY) == []


def test_a_weekday_without_hours_has_no_slots() -> None:
    mondays_only = WeeklyHours.from_days([1], (time(10, 0), time(11, 0)))
    slots = free(Schedule(zone=MOSCOW, hours=mondays_only), SlotRules(HALF_HOUR, horizon_days=6))

    assert [slot.start for slot in slots] == [utc(2026, 11, 23, 7, 0), utc(2026, 11, 23, 7, 30)]


def test_special_days_a_working_saturday_and_a_short_eve_of_a_holiday() -> None:
    # 3 November 2026 is the eve of the 4 November holiday and one hour shorter.
    schedule = tver(
        closed_dates=frozenset({date(2026, 11, 4)}),
        special_days={
            date(2026, 11, 3): ((time(8, 30), time(16, 0)),),
            date(2026, 11, 7): ((time(9, 0), time(13, 0)),),
        },
    )
    slots = free(schedule, SlotRules(HALF_HOUR, horizon_days=6), now=utc(2026, 11, 2, 0, 0))

    assert local_starts(slots, MOSCOW, date(2026, 11, 3))[-1] == time(15, 30)
    assert local_starts(slots, MOSCOW, date(2026, 11, 4)) == []
    # The lunch break applies to a special day too.
    assert local_starts(slots, MOSCOW, date(2026, 11, 7)) == [
        time(9, 0),
        time(9, 30),
        time(10, 0),
        time(10, 30),
        time(11, 0),
        time(11, 30),
    ]


def test_a_closed_date_wins_over_special_hours() -> None:
    schedule = tver(
        closed_dates=frozenset({SATURDAY}), special_days={SATURDAY: ((time(9, 0), time(13, 0)),)}
    )

    slots = free(schedule, SlotRules(HALF_HOUR, horizon_days=7))

    assert local_starts(slots, MOSCOW, SATURDAY) == []


# --- Rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now_local", "notice", "first_local"),
    [
        (time(10, 10), timedelta(0), time(10, 30)),
        (time(10, 10), timedelta(hours=1), time(11, 30)),
        (time(10, 30), timedelta(hours=1), time(11, 30)),  # exactly the notice: still bookable
        (time(10, 31), timedelta(hours=1), time(13, 0)),  # 12:00–13:00 is the break
        (time(15, 0), timedelta(hours=2), time(8, 30)),  # nothing left today: tomorrow
    ],
)
def test_the_minimum_notice_drops_slots_that_start_too_soon(
    now_local: time, notice: timedelta, first_local: time
) -> None:
    now = datetime.combine(MONDAY, now_local, tzinfo=MOSCOW)
    slots = free(tver(), SlotRules(HALF_HOUR, min_notice=notice, horizon_days=1), now=now)

    assert slots[0].start.astimezone(MOSCOW).time() == first_local
    assert slots[0].start >= now + notice


def test_the_minimum_notice_in_concrete_utc() -> None:
    # Monday 10:10 in Moscow is 07:10 UTC; an hour's notice makes 11:30 (08:30 UTC) the first.
    slots = free(
        tver(),
        SlotRules(HALF_HOUR, min_notice=timedelta(hours=1), horizon_days=1),
        now=utc(2026, 11, 23, 7, 10),
    )

    assert slots[0].start == utc(2026, 11, 23, 8, 30)
    assert len(slots) == 1 + 8 + 15  # 11:30, the afternoon, and all of Tuesday


@pytest.mark.parametrize(
    ("horizon_days", "days"),
    [
        (0, [MONDAY]),
        (3, [MONDAY, TUESDAY, WEDNESDAY, THURSDAY]),
        (7, [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, MONDAY + timedelta(days=7)]),
    ],
)
def test_the_horizon_counts_days_after_the_centres_today(
    horizon_days: int, days: list[date]
) -> None:
    slots = free(tver(), SlotRules(HALF_HOUR, horizon_days=horizon_days), now=at(MOSCOW, MONDAY, 8))

    assert days_with_free_slots(slots, MOSCOW) == days


def test_the_horizon_starts_from_the_local_date_not_the_utc_one() -> None:
    # 20:00 UTC on Sunday is already Monday 03:00 in Tomsk: horizon 0 is Monday there.
    slots = free(tver(TOMSK), SlotRules(HALF_HOUR, horizon_days=0), now=utc(2026, 11, 22, 20, 0))

    assert days_with_free_slots(slots, TOMSK) == [MONDAY]


def test_the_buffer_spaces_the_slots() -> None:
    rules = SlotRules(HALF_HOUR, buffer=timedelta(minutes=15), horizon_days=1)

    assert local_starts(free(tver(), rules), MOSCOW, MONDAY) == [
        *(time(8, 30), time(9, 15), time(10, 0), time(10, 45), time(11, 30)),
        *(time(13, 0), time(13, 45), time(14, 30), time(15, 15), time(16, 0)),
    ]


def test_the_buffer_keeps_neighbours_of_an_off_grid_meeting_free() -> None:
    meeting = (at(MOSCOW, MONDAY, 9, 50), at(MOSCOW, MONDAY, 10, 0))
    spaced = SlotRules(HALF_HOUR, buffer=timedelta(minutes=15), horizon_days=0)
    packed = SlotRules(HALF_HOUR, horizon_days=0)
    now = at(MOSCOW, MONDAY, 7)

    # With the buffer, 09:15–09:45 and 10:00–10:30 are too close to 09:50–10:00.
    assert local_starts(free(tver(), spaced, [meeting], now), MOSCOW, MONDAY)[:3] == [
        time(8, 30),
        time(10, 45),
        time(11, 30),
    ]
    # Without it only the slot the meeting overlaps goes.
    assert local_starts(free(tver(), packed, [meeting], now), MOSCOW, MONDAY)[:4] == [
        time(8, 30),
        time(9, 0),
        time(10, 0),
        time(10, 30),
    ]


@pytest.mark.parametrize("minutes", [45, 60])
def test_no_slot_overlaps_the_break_and_the_afternoon_starts_after_it(minutes: int) -> None:
    slots = free(tver(), SlotRules(timedelta(minutes=minutes), horizon_days=1))
    starts = local_starts(slots, MOSCOW, MONDAY)
    break_start, break_end = at(MOSCOW, MONDAY, 12), at(MOSCOW, MONDAY, 13)

    assert not [slot for slot in slots if slot.start < break_end and slot.end > break_start]
    assert time(13, 0) in starts
    assert max(slot.end for slot in slots) <= at(MOSCOW, MONDAY, 17)


def test_45_minute_slots_around_the_tver_break() -> None:
    slots = free(tver(), SlotRules(timedelta(minutes=45), horizon_days=1))

    assert local_starts(slots, MOSCOW, MONDAY) == [
        *(time(8, 30), time(9, 15), time(10, 0), time(10, 45)),
        *(time(13, 0), time(13, 45), time(14, 30), time(15, 15), time(16, 0)),
    ]


# --- Taken seats -------------------------------------------------------------------------


def test_a_booking_removes_its_slot_only() -> None:
    booking = (utc(2026, 11, 23, 6, 0), utc(2026, 11, 23, 6, 30))  # 09:00–09:30 in Moscow

    starts = local_starts(free(tver(), taken=[booking]), MOSCOW, MONDAY)

    assert time(9, 0) not in starts
    assert starts[:3] == [time(8, 30), time(9, 30), time(10, 0)]
    assert len(starts) == 14


@pytest.mark.parametrize(("bookings", "seats_left"), [(0, 3), (1, 2), (2, 1), (3, None)])
def test_a_group_slot_counts_its_seats(bookings: int, seats_left: int | None) -> None:
    taster = SlotRules(timedelta(hours=1), seats=3, horizon_days=1)
    group = (utc(2026, 11, 23, 6, 30), utc(2026, 11, 23, 7, 30))  # 09:30–10:30 in Moscow

    slots = free(tver(), taster, [group] * bookings)

    left = {slot.start: slot.seats_left for slot in slots}
    assert left.get(group[0]) == seats_left
    # The groups before and after are untouched.
    assert left[utc(2026, 11, 23, 5, 30)] == left[utc(2026, 11, 23, 7, 30)] == 3


def test_meetings_one_after_another_take_one_seat_not_two() -> None:
    taster = SlotRules(timedelta(hours=1), seats=2, horizon_days=1)
    taken = [
        (at(MOSCOW, MONDAY, 8, 30), at(MOSCOW, MONDAY, 9, 0)),
        (at(MOSCOW, MONDAY, 9, 0), at(MOSCOW, MONDAY, 9, 30)),
    ]

    slots = free(tver(), taster, taken)

    assert (slots[0].start, slots[0].seats_left) == (utc(2026, 11, 23, 5, 30), 1)


def test_a_booking_before_opening_time_touches_no_slot() -> None:
    # 09:00–09:30 in Tomsk is 05:00–05:30 in Moscow: before Tver opens.
    tomsk_booking = (at(TOMSK, MONDAY, 9), at(TOMSK, MONDAY, 9, 30))

    assert free(tver(), taken=[tomsk_booking]) == free(tver())


# --- Refused input -----------------------------------------------------------------------


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        free(tver(), now=datetime(2026, 11, 23, 9, 0))  # noqa: DTZ001


def test_a_naive_booking_is_refused() -> None:
    naive = (datetime(2026, 11, 23, 9, 0), datetime(2026, 11, 23, 9, 30))  # noqa: DTZ001

    with pytest.raises(ValueError, match="naive"):
        free(tver(), taken=[naive])


def test_a_naive_slot_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        Slot(datetime(2026, 11, 23, 9, 0), utc(2026, 11, 23, 9, 30), 1)  # noqa: DTZ001


@pytest.mark.parametrize(
    "make",
    [
        lambda: SlotRules(timedelta(0)),
        lambda: SlotRules(HALF_HOUR, buffer=timedelta(minutes=-5)),
        lambda: SlotRules(HALF_HOUR, min_notice=timedelta(minutes=-5)),
        lambda: SlotRules(HALF_HOUR, horizon_days=-1),
        lambda: SlotRules(HALF_HOUR, seats=0),
        lambda: WeeklyHours({8: ((time(9), time(10)),)}),
        lambda: WeeklyHours({1: ((time(10), time(9)),)}),
        lambda: WeeklyHours({1: ((time(9), time(11)), (time(10), time(12)))}),
        lambda: WeeklyHours({1: ((time(9, tzinfo=UTC), time(10, tzinfo=UTC)),)}),
        lambda: free(tver(), taken=[(utc(2026, 11, 23, 7), utc(2026, 11, 23, 6))]),
    ],
    ids=[
        "zero duration",
        "negative buffer",
        "negative notice",
        "negative horizon",
        "no seats",
        "weekday 8",
        "end before start",
        "overlapping intervals",
        "time with a zone",
        "taken ends before it starts",
    ],
)
def test_invalid_rules_hours_and_bookings_are_refused(make: Callable[[], object]) -> None:
    with pytest.raises(ValueError):
        make()
