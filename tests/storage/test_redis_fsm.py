"""FSM state in Redis survives a new dispatcher (a bot restart)."""

from __future__ import annotations

from aiogram.fsm.storage.base import DefaultKeyBuilder, StorageKey
from aiogram.fsm.storage.redis import RedisStorage


async def test_state_survives_a_new_storage_instance(redis_url: str) -> None:
    key = StorageKey(bot_id=42, chat_id=111, user_id=111)
    first = RedisStorage.from_url(redis_url, key_builder=DefaultKeyBuilder(with_destiny=True))
    await first.set_state(key, "Onboarding:region")
    await first.set_data(key, {"role": "school"})
    await first.close()

    second = RedisStorage.from_url(redis_url, key_builder=DefaultKeyBuilder(with_destiny=True))
    try:
        assert await second.get_state(key) == "Onboarding:region"
        assert await second.get_data(key) == {"role": "school"}
    finally:
        await second.close()
