"""Write, or check, the shipped seed vectors of the catalogue's documents.

    python -m bot.search_seed            # encode what changed and rewrite the files
    python -m bot.search_seed --check    # exit 1 when a file misses a document's text

Vectors already in the files are reused, so after a small catalogue edit only the changed
texts are encoded; texts no longer in the catalogue are dropped.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.search_seed import SEED_DIR
from bot.services.search_documents import catalogue_documents
from knowledge import load_catalogue
from matching import Document, EngineConfig
from matching.encoders import encoder_identity, load_encoder
from matching.engine import embedding_rows
from matching.files import UnreadableFileError, read_arrays
from matching.vector_index import EmbeddingCache, cache_key, vectors_file


def shipped_documents(data_dir: Path | None = None) -> list[Document]:
    """The search documents of the shipped catalogue (or of the catalogue in `data_dir`)."""
    catalogue = load_catalogue() if data_dir is None else load_catalogue(data_dir)
    return catalogue_documents(catalogue)


def texts_to_embed(documents: Sequence[Document], config: EngineConfig, name: str) -> list[str]:
    """Distinct texts the engine embeds for one encoder, in the engine's order.

    The same order (documents by id) means the same batches as a build without a seed:
    USE's vectors differ in the last bits with the other texts of their batch.
    """
    ordered = sorted(documents, key=lambda document: document.id)
    return list(dict.fromkeys(text for _, text in embedding_rows(ordered, config, name)))


def missing_texts(
    documents: Sequence[Document],
    config: EngineConfig | None = None,
    seed_dir: Path = SEED_DIR,
) -> dict[str, list[str]]:
    """Per encoder of `config`, the texts its seed file has no vector for. Encodes nothing."""
    config = config or EngineConfig()
    missing: dict[str, list[str]] = {}
    for spec in config.encoders:
        name, version = encoder_identity(spec)
        texts = texts_to_embed(documents, config, name)
        try:
            keys = {
                str(key) for key in read_arrays(vectors_file(seed_dir, name), ("keys",))["keys"]
            }
        except (UnreadableFileError, FileNotFoundError):
            keys = set()
        missing[name] = [text for text in texts if cache_key(name, version, text) not in keys]
    return missing


def _say(text: str, end: str = "\n") -> None:
    sys.stdout.write(text + end)
    sys.stdout.flush()


def _progress(name: str, done: int, total: int) -> None:
    if total:
        _say(f"\r{name}: {done}/{total} encoded", end="\n" if done >= total else "")


def write_seed(
    documents: Sequence[Document],
    config: EngineConfig | None = None,
    seed_dir: Path = SEED_DIR,
    *,
    threads: int = 2,
) -> None:
    """Encode what the seed files lack, then rewrite them with exactly the needed vectors."""
    config = config or EngineConfig()
    for spec in config.encoders:
        encoder = load_encoder(spec, use_threads=threads)
        texts = texts_to_embed(documents, config, encoder.name)
        path = vectors_file(seed_dir, encoder.name)
        cache = EmbeddingCache(None, encoder, seed=path)
        _, encoded = cache.embed(texts, _progress)
        cache.export(path, texts)
        size = path.stat().st_size / 2**20
        _say(f"{path}: {len(texts)} texts ({encoded} encoded now), {size:.2f} MB")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.search_seed",
        description="Precompute the vectors of the shipped catalogue's documents.",
    )
    parser.add_argument("--check", action="store_true", help="only report missing vectors")
    parser.add_argument("--data-dir", type=Path, default=None, help="another catalogue folder")
    parser.add_argument("--seed-dir", type=Path, default=SEED_DIR)
    args = parser.parse_args(argv)
    documents = shipped_documents(args.data_dir)
    if args.check:
        missing = missing_texts(documents, seed_dir=args.seed_dir)
        for name, texts in missing.items():
            _say(f"{name}: {len(texts)} texts without a shipped vector")
        return 1 if any(missing.values()) else 0
    write_seed(documents, seed_dir=args.seed_dir)
    return 0
