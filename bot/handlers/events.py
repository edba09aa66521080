"""/events: what is coming up (championships, open days, профпробы, courses starting), an
event's card, and free questions about events («когда регистрация на Абилимпикс?»)."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, StateFilter
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.i18n import Translate
from bot.services.events import EventFilter, EventService
from bot.services.events.intent import asks_about_events
from bot.ui import events as ui
from bot.ui.events import EventsCallback


async def _replace(query: CallbackQuery, bot: Bot, text: str, markup: InlineKeyboardMarkup) -> None:
    """Turn the page or change the filter in place; an old message gets a new one."""
    if isinstance(query.message, Message) and query.message.text is not None:
        try:
            await query.message.edit_text(text, reply_markup=markup)
            return
        except TelegramBadRequest as error:
            if "not modified" in str(error).lower():  # the filter already shown, pressed again
                return
    await bot.send_message(query.from_user.id, text, reply_markup=markup)


def setup() -> Router:
    router = Router(name="events")

    @router.message(Command("events"))
    async def events_command(message: Message, events: EventService, t: Translate) -> None:
        assert message.from_user is not None
        page = await events.upcoming(message.from_user.id)
        await message.answer(ui.list_text(t, page), reply_markup=ui.list_keyboard(t, page))

    # «когда день открытых дверей» in free words, when no dialog waits for an answer.
    @router.message(
        StateFilter(None), F.text, ~F.text.startswith("/"), F.text.func(asks_about_events)
    )
    async def question(message: Message, events: EventService, t: Translate) -> None:
        assert message.from_user is not None
        answer = await events.answer(message.from_user.id, message.text or "")
        await message.answer(ui.answer_text(t, answer), reply_markup=ui.answer_keyboard(t, answer))

    @router.callback_query(EventsCallback.filter((F.action == ui.LIST) & F.kind.in_(ui.FILTERS)))
    async def show_list(
        query: CallbackQuery,
        callback_data: EventsCallback,
        events: EventService,
        bot: Bot,
        t: Translate,
    ) -> None:
        page = await events.upcoming(
            query.from_user.id, EventFilter(callback_data.kind), callback_data.page
        )
        await query.answer()
        await _replace(query, bot, ui.list_text(t, page), ui.list_keyboard(t, page))

    @router.callback_query(EventsCallback.filter((F.action == ui.CARD) & F.kind.in_(ui.FILTERS)))
    async def show_card(
        query: CallbackQuery,
        callback_data: EventsCallback,
        events: EventService,
        bot: Bot,
        t: Translate,
    ) -> None:
        card = await events.card(
            query.from_user.id,
            callback_data.ref,
            EventFilter(callback_data.kind),
            callback_data.page,
        )
        await query.answer()
        await bot.send_message(
            query.from_user.id, ui.card_text(t, card), reply_markup=ui.card_keyboard(t, card)
        )

    return router
