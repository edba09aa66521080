"""What tunes the search engine, and the names of its retrievers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from matching.needs import DEFAULT_NEED_RULES, NeedRule

# Retriever names: the keys of `EngineConfig.weights` and of a hit's components.
BM25 = "bm25"
CHARGRAM = "chargram"
NEEDS = "needs"
LEXICAL = (BM25, CHARGRAM)


def _default_weights() -> Mapping[str, float]:
    return MappingProxyType({"e5": 1.0, "use": 1.0, BM25: 0.35, CHARGRAM: 0.35, NEEDS: 2.0})


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """Everything that tunes the engine. Weights are per retriever name.

    `confidence_threshold` applies to the best fused score, which is in z units (how many
    standard deviations the best document stands above the candidates on average).
    """

    encoders: tuple[str, ...] = ("e5", "use")
    weights: Mapping[str, float] = field(default_factory=_default_weights)
    riasec_weight: float = 0.15
    # Calibrated on the dev set, the project's cases and small talk / keyboard mashing:
    # a query with catalogue words needs the lower bar, one without (English, rare words)
    # the higher.
    confidence_threshold: float = 1.2
    confidence_threshold_unmatched: float = 2.2
    max_query_words: int = 100
    max_document_chars: int = 2000
    # Per-encoder caps on the document text; e5 gets a short one because its cost grows
    # steeply with length. Put what matters most at the start of a document's text.
    encoder_max_chars: Mapping[str, int] = field(
        default_factory=lambda: MappingProxyType({"e5": 700})
    )
    title_vectors: bool = True  # also embed each title alone; a document scores its best row
    # The same programme title at several centres shows once (the best-scoring one);
    # a region filter normally makes such repeats rare anyway.
    collapse_titles: bool = True
    # One BLAS thread for USE inside the engine: a single query gains nothing from two,
    # and two OpenBLAS threads spinning beside e5's OpenMP threads on a 2-core machine
    # raised p95 search latency from ~38 ms to ~180 ms.
    use_threads: int = 1
    need_rules: tuple[NeedRule, ...] = DEFAULT_NEED_RULES
    # Query vectors kept per encoder: buttons send the same texts over and over, and an
    # e5 encoding costs 10–40 ms. 2048 vectors of e5 and USE take about 7 MB.
    query_cache_size: int = 2048
