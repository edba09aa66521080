"""Per-update context: the use cases over the update's session, and the user's language."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User
from sqlalchemy.ext.asyncio import AsyncSession

from bot.composition import build_use_cases, staff_policy
from bot.config import Settings
from bot.i18n import pick_language, translator
from bot.services.clock import Clock
from bot.services.knowledge_base import KnowledgeSource
from bot.services.staff_admin import StaffRoster
from bot.telegram_messenger import TelegramMessenger
from bot.ui.consultations import ConsultationMessages

# "Last seen" is for staff statistics; an hour's precision spares a write on every update.
LAST_SEEN_PRECISION = timedelta(hours=1)


class ContextMiddleware(BaseMiddleware):
    def __init__(
        self,
        knowledge: KnowledgeSource,
        settings: Settings,
        clock: Clock,
        roster: StaffRoster | None = None,
    ) -> None:
        self._knowledge = knowledge
        self._settings = settings
        self._clock = clock
        # One per process: the staff rights granted in the bot (bot.services.staff_admin).
        self._roster = roster or StaffRoster(settings.staff.grants_refresh_seconds)
        self._texts = ConsultationMessages(settings.default_language)

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        session: AsyncSession = data["db_session"]
        staff = await staff_policy(session, self._settings, self._roster)
        use_cases = build_use_cases(
            session,
            self._settings,
            self._knowledge,
            TelegramMessenger(data["bot"]),
            self._texts,
            self._clock,
            staff=staff,
            roster=self._roster,
        )
        accounts = use_cases.accounts
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
        # End the read transaction: the connection goes back to the pool while the handler
        # talks to Telegram, and comes back on the handler's first query. A commit, not a
        # rollback: objects stay loaded (expire_on_commit=False), so the use case finds the
        # user in the session's identity map instead of reading the row again.
        await session.commit()
        data.update(
            settings=self._settings,
            accounts=accounts,
            profiles=use_cases.profiles,
            onboarding=use_cases.onboarding,
            recommendations=use_cases.recommendations,
            cards=use_cases.cards,
            feedback=use_cases.feedback,
            questions=use_cases.questions,
            consultations=use_cases.consultations,
            privacy=use_cases.privacy,
            staff_stats=use_cases.staff_stats,
            catalogue_export=use_cases.catalogue_export,
            bookings=use_cases.bookings,
            desk=use_cases.desk,
            events=use_cases.events,
            conversation=use_cases.conversation,
            broadcasts=use_cases.broadcasts,
            subscriptions=use_cases.subscriptions,
            staff_admin=use_cases.staff_admin,
            event_editor=use_cases.event_editor,
            catalogue_imports=use_cases.catalogue_imports,
            staff_policy=staff,
            user_record=stored,
            language=language,
            t=translator(language),
        )
        return await handler(event, data)
