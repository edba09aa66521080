from datetime import time

import pytest

from bot.services.booking.schedule_text import ScheduleTextError, apply_rules, parse_schedule
from knowledge.models import ConsultationRules, ConsultationSeat


def test_a_week_with_a_break_days_off_and_rules() -> None:
    parsed = parse_schedule(
        "пн-чт 09:00-18:00, перерыв 13:00-14:00\n"
        "Пт 9.00-17.00\n"
        "сб, вс выходной\n\n"
        "длительность 30\nмежду встречами 10\nне позже чем за 2 ч\n"
        "вперёд на 21 день\nотмена за 4 ч\nмест 3"
    )
    assert [d.weekday for d in parsed.hours] == [0, 1, 2, 3, 4]
    monday, friday = parsed.hours[0], parsed.hours[4]
    assert (monday.opens, monday.break_start, monday.break_end, monday.closes) == (
        time(9),
        time(13),
        time(14),
        time(18),
    )
    assert (friday.closes, friday.break_start) == (time(17), None)
    assert parsed.rules == {
        "duration_minutes": 30,
        "buffer_minutes": 10,
        "min_notice_hours": 2,
        "horizon_days": 21,
        "cancel_cutoff_hours": 4,
        "places_per_slot": 3,
    }


def test_english_and_rules_only() -> None:
    assert parse_schedule("Sat 10:00-14:00, lunch 12:00-12:30").hours[0].weekday == 5
    only_rules = parse_schedule("duration 60\nplaces 2")
    assert only_rules.hours == [] and only_rules.rules == {
        "duration_minutes": 60,
        "places_per_slot": 2,
    }


def test_every_problem_with_its_line() -> None:
    with pytest.raises(ScheduleTextError) as caught:
        parse_schedule(
            "пн 18:00-09:00\nчто-то непонятное\nвт 10:00-12:00\nвт выходной\n"
            "ср 09:00-18:00, перерыв 19:00-20:00\nчт 25:00-26:00\nдлительность"
        )
    assert [(p.line, p.key) for p in caught.value.problems] == [
        (1, "hours-closes-before-opens"),
        (2, "hours-line-unknown"),
        (4, "hours-day-twice"),
        (5, "hours-break-outside"),
        (6, "hours-bad-time"),
        (7, "hours-rule-no-number"),
    ]


def test_all_days_off_is_refused() -> None:
    with pytest.raises(ScheduleTextError) as caught:
        parse_schedule("пн-вс выходной")
    assert caught.value.problems[0].key == "hours-no-open-day"


def test_rules_out_of_range_are_refused() -> None:
    current = ConsultationRules(
        illustrative=True, seats=[ConsultationSeat(id="a", name="A", formats=["online"])]
    )
    assert apply_rules(current, {"duration_minutes": 30}).duration_minutes == 30
    with pytest.raises(ValueError):
        apply_rules(current, {"duration_minutes": 5})
