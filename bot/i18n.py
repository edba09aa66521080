"""Fluent locales: every user-facing text lives in bot/locales/<lang>/*.ftl."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource

LOCALES_DIR = Path(__file__).parent / "locales"
SUPPORTED_LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "ru"

Translate = Callable[..., str]


def pick_language(telegram_code: str | None, stored: str | None = None) -> str:
    """The stored choice wins; otherwise the Telegram client's language; otherwise Russian."""
    if stored in SUPPORTED_LANGUAGES:
        return stored
    if telegram_code:
        short = telegram_code.split("-")[0].lower()
        if short in SUPPORTED_LANGUAGES:
            return short
    return DEFAULT_LANGUAGE


@cache
def _bundle(language: str) -> FluentBundle:
    # use_isolating=False: Telegram shows the Unicode isolation marks as garbage in some clients.
    bundle = FluentBundle([language], use_isolating=False)
    for path in sorted((LOCALES_DIR / language).glob("*.ftl")):
        bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))
    return bundle


class Translator:
    def __init__(self, language: str) -> None:
        self.language = language if language in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE
        self._bundle = _bundle(self.language)

    def __call__(self, key: str, **args: Any) -> str:
        message = self._bundle.get_message(key) if self._bundle.has_message(key) else None
        if message is None or message.value is None:
            # A missing key is a bug the locale test catches; show the key rather than nothing.
            return key
        text, _errors = self._bundle.format_pattern(message.value, args)
        return str(text)

    def has(self, key: str) -> bool:
        return self._bundle.has_message(key)


@cache
def translator(language: str) -> Translator:
    return Translator(language)


def format_date(value: date, t: Translate) -> str:
    """A date as the user's language writes it (the pattern lives in the locale files)."""
    return value.strftime(t("format-date"))


def format_datetime(value: datetime, t: Translate) -> str:
    return value.strftime(t("format-datetime"))
