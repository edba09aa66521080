"""Questions in the user's own words, when no dialog is waiting for an answer."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.types import CallbackQuery, Message

from bot.i18n import Translate
from bot.services.guide import INTEREST_WORDS, QUESTION_LIMIT, GuideService
from bot.ui.recommendations import TopicCallback, answer_view


def setup() -> Router:
    router = Router(name="free_text")

    # StateFilter(None): a pending question of another dialog keeps its own text handler.
    @router.message(StateFilter(None), F.text, ~F.text.startswith("/"))
    async def question(message: Message, guide: GuideService, t: Translate, language: str) -> None:
        assert message.from_user is not None
        answer = await guide.answer(message.from_user.id, message.text or "", language)
        if answer.truncated:
            await message.answer(t("too-long", limit=str(QUESTION_LIMIT)))
        text, markup = answer_view(t, answer)
        await message.answer(text, reply_markup=markup)

    @router.callback_query(TopicCallback.filter(F.interest.in_(INTEREST_WORDS)))
    async def topic(
        query: CallbackQuery,
        callback_data: TopicCallback,
        guide: GuideService,
        bot: Bot,
        t: Translate,
    ) -> None:
        answer = await guide.topic(query.from_user.id, callback_data.interest)
        await query.answer()
        text, markup = answer_view(t, answer)
        await bot.send_message(query.from_user.id, text, reply_markup=markup)

    return router
