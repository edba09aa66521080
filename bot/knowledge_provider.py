"""Loads the catalogue from the database once per process and builds the search engine.

An empty catalogue table is filled from the shipped files first, so a fresh install works
with no extra command. A running bot that meets a catalogue it cannot build keeps serving
the last good one."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.composition import catalogue_admin
from bot.config import ConfigError, Settings
from bot.metrics import MATCH_SECONDS
from bot.services.catalogue_admin import CatalogueRejectedError
from bot.services.knowledge_base import KnowledgeBase
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


class CatalogueUnavailableError(ConfigError):
    """The catalogue in the database cannot be searched and there is no earlier one to serve.

    A ConfigError, so that the entry points, which print a ConfigError as one sentence and
    exit, do the same here instead of showing a traceback."""


def _reason(error: Exception) -> str:
    if isinstance(error, CatalogueRejectedError):
        return str(error)
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__


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
        self._fingerprint: str | None = None  # of the catalogue being served
        self._attempted: str | None = None  # of the catalogue the last build started from
        self._refused: str | None = None  # of a catalogue that could not be built
        self._lock = asyncio.Lock()

    async def get(self) -> KnowledgeBase:
        if self._knowledge is None:
            async with self._lock:
                if self._knowledge is None:
                    try:
                        self._knowledge = await self._load()
                    except CatalogueRejectedError as error:
                        raise CatalogueUnavailableError(
                            f"The catalogue in the database cannot be searched ({error}); "
                            "correct or remove those records in the catalogue_records table "
                            "and start the bot again."
                        ) from error
        return self._knowledge

    async def refresh_if_changed(self) -> bool:
        """Rebuild after a staff import (another process changed the catalogue table).

        When the changed catalogue cannot be built, the bot keeps serving the previous one,
        says so in one warning, and tries again only once the table changes again."""
        if self._knowledge is None:
            await self.get()
            return True
        async with self._session_factory() as session:
            fingerprint = await catalogue_admin(session).fingerprint()
        if fingerprint in (self._fingerprint, self._refused):
            return False
        async with self._lock:
            try:
                fresh = await self._load()
            except Exception as error:  # whatever broke, users keep the old index
                self._refused = self._attempted or fingerprint
                log.warning(
                    "The catalogue in the database changed but cannot be used (%s); "
                    "the bot keeps serving the previous catalogue until the table changes again",
                    _reason(error),
                )
                log.debug("Why the catalogue could not be built", exc_info=True)
                return False
            # Swapping the reference is atomic: running searches finish on the old index.
            self._knowledge = fresh
            self._refused = None
        log.info("The catalogue changed; the knowledge base was rebuilt")
        return True

    async def _load(self) -> KnowledgeBase:
        self._attempted = None
        async with self._session_factory() as session:
            admin = catalogue_admin(session)
            if await admin.is_empty():
                shipped = await asyncio.to_thread(load_catalogue)
                try:
                    report = await admin.load_shipped(shipped)
                except IntegrityError:
                    # Another process started on the same empty database at the same moment
                    # (more bot instances, the worker) and loaded it first: serve theirs.
                    await session.rollback()
                    log.info("Another process loaded the shipped catalogue into the database")
                else:
                    log.info(
                        "Loaded the shipped catalogue into the database: %s records", report.total
                    )
            fingerprint = self._attempted = await admin.fingerprint()
            catalogue = await admin.searchable()
        log.info("Building the search engine over %s professions", len(catalogue.professions))
        knowledge = await asyncio.to_thread(
            KnowledgeBase.build,
            catalogue,
            engine_config(self._settings),
            index_dir=self._settings.matching.index_dir,
            progress=self._progress,
        )
        knowledge.on_search = MATCH_SECONDS.observe
        self._fingerprint = fingerprint
        return knowledge


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
