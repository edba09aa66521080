"""Catalogue gaps: free questions the search answered without confidence, kept as text only
(from people who consented), with what could reach a person scrubbed, and grouped.

Grouping is by the set of lemmas of a question's meaningful words (pymorphy3, as the lexical
search uses; a word outside its dictionary is cut to its stem), words of asking left out:
«хочу стать пилотом дрона» and «пилот дронов» fall together, as does any question with half
of the shorter one's words in the other. Synonyms do not meet («дрон» and «беспилотник» stay
apart). No sentence encoder is loaded for it: the CLI groups the same way without one, and a
group can be explained by its words."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from bot.services.analytics.figures import Gap
from matching.text import STOP_WORDS, get_lemmatizer, has_letters, tokens

GAP_LIMIT = 300  # characters kept of a question
SIMILAR = 0.5  # share of the shorter question's words the other must have to be one group
# Words of asking, not of what is asked: «хочу стать …», «где учиться на …».
FILLER = frozenset(
    "хотеть стать мочь где как какой учить учиться научиться пойти найти нужно можно курс".split()  # noqa: SIM905
)
EXAMPLES = 2

_EMAIL = re.compile(r"\S+@\S+\.\w+")
_HANDLE = re.compile(r"@\w{3,}")
_LINK = re.compile(r"(https?://|www\.|t\.me/)\S+", re.IGNORECASE)
# Phone numbers, passport, SNILS and card numbers: any run of five or more digits, spaces,
# dashes and brackets between them allowed.
_NUMBER = re.compile(r"\+?\d[\d\s()\-]{3,}\d")
_SPACE = re.compile(r"\s+")
HIDDEN = "…"


def scrub(text: str) -> str | None:
    """The question without e-mails, @names, links and long numbers; None when nothing
    worth keeping is left (no letters)."""
    for pattern in (_EMAIL, _LINK, _HANDLE, _NUMBER):
        text = pattern.sub(HIDDEN, text)
    text = _SPACE.sub(" ", text).strip()[:GAP_LIMIT]
    return text if has_letters(text) else None


def _stem(word: str) -> str:
    """The lemma of a dictionary word; of any other word («дронов», «дронами») its start
    without the last three letters (an ending), at least four, so its forms meet."""
    lemmatizer = get_lemmatizer()
    if lemmatizer.is_known(word):
        return lemmatizer.lemma(word)
    return word[: max(4, len(word) - 3)]


def _key(text: str) -> frozenset[str]:
    stems = (
        _stem(word)
        for word in tokens(text)
        if len(word) > 1 and word not in STOP_WORDS and not word.isdigit()
    )
    return frozenset(stem for stem in stems if stem not in FILLER)


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    """At least half of the shorter question's words are in the other."""
    if not a or not b:
        return a == b
    return len(a & b) / min(len(a), len(b)) >= SIMILAR


def group(texts: Sequence[str], limit: int = 20) -> list[Gap]:
    """Groups of similar questions, the largest first, each named by its most frequent
    wording. CPU work: run it off the event loop."""
    exact = Counter(_SPACE.sub(" ", text.strip().lower()) for text in texts)
    groups: list[tuple[frozenset[str], Counter[str]]] = []
    for wording, count in exact.most_common():
        key = _key(wording)
        for seed, members in groups:
            if _similar(seed, key):
                members[wording] += count
                break
        else:
            groups.append((key, Counter({wording: count})))
    gaps = [
        Gap(
            text=members.most_common(1)[0][0],
            count=sum(members.values()),
            examples=tuple(w for w, _ in members.most_common(EXAMPLES + 1)[1:]),
        )
        for _, members in groups
    ]
    gaps.sort(key=lambda gap: (-gap.count, gap.text))
    return gaps[:limit]
