"""The reminder sender against the real database, on SQLite and on PostgreSQL: what is due
goes out once, what no longer means anything is dropped, Telegram's refusals are honoured,
a reminder whose sender died mid-send is never sent again, and the rest of that sender's
batch, never tried, is sent once after the restart."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.services.messaging import DeliveryStatus, Notifier, Outgoing
from bot.services.ports import ReminderRecord
from bot.services.reminders import (
    MIN_DEFER,
    STUCK_DETAIL,
    UNKNOWN_DETAIL,
    Defer,
    Drop,
    Due,
    Recovered,
    ReminderContent,
    ReminderReport,
    ReminderService,
)
from bot.storage.db import create_engine, create_session_factory
from bot.storage.models import Reminder
from bot.storage.models import User as UserRow
from bot.storage.repositories import SqlUnitOfWork
from tests.fake_messenger import RecordingMessenger, Sent

START = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
ANNA, BORIS = 111, 222

Sessions = async_sessionmaker[AsyncSession]


class MovableClock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class Notes:
    """A content for the kind «note»: subjects listed in `cancelled` are dropped."""

    kinds = ("note",)

    def __init__(self, *, unless_muted: bool = True) -> None:
        self.cancelled: set[str] = set()
        self.broken: set[str] = set()
        self.unless_muted = unless_muted

    async def render(self, reminder: ReminderRecord, now: datetime) -> Due | Drop:
        if reminder.subject in self.broken:
            raise RuntimeError("the content has a bug")
        if reminder.subject in self.cancelled:
            return Drop("the booking was cancelled")
        return Due(Outgoing(f"Напоминание {reminder.subject}"), unless_muted=self.unless_muted)


@pytest_asyncio.fixture
async def sessions(database_url: str) -> AsyncIterator[Sessions]:
    engine = create_engine(database_url)
    factory = create_session_factory(engine)
    async with factory() as session:
        uow = SqlUnitOfWork(session)
        for user_id in (ANNA, BORIS):
            await uow.users.add_if_missing(user_id, START)
        await uow.commit()
    try:
        yield factory
    finally:
        await engine.dispose()


async def schedule(sessions: Sessions, subject: str, due_at: datetime, **kw: Any) -> None:
    async with sessions() as session:
        uow = SqlUnitOfWork(session)
        await uow.reminders.schedule(
            kw.get("kind", "note"), subject, kw.get("user_id", ANNA), due_at
        )
        await uow.commit()


async def deliver(
    sessions: Sessions,
    messenger: RecordingMessenger,
    clock: MovableClock,
    contents: tuple[ReminderContent, ...] | None = None,
    stop: Callable[[], bool] | None = None,
    **options: int,
) -> ReminderReport:
    async with sessions() as session:
        uow = SqlUnitOfWork(session)
        service = ReminderService(
            uow,
            Notifier(uow, messenger),
            contents if contents is not None else (Notes(),),
            clock,
            **options,
        )
        return await service.deliver_due(stop=stop)


async def stored(sessions: Sessions, subject: str) -> Reminder:
    async with sessions() as session:
        row = await session.scalar(select(Reminder).where(Reminder.subject == subject))
    assert row is not None, subject
    return row


def texts(messenger: RecordingMessenger) -> list[str]:
    return [sent.text for sent in messenger.sent]


async def test_only_what_is_due_is_sent_and_only_once(sessions: Sessions) -> None:
    clock, messenger = MovableClock(), RecordingMessenger()
    await schedule(sessions, "due", START - timedelta(minutes=1))
    await schedule(sessions, "exactly-now", START)
    await schedule(sessions, "later", START + timedelta(hours=1))

    report = await deliver(sessions, messenger, clock)

    assert texts(messenger) == ["Напоминание due", "Напоминание exactly-now"]
    assert [sent.chat_id for sent in messenger.sent] == [ANNA, ANNA]
    assert (report.sent, report.handled) == (2, 2)
    row = await stored(sessions, "due")
    assert (row.status, row.attempts, row.sent_at) == ("sent", 1, START)
    assert (await stored(sessions, "later")).status == "pending"

    # The next pass finds nothing new; an hour later the last one goes.
    assert (await deliver(sessions, messenger, clock)).handled == 0
    clock.advance(hours=1)
    assert (await deliver(sessions, messenger, clock)).sent == 1
    assert len(messenger.sent) == 3


async def test_a_moved_reminder_goes_at_its_new_time(sessions: Sessions) -> None:
    clock, messenger = MovableClock(), RecordingMessenger()
    await schedule(sessions, "earlier", START + timedelta(hours=5))
    await schedule(sessions, "earlier", START - timedelta(minutes=1))  # booking moved forward
    await schedule(sessions, "postponed", START - timedelta(minutes=1))
    await schedule(sessions, "postponed", START + timedelta(days=1))  # booking moved later

    await deliver(sessions, messenger, clock)

    assert texts(messenger) == ["Напоминание earlier"]
    assert (await stored(sessions, "postponed")).status == "pending"


async def test_a_sent_reminder_is_not_rescheduled_into_sending_again(sessions: Sessions) -> None:
    clock, messenger = MovableClock(), RecordingMessenger()
    await schedule(sessions, "once", START)
    await deliver(sessions, messenger, clock)
    await schedule(sessions, "once", START + timedelta(hours=1))
    clock.advance(hours=2)

    await deliver(sessions, messenger, clock)

    assert texts(messenger) == ["Напоминание once"]


async def test_a_cancelled_reminder_is_not_sent(sessions: Sessions) -> None:
    clock, messenger = MovableClock(), RecordingMessenger()
    await schedule(sessions, "booking-7", START)
    async with sessions() as session:
        uow = SqlUnitOfWork(session)
        assert await uow.reminders.cancel("booking-7", ("note",)) == 1
        await uow.commit()

    report = await deliver(sessions, messenger, clock)

    assert messenger.sent == []
    assert report.handled == 0
    assert (await stored(sessions, "booking-7")).status == "cancelled"


async def test_a_reminder_that_means_nothing_any_more_is_dropped_with_its_reason(
    sessions: Sessions, caplog: pytest.LogCaptureFixture
) -> None:
    clock, messenger, notes = MovableClock(), RecordingMessenger(), Notes()
    notes.cancelled.add("booking-8")
    await schedule(sessions, "booking-8", START)

    with caplog.at_level(logging.INFO, logger="bot.services.reminders"):
        report = await deliver(sessions, messenger, clock, (notes,))

    assert messenger.sent == []
    assert report.dropped == 1
    row = await stored(sessions, "booking-8")
    assert (row.status, row.detail) == ("dropped", "the booking was cancelled")
    assert any(
        r.levelno == logging.INFO and "the booking was cancelled" in r.getMessage()
        for r in caplog.records
    )


async def test_a_kind_no_content_knows_is_dropped(sessions: Sessions) -> None:
    clock, messenger = MovableClock(), RecordingMessenger()
    await schedule(sessions, "event-1", START, kind="event_start")

    report = await deliver(sessions, messenger, clock)

    assert (report.dropped, messenger.sent) == (1, [])
    row = await stored(sessions, "event-1")
    assert row.status == "dropped"
    assert "event_start" in (row.detail or "")


async def test_a_user_who_switched_notifications_off_is_not_reminded(sessions: Sessions) -> None:
    clock, messenger = MovableClock(), RecordingMessenger()
    async with sessions() as session:
        uow = SqlUnitOfWork(session)
        await uow.users.set_notifications(ANNA, False)
        await uow.commit()
    await schedule(sessions, "muted", START)
    await schedule(sessions, "to-boris", START, user_id=BORIS)

    report = await deliver(sessions, messenger, clock)

    assert [sent.chat_id for sent in messenger.sent] == [BORIS]
    assert (report.muted, report.sent) == (1, 1)
    assert (await stored(sessions, "muted")).status == "dropped"

    # A reminder its content marks as not mutable goes anyway.
    await schedule(sessions, "must-know", START)
    await deliver(sessions, messenger, clock, (Notes(unless_muted=False),))
    assert messenger.sent[-1].chat_id == ANNA


async def test_a_user_who_blocked_the_bot_is_marked_and_not_tried_again(
    sessions: Sessions,
) -> None:
    clock, messenger = MovableClock(), RecordingMessenger()
    await schedule(sessions, "first", START)
    await schedule(sessions, "second", START + timedelta(minutes=1))
    messenger.refuse_next(DeliveryStatus.BLOCKED)

    report = await deliver(sessions, messenger, clock)

    assert report.blocked == 1
    row = await stored(sessions, "first")
    assert (row.status, row.detail) == ("failed", "blocked")
    async with sessions() as session:
        user = await session.get(UserRow, ANNA)
        assert user is not None and user.is_blocked

    clock.advance(minutes=1)
    report = await deliver(sessions, messenger, clock)
    assert (report.blocked, messenger.sent) == (1, [])  # not even attempted


async def test_a_429_pauses_all_sending_until_telegram_allows(sessions: Sessions) -> None:
    clock, messenger = MovableClock(), RecordingMessenger()
    await schedule(sessions, "first", START)
    await schedule(sessions, "second", START, user_id=BORIS)
    messenger.refuse_next(DeliveryStatus.RETRY_AFTER, retry_after=30)

    report = await deliver(sessions, messenger, clock)

    resume = START + timedelta(seconds=30)
    assert (report.retried, report.paused_until) == (1, resume)
    assert messenger.sent == []  # the second one was not tried either
    for subject in ("first", "second"):
        row = await stored(sessions, subject)
        assert (row.status, row.due_at) == ("pending", resume)

    clock.advance(seconds=29)
    assert (await deliver(sessions, messenger, clock)).handled == 0
    clock.advance(seconds=1)
    assert (await deliver(sessions, messenger, clock)).sent == 2
    assert sorted(sent.chat_id for sent in messenger.sent) == [ANNA, BORIS]


async def test_429s_do_not_use_up_the_attempts(sessions: Sessions) -> None:
    """Telegram asking to wait is not a try: more 429s than max_attempts, then it goes."""
    clock, messenger = MovableClock(), RecordingMessenger()
    await schedule(sessions, "patient", START)

    for _ in range(4):
        messenger.refuse_next(DeliveryStatus.RETRY_AFTER, retry_after=30)
        report = await deliver(sessions, messenger, clock, max_attempts=2)
        assert report.retried == 1
        row = await stored(sessions, "patient")
        assert (row.status, row.attempts) == ("pending", 0)
        clock.advance(seconds=30)

    assert (await deliver(sessions, messenger, clock, max_attempts=2)).sent == 1
    row = await stored(sessions, "patient")
    assert (row.status, row.attempts) == ("sent", 1)
    assert texts(messenger) == ["Напоминание patient"]


async def test_a_failing_send_is_retried_with_backoff_then_given_up(sessions: Sessions) -> None:
    clock, messenger = MovableClock(), RecordingMessenger()
    await schedule(sessions, "flaky", START)
    messenger.refuse_next(DeliveryStatus.FAILED)

    report = await deliver(sessions, messenger, clock, max_attempts=2)

    assert report.retried == 1
    row = await stored(sessions, "flaky")
    assert (row.status, row.due_at, row.attempts) == ("pending", START + timedelta(minutes=1), 1)
    assert (await deliver(sessions, messenger, clock, max_attempts=2)).handled == 0

    clock.advance(minutes=1)
    messenger.refuse_next(DeliveryStatus.FAILED)
    report = await deliver(sessions, messenger, clock, max_attempts=2)

    assert report.failed == 1
    row = await stored(sessions, "flaky")
    assert row.status == "failed"
    assert "gave up after 2 attempts" in (row.detail or "")
    assert messenger.sent == []


async def test_no_answer_from_telegram_is_failed_and_never_retried(
    sessions: Sessions, caplog: pytest.LogCaptureFixture
) -> None:
    """A timeout or a dropped connection: the message may have arrived (here it did), so it
    is not tried again, unlike a clear refusal."""
    clock, messenger = MovableClock(), RecordingMessenger()
    await schedule(sessions, "timed-out", START)
    await schedule(sessions, "next", START, user_id=BORIS)
    messenger.lose_answer_next()

    with caplog.at_level(logging.WARNING, logger="bot.services.reminders"):
        report = await deliver(sessions, messenger, clock)

    assert (report.failed, report.sent, report.retried) == (1, 1, 0)
    row = await stored(sessions, "timed-out")
    assert (row.status, row.detail, row.attempts) == ("failed", UNKNOWN_DETAIL, 1)
    assert any(
        r.levelno == logging.WARNING and f"Reminder {row.id}" in r.getMessage()
        for r in caplog.records
    )
    for _ in range(3):
        clock.advance(hours=2)
        assert (await deliver(sessions, messenger, clock)).handled == 0
    assert texts(messenger) == ["Напоминание timed-out", "Напоминание next"]  # once each


async def test_a_content_that_raises_is_retried_later_and_the_pass_goes_on(
    sessions: Sessions,
) -> None:
    clock, messenger, notes = MovableClock(), RecordingMessenger(), Notes()
    notes.broken.add("buggy")
    await schedule(sessions, "buggy", START)
    await schedule(sessions, "fine", START)

    report = await deliver(sessions, messenger, clock, (notes,))

    assert (report.retried, report.sent) == (1, 1)
    assert texts(messenger) == ["Напоминание fine"]
    row = await stored(sessions, "buggy")
    assert (row.status, row.detail, row.attempts) == ("pending", "could not render; attempt 1", 1)

    # A content that keeps raising is given up after max_attempts tries, never sent.
    clock.advance(minutes=1)
    report = await deliver(sessions, messenger, clock, (notes,), max_attempts=2)
    assert report.failed == 1
    row = await stored(sessions, "buggy")
    assert (row.status, row.attempts) == ("failed", 2)
    assert "could not render; gave up after 2 attempts" in (row.detail or "")


async def test_forgotten_users_take_their_reminders_with_them(sessions: Sessions) -> None:
    clock, messenger = MovableClock(), RecordingMessenger()
    await schedule(sessions, "gone", START)
    async with sessions() as session:
        uow = SqlUnitOfWork(session)
        await uow.personal_data.erase(ANNA)
        await uow.commit()
        assert await uow.reminders.list_for(ANNA) == []

    assert (await deliver(sessions, messenger, clock)).handled == 0
    assert messenger.sent == []


async def test_a_stop_between_reminders_gives_the_untried_ones_back(sessions: Sessions) -> None:
    clock, messenger = MovableClock(), RecordingMessenger()
    for n in range(3):
        await schedule(sessions, f"r{n}", START - timedelta(minutes=3 - n))

    report = await deliver(sessions, messenger, clock, stop=lambda: len(messenger.sent) >= 1)

    assert (report.sent, texts(messenger)) == (1, ["Напоминание r0"])
    for n in (1, 2):
        row = await stored(sessions, f"r{n}")
        assert (row.status, row.due_at) == ("pending", START - timedelta(minutes=3 - n))
        assert row.attempts == 0  # given back untried: no attempt counted
    await deliver(sessions, messenger, clock)
    assert texts(messenger) == [f"Напоминание r{n}" for n in range(3)]


async def test_batches_follow_each_other_until_nothing_is_due(sessions: Sessions) -> None:
    clock, messenger = MovableClock(), RecordingMessenger()
    for n in range(7):
        await schedule(sessions, f"r{n}", START)

    report = await deliver(sessions, messenger, clock, batch=3)

    assert report.sent == 7
    assert sorted(texts(messenger)) == sorted(f"Напоминание r{n}" for n in range(7))


async def test_two_senders_at_once_send_each_reminder_exactly_once(database_url: str) -> None:
    """Two worker processes by mistake (or a lease lost mid-pass): each has its own engine,
    and the database's claim decides who sends what."""
    engines = [create_engine(database_url) for _ in range(2)]
    factories = [create_session_factory(engine) for engine in engines]
    subjects = [f"r{n}" for n in range(40)]
    try:
        async with factories[0]() as session:
            uow = SqlUnitOfWork(session)
            for user_id in (ANNA, BORIS):
                await uow.users.add_if_missing(user_id, START)
            for n, subject in enumerate(subjects):
                await uow.reminders.schedule("note", subject, (ANNA, BORIS)[n % 2], START)
            await uow.commit()
        # One Telegram, two senders; the delay lets the passes interleave.
        messenger = RecordingMessenger(delay=0.002)
        clock = MovableClock()
        reports = await asyncio.gather(
            *(deliver(factory, messenger, clock, batch=5) for factory in factories)
        )
    finally:
        for engine in engines:
            await engine.dispose()

    assert sorted(texts(messenger)) == sorted(f"Напоминание {s}" for s in subjects)
    assert sum(report.sent for report in reports) == len(subjects)


