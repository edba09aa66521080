"""Questions in the user's own words, when no dialog is waiting for an answer."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.i18n import Translate
from bot.services.card_questions import card_topic
from bot.services.cards import CardService
from bot.services.questions import QuestionService
from bot.services.vocabulary import interest_words
from bot.ui.card_answers import card_answer_keyboard, card_answer_text, card_in_context
from bot.ui.questions import TopicCallback, answer_messages, answer_view


def setup() -> Router:
    router = Router(name="free_text")

    # StateFilter(None): a pending question of another dialog keeps its own text handler.
    @router.message(StateFilter(None), F.text, ~F.text.startswith("/"))
    async def question(
        message: Message,
        questions: QuestionService,
        cards: CardService,
        state: FSMContext,
        t: Translate,
        language: str,
    ) -> None:
        assert message.from_user is not None
        text = message.text or ""
        # Right after a programme card, «сколько стоит?» is about that programme.
        ref = card_in_context(await state.get_data(), cards.now())
        topic = card_topic(text) if ref else None
        if ref and topic:
            card = await cards.programme_in_context(message.from_user.id, ref)
            if card is not None:
                await message.answer(
                    card_answer_text(t, card, topic), reply_markup=card_answer_keyboard(t, card)
                )
                return
        answer = await questions.answer(message.from_user.id, text, language)
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
