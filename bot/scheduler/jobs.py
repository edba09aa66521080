"""The scheduler's job functions.

APScheduler refers to each job by its textual path ("bot.scheduler.jobs:deliver_reminders")
with primitive arguments only, as a persistent job store needs: such a job can be stored,
listed and restored without pickling live objects (an engine, a bot, a session). So the jobs
take no objects; they reach this process's database, knowledge base and messenger through
the context that the runner installs at start and removes at stop."""

from __future__ import annotations

from bot.scheduler.context import SchedulerContext

_installed: SchedulerContext | None = None


def install(context: SchedulerContext) -> None:
    global _installed  # one scheduler per process, as APScheduler 3 requires
    if _installed is not None and _installed is not context:
        raise RuntimeError("a scheduler context is already installed in this process")
    _installed = context


def uninstall(context: SchedulerContext) -> None:
    global _installed
    if _installed is context:
        _installed = None


def current() -> SchedulerContext:
    if _installed is None:
        raise RuntimeError("no scheduler context installed: start the Scheduler first")
    return _installed


async def keep_lease() -> None:
    await current().keep_lease()


async def deliver_reminders() -> None:
    await current().deliver_reminders()


async def deliver_broadcasts() -> None:
    await current().deliver_broadcasts()
