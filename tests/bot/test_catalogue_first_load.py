"""Two processes starting at once on an empty database (several bot instances and the
worker, as `docker compose up --scale bot=3` starts them) both find the catalogue table
empty and both load the shipped catalogue: the second must serve what the first wrote, not
fail. Found end to end: a worker started beside the bot logged a unique violation."""

from __future__ import annotations

import asyncio

from bot.config import Settings
from bot.knowledge_provider import KnowledgeProvider
from bot.storage.db import create_engine, create_session_factory


async def test_two_processes_loading_the_shipped_catalogue_at_once_both_serve_it(
    settings: Settings,
) -> None:
    engines = [create_engine(settings.database_url, settings.pool()) for _ in range(2)]
    try:
        providers = [KnowledgeProvider(create_session_factory(e), settings) for e in engines]
        first, second = await asyncio.gather(*(p.get() for p in providers))
    finally:
        for engine in engines:
            await engine.dispose()
    assert first.catalogue.professions.keys() == second.catalogue.professions.keys()
    assert len(first.catalogue.professions) > 300
