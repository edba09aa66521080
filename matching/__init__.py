"""The search engine of careerbot: encoders, vector and lexical indexes, fusion, filters.

It indexes plain documents (id, text, facets) and knows nothing of Telegram, the database
or the catalogue's classes.
"""

from __future__ import annotations

from matching.config import BM25, CHARGRAM, LEXICAL, NEEDS, EngineConfig
from matching.documents import Document, DocumentKind, Filters
from matching.encoders import (
    E5Encoder,
    Encoder,
    FakeEncoder,
    SentenceTransformerEncoder,
    UseEncoder,
    load_encoder,
)
from matching.engine import SearchEngine
from matching.errors import (
    EncoderUnavailableError,
    IndexUnavailableError,
    MatchingError,
)
from matching.needs import DEFAULT_NEED_RULES, NeedRule
from matching.results import Hit, Reason, SearchResult
from matching.vector_index import LoadReport

__all__ = [
    "BM25",
    "CHARGRAM",
    "DEFAULT_NEED_RULES",
    "LEXICAL",
    "NEEDS",
    "Document",
    "DocumentKind",
    "E5Encoder",
    "Encoder",
    "EncoderUnavailableError",
    "EngineConfig",
    "FakeEncoder",
    "Filters",
    "Hit",
    "IndexUnavailableError",
    "LoadReport",
    "MatchingError",
    "NeedRule",
    "Reason",
    "SearchEngine",
    "SearchResult",
    "SentenceTransformerEncoder",
    "UseEncoder",
    "load_encoder",
]
