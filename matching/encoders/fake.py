"""A deterministic encoder for fast tests: hashed character n-grams, no model at all."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from matching.encoders.base import Vectors, l2_normalise
from matching.text import normalise


class FakeEncoder:
    """Texts that share character trigrams get similar vectors, which is enough for tests."""

    def __init__(self, dim: int = 64, name: str = "fake", version: str = "1") -> None:
        self.name = name
        self.version = version
        self.dim = dim
        self.calls = 0  # how many texts were encoded: tests check the embedding cache with it

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        padded = f"  {normalise(text)}  "
        for start in range(len(padded) - 2):
            gram = padded[start : start + 3].encode("utf-8")
            digest = hashlib.blake2b(gram, digest_size=8).digest()
            slot = int.from_bytes(digest[:4], "little") % self.dim
            sign = 1.0 if digest[4] & 1 else -1.0
            vector[slot] += sign
        return vector

    def _encode(self, texts: Sequence[str]) -> Vectors:
        self.calls += len(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return l2_normalise(np.stack([self._vector(text) for text in texts]))

    def encode_queries(self, texts: Sequence[str]) -> Vectors:
        return self._encode(texts)

    def encode_documents(self, texts: Sequence[str]) -> Vectors:
        return self._encode(texts)
