"""Russian search vocabulary: the words the bot searches the catalogue with.

The words are data, not logic: a centre or an editor tunes them without touching code. Each
YAML file beside this module maps a key the bot stores (an interest button, a RIASEC letter,
a situation) to the words of a query; its header says what it is for. The files ship in the
package and are read once per process.
"""

from __future__ import annotations

from collections.abc import Mapping
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
