"""A Messenger that records what use cases send and can refuse like Telegram does."""

from __future__ import annotations

import asyncio
import itertools
from collections import deque
from dataclasses import dataclass, field

from bot.services.messaging import Delivery, DeliveryStatus, Outgoing


@dataclass
class Sent:
    kind: str  # text | file | edit | delete
    chat_id: int
    text: str = ""
    message_id: int | None = None


@dataclass
class RecordingMessenger:
    sent: list[Sent] = field(default_factory=list)
    refusals: deque[Delivery] = field(default_factory=deque)
    lost_answers: int = 0  # the next sends arrive, but their answers are lost (UNKNOWN)
    delay: float = 0.0  # Telegram takes time; other coroutines run meanwhile
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def refuse_next(self, status: DeliveryStatus, retry_after: float | None = None) -> None:
        self.refusals.append(Delivery(status, retry_after=retry_after))

    def lose_answer_next(self) -> None:
        """The next message reaches the chat, but the answer never comes back (a timeout)."""
        self.lost_answers += 1

    async def _record(self, sent: Sent) -> Delivery:
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.refusals:
            return self.refusals.popleft()
        if sent.message_id is None:
            sent.message_id = next(self._ids)
        self.sent.append(sent)
        if self.lost_answers:
            self.lost_answers -= 1
            return Delivery(DeliveryStatus.UNKNOWN)
        return Delivery(DeliveryStatus.DELIVERED, message_id=sent.message_id)

    async def send_text(self, chat_id: int, message: Outgoing) -> Delivery:
        return await self._record(Sent("text", chat_id, message.text))

    async def send_file(
        self, chat_id: int, filename: str, content: bytes, caption: str | None = None
    ) -> Delivery:
        return await self._record(Sent("file", chat_id, filename))

    async def edit_text(self, chat_id: int, message_id: int, message: Outgoing) -> Delivery:
        return await self._record(Sent("edit", chat_id, message.text, message_id))

    async def delete_message(self, chat_id: int, message_id: int) -> Delivery:
        return await self._record(Sent("delete", chat_id, "", message_id))
