"""The privacy policy shipped with the bot (a centre replaces it with its own)."""

from __future__ import annotations

from pathlib import Path

_DIR = Path(__file__).parent


def policy_text(language: str) -> str:
    path = _DIR / f"privacy_policy_{language}.md"
    if not path.exists():
        path = _DIR / "privacy_policy_ru.md"
    return path.read_text(encoding="utf-8")
