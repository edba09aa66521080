"""Exact inner-product search with faiss, persisted with build metadata and an embedding cache.

Layout of an index directory:

    <index_dir>/<encoder>/vectors.faiss   IndexIDMap2(IndexFlatIP(dim)); faiss id = row
    <index_dir>/<encoder>/meta.json       encoder, version, dim, content hash, build time,
                                          row owners (document ids), checksum of the file
    <index_dir>/cache/<encoder>.npz       embeddings keyed by sha256(encoder+version+text)

Vectors are served only when the metadata matches the current encoder and document set
exactly; anything else is rebuilt (cheaply, from the cache) or refused. The cache, and the
seed folder of shipped vectors it reads before encoding, are in :mod:`matching.embedding_cache`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import faiss
import numpy as np
from numpy.typing import NDArray

# Re-exported (`X as X`): the cache lived in this module before it had its own.
from matching.embedding_cache import ENCODE_BATCH as ENCODE_BATCH
from matching.embedding_cache import EmbeddingCache as EmbeddingCache
from matching.embedding_cache import Progress as Progress
from matching.embedding_cache import cache_key as cache_key
from matching.embedding_cache import read_vectors as read_vectors
from matching.embedding_cache import slug
from matching.embedding_cache import vectors_file as vectors_file
from matching.embedding_cache import write_vectors as write_vectors
from matching.encoders.base import Encoder, Vectors
from matching.errors import IndexUnavailableError
from matching.files import atomic_write, describe

log = logging.getLogger(__name__)

FORMAT_VERSION = 1


def content_hash(rows: Sequence[tuple[str, str]]) -> str:
    """Hash of the (owner id, text) rows, in order: the identity of what was embedded."""
    digest = hashlib.sha256()
    for owner, text in rows:
        digest.update(owner.encode("utf-8"))
        digest.update(b"\x1f")
        digest.update(text.encode("utf-8"))
        digest.update(b"\x1e")
    return digest.hexdigest()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class IndexMeta:
    encoder: str
    version: str
    dim: int
    content_hash: str
    built_at: str
    owners: tuple[str, ...]
    file_sha256: str
    format: int = FORMAT_VERSION

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "encoder": self.encoder,
            "version": self.version,
            "dim": self.dim,
            "content_hash": self.content_hash,
            "built_at": self.built_at,
            "file_sha256": self.file_sha256,
            "owners": list(self.owners),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> IndexMeta:
        return cls(
            encoder=str(data["encoder"]),
            version=str(data["version"]),
            dim=int(data["dim"]),
            content_hash=str(data["content_hash"]),
            built_at=str(data["built_at"]),
            owners=tuple(str(owner) for owner in data["owners"]),
            file_sha256=str(data["file_sha256"]),
            format=int(data["format"]),
        )


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What opening an index did: reused as is, or rebuilt and why."""

    encoder: str
    rebuilt: bool
    reason: str
    encoded: int  # texts sent to the encoder (0 when everything came from the cache)
    seeded: int = 0  # texts taken from the seed folder instead of the encoder


