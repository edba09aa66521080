"""A running bot picks up a staff import without a restart."""

from __future__ import annotations

from bot.config import Settings
from bot.knowledge_provider import KnowledgeProvider
from bot.services.catalogue_admin import CatalogueAdmin
from bot.storage.db import create_engine, create_session_factory
from bot.storage.repositories import SqlUnitOfWork
from tests.conftest import INDEX_DIR


async def test_refresh_sees_an_import_from_another_process(settings: Settings) -> None:
    settings = settings.model_copy(
        update={"matching": settings.matching.model_copy(update={"index_dir": INDEX_DIR})}
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