async def test_what_a_stopped_sender_left_is_requeued_if_untried_and_failed_if_mid_send(
    sessions: Sessions, caplog: pytest.LogCaptureFixture
) -> None:
    clock, messenger = MovableClock(), RecordingMessenger()
    await schedule(sessions, "in-flight", START - timedelta(minutes=2))
    await schedule(sessions, "untried", START - timedelta(minutes=1))
    await schedule(sessions, "not-yet", START + timedelta(hours=1))
    # A sender claims both, hands the first to Telegram and dies before the answer.
    async with sessions() as session:
        uow = SqlUnitOfWork(session)
        first, _ = await uow.reminders.claim_due(START, 10)
        await uow.commit()
        assert await uow.reminders.begin_send(first.id, START) is not None
        await uow.commit()
    clock.advance(minutes=10)

    async with sessions() as session:
        uow = SqlUnitOfWork(session)
        service = ReminderService(uow, Notifier(uow, messenger), (Notes(),), clock)
        assert await service.recover_stuck(timedelta(minutes=15)) == Recovered()  # too recent
        with caplog.at_level(logging.INFO, logger="bot.services.reminders"):
            assert await service.recover_stuck(timedelta(0)) == Recovered(requeued=1, failed=1)

    row = await stored(sessions, "in-flight")
    assert (row.status, row.detail, row.attempts) == ("failed", STUCK_DETAIL, 1)
    row = await stored(sessions, "untried")
    assert (row.status, row.due_at, row.attempts) == ("pending", START - timedelta(minutes=1), 0)
    assert any(
        r.levelno == logging.WARNING and "1 reminder" in r.getMessage() for r in caplog.records
    )
    await deliver(sessions, messenger, clock)
    clock.advance(hours=2)
    await deliver(sessions, messenger, clock)
    assert texts(messenger) == ["Напоминание untried", "Напоминание not-yet"]


