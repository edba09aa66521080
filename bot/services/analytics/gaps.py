"""Catalogue gaps: free questions the search answered without confidence, kept as text only
(from people who consented), with what could reach a person scrubbed, and grouped.

Grouping is by the set of lemmas of a question's meaningful words (pymorphy3, as the lexical
search uses): «хочу стать пилотом дрона» and «пилот дронов» fall together, as do two
questions that share most of their words. No sentence encoder is loaded for it: the CLI
groups the same way without one, and a group can be explained by its words."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from bot.services.analytics.figures import Gap
from matching.text import STOP_WORDS, get_lemmatizer, has_letters, tokens

GAP_LIMIT = 300  # characters kept of a question
SIMILAR = 0.5  # two questions whose lemma sets overlap this much (Jaccard) are one group
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


def _key(text: str) -> frozenset[str]:
    lemmatizer = get_lemmatizer()
    return frozenset(
        lemmatizer.lemma(word)
        for word in tokens(text)
        if len(word) > 1 and word not in STOP_WORDS and not word.isdigit()
    )


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return a == b
    return len(a & b) / len(a | b) >= SIMILAR


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
