"""Onboarding at the Telegram edge: its dialog states and data, the view of each step, and
the keyboards. Which step comes when is bot.services.onboarding's."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

from aiogram.fsm.state import State, StatesGroup
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translate
from bot.services.onboarding import Draft, Screen, Step
from bot.services.profiles import (
    GRADES,
    INTERESTS,
    QUIZ_ANSWERS,
    QUIZ_ITEMS,
    ROLES,
    SITUATIONS,
    RegionChoice,
    top_types,
)
from bot.ui.callbacks import OnboardingCallback, RecommendationCallback
from bot.ui.views import place_name

CHECK = "✓ "


class Onboarding(StatesGroup):
    # The names are stored in the dialog storage ("Onboarding:role"): renaming one strands
    # the users who stopped at that step.
    role = State()
    grade = State()
    situations = State()
    region = State()
    region_search = State()
    interests = State()
    about = State()
    quiz_offer = State()
    quiz = State()


STATES: Mapping[Step, State] = {
    Step.ROLE: Onboarding.role,
    Step.GRADE: Onboarding.grade,
    Step.SITUATIONS: Onboarding.situations,
    Step.REGION: Onboarding.region,
    Step.REGION_SEARCH: Onboarding.region_search,
    Step.INTERESTS: Onboarding.interests,
    Step.ABOUT: Onboarding.about,
    Step.QUIZ_OFFER: Onboarding.quiz_offer,
    Step.QUIZ: Onboarding.quiz,
}
_STEPS = {state.state: step for step, state in STATES.items()}


def states(steps: Sequence[Step]) -> tuple[State, ...]:
    return tuple(STATES[step] for step in steps)


def step_of(state: str | None) -> Step | None:
    """The onboarding step a dialog state stands for; None for any other state."""
    return _STEPS.get(state) if state is not None else None


# -- the dialog data: answers in progress, kept until their step is done ---------------------

SITUATIONS_KEY = "situations"
INTERESTS_KEY = "interests"
ANSWERS_KEY = "answers"  # the quiz answers so far, as numbers
LINK_REGION_KEY = "link_region"  # what a QR code suggested, written by /start
LINK_ROLE_KEY = "link_role"
LINK_CENTRE_KEY = "link_centre"
# Kept whatever happens: a language chosen before consent lives only here.
LANGUAGE_KEY = "language"
# The one answer being changed from /profile («Изменить ответы»); absent during onboarding.
EDIT_KEY = "editing"


def draft_of(data: Mapping[str, Any]) -> Draft:
    situations = data.get(SITUATIONS_KEY)
    interests = data.get(INTERESTS_KEY)
    return Draft(
        situations=None if situations is None else tuple(situations),
        interests=None if interests is None else tuple(interests),
        quiz_answers=tuple(data.get(ANSWERS_KEY, ())),
        link_region=data.get(LINK_REGION_KEY),
    )


def draft_seed(screen: Screen) -> dict[str, Any]:
    """What a shown step starts its draft from: a multi-select's ticks, so that the taps that
    follow change what the user sees."""
    if screen.step is Step.SITUATIONS:
        return {SITUATIONS_KEY: list(screen.picked)}
    if screen.step is Step.INTERESTS:
        return {INTERESTS_KEY: list(screen.picked)}
    return {}


def data_to_begin(data: Mapping[str, Any]) -> dict[str, Any]:
    """The dialog data onboarding starts over with: the language and the QR code's region."""
    return {key: data[key] for key in (LANGUAGE_KEY, LINK_REGION_KEY) if key in data}


def data_when_done(data: Mapping[str, Any]) -> dict[str, Any]:
    return {key: data[key] for key in (LANGUAGE_KEY,) if key in data}


def data_to_edit(step: Step) -> dict[str, Any]:
    """Dialog data to change one answer with: drafts start from what is stored, the quiz
    from its first question, and the region from the full list (not a QR code's)."""
    return {
        EDIT_KEY: step.value,
        SITUATIONS_KEY: None,
        INTERESTS_KEY: None,
        ANSWERS_KEY: [],
        LINK_REGION_KEY: None,
    }


def data_when_edited(data: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in _EDIT_KEYS}


_EDIT_KEYS = frozenset({EDIT_KEY, SITUATIONS_KEY, INTERESTS_KEY, ANSWERS_KEY, LINK_REGION_KEY})


# -- the view of each step -------------------------------------------------------------------


class StepView(NamedTuple):
    text: str
    markup: InlineKeyboardMarkup


def step_view(t: Translate, screen: Screen) -> StepView:
    """The question of a step with its keyboard."""
    return _VIEWS[screen.step](t, screen)


def _role_view(t: Translate, screen: Screen) -> StepView:
    return StepView(t("onboarding-role"), role_keyboard(t))


def _grade_view(t: Translate, screen: Screen) -> StepView:
    return StepView(t("onboarding-grade"), grade_keyboard(t))


