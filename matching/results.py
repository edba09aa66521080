"""What a search returns: the ranked hits and why each was suggested."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a document was suggested, in structured form; the bot renders it."""

    matched_words: tuple[str, ...] = ()
    riasec_types: tuple[str, ...] = ()
    facets: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    kind: str
    title: str
    score: float
    reason: Reason
    components: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    confident: bool
    hits: list[Hit]
