"""The dialogs of the README, recorded with `careerbot chat --record`, replayed line by line:
the four personas, and a schoolchild's way from /events to a reminder arriving (the
console's clock moved forward with `:advance`).

To re-record after a deliberate change of texts or catalogue, run `make transcripts` and
read the diff before committing it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from bot.config import Settings
from bot.console.chat import make_console, replay
from tests.conftest import SharedKnowledge

TRANSCRIPTS = Path(__file__).resolve().parents[1] / "transcripts"
FROZEN_TIME = datetime.fromisoformat("2026-11-23T10:00:00+03:00")
STAFF_CHAT_ID = -100500
PERSONAS = ("1-schoolchild", "2-plant-closure", "3-pensioner", "4-disability")
EVENTS_REMINDER = "5-events-reminder"


@pytest.mark.parametrize("name", sorted(path.stem for path in TRANSCRIPTS.glob("*.txt")), ids=str)
async def test_transcript_replays_exactly(settings: Settings, name: str) -> None:
    recorded = (TRANSCRIPTS / f"{name}.txt").read_text(encoding="utf-8")
    console = make_console(
        settings, user_id=1, language="ru", clock=lambda: FROZEN_TIME, knowledge=SharedKnowledge()
    )
    try:
        replayed = await replay(console, recorded)
    finally:
        await console.close()

    assert replayed == recorded
    if name in PERSONAS:
        # Every persona ends with a consultation request that reached the staff chat.
        assert f"[чат {STAFF_CHAT_ID}]" in recorded


def test_a_reminder_arrives_in_the_events_transcript() -> None:
    recorded = (TRANSCRIPTS / f"{EVENTS_REMINDER}.txt").read_text(encoding="utf-8")
    assert "Вы: [Напомнить]" in recorded
    assert "Бот: Напоминаю: через 3 дня начинается «День открытых дверей" in recorded
    assert recorded.count("Бот: Напоминаю:") == 2  # three days and one day before, once each


def test_every_transcript_is_recorded() -> None:
    assert {path.stem for path in TRANSCRIPTS.glob("*.txt")} >= {*PERSONAS, EVENTS_REMINDER}
