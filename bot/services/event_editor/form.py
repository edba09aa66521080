"""An event as staff write it in the bot, one field a line, and back:

    Название: День открытых дверей ЦОПП
    Начало: 15.12.2026 10:00
    Конец: 14:00
    Регистрация до: 14.12.2026 18:00
    Для кого: школьники, взрослые
    Компетенции: —
    Ссылка: https://copp70.ru/
    Описание: Экскурсия по мастерским, встреча с преподавателями.
    Можно в несколько строк.

Times are the centre's local time. «Конец» may be a time alone (the day of the start), a
deadline a date alone (until the end of that day). The description takes every line after
its label up to the next label. English labels work too. Pure: the text, the clock, the
zone and the catalogue in; the fields out, or every problem with its line, so that nothing
is saved half-right."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from urllib.parse import urlsplit

from knowledge import Catalogue
from knowledge.catalogue import normalise_text
from knowledge.models import Audience, EventKind

TITLE_MIN = 5
TITLE_MAX = 120
DESCRIPTION_MAX = 1000
LINK_MAX = 300
TEXT_MAX = 6000  # a form is about 1,500 characters at most; the rest is not read
# A start further ahead is most likely a typo (2062 for 2026), as the catalogue's validator
# says of imported dates.
FUTURE_LIMIT = timedelta(days=3 * 366)
LONGEST = timedelta(days=366)  # an event is a day or a week; a year means a typo

FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "registration_deadline",
    "audience",
    "competencies",
    "link",
    "description",
)
REQUIRED = ("title", "starts_at", "ends_at")

# A line is known by its label, in Russian or English (bot/locales/*/event_editor.ftl
# writes the first of each; a test reads every rendered form back).
_LABELS = {
    "title": ("название", "заголовок", "title", "name"),
    "starts_at": ("начало", "начинается", "start", "starts"),
    "ends_at": ("конец", "окончание", "заканчивается", "end", "ends"),
    "registration_deadline": (
        "регистрация до",
        "регистрация",
        "запись до",
        "registration until",
        "registration",
        "deadline",
    ),
    "audience": ("для кого", "аудитория", "участники", "for whom", "audience", "who for"),
    "competencies": ("компетенции", "компетенция", "competencies", "competency"),
    "link": ("ссылка", "сайт", "link", "url", "website"),
    "description": ("описание", "как участвовать", "description", "how to take part"),
}
_LABEL_OF = {normalise_text(name): field for field, names in _LABELS.items() for name in names}
_LINE = re.compile(r"^\s*([^:]{1,40}):(.*)$")
_NONE = frozenset({"", "-", "—", "–", "нет", "none", "no"})

_DATE = r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})"
_CLOCK = r"(\d{1,2})[:.](\d{2})"
_DATETIME = re.compile(rf"^{_DATE}(?:[\s,]+(?:в\s+|at\s+)?{_CLOCK})?$", re.IGNORECASE)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[\sT]+(\d{1,2}):(\d{2}))?$")
_TIME_ONLY = re.compile(rf"^{_CLOCK}$")

# Who the event is for: a stem of each word staff may write, Russian or English.
_AUDIENCE_STEMS: tuple[tuple[Audience, tuple[str, ...]], ...] = (
    (Audience.school, ("школ", "учащ", "school", "pupil")),
    (Audience.seniors, ("50", "пенси", "предпенс", "senior", "retire", "pension")),
    (Audience.disabled, ("инвалид", "овз", "disab", "handicap")),
    (Audience.parents_on_leave, ("декрет", "уход", "parent", "leave", "mother")),
    (Audience.unemployed, ("безработ", "без работ", "ищущ", "unemploy", "out of work", "jobless")),
    (Audience.adults, ("взросл", "adult")),
)
DEFAULT_AUDIENCE: dict[EventKind, tuple[Audience, ...]] = {
    EventKind.regional_stage: (Audience.school, Audience.adults),
    EventKind.qualifying_stage: (Audience.school, Audience.adults),
    EventKind.final_stage: (Audience.school, Audience.adults),
    EventKind.abilympics: (Audience.disabled, Audience.school, Audience.adults),
    EventKind.master_of_year: (Audience.adults,),
    EventKind.open_day: tuple(Audience),
    EventKind.taster_day: (Audience.school,),
}
_CHAMPIONSHIP = {
    EventKind.regional_stage: "professionals",
    EventKind.qualifying_stage: "professionals",
    EventKind.final_stage: "professionals",
    EventKind.abilympics: "abilympics",
}


@dataclass(frozen=True, slots=True)
class Problem:
    line: int  # 1-based; 0 when it is about the form as a whole (a missing field)
    key: str  # a locale key: what is wrong, in the staff member's language
    text: str  # the line as written, or the value at fault


class EventFormError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass(frozen=True, slots=True)
class EventFields:
    """What staff write of an event; datetimes are aware, in the event's local zone."""

    title: str
    starts_at: datetime
    ends_at: datetime
    registration_deadline: datetime | None
    audience: tuple[Audience, ...]
    competencies: tuple[str, ...]  # competency ids
    link: str
    description: str

    def changed(self, other: EventFields) -> tuple[str, ...]:
        return tuple(name for name in FIELDS if getattr(self, name) != getattr(other, name))


