"""Exact inner-product search with faiss, persisted with build metadata and an embedding cache.

Layout of an index directory:

    <index_dir>/<encoder>/vectors.faiss   IndexIDMap2(IndexFlatIP(dim)); faiss id = row
    <index_dir>/<encoder>/meta.json       encoder, version, dim, content hash, build time,
                                          row owners (document ids), checksum of the file
    <index_dir>/cache/<encoder>.npz       embeddings keyed by sha256(encoder+version+text)

Vectors are served only when the metadata matches the current encoder and document set
exactly; anything else is rebuilt (cheaply, from the cache) or refused.

A seed folder (read-only, e.g. shipped inside the application's package) may hold
`<encoder>.npz` files in the cache's format: a text missing from the cache is taken from
the seed before it is sent to the encoder, so a first start need not encode a catalogue
whose vectors were shipped.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import faiss
import numpy as np
from numpy.typing import NDArray

from matching.encoders.base import Encoder, Vectors
from matching.errors import IndexUnavailableError
from matching.files import UnreadableFileError, atomic_write, describe, read_arrays

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
ENCODE_BATCH = 32

Progress = Callable[[str, int, int], None]  # (encoder name, done, total)


def content_hash(rows: Sequence[tuple[str, str]]) -> str:
    """Hash of the (owner id, text) rows, in order: the identity of what was embedded."""
    digest = hashlib.sha256()
    for owner, text in rows:
        digest.update(owner.encode("utf-8"))
        digest.update(b"\x1f")
        digest.update(text.encode("utf-8"))
        digest.update(b"\x1e")
    return digest.hexdigest()


def cache_key(encoder_name: str, encoder_version: str, text: str) -> str:
    """The key of a text's embedding in the cache and in seed files."""
    payload = f"{encoder_name}\x1f{encoder_version}\x1f{text}"
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:80] or "encoder"


def vectors_file(folder: Path, encoder_name: str) -> Path:
    """Where a cache folder or a seed folder keeps one encoder's embeddings."""
    return folder / f"{_slug(encoder_name)}.npz"


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_vectors(path: Path, dim: int) -> dict[str, NDArray[np.float32]]:
    """Embeddings by key from a cache or seed file; UnreadableFileError if it is unusable."""
    arrays = read_arrays(path, ("keys", "vectors"))
    keys, vectors = arrays["keys"], arrays["vectors"]
    if vectors.ndim != 2 or vectors.shape[1] != dim or keys.ndim != 1:
        raise UnreadableFileError(f"its vectors do not have the encoder's dimension {dim}")
    if len(keys) != len(vectors):
        raise UnreadableFileError("it has a different number of keys and vectors")
    if vectors.dtype.kind != "f" or not np.isfinite(vectors).all():
        raise UnreadableFileError("its vectors are not finite numbers")
    matrix = np.asarray(vectors, dtype=np.float32)
    return {str(key): row for key, row in zip(keys, matrix, strict=True)}


def write_vectors(
    path: Path, vectors: Mapping[str, NDArray[np.float32]], dim: int, *, compress: bool = False
) -> None:
    """Write embeddings by key, atomically; sorted keys make the file reproducible."""
    keys = sorted(vectors)
    matrix = (
        np.stack([vectors[key] for key in keys]).astype(np.float32)
        if keys
        else np.zeros((0, dim), dtype=np.float32)
    )
    save = np.savez_compressed if compress else np.savez

    def write(tmp: Path) -> None:
        with tmp.open("wb") as handle:
            save(handle, keys=np.array(keys, dtype="U64"), vectors=matrix)

    atomic_write(path, write)


class EmbeddingCache:
    """Document embeddings on disk, keyed by sha256(encoder name + version + text).

    Re-indexing after one changed document encodes only that document. A damaged cache
    file is dropped (its texts are encoded again), never a reason to fail.
    """

    def __init__(self, path: Path | None, encoder: Encoder, *, seed: Path | None = None) -> None:
        self._path = path
        self._encoder = encoder
        self._seed = seed
        self._vectors: dict[str, NDArray[np.float32]] = {}
        self._dirty = False
        self.seeded = 0  # texts taken from the seed file instead of the encoder
        if path is not None and path.exists():
            self._load(path)

    def key(self, text: str) -> str:
        return cache_key(self._encoder.name, self._encoder.version, text)

    def _load(self, path: Path) -> None:
        try:
            self._vectors = read_vectors(path, self._encoder.dim)
        except UnreadableFileError as error:
            log.warning(
                "The embedding cache %s is unreadable (%s); it is dropped and its texts "
                "will be encoded again.",
                path,
                error,
            )
            self._dirty = True  # rewrite it, so the next start does not warn again

    def _take_from_seed(self, missing: dict[str, str]) -> None:
        """Move the missing texts that the seed holds into the cache (and out of `missing`)."""
        if self._seed is None or not missing or not self._seed.exists():
            return
        try:
            seed = read_vectors(self._seed, self._encoder.dim)
        except UnreadableFileError as error:
            log.warning(
                "The seed vectors %s are unreadable (%s); the texts will be encoded instead.",
                self._seed,
                error,
            )
            return
        for key in [key for key in missing if key in seed]:
            self._vectors[key] = seed[key]
            del missing[key]
            self.seeded += 1
            self._dirty = True

    def embed(self, texts: Sequence[str], progress: Progress | None = None) -> tuple[Vectors, int]:
        """Vectors for the texts, encoding only those not cached. Returns (vectors, n encoded)."""
        keys = [self.key(text) for text in texts]
        missing: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in self._vectors and key not in missing:
                missing[key] = text
        self._take_from_seed(missing)
        pending = list(missing.items())
        total = len(pending)
        if progress is not None:
            progress(self._encoder.name, 0, total)
        for start in range(0, total, ENCODE_BATCH):
            batch = pending[start : start + ENCODE_BATCH]
            encoded = self._encoder.encode_documents([text for _, text in batch])
            for (key, _), vector in zip(batch, encoded, strict=True):
                self._vectors[key] = vector
            self._dirty = True
            if progress is not None:
                progress(self._encoder.name, min(start + ENCODE_BATCH, total), total)
        if not keys:
            return np.zeros((0, self._encoder.dim), dtype=np.float32), total
        return np.stack([self._vectors[key] for key in keys]).astype(np.float32), total

    def save(self, keep: Sequence[str] | None = None) -> None:
        """Write the cache; with `keep`, drop entries of texts no longer indexed."""
        if self._path is None or (not self._dirty and keep is None):
            return
        if keep is not None:
            wanted = {self.key(text) for text in keep}
            self._vectors = {key: value for key, value in self._vectors.items() if key in wanted}
        write_vectors(self._path, self._vectors, self._encoder.dim)
        self._dirty = False

    def export(self, path: Path, texts: Sequence[str]) -> None:
        """Write exactly the texts' embeddings, compressed: a seed file to ship."""
        wanted = {self.key(text) for text in texts}
        absent = wanted - set(self._vectors)
        if absent:
            raise ValueError(f"{len(absent)} of the texts are not embedded yet; call embed first")
        chosen = {key: self._vectors[key] for key in wanted}
        write_vectors(path, chosen, self._encoder.dim, compress=True)
        path.chmod(0o644)  # a file to ship and read by anyone, not a private temporary one


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
        folder = index_dir / _slug(encoder.name) if index_dir is not None else None

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
