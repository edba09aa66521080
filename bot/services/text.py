"""Text the user typed, as the bot should see it."""

from __future__ import annotations

import unicodedata


def visible_text(text: str) -> str:
    """Whitespace collapsed, invisible format characters (zero-width spaces and joiners,
    BOM, direction marks) removed: a topic of only U+200B is empty, not a topic."""
    kept = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(kept.split())
