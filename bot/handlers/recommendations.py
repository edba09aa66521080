"""Placeholder router; the feature is being built.

NOTE for the helper building this module: the lead's onboarding and /start import
`send_recommendations` from here (signature fixed by your brief); keep it."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from bot.i18n import Translate
from bot.services.guide import GuideService


async def send_recommendations(
    message: Message, guide: GuideService, t: Translate, user_id: int, page: int = 0
) -> None:
    """Temporary stand-in until the recommendations feature lands."""


def setup() -> Router:
    return Router(name="recommendations")
