"""Seed vectors: a first start takes shipped vectors instead of encoding the documents."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import numpy as np
import pytest

from matching import Document, EngineConfig, FakeEncoder, SearchEngine
from matching.engine import embedding_rows
from matching.vector_index import EmbeddingCache, read_vectors, vectors_file
from tests.matching.conftest import FAKE_CONFIG


def _texts(documents: list[Document], config: EngineConfig = FAKE_CONFIG) -> list[str]:
    return [text for _, text in embedding_rows(documents, config, "fake")]


def _write_seed(documents: list[Document], folder: Path, encoder: FakeEncoder) -> Path:
    texts = _texts(documents)
    cache = EmbeddingCache(None, encoder)
    cache.embed(texts)
    path = vectors_file(folder, encoder.name)
    cache.export(path, texts)
    return path


def _engine(
    documents: list[Document], index_dir: Path, encoder: FakeEncoder, seed_dir: Path | None
) -> SearchEngine:
    return SearchEngine(
        documents, FAKE_CONFIG, index_dir=index_dir, encoders=[encoder], seed_dir=seed_dir
    )


def test_a_first_start_with_a_seed_encodes_nothing_and_answers_the_same(
    documents: list[Document], tmp_path: Path
) -> None:
    seed_dir = tmp_path / "seed"
    _write_seed(documents, seed_dir, FakeEncoder())
    encoder = FakeEncoder()
    seeded = _engine(documents, tmp_path / "index", encoder, seed_dir)
    report = seeded.load_reports[0]
    assert encoder.calls == 0 and report.encoded == 0
    assert report.rebuilt and report.seeded == len(set(_texts(documents)))
    unseeded = _engine(documents, tmp_path / "plain", FakeEncoder(), None)
    for query in ["сварщик", "хочу печь торты", "работа за компьютером"]:
        assert seeded.search(query) == unseeded.search(query)
    # The seeded vectors went into the user's cache: the seed is not needed any more.
    again = FakeEncoder()
    _engine(documents, tmp_path / "index", again, None)
    assert again.calls == 0


def test_documents_the_seed_lacks_are_encoded(documents: list[Document], tmp_path: Path) -> None:
    seed_dir = tmp_path / "seed"
    _write_seed(documents, seed_dir, FakeEncoder())
    edited = [
        dataclasses.replace(d, text=d.text + " Новая строка.") if d.id == "15.01.05" else d
        for d in documents
    ]
    encoder = FakeEncoder()
    report = _engine(edited, tmp_path / "index", encoder, seed_dir).load_reports[0]
    assert report.encoded == encoder.calls == 1


def test_a_seed_of_another_encoder_version_is_not_used(
    documents: list[Document], tmp_path: Path
) -> None:
    seed_dir = tmp_path / "seed"
    _write_seed(documents, seed_dir, FakeEncoder(version="0"))
    encoder = FakeEncoder()
    report = _engine(documents, tmp_path / "index", encoder, seed_dir).load_reports[0]
    assert report.seeded == 0 and report.encoded == encoder.calls > 0


@pytest.mark.parametrize("damage", ["zero-bytes", "truncate", "wrong-dimension"])
def test_a_damaged_seed_is_ignored_with_a_warning(
    documents: list[Document], tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: str
) -> None:
    seed_dir = tmp_path / "seed"
    path = _write_seed(documents, seed_dir, FakeEncoder())
    if damage == "zero-bytes":
        path.write_bytes(b"")
    elif damage == "truncate":
        path.write_bytes(path.read_bytes()[:200])
    else:
        _write_seed(documents, seed_dir, FakeEncoder(dim=16))
    encoder = FakeEncoder()
    with caplog.at_level(logging.WARNING):
        engine = _engine(documents, tmp_path / "index", encoder, seed_dir)
    assert engine.load_reports[0].seeded == 0 and encoder.calls > 0
    assert engine.search("сварщик").hits[0].id == "15.01.05"
    assert any("seed" in record.getMessage() for record in caplog.records)


def test_a_missing_seed_file_is_not_an_error(documents: list[Document], tmp_path: Path) -> None:
    engine = _engine(documents, tmp_path / "index", FakeEncoder(), tmp_path / "nowhere")
    assert engine.load_reports[0].seeded == 0


def test_the_seed_keeps_exact_float32_vectors(documents: list[Document], tmp_path: Path) -> None:
    encoder = FakeEncoder()
    path = _write_seed(documents, tmp_path, encoder)
    stored = read_vectors(path, encoder.dim)
    texts = sorted(set(_texts(documents)))
    cache = EmbeddingCache(None, FakeEncoder())
    assert sorted(stored) == sorted(cache.key(text) for text in texts)
    expected = encoder.encode_documents(texts)
    for text, vector in zip(texts, expected, strict=True):
        assert stored[cache.key(text)].dtype == np.float32
        assert np.array_equal(stored[cache.key(text)], vector)


def test_export_refuses_texts_that_were_not_embedded(tmp_path: Path) -> None:
    cache = EmbeddingCache(None, FakeEncoder())
    cache.embed(["сварщик"])
    with pytest.raises(ValueError, match="not embedded"):
        cache.export(tmp_path / "fake.npz", ["сварщик", "повар"])
