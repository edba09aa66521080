"""The encoder protocol and the process-wide cache of loaded models."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Sequence
from typing import Protocol, TypeVar, runtime_checkable

import numpy as np
from numpy.typing import NDArray

Vectors = NDArray[np.float32]


@runtime_checkable
class Encoder(Protocol):
    """A sentence encoder. Both methods return float32 rows of unit length."""

    name: str
    version: str
    dim: int

    def encode_queries(self, texts: Sequence[str]) -> Vectors: ...

    def encode_documents(self, texts: Sequence[str]) -> Vectors: ...


def l2_normalise(matrix: NDArray[np.floating]) -> Vectors:
    """Unit-length float32 rows; a zero row stays zero rather than becoming NaN."""
    out = np.asarray(matrix, dtype=np.float32)
    if out.ndim == 1:
        out = out.reshape(1, -1)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0.0] = 1.0
    return np.ascontiguousarray(out / norms, dtype=np.float32)


T = TypeVar("T")
_MODELS: dict[Hashable, object] = {}
_MODELS_LOCK = threading.Lock()


def cached_model(key: Hashable, factory: Callable[[], T]) -> T:
    """Load a model once per process and configuration; later calls share it."""
    with _MODELS_LOCK:
        if key not in _MODELS:
            _MODELS[key] = factory()
        model: T = _MODELS[key]  # type: ignore[assignment]
        return model
