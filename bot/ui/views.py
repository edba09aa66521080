"""Text helpers shared by the handlers."""

from __future__ import annotations

from bot.i18n import Translate

TELEGRAM_MESSAGE_LIMIT = 4096


def split_message(text: str, limit: int = TELEGRAM_MESSAGE_LIMIT) -> list[str]:
    """Split on paragraph or line boundaries so each part fits one Telegram message."""
    parts: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = rest.rfind("\n\n", 0, limit)
        if cut <= 0:
            cut = rest.rfind("\n", 0, limit)
        if cut <= 0:
            cut = limit
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n")
    if rest:
        parts.append(rest)
    return parts


def place_name(t: Translate, russian: str, english: str = "") -> str:
    """Catalogue names are Russian; English-speaking users get the English one where known."""
    return english if english and getattr(t, "language", "ru") == "en" else russian
