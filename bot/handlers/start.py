"""/start (with an optional deep-link payload) and the consent to process personal data."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.handlers import onboarding
from bot.handlers.recommendations import send_recommendations
from bot.i18n import Translate
from bot.legal import policy_text
from bot.services.accounts import PERSONAL_DATA, AccountService
from bot.services.profiles import DeepLink, ProfileService
from bot.services.recommendations import RecommendationService
from bot.ui.callbacks import ConsentCallback
from bot.ui.keyboards import consent_keyboard
from bot.ui.views import split_message


async def _continue(
    message: Message,
    state: FSMContext,
    profiles: ProfileService,
    recommendations: RecommendationService,
    t: Translate,
    user_id: int,
) -> None:
    """Where a consenting user goes: the pending question, onboarding, or suggestions."""
    if await onboarding.resume(message, state, profiles, t, user_id):
        return
    user = await profiles.get(user_id)
    if user.onboarded_at is None:
        await onboarding.begin(message, state, profiles, t, user_id)
        return
    await message.answer(t("welcome-back"))
    await send_recommendations(message, recommendations, t, user_id)


async def _remember_link(state: FSMContext, link: DeepLink) -> None:
    await state.update_data(link_region=link.region, link_role=link.role, link_centre=link.centre)


def setup() -> Router:
    router = Router(name="start")

    @router.message(CommandStart())
    async def start(
        message: Message,
        command: CommandObject,
        state: FSMContext,
        accounts: AccountService,
        profiles: ProfileService,
        recommendations: RecommendationService,
        t: Translate,
    ) -> None:
        assert message.from_user is not None
        user_id = message.from_user.id
        outcome = await accounts.start(user_id)
        link = await profiles.parse_deep_link(command.args) if command.args else None
        if link is not None:
            await profiles.remember_source(user_id, link)
            await _remember_link(state, link)
        if outcome.has_consent:
            if link is not None:
                await profiles.apply_deep_link(user_id, link)
            await _continue(message, state, profiles, recommendations, t, user_id)
            return
        await message.answer(t("welcome"))
        await message.answer(t("consent-request"), reply_markup=consent_keyboard(t))

    @router.callback_query(ConsentCallback.filter(F.action == "accept"))
    async def accept(
        query: CallbackQuery,
        state: FSMContext,
        accounts: AccountService,
        profiles: ProfileService,
        recommendations: RecommendationService,
        t: Translate,
        language: str,
    ) -> None:
        user_id = query.from_user.id
        newly = await accounts.give_consent(user_id, PERSONAL_DATA, language)
        await query.answer()
        if not isinstance(query.message, Message):
            return
        await query.message.edit_reply_markup(reply_markup=None)
        if not newly:
            await query.message.answer(t("consent-already"))
            return
        await query.message.answer(t("consent-thanks"))
        data = await state.get_data()
        link = DeepLink(
            source="",
            role=data.get("link_role"),
            region=data.get("link_region"),
            centre=data.get("link_centre"),
        )
        await profiles.apply_deep_link(user_id, link)
        await _continue(query.message, state, profiles, recommendations, t, user_id)

    @router.callback_query(ConsentCallback.filter(F.action == "decline"))
    async def decline(query: CallbackQuery, t: Translate) -> None:
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.edit_reply_markup(reply_markup=None)
            await query.message.answer(t("consent-declined"))

    @router.callback_query(ConsentCallback.filter(F.action == "policy"))
    async def policy(query: CallbackQuery, language: str) -> None:
        await query.answer()
        if isinstance(query.message, Message):
            for part in split_message(policy_text(language)):
                await query.message.answer(part)

    return router
