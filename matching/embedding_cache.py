"""Document embeddings on disk, keyed by text, so that re-indexing encodes only what changed.

A cache file and a seed file have one format: ``<encoder>.npz`` with the arrays ``keys``
(sha256 of encoder name, version and text) and ``vectors``. A seed folder (read-only, e.g.
shipped inside the application's package) may hold such files: a text missing from the
cache is taken from the seed before it is sent to the encoder, so a first start need not
encode a catalogue whose vectors were shipped.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from matching.encoders.base import Encoder, Vectors
from matching.files import UnreadableFileError, atomic_write, read_arrays

log = logging.getLogger(__name__)

ENCODE_BATCH = 32

Progress = Callable[[str, int, int], None]  # (encoder name, done, total)


def cache_key(encoder_name: str, encoder_version: str, text: str) -> str:
    """The key of a text's embedding in the cache and in seed files."""
    payload = f"{encoder_name}\x1f{encoder_version}\x1f{text}"
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def slug(name: str) -> str:
    """An encoder name made safe for a file or folder name."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:80] or "encoder"


def vectors_file(folder: Path, encoder_name: str) -> Path:
    """Where a cache folder or a seed folder keeps one encoder's embeddings."""
    return folder / f"{slug(encoder_name)}.npz"


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
