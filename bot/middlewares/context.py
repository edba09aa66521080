"""Per-update context: a DB session and unit of work, the services, the user's language."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.i18n import pick_language, translator
from bot.services.accounts import AccountService
from bot.services.clock import Clock
from bot.services.consultations import ConsultationService
from bot.services.guide import GuideService
from bot.services.knowledge_base import KnowledgeSource
from bot.services.privacy import PrivacyService
from bot.services.profiles import ProfileService
from bot.services.staff_stats import StaffStatsService
from bot.storage.repositories import SqlUnitOfWork

# "Last seen" is for staff statistics; an hour's precision spares a write on every update.
LAST_SEEN_PRECISION = timedelta(hours=1)


class ContextMiddleware(BaseMiddleware):
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        knowledge: KnowledgeSource,
        settings: Settings,
        clock: Clock,
    ) -> None:
        self._session_factory = session_factory
        self._knowledge = knowledge
        self._settings = settings
        self._clock = clock

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        async with self._session_factory() as session:
            uow = SqlUnitOfWork(session)
            accounts = AccountService(uow, self._clock)
            from_user: User | None = data.get("event_from_user")
            stored = await accounts.get(from_user.id) if from_user else None
            if stored is not None and self._clock() - stored.last_seen_at > LAST_SEEN_PRECISION:
                await accounts.touch(stored.telegram_id)
            # The FSM may hold a language chosen before consent (not stored in the DB).
            state = data.get("state")
            chosen = None
            if state is not None:
                chosen = (await state.get_data()).get("language")
            language = pick_language(
                from_user.language_code if from_user else None,
                (stored.language if stored else None) or chosen,
            )
            data.update(
                uow=uow,
                settings=self._settings,
                accounts=accounts,
                profiles=ProfileService(uow, self._knowledge, self._clock),
                guide=GuideService(uow, self._knowledge, self._clock),
                consultations=ConsultationService(uow, self._knowledge, self._clock),
                privacy=PrivacyService(uow, self._clock),
                staff_stats=StaffStatsService(uow, self._knowledge),
                user_record=stored,
                language=language,
                t=translator(language),
            )
            return await handler(event, data)
