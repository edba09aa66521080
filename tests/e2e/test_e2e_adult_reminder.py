"""An adult who wants to retrain, end to end over HTTP: onboarding without a region, a free
question about the price, a free question about open days, «Напомнить» on one of them, and
the reminder arrives from the bot's own scheduler. In long polling and webhook mode, on an
SQLite file of its own.

How the reminder is made due within the test, honestly and whatever the date the test runs:
- The open day is a catalogue record written as staff write one (/newevent, /editevent and
  imports all end in `CatalogueAdmin.import_records`), two days ahead, once the bot has
  loaded the shipped catalogue; the bot notices it within CATALOGUE_REFRESH_SECONDS (1 s
  here). The shipped events' illustrative dates would pass one day.
- After the user subscribed (reminders were planned a day before the start), the staff
  «move» the event: it now starts in a day and 15 seconds. The scheduler's subscription
  sync, which runs after every catalogue change, moves the pending «a day before the start»
  reminder to 15 seconds from the move, and the scheduler (ticking every 0.5 s) sends it.
  The bot must notice the change and sync within those 15 s (about 2 s here); a sync that
  comes later finds the moment passed and leaves the reminder where it was, so the test
  checks the reminder's row and moves the event again (three tries) before it waits for the
  message (up to two minutes).
- The user gave no region, so the bot tells times in DEFAULT_TIMEZONE; the test sets it to
  a fixed-offset zone where it is about 13:00, so the reminder never waits for morning
  (nothing is sent between 22:00 and 09:00 where the user is)."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from knowledge.models import Audience, Event, EventKind
from tests.e2e.conftest import make_stack
from tests.e2e.harness import Emulator, midday_zone, put_event, text_of, until

TITLE = "Открытые мастерские ЦОПП"
REBUILT = "The catalogue changed; the knowledge base was rebuilt"


def _open_day(event_id: str, starts_at: datetime) -> Event:
    return Event(
        id=event_id,
        kind=EventKind.open_day,
        title=TITLE,
        description="Мастер-классы в мастерских, рассказ о программах переобучения.",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=3),
        region="RU-TVE",
        centre="copp-tver",
        audience=[Audience.adults, Audience.unemployed],
        illustrative=False,
        source="e2e test: staff's event",
    )


@pytest.mark.e2e
async def test_adult_asks_subscribes_and_the_reminder_arrives(
    emulator: Emulator, tmp_path: Path, mode: str, sqlite_url: str
) -> None:
    stack = make_stack(emulator, tmp_path, mode, sqlite_url)
    bot = stack.bot(DEFAULT_TIMEZONE=midday_zone(datetime.now(UTC)))
    event_id = f"ev-e2e-open-day-{secrets.token_hex(3)}"
    try:
        await stack.launch(bot)
        await stack.ready(bot)
        await put_event(sqlite_url, _open_day(event_id, datetime.now(UTC) + timedelta(days=2)))
        assert await until(lambda: REBUILT in bot.text(), 60), bot.tail()

        adult = stack.user(6_001, "Сергей")
        await adult.send("/start")
        await adult.press("Согласен")
        await adult.wait_for("Кто вы?")
        await adult.press("Работаю, хочу сменить профессию")
        await adult.wait_for("Отметьте, что про вас")
        await adult.press("Готово")
        await adult.wait_for("Из какого вы региона?")
        await adult.press("Другой регион")
        await adult.wait_for("Напишите название региона")
        await adult.press("Пропустить")
        await adult.wait_for("Что вам интересно?")
        await adult.press("Техника и механизмы")
        assert await until(lambda: adult.find_button("✓ Техника"), 60)
        await adult.press("Готово")
        await adult.wait_for("своими словами")
        await adult.press("Пропустить")
        await adult.wait_for("тест интересов")
        await adult.press("Пропустить, показать")
        await adult.wait_for("Вот профессии")

        await adult.send("сколько стоит переобучение?")
        price = await adult.wait_for("бесплатн")
        assert "Содействию занятости" in text_of(price)

        await adult.send("когда день открытых дверей?")
        listing = await adult.wait_for("дни открытых дверей")
        assert TITLE in text_of(listing)
        await adult.press(TITLE)
        card = await adult.wait_for(f"«{TITLE}»")
        assert "Напомнить" in str(card.get("reply_markup")), card
        await adult.press("Напомнить")
        await adult.wait_for(f"Я напомню о событии «{TITLE}»")

        # Staff move the open day: it now starts in a day and 15 seconds. A sync that came
        # too late (the moment had passed) leaves the reminder where it was: move it again.
        for _ in range(3):
            moved = datetime.now(UTC) + timedelta(days=1, seconds=15)
            await put_event(sqlite_url, _open_day(event_id, moved))
            due = moved - timedelta(days=1)
            if await until(lambda: _moved_to(sqlite_url, event_id, adult.id, due), 12):  # noqa: B023 - awaited within the turn
                break
        else:
            raise AssertionError(f"the reminder never moved with the event\n{bot.tail()}")
        reminder = await adult.wait_for(f"Напоминаю: завтра начинается «{TITLE}»", seconds=120)
        assert "Отписаться" in str(reminder.get("reply_markup")), reminder
    finally:
        await stack.close()
    assert "Traceback" not in bot.text(), bot.tail(200)
    assert (await emulator.stats(stack.token))["unsupported"] == []


async def _moved_to(database_url: str, event_id: str, user_id: int, due: datetime) -> bool:
    """Whether the «a day before the start» reminder is due at `due` now (or already went)."""
    from sqlalchemy import select

    from bot.storage.db import create_engine, create_session_factory
    from bot.storage.models import Reminder

    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            row = (
                await session.execute(
                    select(Reminder.due_at, Reminder.status).where(
                        Reminder.kind == "event_start_1d",
                        Reminder.subject == event_id,
                        Reminder.user_id == user_id,
                    )
                )
            ).first()
    finally:
        await engine.dispose()
    return row is not None and abs((row.due_at - due).total_seconds()) < 1