class HangingMessenger(RecordingMessenger):
    """Telegram takes the `hang_on`-th message and never answers: the process is killed
    while it waits (the test abandons it, then cancels it at the very end)."""

    def __init__(self, hang_on: int) -> None:
        super().__init__()
        self.hang_on = hang_on
        self.calls = 0
        self.hanging = asyncio.Event()

    async def send_text(self, chat_id: int, message: Outgoing) -> Any:
        self.calls += 1
        if self.calls == self.hang_on:
            self.sent.append(Sent("text", chat_id, message.text))
            self.hanging.set()
            await asyncio.Event().wait()  # never answers
        return await super().send_text(chat_id, message)


async def test_after_a_crash_mid_batch_the_untried_go_out_once_and_the_one_in_hand_never(
    sessions: Sessions,
) -> None:
    """A sender claims a batch of five, sends one, is killed while Telegram has the second:
    the next process sends the other three, once each, and not the second again."""
    clock = MovableClock()
    subjects = [f"r{n}" for n in range(5)]
    for n, subject in enumerate(subjects):
        await schedule(sessions, subject, START - timedelta(minutes=5 - n))
    telegram = HangingMessenger(hang_on=2)
    crashed = asyncio.create_task(deliver(sessions, telegram, clock, batch=10))
    try:
        await asyncio.wait_for(telegram.hanging.wait(), 10)
        # What a SIGKILL now would leave behind: one sent, one sending, three claimed.
        statuses = [(await stored(sessions, subject)).status for subject in subjects]
        assert statuses == ["sent", "sending", "claimed", "claimed", "claimed"]
        clock.advance(minutes=1)

        # The next process: it takes the lease, settles what was left, and sends.
        async with sessions() as session:
            uow = SqlUnitOfWork(session)
            service = ReminderService(uow, Notifier(uow, telegram), (Notes(),), clock)
            assert await service.recover_stuck(timedelta(0)) == Recovered(requeued=3, failed=1)
        report = await deliver(sessions, telegram, clock)
        assert (report.sent, report.handled) == (3, 3)
        assert (await deliver(sessions, telegram, clock)).handled == 0
    finally:
        crashed.cancel()
        with pytest.raises(asyncio.CancelledError):
            await crashed

    assert texts(telegram) == [f"Напоминание {s}" for s in subjects]  # each exactly once
    row = await stored(sessions, "r1")
    assert (row.status, row.detail) == ("failed", STUCK_DETAIL)
    for subject in ("r2", "r3", "r4"):
        row = await stored(sessions, subject)
        assert (row.status, row.attempts) == ("sent", 1)


