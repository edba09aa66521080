"""Shared helpers of the benchmark scripts: load the real catalogue and build the engine."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python benchmarks/quality.py` from anywhere
    sys.path.insert(0, str(ROOT))

from bot.services.search_documents import catalogue_documents as documents_for  # noqa: E402
from knowledge.loader import DATA_DIR, load_catalogue  # noqa: E402
from matching import Document, Filters  # noqa: E402

SUGGESTION_KINDS = Filters(kinds=frozenset({"profession", "specialty", "programme"}))


def catalogue_documents(data_dir: Path = DATA_DIR) -> list[Document]:
    return documents_for(load_catalogue(data_dir))
