"""Situations that name no profession: «спина болит», «плохо вижу», «хочу бесплатно».

A rule maps trigger words (matched as lemmas) to facet values of the documents that fit
the situation. The engine turns the fired rules into one more retriever, «needs», whose
scores are standardised and fused like the others, so it nudges rather than filters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from matching.documents import Document
from matching.text import Lemmatizer


@dataclass(frozen=True, slots=True)
class NeedRule:
    name: str
    triggers: frozenset[str]
    facets: tuple[tuple[str, str, float], ...]  # (facet key, value, weight)


def _rule(name: str, triggers: str, *facets: tuple[str, str, float]) -> NeedRule:
    return NeedRule(name, frozenset(triggers.split()), tuple(facets))


DEFAULT_NEED_RULES: tuple[NeedRule, ...] = (
    _rule(
        "sitting",
        "сидячий сидя сидеть спина поясница позвоночник стоять ноги нога колено суставы "
        "тяжело тяжелый нагрузка",
        ("posture", "sitting", 1.0),
        ("load", "low", 0.5),
        # Work on one's feet or heavy work is what such a person asks to avoid.
        ("posture", "standing", -1.0),
        ("load", "high", -1.0),
    ),
    _rule(
        "mobility",
        "коляска колясочник передвигаться ходить костыль",
        ("suits", "limited_mobility", 1.0),
        ("posture", "sitting", 0.5),
        ("format", "online", 0.5),
    ),
    _rule(
        "remote",
        "удаленный удаленно удаленка дистанционный дистанционно онлайн дом дома remote online",
        ("suits", "remote_friendly", 1.0),
        ("format", "online", 1.0),
    ),
    _rule(
        "hearing",
        "слышать слух глухой слабослышащий глухота",
        ("suits", "hearing_impaired", 1.0),
    ),
    _rule(
        "vision",
        "видеть зрение незрячий слепой слабовидящий",
        ("suits", "visually_impaired", 1.0),
        ("audience", "disabled", 0.5),
    ),
    _rule(
        "disability",
        "инвалид инвалидность овз ограниченный",
        ("audience", "disabled", 1.0),
    ),
    _rule(
        "free",
        "бесплатно бесплатный free",
        ("free", "yes", 1.0),
        ("funding", "employment_support", 0.5),
    ),
    _rule(
        "seniors",
        "пенсионер пенсионерка пенсия предпенсионер предпенсионный",
        ("audience", "seniors", 1.0),
    ),
    _rule(
        "parents",
        "декрет декретный",
        ("audience", "parents_on_leave", 1.0),
        ("format", "online", 0.3),
    ),
    _rule(
        "unemployed",
        "безработный сократить уволить увольнение сокращение",
        ("audience", "unemployed", 1.0),
        ("funding", "employment_support", 0.5),
    ),
)


class NeedsIndex:
    """Scores documents by the facets that the situation in a query calls for."""

    def __init__(
        self, documents: Sequence[Document], rules: Iterable[NeedRule], lemmatizer: Lemmatizer
    ) -> None:
        self._lemmatizer = lemmatizer
        self._rules = [
            NeedRule(
                rule.name,
                frozenset(lemmatizer.lemma(word) for word in rule.triggers) | rule.triggers,
                rule.facets,
            )
            for rule in rules
        ]
        self._documents = documents
        wanted = {(key, value) for rule in self._rules for key, value, _ in rule.facets}
        self._masks = {
            pair: np.array(
                [pair[1] in document.facets.get(pair[0], frozenset()) for document in documents],
                dtype=bool,
            )
            for pair in sorted(wanted)
        }

    def fired(self, lemmas: Iterable[str]) -> list[NeedRule]:
        words = set(lemmas)
        return [rule for rule in self._rules if rule.triggers & words]

    def score(self, rules: Sequence[NeedRule]) -> NDArray[np.float32]:
        scores = np.zeros(len(self._documents), dtype=np.float32)
        if not rules:
            return scores
        for rule in rules:
            for key, value, weight in rule.facets:
                mask = self._masks.get((key, value))
                if mask is not None:
                    scores += np.float32(weight) * mask
        return scores

    @staticmethod
    def facet_pairs(rules: Sequence[NeedRule], document: Document) -> list[tuple[str, str]]:
        return [
            (key, value)
            for rule in rules
            for key, value, weight in rule.facets
            if weight > 0 and value in document.facets.get(key, frozenset())
        ]
