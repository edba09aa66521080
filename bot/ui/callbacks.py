"""Callback data factories. Each packs into at most 64 bytes; a forged or stale string
fails to unpack, no handler matches, and the fallback answers "this button is outdated"."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class ConsentCallback(CallbackData, prefix="consent"):
    action: str  # accept | decline | policy


class LanguageCallback(CallbackData, prefix="lang"):
    code: str
