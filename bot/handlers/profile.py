"""/profile: the user's answers in plain words, the switches, and their open requests."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.config import Settings
from bot.i18n import Translate
from bot.services.accounts import AccountService
from bot.services.consultations import ConsultationService
from bot.services.ports import UserRecord
from bot.ui.callbacks import ProfileCallback
from bot.ui.consultations import requests_keyboard, requests_text
from bot.ui.keyboards import language_keyboard
from bot.ui.profile import (
    OFF,
    ON,
    PROFILE_LANGUAGE,
    PROFILE_MAILING,
    PROFILE_NOTIFY,
    PROFILE_REQUESTS,
    profile_keyboard,
    profile_text,
    switches_of,
)

SWITCH_VALUES = (ON, OFF)


def setup() -> Router:
    router = Router(name="profile")

    @router.message(Command("profile"))
    async def show_profile(
        message: Message, consultations: ConsultationService, t: Translate
    ) -> None:
        assert message.from_user is not None
        overview = await consultations.overview(message.from_user.id)
        await message.answer(
            profile_text(overview, t), reply_markup=profile_keyboard(switches_of(overview), t)
        )

    @router.callback_query(ProfileCallback.filter(F.action == PROFILE_LANGUAGE))
    async def choose_language(query: CallbackQuery, t: Translate) -> None:
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.answer(t("language-choose"), reply_markup=language_keyboard())

    @router.callback_query(
        ProfileCallback.filter((F.action == PROFILE_NOTIFY) & F.value.in_(SWITCH_VALUES))
    )
    async def notifications(
        query: CallbackQuery,
        callback_data: ProfileCallback,
        accounts: AccountService,
        t: Translate,
    ) -> None:
        switches = await accounts.set_notifications(query.from_user.id, callback_data.value == ON)
        await query.answer(t("profile-notifications-set", state=callback_data.value))
        if isinstance(query.message, Message):
            await query.message.edit_reply_markup(reply_markup=profile_keyboard(switches, t))

    @router.callback_query(
        ProfileCallback.filter((F.action == PROFILE_MAILING) & F.value.in_(SWITCH_VALUES))
    )
    async def mailing(
        query: CallbackQuery,
        callback_data: ProfileCallback,
        accounts: AccountService,
        t: Translate,
        language: str,
    ) -> None:
        switches = await accounts.set_mailing(
            query.from_user.id, callback_data.value == ON, language
        )
        await query.answer(t("profile-mailing-set", state=callback_data.value), show_alert=True)
        if isinstance(query.message, Message):
            await query.message.edit_reply_markup(reply_markup=profile_keyboard(switches, t))

    @router.callback_query(ProfileCallback.filter(F.action == PROFILE_REQUESTS))
    async def my_requests(
        query: CallbackQuery,
        consultations: ConsultationService,
        settings: Settings,
        user_record: UserRecord | None,
        t: Translate,
    ) -> None:
        requests = await consultations.open_requests(query.from_user.id)
        await query.answer()
        timezone = (user_record.timezone if user_record else None) or settings.default_timezone
        if isinstance(query.message, Message):
            await query.message.answer(
                requests_text(requests, t, timezone), reply_markup=requests_keyboard(requests, t)
            )

    return router
