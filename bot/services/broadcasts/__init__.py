"""Staff broadcasts: the message checked (content), the staff member's steps (service), the
outbox worked through by the scheduler's side (sender), and what staff read (progress)."""

from bot.services.broadcasts.content import Draft, DraftButton
from bot.services.broadcasts.progress import BroadcastTexts, Progress
from bot.services.broadcasts.sender import BroadcastSender, SendReport
from bot.services.broadcasts.service import (
    Audience,
    BroadcastPolicy,
    BroadcastService,
    EventChoice,
    Preview,
    RegionChoice,
)

__all__ = [
    "Audience",
    "BroadcastPolicy",
    "BroadcastSender",
    "BroadcastService",
    "BroadcastTexts",
    "Draft",
    "DraftButton",
    "EventChoice",
    "Preview",
    "Progress",
    "RegionChoice",
    "SendReport",
]