@dataclass(frozen=True, slots=True)
class FormContext:
    kind: EventKind
    local: tzinfo  # the centre's zone: times are written in it
    now: datetime
    catalogue: Catalogue
    before: EventFields | None = None  # an edit: lines left out keep these values


def read_form(text: str, context: FormContext) -> EventFields:
    """The fields of the form, checked; raises EventFormError with every problem."""
    lines, problems = _split(text[:TEXT_MAX])
    reader = _Reader(context, problems)
    values = {name: reader.read(name, *lines[name]) for name in FIELDS if name in lines}
    if context.before is None:
        problems += [
            Problem(0, f"event-form-missing-{name}", "") for name in REQUIRED if name not in lines
        ]
    if problems:
        raise EventFormError(problems)
    fields = _merged(context, values)
    problems += _rules(fields, context, lines)
    if problems:
        raise EventFormError(problems)
    return fields


def _split(text: str) -> tuple[dict[str, tuple[int, str]], list[Problem]]:
    """Each labelled field's first line number and value; the description runs on."""
    found: dict[str, tuple[int, str]] = {}
    problems: list[Problem] = []
    current: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        match = _LINE.match(raw)
        field = _LABEL_OF.get(normalise_text(match.group(1))) if match else None
        if field is not None and match is not None:
            if field in found:
                problems.append(Problem(number, "event-form-line-twice", raw.strip()))
                current = None
                continue
            found[field] = (number, match.group(2).strip())
            current = field
        elif current == "description":
            start, value = found["description"]
            found["description"] = (start, f"{value}\n{raw.rstrip()}".strip())
        elif raw.strip():
            problems.append(Problem(number, "event-form-line-unknown", raw.strip()))
    return found, problems


class _Reader:
    """One value each: the parsed value, or None with a problem noted."""

    def __init__(self, context: FormContext, problems: list[Problem]) -> None:
        self._context = context
        self._problems = problems

    def read(self, name: str, line: int, value: str) -> object:
        try:
            return getattr(self, f"_{name}")(value)
        except _RefusedError as refused:
            self._problems.append(Problem(line, refused.key, refused.value or value))
            return None

    def _title(self, value: str) -> str:
        title = " ".join(value.split())
        if len(title) < TITLE_MIN:
            raise _RefusedError("event-form-title-short")
        if len(title) > TITLE_MAX:
            raise _RefusedError("event-form-title-long")
        return title

    def _starts_at(self, value: str) -> datetime:
        return self._moment(value, time_required=True)

    def _ends_at(self, value: str) -> datetime | time:
        clock = _TIME_ONLY.match(value)
        if clock:  # the day of the start
            return _clock(int(clock.group(1)), int(clock.group(2)))
        return self._moment(value, time_required=True)

    def _registration_deadline(self, value: str) -> datetime | None:
        if normalise_text(value) in _NONE or value.strip() in _NONE:
            return None
        return self._moment(value, time_required=False)

    def _moment(self, value: str, *, time_required: bool) -> datetime:
        text = " ".join(value.split())
        match = _DATETIME.match(text) or _ISO.match(text)
        if match is None:
            raise _RefusedError("event-form-date-format")
        if match.re is _ISO:
            year, month, day = (int(match.group(i)) for i in (1, 2, 3))
        else:
            day, month, year = (int(match.group(i)) for i in (1, 2, 3))
            year += 2000 if year < 100 else 0
        try:
            day_value = date(year, month, day)
        except ValueError:
            raise _RefusedError("event-form-date-format") from None
        if match.group(4) is None:
            if time_required:
                raise _RefusedError("event-form-time-missing")
            moment = time(23, 59)  # a deadline day: until its end
        else:
            moment = _clock(int(match.group(4)), int(match.group(5)))
        return datetime.combine(day_value, moment, tzinfo=self._context.local)

    def _audience(self, value: str) -> tuple[Audience, ...]:
        if normalise_text(value) in _NONE:
            return ()
        found: list[Audience] = []
        for part in re.split(r"[,;\n]+", value):
            word = part.strip().casefold().replace("ё", "е")
            if not word:
                continue
            member = next(
                (a for a, stems in _AUDIENCE_STEMS if any(s in word for s in stems)), None
            )
            if member is None:
                raise _RefusedError("event-form-audience-unknown", part.strip())
            if member not in found:
                found.append(member)
        return tuple(found)

    def _competencies(self, value: str) -> tuple[str, ...]:
        if normalise_text(value) in _NONE or value.strip() in _NONE:
            return ()
        found: list[str] = []
        for part in re.split(r"[,;\n]+", value):
            if part.strip():
                competency = self._competency(part.strip())
                if competency not in found:
                    found.append(competency)
        return tuple(found)

    def _competency(self, name: str) -> str:
        key = normalise_text(name.strip("«»\"' "))
        wanted = _CHAMPIONSHIP.get(self._context.kind)
        matches = [
            c
            for c in self._context.catalogue.competencies.values()
            if key in {normalise_text(c.id), normalise_text(c.name)}
            or key in {normalise_text(old) for old in c.former_names}
        ]
        matches.sort(key=lambda c: (c.championship != wanted, c.id))
        if not matches:
            raise _RefusedError("event-form-competency-unknown", name)
        return matches[0].id

    def _link(self, value: str) -> str:
        link = value.strip()
        if normalise_text(link) in _NONE or link in _NONE:
            return ""
        parts = urlsplit(link)
        host = parts.hostname or ""
        if (
            len(link) > LINK_MAX
            or parts.scheme not in ("http", "https")
            or "." not in host
            or host.startswith(".")
            or host.endswith(".")
            or any(ch.isspace() for ch in link)
        ):
            raise _RefusedError("event-form-link-bad")
        return link

    def _description(self, value: str) -> str:
        text = value.strip()
        if normalise_text(text) in _NONE:
            return ""
        if len(text) > DESCRIPTION_MAX:
            raise _RefusedError("event-form-description-long", str(len(text)))
        return text


