"""The one reminder sender: consultation bookings and events alike.

The database knows what is due (bot.storage's reminders table); a scheduler only wakes this
service. Each kind of reminder has a ReminderContent that renders it at the moment it falls
due, or drops it when it no longer means anything (the booking was cancelled, the event has
started). Sending follows one rule: a reminder is never sent twice.

A pass claims a batch (pending → «claimed», committed), so no other sender takes those rows.
Each one, right before it is handed to Telegram, moves on its own from «claimed» to
«sending» by a conditional update that is committed first; Telegram's answer is written right
after it comes. So a sender that dies leaves at most one reminder «sending»: whether Telegram
accepted it cannot be known, and it is marked failed, not resent (once too few beats twice).
The rest of its batch is still «claimed», never tried, and goes back to pending."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from bot.services.clock import Clock
from bot.services.messaging import Delivery, DeliveryStatus, Notifier, Outgoing
from bot.services.ports import (
    REMINDER_CLAIMED,
    REMINDER_DROPPED,
    REMINDER_FAILED,
    REMINDER_SENDING,
    REMINDER_SENT,
    ReminderRecord,
    UnitOfWork,
)

log = logging.getLogger(__name__)

# Waits after a clear refusal that is neither 403 nor 429 (a bad request, a chat Telegram
# cannot find) or a content that raised: short first, then long enough for an outage to
# pass. The last one repeats. No answer at all is not retried: see UNKNOWN_DETAIL.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
)
STUCK_DETAIL = "sender stopped mid-send; not resent"
# Telegram gave no answer to trust (a network error, a timeout, a 5xx): it may have arrived.
UNKNOWN_DETAIL = "no answer from Telegram; it may have arrived, not resent"
# Telegram says how long to wait; when it does not, a second is its usual answer.
DEFAULT_RETRY_AFTER = timedelta(seconds=1)
# A deferral never lands before this: a content asking for «now» must not be claimed again
# within the same pass, over and over.
MIN_DEFER = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class Due:
    """Send this now. `unless_muted`: not sent to a user who switched notifications off."""

    message: Outgoing
    unless_muted: bool = True


@dataclass(frozen=True, slots=True)
class Drop:
    """The reminder no longer means anything; `reason` is logged and stored (no user data)."""

    reason: str


@dataclass(frozen=True, slots=True)
class Defer:
    """Not now (the user's quiet hours): the reminder goes back to pending, untried, due at
    `until`; its content decides again then. `reason` is stored (no user data)."""

    until: datetime
    reason: str = "quiet hours"


class ReminderContent(Protocol):
    """What one or more kinds of reminder say when they fall due."""

    @property
    def kinds(self) -> tuple[str, ...]: ...

    async def render(self, reminder: ReminderRecord, now: datetime) -> Due | Drop | Defer: ...


@dataclass(slots=True)
class ReminderReport:
    sent: int = 0
    dropped: int = 0
    muted: int = 0
    blocked: int = 0
    retried: int = 0  # given back for another try later (429 or a passing failure)
    failed: int = 0
    deferred: int = 0  # its content said «not now» (quiet hours): pending again, untried
    # Telegram answered 429: nothing more may be sent before this moment.
    paused_until: datetime | None = None
    # How late each sent reminder went out after it was due, in seconds.
    lateness_seconds: list[float] = field(default_factory=list)

    @property
    def handled(self) -> int:
        return (
            self.sent
            + self.dropped
            + self.muted
            + self.blocked
            + self.retried
            + self.failed
            + self.deferred
        )


@dataclass(frozen=True, slots=True)
class Recovered:
    """What a stopped sender left: `requeued` claimed but never tried, pending again;
    `failed` handed to Telegram with no answer written down, marked failed."""

    requeued: int = 0
    failed: int = 0


@dataclass(frozen=True, slots=True)
class _Muted:
    pass


_MUTED = _Muted()


def _error_kind(error: BaseException) -> str:
    # The default says only what kind of error it was: a database error's message may quote
    # a row. The composition root passes a describer that keeps the frames too.
    return type(error).__name__


class ReminderService:
    def __init__(
        self,
        uow: UnitOfWork,
        notifier: Notifier,
        contents: Sequence[ReminderContent],
        clock: Clock,
        *,
        batch: int = 100,
        max_attempts: int = 5,
        describe_error: Callable[[BaseException], str] = _error_kind,
    ) -> None:
        self._uow = uow
        self._notifier = notifier
        self._contents = {kind: content for content in contents for kind in content.kinds}
        self._clock = clock
        self._batch = batch
        self._max_attempts = max_attempts
        self._describe_error = describe_error

    async def deliver_due(self, *, stop: Callable[[], bool] | None = None) -> ReminderReport:
        """Send every reminder due by now, batch by batch. `stop` is asked between two
        reminders (shutdown, a lost lease): the ones not yet tried go back as pending."""
        report = ReminderReport()

        def halted() -> bool:
            return report.paused_until is not None or (stop is not None and stop())

        while not halted():
            claimed = await self._uow.reminders.claim_due(self._clock(), self._batch)
            # Durable before anything is sent: no other sender can take these now. Until each
            # one's turn comes it stays «claimed», which a restart safely gives back.
            await self._uow.commit()
            for index, reminder in enumerate(claimed):
                if halted():
                    await self._give_back(claimed[index:], report.paused_until)
                    return report
                try:
                    await self._deliver(reminder, report)
                except BaseException:
                    # The database went away or the task was cancelled. The reminder in hand
                    # stays «sending» if it reached that state (its fate is unknown); if not,
                    # it goes back with the untried ones (only «claimed» rows go back).
                    await self._give_back_quietly(claimed[index:])
                    raise
            if len(claimed) < self._batch:
                break
        return report

    async def recover_stuck(self, older_than: timedelta) -> Recovered:
        """What a stopped sender left, claimed at least `older_than` ago. «Claimed» reminders
        were never handed to Telegram: pending again, at their own time (their content still
        decides whether they mean anything). «Sending» ones died between asking Telegram and
        writing down the answer: marked failed, not resent. Run it only while no other
        sender is working (the scheduler does, when it first takes the lease)."""
        now = self._clock()
        requeued = failed = 0
        for reminder in await self._uow.reminders.stuck(now - older_than):
            if reminder.status == REMINDER_CLAIMED:
                if await self._uow.reminders.release(
                    reminder.id, reminder.due_at, None, was=REMINDER_CLAIMED
                ):
                    requeued += 1
            elif await self._uow.reminders.finish(reminder.id, REMINDER_FAILED, now, STUCK_DETAIL):
                failed += 1
        await self._uow.commit()
        if requeued:
            log.info(
                "%d reminder(s) claimed by a sender that stopped were never tried; they are "
                "pending again",
                requeued,
            )
        if failed:
            log.warning(
                "%d reminder(s) were left mid-send by a sender that stopped; whether Telegram "
                "delivered them is unknown, so they are marked failed and not resent",
                failed,
            )
        return Recovered(requeued, failed)

    async def _deliver(self, reminder: ReminderRecord, report: ReminderReport) -> None:
        try:
            prepared = await self._prepare(reminder)
        except Exception as error:  # noqa: BLE001 - logged through describe_error
            log.error(
                "Reminder %s (%s) could not be rendered: %s",
                reminder.id,
                reminder.kind,
                self._describe_error(error),
            )
            await self._uow.rollback()
            # Nothing was sent, but it was a try: a content that always raises is given up.
            await self._retry_or_fail(
                reminder, reminder.attempts + 1, "could not render", report, was=REMINDER_CLAIMED
            )
            return
        if isinstance(prepared, Drop):
            log.info("Reminder %s (%s) dropped: %s", reminder.id, reminder.kind, prepared.reason)
            await self._settle(reminder, REMINDER_DROPPED, prepared.reason, was=REMINDER_CLAIMED)
            report.dropped += 1
        elif isinstance(prepared, Defer):
            await self._defer(reminder, prepared)
            report.deferred += 1
        elif isinstance(prepared, _Muted):
            await self._settle(
                reminder, REMINDER_DROPPED, "muted: notifications are off", was=REMINDER_CLAIMED
            )
            report.muted += 1
        else:
            await self._send(reminder, prepared, report)

    async def _prepare(self, reminder: ReminderRecord) -> Due | Drop | Defer | _Muted:
        user = await self._uow.users.get(reminder.user_id)
        if user is None:
            # /forget removes a user's reminders with them; this one was claimed just before.
            return Drop("the user is gone")
        content = self._contents.get(reminder.kind)
        if content is None:
            return Drop(f"no content knows the kind {reminder.kind!r}")
        rendered = await content.render(reminder, self._clock())
        if isinstance(rendered, Due) and rendered.unless_muted and not user.notifications:
            return _MUTED
        return rendered

    async def _defer(self, reminder: ReminderRecord, defer: Defer) -> None:
        # Nothing was tried: no attempt is counted, and it is pending again as if new.
        until = max(defer.until, self._clock() + MIN_DEFER)
        log.info(
            "Reminder %s (%s) deferred to %s: %s",
            reminder.id,
            reminder.kind,
            until.isoformat(timespec="minutes"),
            defer.reason,
        )
        await self._uow.reminders.release(
            reminder.id, until, f"deferred: {defer.reason}", was=REMINDER_CLAIMED
        )
        await self._uow.commit()

    async def _send(self, claimed: ReminderRecord, due: Due, report: ReminderReport) -> None:
        # The last write before Telegram, committed (which also ends the read transaction):
        # from here on this reminder is never sent again, whatever happens to this process.
        reminder = await self._uow.reminders.begin_send(claimed.id, self._clock())
        await self._uow.commit()
        if reminder is None:
            log.info(
                "Reminder %s (%s) was cancelled or taken by another sender before it was sent",
                claimed.id,
                claimed.kind,
            )
            return
        try:
            delivery = await self._notifier.to_user(
                reminder.user_id, due.message, unless_muted=due.unless_muted
            )
        except Exception as error:  # noqa: BLE001 - logged through describe_error
            # Telegram may or may not have the message: never twice beats once too often.
            log.error(
                "Reminder %s (%s) failed while sending, not resent: %s",
                reminder.id,
                reminder.kind,
                self._describe_error(error),
            )
            await self._uow.rollback()
            await self._settle(reminder, REMINDER_FAILED, "error while sending; not resent")
            report.failed += 1
            return
        await self._record(reminder, delivery, report)

    async def _record(
        self, reminder: ReminderRecord, delivery: Delivery, report: ReminderReport
    ) -> None:
        match delivery.status:
            case DeliveryStatus.DELIVERED:
                if not await self._settle(reminder, REMINDER_SENT, None):
                    log.warning(
                        "Reminder %s was sent, but another process had settled it meanwhile",
                        reminder.id,
                    )
                report.sent += 1
                report.lateness_seconds.append(
                    max(0.0, (self._clock() - reminder.due_at).total_seconds())
                )
            case DeliveryStatus.BLOCKED:
                # The Notifier has marked the user unreachable; nothing is sent to them again.
                await self._settle(reminder, REMINDER_FAILED, "blocked")
                report.blocked += 1
            case DeliveryStatus.RETRY_AFTER:
                wait = (
                    timedelta(seconds=delivery.retry_after)
                    if delivery.retry_after
                    else DEFAULT_RETRY_AFTER
                )
                until = self._clock() + wait
                # Telegram did not take the message: the try does not count.
                await self._uow.reminders.release(
                    reminder.id, until, "Telegram asked to wait", add_attempts=-1
                )
                await self._uow.commit()
                report.retried += 1
                report.paused_until = until
            case DeliveryStatus.UNKNOWN:
                # The request may have reached Telegram: once too few beats twice.
                log.warning(
                    "Reminder %s (%s): no answer from Telegram, it may have arrived; marked "
                    "failed, not resent",
                    reminder.id,
                    reminder.kind,
                )
                await self._settle(reminder, REMINDER_FAILED, UNKNOWN_DETAIL)
                report.failed += 1
            case _:
                # begin_send counted this try already.
                await self._retry_or_fail(reminder, reminder.attempts, "Telegram refused", report)

    async def _retry_or_fail(
        self,
        reminder: ReminderRecord,
        tries: int,
        why: str,
        report: ReminderReport,
        *,
        was: str = REMINDER_SENDING,
    ) -> None:
        """`tries`: this one included. A send was counted when it began; a content that
        raised is counted here (`was` «claimed»)."""
        counted = 1 if was == REMINDER_CLAIMED else 0
        if tries >= self._max_attempts:
            await self._settle(
                reminder,
                REMINDER_FAILED,
                f"{why}; gave up after {tries} attempts",
                was=was,
                add_attempts=counted,
            )
            report.failed += 1
            return
        wait = BACKOFF[min(tries, len(BACKOFF)) - 1]
        await self._uow.reminders.release(
            reminder.id,
            self._clock() + wait,
            f"{why}; attempt {tries}",
            was=was,
            add_attempts=counted,
        )
        await self._uow.commit()
        report.retried += 1

    async def _settle(
        self,
        reminder: ReminderRecord,
        status: str,
        detail: str | None,
        *,
        was: str = REMINDER_SENDING,
        add_attempts: int = 0,
    ) -> bool:
        settled = await self._uow.reminders.finish(
            reminder.id, status, self._clock(), detail, was=was, add_attempts=add_attempts
        )
        await self._uow.commit()
        return settled

    async def _give_back(
        self, reminders: Sequence[ReminderRecord], due_at: datetime | None
    ) -> None:
        """Untried reminders become pending again: at their own time, or after a 429 pause.
        Only «claimed» ones: a reminder already handed to Telegram is never given back."""
        for reminder in reminders:
            await self._uow.reminders.release(
                reminder.id,
                due_at if due_at is not None else reminder.due_at,
                None,
                was=REMINDER_CLAIMED,
            )
        await self._uow.commit()

    async def _give_back_quietly(self, reminders: Sequence[ReminderRecord]) -> None:
        if not reminders:
            return
        try:
            await self._uow.rollback()
            await self._give_back(reminders, None)
        except Exception as error:  # noqa: BLE001 - logged through describe_error
            # They stay «claimed»; the next scheduler start gives them back.
            log.error(
                "Could not give back %d untried reminder(s): %s",
                len(reminders),
                self._describe_error(error),
            )
