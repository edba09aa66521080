"""What the scheduler's jobs reach: this process's database, knowledge base, messenger and
lease. The runner (or the console) builds one and installs it for the jobs (bot.scheduler.jobs)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.composition import (
    ReminderContents,
    build_broadcast_sender,
    build_reminder_service,
    build_subscription_service,
    reminder_contents,
    send_pace,
)
from bot.config import Settings
from bot.logs import safe_traceback
from bot.metrics import SCHEDULER_LAG, SENT
from bot.scheduler.lease import SchedulerLease
from bot.services.broadcasts import BroadcastSender, SendReport
from bot.services.clock import Clock, utc_now
from bot.services.knowledge_base import KnowledgeBase, KnowledgeSource
from bot.services.messaging import Messenger
from bot.services.pacing import PacedMessenger, Priority, SendPace
from bot.services.reminders import ReminderReport, ReminderService

log = logging.getLogger(__name__)

# The subscriptions sync runs when the catalogue changes, and this often anyway: a
# subscription made in a bot process that had not yet seen an import still gets its events.
# Not more often: a sync touches every subscription's reminders.
SYNC_INTERVAL = timedelta(hours=1)


@dataclass
class SchedulerContext:
    settings: Settings
    sessions: async_sessionmaker[AsyncSession]
    knowledge: KnowledgeSource
    messenger: Messenger
    lease: SchedulerLease
    clock: Clock = utc_now  # what is due, and when; the lease keeps to the wall clock
    contents: ReminderContents = reminder_contents
    # Everything this process sends when it holds the lease waits here for its turn:
    # reminders first, then broadcasts (bot.services.pacing).
    pace: SendPace | None = None
    stopping: bool = False
    _recovered: bool = False
    _paused_until: datetime | None = None
    _busy: asyncio.Lock = field(default_factory=asyncio.Lock)  # a delivery pass runs
    _renewing: asyncio.Lock = field(default_factory=asyncio.Lock)
    _broadcasting: asyncio.Lock = field(default_factory=asyncio.Lock)  # a broadcast pass runs
    _sender: BroadcastSender | None = None
    _synced: KnowledgeBase | None = None  # the catalogue subscriptions were last synced with
    _synced_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.pace is None:
            self.pace = send_pace(self.settings)

    @property
    def active(self) -> bool:
        """Holds the lease, and has settled what a previous holder left mid-send."""
        return self.lease.held and self._recovered and not self.stopping

    async def keep_lease(self) -> bool:
        async with self._renewing:
            if self.stopping:
                return False
            held = await self.lease.renew()
            if held and not self._recovered:
                self._recovered = await self._recover_stuck()
            return held

    async def _recover_stuck(self) -> bool:
        """Once per process, before it sends anything: every reminder still «claimed» or
        «sending» now was left by a holder that stopped (this process holds the lease, and
        nobody sends without it). The claimed ones go back to pending, the sending ones are
        marked failed."""
        try:
            async with self.sessions() as session:
                await self._reminder_service(session).recover_stuck(older_than=timedelta(0))
            await self.broadcast_sender().recover_stuck()
        except Exception as error:  # noqa: BLE001 - nothing is sent until it succeeds
            log.error("Could not settle messages left mid-send: %s", safe_traceback(error))
            return False
        return True

    async def deliver_reminders(self) -> ReminderReport | None:
        """One delivery pass, if this process is the active scheduler and Telegram has not
        asked to wait; None when it did not run."""
        if not self.active:
            return None
        if self._paused_until is not None and self.clock() < self._paused_until:
            return None
        async with self._busy:
            await self._sync_subscriptions()
            try:
                async with self.sessions() as session:
                    report = await self._reminder_service(session).deliver_due(
                        stop=lambda: not self.active
                    )
            except Exception as error:  # noqa: BLE001 - the next tick tries again
                # Logged here, without the data a database error may quote. A reminder that
                # was handed to Telegram stays «sending» and is settled as failed at the next
                # start; untried ones the pass could not give back wait «claimed» until then.
                log.error("A reminder pass failed: %s", safe_traceback(error))
                return None
        self._paused_until = report.paused_until
        count_reminders(report)
        if report.handled:
            log.info(
                "Reminders: %d sent, %d dropped, %d muted, %d blocked, %d to retry, %d failed, "
                "%d deferred",
                report.sent,
                report.dropped,
                report.muted,
                report.blocked,
                report.retried,
                report.failed,
                report.deferred,
            )
        return report

    async def _sync_subscriptions(self) -> None:
        """Subscriptions' reminders in step with the catalogue this process serves: at its
        first pass, after the catalogue changed (an import: new events of a topic are
        announced once, moved dates move pending reminders), and hourly anyway. Idempotent,
        so a second worker or a restart repeats it harmlessly."""
        try:
            # A worker builds its knowledge base only once something needs it.
            if self._synced is None and not await self._anybody_subscribed():
                return
            knowledge = await self.knowledge.get()
            now = self.clock()
            if (
                knowledge is self._synced
                and self._synced_at is not None
                and timedelta(0) <= now - self._synced_at < SYNC_INTERVAL
            ):
                return
            async with self.sessions() as session:
                service = build_subscription_service(
                    session, self.settings, self.knowledge, self.clock
                )
                report = await service.sync(knowledge)
        except Exception as error:  # noqa: BLE001 - reminders still go; the next pass retries
            log.error(
                "Could not bring subscriptions in step with the catalogue: %s",
                safe_traceback(error),
            )
            return
        self._synced, self._synced_at = knowledge, now
        if report.subscriptions:
            log.info(
                "Subscriptions synced with the catalogue: %d subscriptions, %d reminders "
                "scheduled or moved, %d topic events checked for news",
                report.subscriptions,
                report.reminders,
                report.events_checked,
            )

    async def _anybody_subscribed(self) -> bool:
        async with self.sessions() as session:
            service = build_subscription_service(session, self.settings, self.knowledge, self.clock)
            return await service.any()

    async def deliver_broadcasts(self) -> SendReport | None:
        """One pass over the outbox of every broadcast that is sending, if this process is
        the active scheduler; None when it did not run."""
        if not self.active or self._broadcasting.locked():
            return None  # a pass is running: it goes on until nothing is left for now
        async with self._broadcasting:
            try:
                report = await self.broadcast_sender().deliver(stop=lambda: not self.active)
            except Exception as error:  # noqa: BLE001 - the next tick tries again
                # A delivery handed to Telegram stays «sending» and becomes «unknown» at the
                # next start; untried ones the pass could not give back wait «claimed».
                log.error("A broadcast pass failed: %s", safe_traceback(error))
                return None
        count_broadcasts(report)
        if report.handled or report.finished:
            log.info(
                "Broadcasts: %d sent, %d blocked, %d failed, %d unknown, %d skipped, "
                "%d to retry, %d finished",
                report.sent,
                report.blocked,
                report.failed,
                report.unknown,
                report.skipped,
                report.retried,
                report.finished,
            )
        return report

    def broadcast_sender(self) -> BroadcastSender:
        if self._sender is None:
            assert self.pace is not None
            self._sender = build_broadcast_sender(
                self.sessions, self.settings, self.messenger, self.pace, self.clock
            )
        return self._sender

    async def tick(self) -> ReminderReport | None:
        """Renew the lease, then deliver: the console's pass after each input."""
        await self.keep_lease()
        return await self.deliver_reminders()

    async def wind_down(self, grace_seconds: float) -> None:
        """Stop taking reminders, let a running pass finish the one in hand, and release the
        lease (a renewal in flight finishes first, so it cannot take the lease back)."""
        self.stopping = True
        try:
            async with asyncio.timeout(grace_seconds):
                async with self._busy, self._broadcasting:
                    pass
        except TimeoutError:
            log.warning(
                "A delivery pass was still running after %.0f s; stopping it", grace_seconds
            )
        async with self._renewing:
            await self.lease.release()

    def _reminder_service(self, session: AsyncSession) -> ReminderService:
        assert self.pace is not None
        paced = PacedMessenger(self.messenger, self.pace, Priority.REMINDER)
        return build_reminder_service(
            session, self.settings, self.knowledge, paced, self.clock, self.contents
        )


def count_reminders(report: ReminderReport) -> None:
    for outcome in ("sent", "blocked", "failed", "retried", "dropped", "muted"):
        SENT.labels("reminder", outcome).inc(getattr(report, outcome))
    for lateness in report.lateness_seconds:
        SCHEDULER_LAG.observe(lateness)


def count_broadcasts(report: SendReport) -> None:
    for outcome in ("sent", "blocked", "failed", "unknown", "retried"):
        SENT.labels("broadcast", outcome).inc(getattr(report, outcome))
