"""The Messenger port: how use cases talk to people, without knowing Telegram.

Every notification to staff or users goes through a Messenger, so one place decides what a
refusal means: a user who blocked the bot is marked unreachable and never written to again
until they come back (a my_chat_member update), and a 429 tells the caller how long to wait.
A send with no answer (a network error, a timeout, a 5xx) is UNKNOWN, not FAILED: Telegram
may have delivered it, so a caller that must not send twice does not try again."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from bot.services.ports import UnitOfWork

log = logging.getLogger(__name__)


class DeliveryStatus(StrEnum):
    DELIVERED = "delivered"
    BLOCKED = "blocked"  # 403: the user blocked the bot or deleted the account
    RETRY_AFTER = "retry_after"  # 429: wait `retry_after` seconds, and pause all sending
    FAILED = "failed"  # anything else Telegram refused (a deleted message, a bad chat id)
    # No answer, or none to trust: a network error, a timeout, a 5xx. The request may have
    # reached Telegram, so the message may have arrived; trying again may make it twice.
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Delivery:
    status: DeliveryStatus
    message_id: int | None = None
    retry_after: float | None = None

    @property
    def delivered(self) -> bool:
        """Known to have arrived; UNKNOWN is not (it may have)."""
        return self.status is DeliveryStatus.DELIVERED


@dataclass(frozen=True, slots=True)
class Button:
    text: str
    data: str = ""  # callback data, packed by the edge (at most 64 bytes)
    url: str = ""  # a link button instead of a callback (https://, http:// or tg://)


@dataclass(frozen=True, slots=True)
class TextEntity:
    """Formatting as Telegram reports it (offsets and lengths in UTF-16 code units). It is
    sent back as entities, never as markup for a parse_mode, so no text can break parsing."""

    type: str  # bold, italic, underline, strikethrough, spoiler, code, pre, text_link, …
    offset: int
    length: int
    url: str | None = None  # text_link
    language: str | None = None  # pre


class MediaKind(StrEnum):
    PHOTO = "photo"
    DOCUMENT = "document"


@dataclass(frozen=True, slots=True)
class Media:
    """A photo or document Telegram already holds, sent again by its file_id."""

    kind: MediaKind
    file_id: str


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A message as a use case wants it sent: text, and rows of inline buttons. With `media`
    the text is its caption; `entities` format the text; `paid` asks Telegram for paid
    broadcasting (allow_paid_broadcast: above the free rate, for Stars)."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    entities: tuple[TextEntity, ...] = ()
    media: Media | None = None
    paid: bool = False


class Messenger(Protocol):
    async def send_text(self, chat_id: int, message: Outgoing) -> Delivery:
        """The message: its text, or its media with the text as the caption."""
        ...

    async def send_file(
        self, chat_id: int, filename: str, content: bytes, caption: str | None = None
    ) -> Delivery: ...
    async def edit_text(self, chat_id: int, message_id: int, message: Outgoing) -> Delivery: ...
    async def delete_message(self, chat_id: int, message_id: int) -> Delivery: ...


class Notifier:
    """Sends on behalf of use cases and applies the reachability rule in one place."""

    def __init__(self, uow: UnitOfWork, messenger: Messenger) -> None:
        self._uow = uow
        self._messenger = messenger

    async def to_user(
        self, user_id: int, message: Outgoing, *, unless_muted: bool = False
    ) -> Delivery:
        """`unless_muted`: a notification the user can switch off in /profile (news about
        their requests); it is not sent, and reported as delivered, when they did."""
        user = await self._uow.users.get(user_id)
        if user is None or user.is_blocked:
            return Delivery(DeliveryStatus.BLOCKED)
        if unless_muted and not user.notifications:
            return Delivery(DeliveryStatus.DELIVERED)
        delivery = await self._messenger.send_text(user_id, message)
        if delivery.status is DeliveryStatus.BLOCKED:
            await self._uow.users.set_blocked(user_id, True)
            await self._uow.commit()
        return delivery

    async def to_chat(self, chat_id: int, message: Outgoing) -> Delivery:
        """A staff chat or group: a refusal there says nothing about any user."""
        delivery = await self._messenger.send_text(chat_id, message)
        if not delivery.delivered:
            log.warning("could not post to chat %s: %s", chat_id, delivery.status)
        return delivery

    async def edit(self, chat_id: int, message_id: int, message: Outgoing) -> Delivery:
        delivery = await self._messenger.edit_text(chat_id, message_id, message)
        if not delivery.delivered:
            log.warning("could not edit message %s in %s: %s", message_id, chat_id, delivery.status)
        return delivery
