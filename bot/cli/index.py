"""`careerbot index …` commands; they live beside `match` in bot.cli.match."""

from __future__ import annotations

from bot.cli.match import index_group

__all__ = ["index_group"]
