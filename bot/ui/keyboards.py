from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import SUPPORTED_LANGUAGES, Translate
from bot.ui.callbacks import ConsentCallback, LanguageCallback

LANGUAGE_NAMES = {"ru": "Русский", "en": "English"}


def consent_keyboard(t: Translate) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t("consent-accept"), callback_data=ConsentCallback(action="accept").pack()
                ),
                InlineKeyboardButton(
                    text=t("consent-decline"),
                    callback_data=ConsentCallback(action="decline").pack(),
                ),
            ],
            [
                InlineKeyboardButton(
                    text=t("consent-read-policy"),
                    callback_data=ConsentCallback(action="policy").pack(),
                )
            ],
        ]
    )


def language_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=LANGUAGE_NAMES[code], callback_data=LanguageCallback(code=code).pack()
                )
                for code in SUPPORTED_LANGUAGES
            ]
        ]
    )
