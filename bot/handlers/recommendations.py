"""The suggestions list, catalogue cards and the feedback buttons on them."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.i18n import Translate
from bot.services.cards import CardService
from bot.services.feedback import UNFIT_REASONS, FeedbackService
from bot.services.recommendations import RecommendationService
from bot.ui.callbacks import ELSEWHERE, RecommendationCallback
from bot.ui.card_answers import remember_card
from bot.ui.cards import card_keyboard, card_text
from bot.ui.recommendations import (
    PAGE,
    UNFIT_SKIP,
    UnfitReasonCallback,
    elsewhere_keyboard,
    elsewhere_text,
    list_keyboard,
    list_text,
    similar_keyboard,
    similar_text,
    unfit_keyboard,
)


async def _replace(query: CallbackQuery, bot: Bot, text: str, markup: InlineKeyboardMarkup) -> None:
    """Edit the list in place; an old or unchanged message gets a new one or nothing."""
    if isinstance(query.message, Message):
        try:
            await query.message.edit_text(text, reply_markup=markup)
            return
        except TelegramBadRequest as error:
            if "not modified" in str(error).lower():  # a double tap on «Ещё»
                return
    await bot.send_message(query.from_user.id, text, reply_markup=markup)


def setup() -> Router:
    router = Router(name="recommendations")

    @router.callback_query(RecommendationCallback.filter(F.action == "list"))
    async def show_list(
        query: CallbackQuery,
        callback_data: RecommendationCallback,
        recommendations: RecommendationService,
        bot: Bot,
        t: Translate,
    ) -> None:
        result = await recommendations.recommend(query.from_user.id, callback_data.page)
        await query.answer()
        await bot.send_message(
            query.from_user.id, list_text(t, result), reply_markup=list_keyboard(t, result)
        )

    @router.callback_query(RecommendationCallback.filter(F.action == PAGE))
    async def turn_page(
        query: CallbackQuery,
        callback_data: RecommendationCallback,
        recommendations: RecommendationService,
        bot: Bot,
        t: Translate,
    ) -> None:
        result = await recommendations.recommend(query.from_user.id, callback_data.page)
        await query.answer()
        await _replace(query, bot, list_text(t, result), list_keyboard(t, result))

    @router.callback_query(RecommendationCallback.filter(F.action == "card"))
    async def show_card(
        query: CallbackQuery,
        callback_data: RecommendationCallback,
        cards: CardService,
        state: FSMContext,
        bot: Bot,
        t: Translate,
        language: str,
    ) -> None:
        card = await cards.card(query.from_user.id, callback_data.ref)
        # A short question next («сколько стоит?») is about this card.
        await state.update_data(remember_card(card.ref, cards.now()))
        await query.answer()
        await bot.send_message(
            query.from_user.id, card_text(t, card, language), reply_markup=card_keyboard(t, card)
        )

    @router.callback_query(RecommendationCallback.filter(F.action == ELSEWHERE))
    async def show_elsewhere(
        query: CallbackQuery,
        callback_data: RecommendationCallback,
        cards: CardService,
        bot: Bot,
        t: Translate,
    ) -> None:
        result = await cards.programmes_elsewhere(query.from_user.id, callback_data.ref)
        await query.answer()
        await bot.send_message(
            query.from_user.id,
            elsewhere_text(t, result),
            reply_markup=elsewhere_keyboard(t, result),
        )

    @router.callback_query(RecommendationCallback.filter(F.action == "similar"))
    async def show_similar(
        query: CallbackQuery,
        callback_data: RecommendationCallback,
        recommendations: RecommendationService,
        bot: Bot,
        t: Translate,
    ) -> None:
        similar = await recommendations.similar(query.from_user.id, callback_data.ref)
        await query.answer()
        await bot.send_message(
            query.from_user.id,
            similar_text(t, similar),
            reply_markup=similar_keyboard(t, similar),
        )

    @router.callback_query(RecommendationCallback.filter(F.action.in_({"up", "down"})))
    async def vote(
        query: CallbackQuery,
        callback_data: RecommendationCallback,
        feedback: FeedbackService,
        t: Translate,
    ) -> None:
        up = callback_data.action == "up"
        title = await feedback.vote(query.from_user.id, callback_data.ref, 1 if up else -1)
        await query.answer(t("rec-voted-up" if up else "rec-voted-down", title=title))

    @router.callback_query(RecommendationCallback.filter(F.action == "unfit"))
    async def unfit(
        query: CallbackQuery,
        callback_data: RecommendationCallback,
        feedback: FeedbackService,
        bot: Bot,
        t: Translate,
    ) -> None:
        title = await feedback.mark_unfit(query.from_user.id, callback_data.ref)
        await query.answer()
        await bot.send_message(
            query.from_user.id,
            t("rec-unfit-ask", title=title),
            reply_markup=unfit_keyboard(t, callback_data.ref),
        )

    @router.callback_query(UnfitReasonCallback.filter(F.reason.in_({*UNFIT_REASONS, UNFIT_SKIP})))
    async def unfit_reason(
        query: CallbackQuery,
        callback_data: UnfitReasonCallback,
        feedback: FeedbackService,
        t: Translate,
    ) -> None:
        if callback_data.reason != UNFIT_SKIP:
            await feedback.mark_unfit(query.from_user.id, callback_data.ref, callback_data.reason)
        await query.answer(t("rec-unfit-thanks"))
        if isinstance(query.message, Message):
            await query.message.edit_reply_markup(reply_markup=None)

    return router
