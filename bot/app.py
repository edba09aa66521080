"""Composition root: the one dispatcher factory that production, `careerbot chat` and tests use."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aiogram import Bot, Dispatcher, F, Router
from aiogram import methods as aiogram_methods
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ChatType
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage, DefaultKeyBuilder
from aiogram.methods.base import Response, TelegramMethod
from aiogram.types import BotCommand, BotCommandScopeAllPrivateChats
from pydantic.errors import PydanticSchemaGenerationError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.fsm import SqlStorage
from bot.handlers import (
    booking,
    broadcast,
    catalogue_imports,
    consultations,
    desk,
    errors,
    event_editor,
    events,
    fallback,
    free_text,
    groups,
    help,
    membership,
    onboarding,
    privacy,
    profile,
    recommendations,
    staff,
    staff_admin,
    start,
    subscriptions,
)
from bot.i18n import SUPPORTED_LANGUAGES, translator
from bot.knowledge_provider import KnowledgeProvider
from bot.middlewares.context import ContextMiddleware
from bot.middlewares.database import DatabaseSessionMiddleware
from bot.middlewares.dedup import DeduplicateUpdatesMiddleware, RedisLedger
from bot.middlewares.observability import InFlight, ObservabilityMiddleware
from bot.middlewares.ordering import PerDialogIsolation
from bot.middlewares.throttling import RedisBuckets, ThrottlingMiddleware
from bot.services.clock import Clock, utc_now
from bot.services.knowledge_base import KnowledgeSource
from bot.services.staff_admin import StaffRoster
from bot.storage.db import create_engine, create_session_factory

if TYPE_CHECKING:
    from redis.asyncio import Redis

MENU_COMMANDS = (
    "start",
    "book",
    "mybookings",
    "events",
    "subscriptions",
    "profile",
    "help",
    "language",
    "mydata",
    "forget",
)


@dataclass
class Application:
    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    dispatcher: Dispatcher
    knowledge: KnowledgeSource
    redis: Redis | None = None
    in_flight: InFlight | None = None


def build_dispatcher(
    settings: Settings,
    session_factory: async_sessionmaker[AsyncSession],
    knowledge: KnowledgeSource,
    *,
    storage: BaseStorage | None = None,
    clock: Clock = utc_now,
    staff_roster: StaffRoster | None = None,
    redis: Redis | None = None,
    in_flight: InFlight | None = None,
) -> Dispatcher:
    # Dialog state lives in the database unless Redis is given: progress survives restarts.
    # With Redis, several instances share the dialog state, the per-dialog lock, the
    # update ids seen and the flood buckets, so a user may reach any of them.
    # aiogram's own FSM middleware is registered by hand, so that the order is ours:
    # the log context and counters first, dedup and throttling next (a dropped update
    # costs no database work), then the update's one database session, then the per-dialog
    # lock and the dialog state, then the use cases.
    isolation: BaseEventIsolation = PerDialogIsolation()
    dedup = DeduplicateUpdatesMiddleware()
    throttling = ThrottlingMiddleware.in_memory(
        settings.throttle_rate_per_second, settings.throttle_burst
    )
    if redis is not None:
        from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage

        prefix = f"careerbot:{settings.bot_id()}"
        keys = DefaultKeyBuilder(prefix=prefix, with_bot_id=True, with_destiny=True)
        storage = storage or RedisStorage(redis, key_builder=keys)
        isolation = RedisEventIsolation(redis, key_builder=keys)
        dedup = DeduplicateUpdatesMiddleware(RedisLedger(redis, prefix))
        throttling = ThrottlingMiddleware(
            RedisBuckets(redis, prefix, settings.throttle_rate_per_second, settings.throttle_burst),
            settings.throttle_rate_per_second,
        )
    dispatcher = Dispatcher(
        storage=storage or SqlStorage(session_factory),
        events_isolation=isolation,
        disable_fsm=True,
    )
    for middleware in (
        ObservabilityMiddleware(in_flight),
        dedup,
        throttling,
        DatabaseSessionMiddleware(session_factory),
        dispatcher.fsm,
        ContextMiddleware(knowledge, settings, clock, staff_roster),
    ):
        dispatcher.update.outer_middleware(middleware)

    dispatcher.include_router(errors.setup())
    dispatcher.include_router(groups.setup())
    private = Router(name="private")
    private.message.filter(F.chat.type == ChatType.PRIVATE)
    private.include_routers(
        start.setup(),
        help.setup(),
        membership.setup(),
        privacy.setup(),
        profile.setup(),
        staff.setup(),
        desk.setup(),
        broadcast.setup(),
        staff_admin.setup(),
        event_editor.setup(),
        catalogue_imports.setup(),
        onboarding.setup(),
        booking.setup(),
        events.setup(),
        subscriptions.setup(),
        consultations.setup(),
        recommendations.setup(),
        free_text.setup(),
        fallback.setup(),
    )
    dispatcher.include_router(private)
    return dispatcher


# aiogram checks every Bot API reply with `Response[T]`, a pydantic generic model built on first
# use that pydantic caches only weakly: once the garbage collector frees it, the next reply
# builds it again. A profile of benchmarks/load.py found 12% of the CPU time doing that. One
# model per result type is kept for the life of the process (41 of them, ~0.1 s at start).
_RESPONSE_MODELS: list[type] = []


def keep_response_models() -> None:
    if _RESPONSE_MODELS:
        return
    result_types = {
        repr(method.__returning__): method.__returning__
        for name in aiogram_methods.__all__
        if isinstance(method := getattr(aiogram_methods, name), type)
        and issubclass(method, TelegramMethod)
        and hasattr(method, "__returning__")
    }
    for result_type in result_types.values():
        # One result type aiogram declares through a property cannot be a field; aiogram
        # builds nothing for it either.
        with suppress(PydanticSchemaGenerationError):
            _RESPONSE_MODELS.append(Response[result_type])  # type: ignore[valid-type]


def build_application(
    settings: Settings,
    *,
    storage: BaseStorage | None = None,
    clock: Clock = utc_now,
    knowledge: KnowledgeSource | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    staff_roster: StaffRoster | None = None,
) -> Application:
    keep_response_models()
    engine = create_engine(settings.database_url, settings.pool())
    session_factory = create_session_factory(engine)
    if knowledge is None:
        knowledge = KnowledgeProvider(session_factory, settings, progress=progress)
    redis = connect_redis(settings.redis_url) if settings.redis_url else None
    in_flight = InFlight()
    dispatcher = build_dispatcher(
        settings,
        session_factory,
        knowledge,
        storage=storage,
        clock=clock,
        staff_roster=staff_roster,
        redis=redis,
        in_flight=in_flight,
    )
    return Application(settings, engine, session_factory, dispatcher, knowledge, redis, in_flight)


def connect_redis(url: str, max_connections: int = 50) -> Redis:
    """A client that reconnects by itself once Redis is back, with short timeouts (a lost
    Redis costs an update seconds, not minutes) and a bounded pool: a burst of updates
    waits for a free connection instead of opening a thousand."""
    from redis.asyncio import BlockingConnectionPool, Redis
    from redis.backoff import ExponentialBackoff
    from redis.retry import Retry

    pool = BlockingConnectionPool.from_url(
        url,
        max_connections=max_connections,
        timeout=10,
        socket_connect_timeout=2.0,
        socket_timeout=5.0,
        health_check_interval=15,
        retry=Retry(ExponentialBackoff(cap=1.0, base=0.05), retries=2),
    )
    return Redis(connection_pool=pool)


def build_bot(token: str, settings: Settings, session: BaseSession | None = None) -> Bot:
    if session is None:
        if settings.telegram_api_base:
            session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_base))
        else:
            session = AiohttpSession()
    return Bot(token=token, session=session, default=DefaultBotProperties(parse_mode=None))


async def set_command_menu(bot: Bot) -> None:
    """The command menu in each language; Telegram picks it by the client's language."""
    for language in SUPPORTED_LANGUAGES:
        t = translator(language)
        commands = [
            BotCommand(command=name, description=t(f"command-{name}")) for name in MENU_COMMANDS
        ]
        await bot.set_my_commands(
            commands,
            scope=BotCommandScopeAllPrivateChats(),
            language_code=None if language == "ru" else language,
        )
