"""The catalogue and its search engine, loaded once per process and shared by all updates."""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel

from bot.search_seed import SEED_DIR
from bot.services.places import Places
from bot.services.ports import CatalogueRow
from bot.services.reason_words import ReasonWords
from bot.services.search_documents import catalogue_documents
from knowledge import ENTITY_KINDS, Catalogue, content_hash_of, entity_id, load_onet_table
from matching import EngineConfig, Filters, Hit, SearchEngine, SearchResult
from matching.encoders import Encoder

# Callback data holds at most 64 bytes; a catalogue id can be longer, so buttons carry
# a short stable reference instead. A reference to a record that is gone resolves to None.
REFERENCE_LENGTH = 10


def short_reference(item_id: str) -> str:
    return hashlib.blake2b(item_id.encode("utf-8"), digest_size=8).hexdigest()[:REFERENCE_LENGTH]


def rows_from_catalogue(catalogue: Catalogue) -> list[CatalogueRow]:
    return [
        CatalogueRow(
            entity=kind,
            id=entity_id(entity),
            payload=entity.model_dump(mode="json"),
            content_hash=content_hash_of(entity),
        )
        for kind, entity in catalogue.iter_entities()
    ]


def catalogue_from_rows(rows: Sequence[CatalogueRow]) -> Catalogue:
    entities: list[BaseModel] = [
        ENTITY_KINDS[row.entity].model_validate(row.payload)
        for row in rows
        if row.entity in ENTITY_KINDS
    ]
    return Catalogue.build(entities, onet=load_onet_table())


# Interest buttons and common questions send the same texts with the same profile filters
# again and again; a search is a pure function of its inputs and of this (immutable)
# knowledge base, so its result can be remembered. A refreshed catalogue is a new
# KnowledgeBase with an empty memory.
RESULT_CACHE_SIZE = 2048
_SearchKey = tuple[str, Hashable, int, tuple[float, ...] | None]


def _filters_key(filters: Filters | None) -> Hashable:
    # Filters holds a read-only mapping, which does not hash; its constraints do.
    if filters is None:
        return None
    constraints = tuple(sorted(filters.facet_constraints().items()))
    return (filters.kinds, constraints, filters.starts_after, filters.strict)


@dataclass
class KnowledgeBase:
    catalogue: Catalogue
    engine: SearchEngine
    _references: Mapping[str, str] = field(default_factory=dict)
    _results: OrderedDict[_SearchKey, SearchResult] = field(default_factory=OrderedDict, repr=False)
    # Told the seconds of each search that ran (not answered from memory): /metrics.
    on_search: Callable[[float], None] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def build(
        cls,
        catalogue: Catalogue,
        config: EngineConfig,
        *,
        index_dir: Path | None,
        encoders: Sequence[Encoder] | None = None,
        progress: Callable[[str, int, int], None] | None = None,
        seed_dir: Path | None = SEED_DIR,
    ) -> KnowledgeBase:
        """`seed_dir`: vectors of the shipped catalogue, so a first start encodes only what a
        centre changed (None: encode everything)."""
        documents = catalogue_documents(catalogue)
        engine = SearchEngine(
            documents,
            config,
            index_dir=index_dir,
            encoders=encoders,
            progress=progress,
            seed_dir=seed_dir,
        )
        references = {short_reference(document.id): document.id for document in documents}
        for kind, entity in catalogue.iter_entities():
            if kind in ("events", "competencies", "centres"):
                key = entity_id(entity)
                references[short_reference(key)] = key
        return cls(catalogue, engine, references)

    @cached_property
    def reason_words(self) -> ReasonWords:
        """Which matched words may be quoted as a reason (not places, not empty words)."""
        return ReasonWords(self.catalogue)

    @cached_property
    def places(self) -> Places:
        """Places named in free questions (which region they ask about)."""
        return Places(self.catalogue)

    def reference(self, item_id: str) -> str:
        return short_reference(item_id)

    def resolve(self, reference: str) -> str | None:
        return self._references.get(reference)

    async def search(
        self,
        query: str,
        *,
        filters: Filters | None = None,
        top_n: int = 5,
        riasec: Sequence[float] | None = None,
    ) -> SearchResult:
        key: _SearchKey = (
            query,
            _filters_key(filters),
            top_n,
            tuple(riasec) if riasec is not None else None,
        )
        remembered = self._results.get(key)
        if remembered is None:
            # Encoding a query is CPU work; keep the event loop free for other users.
            started = time.perf_counter()
            remembered = await asyncio.to_thread(
                self.engine.search, query, filters=filters, top_n=top_n, riasec=riasec
            )
            if self.on_search is not None:
                self.on_search(time.perf_counter() - started)
            self._results[key] = remembered
            if len(self._results) > RESULT_CACHE_SIZE:
                self._results.popitem(last=False)
        else:
            self._results.move_to_end(key)
        # A fresh list: callers may reorder or trim the hits of their copy.
        return replace(remembered, hits=list(remembered.hits))

    async def neighbours(
        self, item_id: str, *, filters: Filters | None = None, top_n: int = 5
    ) -> list[Hit]:
        """Items nearest in meaning to one item (off the event loop: a matrix product)."""
        return await asyncio.to_thread(
            self.engine.neighbours, item_id, filters=filters, top_n=top_n
        )


class KnowledgeSource(Protocol):
    """Where services get the shared knowledge base; loading happens once, on first use."""

    async def get(self) -> KnowledgeBase: ...
