"""APScheduler 3 in this process: a memory job store, deterministic job ids, jobs named by
their textual path with primitive arguments (bot.scheduler.jobs)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.composition import ReminderContents, reminder_contents
from bot.config import SchedulerSettings, Settings
from bot.scheduler import jobs
from bot.scheduler.context import SchedulerContext
from bot.scheduler.lease import SchedulerLease
from bot.services.clock import Clock, utc_now
from bot.services.knowledge_base import KnowledgeSource
from bot.services.messaging import Messenger

log = logging.getLogger(__name__)

LEASE_JOB = "scheduler.lease"
REMINDERS_JOB = "reminders.deliver_due"
BROADCASTS_JOB = "broadcasts.deliver"
# How long a clean stop waits for a pass to finish the reminder in hand.
STOP_TIMEOUT_SECONDS = 10.0


class Scheduler:
    def __init__(
        self,
        context: SchedulerContext,
        settings: SchedulerSettings,
        broadcast_poll_seconds: float = 2.0,
    ) -> None:
        self.context = context
        self._settings = settings
        self._broadcast_poll_seconds = broadcast_poll_seconds
        self._scheduler: AsyncIOScheduler | None = None

    @property
    def job_ids(self) -> Sequence[str]:
        return [job.id for job in self._scheduler.get_jobs()] if self._scheduler else []

    async def start(self) -> None:
        jobs.install(self.context)
        # Know at once whether this process is the active one (the log says so), and settle
        # what a previous holder left mid-send before the first pass.
        await self.context.keep_lease()
        scheduler = AsyncIOScheduler(
            timezone=UTC,
            job_defaults={
                "coalesce": True,  # missed runs make one run, not a burst
                "max_instances": 1,  # a slow pass is never overtaken by the next tick
                "misfire_grace_time": self._settings.misfire_grace_seconds,
            },
        )
        every = IntervalTrigger(seconds=self._settings.tick_seconds, timezone=UTC)
        # The lease has its own job: a long delivery pass must not let it expire.
        scheduler.add_job(f"{jobs.__name__}:keep_lease", every, id=LEASE_JOB, replace_existing=True)
        scheduler.add_job(
            f"{jobs.__name__}:deliver_reminders",
            every,
            id=REMINDERS_JOB,
            replace_existing=True,
            next_run_time=datetime.now(UTC),  # what fell due while nobody ran goes out now
        )
        # A broadcast confirmed in the bot starts within a poll; a pass runs until its
        # outbox has nothing left for now, so the next poll finds it idle or goes on.
        scheduler.add_job(
            f"{jobs.__name__}:deliver_broadcasts",
            IntervalTrigger(seconds=self._broadcast_poll_seconds, timezone=UTC),
            id=BROADCASTS_JOB,
            replace_existing=True,
            next_run_time=datetime.now(UTC),
            # A pass may run for hours; the next poll returns at once instead of being
            # skipped with a warning every time.
            max_instances=2,
        )
        scheduler.start()
        self._scheduler = scheduler

    async def stop(self) -> None:
        """Finish the reminder in hand, stop the jobs, and release the lease."""
        if self._scheduler is not None:
            self._scheduler.pause()
        await self.context.wind_down(STOP_TIMEOUT_SECONDS)
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None
        jobs.uninstall(self.context)


def build_scheduler(
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    knowledge: KnowledgeSource,
    messenger: Messenger,
    *,
    clock: Clock = utc_now,
    contents: ReminderContents = reminder_contents,
    lease: SchedulerLease | None = None,
) -> Scheduler:
    context = SchedulerContext(
        settings=settings,
        sessions=sessions,
        knowledge=knowledge,
        messenger=messenger,
        lease=lease
        or SchedulerLease(sessions, timedelta(seconds=settings.scheduler.lease_seconds)),
        clock=clock,
        contents=contents,
    )
    return Scheduler(context, settings.scheduler, settings.broadcast.poll_seconds)
