"""The bot process is killed with SIGKILL in the middle of a dialog and started again; the
dialog goes on where it was. The user even taps while the bot is down: the emulator keeps the
update (long polling: unconfirmed; webhook: retried until the bot answers), as Telegram does.

The dialog state lives in the database (SQLite for long polling, PostgreSQL for the webhook)
or, with REDIS_URL, in Redis (a database of the end-to-end tests; the keys carry the bot id)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import make_stack
from tests.e2e.harness import Emulator, User, text_of, until

# Each mode, and each kind of dialog state; Redis in polling mode is the same storage as in
# webhook mode, left out to keep the suite short.
CASES = [
    ("polling", "sqlite"),
    ("webhook", "postgres"),
    ("webhook", "redis"),
]


@pytest.fixture(params=CASES, ids=[f"{mode}-{state}" for mode, state in CASES])
def case(request: pytest.FixtureRequest, sqlite_url: str) -> tuple[str, str, str | None]:
    """The mode, the database and the Redis of one case."""
    mode, state = request.param
    database = request.getfixturevalue("pg_url") if state == "postgres" else sqlite_url
    redis = request.getfixturevalue("e2e_redis") if state == "redis" else None
    return mode, database, redis


@pytest.mark.e2e
async def test_a_dialog_survives_a_sigkill_of_the_bot(
    emulator: Emulator, tmp_path: Path, case: tuple[str, str, str | None]
) -> None:
    mode, database, redis = case
    stack = make_stack(emulator, tmp_path, mode, database, redis)
    bot = stack.bot()
    try:
        await stack.launch(bot)
        await stack.ready(bot)
        pupil = stack.user(7_001, "Маша")
        await pupil.send("/start")
        await pupil.press("Согласен")
        await pupil.press("Школьник")
        await pupil.press("9 класс")
        await pupil.press("Тверская")
        await pupil.wait_for("Что вам интересно?")
        await pupil.press("Техника и механизмы")
        assert await until(lambda: pupil.find_button("✓ Техника"), 60)

        await bot.kill()
        # A tap while the bot is down: Telegram (here the emulator) holds the update.
        await pupil.press("Строительство")
        await stack.launch(bot)
        await stack.ready(bot)

        both = await until(lambda: _ticked(pupil, "✓ Техника", "✓ Строительство"), 60)
        assert both, await pupil.transcript()
        await pupil.press("Готово")
        await pupil.wait_for("своими словами")
        await pupil.press("Пропустить")
        await pupil.wait_for("тест интересов")
        await pupil.press("Пропустить, показать")
        suggestions = await pupil.wait_for("Вот профессии")
        assert "Почему" in text_of(suggestions)
    finally:
        await stack.close()
    assert bot.starts == 2
    output = bot.text()
    assert "Traceback" not in output, bot.tail(200)
    assert not [
        m
        for m in await emulator.messages(stack.token, 7_001)
        if "что-то пошло не так" in text_of(m)
    ]


async def _ticked(pupil: User, *labels: str) -> bool:
    return all([await pupil.find_button(label) for label in labels])
