"""The month calendar of free consultation days: pure keyboards, no dispatcher."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.ui.booking_calendar import (
    MAX_CALLBACK_BYTES,
    PADDING_TEXT,
    UNAVAILABLE_TEXT,
    month_keyboard,
    months_with,
    shift_month,
)

WEEKDAYS = ("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс")
NOOP = "cal:noop"
# December 2026 begins on a Tuesday and ends on a Thursday: five weeks.
FREE = {date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 15), date(2026, 12, 31)}


def _day_data(day: date) -> str:
    return f"cal:day:{day.isoformat()}"


def _month_data(year: int, month: int) -> str:
    return f"cal:month:{year}-{month:02d}"


def _keyboard(**changes: Any) -> InlineKeyboardMarkup:
    arguments: dict[str, Any] = {
        "year": 2026,
        "month": 12,
        "available": FREE,
        "title": "Декабрь 2026",
        "weekday_names": WEEKDAYS,
        "day_data": _day_data,
        "noop_data": NOOP,
        "month_data": _month_data,
        "previous_allowed": True,
        "next_allowed": True,
        "previous_label": "‹ Ноябрь",
        "next_label": "Январь ›",
    }
    arguments.update(changes)
    return month_keyboard(**arguments)


def _texts(row: list[InlineKeyboardButton]) -> list[str]:
    return [button.text for button in row]


def _buttons(keyboard: InlineKeyboardMarkup) -> list[InlineKeyboardButton]:
    return [button for row in keyboard.inline_keyboard for button in row]


def test_title_and_weekday_header_come_first() -> None:
    rows = _keyboard().inline_keyboard
    assert _texts(rows[0]) == ["Декабрь 2026"]
    assert _texts(rows[1]) == list(WEEKDAYS)
    assert all(button.callback_data == NOOP for button in [*rows[0], *rows[1]])


def test_weeks_start_on_monday_and_pad_with_blanks() -> None:
    weeks = _keyboard().inline_keyboard[2:-1]
    assert len(weeks) == 5
    assert all(len(week) == 7 for week in weeks)
    dot, blank = UNAVAILABLE_TEXT, PADDING_TEXT
    assert _texts(weeks[0]) == [blank, "1", "2", dot, dot, dot, dot]  # 30 Nov is padding
    assert _texts(weeks[2]) == [dot, "15", dot, dot, dot, dot, dot]  # 14..20 December
    assert _texts(weeks[4]) == [dot, dot, dot, "31", blank, blank, blank]


def test_an_available_day_carries_its_own_data() -> None:
    days = {
        button.text: button.callback_data
        for button in _buttons(_keyboard())
        if button.text.isdigit()
    }
    assert days == {
        "1": "cal:day:2026-12-01",
        "2": "cal:day:2026-12-02",
        "15": "cal:day:2026-12-15",
        "31": "cal:day:2026-12-31",
    }


def test_no_unavailable_cell_can_be_pressed_into_a_booking() -> None:
    keyboard = _keyboard()
    for row in keyboard.inline_keyboard[2:-1]:
        for button in row:
            if button.text.isdigit():
                assert button.callback_data.startswith("cal:day:")
            else:
                assert button.callback_data == NOOP
    pressable = [b for b in _buttons(keyboard) if b.callback_data.startswith("cal:day:")]
    assert len(pressable) == len(FREE)


def test_only_days_of_the_month_shown_are_offered() -> None:
    # 30 November (padding of the first week) and 1 January (padding of the last week) are
    # free, but belong to other pages of the calendar.
    spill = {date(2026, 11, 30), date(2027, 1, 1), date(2027, 1, 3), date(2026, 12, 9)}
    keyboard = _keyboard(available=spill)
    offered = [b.callback_data for b in _buttons(keyboard) if b.callback_data.startswith("cal:day")]
    assert offered == ["cal:day:2026-12-09"]


def test_a_month_with_no_free_day_offers_nothing() -> None:
    keyboard = _keyboard(available=set())
    assert not any(b.callback_data.startswith("cal:day") for b in _buttons(keyboard))


def test_the_arrows_lead_to_the_neighbouring_months_across_the_new_year() -> None:
    last = _keyboard().inline_keyboard[-1]
    assert _texts(last) == ["‹ Ноябрь", "Январь ›"]
    assert [b.callback_data for b in last] == ["cal:month:2026-11", "cal:month:2027-01"]
    january = _keyboard(year=2027, month=1).inline_keyboard[-1]
    assert [b.callback_data for b in january] == ["cal:month:2026-12", "cal:month:2027-02"]


def test_an_arrow_not_allowed_leaves_a_blank_in_its_place() -> None:
    only_next = _keyboard(previous_allowed=False).inline_keyboard[-1]
    assert _texts(only_next) == [PADDING_TEXT, "Январь ›"]
    assert only_next[0].callback_data == NOOP
    only_previous = _keyboard(next_allowed=False).inline_keyboard[-1]
    assert _texts(only_previous) == ["‹ Ноябрь", PADDING_TEXT]
    assert only_previous[1].callback_data == NOOP


def test_no_arrow_row_when_neither_way_is_allowed() -> None:
    rows = _keyboard(previous_allowed=False, next_allowed=False, month_data=None).inline_keyboard
    assert len(rows) == 2 + 5
    assert _texts(rows[-1])[-1] == PADDING_TEXT  # the last week, not an arrow row


def test_an_allowed_arrow_needs_month_data() -> None:
    with pytest.raises(ValueError, match="month_data"):
        _keyboard(month_data=None)


@pytest.mark.parametrize(
    ("year", "month", "weeks"),
    [
        (2021, 2, 4),  # February 2021: Monday 1st to Sunday 28th
        (2026, 3, 6),  # March 2026: Sunday 1st to Tuesday 31st
        (2026, 12, 5),
    ],
)
def test_the_number_of_week_rows_follows_the_month(year: int, month: int, weeks: int) -> None:
    rows = _keyboard(year=year, month=month, available=set()).inline_keyboard
    assert len(rows) == 2 + weeks + 1
    numbers = [b.text for row in rows[2:-1] for b in row if b.text != PADDING_TEXT]
    assert len(numbers) == calendar.monthrange(year, month)[1]


def test_all_callback_data_fit_telegram_limit() -> None:
    keyboard = _keyboard()
    for button in _buttons(keyboard):
        assert button.callback_data is not None
        assert 1 <= len(button.callback_data.encode()) <= MAX_CALLBACK_BYTES


@pytest.mark.parametrize(
    ("changes", "expected_bytes"),
    [
        ({"day_data": lambda day: "d" * 65}, 65),
        ({"day_data": lambda day: "д" * 33}, 66),  # 33 letters, 66 bytes in UTF-8
        ({"month_data": lambda year, month: "m" * 70}, 70),
        ({"noop_data": "n" * 65}, 65),
        ({"noop_data": ""}, 0),
    ],
)
def test_too_long_callback_data_is_refused_before_telegram_sees_it(
    changes: dict[str, Callable[..., str] | str], expected_bytes: int
) -> None:
    with pytest.raises(ValueError, match=f"got {expected_bytes}"):
        _keyboard(**changes)


def test_exactly_64_bytes_are_allowed() -> None:
    keyboard = _keyboard(day_data=lambda day: "д" * 32)
    assert "д" * 32 in [b.callback_data for b in _buttons(keyboard)]


def test_seven_weekday_names_are_needed() -> None:
    with pytest.raises(ValueError, match="seven"):
        _keyboard(weekday_names=WEEKDAYS[:6])


def test_the_keyboard_serialises_for_the_bot_api() -> None:
    dumped = _keyboard().model_dump(exclude_none=True)
    assert dumped["inline_keyboard"][0] == [{"text": "Декабрь 2026", "callback_data": NOOP}]
    assert all(button["text"] for row in dumped["inline_keyboard"] for button in row)


def test_months_with_free_days_in_calendar_order() -> None:
    days = {date(2027, 1, 5), date(2026, 12, 1), date(2026, 12, 31), date(2026, 11, 30)}
    assert months_with(days) == [(2026, 11), (2026, 12), (2027, 1)]
    assert months_with(set()) == []


@pytest.mark.parametrize(
    ("year", "month", "step", "expected"),
    [
        (2026, 12, 1, (2027, 1)),
        (2027, 1, -1, (2026, 12)),
        (2026, 5, 0, (2026, 5)),
        (2026, 11, 14, (2028, 1)),
        (2026, 1, -13, (2024, 12)),
    ],
)
def test_shift_month(year: int, month: int, step: int, expected: tuple[int, int]) -> None:
    assert shift_month(year, month, step) == expected


def test_shift_month_refuses_a_month_that_does_not_exist() -> None:
    with pytest.raises(ValueError, match="month"):
        shift_month(2026, 13, 1)


def test_weeks_with_no_free_day_can_be_left_out() -> None:
    free = {date(2026, 12, 16), date(2026, 12, 18)}
    keyboard = month_keyboard(
        2026,
        12,
        free,
        title="Декабрь 2026",
        weekday_names=["пн", "вт", "ср", "чт", "пт", "сб", "вс"],
        day_data=lambda d: f"d:{d.isoformat()}",
        noop_data="noop",
        skip_empty_weeks=True,
    )
    _title, _weekdays, *weeks = keyboard.inline_keyboard
    assert len(weeks) == 1
    assert [b.text for b in weeks[0]] == ["·", "·", "16", "·", "18", "·", "·"]
