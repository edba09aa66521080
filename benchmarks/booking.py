"""Consultation booking under pressure, through the booking use case on a real database.

    python benchmarks/booking.py [--runs 5] [--people 50] [--backend sqlite|postgres|both]

Per run: a fresh database, 50 people with consent, then
- «slots»: how long listing one day's free times of a centre takes when a third of the
  horizon's slots are booked (the work behind every calendar and time button);
- «race»: all people press the same last free seat at once, each in its own session as
  concurrent updates do; exactly one must win, the rest get the nearest free times;
- «book»: holds and confirms for all people one after another, different times.
Prints each run and the medians. PostgreSQL: CAREERBOT_TEST_PG or 127.0.0.1:5432/test
(a scratch database is created and dropped).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.composition import build_use_cases
from bot.config import Settings
from bot.services.accounts import PERSONAL_DATA, AccountService
from bot.services.booking.service import SlotTakenError
from bot.services.knowledge_base import KnowledgeSource
from bot.storage.db import create_engine, create_session_factory
from bot.storage.migrate import upgrade
from bot.storage.repositories import SqlUnitOfWork
from bot.ui.consultations import ConsultationMessages

NOW = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
CENTRE, FORMAT = "copp-tomsk", "in_person"


class NullMessenger:
    async def send_text(self, chat_id, message):  # type: ignore[no-untyped-def]
        from bot.services.messaging import Delivery, DeliveryStatus

        return Delivery(DeliveryStatus.DELIVERED, 1)

    send_file = edit_text = delete_message = send_text


class CatalogueOnly:
    """The catalogue without the search engine: booking never searches."""

    def __init__(self) -> None:
        from bot.services.knowledge_base import KnowledgeBase
        from knowledge.loader import load_catalogue

        self._knowledge = KnowledgeBase.__new__(KnowledgeBase)
        self._knowledge.catalogue = load_catalogue()  # type: ignore[misc]

    async def get(self):  # type: ignore[no-untyped-def]
        return self._knowledge


async def _run(url: str, people: int) -> dict[str, float]:
    settings = Settings(_env_file=None, database_url=url, bot_token="1:x")
    engine = create_engine(url)
    sessions = create_session_factory(engine)
    knowledge: KnowledgeSource = CatalogueOnly()  # type: ignore[assignment]
    clock = lambda: NOW  # noqa: E731

    def cases(session):  # type: ignore[no-untyped-def]
        return build_use_cases(
            session, settings, knowledge, NullMessenger(), ConsultationMessages("ru"), clock
        )

    try:
        async with sessions() as session:
            accounts = AccountService(SqlUnitOfWork(session), clock)
            for user_id in range(1, people + 1):
                await accounts.give_consent(user_id, PERSONAL_DATA, "ru")
            bookings = cases(session).bookings
            days = await bookings.free_days(CENTRE, FORMAT)
            # Book every third slot of the horizon (by distinct people) to give the
            # calculator real occupancy to work through.
            booked = 0
            for day in days:
                for index, slot in enumerate(await bookings.free_times(CENTRE, FORMAT, day)):
                    if index % 3 == 0 and booked < people:
                        view = await bookings.hold(
                            booked + 1, CENTRE, FORMAT, slot.start, topic="t", item_id=None
                        )
                        await bookings.confirm(booked + 1, view.record.id, None)
                        booked += 1
        async with sessions() as session:
            bookings = cases(session).bookings
            started = time.perf_counter()
            for _ in range(20):
                times = await bookings.free_times(CENTRE, FORMAT, days[2])
            slots_ms = (time.perf_counter() - started) / 20 * 1000
        target = times[-1].start

        async def attempt(user_id: int) -> bool:
            async with sessions() as session:
                try:
                    await cases(session).bookings.hold(
                        user_id, CENTRE, FORMAT, target, topic="race", item_id=None
                    )
                except SlotTakenError:
                    return False
                return True

        started = time.perf_counter()
        results = await asyncio.gather(*(attempt(u) for u in range(1, people + 1)))
        race_ms = (time.perf_counter() - started) * 1000
        if sum(results) != 1:
            raise SystemExit(f"race: {sum(results)} winners instead of 1")
        return {"booked": booked, "slots_ms": slots_ms, "race_ms": race_ms}
    finally:
        await engine.dispose()


def _postgres_url() -> tuple[str, str, str]:
    base = os.environ.get("CAREERBOT_TEST_PG", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
    name = f"bench_{uuid.uuid4().hex[:8]}"
    return base, base.rsplit("/", 1)[0] + f"/{name}", name


async def _admin(base: str, sql: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(base.replace("postgresql+asyncpg", "postgresql"))
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def run_once(backend: str, people: int) -> dict[str, float]:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite+aiosqlite:///{folder}/bench.sqlite3"
            upgrade(url)
            return asyncio.run(_run(url, people))
    base, url, name = _postgres_url()
    asyncio.run(_admin(base, f'CREATE DATABASE "{name}"'))
    try:
        upgrade(url)
        return asyncio.run(_run(url, people))
    finally:
        asyncio.run(_admin(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    for backend in backends:
        runs = [run_once(backend, args.people) for _ in range(args.runs)]
        for number, run in enumerate(runs, start=1):
            print(
                f"{backend} run {number}: one day's free times {run['slots_ms']:.1f} ms "
                f"({run['booked']:.0f} bookings in the horizon); {args.people} concurrent "
                f"holds of one seat {run['race_ms']:.0f} ms, 1 winner"
            )
        print(
            f"{backend} median of {args.runs}: free times "
            f"{statistics.median(r['slots_ms'] for r in runs):.1f} ms; "
            f"{args.people}-way race {statistics.median(r['race_ms'] for r in runs):.0f} ms"
        )


if __name__ == "__main__":
    main()
