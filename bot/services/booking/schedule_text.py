"""A centre's working hours and slot rules as staff write them in the bot, and back:

    пн-чт 09:00-18:00, перерыв 13:00-14:00
    пт 09:00-17:00
    сб, вс выходной
    длительность 45
    между встречами 15
    не позже чем за 3 ч
    вперёд на 14 дней
    отмена за 3 ч
    мест 1

Pure: the text in, the hours and rules out, or every problem with its line number, so
nothing is saved half-right. English day names and keywords work too."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from knowledge.models import ConsultationRules, WorkingDay

_DAYS = {
    "пн": 0, "вт": 1, "ср": 2, "чт": 3, "пт": 4, "сб": 5, "вс": 6,
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip
_DAY_WORDS = "|".join(_DAYS)
_DAY = rf"(?:{_DAY_WORDS})(?![а-яёa-z])"  # «чт», not the start of «что-то»
_DAY_SPEC = re.compile(rf"^((?:{_DAY}(?:\s*[-–]\s*{_DAY})?[\s,]*)+)(.*)$")
_TIME = r"(\d{1,2})[:.](\d{2})"
_SPAN = re.compile(rf"{_TIME}\s*[-–]\s*{_TIME}")
_DAY_OFF = re.compile(r"^(выходн|закрыт|day off|closed)")
_BREAK = re.compile(r"(перерыв|обед|break|lunch)")
_NUMBER = re.compile(r"(\d+)")
# A rule line is known by its first word; the number in it is the value.
_RULES = (
    ("duration_minutes", ("длительн", "duration")),
    ("buffer_minutes", ("между", "буфер", "buffer")),
    ("min_notice_hours", ("не позже", "заранее", "notice")),
    ("horizon_days", ("вперёд", "вперед", "horizon", "ahead")),
    ("cancel_cutoff_hours", ("отмен", "cancel")),
    ("places_per_slot", ("мест", "places", "seats")),
)


@dataclass(frozen=True, slots=True)
class Problem:
    line: int  # 1-based
    key: str  # a locale key: what is wrong, in the staff member's language
    text: str  # the line as written


class ScheduleTextError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass(frozen=True, slots=True)
class ScheduleText:
    hours: list[WorkingDay]
    rules: dict[str, int]  # only the rules the text names; the rest stay as they were


def parse_schedule(text: str) -> ScheduleText:
    days: dict[int, WorkingDay | None] = {}
    rules: dict[str, int] = {}
    problems: list[Problem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lower()
        if not line:
            continue
        problem = _read_line(line, days, rules)
        if problem is not None:
            problems.append(Problem(number, problem, raw.strip()))
    hours = [day for day in days.values() if day is not None]
    if not problems and not hours and days:
        problems.append(Problem(0, "hours-no-open-day", ""))
    if problems:
        raise ScheduleTextError(problems)
    return ScheduleText(sorted(hours, key=lambda d: d.weekday), rules)


def _read_line(line: str, days: dict[int, WorkingDay | None], rules: dict[str, int]) -> str | None:
    """None when the line was understood, else the key of what is wrong with it."""
    spec = _DAY_SPEC.match(line)
    if spec:
        weekdays = _weekdays(spec.group(1))
        if any(weekday in days for weekday in weekdays):
            return "hours-day-twice"
        day, problem = _day_hours(spec.group(2).strip(" ,:"))
        if problem:
            return problem
        for weekday in weekdays:
            days[weekday] = day.model_copy(update={"weekday": weekday}) if day else None
        return None
    for field, words in _RULES:
        if line.startswith(words):
            found = _NUMBER.search(line)
            if found is None:
                return "hours-rule-no-number"
            rules[field] = int(found.group(1))
            return None
    return "hours-line-unknown"


def _weekdays(spec: str) -> list[int]:
    weekdays: list[int] = []
    for part in re.split(r"[\s,]+", spec.strip()):
        if not part:
            continue
        bounds = [b.strip() for b in re.split(r"[-–]", part)]
        first, last = _DAYS[bounds[0]], _DAYS[bounds[-1]]
        weekdays += list(range(first, last + 1)) if first <= last else [first, last]
    return weekdays


def _day_hours(rest: str) -> tuple[WorkingDay | None, str | None]:
    if _DAY_OFF.match(rest):
        return None, None
    spans = [
        (time(int(a), int(b)), time(int(c), int(d)))
        for a, b, c, d in _SPAN.findall(rest)
        if int(a) < 24 and int(c) < 24 and int(b) < 60 and int(d) < 60
    ]
    if not spans or len(spans) != len(_SPAN.findall(rest)):
        return None, "hours-bad-time"
    (opens, closes), *more = spans
    if not opens < closes:
        return None, "hours-closes-before-opens"
    if more and _BREAK.search(rest):
        break_start, break_end = more[0]
        if not opens < break_start < break_end < closes:
            return None, "hours-break-outside"
        return WorkingDay(
            weekday=0, opens=opens, closes=closes, break_start=break_start, break_end=break_end
        ), None
    if more:
        return None, "hours-bad-time"
    return WorkingDay(weekday=0, opens=opens, closes=closes), None


def apply_rules(current: ConsultationRules, changes: dict[str, int]) -> ConsultationRules:
    """The current rules with the named ones changed; pydantic checks the ranges."""
    return ConsultationRules.model_validate({**current.model_dump(), **changes})
