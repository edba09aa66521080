"""The one pace of the scheduler's side: the free lane's spacing, one message a second per
chat, reminders before broadcasts, a 429 holding every lane, the paid lane, and the
messenger that waits for its turn."""

from __future__ import annotations

import asyncio
import itertools

from bot.services.messaging import DeliveryStatus, Outgoing
from bot.services.pacing import PacedMessenger, Priority, SendPace, _Ticket
from tests.fake_messenger import RecordingMessenger


def _now() -> float:
    return asyncio.get_running_loop().time()


async def test_the_free_lane_keeps_its_rate() -> None:
    pace = SendPace(50, per_chat_seconds=0)
    began = _now()
    moments = []
    for chat in range(11):
        await pace.acquire(chat)
        moments.append(_now() - began)
    # Ten gaps of 20 ms on average: a late timer is caught up by at most a tenth of a gap.
    assert 0.2 - 0.005 <= moments[-1] < 0.2 + 0.02
    assert all(b - a >= 0.018 - 0.002 for a, b in itertools.pairwise(moments))


async def test_never_more_than_the_rate_within_one_second() -> None:
    """Catching up after a late timer never puts more than the rate into one second."""
    pace = SendPace(5, per_chat_seconds=0, clock=lambda: 100.0)
    ticket = _Ticket(1, 0, 7, False)
    for n in range(5):
        pace._grant(ticket, 100.0 + n * 0.01)
    assert pace._window(ticket, 100.05) == 101.0  # full: wait for the first to leave
    assert pace._window(ticket, 101.0) == 0.0  # it left: room again
    assert pace._window(_Ticket(1, 1, 8, True), 100.05) == 0.0  # the paid lane is apart


async def test_one_message_a_second_per_chat() -> None:
    pace = SendPace(1000, per_chat_seconds=0.3)
    began = _now()
    await pace.acquire(7)
    await pace.acquire(8)  # another chat goes at once
    assert _now() - began < 0.1
    await pace.acquire(7)
    assert _now() - began >= 0.29


async def test_reminders_go_before_broadcasts() -> None:
    pace = SendPace(20, per_chat_seconds=0)
    order: list[str] = []
    await pace.acquire(0)  # the lane's next slot is 50 ms away

    async def take(name: str, chat: int, priority: Priority) -> None:
        await pace.acquire(chat, priority)
        order.append(name)

    broadcasts = [asyncio.create_task(take(f"b{n}", 100 + n, Priority.BROADCAST)) for n in range(3)]
    await asyncio.sleep(0.01)
    reminder = asyncio.create_task(take("r", 1, Priority.REMINDER))
    await asyncio.gather(*broadcasts, reminder)
    assert order[0] == "r"
    assert order[1:] == ["b0", "b1", "b2"]


async def test_a_reminder_waiting_for_its_chat_does_not_hold_broadcasts() -> None:
    pace = SendPace(1000, per_chat_seconds=0.5)
    await pace.acquire(1, Priority.REMINDER)
    blocked = asyncio.create_task(pace.acquire(1, Priority.REMINDER))  # its chat must wait
    began = _now()
    await pace.acquire(2, Priority.BROADCAST)
    assert _now() - began < 0.1
    await blocked


async def test_a_429_holds_every_lane() -> None:
    pace = SendPace(1000, per_chat_seconds=0)
    pace.pause(0.3)
    assert pace.paused_for() > 0.2
    began = _now()
    await asyncio.gather(
        pace.acquire(1, Priority.REMINDER),
        pace.acquire(2),
        pace.acquire(3, paid=True),
    )
    assert _now() - began >= 0.29
    assert pace.pauses == 1


async def test_the_paid_lane_is_apart_and_fast() -> None:
    pace = SendPace(1, paid_per_second=1000, per_chat_seconds=0)
    await pace.acquire(0)  # the free lane's next slot is a second away
    began = _now()
    for chat in range(200):
        await pace.acquire(chat + 1, paid=True)
    took = _now() - began
    assert took < 0.6, f"200 paid sends took {took:.2f} s"


async def test_a_cancelled_wait_takes_no_slot() -> None:
    pace = SendPace(10, per_chat_seconds=0)
    await pace.acquire(0)
    waiting = asyncio.create_task(pace.acquire(1))
    await asyncio.sleep(0.01)
    waiting.cancel()
    await asyncio.gather(waiting, return_exceptions=True)
    assert pace.granted == 1


async def test_the_paced_messenger_waits_and_a_429_pauses_the_pace() -> None:
    messenger = RecordingMessenger()
    pace = SendPace(1000, per_chat_seconds=0)
    paced = PacedMessenger(messenger, pace, Priority.REMINDER)
    messenger.refuse_next(DeliveryStatus.RETRY_AFTER, retry_after=0.2)
    refused = await paced.send_text(5, Outgoing("Напоминание"))
    assert refused.status is DeliveryStatus.RETRY_AFTER
    began = _now()
    delivered = await paced.send_text(6, Outgoing("Напоминание"))
    assert delivered.delivered
    assert _now() - began >= 0.18
