"""The engine remembers query vectors: a repeated query is not encoded again."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from matching import Document, FakeEncoder, SearchEngine
from matching.query_cache import QueryVectorCache
from tests.matching.conftest import FAKE_CONFIG


def _engine(documents: list[Document], encoder: FakeEncoder, size: int = 2048) -> SearchEngine:
    config = dataclasses.replace(FAKE_CONFIG, query_cache_size=size)
    return SearchEngine(documents, config, encoders=[encoder])


def test_a_repeated_query_does_not_call_the_encoder_again(documents: list[Document]) -> None:
    encoder = FakeEncoder()
    engine = _engine(documents, encoder)
    before = encoder.calls
    first = engine.search("хочу стать сварщиком")
    assert encoder.calls == before + 1
    second = engine.search("хочу стать сварщиком")
    # Same text after normalisation: also a hit.
    third = engine.search("  Хочу стать   СВАРЩИКОМ ")
    assert encoder.calls == before + 1
    assert first == second
    assert [hit.id for hit in third.hits] == [hit.id for hit in first.hits]
    engine.search("повар")
    assert encoder.calls == before + 2


def test_the_cache_is_bounded_and_drops_the_least_recently_used(
    documents: list[Document],
) -> None:
    encoder = FakeEncoder()
    engine = _engine(documents, encoder, size=2)
    for query in ["сварщик", "повар", "сварщик", "программист", "сварщик"]:
        engine.search(query)
    start = encoder.calls
    engine.search("сварщик")  # used most recently: kept
    assert encoder.calls == start
    engine.search("повар")  # dropped when «программист» came in
    assert encoder.calls == start + 1


def test_size_zero_turns_the_cache_off(documents: list[Document]) -> None:
    encoder = FakeEncoder()
    engine = _engine(documents, encoder, size=0)
    start = encoder.calls
    engine.search("сварщик")
    engine.search("сварщик")
    assert encoder.calls == start + 2


def test_cached_vectors_cannot_be_changed_by_a_caller() -> None:
    cache = QueryVectorCache(4)
    vector = cache.get("текст", lambda text: np.ones(3, dtype=np.float32))
    with pytest.raises(ValueError, match="read-only"):
        vector[0] = 5.0
    with pytest.raises(ValueError, match="negative"):
        QueryVectorCache(-1)


@pytest.mark.parametrize("size", [8, 64])
def test_threads_share_the_cache_and_get_the_same_answers(
    documents: list[Document], size: int
) -> None:
    encoder = FakeEncoder()
    engine = _engine(documents, encoder, size=size)
    queries = [f"{word} {n}" for n in range(6) for word in ("сварщик", "повар", "бухгалтер")]
    expected = {query: _engine(documents, FakeEncoder()).search(query) for query in queries}
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(engine.search, queries * 20))
    assert all(result == expected[result.query] for result in results)
    assert len(engine._query_vectors["fake"]) == min(size, len(queries))
    if size >= len(queries):
        # Every query is cached now: another concurrent round encodes nothing.
        start = encoder.calls
        with ThreadPoolExecutor(max_workers=8) as pool:
            again = list(pool.map(engine.search, queries * 5))
        assert encoder.calls == start
        assert all(result == expected[result.query] for result in again)
