"""A running bot picks up a staff import without a restart."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import ConfigError, Settings
from bot.knowledge_provider import CatalogueUnavailableError, KnowledgeProvider
from bot.services.catalogue_admin import CatalogueAdmin
from bot.services.ports import CatalogueRow
from bot.storage.db import create_engine, create_session_factory
from bot.storage.models import CatalogueRecord
from bot.storage.repositories import SqlUnitOfWork
from knowledge import load_catalogue


async def test_refresh_sees_an_import_from_another_process(
    settings: Settings, shared_index_copy: Path
) -> None:
    # The real encoders over a copy of the shared index: the rebuild encodes only the
    # renamed programme, and leaves the shared folder as the other tests expect it.
    settings = settings.model_copy(
        update={"matching": settings.matching.model_copy(update={"index_dir": shared_index_copy})}
    )
    engine = create_engine(settings.database_url)
    factory = create_session_factory(engine)
    try:
        provider = KnowledgeProvider(factory, settings)
        before = await provider.get()  # fills the empty table from the shipped files
        assert await provider.refresh_if_changed() is False

        programme = next(iter(before.catalogue.programmes.values()))
        renamed = programme.model_copy(update={"title": "Сварка для начинающих: новый поток"})
        async with factory() as session:
            await CatalogueAdmin(SqlUnitOfWork(session)).import_records([renamed])

        assert await provider.refresh_if_changed() is True
        after = await provider.get()
        assert (
            after.catalogue.programmes[programme.id].title == "Сварка для начинающих: новый поток"
        )
        result = await after.search("сварка для начинающих новый поток", top_n=3)
        assert programme.id in [hit.id for hit in result.hits]
    finally:
        await engine.dispose()


# -- a broken catalogue in the table -----------------------------------------------------------

# The fake encoder keeps these tests fast: they are about what is served, not how well.
PROFESSION_ID = "15.01.05"


def _fast(settings: Settings, index_dir: Path) -> Settings:
    matching = settings.matching.model_copy(update={"encoders": ["fake"], "index_dir": index_dir})
    return settings.model_copy(update={"matching": matching})


async def _put_programme_with_a_professions_id(factory: async_sessionmaker[AsyncSession]) -> None:
    """What an older import, or a hand edit of the table, could leave behind."""
    async with factory() as session:
        uow = SqlUnitOfWork(session)
        rows = await uow.catalogue.all()
        programme = next(row for row in rows if row.entity == "programmes")
        payload = {**programme.payload, "id": PROFESSION_ID}
        broken = CatalogueRow("programmes", PROFESSION_ID, payload, "broken")
        await uow.catalogue.upsert([broken], datetime.now(UTC))
        await uow.commit()


async def test_a_running_bot_keeps_serving_the_last_good_catalogue(
    settings: Settings, fake_index_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = _fast(settings, fake_index_dir)
    engine = create_engine(settings.database_url)
    factory = create_session_factory(engine)
    try:
        provider = KnowledgeProvider(factory, settings)
        before = await provider.get()
        await _put_programme_with_a_professions_id(factory)

        with caplog.at_level(logging.DEBUG, logger="bot.knowledge_provider"):
            assert await provider.refresh_if_changed() is False
            assert await provider.refresh_if_changed() is False  # the same table: no new try

        assert await provider.get() is before
        result = await before.search("сварщик", top_n=3)
        assert PROFESSION_ID in [hit.id for hit in result.hits]
        warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
        assert len(warnings) == 1
        message = warnings[0].getMessage()
        assert PROFESSION_ID in message and "previous catalogue" in message
        assert "\n" not in message and warnings[0].exc_info is None

        # Staff remove the record and import a fix: the next refresh builds again.
        async with factory() as session:
            await session.execute(
                delete(CatalogueRecord).where(
                    CatalogueRecord.entity == "programmes", CatalogueRecord.id == PROFESSION_ID
                )
            )
            await session.commit()
        programme = next(iter(before.catalogue.programmes.values()))
        renamed = programme.model_copy(update={"title": "Сварка: исправленный поток"})
        async with factory() as session:
            await CatalogueAdmin(SqlUnitOfWork(session)).import_records([renamed])
        assert await provider.refresh_if_changed() is True
        after = await provider.get()
        assert after.catalogue.programmes[programme.id].title == "Сварка: исправленный поток"
    finally:
        await engine.dispose()


async def test_a_broken_catalogue_at_start_is_one_sentence(
    settings: Settings, tmp_path: Path
) -> None:
    settings = _fast(settings, tmp_path / "index")
    engine = create_engine(settings.database_url)
    factory = create_session_factory(engine)
    try:
        async with factory() as session:
            await CatalogueAdmin(SqlUnitOfWork(session)).load_shipped(load_catalogue())
        await _put_programme_with_a_professions_id(factory)

        provider = KnowledgeProvider(factory, settings)
        with pytest.raises(CatalogueUnavailableError) as caught:
            await provider.get()
        message = str(caught.value)
        assert isinstance(caught.value, ConfigError)  # what the entry points print and exit on
        assert "\n" not in message
        assert f"the id '{PROFESSION_ID}' is held by both professions and programmes" in message
    finally:
        await engine.dispose()
