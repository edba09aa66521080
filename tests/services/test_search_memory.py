"""Repeated searches are answered from memory, and a caller's copy can't change it."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import Any

import pytest

from bot.services.knowledge_base import KnowledgeBase
from tests.services.conftest import small_knowledge_base


async def test_a_repeated_search_does_not_run_the_engine_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A fresh memory over the shared engine: other tests may have searched the same text.
    knowledge: KnowledgeBase = replace(small_knowledge_base(), _results=OrderedDict())
    calls: list[str] = []
    search = knowledge.engine.search

    def counting(query: str, **options: Any) -> Any:
        calls.append(query)
        return search(query, **options)

    monkeypatch.setattr(knowledge.engine, "search", counting)
    first = await knowledge.search("сварка металла", top_n=3)
    first.hits.clear()  # the caller's copy only
    second = await knowledge.search("сварка металла", top_n=3)
    other = await knowledge.search("сварка металла", top_n=2)

    assert calls == ["сварка металла", "сварка металла"]  # top_n differs: a new search
    assert second.hits and [hit.id for hit in second.hits][:2] == [hit.id for hit in other.hits]
