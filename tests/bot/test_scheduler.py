"""The scheduler on the real database (SQLite and PostgreSQL): one lease holder sends, a
second one stands by and takes over when the first stops; APScheduler runs the jobs; the
worker's runner sends over HTTP and releases the lease when told to stop."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import SchedulerSettings, Settings
from bot.scheduler import SchedulerContext, SchedulerLease, build_scheduler
from bot.scheduler import jobs as scheduler_jobs
from bot.scheduler.adapter import BROADCASTS_JOB, LEASE_JOB, REMINDERS_JOB
from bot.services.messaging import Outgoing
from bot.services.pacing import SendPace
from bot.services.ports import ReminderRecord
from bot.services.reminders import STUCK_DETAIL, Due
from bot.storage.db import create_engine, create_session_factory
from bot.storage.models import Lease, Reminder
from bot.storage.repositories import SqlUnitOfWork
from tests.conftest import TEST_TOKEN, SharedKnowledge
from tests.e2e.test_polling import FakeBotApi, _serve
from tests.fake_messenger import RecordingMessenger

ANNA = 111
Sessions = async_sessionmaker[AsyncSession]


class Notes:
    kinds = ("note",)

    async def render(self, reminder: ReminderRecord, now: datetime) -> Due:
        return Due(Outgoing(f"Напоминание {reminder.subject}"))


def notes(*_: Any) -> list[Notes]:
    return [Notes()]


@pytest_asyncio.fixture
async def sessions(settings: Settings) -> AsyncIterator[Sessions]:
    engine = create_engine(settings.database_url)
    factory = create_session_factory(engine)
    async with factory() as session:
        uow = SqlUnitOfWork(session)
        await uow.users.add_if_missing(ANNA, datetime.now(UTC))
        await uow.commit()
    try:
        yield factory
    finally:
        await engine.dispose()


async def schedule(sessions: Sessions, subject: str, due_at: datetime | None = None) -> None:
    async with sessions() as session:
        uow = SqlUnitOfWork(session)
        await uow.reminders.schedule("note", subject, ANNA, due_at or datetime.now(UTC))
        await uow.commit()


async def stored(sessions: Sessions, subject: str) -> Reminder:
    async with sessions() as session:
        row = await session.scalar(select(Reminder).where(Reminder.subject == subject))
    assert row is not None
    return row


def context(
    settings: Settings, sessions: Sessions, messenger: RecordingMessenger, holder: str, **kw: Any
) -> SchedulerContext:
    ttl = kw.pop("ttl", timedelta(seconds=60))
    # Telegram's one message a second per chat would make these tests wait in real time.
    kw.setdefault("pace", SendPace(1000, per_chat_seconds=0))
    return SchedulerContext(
        settings=settings,
        sessions=sessions,
        knowledge=SharedKnowledge(),
        messenger=messenger,
        lease=SchedulerLease(sessions, ttl, holder=holder),
        contents=notes,
        **kw,
    )


async def until(condition: Callable[[], bool], seconds: float = 10) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition() and asyncio.get_running_loop().time() < deadline:  # noqa: ASYNC110 - polls what the process did
        await asyncio.sleep(0.02)


async def test_only_the_lease_holder_sends_and_the_other_stands_by_once(
    settings: Settings, sessions: Sessions, caplog: pytest.LogCaptureFixture
) -> None:
    first_messenger, second_messenger = RecordingMessenger(), RecordingMessenger()
    first = context(settings, sessions, first_messenger, "host-a:1:aa")
    second = context(settings, sessions, second_messenger, "host-b:2:bb")
    await schedule(sessions, "r1")

    with caplog.at_level(logging.INFO, logger="bot.scheduler.lease"):
        assert await first.keep_lease()
        for _ in range(3):
            assert not await second.keep_lease()
        await asyncio.gather(first.deliver_reminders(), second.deliver_reminders())
        await schedule(sessions, "r2")
        await asyncio.gather(first.tick(), second.tick())

    assert [sent.text for sent in first_messenger.sent] == ["Напоминание r1", "Напоминание r2"]
    assert second_messenger.sent == []
    standing_by = [r for r in caplog.records if "stands by" in r.getMessage()]
    assert len(standing_by) == 1, "the second process says it is standing by once, not every tick"
    assert "host-b:2:bb" in standing_by[0].getMessage()


async def test_the_second_takes_over_when_the_first_stops_renewing(
    settings: Settings, sessions: Sessions
) -> None:
    first_messenger, second_messenger = RecordingMessenger(), RecordingMessenger()
    ttl = timedelta(seconds=0.5)
    first = context(settings, sessions, first_messenger, "host-a:1:aa", ttl=ttl)
    second = context(settings, sessions, second_messenger, "host-b:2:bb", ttl=ttl)
    assert await first.keep_lease()
    # The first process claims two reminders, hands one to Telegram and dies before the
    # answer is written down; the other one it never tried.
    now = datetime.now(UTC)
    await schedule(sessions, "in-flight", now - timedelta(seconds=2))
    await schedule(sessions, "untried", now - timedelta(seconds=1))
    async with sessions() as session:
        uow = SqlUnitOfWork(session)
        in_flight, _ = await uow.reminders.claim_due(now, 10)
        await uow.commit()
        assert await uow.reminders.begin_send(in_flight.id, now) is not None
        await uow.commit()
    await schedule(sessions, "next")
    assert not await second.keep_lease()

    await asyncio.sleep(0.6)  # the first one's lease expires: it renews no more
    report = await second.tick()

    assert report is not None and report.sent == 2
    assert [sent.text for sent in second_messenger.sent] == [
        "Напоминание untried",
        "Напоминание next",
    ]
    row = await stored(sessions, "in-flight")
    assert (row.status, row.detail) == ("failed", STUCK_DETAIL)  # not resent
    assert not await first.keep_lease()  # the first comes back: now it stands by


async def test_a_clean_stop_hands_the_lease_over_at_once(
    settings: Settings, sessions: Sessions
) -> None:
    first = context(settings, sessions, RecordingMessenger(), "host-a:1:aa")
    second = context(settings, sessions, RecordingMessenger(), "host-b:2:bb")
    assert await first.keep_lease()
    assert not await second.keep_lease()

    await first.wind_down(grace_seconds=1)

    assert await second.keep_lease()
    assert not await first.keep_lease()  # a stopping process never takes it back


async def test_apscheduler_runs_the_jobs_and_a_stop_releases_the_lease(
    settings: Settings, sessions: Sessions
) -> None:
    quick = settings.model_copy(
        update={"scheduler": SchedulerSettings(tick_seconds=0.1, lease_seconds=1)}
    )
    messenger = RecordingMessenger()
    await schedule(sessions, "r1")
    scheduler = build_scheduler(quick, sessions, SharedKnowledge(), messenger, contents=notes)

    await scheduler.start()
    try:
        assert sorted(scheduler.job_ids) == sorted([LEASE_JOB, REMINDERS_JOB, BROADCASTS_JOB])
        assert scheduler_jobs.current() is scheduler.context
        await until(lambda: len(messenger.sent) == 1)
        await schedule(sessions, "r2")  # falls due while the scheduler runs
        await until(lambda: len(messenger.sent) == 2)
    finally:
        await scheduler.stop()

    assert [sent.text for sent in messenger.sent] == ["Напоминание r1", "Напоминание r2"]
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Lease)) == 0
    with pytest.raises(RuntimeError):
        scheduler_jobs.current()


async def test_the_worker_sends_over_http_and_stops_cleanly(
    settings: Settings, sessions: Sessions
) -> None:
    from bot.runner import run_worker

    api = FakeBotApi()
    runner, port = await _serve(api)
    worker_settings = settings.model_copy(
        update={
            "telegram_api_base": f"http://127.0.0.1:{port}",
            "scheduler": SchedulerSettings(tick_seconds=0.1, lease_seconds=1),
        }
    )
    await schedule(sessions, "r1")
    stop = asyncio.Event()
    worker = asyncio.create_task(run_worker(worker_settings, TEST_TOKEN, stop=stop, contents=notes))
    try:
        await asyncio.wait_for(api.sent.wait(), timeout=30)
    finally:
        stop.set()
        await asyncio.wait_for(worker, timeout=30)
        await runner.cleanup()

    sent = [payload for method, payload in api.calls if method == "sendMessage"]
    assert [(int(p["chat_id"]), p["text"]) for p in sent] == [(ANNA, "Напоминание r1")]
    assert (await stored(sessions, "r1")).status == "sent"
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Lease)) == 0


def test_a_lease_shorter_than_three_ticks_is_refused() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="lease_seconds"):
        SchedulerSettings(tick_seconds=30, lease_seconds=60)
    assert SchedulerSettings().lease_seconds >= 3 * SchedulerSettings().tick_seconds
