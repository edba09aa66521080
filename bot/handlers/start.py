"""/start (with an optional deep-link payload) and the consent to process personal data."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.i18n import Translate
from bot.legal import policy_text
from bot.services.accounts import PERSONAL_DATA, AccountService
from bot.services.onboarding import Move, OnboardingService
from bot.services.profiles import DeepLink, ProfileService
from bot.services.recommendations import RecommendationService
from bot.ui.callbacks import ConsentCallback
from bot.ui.keyboards import consent_keyboard
from bot.ui.onboarding import (
    LINK_CENTRE_KEY,
    LINK_REGION_KEY,
    LINK_ROLE_KEY,
    STATES,
    data_to_begin,
    draft_of,
    draft_seed,
    step_of,
    step_view,
)
from bot.ui.recommendations import list_keyboard, list_text
from bot.ui.views import split_message


async def _continue(
    message: Message,
    state: FSMContext,
    onboarding: OnboardingService,
    recommendations: RecommendationService,
    t: Translate,
    user_id: int,
) -> None:
    """Where a consenting user goes: the pending question, onboarding, or suggestions."""
    data = await state.get_data()
    pending = step_of(await state.get_state())
    move = await onboarding.next_move(user_id, pending, data.get(LINK_ROLE_KEY))
    if move.step is None:
        await message.answer(t("welcome-back"))
        page = await recommendations.recommend(user_id)
        await message.answer(list_text(t, page), reply_markup=list_keyboard(t, page))
        return
    if move.kind is Move.RESUME:
        await message.answer(t("onboarding-resume"))
    else:
        data = data_to_begin(data)
        await state.set_data(data)
    await state.set_state(STATES[move.step])
    screen = await onboarding.screen(user_id, move.step, draft_of(data))
    await state.update_data(draft_seed(screen))
    view = step_view(t, screen)
    await message.answer(view.text, reply_markup=view.markup)


async def _remember_link(state: FSMContext, link: DeepLink) -> None:
    # Kept in the dialog until consent: nothing personal is stored before it.
    await state.update_data(
        {LINK_ROLE_KEY: link.role, LINK_REGION_KEY: link.region, LINK_CENTRE_KEY: link.centre}
    )


async def start(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    accounts: AccountService,
    profiles: ProfileService,
    onboarding: OnboardingService,
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
        await _continue(message, state, onboarding, recommendations, t, user_id)
        return
    await message.answer(t("welcome"))
    await message.answer(t("consent-request"), reply_markup=consent_keyboard(t))


async def accept(
    query: CallbackQuery,
    state: FSMContext,
    accounts: AccountService,
    profiles: ProfileService,
    onboarding: OnboardingService,
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
        role=data.get(LINK_ROLE_KEY),
        region=data.get(LINK_REGION_KEY),
        centre=data.get(LINK_CENTRE_KEY),
    )
    await profiles.apply_deep_link(user_id, link)
    await _continue(query.message, state, onboarding, recommendations, t, user_id)


async def decline(query: CallbackQuery, t: Translate) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
        await query.message.answer(t("consent-declined"))


async def policy(query: CallbackQuery, language: str) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        for part in split_message(policy_text(language)):
            await query.message.answer(part)


def setup() -> Router:
    router = Router(name="start")
    router.message.register(start, CommandStart())
    router.callback_query.register(accept, ConsentCallback.filter(F.action == "accept"))
    router.callback_query.register(decline, ConsentCallback.filter(F.action == "decline"))
    router.callback_query.register(policy, ConsentCallback.filter(F.action == "policy"))
    return router
