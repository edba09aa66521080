"""Scheduling: the APScheduler 3 adapter and its jobs; the only package that imports apscheduler.

The database knows what is due (reminders); the jobs only wake the sender. One process at a
time sends: the one holding the database lease «scheduler». `careerbot run` runs the
scheduler beside polling unless SCHEDULER__IN_PROCESS=false; `careerbot worker` runs it
alone. APScheduler 3 keeps its jobs in this process's memory: sharing a job store between
processes would duplicate or miss runs, which is why the lease decides, not the job store."""

from __future__ import annotations

from bot.scheduler.adapter import Scheduler, build_scheduler
from bot.scheduler.context import SchedulerContext
from bot.scheduler.lease import SCHEDULER_LEASE, SchedulerLease

__all__ = ["SCHEDULER_LEASE", "Scheduler", "SchedulerContext", "SchedulerLease", "build_scheduler"]
