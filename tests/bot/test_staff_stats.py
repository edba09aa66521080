from __future__ import annotations

from aiogram.types import User

from bot.console.driver import ConsoleDriver


async def test_staff_see_deep_link_sources_and_ratings(harness: ConsoleDriver) -> None:
    for user_id, payload in (
        (11, "school_tomsk_12"),
        (12, "school_tomsk_12"),
        (13, "region_RU-PER"),
    ):
        harness.user = User(id=user_id, is_bot=False, first_name="У", language_code="ru")
        await harness.send_text(f"/start {payload}")

    harness.user = User(id=901, is_bot=False, first_name="Методист", language_code="ru")
    lines = await harness.send_text("/stats")

    assert "• school_tomsk_12 — 2 пользователя" in lines[0]
    assert "• region_RU-PER — 1 пользователь" in lines[0]


async def test_stats_are_for_staff_only(harness: ConsoleDriver) -> None:
    # For anyone else a staff command does not exist: nothing tells that it is there.
    lines = await harness.send_text("/stats")
    assert lines == ["Я не знаю команды /stats. Список команд — в /help."]
