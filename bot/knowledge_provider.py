"""Loads the catalogue from the database once per process and builds the search engine.

An empty catalogue table is filled from the shipped files first, so a fresh install works
with no extra command."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import ConfigError, Settings
from bot.services.catalogue_admin import CatalogueAdmin
from bot.services.knowledge_base import KnowledgeBase
from bot.storage.repositories import SqlUnitOfWork
from knowledge import load_catalogue
from matching import EngineConfig

log = logging.getLogger(__name__)


def engine_config(settings: Settings) -> EngineConfig:
    """`st` in MATCHING__ENCODERS means the sentence-transformers model of MATCHING__ST_MODEL."""
    encoders = []
    for name in settings.matching.encoders:
        if name == "st":
            if not settings.matching.st_model:
                raise ConfigError(
                    "MATCHING__ENCODERS names st, so set MATCHING__ST_MODEL to a "
                    "sentence-transformers model name or a local model folder."
                )
            name = f"st:{settings.matching.st_model}"
        encoders.append(name)
    return EngineConfig(encoders=tuple(encoders), use_threads=settings.matching.use_threads)


class KnowledgeProvider:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        settings: Settings,
        *,
        preloaded: KnowledgeBase | None = None,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> None:
        self._progress = progress
        self._session_factory = session_factory
        self._settings = settings
        self._knowledge = preloaded
        self._fingerprint: str | None = None
        self._lock = asyncio.Lock()

    async def get(self) -> KnowledgeBase:
        if self._knowledge is None:
            async with self._lock:
                if self._knowledge is None:
                    self._knowledge = await self._load()
        return self._knowledge

    async def refresh_if_changed(self) -> bool:
        """Rebuild after a staff import (another process changed the catalogue table)."""
        async with self._session_factory() as session:
            fingerprint = await CatalogueAdmin(SqlUnitOfWork(session)).fingerprint()
        if self._knowledge is not None and fingerprint == self._fingerprint:
            return False
        async with self._lock:
            fresh = await self._load()
            # Swapping the reference is atomic: running searches finish on the old index.
            self._knowledge = fresh
        log.info("The catalogue changed; the knowledge base was rebuilt")
        return True

    async def _load(self) -> KnowledgeBase:
        async with self._session_factory() as session:
            admin = CatalogueAdmin(SqlUnitOfWork(session))
            if await admin.is_empty():
                shipped = await asyncio.to_thread(load_catalogue)
                report = await admin.load_shipped(shipped)
                log.info("Loaded the shipped catalogue into the database: %s records", report.total)
            self._fingerprint = await admin.fingerprint()
            catalogue = await admin.current()
        log.info("Building the search engine over %s professions", len(catalogue.professions))
        return await asyncio.to_thread(
            KnowledgeBase.build,
            catalogue,
            engine_config(self._settings),
            index_dir=self._settings.matching.index_dir,
            progress=self._progress,
        )


def progress_bars() -> Callable[[str, int, int], None]:
    """tqdm bars on stderr, one per encoder, for builds a person is waiting for."""
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def update(encoder: str, done: int, total: int) -> None:
        bar = bars.get(encoder)
        if bar is None:
            bar = bars[encoder] = tqdm(total=total, desc=f"индекс ({encoder})", unit="текст")
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update
