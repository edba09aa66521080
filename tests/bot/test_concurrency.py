"""Many users at once, and one user tapping twice: no stalls, no lost or doubled writes.

Each race runs on SQLite and on PostgreSQL. The service-level races open one session per
contender, as separate updates (or separate bot instances) would."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from aiogram import Bot
from aiogram.methods import SendMessage
from aiogram.types import CallbackQuery, Contact, Update, User
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import Application, build_application
from bot.config import Settings
from bot.console.session import RecordingSession
from bot.i18n import translator
from bot.services.accounts import PERSONAL_DATA, AccountService
from bot.services.errors import DomainError
from bot.storage.models import Consent, ConsultationRequest, Feedback, FeedbackTotal
from bot.storage.models import User as UserRow
from bot.storage.repositories import SqlUnitOfWork
from bot.ui.callbacks import ConsentCallback
from tests.bot.helpers import consultation_service, make_message
from tests.conftest import TEST_TOKEN, SharedKnowledge
from tests.fake_messenger import RecordingMessenger

RU = translator("ru")


async def _each_in_own_session(
    application: Application, count: int, work: Callable[[SqlUnitOfWork, int], Awaitable[Any]]
) -> list[Any]:
    async def one(index: int) -> Any:
        async with application.session_factory() as session:
            return await work(SqlUnitOfWork(session), index)

    return await asyncio.gather(*(one(index) for index in range(count)), return_exceptions=True)


async def _count(session: AsyncSession, query: Any) -> int:
    return int(await session.scalar(query) or 0)


@pytest.fixture
async def application(settings: Settings) -> Any:
    app = build_application(settings, knowledge=SharedKnowledge())
    try:
        yield app
    finally:
        await app.engine.dispose()


async def test_fifty_users_at_once_with_two_connections_all_get_answers(
    settings: Settings,
) -> None:
    """Each update holds at most one connection: a pool of two serves fifty users. With two
    connections per update (one for the dialog state) this stalled at pool size / 2."""
    small_pool = settings.model_copy(update={"db_pool_size": 2, "db_max_overflow": 0})
    application = build_application(small_pool, knowledge=SharedKnowledge())
    session = RecordingSession()
    bot = Bot(TEST_TOKEN, session=session)
    users = [User(id=5000 + n, is_bot=False, first_name="U", language_code="ru") for n in range(50)]

    async def journey(user: User) -> None:
        base = user.id * 10
        await application.dispatcher.feed_update(
            bot, Update(update_id=base, message=make_message(user, text="/start"))
        )
        query = CallbackQuery(
            id=str(base + 1),
            from_user=user,
            chat_instance="c",
            data=ConsentCallback(action="accept").pack(),
            message=make_message(user, text="…"),
        )
        await application.dispatcher.feed_update(
            bot, Update(update_id=base + 1, callback_query=query)
        )

    try:
        started = time.monotonic()
        await asyncio.wait_for(asyncio.gather(*(journey(user) for user in users)), timeout=120)
        elapsed = time.monotonic() - started
        async with application.session_factory() as db:
            consents = await _count(db, select(func.count()).select_from(Consent))
    finally:
        await application.engine.dispose()

    texts = [r for r in session.requests if isinstance(r, SendMessage)]
    assert not [r for r in texts if r.text == RU("error-unexpected")]
    thanked = {r.chat_id for r in texts if r.text == RU("consent-thanks")}
    assert thanked == {user.id for user in users}
    assert consents == 50
    assert elapsed < 120  # a stall shows as the pool's 30 s timeout, long before this


async def test_five_simultaneous_starts_of_a_new_user_create_one_row(
    application: Application,
) -> None:
    outcomes = await _each_in_own_session(
        application, 5, lambda uow, _: AccountService(uow).start(777)
    )
    assert not [o for o in outcomes if isinstance(o, BaseException)], outcomes
    assert sum(1 for o in outcomes if o.is_new) == 1
    async with application.session_factory() as db:
        assert await _count(db, select(func.count()).select_from(UserRow)) == 1


async def test_three_simultaneous_consent_taps_store_one_active_consent(
    application: Application,
) -> None:
    outcomes = await _each_in_own_session(
        application, 3, lambda uow, _: AccountService(uow).give_consent(777, PERSONAL_DATA, "ru")
    )
    assert not [o for o in outcomes if isinstance(o, BaseException)], outcomes
    assert outcomes.count(True) == 1
    async with application.session_factory() as db:
        active = select(func.count()).where(Consent.withdrawn_at.is_(None))
        assert await _count(db, active.select_from(Consent)) == 1


async def test_six_users_voting_on_one_item_at_once_keep_the_totals_true(
    application: Application,
) -> None:
    item = "09.02.07"
    for user_id in range(1, 7):
        async with application.session_factory() as db:
            await AccountService(SqlUnitOfWork(db)).give_consent(user_id, PERSONAL_DATA, "ru")

    def vote(uow: SqlUnitOfWork, index: int) -> Awaitable[None]:
        async def run() -> None:
            await uow.feedback.set_vote(
                index + 1, item, 1 if index % 2 else -1, None, datetime.now(UTC)
            )
            await uow.commit()

        return run()

    first = await _each_in_own_session(application, 6, vote)
    # Everyone changes their mind at once, too.
    flipped = await _each_in_own_session(
        application,
        6,
        lambda uow, index: _flip(uow, index + 1, item, 1 if index % 2 == 0 else -1),
    )
    assert not [o for o in first + flipped if isinstance(o, BaseException)], first + flipped
    async with application.session_factory() as db:
        votes = list(await db.scalars(select(Feedback.vote).where(Feedback.item_id == item)))
        total = await db.get(FeedbackTotal, item)
    assert len(votes) == 6
    assert total is not None
    assert (total.up, total.down) == (votes.count(1), votes.count(-1)) == (3, 3)


async def _flip(uow: SqlUnitOfWork, user_id: int, item: str, vote: int) -> None:
    await uow.feedback.set_vote(user_id, item, vote, None, datetime.now(UTC))
    await uow.commit()


async def test_a_double_submit_posts_one_request_to_staff(application: Application) -> None:
    async with application.session_factory() as db:
        await AccountService(SqlUnitOfWork(db)).give_consent(777, PERSONAL_DATA, "ru")
    messenger = RecordingMessenger(delay=0.01)
    outcomes = await _each_in_own_session(
        application,
        2,
        lambda uow, _: consultation_service(uow, messenger).submit(
            777, "Хочу стать сварщиком", None, "+79990000000"
        ),
    )
    assert not [o for o in outcomes if isinstance(o, BaseException)], outcomes
    assert [sent.chat_id for sent in messenger.sent] == [-100500]
    assert sorted(o.duplicate for o in outcomes) == [False, True]
    async with application.session_factory() as db:
        assert await _count(db, select(func.count()).select_from(ConsultationRequest)) == 1


async def test_withdrawing_while_staff_take_the_request_lets_exactly_one_win(
    application: Application,
) -> None:
    async with application.session_factory() as db:
        await AccountService(SqlUnitOfWork(db)).give_consent(777, PERSONAL_DATA, "ru")
        uow = SqlUnitOfWork(db)
        record, _ = await uow.consultations.add_unless_open(
            777, "Тема", None, None, None, datetime.now(UTC)
        )
        await uow.commit()

    def contend(uow: SqlUnitOfWork, index: int) -> Awaitable[Any]:
        service = consultation_service(uow, RecordingMessenger())
        if index == 0:
            return service.withdraw(777, record.id)
        return service.mark_handled(record.id, 901, staff_name="Мария")

    outcomes = await _each_in_own_session(application, 2, contend)
    failures = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(failures) == 1 and isinstance(failures[0], DomainError), outcomes
    async with application.session_factory() as db:
        stored = await db.get(ConsultationRequest, record.id)
    assert stored is not None
    assert stored.status in ("withdrawn", "handled")
    assert (stored.handled_by is not None) == (stored.status == "handled")


async def test_a_double_tap_on_share_contact_posts_one_request(
    application: Application,
) -> None:
    session = RecordingSession()
    bot = Bot(TEST_TOKEN, session=session)
    user = User(id=111, is_bot=False, first_name="Аня", language_code="ru")
    async with application.session_factory() as db:
        await AccountService(SqlUnitOfWork(db)).give_consent(user.id, PERSONAL_DATA, "ru")
    from bot.ui.callbacks import ConsultationCallback

    ask = CallbackQuery(
        id="1",
        from_user=user,
        chat_instance="c",
        data=ConsultationCallback(action="ask").pack(),
        message=make_message(user, text="…"),
    )
    dispatcher = application.dispatcher
    await dispatcher.feed_update(bot, Update(update_id=1, callback_query=ask))
    await dispatcher.feed_update(
        bot, Update(update_id=2, message=make_message(user, text="Хочу на сварщика"))
    )
    contact = Contact(phone_number="+79990000000", first_name="Аня", user_id=user.id)
    await asyncio.gather(
        *(
            dispatcher.feed_update(
                bot, Update(update_id=3 + n, message=make_message(user, contact=contact))
            )
            for n in range(2)
        )
    )
    staff_posts = [
        r for r in session.requests if isinstance(r, SendMessage) and r.chat_id == -100500
    ]
    assert len(staff_posts) == 1
    async with application.session_factory() as db:
        assert await _count(db, select(func.count()).select_from(ConsultationRequest)) == 1


async def test_a_flood_with_redis_dialog_state_is_dropped_before_redis(
    settings: Settings, redis_url: str
) -> None:
    """1,000 messages at once from one user: the throttle drops them before the dialog state
    is read, so Redis is not flooded, the flooder gets no apologies, and others are served."""
    from aiogram.fsm.storage.base import DefaultKeyBuilder
    from aiogram.fsm.storage.redis import RedisStorage

    storage = RedisStorage.from_url(redis_url, key_builder=DefaultKeyBuilder(with_destiny=True))
    throttled = settings.model_copy(update={"throttle_rate_per_second": 2.0, "throttle_burst": 8})
    application = build_application(throttled, storage=storage, knowledge=SharedKnowledge())
    session = RecordingSession()
    bot = Bot(TEST_TOKEN, session=session)
    flooder = User(id=111, is_bot=False, first_name="Аня", language_code="ru")
    other = User(id=222, is_bot=False, first_name="Петя", language_code="ru")
    try:
        await asyncio.gather(
            *(
                application.dispatcher.feed_update(
                    bot, Update(update_id=10_000 + n, message=make_message(flooder, text="/help"))
                )
                for n in range(1000)
            )
        )
        await application.dispatcher.feed_update(
            bot, Update(update_id=50_000, message=make_message(other, text="/help"))
        )
    finally:
        await storage.close()
        await application.engine.dispose()

    to_flooder = [
        r.text for r in session.requests if isinstance(r, SendMessage) and r.chat_id == 111
    ]
    assert RU("error-unexpected") not in to_flooder
    assert to_flooder.count(RU("throttled")) == 1
    assert len(to_flooder) <= 8 + 1 + 2  # the burst, one warning, a little refill
    assert any(r.chat_id == 222 for r in session.requests if isinstance(r, SendMessage))
