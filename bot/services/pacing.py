"""One pace for everything the scheduler's side sends: reminders, broadcasts and the
progress notes staff watch.

Telegram lets a bot send about 30 messages a second in all, and one a second to a chat; a
429 asks it to stop for a while. The process that holds the scheduler lease sends through
one SendPace: a free lane at the configured rate (25 a second by default, leaving room for
the replies handlers send directly, which never wait here), a paid lane for broadcasts with
allow_paid_broadcast (up to 1000 a second), one message a second per chat, and a pause of
every lane after a 429. When several senders wait, reminders go before broadcasts."""

from __future__ import annotations

import asyncio
import itertools
import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum

from bot.services.messaging import Delivery, DeliveryStatus, Messenger, Outgoing

# Telegram says how long to wait; when it does not, a second is its usual answer.
DEFAULT_RETRY_AFTER = 1.0
# Forget chats whose one-second gap has passed, once this many are remembered.
_CHAT_MEMORY = 4096


class Priority(IntEnum):
    REMINDER = 0  # reminders, and progress notes to staff
    BROADCAST = 1


@dataclass(eq=False, slots=True)
class _Ticket:
    priority: int
    order: int
    chat_id: int
    paid: bool
    woken: asyncio.Event = field(default_factory=asyncio.Event)


class SendPace:
    """Grants the right to send one message now. Not thread-safe: one event loop.

    Waiters do not poll: the first in line of a lane sleeps until its slot, the others
    until they are first (a grant wakes the next one) or their chat's second is over."""

    def __init__(
        self,
        per_second: float,
        *,
        paid_per_second: float = 1000.0,
        per_chat_seconds: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._interval = {False: 1.0 / per_second, True: 1.0 / paid_per_second}
        # How far a lane may catch up after the loop woke late. Without it, timers a
        # millisecond late would cap 1000 a second at about 500, and 29 a second at 28. The
        # free lane catches up a tenth of a gap at most: Telegram counts its 30 a second
        # over any second, so two messages never come much closer than the gap.
        self._slack = {False: 0.1 / per_second, True: 0.05}
        self._next = {False: 0.0, True: 0.0}
        # And Telegram counts over any second: the free lane never grants more than its
        # rate, rounded down, within one, whatever it caught up.
        self._cap = max(1, math.floor(per_second))
        self._recent: deque[float] = deque()  # the free lane's grants of the last second
        self._per_chat = per_chat_seconds
        self._chat_next: dict[int, float] = {}
        self._paused_until = 0.0
        self._clock = clock
        self._waiting: list[_Ticket] = []
        self._order = itertools.count()
        self.granted = 0
        self.pauses = 0

    @property
    def rate(self) -> float:
        """Messages a second of the free lane."""
        return 1.0 / self._interval[False]

    def paused_for(self) -> float:
        """Seconds left of a pause after a 429 (0: none)."""
        return max(0.0, self._paused_until - self._clock())

    def pause(self, seconds: float | None) -> None:
        """Telegram answered 429: nothing goes out of any lane for `seconds`."""
        until = self._clock() + (seconds if seconds and seconds > 0 else DEFAULT_RETRY_AFTER)
        if until > self._paused_until:
            self._paused_until = until
            self.pauses += 1
            for ticket in self._waiting:  # each sleeps again until the pause is over
                ticket.woken.set()

    def observe(self, delivery: Delivery) -> Delivery:
        """Pause every lane when a send came back with 429; the delivery, unchanged."""
        if delivery.status is DeliveryStatus.RETRY_AFTER:
            self.pause(delivery.retry_after)
        return delivery

    async def acquire(
        self, chat_id: int, priority: Priority = Priority.BROADCAST, *, paid: bool = False
    ) -> None:
        """Wait for this chat's turn in its lane, then take it. A cancelled wait takes none."""
        ticket = _Ticket(int(priority), next(self._order), chat_id, paid)
        self._waiting.append(ticket)
        try:
            while True:
                now = self._clock()
                if self._first(ticket.paid, now) is ticket:
                    ready_at = max(
                        self._paused_until, self._next[ticket.paid], self._window(ticket, now)
                    )
                    if ready_at <= now:
                        self._grant(ticket, now)
                        return
                    await self._sleep(ticket, ready_at - now)
                else:
                    chat_ready = self._chat_next.get(chat_id, 0.0) - now
                    await self._sleep(ticket, chat_ready if chat_ready > 0 else None)
        finally:
            self._waiting.remove(ticket)
            first = self._first(ticket.paid, self._clock())
            if first is not None:
                first.woken.set()  # the next in line takes over the lane

    def _first(self, paid: bool, now: float) -> _Ticket | None:
        """Of the lane's waiters whose chat may be written to now, the one that comes first
        (priority, then arrival)."""
        ready = [
            ticket
            for ticket in self._waiting
            if ticket.paid == paid and self._chat_next.get(ticket.chat_id, 0.0) <= now
        ]
        return min(ready, key=lambda t: (t.priority, t.order)) if ready else None

    def _window(self, ticket: _Ticket, now: float) -> float:
        """When the free lane's last second has room again (0: it has now)."""
        if ticket.paid:
            return 0.0
        while self._recent and now - self._recent[0] >= 1.0:
            self._recent.popleft()
        return self._recent[0] + 1.0 if len(self._recent) >= self._cap else 0.0

    def _grant(self, ticket: _Ticket, now: float) -> None:
        lane = ticket.paid
        if not lane:
            self._recent.append(now)
        self._next[lane] = max(self._next[lane], now - self._slack[lane]) + self._interval[lane]
        if len(self._chat_next) > _CHAT_MEMORY:
            self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}
        self._chat_next[ticket.chat_id] = now + self._per_chat
        self.granted += 1

    @staticmethod
    async def _sleep(ticket: _Ticket, seconds: float | None) -> None:
        """Until `seconds` pass or the ticket is woken."""
        try:
            async with asyncio.timeout(seconds):
                await ticket.woken.wait()
        except TimeoutError:
            pass
        ticket.woken.clear()


class PacedMessenger:
    """A Messenger whose every call waits for its turn at the pace, and whose 429 answers
    pause the pace. The reminder sender and the staff's progress notes send through one."""

    def __init__(self, messenger: Messenger, pace: SendPace, priority: Priority) -> None:
        self._messenger = messenger
        self._pace = pace
        self._priority = priority

    async def send_text(self, chat_id: int, message: Outgoing) -> Delivery:
        await self._pace.acquire(chat_id, self._priority, paid=message.paid)
        return self._pace.observe(await self._messenger.send_text(chat_id, message))

    async def send_file(
        self, chat_id: int, filename: str, content: bytes, caption: str | None = None
    ) -> Delivery:
        await self._pace.acquire(chat_id, self._priority)
        return self._pace.observe(
            await self._messenger.send_file(chat_id, filename, content, caption)
        )

    async def edit_text(self, chat_id: int, message_id: int, message: Outgoing) -> Delivery:
        await self._pace.acquire(chat_id, self._priority)
        return self._pace.observe(await self._messenger.edit_text(chat_id, message_id, message))

    async def delete_message(self, chat_id: int, message_id: int) -> Delivery:
        await self._pace.acquire(chat_id, self._priority)
        return self._pace.observe(await self._messenger.delete_message(chat_id, message_id))
