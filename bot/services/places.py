"""Places named in a free question: «курсы сварщика в Твери», "welding courses in Rostov".

A place says where, not what: it chooses the region whose programmes are shown and is not
searched as a word (it matched courses by their addresses). Only the catalogue's other names
of regions (capitals and big cities, in Russian and Latin letters) and the cities of
centres count, in any case form («Твери», «Томске»); the words of official region names do
not («Северная Осетия» would make «северный» a place)."""

from __future__ import annotations

import re

from knowledge import Catalogue
from matching.text import get_lemmatizer

_WORD = re.compile(r"[a-zа-яё]+(?:-[a-zа-яё]+)*", re.IGNORECASE)
# Prepositions that go with a place and leave with it.
_BEFORE = frozenset({"в", "во", "из", "под", "около", "возле", "in", "near", "around"})


class Places:
    def __init__(self, catalogue: Catalogue) -> None:
        lemma = get_lemmatizer().lemma
        self._lemma = lemma
        self._words: dict[str, str] = {}  # lemma of a one-word name → region id
        self._phrases: list[tuple[str, str]] = []  # several words, as typed → region id
        names = [
            (alias, region.id) for region in catalogue.regions.values() for alias in region.aliases
        ]
        names += [(centre.city, centre.region) for centre in catalogue.centres.values()]
        for name, region_id in names:
            clean = name.lower().replace("ё", "е").strip()
            if re.search(r"[\s-]", clean):
                self._phrases.append((clean, region_id))
            elif len(clean) >= 3:
                self._words.setdefault(lemma(clean), region_id)
        self._phrases.sort(key=lambda item: -len(item[0]))

    def found_in(self, text: str) -> tuple[str | None, str]:
        """The region a text names, and the text without that name (and its preposition)."""
        lowered = text.lower().replace("ё", "е")
        for phrase, region_id in self._phrases:
            at = lowered.find(phrase)
            if at >= 0 and _whole(lowered, at, len(phrase)):
                return region_id, _squeeze(text[:at], text[at + len(phrase) :])
        for match in _WORD.finditer(text):
            word = match.group().lower().replace("ё", "е")
            # «Ростове-на-Дону»: the first part is the city in its case form.
            found = self._words.get(self._lemma(word)) or self._words.get(
                self._lemma(word.split("-")[0])
            )
            if found is not None:
                return found, _squeeze(text[: match.start()], text[match.end() :])
        return None, text


def _whole(text: str, at: int, length: int) -> bool:
    before = text[at - 1] if at > 0 else " "
    after = text[at + length] if at + length < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def _squeeze(head: str, tail: str) -> str:
    words = head.split()
    if words and words[-1].lower() in _BEFORE:
        words.pop()
    return " ".join([*words, *tail.split()]).strip(" ,.")
