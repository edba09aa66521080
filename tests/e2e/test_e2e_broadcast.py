"""A staff broadcast end to end over HTTP: an admin composes it with /broadcast, previews and
confirms it in the bot; 200 people agreed to mailings, 20 of them have blocked the bot (the
emulator answers 403 «bot was blocked by the user»), and the emulator allows 30 messages a
second for the whole bot, answering real 429s with retry_after past that; mid-broadcast, a
flood wait refuses every send for two seconds. Everyone else gets the message exactly once;
the blocked are marked and never tried again.

Long polling: the bot's own scheduler sends it, on SQLite. Webhook: `careerbot worker` sends
it (SCHEDULER__IN_PROCESS=false in the bot), on PostgreSQL, which both processes share.

The 200 people are written to the database directly (accepted policy and mailing consent,
as /start and the consent buttons leave them): driving 400 updates through the emulator
would test onboarding again, not the broadcast, and take far longer."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tests.e2e.conftest import make_stack
from tests.e2e.harness import ADMIN, Emulator, text_of, until
from tests.e2e.standin import delivery_statuses, seed_users

TEXT = "Открыта запись на профпробы зимних каникул: 24 профессии, бесплатно"
PEOPLE = list(range(800_001, 800_201))
BLOCKED = PEOPLE[::10]  # 20 people


@pytest.fixture
def database(request: pytest.FixtureRequest, mode: str, sqlite_url: str) -> str:
    return str(request.getfixturevalue("pg_url")) if mode == "webhook" else sqlite_url


@pytest.mark.e2e
async def test_a_broadcast_reaches_everyone_once_under_the_rate_and_skips_the_blocked(
    emulator: Emulator, tmp_path: Path, mode: str, database: str
) -> None:
    stack = make_stack(emulator, tmp_path, mode, database)
    pace = {"BROADCAST__RATE_PER_SECOND": "30"}  # Telegram's limit: 429s may come, and do
    if mode == "webhook":
        bot = stack.bot(SCHEDULER__IN_PROCESS="false", **pace)
        worker = stack.worker(**pace)
    else:
        bot = stack.bot(**pace)
        worker = None
    await seed_users(database, PEOPLE)
    await emulator.block(stack.token, BLOCKED)
    await emulator.rate(stack.token, 30)
    try:
        both = [bot] if worker is None else [bot, worker]
        for process in both:
            await stack.launch(process)
        for process in both:
            await stack.ready(process)
        admin = stack.user(ADMIN, "Мария")
        await admin.send("/broadcast")
        await admin.wait_for("Пришлите сообщение для рассылки")
        await admin.send(TEXT)
        await admin.wait_for("Добавить под сообщением кнопку?")
        await admin.press("Без кнопки")
        await admin.wait_for("Кому отправить?")
        await admin.press("Посмотреть сообщение")
        await admin.wait_for(f"Получателей: {len(PEOPLE)}")
        await admin.press(f"Отправить ({len(PEOPLE)})")
        started = await admin.wait_for("запущена")
        number = re.search(r"Рассылка № (\d+)", text_of(started))
        assert number is not None, started
        broadcast_id = int(number.group(1))
        # Mid-broadcast, a flood wait: every send is refused with 429 for two seconds.
        assert await until(lambda: _delivered(emulator, stack.token, 30), 120)
        flood_from = await emulator.seq(stack.token)
        at_flood = len(await _delivered(emulator, stack.token, 0))
        await emulator.flood(stack.token, 2)
        await admin.wait_for(f"Рассылка № {broadcast_id} отправлена", seconds=180)
        statuses = await delivery_statuses(database, broadcast_id)
    finally:
        await stack.close()

    log = await emulator.log(stack.token)
    sends = [  # the admin's preview is not a delivery
        e
        for e in log
        if e["method"] == "sendMessage"
        and e["payload"].get("text") == TEXT
        and e["chat_id"] != ADMIN
    ]
    delivered = Counter(e["chat_id"] for e in sends if e["status"] == 200)
    refused = Counter(e["chat_id"] for e in sends if e["status"] == 403)
    too_many = [e for e in log if e["status"] == 429]
    everyone_else = set(PEOPLE) - set(BLOCKED)
    assert set(delivered) == everyone_else, stack.tails()
    assert set(delivered.values()) == {1}, {c: n for c, n in delivered.items() if n > 1}
    assert set(refused) == set(BLOCKED)
    assert set(refused.values()) == {1}  # a 403 is final: never tried again
    assert Counter(statuses.values()) == {"sent": 180, "blocked": 20}, statuses
    flooded = [e for e in log if e["seq"] > flood_from and e["status"] == 429]
    if at_flood < len(everyone_else):  # the flood came while the broadcast was going
        assert flooded, "no send was refused during the flood wait"
        # The bot waits out retry_after, all its lanes together, instead of hammering.
        assert len(flooded) <= 12, [(e["method"], e["at"]) for e in flooded]
    for process in stack.processes:
        assert "Traceback" not in process.text(), process.tail(200)
    print(
        f"\n{mode}: {len(delivered)} delivered once, {len(refused)} blocked, "
        f"{len(too_many)} 429s ({len(flooded)} in the flood wait, {at_flood} sent before it)"
    )


async def _delivered(emulator: Emulator, token: str, at_least: int) -> dict[int, int]:
    """How many times each person accepted the broadcast so far; empty below `at_least`."""
    counts = Counter(
        e["chat_id"]
        for e in await emulator.log(token)
        if e["method"] == "sendMessage"
        and e["status"] == 200
        and e["chat_id"] != ADMIN
        and e["payload"].get("text") == TEXT
    )
    return dict(counts) if sum(counts.values()) >= at_least else {}