class VectorIndex:
    """One encoder's vectors for a list of rows (text, owner document position).

    A document may own several rows (its full text and its title); its score is the best
    of its rows. Search is exact: every row is scored, which is right below tens of
    thousands of rows.
    """

    def __init__(
        self, encoder: Encoder, index: Any, owners: NDArray[np.int64], n_documents: int
    ) -> None:
        self.encoder = encoder
        self._index = index
        self._owners = owners
        self._n_documents = n_documents
        self._lock = threading.Lock()
        # Faiss ids are row numbers 0..n-1, so the flat storage is the row matrix itself.
        # Scoring every row is one matrix-vector product; faiss.search with k = n spends
        # most of its time keeping a heap of all n results.
        total = int(index.ntotal)
        flat = faiss.downcast_index(index.index) if total else None
        self._matrix: NDArray[np.float32] = (
            np.ascontiguousarray(flat.reconstruct_n(0, total), dtype=np.float32)
            if flat is not None
            else np.zeros((0, encoder.dim), dtype=np.float32)
        )

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    def top(self, query_vector: Vectors, k: int) -> tuple[NDArray[np.float32], NDArray[np.int64]]:
        """faiss top-k rows (scores, row ids): for callers that need only the best few."""
        with self._lock:
            distances, ids = self._index.search(
                query_vector.reshape(1, -1).astype(np.float32), min(k, self.size)
            )
        return distances[0], ids[0]

    def document_vector(self, position: int) -> Vectors | None:
        """A document's own direction: the normalised mean of its rows; None without rows."""
        rows = self._matrix[self._owners == position] if len(self._matrix) else self._matrix
        if not len(rows):
            return None
        mean = rows.mean(axis=0)
        norm = float(np.linalg.norm(mean))
        return (mean / norm).astype(np.float32) if norm else None

    def document_scores(self, query_vector: Vectors) -> NDArray[np.float32]:
        """Cosine of the query with every document: the best of its rows; -1 when it has none."""
        scores = np.full(self._n_documents, -1.0, dtype=np.float32)
        if not len(self._matrix):
            return scores
        row_scores = self._matrix @ query_vector.reshape(-1).astype(np.float32)
        np.maximum.at(scores, self._owners, row_scores)
        return scores

    @classmethod
    def open(
        cls,
        *,
        encoder: Encoder,
        rows: Sequence[tuple[int, str]],
        owner_ids: Sequence[str],
        index_dir: Path | None,
        allow_rebuild: bool = True,
        progress: Progress | None = None,
        force_rebuild: bool = False,
        seed_dir: Path | None = None,
    ) -> tuple[VectorIndex, LoadReport]:
        """Load the persisted index when it matches `rows` exactly, else rebuild or raise.

        `rows` are (document position, text); `owner_ids` maps a position to its id.
        `seed_dir` holds read-only vectors to use before encoding (see the module's doc).
        """
        owners = np.array([position for position, _ in rows], dtype=np.int64)
        keyed = [(owner_ids[position], text) for position, text in rows]
        wanted_hash = content_hash(keyed)
        n_documents = len(owner_ids)
        folder = index_dir / slug(encoder.name) if index_dir is not None else None

        reason = "no index directory" if folder is None else ""
        damaged = False
        if folder is not None and not force_rebuild:
            loaded, reason, damaged = cls._try_load(
                folder, encoder, wanted_hash, [owner for owner, _ in keyed]
            )
            if loaded is not None:
                return cls(encoder, loaded, owners, n_documents), LoadReport(
                    encoder.name, False, "up to date", 0
                )
        elif force_rebuild:
            reason = "rebuild requested"

        if folder is not None and not allow_rebuild:
            raise IndexUnavailableError(f"vector index for {encoder.name} cannot be used: {reason}")

        if damaged:
            log.warning(
                "The vector index of %s is damaged (%s); rebuilding it.", encoder.name, reason
            )
        else:
            log.info("building vector index for %s: %s", encoder.name, reason)
        cache_path = (
            vectors_file(index_dir / "cache", encoder.name) if index_dir is not None else None
        )
        seed = vectors_file(seed_dir, encoder.name) if seed_dir is not None else None
        cache = EmbeddingCache(cache_path, encoder, seed=seed)
        texts = [text for _, text in rows]
        vectors, encoded = cache.embed(texts, progress)
        index = faiss.IndexIDMap2(faiss.IndexFlatIP(encoder.dim))
        if len(vectors):
            index.add_with_ids(vectors, np.arange(len(vectors), dtype=np.int64))
        if folder is not None:
            try:
                cache.save(keep=texts)
                cls._persist(folder, index, encoder, wanted_hash, [owner for owner, _ in keyed])
            except OSError as error:  # a read-only or odd index folder still serves searches
                log.warning(
                    "The vector index of %s cannot be saved in %s (%s); it serves from memory.",
                    encoder.name,
                    folder,
                    describe(error),
                )
        return cls(encoder, index, owners, n_documents), LoadReport(
            encoder.name, True, reason, encoded, cache.seeded
        )

    @staticmethod
    def _try_load(
        folder: Path, encoder: Encoder, wanted_hash: str, owners: list[str]
    ) -> tuple[Any | None, str, bool]:
        """(index or None, why not, whether a file is damaged rather than merely stale)."""
        meta_path = folder / "meta.json"
        vectors_path = folder / "vectors.faiss"
        present = [path.is_file() for path in (meta_path, vectors_path)]
        if not any(present):
            return None, "index files are missing", False
        if not all(present):
            lost = meta_path if not present[0] else vectors_path
            return None, f"{lost.name} is missing", True
        try:
            meta = IndexMeta.from_json(json.loads(meta_path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            return None, f"metadata is unreadable ({describe(error)})", True
        checks = [
            (meta.format == FORMAT_VERSION, "index format changed"),
            (meta.encoder == encoder.name, f"encoder changed ({meta.encoder} → {encoder.name})"),
            (
                meta.version == encoder.version,
                f"encoder version changed ({meta.version} → {encoder.version})",
            ),
            (meta.dim == encoder.dim, f"dimension changed ({meta.dim} → {encoder.dim})"),
            (meta.content_hash == wanted_hash, "documents changed"),
            (list(meta.owners) == owners, "document ids changed"),
        ]
        for ok, why in checks:
            if not ok:
                return None, why, False
        try:
            if _file_sha256(vectors_path) != meta.file_sha256:
                return None, "vector file is corrupt (checksum mismatch)", True
            index = faiss.read_index(str(vectors_path))
        except (OSError, RuntimeError) as error:
            return None, f"vector file is unreadable ({describe(error)})", True
        if index.d != encoder.dim or index.ntotal != len(owners):
            return None, "vector file does not match its metadata", True
        return index, "up to date", False

    @staticmethod
    def _persist(
        folder: Path, index: Any, encoder: Encoder, wanted_hash: str, owners: list[str]
    ) -> None:
        vectors_path = folder / "vectors.faiss"
        atomic_write(vectors_path, lambda tmp: faiss.write_index(index, str(tmp)))
        meta = IndexMeta(
            encoder=encoder.name,
            version=encoder.version,
            dim=encoder.dim,
            content_hash=wanted_hash,
            built_at=datetime.now(UTC).isoformat(timespec="seconds"),
            owners=tuple(owners),
            file_sha256=_file_sha256(vectors_path),
        )
        payload = json.dumps(meta.to_json(), ensure_ascii=False, indent=1)

        def write_meta(tmp: Path) -> None:
            tmp.write_text(payload, encoding="utf-8")

        atomic_write(folder / "meta.json", write_meta)
