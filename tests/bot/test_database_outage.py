"""PostgreSQL restarted mid-run: while it is gone people get an apology, and once it is back
the same process serves them again, with no restart (dead pooled connections are found by
the pool's ping and replaced)."""

from __future__ import annotations

import logging

import pytest
from aiogram import Bot
from aiogram.methods import SendMessage
from aiogram.types import Update, User
from sqlalchemy.engine import make_url

from bot.app import build_application
from bot.config import Settings
from bot.console.session import RecordingSession
from bot.i18n import translator
from tests.bot.helpers import make_message
from tests.conftest import TEST_TOKEN, SharedKnowledge
from tests.tcp_proxy import CuttableProxy

RU = translator("ru")


async def test_postgres_gone_and_back(settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    url = make_url(settings.database_url)
    if url.get_backend_name() != "postgresql":
        pytest.skip("a server restart is PostgreSQL's case; SQLite is a file in the process")
    proxy = CuttableProxy(url.host or "127.0.0.1", url.port or 5432)
    port = await proxy.start()
    through_proxy = url.set(host="127.0.0.1", port=port).render_as_string(hide_password=False)
    application = build_application(
        settings.model_copy(update={"database_url": through_proxy, "db_pool_timeout_seconds": 5}),
        knowledge=SharedKnowledge(),
    )
    session = RecordingSession()
    bot = Bot(TEST_TOKEN, session=session)
    user = User(id=7100, is_bot=False, first_name="Оля", language_code="ru")

    async def start(update_id: int) -> list[str]:
        await application.dispatcher.feed_update(
            bot, Update(update_id=update_id, message=make_message(user, text="/start"))
        )
        return [r.text for r in session.take() if isinstance(r, SendMessage)]

    try:
        assert (await start(1))[0].startswith("Здравствуйте!")
        await proxy.cut()
        with caplog.at_level(logging.ERROR):
            assert await start(2) == [RU("error-unexpected")]
        assert any("update 2" in record.getMessage() for record in caplog.records)
        await proxy.restore()
        assert (await start(3))[0].startswith("Здравствуйте!")
    finally:
        await application.engine.dispose()
        await proxy.cut()
