"""Staff create and edit catalogue events in the bot: the form (pure) and the use case."""

from bot.services.event_editor.form import EventFields, EventFormError, Problem, read_form
from bot.services.event_editor.service import (
    Announcement,
    EditableEvent,
    EditablePage,
    EventEditor,
    EventForm,
    SavedEvent,
)

__all__ = [
    "Announcement",
    "EditableEvent",
    "EditablePage",
    "EventEditor",
    "EventFields",
    "EventForm",
    "EventFormError",
    "Problem",
    "SavedEvent",
    "read_form",
]
