"""Every file of the index folder, damaged in every usual way: the engine still starts and
answers, rebuilding what the file held and saying so in one WARNING sentence."""

from __future__ import annotations

import dataclasses
import logging
import shutil
from pathlib import Path

import numpy as np
import pytest

from matching import Document, FakeEncoder, IndexUnavailableError, SearchEngine
from tests.matching.conftest import FAKE_CONFIG

FILES = {
    "vectors.faiss": Path("fake") / "vectors.faiss",
    "meta.json": Path("fake") / "meta.json",
    "lexical.npz": Path("lexical.npz"),
    "cache": Path("cache") / "fake.npz",
}
DAMAGE = ["truncate", "zero-bytes", "garble", "garble-tail", "directory"]


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif how == "zero-bytes":
        path.write_bytes(b"")
    elif how in ("garble", "garble-tail"):
        # In the middle: inside the members' data. Near the end: the zip's central directory.
        start = len(data) // 3 if how == "garble" else max(len(data) - 120, 0)
        garbled = bytearray(data)
        for position in range(start, min(start + 60, len(garbled))):
            garbled[position] ^= 0xA5
        path.write_bytes(bytes(garbled))
    else:
        path.unlink()
        path.mkdir()
        (path / "stray").write_text("not an index file", encoding="utf-8")


def _engine(documents: list[Document], folder: Path, encoder: FakeEncoder) -> SearchEngine:
    return SearchEngine(documents, FAKE_CONFIG, index_dir=folder, encoders=[encoder])


def _edited(documents: list[Document]) -> list[Document]:
    """One document changed: the vector index must be rebuilt, so the cache is read."""
    return [
        dataclasses.replace(d, text=d.text + " Работа в цеху.") if d.id == "15.02.16" else d
        for d in documents
    ]


def _warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [
        record
        for record in caplog.records
        if record.levelno >= logging.WARNING and record.name.startswith("matching")
    ]


@pytest.mark.parametrize("how", DAMAGE)
@pytest.mark.parametrize("kind", list(FILES))
def test_a_damaged_index_file_is_rebuilt_with_one_warning(
    documents: list[Document],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    kind: str,
    how: str,
) -> None:
    folder = tmp_path / "index"
    reference = _engine(documents, folder, FakeEncoder()).search("сварщик")
    _damage(folder / FILES[kind], how)
    # A damaged cache matters only when vectors must be built: edit a document for that.
    served = _edited(documents) if kind == "cache" else documents

    caplog.clear()
    with caplog.at_level(logging.INFO):
        engine = _engine(served, folder, FakeEncoder())
        result = engine.search("сварщик")

    assert result.hits and result.hits[0].id == "15.01.05"
    if kind != "cache":
        assert result == reference
    warnings = _warnings(caplog)
    assert len(warnings) >= 1
    for record in warnings:
        message = record.getMessage()
        assert record.exc_info is None and "Traceback" not in message
        assert "\n" not in message
        assert message.endswith(".")
    if how != "directory":
        # The rebuild repaired the file: the next start reuses everything silently.
        caplog.clear()
        again = _engine(served, folder, FakeEncoder())
        assert not _warnings(caplog)
        assert not again.load_reports[0].rebuilt
        assert again.search("сварщик") == result


@pytest.mark.parametrize("how", ["truncate", "zero-bytes", "garble"])
def test_a_damaged_cache_is_dropped_and_its_texts_encoded_again(
    documents: list[Document], tmp_path: Path, caplog: pytest.LogCaptureFixture, how: str
) -> None:
    folder = tmp_path / "index"
    _engine(documents, folder, FakeEncoder())
    _damage(folder / FILES["cache"], how)
    encoder = FakeEncoder()
    with caplog.at_level(logging.WARNING):
        engine = _engine(_edited(documents), folder, encoder)
    report = engine.load_reports[0]
    assert report.rebuilt
    assert report.encoded == encoder.calls > 1  # everything, not just the edited document
    assert any("cache" in record.getMessage() for record in _warnings(caplog))


@pytest.mark.parametrize("kind", ["vectors.faiss", "meta.json"])
@pytest.mark.parametrize("how", ["truncate", "zero-bytes"])
def test_a_damaged_vector_index_is_refused_in_one_sentence_when_rebuilding_is_off(
    documents: list[Document], tmp_path: Path, kind: str, how: str
) -> None:
    folder = tmp_path / "index"
    _engine(documents, folder, FakeEncoder())
    _damage(folder / FILES[kind], how)
    with pytest.raises(IndexUnavailableError) as caught:
        SearchEngine(
            documents,
            FAKE_CONFIG,
            index_dir=folder,
            encoders=[FakeEncoder()],
            allow_rebuild=False,
        )
    assert "\n" not in str(caught.value)


def test_lexical_arrays_pointing_outside_the_documents_are_rebuilt(
    documents: list[Document], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A well-formed file with wrong contents would only fail inside a user's search."""
    folder = tmp_path / "index"
    reference = _engine(documents, folder, FakeEncoder()).search("сварщик ЧПУ")
    path = folder / "lexical.npz"
    with np.load(path) as stored:
        arrays = {key: stored[key] for key in stored.files}
    arrays["bm25_positions"] = arrays["bm25_positions"] + 1000
    shutil.copy(path, tmp_path / "original.npz")
    with path.open("wb") as handle:
        np.savez(handle, **arrays)
    with caplog.at_level(logging.WARNING):
        engine = _engine(documents, folder, FakeEncoder())
    assert engine.search("сварщик ЧПУ") == reference
    assert any("lexical" in record.getMessage() for record in _warnings(caplog))


def test_a_read_only_index_folder_still_serves(
    documents: list[Document], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "index"
    folder.write_text("a file where the folder should be", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        engine = _engine(documents, folder, FakeEncoder())
    assert engine.search("сварщик").hits[0].id == "15.01.05"
    assert _warnings(caplog)
