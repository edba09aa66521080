"""Running the bot (long polling, or the webhook for several instances) and the worker that
runs the scheduler alone."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
from pathlib import Path

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError, TelegramUnauthorizedError
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import Application, build_application, build_bot, set_command_menu
from bot.composition import ReminderContents, reminder_contents
from bot.config import ConfigError, Settings
from bot.health import database_problem, redis_problem
from bot.knowledge_provider import KnowledgeProvider
from bot.middlewares.observability import InFlight
from bot.scheduler import Scheduler, build_scheduler
from bot.services.knowledge_base import KnowledgeSource
from bot.storage.db import create_engine, create_session_factory
from bot.telegram_messenger import TelegramMessenger
from bot.web import Probe, WebhookIntake, build_web_app, serve

log = logging.getLogger(__name__)

DEFAULT_WEBHOOK_PORT = 8080


async def run_bot(settings: Settings, token: str, *, webhook: bool = False) -> None:
    """Long polling (the default), or Telegram's webhook for several instances behind one
    address, until SIGTERM or SIGINT; then the updates in flight finish before the process
    closes its connections."""
    webhook_url, secret = settings.require_webhook() if webhook else (None, "")
    await wait_for_services(settings)
    application = build_application(settings)
    bot = build_bot(token, settings)
    dispatcher = application.dispatcher
    in_flight = application.in_flight or InFlight()
    scheduler: Scheduler | None = None
    server: web.AppRunner | None = None
    background: list[asyncio.Task[None]] = []
    try:
        me = await _check_token(bot)
        # Build the search index before the first user waits for it.
        await application.knowledge.get()
        settle_memory()
        background.append(
            asyncio.create_task(
                _refresh_catalogue(application.knowledge, settings.catalogue_refresh_seconds)
            )
        )
        await set_command_menu(bot)
        if settings.heartbeat_file:
            background.append(
                asyncio.create_task(_beat(settings.heartbeat_file, application.engine))
            )
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
        probes = _probes(application)
        if webhook:
            assert webhook_url is not None
            intake = WebhookIntake(
                dispatcher, bot, secret, max_in_flight=settings.webhook.max_in_flight
            )
            port = settings.server.port or DEFAULT_WEBHOOK_PORT
            path = settings.webhook.listen_path()
            server = await serve(
                build_web_app(probes=probes, intake=intake, webhook_path=path),
                settings.server.host,
                port,
            )
            if settings.webhook.register_on_start:
                await bot.set_webhook(
                    webhook_url,
                    secret_token=secret,
                    allowed_updates=dispatcher.resolve_used_update_types(),
                )
            log.info("Taking updates from Telegram's webhook as @%s on %s", me, path)
            await _stop_on_signals().wait()
            log.info("Stopping: finishing the updates in flight")
            await intake.drain(settings.server.shutdown_grace_seconds)
        else:
            if settings.server.port:
                server = await serve(
                    build_web_app(probes=probes), settings.server.host, settings.server.port
                )
            # A bot switched from webhook back to polling: Telegram refuses getUpdates
            # while a webhook is set.
            await bot.delete_webhook(drop_pending_updates=False)
            log.info("Starting long polling as @%s", me)
            await dispatcher.start_polling(
                bot,
                allowed_updates=dispatcher.resolve_used_update_types(),
                close_bot_session=False,
            )
            log.info("Stopping: finishing the updates in flight")
            if not await in_flight.drained(settings.server.shutdown_grace_seconds):
                log.error("%d updates did not finish in time and are cut off", in_flight.count)
            await _confirm_polled(bot, in_flight)
    finally:
        if server is not None:
            await server.cleanup()
        if scheduler is not None:
            await scheduler.stop()
        for task in background:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await bot.session.close()
        if application.redis is not None:
            await application.redis.aclose(close_connection_pool=True)
        await application.engine.dispose()
        log.info("Stopped")


async def _confirm_polled(bot: Bot, in_flight: InFlight) -> None:
    """Tell Telegram the last handled update is done, so that it does not send it again to
    the next start (which would handle it twice without Redis remembering update ids)."""
    if in_flight.last_update_id is None:
        return
    with contextlib.suppress(TelegramAPIError, TelegramNetworkError):
        await bot.get_updates(offset=in_flight.last_update_id + 1, limit=1, timeout=0)


def _probes(application: Application) -> dict[str, Probe]:
    async def database() -> str | None:
        return await database_problem(application.engine)

    async def models() -> str | None:
        # Loaded before the server starts; a rebuild after an import keeps serving the old.
        try:
            await asyncio.wait_for(application.knowledge.get(), timeout=1.0)
        except TimeoutError:
            return "the catalogue and its search index are still loading"
        return None

    probes: dict[str, Probe] = {"database": database, "models": models}
    redis_url = application.settings.redis_url
    if redis_url:

        async def redis() -> str | None:
            return await redis_problem(redis_url)

        probes["redis"] = redis
    return probes


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
        server: web.AppRunner | None = None
        try:
            await scheduler.start()
            if settings.server.port:

                async def database() -> str | None:
                    return await database_problem(engine)

                server = await serve(
                    build_web_app(probes={"database": database}),
                    settings.server.host,
                    settings.server.port,
                )
            await stop.wait()
            log.info("Worker stopping after the current delivery")
        finally:
            if server is not None:
                await server.cleanup()
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


async def wait_for_services(settings: Settings, retry_seconds: float = 5.0) -> None:
    """Before the bot says it is up: a configured Redis must answer. One that does not is
    waited for, with a log line each try, so that the bot comes up by itself once it is back
    (an orchestrator may start the two in any order)."""
    if not settings.redis_url:
        return
    while (problem := await redis_problem(settings.redis_url)) is not None:
        log.error(
            "%s; waiting for it, next try in %.0f s (or remove REDIS_URL from .env)",
            problem,
            retry_seconds,
        )
        await asyncio.sleep(retry_seconds)


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