def _situations_view(t: Translate, screen: Screen) -> StepView:
    return StepView(t("onboarding-situations"), situations_keyboard(t, screen.picked))


def _region_view(t: Translate, screen: Screen) -> StepView:
    if screen.region is not None:
        name = place_name(t, screen.region.name, screen.region.name_en)
        return StepView(
            t("onboarding-region-confirm", region=name),
            region_confirm_keyboard(t, screen.region.id),
        )
    return StepView(t("onboarding-region"), regions_keyboard(t, screen.regions))


def _region_search_view(t: Translate, screen: Screen) -> StepView:
    return StepView(t("onboarding-region-type"), back_skip_keyboard(t, "regskip"))


def _interests_view(t: Translate, screen: Screen) -> StepView:
    return StepView(t("onboarding-interests"), interests_keyboard(t, screen.picked))


def _about_view(t: Translate, screen: Screen) -> StepView:
    return StepView(t("onboarding-about"), back_skip_keyboard(t, "aboutskip"))


def _quiz_offer_view(t: Translate, screen: Screen) -> StepView:
    return StepView(t("onboarding-quiz-offer"), quiz_offer_keyboard(t))


def _quiz_view(t: Translate, screen: Screen) -> StepView:
    number = screen.question
    text = t(
        "quiz-question",
        number=number,
        total=len(QUIZ_ITEMS),
        activity=t(f"quiz-item-{number}"),
    )
    return StepView(text, quiz_keyboard(t, number))


_VIEWS: Mapping[Step, Callable[[Translate, Screen], StepView]] = {
    Step.ROLE: _role_view,
    Step.GRADE: _grade_view,
    Step.SITUATIONS: _situations_view,
    Step.REGION: _region_view,
    Step.REGION_SEARCH: _region_search_view,
    Step.INTERESTS: _interests_view,
    Step.ABOUT: _about_view,
    Step.QUIZ_OFFER: _quiz_offer_view,
    Step.QUIZ: _quiz_view,
}


def use_buttons_text(t: Translate, markup: InlineKeyboardMarkup) -> str:
    """The reminder to answer with a button; it suggests «Пропустить» only when it is shown."""
    skip = t("nav-skip")
    shown = any(button.text == skip for row in markup.inline_keyboard for button in row)
    return t("onboarding-use-buttons" if shown else "onboarding-use-buttons-only")


def _label_key(label: str) -> str:
    """A button's label as typed: no tick or arrow, any case, ё as е, single spaces."""
    bare = label.removeprefix(CHECK).strip().strip("«»\"'.!").casefold().replace("ё", "е")
    return " ".join(bare.split())


def typed_button(markup: InlineKeyboardMarkup, text: str | None) -> OnboardingCallback | None:
    """The onboarding button whose label the user typed instead of pressing it, if any."""
    key = _label_key(text or "")
    if not key:
        return None
    for row in markup.inline_keyboard:
        for button in row:
            if button.callback_data and _label_key(button.text) == key:
                return OnboardingCallback.unpack(button.callback_data)
    return None


def region_found_text(t: Translate, count: int) -> str:
    """The line above the regions a typed name found: one of them is not «several»."""
    return t("onboarding-region-found-one" if count == 1 else "onboarding-region-found")


def quiz_result_text(t: Translate, profile: Sequence[float]) -> str:
    letters = top_types(profile)
    if not letters:
        return t("quiz-result-none")
    return t("quiz-result", summary="; ".join(t(f"riasec-{letter}") for letter in letters))


# -- keyboards -------------------------------------------------------------------------------


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


# -- changing one answer -----------------------------------------------------------------

EDIT_LABELS: Mapping[Step, str] = MappingProxyType(
    {
        Step.ROLE: "edit-role",
        Step.GRADE: "edit-grade",
        Step.SITUATIONS: "edit-situations",
        Step.REGION: "edit-region",
        Step.INTERESTS: "edit-interests",
        Step.ABOUT: "edit-about",
        Step.QUIZ: "edit-quiz",
    }
)


def edit_keyboard(t: Translate, steps: Sequence[Step]) -> InlineKeyboardMarkup:
    """Which answer to change; starting over is the last choice, as it forgets them all."""
    rows = [
        [InlineKeyboardButton(text=t(EDIT_LABELS[step]), callback_data=_edit(step.value))]
        for step in steps
    ]
    rows.append(
        [
            InlineKeyboardButton(
                text=t("edit-start-over"),
                callback_data=OnboardingCallback(action="restart").pack(),
            )
        ]
    )
    return InlineKeyboardMarkup(inline_keyboard=rows)


def edited_keyboard(t: Translate) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=t("edit-more"), callback_data=_edit(""))],
            [
                InlineKeyboardButton(
                    text=t("edit-show-suggestions"),
                    callback_data=RecommendationCallback(action="list").pack(),
                )
            ],
        ]
    )


def _edit(value: str) -> str:
    return OnboardingCallback(action="edit", value=value).pack()
