"""Drives the real dispatcher with fabricated updates and renders what the bot sent.

`careerbot chat` is a loop around this class; transcript tests use it directly."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageReplyMarkup,
    EditMessageText,
    SendDocument,
    SendMediaGroup,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    Chat,
    Contact,
    Document,
    InlineKeyboardMarkup,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Sticker,
    Update,
    User,
)

from bot.console.session import RecordingSession


@dataclass
class Choice:
    label: str
    callback_data: str | None = None  # an inline button
    message_id: int | None = None
    request_contact: bool = False  # a reply button that shares the phone number


@dataclass
class ConsoleDriver:
    dispatcher: Dispatcher
    bot: Bot
    session: RecordingSession
    user: User
    choices: list[Choice] = field(default_factory=list)
    _update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _message_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _reply_choices: list[Choice] = field(default_factory=list)
    _inline_by_message: dict[int, list[Choice]] = field(default_factory=dict)
    sent_files: list[tuple[str, bytes]] = field(default_factory=list)

    @property
    def chat(self) -> Chat:
        return Chat(id=self.user.id, type="private", first_name=self.user.first_name)

    def _message(self, **content: Any) -> Message:
        return Message(
            message_id=next(self._message_ids),
            date=datetime.now(UTC),
            chat=self.chat,
            from_user=self.user,
            **content,
        )

    async def _feed(self, **update: Any) -> list[str]:
        await self.dispatcher.feed_update(
            self.bot, Update(update_id=next(self._update_ids), **update)
        )
        return self._render(self.session.take())

    async def send_text(self, text: str) -> list[str]:
        for choice in self._reply_choices:
            if choice.label == text and choice.request_contact:
                return await self.share_contact()
        return await self._feed(message=self._message(text=text))

    async def send_sticker(self) -> list[str]:
        sticker = Sticker(
            file_id="console-sticker",
            file_unique_id="console-sticker",
            type="regular",
            width=512,
            height=512,
            is_animated=False,
            is_video=False,
        )
        return await self._feed(message=self._message(sticker=sticker))

    async def send_document(
        self, file_name: str, data: bytes, mime_type: str | None = None, *, size: int | None = None
    ) -> list[str]:
        """Send a file, as a staff member sends a catalogue spreadsheet; `size` is what
        Telegram says of it (the real length unless given)."""
        file_id = f"console-file-{next(self._message_ids)}"
        self.session.add_file(file_id, data)
        document = Document(
            file_id=file_id,
            file_unique_id=file_id,
            file_name=file_name,
            mime_type=mime_type,
            file_size=len(data) if size is None else size,
        )
        return await self._feed(message=self._message(document=document))

    async def share_contact(self, phone: str = "+79990000000") -> list[str]:
        contact = Contact(phone_number=phone, first_name=self.user.first_name, user_id=self.user.id)
        return await self._feed(message=self._message(contact=contact))

    async def press_data(self, data: str, message_id: int = 1) -> list[str]:
        """Press a button with any callback data (tests use it for forged data)."""
        query = CallbackQuery(
            id=str(next(self._update_ids)),
            from_user=self.user,
            chat_instance="console",
            data=data,
            message=Message(
                message_id=message_id, date=datetime.now(UTC), chat=self.chat, text="…"
            ),
        )
        return await self._feed(callback_query=query)

    async def press(self, number: int) -> list[str]:
        """Press the numbered choice shown last (1-based)."""
        if not 1 <= number <= len(self.choices):
            raise IndexError(number)
        choice = self.choices[number - 1]
        if choice.callback_data is None:
            return await self.send_text(choice.label)
        return await self.press_data(choice.callback_data, choice.message_id or 1)

    async def press_label(self, label: str) -> list[str]:
        """Press the first shown choice whose label contains `label` (case-insensitive)."""
        for index, choice in enumerate(self.choices, start=1):
            if label.lower() in choice.label.lower():
                return await self.press(index)
        shown = ", ".join(choice.label for choice in self.choices)
        raise LookupError(f"no button like {label!r}; shown: {shown}")

    def take_sent(self) -> list[str]:
        """What the bot sent outside any update (reminders), rendered. With nothing sent, the
        shown choices stay as they are."""
        requests = self.session.take()
        return self._render(requests) if requests else []

    def _remember_inline(self, message_id: int, markup: InlineKeyboardMarkup | None) -> None:
        if markup is None:
            self._inline_by_message.pop(message_id, None)
            return
        self._inline_by_message[message_id] = [
            Choice(label=button.text, callback_data=button.callback_data, message_id=message_id)
            for row in markup.inline_keyboard
            for button in row
            if button.callback_data is not None
        ]

    def _render(self, requests: list[TelegramMethod[Any]]) -> list[str]:
        lines: list[str] = []
        last_inline_message: int | None = None
        for request in requests:
            shown_inline = self._render_one(request, lines)
            if shown_inline is not None:
                last_inline_message = shown_inline
        if last_inline_message is None and self._inline_by_message:
            last_inline_message = max(self._inline_by_message)
        inline = self._inline_by_message.get(last_inline_message, []) if last_inline_message else []
        self.choices = inline + self._reply_choices
        return lines

    def _render_one(self, request: TelegramMethod[Any], lines: list[str]) -> int | None:
        """Append what the user sees; the id of a message whose buttons are now shown."""
        if isinstance(request, SendMessage):
            return self._render_sent(request, lines)
        if isinstance(request, EditMessageText):
            lines.append(f"(изменено) {request.text}")
            if request.message_id is None:
                return None
            markup = request.reply_markup
            self._remember_inline(
                request.message_id, markup if isinstance(markup, InlineKeyboardMarkup) else None
            )
            return request.message_id
        if isinstance(request, EditMessageReplyMarkup) and request.message_id is not None:
            self._remember_inline(request.message_id, request.reply_markup)
        elif isinstance(request, AnswerCallbackQuery) and request.text:
            lines.append(f"[уведомление] {request.text}")
        elif isinstance(request, SendDocument):
            document = request.document
            name = getattr(document, "filename", None) or "file"
            data = getattr(document, "data", b"")
            self.sent_files.append((name, data if isinstance(data, bytes) else b""))
            lines.append(f"[файл] {name}" + (f" — {request.caption}" if request.caption else ""))
        elif isinstance(request, SendMediaGroup | SendPhoto):
            # Uploaded pictures (the /stats charts); photos sent again by file_id show nothing.
            media = request.media if isinstance(request, SendMediaGroup) else [request]
            for item in media:
                picture = getattr(item, "media", None) or getattr(item, "photo", None)
                if isinstance(picture, BufferedInputFile):
                    self.sent_files.append((picture.filename or "photo", picture.data))
                    lines.append(f"[картинка] {picture.filename}")
        return None

    def _render_sent(self, request: SendMessage, lines: list[str]) -> int | None:
        if request.chat_id != self.user.id:
            # Messages to other chats (the staff chat) are shown, not made pressable.
            lines.append(f"[чат {request.chat_id}] {request.text}")
            return None
        lines.append(request.text)
        markup = request.reply_markup
        if isinstance(markup, InlineKeyboardMarkup):
            message_id = self.session.message_id_of(request)
            self._remember_inline(message_id, markup)
            return message_id
        if isinstance(markup, ReplyKeyboardMarkup):
            self._reply_choices = [
                Choice(label=button.text, request_contact=bool(button.request_contact))
                for row in markup.keyboard
                for button in row
            ]
        elif isinstance(markup, ReplyKeyboardRemove):
            self._reply_choices = []
        return None

    def render_choices(self) -> list[str]:
        return [f"  [{number}] {choice.label}" for number, choice in enumerate(self.choices, 1)]
