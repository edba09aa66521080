"""Domain errors of the search engine.

Each carries a message key so the bot can turn it into a polite, localised reply.
"""

from __future__ import annotations


class MatchingError(Exception):
    """Base class of every error the search engine raises on purpose."""

    key = "matching-error"


class IndexUnavailableError(MatchingError):
    """The vector index is missing, corrupt or stale, and rebuilding it was not allowed."""

    key = "matching-index-unavailable"


class EncoderUnavailableError(MatchingError):
    """An encoder backend cannot be loaded (package missing, model folder absent)."""

    key = "matching-encoder-unavailable"
