"""Long polling, the default way to run one bot instance, and the worker that runs the
scheduler alone."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
from pathlib import Path

from aiogram import Bot
from aiogram.exceptions import TelegramUnauthorizedError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import build_application, build_bot, set_command_menu
from bot.composition import ReminderContents, reminder_contents
from bot.config import ConfigError, Settings
from bot.health import database_problem, redis_problem
from bot.knowledge_provider import KnowledgeProvider
from bot.scheduler import Scheduler, build_scheduler
from bot.services.knowledge_base import KnowledgeSource
from bot.storage.db import create_engine, create_session_factory
from bot.telegram_messenger import TelegramMessenger

log = logging.getLogger(__name__)


async def run_polling(settings: Settings, token: str) -> None:
    await check_services(settings)
    application = build_application(settings)
    bot = build_bot(token, settings)
    scheduler: Scheduler | None = None
    try:
        me = await _check_token(bot)
        log.info("Starting long polling as @%s", me)
        # Build the search index before the first user waits for it.
        await application.knowledge.get()
        settle_memory()
        refresher = asyncio.create_task(
            _refresh_catalogue(application.knowledge, settings.catalogue_refresh_seconds)
        )
        await set_command_menu(bot)
        dispatcher = application.dispatcher
        heartbeat = (
            asyncio.create_task(_beat(settings.heartbeat_file, application.engine))
            if settings.heartbeat_file
            else None
        )
        try:
            if settings.scheduler.in_process:
                scheduler = build_scheduler(
                    settings,
                    application.session_factory,
                    application.knowledge,
                    TelegramMessenger(bot),
                )
                await scheduler.start()
            else:
                log.info("Reminders are sent by `careerbot worker` (SCHEDULER__IN_PROCESS=false)")
            await dispatcher.start_polling(
                bot, allowed_updates=dispatcher.resolve_used_update_types()
            )
        finally:
            if scheduler is not None:
                await scheduler.stop()
            for task in (heartbeat, refresher):
                if task is not None:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task
    finally:
        await bot.session.close()
        await application.engine.dispose()


async def run_worker(
    settings: Settings,
    token: str,
    *,
    stop: asyncio.Event | None = None,
    contents: ReminderContents = reminder_contents,
) -> None:
    """The scheduler alone, no polling, until SIGTERM or SIGINT (or `stop` is set): for
    deployments where bot instances are several, or restart more often than reminders wait."""
    engine = create_engine(settings.database_url, settings.pool())
    sessions = create_session_factory(engine)
    # Built on first use: only a reminder that names a catalogue record needs it.
    knowledge = KnowledgeProvider(sessions, settings)
    bot = build_bot(token, settings)
    try:
        me = await _check_token(bot)
        log.info("Worker started as @%s: the scheduler runs here, no polling", me)
        if stop is None:
            stop = _stop_on_signals()
        scheduler = build_scheduler(
            settings, sessions, knowledge, TelegramMessenger(bot), contents=contents
        )
        heartbeat = (
            asyncio.create_task(_beat(settings.heartbeat_file, engine))
            if settings.heartbeat_file
            else None
        )
        # Imports reach the worker too: reminders render, and subscriptions learn of new
        # events, from the catalogue the bot serves.
        refresher = asyncio.create_task(
            _refresh_catalogue(knowledge, settings.catalogue_refresh_seconds)
        )
        try:
            await scheduler.start()
            await stop.wait()
            log.info("Worker stopping")
        finally:
            await scheduler.stop()
            for task in (heartbeat, refresher):
                if task is not None:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task
    finally:
        await bot.session.close()
        await engine.dispose()


async def _check_token(bot: Bot) -> str:
    """The bot's username; one sentence when Telegram does not know the token."""
    try:
        me = await bot.get_me()
    except TelegramUnauthorizedError as error:
        raise ConfigError(
            "Telegram rejected BOT_TOKEN; copy the token from @BotFather into .env again."
        ) from error
    return me.username or str(me.id)


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(number, stop.set)
    return stop


def settle_memory() -> None:
    """Move everything alive after start-up (the catalogue, the indexes, the models' tables:
    millions of objects that live as long as the process) out of the garbage collector's
    sight. Otherwise every full collection walks them all, and the update that happens to
    trigger it waits tens of milliseconds."""
    gc.collect()
    gc.freeze()


async def _beat(path: Path, engine: AsyncEngine, every_seconds: float = 20.0) -> None:
    """Touch the heartbeat only while the database takes writes (see bot.health)."""
    reported: str | None = None
    while True:
        problem = await database_problem(engine)
        if problem is None:
            await asyncio.to_thread(_touch, path)
        elif problem != reported:
            log.error("Unhealthy: %s; the heartbeat stops until it recovers", problem)
        reported = problem
        await asyncio.sleep(every_seconds)


async def check_services(settings: Settings) -> None:
    """Before the bot says it is up: a configured Redis must answer."""
    if settings.redis_url:
        problem = await redis_problem(settings.redis_url)
        if problem is not None:
            raise ConfigError(f"{problem}; start Redis or remove REDIS_URL from .env.")


async def _refresh_catalogue(knowledge: KnowledgeSource, every_seconds: int) -> None:
    refresh = getattr(knowledge, "refresh_if_changed", None)
    if refresh is None or every_seconds <= 0:
        return
    while True:
        await asyncio.sleep(every_seconds)
        try:
            rebuilt = await refresh()
        except Exception:  # keep serving the old catalogue; the log says why
            log.exception("Could not refresh the catalogue")
            continue
        if rebuilt:
            # Let the collector see the old knowledge base die, then freeze the new one.
            gc.unfreeze()
            settle_memory()


def _touch(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
