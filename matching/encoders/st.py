"""Optional backend: any sentence-transformers model by hub name or local folder.

torch and sentence-transformers are an optional extra (`careerbot[st]`), so they are
imported only when this encoder is built.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from matching.encoders.base import Vectors, cached_model, l2_normalise
from matching.errors import EncoderUnavailableError


def _load(model: str, device: str) -> Any:
    try:
        # Optional and heavy (torch): imported only when this backend is chosen.
        module = importlib.import_module("sentence_transformers")
    except ImportError as error:
        raise EncoderUnavailableError(
            "sentence-transformers is not installed; install the `st` extra"
        ) from error
    try:
        return module.SentenceTransformer(model, device=device)
    except OSError as error:
        raise EncoderUnavailableError(
            f"cannot load sentence-transformers model {model!r}"
        ) from error


class SentenceTransformerEncoder:
    """`query_prefix` / `document_prefix` serve models trained with prefixes (e5, bge)."""

    def __init__(
        self,
        model: str | Path,
        *,
        device: str = "cpu",
        query_prefix: str = "",
        document_prefix: str = "",
        batch_size: int = 32,
    ) -> None:
        spec = str(model)
        self._model = cached_model(("st", spec, device), lambda: _load(spec, device))
        self._lock = threading.Lock()
        self._query_prefix = query_prefix
        self._document_prefix = document_prefix
        self._batch_size = batch_size
        self.name, self.version = self.identity(spec)
        # Renamed in sentence-transformers 6; older releases only have the long name.
        getter = (
            getattr(self._model, "get_embedding_dimension", None)
            or self._model.get_sentence_embedding_dimension
        )
        dim = getter()
        if dim is None:  # pragma: no cover - only odd custom models lack it
            dim = int(self._model.encode(["x"]).shape[1])
        self.dim = int(dim)

    @staticmethod
    def identity(model: str | Path) -> tuple[str, str]:
        """(name, version) without loading the model: what cached vectors are keyed by."""
        spec = str(model)
        return f"st:{Path(spec).name if Path(spec).exists() else spec}", (
            f"sentence-transformers:{spec}"
        )

    def _encode(self, texts: Sequence[str], prefix: str) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            raw = self._model.encode(
                [prefix + text for text in texts],
                batch_size=self._batch_size,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        return l2_normalise(np.asarray(raw).reshape(len(texts), self.dim))

    def encode_queries(self, texts: Sequence[str]) -> Vectors:
        return self._encode(texts, self._query_prefix)

    def encode_documents(self, texts: Sequence[str]) -> Vectors:
        return self._encode(texts, self._document_prefix)
