"""Onboarding after consent: role, grade or situation, region, interests, own words, quiz.

Every step can be skipped or undone with «Назад»; the state lives in the FSM storage (the
database or Redis), so a user who comes back a week later continues where they stopped."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.handlers.recommendations import send_recommendations
from bot.i18n import Translate
from bot.services.errors import DomainError
from bot.services.profiles import (
    ADULT_ROLES,
    INTERESTS,
    QUIZ_ANSWERS,
    QUIZ_ITEMS,
    SITUATIONS,
    ProfileService,
    top_types,
)
from bot.services.recommendations import RecommendationService
from bot.ui.callbacks import OnboardingCallback
from bot.ui.onboarding import (
    Onboarding,
    back_skip_keyboard,
    grade_keyboard,
    interests_keyboard,
    quiz_keyboard,
    quiz_offer_keyboard,
    region_confirm_keyboard,
    regions_keyboard,
    role_keyboard,
    situations_keyboard,
)
from bot.ui.views import place_name

NOT_A_COMMAND = F.text & ~F.text.startswith("/")
BUTTON_STEPS = (
    Onboarding.role,
    Onboarding.grade,
    Onboarding.situations,
    Onboarding.region,
    Onboarding.interests,
    Onboarding.quiz_offer,
    Onboarding.quiz,
)


ONBOARDING_STEPS = (*BUTTON_STEPS, Onboarding.region_search, Onboarding.about)


def _after_role(role: str | None) -> State:
    if role == "school":
        return Onboarding.grade
    if role in ADULT_ROLES:
        return Onboarding.situations
    return Onboarding.region


def _before(step: str | None, role: str | None) -> State:
    if step in (Onboarding.grade.state, Onboarding.situations.state):
        return Onboarding.role
    if step == Onboarding.region.state:
        previous = _after_role(role)
        return Onboarding.role if previous == Onboarding.region else previous
    if step in (Onboarding.region_search.state, Onboarding.interests.state):
        return Onboarding.region
    if step == Onboarding.about.state:
        return Onboarding.interests
    if step in (Onboarding.quiz_offer.state, Onboarding.quiz.state):
        return Onboarding.about
    return Onboarding.role


async def show_step(
    message: Message,
    step: State,
    state: FSMContext,
    profiles: ProfileService,
    t: Translate,
    user_id: int,
) -> None:
    """Ask the question of `step` and remember that we are there."""
    await state.set_state(step)
    data = await state.get_data()
    user = await profiles.get(user_id)
    if step == Onboarding.role:
        await message.answer(t("onboarding-role"), reply_markup=role_keyboard(t))
    elif step == Onboarding.grade:
        await message.answer(t("onboarding-grade"), reply_markup=grade_keyboard(t))
    elif step == Onboarding.situations:
        picked = data.get("situations", list(user.situations))
        await state.update_data(situations=picked)
        await message.answer(
            t("onboarding-situations"), reply_markup=situations_keyboard(t, picked)
        )
    elif step == Onboarding.region:
        preselected = data.get("link_region")
        region = await profiles.region(preselected)
        if preselected and region:
            await message.answer(
                t("onboarding-region-confirm", region=place_name(t, region.name, region.name_en)),
                reply_markup=region_confirm_keyboard(t, preselected),
            )
        else:
            regions = await profiles.regions_with_centres()
            await message.answer(t("onboarding-region"), reply_markup=regions_keyboard(t, regions))
    elif step == Onboarding.region_search:
        await message.answer(
            t("onboarding-region-type"), reply_markup=back_skip_keyboard(t, "regskip")
        )
    elif step == Onboarding.interests:
        picked = data.get("interests", list(user.interests))
        await state.update_data(interests=picked)
        await message.answer(t("onboarding-interests"), reply_markup=interests_keyboard(t, picked))
    elif step == Onboarding.about:
        await message.answer(t("onboarding-about"), reply_markup=back_skip_keyboard(t, "aboutskip"))
    elif step == Onboarding.quiz_offer:
        await message.answer(t("onboarding-quiz-offer"), reply_markup=quiz_offer_keyboard(t))
    elif step == Onboarding.quiz:
        answers = data.get("answers", [])
        number = len(answers) + 1
        await message.answer(
            t(
                "quiz-question",
                number=number,
                total=len(QUIZ_ITEMS),
                activity=t(f"quiz-item-{number}"),
            ),
            reply_markup=quiz_keyboard(t, number),
        )


async def begin(
    message: Message, state: FSMContext, profiles: ProfileService, t: Translate, user_id: int
) -> None:
    """Start onboarding from the first step (after consent, or on «Начать заново»)."""
    data = await state.get_data()
    await state.set_data({key: data[key] for key in ("language", "link_region") if key in data})
    # A school's or college's QR code already says who the user is.
    role = data.get("link_role")
    if role:
        await profiles.set_role(user_id, role)
        await show_step(message, _after_role(role), state, profiles, t, user_id)
        return
    await show_step(message, Onboarding.role, state, profiles, t, user_id)


async def resume(
    message: Message, state: FSMContext, profiles: ProfileService, t: Translate, user_id: int
) -> bool:
    """Re-ask the pending question; False when no onboarding is in progress."""
    current = await state.get_state()
    for step in ONBOARDING_STEPS:
        if step.state == current:
            await message.answer(t("onboarding-resume"))
            await show_step(message, step, state, profiles, t, user_id)
            return True
    return False


async def _finish(
    message: Message,
    state: FSMContext,
    profiles: ProfileService,
    recommendations: RecommendationService,
    t: Translate,
    user_id: int,
) -> None:
    await profiles.finish(user_id)
    data = await state.get_data()
    await state.set_data({key: data[key] for key in ("language",) if key in data})
    await state.set_state(None)
    await message.answer(t("onboarding-done"))
    await send_recommendations(message, recommendations, t, user_id)


async def _advance(
    query: CallbackQuery, step: State, state: FSMContext, profiles: ProfileService, t: Translate
) -> None:
    """Acknowledge the button and ask the next question under its message."""
    await query.answer()
    if isinstance(query.message, Message):
        await show_step(query.message, step, state, profiles, t, query.from_user.id)


def _summary(t: Translate, profile: tuple[float, ...]) -> str:
    letters = top_types(profile)
    if not letters:
        return t("quiz-result-none")
    return t("quiz-result", summary="; ".join(t(f"riasec-{letter}") for letter in letters))


def setup() -> Router:
    router = Router(name="onboarding")

    @router.callback_query(OnboardingCallback.filter(F.action == "restart"))
    async def restart(
        query: CallbackQuery, state: FSMContext, profiles: ProfileService, t: Translate
    ) -> None:
        await profiles.restart(query.from_user.id)
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.answer(t("onboarding-restarted"))
            await begin(query.message, state, profiles, t, query.from_user.id)

    @router.callback_query(Onboarding.role, OnboardingCallback.filter(F.action == "role"))
    async def chose_role(
        query: CallbackQuery,
        callback_data: OnboardingCallback,
        state: FSMContext,
        profiles: ProfileService,
        t: Translate,
    ) -> None:
        role = callback_data.value or None
        await profiles.set_role(query.from_user.id, role)
        await query.answer()
        if isinstance(query.message, Message):
            await state.update_data(situations=[])
            await show_step(
                query.message, _after_role(role), state, profiles, t, query.from_user.id
            )

    @router.callback_query(Onboarding.grade, OnboardingCallback.filter(F.action == "grade"))
    async def chose_grade(
        query: CallbackQuery,
        callback_data: OnboardingCallback,
        state: FSMContext,
        profiles: ProfileService,
        t: Translate,
    ) -> None:
        # isdigit() accepts "²" and other digits int() refuses; only ASCII digits are ours.
        value = callback_data.value
        if value and not (value.isascii() and value.isdigit() and len(value) <= 2):
            raise DomainError("button-outdated")
        grade = int(value) if value else None
        await profiles.set_grade(query.from_user.id, grade)
        await _advance(query, Onboarding.region, state, profiles, t)

    @router.callback_query(
        Onboarding.situations,
        OnboardingCallback.filter((F.action == "sit") & F.value.in_(SITUATIONS)),
    )
    async def toggle_situation(
        query: CallbackQuery, callback_data: OnboardingCallback, state: FSMContext, t: Translate
    ) -> None:
        await _toggle(query, state, "situations", callback_data.value, situations_keyboard, t)

    @router.callback_query(Onboarding.situations, OnboardingCallback.filter(F.action == "sitdone"))
    async def situations_done(
        query: CallbackQuery, state: FSMContext, profiles: ProfileService, t: Translate
    ) -> None:
        picked = (await state.get_data()).get("situations", [])
        await profiles.set_situations(query.from_user.id, picked)
        await _advance(query, Onboarding.region, state, profiles, t)

    @router.callback_query(
        StateFilter(Onboarding.region, Onboarding.region_search),
        OnboardingCallback.filter(F.action == "region"),
    )
    async def chose_region(
        query: CallbackQuery,
        callback_data: OnboardingCallback,
        state: FSMContext,
        profiles: ProfileService,
        t: Translate,
    ) -> None:
        region = await profiles.set_region(query.from_user.id, callback_data.value)
        await query.answer()
        if isinstance(query.message, Message):
            name = place_name(t, region.name, region.name_en)
            await query.message.answer(t("onboarding-region-set", region=name))
            await show_step(
                query.message, Onboarding.interests, state, profiles, t, query.from_user.id
            )

    @router.callback_query(
        Onboarding.region, OnboardingCallback.filter(F.action.in_({"regother", "regno"}))
    )
    async def other_region(
        query: CallbackQuery, state: FSMContext, profiles: ProfileService, t: Translate
    ) -> None:
        await state.update_data(link_region=None)
        await _advance(query, Onboarding.region_search, state, profiles, t)

    @router.message(StateFilter(Onboarding.region, Onboarding.region_search), NOT_A_COMMAND)
    async def typed_region(
        message: Message, state: FSMContext, profiles: ProfileService, t: Translate
    ) -> None:
        text = (message.text or "").strip()
        found = await profiles.find_regions(text)
        if not found:
            await message.answer(
                t("onboarding-region-not-found", text=text[:60]),
                reply_markup=back_skip_keyboard(t, "regskip"),
            )
            await state.set_state(Onboarding.region_search)
            return
        await state.set_state(Onboarding.region_search)
        await message.answer(
            t("onboarding-region-found"), reply_markup=regions_keyboard(t, found, other=False)
        )

    @router.callback_query(
        Onboarding.region_search, OnboardingCallback.filter(F.action == "regskip")
    )
    async def skip_region(
        query: CallbackQuery, state: FSMContext, profiles: ProfileService, t: Translate
    ) -> None:
        await _advance(query, Onboarding.interests, state, profiles, t)

    @router.callback_query(
        Onboarding.interests,
        OnboardingCallback.filter((F.action == "int") & F.value.in_(INTERESTS)),
    )
    async def toggle_interest(
        query: CallbackQuery, callback_data: OnboardingCallback, state: FSMContext, t: Translate
    ) -> None:
        await _toggle(query, state, "interests", callback_data.value, interests_keyboard, t)

    @router.callback_query(Onboarding.interests, OnboardingCallback.filter(F.action == "intdone"))
    async def interests_done(
        query: CallbackQuery, state: FSMContext, profiles: ProfileService, t: Translate
    ) -> None:
        await profiles.set_interests(
            query.from_user.id, (await state.get_data()).get("interests", [])
        )
        await _advance(query, Onboarding.about, state, profiles, t)

    @router.message(Onboarding.about, NOT_A_COMMAND)
    async def wrote_about(
        message: Message, state: FSMContext, profiles: ProfileService, t: Translate
    ) -> None:
        assert message.from_user is not None
        shortened = await profiles.set_about(message.from_user.id, message.text)
        if shortened:
            await message.answer(t("onboarding-about-short", limit=1000))
        await show_step(message, Onboarding.quiz_offer, state, profiles, t, message.from_user.id)

    @router.callback_query(Onboarding.about, OnboardingCallback.filter(F.action == "aboutskip"))
    async def skip_about(
        query: CallbackQuery, state: FSMContext, profiles: ProfileService, t: Translate
    ) -> None:
        await _advance(query, Onboarding.quiz_offer, state, profiles, t)

    @router.callback_query(Onboarding.quiz_offer, OnboardingCallback.filter(F.action == "quiz"))
    async def start_quiz(
        query: CallbackQuery, state: FSMContext, profiles: ProfileService, t: Translate
    ) -> None:
        await state.update_data(answers=[])
        await _advance(query, Onboarding.quiz, state, profiles, t)

    @router.callback_query(Onboarding.quiz_offer, OnboardingCallback.filter(F.action == "quizskip"))
    async def skip_quiz(
        query: CallbackQuery,
        state: FSMContext,
        profiles: ProfileService,
        recommendations: RecommendationService,
        t: Translate,
    ) -> None:
        await query.answer()
        if isinstance(query.message, Message):
            await _finish(query.message, state, profiles, recommendations, t, query.from_user.id)

    @router.callback_query(Onboarding.quiz, OnboardingCallback.filter(F.action == "qa"))
    async def quiz_answer(
        query: CallbackQuery,
        callback_data: OnboardingCallback,
        state: FSMContext,
        profiles: ProfileService,
        recommendations: RecommendationService,
        t: Translate,
    ) -> None:
        answers: list[int] = (await state.get_data()).get("answers", [])
        number, _, answer = callback_data.value.partition("-")
        # A press on an older question (a double tap, an old message) changes nothing.
        if number != str(len(answers) + 1) or answer not in QUIZ_ANSWERS:
            await query.answer()
            return
        answers = [*answers, QUIZ_ANSWERS[answer]]
        await state.update_data(answers=answers)
        await query.answer()
        if not isinstance(query.message, Message):
            return
        if len(answers) < len(QUIZ_ITEMS):
            await show_step(query.message, Onboarding.quiz, state, profiles, t, query.from_user.id)
            return
        profile = await profiles.save_quiz(query.from_user.id, answers)
        await query.message.answer(_summary(t, profile))
        await _finish(query.message, state, profiles, recommendations, t, query.from_user.id)

    @router.callback_query(
        StateFilter(*ONBOARDING_STEPS), OnboardingCallback.filter(F.action == "back")
    )
    async def back(
        query: CallbackQuery, state: FSMContext, profiles: ProfileService, t: Translate
    ) -> None:
        current = await state.get_state()
        user = await profiles.get(query.from_user.id)
        await query.answer()
        if not isinstance(query.message, Message):
            return
        if current == Onboarding.quiz.state:
            answers = (await state.get_data()).get("answers", [])
            if answers:
                await state.update_data(answers=answers[:-1])
                await show_step(
                    query.message, Onboarding.quiz, state, profiles, t, query.from_user.id
                )
                return
        await show_step(
            query.message, _before(current, user.role), state, profiles, t, query.from_user.id
        )

    @router.message(StateFilter(*BUTTON_STEPS), ~F.text.startswith("/"))
    async def expected_a_button(
        message: Message, state: FSMContext, profiles: ProfileService, t: Translate
    ) -> None:
        assert message.from_user is not None
        current = await state.get_state()
        await message.answer(t("onboarding-use-buttons"))
        for step in BUTTON_STEPS:
            if step.state == current:
                await show_step(message, step, state, profiles, t, message.from_user.id)

    return router


async def _toggle(
    query: CallbackQuery,
    state: FSMContext,
    field: str,
    key: str,
    keyboard: Callable[[Translate, Sequence[str]], InlineKeyboardMarkup],
    t: Translate,
) -> None:
    """Tick or untick one option of a multi-select and redraw its ticks in place."""
    picked: list[str] = (await state.get_data()).get(field, [])
    picked = [item for item in picked if item != key] if key in picked else [*picked, key]
    await state.update_data({field: picked})
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=keyboard(t, picked))