async def test_a_claimed_reminder_is_never_claimed_again_and_only_one_holder_sends_it(
    database_url: str,
) -> None:
    """Two processes (PostgreSQL: SKIP LOCKED; SQLite: the status condition). A row one of
    them claimed is not claimed by the other; and when a stale holder and a new one both
    hold it (it was given back and claimed again), exactly one may begin sending it."""
    engines = [create_engine(database_url) for _ in range(2)]
    factories = [create_session_factory(engine) for engine in engines]
    try:
        async with factories[0]() as first, factories[1]() as second:
            a, b = SqlUnitOfWork(first), SqlUnitOfWork(second)
            await a.users.add_if_missing(ANNA, START)
            await a.reminders.schedule("note", "only", ANNA, START)
            await a.commit()

            (held_by_a,) = await a.reminders.claim_due(START, 10)
            await a.commit()
            assert await b.reminders.claim_due(START, 10) == []
            await b.commit()

            # A's lease lapsed; B settled what A left (given back) and claimed it again.
            assert await b.reminders.release(held_by_a.id, START, None, was="claimed")
            (held_by_b,) = await b.reminders.claim_due(START, 10)
            await b.commit()
            assert held_by_b.id == held_by_a.id

            started_by_b = await b.reminders.begin_send(held_by_b.id, START)
            await b.commit()
            started_by_a = await a.reminders.begin_send(held_by_a.id, START)
            await a.commit()
            assert started_by_b is not None and started_by_b.attempts == 1
            assert started_by_a is None
            # A's stop gives back what it thinks is untried: not a row B is sending.
            assert not await a.reminders.release(held_by_a.id, START, None, was="claimed")
            await a.commit()
            row = await second.scalar(select(Reminder).where(Reminder.subject == "only"))
            assert row is not None and row.status == "sending"
    finally:
        for engine in engines:
            await engine.dispose()


