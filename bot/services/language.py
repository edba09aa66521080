"""Which language a free text is written in, when it is not the interface's (a script count)."""

from __future__ import annotations

import re

# Letters of a word; digits and punctuation split words, and a word with a digit is dropped.
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
MIN_WORD = 3  # «hi», «do», «в», «на»: too short to tell a language by
# Words people write in Latin letters in Russian too: acronyms are caught by their capitals,
# these by name.
SHARED_WORDS = frozenset(
    {
        "autocad",
        "excel",
        "figma",
        "java",
        "javascript",
        "online",
        "photoshop",
        "python",
        "telegram",
        "word",
        "wi-fi",
        "youtube",
    }
)
SCRIPTS = {"ru": "cyrillic", "en": "latin"}


def _script(word: str) -> str | None:
    letters = [ch for ch in word.lower() if ch.isalpha()]
    if all("a" <= ch <= "z" for ch in letters):
        return "latin"
    if all("а" <= ch <= "я" or ch == "ё" for ch in letters):
        return "cyrillic"
    return None  # mixed scripts or another alphabet: no evidence either way


def _counts(text: str) -> dict[str, int]:
    """Letters per script, over words that tell a language apart."""
    counts = {"latin": 0, "cyrillic": 0}
    for word in _WORD.findall(text):
        if len(word) < MIN_WORD or any(ch.isdigit() for ch in word):
            continue
        if (word.isupper() and len(word) <= 5) or word.lower() in SHARED_WORDS:
            continue  # «IT», «SQL», «COPP», «Excel»: the same in both languages
        script = _script(word)
        if script is not None:
            counts[script] += len(word)
    return counts


def written_language(text: str, interface: str) -> str | None:
    """The other supported language if the text is mostly written in it, else None.

    Mostly Latin letters in a Russian interface means English; mostly Cyrillic in an English
    one means Russian. Short words, numbers, acronyms and shared words do not count."""
    own = SCRIPTS.get(interface)
    if own is None:
        return None
    counts = _counts(text)
    for language, script in SCRIPTS.items():
        if script != own and counts[script] > 2 * counts[own]:
            return language
    return None
