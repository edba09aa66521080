"""Fifty people press the last free seat of a slot at the same moment: exactly one gets it,
the rest are told it was taken and get the nearest free times. Each attempt runs in its own
session, as concurrent updates do, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.composition import build_use_cases
from bot.config import Settings
from bot.services.accounts import PERSONAL_DATA, AccountService
from bot.services.booking.service import SlotTakenError
from bot.storage.db import create_engine, create_session_factory
from bot.storage.models import Booking
from bot.storage.repositories import SqlUnitOfWork
from bot.ui.consultations import ConsultationMessages
from tests.conftest import SharedKnowledge
from tests.fake_messenger import RecordingMessenger

PEOPLE = 50
NOW = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)


async def test_fifty_people_at_the_last_seat(settings: Settings) -> None:
    engine = create_engine(settings.database_url)
    sessions = create_session_factory(engine)
    knowledge = SharedKnowledge()
    messenger = RecordingMessenger()
    try:
        async with sessions() as session:
            accounts = AccountService(SqlUnitOfWork(session), lambda: NOW)
            for user_id in range(1, PEOPLE + 1):
                await accounts.give_consent(user_id, PERSONAL_DATA, "ru")
            use_cases = build_use_cases(
                session, settings, knowledge, messenger, ConsultationMessages("ru"), lambda: NOW
            )
            # The in-person seat of Tomsk: one consultant, so each slot has one place.
            slots = await use_cases.bookings.free_times(
                "copp-tomsk",
                "in_person",
                (await use_cases.bookings.free_days("copp-tomsk", "in_person"))[2],
            )
        target = slots[0].start

        async def attempt(user_id: int) -> int | SlotTakenError:
            async with sessions() as session:
                cases = build_use_cases(
                    session, settings, knowledge, messenger, ConsultationMessages("ru"), lambda: NOW
                )
                try:
                    view = await cases.bookings.hold(
                        user_id, "copp-tomsk", "in_person", target, topic="t", item_id=None
                    )
                except SlotTakenError as taken:
                    return taken
                return view.record.id

        results = await asyncio.gather(*(attempt(u) for u in range(1, PEOPLE + 1)))
        winners = [r for r in results if isinstance(r, int)]
        losers = [r for r in results if isinstance(r, SlotTakenError)]
        assert len(winners) == 1
        assert len(losers) == PEOPLE - 1
        assert all(
            loser.nearest and target not in {s.start for s in loser.nearest} for loser in losers
        )
        async with sessions() as session:
            live = await session.scalar(
                select(func.count())
                .select_from(Booking)
                .where(Booking.starts_at == target, Booking.status == "held")
            )
        assert live == 1
    finally:
        await engine.dispose()