class _RefusedError(Exception):
    def __init__(self, key: str, value: str = "") -> None:
        super().__init__(key)
        self.key = key
        self.value = value


def _clock(hour: int, minute: int) -> time:
    if hour > 23 or minute > 59:
        raise _RefusedError("event-form-date-format")
    return time(hour, minute)


def _merged(context: FormContext, values: dict[str, object]) -> EventFields:
    """The values read over the event's earlier ones (an edit) or the kind's defaults."""
    before = context.before
    starts = values.get("starts_at", before.starts_at if before else None)
    assert isinstance(starts, datetime)  # required for a new event, kept by an edit
    ends = values.get("ends_at", before.ends_at if before else None)
    if isinstance(ends, time):
        ends = datetime.combine(starts.date(), ends, tzinfo=context.local)
    assert isinstance(ends, datetime)
    fields = before or EventFields(
        title="",
        starts_at=starts,
        ends_at=ends,
        registration_deadline=None,
        audience=DEFAULT_AUDIENCE[context.kind],
        competencies=(),
        link="",
        description="",
    )
    given = {name: value for name, value in values.items() if name not in ("starts_at", "ends_at")}
    fields = replace(fields, starts_at=starts, ends_at=ends, **given)  # type: ignore[arg-type]
    if not fields.audience:
        fields = replace(fields, audience=DEFAULT_AUDIENCE[context.kind])
    return fields


def _rules(
    fields: EventFields, context: FormContext, lines: dict[str, tuple[int, str]]
) -> list[Problem]:
    """The rules across fields: nothing new in the past, an end after the start, the
    registration closing before the start. An edit may leave a date that has passed as it
    was (an event going on now gets its title fixed), never set one."""
    before, now = context.before, context.now
    problems: list[Problem] = []

    def problem(name: str, key: str) -> None:
        line, value = lines.get(name, (0, ""))
        problems.append(Problem(line, key, value))

    def new(name: str) -> bool:
        return before is None or getattr(before, name) != getattr(fields, name)

    start_past = new("starts_at") and fields.starts_at <= now
    if start_past:
        problem("starts_at", "event-form-start-past")
    elif fields.starts_at - now > FUTURE_LIMIT:
        problem("starts_at", "event-form-start-far")
    if fields.ends_at < fields.starts_at:
        problem("ends_at", "event-form-end-before-start")
    elif fields.ends_at - fields.starts_at > LONGEST:
        problem("ends_at", "event-form-too-long")
    elif new("ends_at") and fields.ends_at <= now and not start_past:  # one note is enough
        problem("ends_at", "event-form-end-past")
    deadline = fields.registration_deadline
    if deadline is not None:
        if deadline > fields.starts_at:
            problem("registration_deadline", "event-form-deadline-after-start")
        elif new("registration_deadline") and deadline <= now:
            problem("registration_deadline", "event-form-deadline-past")
    return problems
