"""The Messenger port over aiogram: the only code that turns Telegram's refusals into
delivery results (403 → blocked, 429 → retry after, no answer or a 5xx → unknown, anything
else → failed)."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import (
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
)

from bot.services.messaging import Button, Delivery, DeliveryStatus, MediaKind, Outgoing

log = logging.getLogger(__name__)


def _button(button: Button) -> InlineKeyboardButton:
    if button.url:
        return InlineKeyboardButton(text=button.text, url=button.url)
    return InlineKeyboardButton(text=button.text, callback_data=button.data)


def _markup(message: Outgoing) -> InlineKeyboardMarkup | None:
    if not message.buttons:
        return None
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button(button) for button in row] for row in message.buttons]
    )


def _entities(message: Outgoing) -> list[MessageEntity] | None:
    if not message.entities:
        return None
    return [
        MessageEntity(
            type=entity.type,
            offset=entity.offset,
            length=entity.length,
            url=entity.url,
            language=entity.language,
        )
        for entity in message.entities
    ]


def _refusal(error: TelegramAPIError | ClientDecodeError, what: str, chat_id: int) -> Delivery:
    if isinstance(error, TelegramRetryAfter):
        return Delivery(DeliveryStatus.RETRY_AFTER, retry_after=float(error.retry_after))
    if isinstance(error, TelegramForbiddenError):
        return Delivery(DeliveryStatus.BLOCKED)
    if isinstance(error, ClientDecodeError) or (
        # A 413 is a network error to aiogram, but Telegram answered it: a clear refusal.
        isinstance(error, TelegramNetworkError | TelegramServerError)
        and not isinstance(error, TelegramEntityTooLarge)
    ):
        # A timeout or a dropped connection (aiogram raises both as TelegramNetworkError), a
        # 5xx from Telegram or a proxy, an answer that could not be read: the request may have
        # been carried out. The message says what happened; it holds no user data.
        log.warning(
            "No usable answer from Telegram to %s in chat %s, it may have arrived: %s",
            what,
            chat_id,
            error.message if isinstance(error, TelegramAPIError) else type(error).__name__,
        )
        return Delivery(DeliveryStatus.UNKNOWN)
    # The description names the problem ("message to edit not found"); it holds no user data.
    log.warning("Telegram refused to %s in chat %s: %s", what, chat_id, error.message)
    return Delivery(DeliveryStatus.FAILED)


class TelegramMessenger:
    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def send_text(self, chat_id: int, message: Outgoing) -> Delivery:
        try:
            sent = await self._send(chat_id, message)
        except (TelegramAPIError, ClientDecodeError) as error:
            return _refusal(error, "send a message", chat_id)
        return Delivery(DeliveryStatus.DELIVERED, message_id=sent.message_id)

    async def _send(self, chat_id: int, message: Outgoing) -> Message:
        # Formatting travels as entities with no parse_mode: nothing in the text is parsed.
        paid = True if message.paid else None
        markup = _markup(message)
        if message.media is None:
            return await self._bot.send_message(
                chat_id,
                message.text,
                parse_mode=None,
                entities=_entities(message),
                reply_markup=markup,
                allow_paid_broadcast=paid,
            )
        caption = message.text or None
        entities = _entities(message) if caption else None
        if message.media.kind is MediaKind.PHOTO:
            return await self._bot.send_photo(
                chat_id,
                message.media.file_id,
                caption=caption,
                parse_mode=None,
                caption_entities=entities,
                reply_markup=markup,
                allow_paid_broadcast=paid,
            )
        return await self._bot.send_document(
            chat_id,
            message.media.file_id,
            caption=caption,
            caption_entities=entities,
            reply_markup=markup,
            allow_paid_broadcast=paid,
        )

    async def send_file(
        self, chat_id: int, filename: str, content: bytes, caption: str | None = None
    ) -> Delivery:
        try:
            sent = await self._bot.send_document(
                chat_id, BufferedInputFile(content, filename=filename), caption=caption
            )
        except (TelegramAPIError, ClientDecodeError) as error:
            return _refusal(error, "send a file", chat_id)
        return Delivery(DeliveryStatus.DELIVERED, message_id=sent.message_id)

    async def edit_text(self, chat_id: int, message_id: int, message: Outgoing) -> Delivery:
        try:
            await self._bot.edit_message_text(
                text=message.text,
                chat_id=chat_id,
                message_id=message_id,
                entities=_entities(message),
                reply_markup=_markup(message),
            )
        except (TelegramAPIError, ClientDecodeError) as error:
            return _refusal(error, "edit a message", chat_id)
        return Delivery(DeliveryStatus.DELIVERED, message_id=message_id)

    async def delete_message(self, chat_id: int, message_id: int) -> Delivery:
        try:
            await self._bot.delete_message(chat_id, message_id)
        except (TelegramAPIError, ClientDecodeError) as error:
            return _refusal(error, "delete a message", chat_id)
        return Delivery(DeliveryStatus.DELIVERED, message_id=message_id)
