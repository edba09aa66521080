"""Russian search vocabulary: the words the bot searches the catalogue with.

The words are data, not logic: a centre or an editor tunes them without touching code. Each
YAML file beside this module maps a key the bot stores (an interest button, a RIASEC letter,
a situation) to the words of a query; its header says what it is for. The files ship in the
package and are read once per process.

One file is a table rather than words: quiz_activities.yaml says which catalogue items a
disliked quiz activity rules out. It is data for the same reason: an editor extends it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

import yaml

VOCABULARY_DIR = Path(__file__).parent


class VocabularyError(ValueError):
    """A shipped vocabulary file is not a mapping of keys to non-empty words."""


@cache
def load_vocabulary(name: str) -> Mapping[str, str]:
    """`name`.yaml as a read-only mapping, in the file's order (buttons are drawn in it)."""
    path = VOCABULARY_DIR / f"{name}.yaml"
    data: object = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise VocabularyError(f"{path.name}: expected a mapping of keys to words")
    words: dict[str, str] = {}
    for key, value in data.items():
        # An unquoted `no` or `on` would turn into a boolean key; refuse it rather than guess.
        if not isinstance(key, str) or not isinstance(value, str) or not value.strip():
            raise VocabularyError(f"{path.name}: {key!r} needs text words")
        words[key] = value.strip()
    # Cached and shared by every update: nobody may change it in place.
    return MappingProxyType(words)


def interest_words() -> Mapping[str, str]:
    """Interest key → the query its button stands for."""
    return load_vocabulary("interests")


def riasec_words() -> Mapping[str, str]:
    """RIASEC letter → the query for that type, when the quiz is all a user gave."""
    return load_vocabulary("riasec")


def situation_words() -> Mapping[str, str]:
    """Situation key → words the engine's «needs» rules know, added to programme searches."""
    return load_vocabulary("situations")


@dataclass(frozen=True, slots=True)
class QuizActivity:
    """The catalogue items whose core daily work is one activity of the interest quiz."""

    professions: tuple[str, ...] = ()  # profession and specialty codes
    programmes: tuple[str, ...] = ()  # programme ids the professions would not rule out


def _ids(path: Path, number: object, entry: Mapping[object, object], key: str) -> tuple[str, ...]:
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(i, str) and i for i in value):
        raise VocabularyError(f"{path.name}: {number}.{key} needs a list of ids as text")
    return tuple(value)


@cache
def quiz_activities() -> Mapping[int, QuizActivity]:
    """Quiz item number (from 1) → the items a «Не нравится» to it rules out."""
    path = VOCABULARY_DIR / "quiz_activities.yaml"
    data: object = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise VocabularyError(f"{path.name}: expected a mapping of quiz item numbers")
    table: dict[int, QuizActivity] = {}
    for number, entry in data.items():
        # bool is an int too: a stray `yes:` is refused with the rest.
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise VocabularyError(f"{path.name}: {number!r} is not a quiz item number")
        if not isinstance(entry, dict) or set(entry) - {"professions", "programmes"}:
            raise VocabularyError(f"{path.name}: {number} takes professions and programmes")
        table[number] = QuizActivity(
            professions=_ids(path, number, entry, "professions"),
            programmes=_ids(path, number, entry, "programmes"),
        )
    return MappingProxyType(table)
