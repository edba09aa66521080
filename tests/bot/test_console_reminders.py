"""Reminders in `careerbot chat`: `:advance` moves the console's clock and the reminders that
fall due arrive as bot messages, buttons included, as they would in Telegram."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from bot.config import Settings
from bot.console.chat import Console, make_console, parse_duration, step
from bot.services.messaging import Button, Outgoing
from bot.services.ports import ReminderRecord
from bot.services.reminders import Due
from bot.storage.repositories import SqlUnitOfWork
from tests.conftest import SharedKnowledge

FROZEN_TIME = datetime.fromisoformat("2026-11-23T10:00:00+03:00")


class Bookings:
    kinds = ("booking_24h",)

    async def render(self, reminder: ReminderRecord, now: datetime) -> Due:
        button = Button("Отменить запись", f"bk:cancel:{reminder.subject}")
        return Due(Outgoing(f"Завтра консультация № {reminder.subject}", ((button,),)))


def bookings(*_: Any) -> list[Bookings]:
    return [Bookings()]


async def schedule(console: Console, subject: str, due_at: datetime) -> None:
    async with console.application.session_factory() as session:
        uow = SqlUnitOfWork(session)
        await uow.reminders.schedule("booking_24h", subject, console.driver.user.id, due_at)
        await uow.commit()


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("23h", timedelta(hours=23)),
        ("90m", timedelta(minutes=90)),
        ("2d", timedelta(days=2)),
        ("1d12h", timedelta(days=1, hours=12)),
        (" 45 s ", timedelta(seconds=45)),
        ("", None),
        ("soon", None),
        ("5", None),
        ("2h and more", None),
    ],
)
def test_durations(text: str, delta: timedelta | None) -> None:
    assert parse_duration(text) == delta


async def test_advance_brings_the_reminders_that_fall_due(settings: Settings) -> None:
    console = make_console(
        settings,
        user_id=1,
        language="ru",
        clock=lambda: FROZEN_TIME,
        knowledge=SharedKnowledge(),
        contents=bookings,
    )
    try:
        await step(console, "/start")
        await schedule(console, "7", FROZEN_TIME + timedelta(hours=23))

        assert await step(console, ":advance 22h") == [
            "(часы: +22h, теперь 2026-11-24T08:00+03:00)",
            *console.driver.render_choices(),
        ]
        lines = await step(console, ":advance 1h")

        assert lines[:2] == [
            "(часы: +1h, теперь 2026-11-24T09:00+03:00)",
            "Бот: Завтра консультация № 7",
        ]
        assert "  [1] Отменить запись" in lines  # its button can be pressed
        assert await step(console, ":advance 1h") == [
            "(часы: +1h, теперь 2026-11-24T10:00+03:00)",
            *console.driver.render_choices(),
        ]  # sent once
        assert (await step(console, ":advance soon"))[0].startswith("(не понимаю «soon»")
    finally:
        await console.close()


async def test_a_reminder_due_by_now_follows_the_reply_to_any_input(settings: Settings) -> None:
    console = make_console(
        settings,
        user_id=1,
        language="ru",
        clock=lambda: FROZEN_TIME,
        knowledge=SharedKnowledge(),
        contents=bookings,
    )
    try:
        await step(console, "/start")
        await schedule(console, "8", FROZEN_TIME)

        lines = await step(console, "/help")

        reminder = lines.index("Бот: Завтра консультация № 8")
        assert reminder > 0 and lines[0].startswith("Бот: ")  # after the reply to /help
    finally:
        await console.close()
