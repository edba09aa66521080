"""The default offline encoders on the small fixture catalogue (no network needed)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from matching import Document, E5Encoder, Filters, SearchEngine, UseEncoder

pytestmark = pytest.mark.models

SUGGESTIONS = Filters(kinds=frozenset({"profession", "specialty", "programme"}))


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> SearchEngine:
    from tests.matching.conftest import fixture_documents

    documents: list[Document] = fixture_documents()
    return SearchEngine(documents, index_dir=tmp_path_factory.mktemp("index"))


def test_encoders_return_unit_float32_rows() -> None:
    for encoder in (E5Encoder(), UseEncoder(threads=1)):
        vectors = encoder.encode_queries(["хочу стать сварщиком", "I want to be a cook"])
        assert vectors.dtype == np.float32 and vectors.shape == (2, encoder.dim)
        np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
        assert encoder.encode_documents([]).shape == (0, encoder.dim)


def test_e5_uses_query_and_passage_prefixes() -> None:
    encoder = E5Encoder()
    text = "сварщик"
    assert not np.allclose(encoder.encode_queries([text]), encoder.encode_documents([text]))


def test_models_load_once_per_process() -> None:
    assert E5Encoder()._model is E5Encoder()._model
    assert UseEncoder(threads=2)._model is UseEncoder(threads=2)._model


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("хочу варить металл", "Сварщик"),
        ("I want to be a cook", "Повар"),
        ("хочу управлять дронами", "Оператор БПЛА"),
        ("хочу помогать врачам в больнице", "Медицинская сестра"),
        ("пенсионер, хочу разобраться с телефоном", "Смартфон"),
    ],
)
def test_real_encoders_find_the_obvious_answer(
    engine: SearchEngine, query: str, expected: str
) -> None:
    result = engine.search(query, filters=SUGGESTIONS, top_n=3)
    assert any(hit.title.startswith(expected) for hit in result.hits[:2]), result.hits
    assert result.confident


@pytest.mark.parametrize("query", ["", "🙂", "ываыва", "не знаю", "123"])
def test_real_encoders_are_not_confident_on_noise(engine: SearchEngine, query: str) -> None:
    assert not engine.search(query, filters=SUGGESTIONS).confident


def test_second_engine_reuses_the_index(engine: SearchEngine, tmp_path: Path) -> None:
    from tests.matching.conftest import fixture_documents

    first = SearchEngine(fixture_documents(), index_dir=tmp_path)
    second = SearchEngine(fixture_documents(), index_dir=tmp_path)
    assert all(report.rebuilt for report in first.load_reports)
    assert not any(report.rebuilt for report in second.load_reports)
    query = "хочу стать бухгалтером"
    assert first.search(query) == second.search(query)
