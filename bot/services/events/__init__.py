"""Events for users: what /events lists (championship stages, open days, профпробы and
courses starting), an event's card, the next championship dates of a profession's
competencies, and free questions about events. Subscriptions and reminders build on this."""

from bot.services.events.intent import EventTopic, event_question
from bot.services.events.service import EventAnswer, EventCard, EventPage, EventService
from bot.services.events.upcoming import (
    EventFilter,
    Listed,
    NextStage,
    event_timezone,
    next_stages,
    upcoming,
)

__all__ = [
    "EventAnswer",
    "EventCard",
    "EventFilter",
    "EventPage",
    "EventService",
    "EventTopic",
    "Listed",
    "NextStage",
    "event_question",
    "event_timezone",
    "next_stages",
    "upcoming",
]
