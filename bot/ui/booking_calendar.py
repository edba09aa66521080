"""An inline month calendar that offers only the days with free consultation slots.

Knows nothing of bookings: the caller gives the free days, every text (month title, weekday
names, arrows) and the callback data of each kind of button, so the calendar serves any
feature and any language.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

# Telegram refuses a keyboard whose callback_data is longer than this (in UTF-8 bytes).
MAX_CALLBACK_BYTES = 64
DAYS_IN_WEEK = 7
# Texts of the buttons that cannot be pressed into a booking. Telegram refuses an empty text:
# a space fills the days of the neighbouring months, a dot marks a day of this month with no
# free slot, so that the grid still reads as a month.
PADDING_TEXT = " "
UNAVAILABLE_TEXT = "·"


def month_keyboard(
    year: int,
    month: int,
    available: Iterable[date],
    *,
    title: str,
    weekday_names: Sequence[str],
    day_data: Callable[[date], str],
    noop_data: str,
    month_data: Callable[[int, int], str] | None = None,
    previous_allowed: bool = False,
    next_allowed: bool = False,
    previous_label: str = "‹",
    next_label: str = "›",
    skip_empty_weeks: bool = False,
) -> InlineKeyboardMarkup:
    """The month as rows of buttons: the title, the weekday names (Monday first), the weeks,
    and the arrows to the previous and next months when allowed.

    A day in ``available`` and in this month is a button with its number and
    ``day_data(day)``; every other cell (a day with no slot, a day of a neighbouring month,
    the title and the weekday names) carries ``noop_data``, which the caller answers with
    nothing. ``month_data(year, month)`` gives the data of an arrow; it is required when an
    arrow is allowed. Raises ValueError on a callback_data longer than Telegram allows.
    """
    if len(weekday_names) != DAYS_IN_WEEK:
        raise ValueError(f"seven weekday names are needed, got {len(weekday_names)}")
    _check_data(noop_data)
    free = {day for day in available if (day.year, day.month) == (year, month)}
    rows = [
        [_button(title, noop_data)],
        [_button(name, noop_data) for name in weekday_names],
    ]
    for week in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month):
        # A week with nothing to press is left out: it only lengthens the keyboard, and a
        # screen reader would read out every dot of it.
        if skip_empty_weeks and free.isdisjoint(week):
            continue
        rows.append([_day_button(day, month, free, day_data, noop_data) for day in week])
    navigation = _navigation_row(
        year,
        month,
        month_data=month_data,
        previous=previous_label if previous_allowed else None,
        following=next_label if next_allowed else None,
        noop_data=noop_data,
    )
    if navigation:
        rows.append(navigation)
    return InlineKeyboardMarkup(inline_keyboard=rows)


def months_with(available: Iterable[date]) -> list[tuple[int, int]]:
    """The (year, month) pairs that hold at least one of the days, in calendar order."""
    return sorted({(day.year, day.month) for day in available})


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    """The month ``months`` after (or, when negative, before) the given one."""
    if not 1 <= month <= 12:
        raise ValueError(f"no such month: {month}")
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _day_button(
    day: date,
    month: int,
    free: set[date],
    day_data: Callable[[date], str],
    noop_data: str,
) -> InlineKeyboardButton:
    if day.month != month:
        return _button(PADDING_TEXT, noop_data)
    if day not in free:
        return _button(UNAVAILABLE_TEXT, noop_data)
    return _button(str(day.day), _check_data(day_data(day)))


def _navigation_row(
    year: int,
    month: int,
    *,
    month_data: Callable[[int, int], str] | None,
    previous: str | None,
    following: str | None,
    noop_data: str,
) -> list[InlineKeyboardButton]:
    """Both arrow places, a blank one where an arrow is not allowed, so that an arrow stays
    under the same thumb from month to month; no row when neither is allowed."""
    if previous is None and following is None:
        return []
    if month_data is None:
        raise ValueError("month_data is needed to move to another month")
    row = []
    for label, step in ((previous, -1), (following, 1)):
        if label is None:
            row.append(_button(PADDING_TEXT, noop_data))
        else:
            row.append(_button(label, _check_data(month_data(*shift_month(year, month, step)))))
    return row


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data)


def _check_data(data: str) -> str:
    size = len(data.encode())
    if not 1 <= size <= MAX_CALLBACK_BYTES:
        raise ValueError(f"callback_data must be 1..{MAX_CALLBACK_BYTES} bytes, got {size}")
    return data
