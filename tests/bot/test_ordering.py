"""Updates of one dialog run one after another; other dialogs don't wait; nothing leaks."""

from __future__ import annotations

import asyncio

from aiogram.fsm.storage.base import StorageKey

from bot.middlewares.ordering import PerDialogIsolation


async def test_one_dialog_in_order_others_in_parallel_and_no_lock_left_behind() -> None:
    isolation = PerDialogIsolation()
    events: list[str] = []
    anna = StorageKey(bot_id=42, chat_id=1, user_id=1)
    petr = StorageKey(bot_id=42, chat_id=2, user_id=2)

    async def update(key: StorageKey, name: str, seconds: float) -> None:
        async with isolation.lock(key):
            events.append(f"{name} start")
            await asyncio.sleep(seconds)
            events.append(f"{name} end")

    await asyncio.gather(
        update(anna, "anna-1", 0.05), update(anna, "anna-2", 0.0), update(petr, "petr", 0.0)
    )

    assert events.index("anna-1 end") < events.index("anna-2 start")
    assert events.index("petr end") < events.index("anna-1 end")  # Пётр did not wait
    assert isolation.active == 0
