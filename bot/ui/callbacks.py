"""Callback data factories. Each packs into at most 64 bytes; a forged or stale string
fails to unpack, no handler matches, and the fallback answers "this button is outdated"."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class ConsentCallback(CallbackData, prefix="consent"):
    action: str  # accept | decline | policy


class LanguageCallback(CallbackData, prefix="lang"):
    code: str


# Buttons that cross features live here; each feature keeps its private ones in its ui module.
# Catalogue items travel as short references (bot.services.knowledge_base.short_reference).


class OnboardingCallback(CallbackData, prefix="ob"):
    action: str  # restart | ...
    value: str = ""


class RecommendationCallback(CallbackData, prefix="rec"):
    action: str  # list | page | card | similar | unfit | up | down | programmes
    ref: str = ""
    page: int = 0


class ConsultationCallback(CallbackData, prefix="cons"):
    action: str  # ask | confirm | withdraw | handled | ...
    ref: str = ""  # the catalogue item the request is about, if any
    request: int = 0


class ProfileCallback(CallbackData, prefix="prof"):
    action: str
    value: str = ""
