"""The vector index: persistence, metadata checks, corrupt files and the embedding cache."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from matching import Document, FakeEncoder, IndexUnavailableError, SearchEngine
from matching.vector_index import VectorIndex
from tests.matching.conftest import FAKE_CONFIG


class RandomEncoder:
    """Random unit vectors, fixed per text: the index must not care where vectors come from."""

    def __init__(self, dim: int = 32, version: str = "1") -> None:
        self.name = "random"
        self.version = version
        self.dim = dim
        self.calls = 0

    def _vector(self, text: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
        vector = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
        return vector / np.linalg.norm(vector)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        self.calls += len(texts)
        return (
            np.stack([self._vector(text) for text in texts])
            if texts
            else np.zeros((0, self.dim), np.float32)
        )

    encode_documents = encode_queries


def _open(
    encoder: object,
    rows: list[tuple[int, str]],
    owners: list[str],
    index_dir: Path | None,
    **kwargs: object,
) -> tuple[VectorIndex, object]:
    return VectorIndex.open(
        encoder=encoder, rows=rows, owner_ids=owners, index_dir=index_dir, **kwargs
    )  # type: ignore[arg-type]


def test_scores_match_brute_force_on_random_vectors(tmp_path: Path) -> None:
    encoder = RandomEncoder()
    texts = [f"документ {i}" for i in range(50)]
    rows = [(i, text) for i, text in enumerate(texts)] + [(0, "второй ряд первого документа")]
    index, _ = _open(encoder, rows, [f"d{i}" for i in range(50)], tmp_path)
    query = encoder.encode_queries(["запрос"])[0]
    scores = index.document_scores(query)
    matrix = encoder.encode_documents(texts)
    expected = matrix @ query
    expected[0] = max(
        expected[0], float(encoder.encode_documents(["второй ряд первого документа"])[0] @ query)
    )
    np.testing.assert_allclose(scores, expected, rtol=1e-5, atol=1e-5)


def test_second_open_reuses_the_persisted_index(tmp_path: Path) -> None:
    encoder = RandomEncoder()
    rows = [(0, "а"), (1, "б")]
    _, first = _open(encoder, rows, ["a", "b"], tmp_path)
    calls = encoder.calls
    _, second = _open(encoder, rows, ["a", "b"], tmp_path)
    assert first.rebuilt and not second.rebuilt  # type: ignore[attr-defined]
    assert encoder.calls == calls
    meta = json.loads((tmp_path / "random" / "meta.json").read_text(encoding="utf-8"))
    assert meta["encoder"] == "random" and meta["dim"] == 32 and meta["owners"] == ["a", "b"]
    assert meta["content_hash"] and meta["built_at"]


@pytest.mark.parametrize("change", ["version", "dim", "documents", "ids"])
def test_any_metadata_mismatch_rebuilds(tmp_path: Path, change: str) -> None:
    rows = [(0, "сварщик"), (1, "повар")]
    owners = ["a", "b"]
    _open(RandomEncoder(), rows, owners, tmp_path)
    encoder = RandomEncoder()
    if change == "version":
        encoder = RandomEncoder(version="2")
    elif change == "dim":
        encoder = RandomEncoder(dim=16)
    elif change == "documents":
        rows = [(0, "сварщик"), (1, "пекарь")]
    else:
        owners = ["a", "c"]
    index, report = _open(encoder, rows, owners, tmp_path)
    assert report.rebuilt  # type: ignore[attr-defined]
    assert index.size == 2
    with pytest.raises(IndexUnavailableError):
        _open(RandomEncoder(version="3"), rows, owners, tmp_path, allow_rebuild=False)


@pytest.mark.parametrize("damage", ["garbage", "truncate", "missing", "bad-json"])
def test_corrupt_or_missing_files_are_rebuilt_or_refused(tmp_path: Path, damage: str) -> None:
    rows = [(0, "сварщик"), (1, "повар"), (2, "программист")]
    owners = ["a", "b", "c"]
    _open(RandomEncoder(), rows, owners, tmp_path)
    vectors = tmp_path / "random" / "vectors.faiss"
    meta = tmp_path / "random" / "meta.json"
    if damage == "garbage":
        vectors.write_bytes(b"not a faiss index at all")
    elif damage == "truncate":
        vectors.write_bytes(vectors.read_bytes()[:100])
    elif damage == "missing":
        vectors.unlink()
    else:
        meta.write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexUnavailableError):
        _open(RandomEncoder(), rows, owners, tmp_path, allow_rebuild=False)
    index, report = _open(RandomEncoder(), rows, owners, tmp_path)
    assert report.rebuilt and index.size == 3  # type: ignore[attr-defined]
    _, again = _open(RandomEncoder(), rows, owners, tmp_path)
    assert not again.rebuilt  # type: ignore[attr-defined]


def test_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    rows = [(0, "сварщик")]
    _open(RandomEncoder(), rows, ["a"], tmp_path)
    (tmp_path / "cache" / "random.npz").write_bytes(b"junk")
    _, report = _open(RandomEncoder(), rows, ["a"], tmp_path, force_rebuild=True)
    assert report.rebuilt and report.encoded == 1  # type: ignore[attr-defined]


def test_reindex_after_one_change_encodes_only_that_document(
    documents: list[Document], tmp_path: Path
) -> None:
    encoder = FakeEncoder()
    engine = SearchEngine(documents, FAKE_CONFIG, index_dir=tmp_path, encoders=[encoder])
    assert engine.load_reports[0].rebuilt
    encoded_first = encoder.calls
    assert encoded_first > len(documents)  # full texts and titles

    changed = [
        dataclasses.replace(d, text=d.text + " Новое предложение.") if d.id == "15.01.05" else d
        for d in documents
    ]
    engine = SearchEngine(changed, FAKE_CONFIG, index_dir=tmp_path, encoders=[encoder])
    report = engine.load_reports[0]
    assert report.rebuilt and report.encoded == 1
    assert encoder.calls == encoded_first + 1 + 0  # queries were not run

    engine = SearchEngine(changed, FAKE_CONFIG, index_dir=tmp_path, encoders=[encoder])
    assert not engine.load_reports[0].rebuilt


def test_no_index_dir_builds_in_memory(documents: list[Document]) -> None:
    engine = SearchEngine(documents, FAKE_CONFIG, index_dir=None, encoders=[FakeEncoder()])
    assert engine.search("сварщик").hits[0].id == "15.01.05"


def test_duplicate_ids_are_refused(documents: list[Document]) -> None:
    with pytest.raises(ValueError, match="duplicate"):
        SearchEngine([*documents, documents[0]], FAKE_CONFIG, encoders=[FakeEncoder()])


def test_top_k_agrees_with_full_scores(tmp_path: Path) -> None:
    encoder = RandomEncoder()
    rows = [(i, f"текст {i}") for i in range(30)]
    index, _ = _open(encoder, rows, [f"d{i}" for i in range(30)], tmp_path)
    query = encoder.encode_queries(["запрос"])[0]
    _, ids = index.top(query, 5)
    assert list(ids) == list(np.argsort(-index.document_scores(query), kind="stable")[:5])


def test_lexical_index_is_persisted_and_checked(documents: list[Document], tmp_path: Path) -> None:
    first = SearchEngine(documents, FAKE_CONFIG, index_dir=tmp_path, encoders=[FakeEncoder()])
    assert (tmp_path / "lexical.npz").exists()
    second = SearchEngine(documents, FAKE_CONFIG, index_dir=tmp_path, encoders=[FakeEncoder()])
    for query in ["сварщик", "ЧПУ", "пограмист", "спина болит"]:
        assert first.search(query) == second.search(query)
    (tmp_path / "lexical.npz").write_bytes(b"junk")
    third = SearchEngine(documents, FAKE_CONFIG, index_dir=tmp_path, encoders=[FakeEncoder()])
    assert third.search("сварщик") == first.search("сварщик")
    changed = [dataclasses.replace(d, keywords="") for d in documents]
    fourth = SearchEngine(changed, FAKE_CONFIG, index_dir=tmp_path, encoders=[FakeEncoder()])
    # Stale lexical data would still know the English keyword that was removed.
    assert first.search("welder").hits[0].reason.matched_words == ("welder",)
    assert all(hit.reason.matched_words == () for hit in fourth.search("welder").hits)
