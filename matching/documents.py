"""Plain inputs of the engine: documents to index and the filters of one search."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Literal

DocumentKind = Literal["profession", "specialty", "programme", "faq"]
DOCUMENT_KINDS: frozenset[str] = frozenset({"profession", "specialty", "programme", "faq"})

# Facet keys the engine knows by name; any other key works through `Filters.facets`.
AUDIENCE = "audience"
REGION = "region"
CENTRE = "centre"
FORMAT = "format"
FUNDING = "funding"
FREE = "free"  # values "yes" / "no"
INDUSTRY = "industry"


def _freeze_facets(
    facets: Mapping[str, frozenset[str] | set[str] | list[str] | tuple[str, ...]],
) -> Mapping[str, frozenset[str]]:
    return MappingProxyType({key: frozenset(values) for key, values in sorted(facets.items())})


@dataclass(frozen=True, slots=True)
class Document:
    """One searchable item: a profession, a specialty, a programme or an FAQ entry.

    `text` is what the encoders embed; `keywords` is extra text for the lexical retriever
    only (synonyms, codes, abbreviations) so that it cannot blur the embedding.
    `title_en` and `text_en` feed a second, English lexical index that questions written in
    Latin script are searched in; the encoders are multilingual and embed `text` only.
    """

    id: str
    kind: DocumentKind
    title: str
    text: str
    keywords: str = ""
    facets: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    dates: tuple[date, ...] = ()
    riasec: tuple[float, float, float, float, float, float] | None = None
    title_en: str = ""
    text_en: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("a document needs an id")
        if self.kind not in DOCUMENT_KINDS:
            raise ValueError(f"unknown document kind {self.kind!r}")
        if self.riasec is not None:
            if len(self.riasec) != 6:
                raise ValueError("riasec needs six values")
            if any(not 0.0 <= value <= 1.0 for value in self.riasec):
                raise ValueError("riasec values must lie in 0..1")
        # Freeze whatever mapping the caller gave, so a document is truly immutable.
        object.__setattr__(self, "facets", _freeze_facets(self.facets))
        object.__setattr__(self, "dates", tuple(sorted(self.dates)))


@dataclass(frozen=True, slots=True)
class Filters:
    """Constraints of one search. Empty means "no constraint".

    A document that does not carry a facet at all (a profession has no region) passes a
    filter on that facet, unless `strict` is set: the filter is about where or how one
    studies, and a profession is not bound to a place.
    """

    kinds: frozenset[str] = frozenset()
    audience: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    centres: frozenset[str] = frozenset()
    formats: frozenset[str] = frozenset()
    free_only: bool = False
    starts_after: date | None = None
    facets: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    strict: bool = False

    def facet_constraints(self) -> dict[str, frozenset[str]]:
        """All facet constraints, named and generic, as facet key → allowed values."""
        constraints: dict[str, frozenset[str]] = {}
        named = {
            AUDIENCE: self.audience,
            REGION: self.regions,
            CENTRE: self.centres,
            FORMAT: self.formats,
        }
        for key, values in named.items():
            if values:
                constraints[key] = frozenset(values)
        if self.free_only:
            constraints[FREE] = frozenset({"yes"})
        for key, values in self.facets.items():
            if values:
                constraints[key] = constraints.get(key, frozenset(values)) & frozenset(values)
        return constraints

    def accepts(self, document: Document) -> bool:
        """Whether the document satisfies every constraint."""
        if self.kinds and document.kind not in self.kinds:
            return False
        for key, allowed in self.facet_constraints().items():
            values = document.facets.get(key)
            if values is None:
                if self.strict:
                    return False
                continue
            if not values & allowed:
                return False
        if self.starts_after is not None and document.dates:
            if document.dates[-1] < self.starts_after:
                return False
        elif self.starts_after is not None and self.strict:
            return False
        return True

    def satisfied_facets(self, document: Document) -> list[tuple[str, str]]:
        """The (key, value) pairs of the document that met a constraint, for the explanation."""
        pairs: list[tuple[str, str]] = []
        for key, allowed in self.facet_constraints().items():
            for value in sorted(document.facets.get(key, frozenset()) & allowed):
                pairs.append((key, value))
        return pairs
