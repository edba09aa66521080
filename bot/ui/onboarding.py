"""Onboarding states and keyboards."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.fsm.state import State, StatesGroup
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translate
from bot.services.profiles import GRADES, INTERESTS, QUIZ_ANSWERS, ROLES, SITUATIONS, RegionChoice
from bot.ui.callbacks import OnboardingCallback
from bot.ui.views import place_name

CHECK = "✓ "


class Onboarding(StatesGroup):
    role = State()
    grade = State()
    situations = State()
    region = State()
    region_search = State()
    interests = State()
    about = State()
    quiz_offer = State()
    quiz = State()


def _button(text: str, action: str, value: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=OnboardingCallback(action=action, value=value).pack()
    )


def _navigation(
    t: Translate, *, back: bool = True, skip: str | None = None
) -> list[InlineKeyboardButton]:
    row = []
    if back:
        row.append(_button(t("nav-back"), "back"))
    if skip is not None:
        row.append(_button(t("nav-skip"), skip))
    return row


def role_keyboard(t: Translate) -> InlineKeyboardMarkup:
    rows = [[_button(t(f"role-{role}"), "role", role)] for role in ROLES]
    rows.append(_navigation(t, back=False, skip="role"))
    return InlineKeyboardMarkup(inline_keyboard=rows)


def grade_keyboard(t: Translate) -> InlineKeyboardMarkup:
    buttons = [_button(t("grade-option", grade=grade), "grade", str(grade)) for grade in GRADES]
    rows = [buttons[:4], buttons[4:], _navigation(t, skip="grade")]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _multi_select(
    t: Translate, keys: Sequence[str], prefix: str, action: str, picked: Sequence[str]
) -> list[list[InlineKeyboardButton]]:
    return [
        [_button((CHECK if key in picked else "") + t(f"{prefix}-{key}"), action, key)]
        for key in keys
    ]


def situations_keyboard(t: Translate, picked: Sequence[str]) -> InlineKeyboardMarkup:
    rows = _multi_select(t, SITUATIONS, "situation", "sit", picked)
    rows.append([_button(t("nav-done"), "sitdone")])
    rows.append(_navigation(t))
    return InlineKeyboardMarkup(inline_keyboard=rows)


def interests_keyboard(t: Translate, picked: Sequence[str]) -> InlineKeyboardMarkup:
    buttons = [
        _button((CHECK if key in picked else "") + t(f"interest-{key}"), "int", key)
        for key in INTERESTS
    ]
    rows = [buttons[index : index + 2] for index in range(0, len(buttons), 2)]
    rows.append([_button(t("nav-done"), "intdone")])
    rows.append(_navigation(t))
    return InlineKeyboardMarkup(inline_keyboard=rows)


def regions_keyboard(
    t: Translate, regions: Sequence[RegionChoice], *, other: bool = True
) -> InlineKeyboardMarkup:
    rows = [
        [_button(place_name(t, region.name, region.name_en), "region", region.id)]
        for region in regions
    ]
    if other:
        rows.append([_button(t("onboarding-region-other"), "regother")])
    rows.append(_navigation(t))
    return InlineKeyboardMarkup(inline_keyboard=rows)


def region_confirm_keyboard(t: Translate, region_id: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(t("onboarding-region-yes"), "region", region_id),
                _button(t("onboarding-region-no"), "regno"),
            ],
            _navigation(t),
        ]
    )


def back_skip_keyboard(t: Translate, skip: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[_navigation(t, skip=skip)])


def quiz_offer_keyboard(t: Translate) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("onboarding-quiz-start"), "quiz")],
            [_button(t("onboarding-quiz-skip"), "quizskip")],
            _navigation(t),
        ]
    )


def quiz_keyboard(t: Translate, number: int) -> InlineKeyboardMarkup:
    # The question number travels with the answer, so a press on an old question is ignored.
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t(f"quiz-{answer}"), "qa", f"{number}-{answer}") for answer in QUIZ_ANSWERS],
            _navigation(t),
        ]
    )