async def test_a_reminder_cancelled_after_its_claim_is_not_sent(sessions: Sessions) -> None:
    """The booking is cancelled while the sender renders the reminder: still «claimed», so
    the cancellation takes it, and the sender finds it no longer claimed."""

    class CancelledWhileRendering(Notes):
        async def render(self, reminder: ReminderRecord, now: datetime) -> Due | Drop:
            async with sessions() as session:
                uow = SqlUnitOfWork(session)
                assert await uow.reminders.cancel(reminder.subject, ("note",)) == 1
                await uow.commit()
            return await super().render(reminder, now)

    clock, messenger = MovableClock(), RecordingMessenger()
    await schedule(sessions, "booking-9", START)

    report = await deliver(sessions, messenger, clock, (CancelledWhileRendering(),))

    assert (messenger.sent, report.handled) == ([], 0)
    row = await stored(sessions, "booking-9")
    assert (row.status, row.attempts) == ("cancelled", 0)


class BrokenMessenger(RecordingMessenger):
    """Raises instead of answering, like a bug in the edge: nobody knows what Telegram got."""

    async def send_text(self, chat_id: int, message: Outgoing) -> Any:
        raise RuntimeError("connection reset mid-request")


async def test_a_send_that_raises_is_failed_not_resent(sessions: Sessions) -> None:
    clock = MovableClock()
    await schedule(sessions, "unknown-fate", START)

    report = await deliver(sessions, BrokenMessenger(), clock)

    assert report.failed == 1
    row = await stored(sessions, "unknown-fate")
    assert (row.status, row.detail) == ("failed", "error while sending; not resent")


