"""Whether a free message asks when an event is: «хочу участвовать в абилимпикс, когда
регистрация?», «когда день открытых дверей», «чемпионат профессионалы сроки», "open day
dates". Pure, so it is tested on its own.

«что такое Абилимпикс» is a question for the FAQ, not for the calendar: a championship,
a профпроба or "events" count only together with a word about time or taking part. An open
day is a day, so naming it is enough."""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from bot.services.events.upcoming import CHAMPIONSHIP_KINDS, EventFilter
from knowledge.models import EventKind

QUESTION_LIMIT = 300  # a long story is a question for the guidance, not for the calendar


class EventTopic(StrEnum):
    ABILYMPICS = "abilympics"
    PROFESSIONALS = "professionals"
    MASTER = "master"
    CHAMPIONSHIPS = "championships"
    OPEN_DAYS = "open_days"
    TASTERS = "tasters"
    ANY = "any"


# The most specific topic first: «чемпионат Абилимпикс» is about Абилимпикс.
_TOPICS: tuple[tuple[EventTopic, re.Pattern[str]], ...] = tuple(
    (topic, re.compile(pattern, re.IGNORECASE))
    for topic, pattern in (
        (EventTopic.ABILYMPICS, r"абилимпикс|abilympics"),
        (
            EventTopic.PROFESSIONALS,
            r"«профессионал|чемпионат\w* профессионал|профессионалы\b|professionals",
        ),
        (EventTopic.MASTER, r"мастер(а|у)? года|master of the year"),
        (EventTopic.OPEN_DAYS, r"(день|дни|дня|днях|дню) открытых дверей|\bдод\b|open (day|house)"),
        (EventTopic.TASTERS, r"проф\.?\s?проб|taster"),
        (EventTopic.CHAMPIONSHIPS, r"чемпионат|соревнован|championship|competition"),
        (EventTopic.ANY, r"мероприяти|событи|\bevents?\b"),
    )
)
_WHEN = re.compile(
    r"когда|срок|\bдат[аыуе]\b|числ[ао]|регистр|зарегистр|запис|участв|участи|попасть|"
    r"ближайш|расписан|буд(ет|ут)|пройд[её]т|проход|начн[её]тся|начало|"
    r"\bwhen\b|deadline|\bdates?\b|regist|sign up|take part|participat|schedule|upcoming|\bnext\b",
    re.IGNORECASE,
)
_DEFINITION = re.compile(r"что так(ое|ие)|what (is|are)", re.IGNORECASE)

# The event kinds each topic lists, and the /events filter that shows all of them.
TOPIC_KINDS: Mapping[EventTopic, frozenset[EventKind]] = MappingProxyType(
    {
        EventTopic.ABILYMPICS: frozenset({EventKind.abilympics}),
        EventTopic.PROFESSIONALS: frozenset(
            {EventKind.regional_stage, EventKind.qualifying_stage, EventKind.final_stage}
        ),
        EventTopic.MASTER: frozenset({EventKind.master_of_year}),
        EventTopic.CHAMPIONSHIPS: CHAMPIONSHIP_KINDS,
        EventTopic.OPEN_DAYS: frozenset({EventKind.open_day}),
        EventTopic.TASTERS: frozenset({EventKind.taster_day}),
        EventTopic.ANY: frozenset(EventKind),
    }
)
TOPIC_FILTERS: Mapping[EventTopic, EventFilter] = MappingProxyType(
    {
        EventTopic.ABILYMPICS: EventFilter.CHAMPIONSHIPS,
        EventTopic.PROFESSIONALS: EventFilter.CHAMPIONSHIPS,
        EventTopic.MASTER: EventFilter.CHAMPIONSHIPS,
        EventTopic.CHAMPIONSHIPS: EventFilter.CHAMPIONSHIPS,
        EventTopic.OPEN_DAYS: EventFilter.OPEN_DAYS,
        EventTopic.TASTERS: EventFilter.TASTERS,
        EventTopic.ANY: EventFilter.ALL,
    }
)


def event_topic(text: str) -> EventTopic | None:
    """The event the text names, the most specific first; None when it names none."""
    for topic, pattern in _TOPICS:
        if pattern.search(text):
            return topic
    return None


def event_question(text: str) -> EventTopic | None:
    """The topic of a question about when an event is or how to take part; None for any
    other text."""
    text = " ".join(text.split()).replace("ё", "е").replace("Ё", "Е")
    if not text or len(text) > QUESTION_LIMIT:
        return None
    topic = event_topic(text)
    if topic is None:
        return None
    if _WHEN.search(text):
        return topic
    if topic is EventTopic.OPEN_DAYS and not _DEFINITION.search(text):
        return topic
    return None


def asks_about_events(text: str) -> bool:
    """For a message filter: whether :func:`event_question` finds a topic."""
    return event_question(text) is not None
