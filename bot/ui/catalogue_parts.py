"""Pieces the catalogue views share: dates, prices, quotes, short titles and item buttons."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton

from bot.i18n import Translate
from bot.ui.booking import CARD, BookingCallback
from bot.ui.callbacks import RecommendationCallback
from bot.ui.views import TELEGRAM_MESSAGE_LIMIT

BUTTON_TITLE_LIMIT = 28
QUOTE_LIMIT = 40
ELLIPSIS = "…"


def catalogue_title(t: Translate, russian: str, english: str | None = "") -> str:
    """A catalogue item's title in the user's language: the English title for English users
    when the catalogue has one, else the Russian (Russian users always see the Russian)."""
    if english and getattr(t, "language", "ru") == "en":
        return english
    return russian


def format_price(value: int) -> str:
    # A no-break space between thousands keeps «27 000 ₽» on one line.
    return f"{value:,}".replace(",", "\u00a0")


def shorten(text: str, limit: int = BUTTON_TITLE_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """«…» around the user's words; a long text is cut at a word so a reason stays one line."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + ELLIPSIS
    return f"«{text}»"


def fit_message(text: str, limit: int = TELEGRAM_MESSAGE_LIMIT) -> str:
    """One message at most `limit` characters, cut at a line break when possible."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit - 1)
    if cut <= limit // 2:
        cut = limit - 1
    return text[:cut].rstrip() + ELLIPSIS


def rec_data(action: str, ref: str = "", page: int = 0) -> str:
    return RecommendationCallback(action=action, ref=ref, page=page).pack()


def button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data)


def consult_button(t: Translate, ref: str = "") -> InlineKeyboardButton:
    return button(t("rec-button-consult"), BookingCallback(action=CARD, ref=ref).pack())


def eligibility_text(t: Translate, situations: Sequence[str]) -> str:
    reasons = "; ".join(t(f"rec-eligibility-{key}") for key in situations)
    return t("rec-eligibility", reasons=reasons)