async def test_a_pass_cancelled_mid_send_gives_back_only_the_untried(sessions: Sessions) -> None:
    clock, messenger = MovableClock(), RecordingMessenger(delay=5)
    for n in range(3):
        await schedule(sessions, f"r{n}", START - timedelta(minutes=3 - n))

    task = asyncio.create_task(deliver(sessions, messenger, clock))
    await asyncio.sleep(0.3)  # r0 is with «Telegram» now
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    assert (await stored(sessions, "r0")).status == "sending"  # fate unknown: never resent
    for n in (1, 2):
        assert (await stored(sessions, f"r{n}")).status == "pending"


class Nightly:
    """A content for the kind «night»: before `wake` it asks to wait until then."""

    kinds = ("night",)

    def __init__(self, wake: datetime) -> None:
        self.wake = wake

    async def render(self, reminder: ReminderRecord, now: datetime) -> Due | Drop | Defer:
        if now < self.wake:
            return Defer(self.wake)
        return Due(Outgoing(f"Доброе утро {reminder.subject}"))


async def test_a_deferred_reminder_waits_untried_and_goes_once_at_its_new_time(
    sessions: Sessions,
) -> None:
    clock, messenger = MovableClock(), RecordingMessenger()
    wake = START + timedelta(hours=9)
    content = Nightly(wake)
    await schedule(sessions, "quiet", START, kind="night")
    await schedule(sessions, "also-due", START)

    report = await deliver(sessions, messenger, clock, (content, Notes()))

    # The deferred one does not hold up the rest, and is not a try.
    assert texts(messenger) == ["Напоминание also-due"]
    assert (report.deferred, report.sent, report.handled) == (1, 1, 2)
    row = await stored(sessions, "quiet")
    assert (row.status, row.attempts, row.due_at) == ("pending", 0, wake)
    assert row.detail == "deferred: quiet hours"

    clock.advance(hours=8)
    assert (await deliver(sessions, messenger, clock, (content,))).handled == 0
    clock.advance(hours=1)
    assert (await deliver(sessions, messenger, clock, (content,))).sent == 1
    assert (await deliver(sessions, messenger, clock, (content,))).handled == 0
    assert texts(messenger) == ["Напоминание also-due", "Доброе утро quiet"]
    row = await stored(sessions, "quiet")
    assert (row.status, row.attempts) == ("sent", 1)


async def test_a_deferral_to_the_past_waits_at_least_a_little(sessions: Sessions) -> None:
    """A content that asks for «now» again must not be claimed over and over in one pass."""
    clock, messenger = MovableClock(), RecordingMessenger()
    await schedule(sessions, "stubborn", START, kind="night")

    report = await deliver(
        sessions, messenger, clock, (Nightly(START + timedelta(days=1)),), batch=1
    )

    assert report.deferred == 1
    row = await stored(sessions, "stubborn")
    assert row.due_at == START + timedelta(days=1)

    await schedule(sessions, "eager", START, kind="night")

    class AlwaysLater:
        kinds = ("night",)

        async def render(self, reminder: ReminderRecord, now: datetime) -> Defer:
            return Defer(now - timedelta(hours=1))

    report = await deliver(sessions, messenger, clock, (AlwaysLater(),), batch=1)

    assert report.deferred == 1
    assert (await stored(sessions, "eager")).due_at == START + MIN_DEFER
    assert messenger.sent == []
