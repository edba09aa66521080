"""The four dialogs of the README, recorded with `careerbot chat --record`, replayed line by line.

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
    # Every persona ends with a consultation request that reached the staff chat.
    assert f"[чат {STAFF_CHAT_ID}]" in recorded


def test_all_four_personas_are_recorded() -> None:
    assert {path.stem for path in TRANSCRIPTS.glob("*.txt")} >= {
        "1-schoolchild",
        "2-plant-closure",
        "3-pensioner",
        "4-disability",
    }
