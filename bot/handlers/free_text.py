"""Questions in the user's own words, when no dialog is waiting for an answer."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.types import CallbackQuery, Message

from bot.i18n import Translate
from bot.services.questions import QuestionService
from bot.services.vocabulary import interest_words
from bot.ui.questions import TopicCallback, answer_messages, answer_view


def setup() -> Router:
    router = Router(name="free_text")

    # StateFilter(None): a pending question of another dialog keeps its own text handler.
    @router.message(StateFilter(None), F.text, ~F.text.startswith("/"))
    async def question(
        message: Message, questions: QuestionService, t: Translate, language: str
    ) -> None:
        assert message.from_user is not None
        answer = await questions.answer(message.from_user.id, message.text or "", language)
        for text, markup in answer_messages(t, answer, language):
            await message.answer(text, reply_markup=markup)

    @router.callback_query(TopicCallback.filter(F.interest.in_(set(interest_words()))))
    async def topic(
        query: CallbackQuery,
        callback_data: TopicCallback,
        questions: QuestionService,
        bot: Bot,
        t: Translate,
        language: str,
    ) -> None:
        answer = await questions.topic(query.from_user.id, callback_data.interest)
        await query.answer()
        text, markup = answer_view(t, answer, language)
        await bot.send_message(query.from_user.id, text, reply_markup=markup)

    return router
