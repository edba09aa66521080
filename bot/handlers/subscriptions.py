"""Subscriptions: «Напомнить» on an event card, topics to follow, /subscriptions with one-tap
unsubscribing (also from a reminder), and the «Добавить тему» menu."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.i18n import Translate
from bot.services.subscriptions import MENUS, SubscriptionService
from bot.ui import subscriptions as ui
from bot.ui.callbacks import SubscriptionCallback

MENU_PARTS = ("", *MENUS)


async def _replace(query: CallbackQuery, bot: Bot, text: str, markup: InlineKeyboardMarkup) -> None:
    """Edit the list or menu in place; an old message gets a new one."""
    if isinstance(query.message, Message) and query.message.text is not None:
        try:
            await query.message.edit_text(text, reply_markup=markup)
            return
        except TelegramBadRequest as error:
            if "not modified" in str(error).lower():
                return
    await bot.send_message(query.from_user.id, text, reply_markup=markup)


def setup() -> Router:
    router = Router(name="subscriptions")

    @router.message(Command("subscriptions"))
    async def show(message: Message, subscriptions: SubscriptionService, t: Translate) -> None:
        assert message.from_user is not None
        listing = await subscriptions.overview(message.from_user.id)
        await message.answer(ui.list_text(t, listing), reply_markup=ui.list_keyboard(t, listing))

    @router.callback_query(SubscriptionCallback.filter(F.action == ui.LIST))
    async def show_list(
        query: CallbackQuery, subscriptions: SubscriptionService, bot: Bot, t: Translate
    ) -> None:
        listing = await subscriptions.overview(query.from_user.id)
        await query.answer()
        await bot.send_message(
            query.from_user.id, ui.list_text(t, listing), reply_markup=ui.list_keyboard(t, listing)
        )

    @router.callback_query(SubscriptionCallback.filter((F.action == ui.EVENT) & (F.value != "")))
    async def remind(
        query: CallbackQuery,
        callback_data: SubscriptionCallback,
        subscriptions: SubscriptionService,
        bot: Bot,
        t: Translate,
    ) -> None:
        done = await subscriptions.subscribe_event(query.from_user.id, callback_data.value)
        await query.answer()
        await bot.send_message(
            query.from_user.id,
            ui.subscribed_text(t, done),
            reply_markup=ui.subscribed_keyboard(t, done),
        )

    @router.callback_query(
        SubscriptionCallback.filter(
            (F.action == ui.TOPIC) & F.kind.in_(ui.TOPIC_CODES) & (F.value != "")
        )
    )
    async def follow(
        query: CallbackQuery,
        callback_data: SubscriptionCallback,
        subscriptions: SubscriptionService,
        bot: Bot,
        t: Translate,
    ) -> None:
        done = await subscriptions.subscribe_topic(
            query.from_user.id, ui.TOPIC_CODES[callback_data.kind], callback_data.value
        )
        await query.answer()
        await bot.send_message(
            query.from_user.id,
            ui.subscribed_text(t, done),
            reply_markup=ui.subscribed_keyboard(t, done),
        )

    @router.callback_query(SubscriptionCallback.filter(F.action == ui.DROP))
    async def drop(
        query: CallbackQuery,
        callback_data: SubscriptionCallback,
        subscriptions: SubscriptionService,
        bot: Bot,
        t: Translate,
    ) -> None:
        result = await subscriptions.unsubscribe(query.from_user.id, callback_data.id)
        if callback_data.where == ui.FROM_LIST:
            await query.answer(ui.dropped_text(t, result.removed))
            listing = result.remaining
            await _replace(query, bot, ui.list_text(t, listing), ui.list_keyboard(t, listing))
            return
        await query.answer()
        await bot.send_message(query.from_user.id, ui.dropped_text(t, result.removed))

    @router.callback_query(
        SubscriptionCallback.filter((F.action == ui.MENU) & F.value.in_(MENU_PARTS))
    )
    async def menu(
        query: CallbackQuery,
        callback_data: SubscriptionCallback,
        subscriptions: SubscriptionService,
        bot: Bot,
        t: Translate,
    ) -> None:
        topics = await subscriptions.menu(query.from_user.id, callback_data.value)
        await query.answer()
        await _replace(query, bot, ui.menu_text(t, topics), ui.menu_keyboard(t, topics))

    return router
