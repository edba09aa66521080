"""The broadcast sender: it runs in the process that holds the scheduler lease and works
through the outbox of every broadcast that is sending.

Its discipline is the reminder sender's: a pass claims a batch (pending → «claimed»,
committed), and each delivery moves on its own from «claimed» to «sending» by a conditional
update committed right before Telegram is asked; Telegram's answer is written right after it
comes. So a sender killed at any moment leaves at most one delivery per lane «sending»:
whether Telegram took it cannot be known, so it becomes «unknown» and is not resent (once
too few beats twice). Everything still «claimed» was never tried and goes back to pending.

Each delivery first waits for its turn at the one SendPace of the process (the free or the
paid lane, a second between two messages to one chat, a pause after any 429), and only
then becomes «sending», so the window a crash can hit holds no waiting. A few lanes send at
once, each with its own unit of work, so that Telegram's round trip does not cap the rate."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import chain, zip_longest

from bot.services.broadcasts.content import draft_of, outgoing
from bot.services.broadcasts.progress import BroadcastTexts, Progress, progress_of
from bot.services.clock import Clock
from bot.services.messaging import Delivery, DeliveryStatus, Messenger, Outgoing
from bot.services.pacing import PacedMessenger, Priority, SendPace
from bot.services.ports import (
    BROADCAST_SENDING,
    DELIVERY_BLOCKED,
    DELIVERY_CLAIMED,
    DELIVERY_FAILED,
    DELIVERY_SENT,
    DELIVERY_UNKNOWN,
    BroadcastRecord,
    DeliveryRecord,
    UnitOfWork,
)
from bot.services.reminders import Recovered

log = logging.getLogger(__name__)

UnitFactory = Callable[[], AbstractAsyncContextManager[UnitOfWork]]

# Waits after a clear refusal that is neither 403 nor 429 (a bad request, a chat Telegram
# cannot find); the last one repeats until the tries are used up.
BACKOFF = (timedelta(seconds=30), timedelta(minutes=2), timedelta(minutes=10))
STUCK_DETAIL = "sender stopped mid-send; not resent"
UNKNOWN_DETAIL = "no answer from Telegram; it may have arrived, not resent"
RAISED_DETAIL = "error while sending; not resent"


@dataclass(slots=True)
class SendReport:
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    unknown: int = 0
    skipped: int = 0  # the user stopped taking mailings before their turn
    retried: int = 0  # back to pending for a later try (429 or a passing refusal)
    given_back: int = 0  # claimed, never tried: pending again (a stop, a paused broadcast)
    finished: int = 0  # broadcasts that came to their end in this pass

    @property
    def handled(self) -> int:
        return self.sent + self.blocked + self.failed + self.unknown + self.skipped + self.retried


_STOPPED = "stopped"  # an outcome: the broadcast is paused or cancelled


class _StopRequestedError(Exception):
    """The pass was told to stop while this delivery waited for its turn."""


def _error_kind(error: BaseException) -> str:
    return type(error).__name__


def _interleave(groups: Sequence[Sequence[DeliveryRecord]]) -> list[DeliveryRecord]:
    """One from each broadcast in turn: two broadcasts at once share the rate evenly."""
    merged = chain.from_iterable(zip_longest(*groups))
    return [delivery for delivery in merged if delivery is not None]


class _Run:
    """One pass: the queue of claimed deliveries the lanes take from, and what they found."""

    def __init__(self, halted: Callable[[], bool]) -> None:
        self.halted = halted
        self.queue: deque[DeliveryRecord] = deque()
        self.records: dict[int, BroadcastRecord] = {}
        self.stopped: set[int] = set()  # broadcasts found paused or cancelled
        self.untried: list[DeliveryRecord] = []  # claimed, not tried: to give back
        self.busy = 0  # deliveries in a lane's hands
        self.closed = False
        self.failed: BaseException | None = None
        self._changed = asyncio.Event()

    def over(self) -> bool:
        return self.closed or self.failed is not None or self.halted()

    def idle(self) -> bool:
        return not self.queue and self.busy == 0

    def add(self, deliveries: list[DeliveryRecord]) -> None:
        self.queue.extend(deliveries)
        self._notify()

    async def take(self) -> DeliveryRecord | None:
        """The next delivery, or None when the pass is over."""
        while not self.over():
            if self.queue:
                self.busy += 1
                return self.queue.popleft()
            await self.until(lambda: bool(self.queue), seconds=1.0)
        return None

    def done(self) -> None:
        self.busy -= 1
        self._notify()

    def take_untried(self) -> list[DeliveryRecord]:
        untried, self.untried = self.untried, []
        return untried

    def fail(self, error: BaseException) -> None:
        self.failed = self.failed or error
        self._notify()

    def close(self) -> None:
        self.closed = True
        self._notify()

    async def until(self, condition: Callable[[], bool], seconds: float) -> None:
        """Until the condition holds, the pass is over, or `seconds` pass."""
        try:
            async with asyncio.timeout(seconds):
                while not condition() and not self.over():
                    changed = self._changed
                    await changed.wait()
        except TimeoutError:
            pass

    def _notify(self) -> None:
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()


class BroadcastSender:
    def __init__(
        self,
        units: UnitFactory,
        messenger: Messenger,
        pace: SendPace,
        texts: BroadcastTexts,
        clock: Clock,
        *,
        lane_units: UnitFactory | None = None,
        lanes: int = 4,
        batch: int = 100,
        max_attempts: int = 3,
        progress_seconds: float = 5.0,
        paid_per_second: float = 1000.0,
        describe_error: Callable[[BaseException], str] = _error_kind,
    ) -> None:
        self._units = units
        # Each statement of a lane is its own transaction (begin_send, finish): a lane's
        # unit may commit each at once (autocommit), which halves the round trips.
        self._lane_units = lane_units or units
        self._messenger = messenger
        # Progress notes and reports to staff go before broadcasts, like reminders.
        self._staff_messenger = PacedMessenger(messenger, pace, Priority.REMINDER)
        self._pace = pace
        self._texts = texts
        self._clock = clock
        self._lanes = lanes
        self._batch = batch
        self._max_attempts = max_attempts
        self._progress_every = timedelta(seconds=progress_seconds)
        self._paid_per_second = paid_per_second
        self._describe_error = describe_error
        self._outgoing: dict[int, Outgoing] = {}
        self._shown: dict[int, str] = {}  # the progress text last shown, per broadcast

    async def deliver(self, *, stop: Callable[[], bool] | None = None) -> SendReport:
        """Send what is due of every broadcast that is sending until none is left for now.
        The lanes run for the whole pass and take deliveries from a queue that is claimed
        again whenever it runs low, so they never wait for each other. `stop` is asked
        before each delivery (shutdown, a lost lease): the deliveries not yet tried go back
        as pending."""
        report = SendReport()
        run = _Run(stop or (lambda: False))
        lanes: list[asyncio.Task[None]] = []  # started with the first claim: idle polls open none
        try:
            await self._feed(run, report, lambda: self._start(lanes, run, report))
        finally:
            run.close()
            results = await asyncio.gather(*lanes, return_exceptions=True)
            run.untried.extend(run.queue)
            run.queue.clear()
            report.given_back += await self._give_back(run.take_untried())
        errors = [result for result in results if isinstance(result, BaseException)]
        if errors:
            raise errors[0]
        return report

    def _start(self, lanes: list[asyncio.Task[None]], run: _Run, report: SendReport) -> None:
        if not lanes:
            lanes.extend(asyncio.create_task(self._lane(run, report)) for _ in range(self._lanes))

    async def _feed(self, run: _Run, report: SendReport, start_lanes: Callable[[], None]) -> None:
        """Claim while the queue runs low; follow the broadcasts' progress between claims;
        stop when nothing is claimable, queued or in a lane's hands."""
        low_water = max(self._lanes, self._batch // 2)
        while not run.over():
            # Idle before the follow-up: then it has seen every outcome of this pass.
            settled = run.idle()
            async with self._units() as uow:
                active = await self._follow_up(uow, report)
                for record in active:
                    run.records[record.id] = record
                    run.stopped.discard(record.id)  # resumed since it was found paused
                room = self._batch - len(run.queue)
                claimed = await self._claim(uow, active, room) if room > 0 else []
            report.given_back += await self._give_back(run.take_untried())
            if claimed:
                start_lanes()
                run.add(claimed)
            elif room > 0 and settled:
                return
            filling = bool(claimed) or room <= 0
            await run.until(
                (lambda: len(run.queue) <= low_water) if filling else run.idle,
                seconds=1.0,
            )

    async def recover_stuck(self) -> Recovered:
        """What a stopped sender left. Run it only while no other sender works (the
        scheduler does, when it first takes the lease)."""
        async with self._units() as uow:
            requeued = await uow.broadcasts.requeue_claimed()
            unknown = await uow.broadcasts.settle_sending(self._clock(), STUCK_DETAIL)
            await uow.commit()
        if requeued:
            log.info(
                "%d broadcast deliveries claimed by a sender that stopped were never tried; "
                "they are pending again",
                requeued,
            )
        if unknown:
            log.warning(
                "%d broadcast deliveries were left mid-send by a sender that stopped; whether "
                "Telegram delivered them is unknown, so they are not resent",
                unknown,
            )
        return Recovered(requeued, unknown)

    # --- a pass --------------------------------------------------------------------------

    async def _follow_up(self, uow: UnitOfWork, report: SendReport) -> list[BroadcastRecord]:
        """Close the broadcasts that have nothing left (and report the cancelled ones once
        their last delivery in flight has settled), update the progress of the others when
        it is due; the ones still sending."""
        for cancelled in await uow.broadcasts.close_cancelled(self._clock()):
            await uow.commit()
            await self._announce_end(uow, cancelled)
        active = []
        for record in await uow.broadcasts.with_status((BROADCAST_SENDING,)):
            now = self._clock()
            if await uow.broadcasts.finish_if_done(record.id, now):
                await uow.commit()
                report.finished += 1
                await self._announce_end(uow, record.id)
                continue
            active.append(record)
            if record.progress_at is None or now - record.progress_at >= self._progress_every:
                await uow.broadcasts.mark_progress(record.id, now)
                await uow.commit()
                await self._show(record, await self._progress(uow, record))
        await uow.commit()
        return active

    async def _claim(
        self, uow: UnitOfWork, active: Sequence[BroadcastRecord], room: int
    ) -> list[DeliveryRecord]:
        if not active:
            return []
        share = max(1, room // len(active))
        now = self._clock()
        groups = [await uow.broadcasts.claim(record.id, now, share) for record in active]
        # Durable before anything is sent: no other sender takes these now.
        await uow.commit()
        return _interleave(groups)

    async def _lane(self, run: _Run, report: SendReport) -> None:
        async with self._lane_units() as uow:
            while (delivery := await run.take()) is not None:
                try:
                    if delivery.broadcast_id in run.stopped:
                        run.untried.append(delivery)
                        continue
                    record = run.records[delivery.broadcast_id]
                    outcome = await self._one(uow, delivery, record, run.halted)
                    if outcome == _STOPPED:
                        run.stopped.add(delivery.broadcast_id)
                        run.untried.append(delivery)
                    elif outcome is not None:
                        setattr(report, outcome, getattr(report, outcome) + 1)
                except _StopRequestedError:
                    run.untried.append(delivery)
                    return
                except BaseException as error:
                    # Still «claimed» unless it reached «sending»; only claimed rows go
                    # back, so the one in hand is safe to offer back with the rest.
                    run.untried.append(delivery)
                    run.fail(error)
                    raise
                finally:
                    run.done()

    # --- one delivery --------------------------------------------------------------------

    async def _one(
        self,
        uow: UnitOfWork,
        delivery: DeliveryRecord,
        record: BroadcastRecord,
        halted: Callable[[], bool],
    ) -> str | None:
        """The outcome: a SendReport field to count, _STOPPED, or None (nothing to count)."""
        await self._pace.acquire(delivery.user_id, Priority.BROADCAST, paid=record.paid)
        if halted():
            raise _StopRequestedError
        started = await uow.broadcasts.begin_send(delivery.id, self._clock())
        # The last write before Telegram, committed: from here on this delivery is never
        # sent again, whatever happens to this process.
        await uow.commit()
        if started is None:
            return await self._not_started(uow, delivery)
        try:
            result = await self._messenger.send_text(started.user_id, self._message(record))
        except Exception as error:  # noqa: BLE001 - logged through describe_error
            log.error(
                "Broadcast %s: a delivery failed while sending, not resent: %s",
                record.id,
                self._describe_error(error),
            )
            await uow.rollback()
            await self._settle(uow, started, DELIVERY_FAILED, RAISED_DETAIL)
            return "failed"
        self._pace.observe(result)
        return await self._record(uow, started, result)

    async def _not_started(self, uow: UnitOfWork, delivery: DeliveryRecord) -> str | None:
        """begin_send refused: the user stopped taking mailings, the broadcast was paused
        or cancelled, or the user's data was deleted (/forget)."""
        if await uow.broadcasts.skip_if_unwanted(delivery.id, self._clock()):
            await uow.commit()
            return "skipped"
        record = await uow.broadcasts.get(delivery.broadcast_id)
        await uow.commit()
        if record is not None and record.status != BROADCAST_SENDING:
            return _STOPPED  # paused or cancelled: the rest of its batch goes back untried
        return None

    async def _record(self, uow: UnitOfWork, delivery: DeliveryRecord, result: Delivery) -> str:
        now = self._clock()
        match result.status:
            case DeliveryStatus.DELIVERED:
                if not await self._settle(uow, delivery, DELIVERY_SENT, None):
                    log.warning(
                        "A delivery of broadcast %s was sent, but another process had settled "
                        "it meanwhile",
                        delivery.broadcast_id,
                    )
                return "sent"
            case DeliveryStatus.BLOCKED:
                await uow.broadcasts.finish(delivery.id, DELIVERY_BLOCKED, now, "blocked")
                await uow.users.set_blocked(delivery.user_id, True)
                await uow.commit()
                return "blocked"
            case DeliveryStatus.RETRY_AFTER:
                # Telegram did not take it: the try does not count, and the pace is paused.
                wait = timedelta(seconds=result.retry_after or 1.0)
                await uow.broadcasts.release(
                    delivery.id, now + wait, "Telegram asked to wait", add_attempts=-1
                )
                await uow.commit()
                return "retried"
            case DeliveryStatus.UNKNOWN:
                await self._settle(uow, delivery, DELIVERY_UNKNOWN, UNKNOWN_DETAIL)
                return "unknown"
            case _:
                return await self._retry_or_fail(uow, delivery, now)

    async def _retry_or_fail(self, uow: UnitOfWork, delivery: DeliveryRecord, now: datetime) -> str:
        tries = delivery.attempts  # begin_send counted this one
        if tries >= self._max_attempts:
            await self._settle(
                uow, delivery, DELIVERY_FAILED, f"Telegram refused; gave up after {tries} tries"
            )
            return "failed"
        wait = BACKOFF[min(tries, len(BACKOFF)) - 1]
        await uow.broadcasts.release(delivery.id, now + wait, f"Telegram refused; try {tries}")
        await uow.commit()
        return "retried"

    async def _settle(
        self, uow: UnitOfWork, delivery: DeliveryRecord, status: str, detail: str | None
    ) -> bool:
        settled = await uow.broadcasts.finish(delivery.id, status, self._clock(), detail)
        await uow.commit()
        return settled

    async def _give_back(self, deliveries: list[DeliveryRecord]) -> int:
        """Untried deliveries become pending again; only «claimed» ones, so one already
        handed to Telegram is never given back."""
        if not deliveries:
            return 0
        given = 0
        try:
            async with self._units() as uow:
                for delivery in deliveries:
                    if await uow.broadcasts.release(delivery.id, None, None, was=DELIVERY_CLAIMED):
                        given += 1
                await uow.commit()
        except Exception as error:  # noqa: BLE001 - they stay claimed; the next start frees them
            log.error(
                "Could not give back %d untried broadcast deliveries: %s",
                len(deliveries),
                self._describe_error(error),
            )
        return given

    def _message(self, record: BroadcastRecord) -> Outgoing:
        message = self._outgoing.get(record.id)
        if message is None:
            message = outgoing(draft_of(record), paid=record.paid)
            self._outgoing[record.id] = message
        return message

    # --- what staff see ------------------------------------------------------------------

    async def _progress(self, uow: UnitOfWork, record: BroadcastRecord) -> Progress:
        fresh = await uow.broadcasts.get(record.id) or record
        counts = await uow.broadcasts.counts(record.id)
        retry_at = await uow.broadcasts.next_retry(record.id)
        await uow.commit()
        per_second = self._paid_per_second if record.paid else self._pace.rate
        return progress_of(fresh, counts, per_second=per_second, retry_at=retry_at)

    async def _show(self, record: BroadcastRecord, progress: Progress) -> None:
        if record.progress_chat_id is None or record.progress_message_id is None:
            return
        message = self._texts.progress(progress)
        if self._shown.get(record.id) == message.text:
            return  # Telegram refuses an edit that changes nothing
        delivery = await self._staff_messenger.edit_text(
            record.progress_chat_id, record.progress_message_id, message
        )
        if delivery.delivered:
            self._shown[record.id] = message.text

    async def _announce_end(self, uow: UnitOfWork, broadcast_id: int) -> None:
        record = await uow.broadcasts.get(broadcast_id)
        if record is None:
            return
        progress = await self._progress(uow, record)
        await self._show(record, progress)
        if record.progress_chat_id is not None:
            await self._staff_messenger.send_text(
                record.progress_chat_id, self._texts.report(progress)
            )
        self._outgoing.pop(broadcast_id, None)
        self._shown.pop(broadcast_id, None)
        log.info(
            "Broadcast %s finished: %d sent, %d blocked, %d failed, %d unknown, %d skipped",
            broadcast_id,
            progress.sent,
            progress.blocked,
            progress.failed,
            progress.unknown,
            progress.skipped,
        )
