"""The search engine: dense and lexical retrievers, z-score fusion, filters, reasons."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import numpy as np
from numpy.typing import NDArray

# Re-exported (`X as X`): the settings and result types lived here before they had modules.
from matching.config import BM25 as BM25
from matching.config import CHARGRAM as CHARGRAM
from matching.config import LEXICAL as LEXICAL
from matching.config import NEEDS as NEEDS
from matching.config import EngineConfig as EngineConfig
from matching.documents import AUDIENCE, FORMAT, FREE, FUNDING, Document, Filters
from matching.encoders import Encoder, Vectors, load_encoder
from matching.files import describe
from matching.fusion import fuse, profile_similarity, standardise, top_types
from matching.lexical import (
    Bm25Index,
    CharNgramIndex,
    lexical_hash,
    load_lexical,
    save_lexical,
)
from matching.needs import NeedRule, NeedsIndex
from matching.query_cache import QueryVectorCache
from matching.results import Hit as Hit
from matching.results import Reason as Reason
from matching.results import SearchResult as SearchResult
from matching.text import (
    Lemmas,
    content_words,
    get_english_stemmer,
    get_lemmatizer,
    has_letters,
    is_latin_only,
    looks_like_word,
    normalise,
    tokens,
    truncate_query,
)
from matching.vector_index import LoadReport, Progress, VectorIndex

log = logging.getLogger(__name__)

# Cosine points added to a neighbour of the same industry: enough to order near-equals.
NEIGHBOUR_INDUSTRY_BONUS = 0.03

# Facet values worth telling the user even when no filter asked for them.
NOTABLE_FACETS: frozenset[tuple[str, str]] = frozenset(
    {
        (FUNDING, "employment_support"),
        (FUNDING, "regional_budget"),
        (FREE, "yes"),
        (AUDIENCE, "seniors"),
        (AUDIENCE, "disabled"),
        (AUDIENCE, "parents_on_leave"),
        (AUDIENCE, "unemployed"),
        (FORMAT, "online"),
    }
)


def embedding_rows(
    documents: Sequence[Document], config: EngineConfig, encoder_name: str
) -> list[tuple[int, str]]:
    """The (document position, text) rows an encoder embeds: each document's text, cut to
    the encoder's limit, and its title alone (with `title_vectors`).

    Public so that whoever ships precomputed vectors embeds exactly these texts.
    """
    limit = config.encoder_max_chars.get(encoder_name, config.max_document_chars)
    rows: list[tuple[int, str]] = []
    for position, document in enumerate(documents):
        text = document.text.strip() or document.title
        if len(text) > limit:
            text = text[:limit].rsplit(" ", 1)[0]
        rows.append((position, text))
        if config.title_vectors and document.title.strip() and document.title.strip() != text:
            rows.append((position, document.title.strip()))
    return rows


def _query_encoder(encoder: Encoder) -> Callable[[str], Vectors]:
    # A function per encoder, not a lambda in the search loop, which would bind late.
    def encode(text: str) -> Vectors:
        vector: Vectors = encoder.encode_queries([text])[0]
        return vector

    return encode


class _FacetMasks:
    """Boolean arrays per facet value, so a filter becomes a few vectorised ORs."""

    def __init__(self, documents: Sequence[Document]) -> None:
        n = len(documents)
        self.kinds: dict[str, NDArray[np.bool_]] = {}
        self.has_key: dict[str, NDArray[np.bool_]] = {}
        self.values: dict[tuple[str, str], NDArray[np.bool_]] = {}
        self.last_date = np.full(n, -1, dtype=np.int64)
        for position, document in enumerate(documents):
            self.kinds.setdefault(document.kind, np.zeros(n, dtype=bool))[position] = True
            for key, values in document.facets.items():
                self.has_key.setdefault(key, np.zeros(n, dtype=bool))[position] = True
                for value in values:
                    self.values.setdefault((key, value), np.zeros(n, dtype=bool))[position] = True
            if document.dates:
                self.last_date[position] = document.dates[-1].toordinal()
        self.n = n

    def mask(self, filters: Filters | None) -> NDArray[np.bool_]:
        mask = np.ones(self.n, dtype=bool)
        if filters is None:
            return mask
        none = np.zeros(self.n, dtype=bool)
        if filters.kinds:
            allowed = none.copy()
            for kind in filters.kinds:
                allowed |= self.kinds.get(kind, none)
            mask &= allowed
        for key, values in filters.facet_constraints().items():
            allowed = none.copy()
            for value in values:
                allowed |= self.values.get((key, value), none)
            if not filters.strict:
                allowed |= ~self.has_key.get(key, none)
            mask &= allowed
        if filters.starts_after is not None:
            has_dates = self.last_date >= 0
            fits = self.last_date >= filters.starts_after.toordinal()
            mask &= fits | (~has_dates if not filters.strict else none)
        return mask


def _summed(scores: Iterable[NDArray[np.float32]]) -> NDArray[np.float32]:
    total: NDArray[np.float32] = np.sum(list(scores), axis=0, dtype=np.float32)
    return total


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """The lexical indexes of one language and the word forms they are searched with."""

    bm25: Bm25Index
    chargram: CharNgramIndex
    forms: Lemmas

    def has(self, surface: str, lemmas: frozenset[str] | None = None) -> bool:
        """Whether the word occurs in the catalogue (or, given a document's lemmas, there)."""
        form = self.forms.lemma(surface)
        if lemmas is None:
            return self.bm25.knows(form)
        return form in lemmas or surface in lemmas


class SearchEngine:
    """Indexes documents once, then answers `search` calls; safe to call from many threads."""

    def __init__(
        self,
        documents: Sequence[Document],
        config: EngineConfig | None = None,
        *,
        index_dir: Path | str | None = None,
        allow_rebuild: bool = True,
        encoders: Sequence[Encoder] | None = None,
        progress: Progress | None = None,
        force_rebuild: bool = False,
        seed_dir: Path | str | None = None,
    ) -> None:
        """Index `documents`, reusing what `index_dir` holds.

        `seed_dir` is a read-only folder of precomputed document vectors (one
        `<encoder>.npz` each, in the embedding cache's format): texts found there are not
        encoded. The caller ships it with its catalogue; the engine only reads it.
        """
        self.config = config or EngineConfig()
        ids = [document.id for document in documents]
        if len(set(ids)) != len(ids):
            duplicates = sorted({doc_id for doc_id in ids if ids.count(doc_id) > 1})
            raise ValueError(f"duplicate document ids: {duplicates[:5]}")
        # Sorted by id: the same documents give the same index whatever order they came in.
        self.documents: tuple[Document, ...] = tuple(
            sorted(documents, key=lambda document: document.id)
        )
        self._positions = {
            document.id: position for position, document in enumerate(self.documents)
        }
        self._lemmatizer = get_lemmatizer()
        fields = [(document.title, document.text, document.keywords) for document in self.documents]
        folder = Path(index_dir) if index_dir is not None else None
        self._russian = self._lexical(fields, folder, "lexical.npz", self._lemmatizer)
        # The English texts get their own index, searched as well for questions written in
        # Latin script only: questions with Russian words rank exactly as without it.
        english = [(document.title_en, document.text_en, "") for document in self.documents]
        self._english = (
            self._lexical(english, folder, "lexical-en.npz", get_english_stemmer())
            if any(title or text for title, text, _ in english)
            else None
        )
        self._facets = _FacetMasks(self.documents)
        self._needs = NeedsIndex(self.documents, self.config.need_rules, self._lemmatizer)
        self._riasec = np.zeros((len(self.documents), 6), dtype=np.float32)
        self._has_riasec = np.zeros(len(self.documents), dtype=bool)
        for position, document in enumerate(self.documents):
            if document.riasec is not None:
                self._riasec[position] = document.riasec
                self._has_riasec[position] = True

        if encoders is None:
            encoders = [
                load_encoder(spec, use_threads=self.config.use_threads)
                for spec in self.config.encoders
            ]
        owner_ids = [document.id for document in self.documents]
        seeds = Path(seed_dir) if seed_dir is not None else None
        self._vectors: dict[str, VectorIndex] = {}
        self._query_vectors: dict[str, QueryVectorCache] = {}
        self.load_reports: list[LoadReport] = []
        for encoder in encoders:
            index, report = VectorIndex.open(
                encoder=encoder,
                rows=embedding_rows(self.documents, self.config, encoder.name),
                owner_ids=owner_ids,
                index_dir=folder,
                allow_rebuild=allow_rebuild,
                progress=progress,
                force_rebuild=force_rebuild,
                seed_dir=seeds,
            )
            self._vectors[encoder.name] = index
            self._query_vectors[encoder.name] = QueryVectorCache(self.config.query_cache_size)
            self.load_reports.append(report)

    def _lexical(
        self,
        fields: list[tuple[str, str, str]],
        folder: Path | None,
        name: str,
        lemmatizer: Lemmas,
    ) -> _Lexicon:
        fields_hash = lexical_hash(fields, lemmatizer)
        path = folder / name if folder is not None else None
        if path is not None:
            loaded = load_lexical(path, fields_hash, lemmatizer, len(fields))
            if loaded.indexes is not None:
                return _Lexicon(*loaded.indexes, lemmatizer)
            if loaded.damaged:
                log.warning(
                    "The lexical index %s is unreadable (%s); rebuilding it.", path, loaded.reason
                )
            else:
                log.info("building the lexical index: %s", loaded.reason)
        bm25 = Bm25Index(fields, lemmatizer)
        chargram = CharNgramIndex(fields, lemmatizer.stop_words)
        if path is not None:
            try:
                save_lexical(path, fields_hash, bm25, chargram)
            except OSError as error:  # a read-only index dir still serves searches
                log.warning(
                    "The lexical index cannot be saved to %s (%s); it serves from memory.",
                    path,
                    describe(error),
                )
        return _Lexicon(bm25, chargram, lemmatizer)

    @property
    def retrievers(self) -> tuple[str, ...]:
        return (*self._vectors, *LEXICAL, NEEDS)

    def neighbours(
        self, doc_id: str, *, filters: Filters | None = None, top_n: int = 5
    ) -> list[Hit]:
        """The documents nearest in meaning to one document, among those `filters` admit:
        cosine of its own vectors with theirs, averaged over the encoders, with a small
        bonus for a shared industry. No words were typed, so the reasons carry none."""
        position = self._positions.get(doc_id)
        if position is None or top_n <= 0:
            return []
        total = np.zeros(len(self.documents), dtype=np.float32)
        used = 0
        for index in self._vectors.values():
            vector = index.document_vector(position)
            if vector is not None:
                total += index.document_scores(vector)
                used += 1
        if not used:
            return []
        scores = total / used
        industries = self.documents[position].facets.get("industry", frozenset())
        if industries:
            shared = np.fromiter(
                (bool(d.facets.get("industry", frozenset()) & industries) for d in self.documents),
                dtype=bool,
                count=len(self.documents),
            )
            scores = scores + NEIGHBOUR_INDUSTRY_BONUS * shared
        allowed = self._facets.mask(filters)
        allowed[position] = False
        scores = np.where(allowed, scores, -np.inf)
        ranked = np.argsort(-scores, kind="stable")[:top_n]
        return [
            Hit(
                id=self.documents[i].id,
                kind=self.documents[i].kind,
                title=self.documents[i].title,
                score=round(float(scores[i]), 4),
                reason=Reason(),
            )
            for i in ranked
            if np.isfinite(scores[i])
        ]

    def document(self, doc_id: str) -> Document | None:
        position = self._positions.get(doc_id)
        return None if position is None else self.documents[position]

    def search(
        self,
        query: str,
        *,
        filters: Filters | None = None,
        top_n: int = 5,
        riasec: Sequence[float] | None = None,
        retrievers: Sequence[str] | None = None,
        collapse_titles: bool | None = None,
    ) -> SearchResult:
        """Rank the documents that pass `filters` for the user's words.

        Never raises on odd input: an empty, emoji-only or digits-only query gets no hits.
        `riasec` is the user's profile (six values 0–1) and nudges the ranking toward it.
        `retrievers` limits the retrievers used (for benchmarks), e.g. ("e5",) or LEXICAL.
        """
        text = truncate_query(query or "")
        if len(text.split()) > self.config.max_query_words:
            text = " ".join(text.split()[: self.config.max_query_words])
        if not has_letters(text) or top_n <= 0 or not self.documents:
            return SearchResult(query=text, confident=False, hits=[])
        mask = self._facets.mask(filters)
        if not mask.any():
            return SearchResult(query=text, confident=False, hits=[])

        active = tuple(retrievers) if retrievers is not None else self.retrievers
        clean = normalise(text)
        words_all = tokens(clean)
        lemmas = [self._lemmatizer.lemma(token) for token in words_all]
        fired = self._needs.fired([*lemmas, *words_all]) if NEEDS in active else []
        # Words that describe the user's situation («спина», «декрет») are served by the
        # needs retriever; matched literally they would pull in the massage therapist.
        situation = {word for rule in fired for word in rule.triggers}
        lexical_pairs = [
            (token, lemma)
            for token, lemma in zip(words_all, lemmas, strict=True)
            if token not in situation and lemma not in situation
        ]
        raw: dict[str, NDArray[np.float32]] = {}
        for name, index in self._vectors.items():
            if name in active:
                vector = self._query_vectors[name].get(clean, _query_encoder(index.encoder))
                raw[name] = index.document_scores(vector)
        lexicons = [self._russian]
        if self._english is not None and is_latin_only(clean):
            lexicons.append(self._english)
        lexical_words = [token for token, _ in lexical_pairs]
        if BM25 in active:
            raw[BM25] = _summed(
                lexicon.bm25.score([lexicon.forms.lemma(word) for word in lexical_words])
                for lexicon in lexicons
            )
        if CHARGRAM in active:
            raw[CHARGRAM] = _summed(
                lexicon.chargram.score(" ".join(lexical_words)) for lexicon in lexicons
            )
        if fired:
            raw[NEEDS] = self._needs.score(fired)

        weights = {
            name: self.config.weights.get(name, 1.0 if name in self._vectors else 0.0)
            for name in raw
        }
        if retrievers is not None and not any(weights.values()):
            weights = dict.fromkeys(raw, 1.0)
        fused, components = fuse(raw, weights, mask)
        if riasec is not None and self.config.riasec_weight > 0 and len(riasec) == 6:
            prior = standardise(
                profile_similarity(riasec, self._riasec, self._has_riasec), mask & self._has_riasec
            )
            fused = fused + self.config.riasec_weight * prior
            components["riasec"] = prior

        positions = np.flatnonzero(mask)
        # Ties break by id order (positions are sorted by id): identical input, identical output.
        ranked = positions[np.lexsort((positions, -fused[positions]))]
        collapse = self.config.collapse_titles if collapse_titles is None else collapse_titles
        order = self._take(ranked, top_n, collapse=collapse)
        words = content_words(clean, lexicons[-1].forms)
        confident = self._is_confident(fused, mask, words, fired, lexicons)
        words = [(token, lemma) for token, lemma in words if lemma not in situation]
        hits = [
            self._hit(position, fused, components, words, filters, riasec, fired, lexicons)
            for position in order
        ]
        return SearchResult(query=text, confident=confident, hits=hits)

    def _take(self, ranked: NDArray[np.intp], top_n: int, *, collapse: bool) -> list[int]:
        if not collapse:
            return [int(position) for position in ranked[:top_n]]
        seen: set[tuple[str, str]] = set()
        taken: list[int] = []
        for position in ranked:
            document = self.documents[int(position)]
            key = (document.kind, normalise(document.title).strip())
            if key in seen:
                continue
            seen.add(key)
            taken.append(int(position))
            if len(taken) == top_n:
                break
        return taken

    def _is_confident(
        self,
        fused: NDArray[np.float32],
        mask: NDArray[np.bool_],
        words: list[tuple[str, str]],
        fired: Sequence[NeedRule],
        lexicons: Sequence[_Lexicon],
    ) -> bool:
        # Nothing but stop words («не знаю», «хочу работать», «привет»): no interest named.
        if not words and not fired:
            return False
        # Keyboard mashing («ываыва»): no word is real and none occurs in the catalogue.
        known = [surface for surface, _ in words if any(lex.has(surface) for lex in lexicons)]
        real = [surface for surface, _ in words if looks_like_word(surface, self._lemmatizer)]
        if not real and not known and not fired:
            return False
        best = float(fused[mask].max(initial=-np.inf))
        matched = bool(fired) or bool(known)
        if matched:
            return best >= self.config.confidence_threshold
        return best >= self.config.confidence_threshold_unmatched

    def _hit(
        self,
        position: int,
        fused: NDArray[np.float32],
        components: Mapping[str, NDArray[np.float32]],
        words: list[tuple[str, str]],
        filters: Filters | None,
        riasec: Sequence[float] | None,
        fired: Sequence[NeedRule] = (),
        lexicons: Sequence[_Lexicon] = (),
    ) -> Hit:
        document = self.documents[position]
        matched: list[str] = []
        for surface, _ in words:
            if surface not in matched and any(
                lexicon.has(surface, lexicon.bm25.lemma_sets[position]) for lexicon in lexicons
            ):
                matched.append(surface)
        shared: tuple[str, ...] = ()
        if riasec is not None and len(riasec) == 6 and document.riasec is not None:
            user_top = top_types(riasec, count=2, floor=0.0)
            doc_top = set(top_types(document.riasec, count=3, floor=0.0))
            shared = tuple(letter for letter in user_top if letter in doc_top)
        facet_pairs: list[tuple[str, str]] = (
            list(filters.satisfied_facets(document)) if filters else []
        )
        for pair in self._needs.facet_pairs(fired, document):
            if pair not in facet_pairs:
                facet_pairs.append(pair)
        for key, values in document.facets.items():
            for value in sorted(values):
                if (key, value) in NOTABLE_FACETS and (key, value) not in facet_pairs:
                    facet_pairs.append((key, value))
        return Hit(
            id=document.id,
            kind=document.kind,
            title=document.title,
            score=round(float(fused[position]), 4),
            reason=Reason(
                matched_words=tuple(matched), riasec_types=shared, facets=tuple(facet_pairs)
            ),
            components=MappingProxyType(
                {name: round(float(values[position]), 4) for name, values in components.items()}
            ),
        )
