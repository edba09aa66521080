"""Composition root: the one dispatcher factory that production, `careerbot chat` and tests use."""

from __future__ import annotations

from dataclasses import dataclass

from aiogram import Bot, Dispatcher, F, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ChatType
from aiogram.fsm.storage.base import BaseStorage
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.types import BotCommand, BotCommandScopeAllPrivateChats
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.handlers import errors, fallback, groups, help, membership, start
from bot.i18n import SUPPORTED_LANGUAGES, translator
from bot.middlewares.context import ContextMiddleware
from bot.middlewares.dedup import DeduplicateUpdatesMiddleware
from bot.middlewares.throttling import ThrottlingMiddleware
from bot.services.clock import Clock, utc_now
from bot.storage.db import create_engine, create_session_factory

MENU_COMMANDS = ("start", "help", "language")


@dataclass
class Application:
    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    dispatcher: Dispatcher


def build_dispatcher(
    settings: Settings,
    session_factory: async_sessionmaker[AsyncSession],
    *,
    storage: BaseStorage | None = None,
    clock: Clock = utc_now,
) -> Dispatcher:
    dispatcher = Dispatcher(storage=storage or MemoryStorage())
    dispatcher.update.outer_middleware(DeduplicateUpdatesMiddleware())

    throttling = ThrottlingMiddleware(settings.throttle_rate_per_second, settings.throttle_burst)
    context = ContextMiddleware(session_factory, clock)
    for observer in (dispatcher.message, dispatcher.callback_query):
        observer.outer_middleware(throttling)
    for observer in (dispatcher.message, dispatcher.callback_query, dispatcher.my_chat_member):
        observer.outer_middleware(context)

    dispatcher.include_router(errors.setup())
    dispatcher.include_router(groups.setup())
    private = Router(name="private")
    private.message.filter(F.chat.type == ChatType.PRIVATE)
    private.include_routers(start.setup(), help.setup(), membership.setup(), fallback.setup())
    dispatcher.include_router(private)
    return dispatcher


def build_application(
    settings: Settings, *, storage: BaseStorage | None = None, clock: Clock = utc_now
) -> Application:
    engine = create_engine(settings.database_url)
    session_factory = create_session_factory(engine)
    if storage is None and settings.redis_url:
        from aiogram.fsm.storage.base import DefaultKeyBuilder
        from aiogram.fsm.storage.redis import RedisStorage

        storage = RedisStorage.from_url(
            settings.redis_url, key_builder=DefaultKeyBuilder(with_destiny=True)
        )
    dispatcher = build_dispatcher(settings, session_factory, storage=storage, clock=clock)
    return Application(settings, engine, session_factory, dispatcher)


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
