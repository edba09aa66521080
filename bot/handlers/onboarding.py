"""Onboarding after consent: role, grade or situation, region, interests, own words, quiz.

Every step can be skipped or undone with «Назад»; the state lives in the FSM storage (the
database or Redis), so a user who comes back a week later continues where they stopped.
Which step follows which is bot.services.onboarding's table; these handlers store the
answer, ask that service where to go, and show the step's view."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from types import MappingProxyType

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.filters.callback_data import CallbackQueryFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.i18n import Translate
from bot.services.errors import DomainError
from bot.services.onboarding import (
    BUTTON_STEPS,
    Finish,
    OnboardingService,
    Step,
    edit_goes_on,
    next_step,
    skipped_to,
)
from bot.services.profiles import INTERESTS, QUIZ_ANSWERS, QUIZ_ITEMS, SITUATIONS, ProfileService
from bot.services.recommendations import RecommendationService
from bot.ui.callbacks import OnboardingCallback
from bot.ui.onboarding import (
    ANSWERS_KEY,
    EDIT_KEY,
    INTERESTS_KEY,
    LINK_REGION_KEY,
    LINK_ROLE_KEY,
    SITUATIONS_KEY,
    STATES,
    StepView,
    back_skip_keyboard,
    data_to_begin,
    data_to_edit,
    data_when_done,
    data_when_edited,
    draft_of,
    draft_seed,
    edit_keyboard,
    edited_keyboard,
    interests_keyboard,
    quiz_result_text,
    region_found_text,
    regions_keyboard,
    situations_keyboard,
    states,
    step_of,
    step_view,
    typed_button,
    use_buttons_text,
)
from bot.ui.profile import summary_lines
from bot.ui.recommendations import list_keyboard, list_text
from bot.ui.views import place_name

NOT_A_COMMAND = F.text & ~F.text.startswith("/")
ALL_STEPS = states(tuple(Step))


async def _enter(
    step: Step, state: FSMContext, onboarding: OnboardingService, t: Translate, user_id: int
) -> StepView:
    """Remember that we are at `step` and draw its question."""
    await state.set_state(STATES[step])
    screen = await onboarding.screen(user_id, step, draft_of(await state.get_data()))
    await state.update_data(draft_seed(screen))
    return step_view(t, screen)


async def _ask(
    message: Message,
    step: Step,
    state: FSMContext,
    onboarding: OnboardingService,
    t: Translate,
    user_id: int,
) -> None:
    """Ask the question of `step` and remember that we are there."""
    view = await _enter(step, state, onboarding, t, user_id)
    await message.answer(view.text, reply_markup=view.markup)


async def _finish(
    message: Message,
    state: FSMContext,
    profiles: ProfileService,
    recommendations: RecommendationService,
    t: Translate,
    user_id: int,
) -> None:
    await profiles.finish(user_id)
    await state.set_data(data_when_done(await state.get_data()))
    await state.set_state(None)
    await message.answer(t("onboarding-done"))
    page = await recommendations.recommend(user_id)
    await message.answer(list_text(t, page), reply_markup=list_keyboard(t, page))


async def _go(
    message: Message,
    target: Step | Finish,
    state: FSMContext,
    onboarding: OnboardingService,
    profiles: ProfileService,
    recommendations: RecommendationService,
    t: Translate,
    user_id: int,
) -> None:
    if (await state.get_data()).get(EDIT_KEY) and not edit_goes_on(target):
        await _edited(message, state, profiles, t, user_id)
    elif isinstance(target, Finish):
        await _finish(message, state, profiles, recommendations, t, user_id)
    else:
        await _ask(message, target, state, onboarding, t, user_id)


async def _advance(
    query: CallbackQuery,
    target: Step | Finish,
    state: FSMContext,
    onboarding: OnboardingService,
    profiles: ProfileService,
    recommendations: RecommendationService,
    t: Translate,
) -> None:
    """Acknowledge the button and go on under its message: the next question, or the end."""
    await query.answer()
    if isinstance(query.message, Message):
        await _go(
            query.message,
            target,
            state,
            onboarding,
            profiles,
            recommendations,
            t,
            query.from_user.id,
        )


# -- changing one answer from /profile ---------------------------------------------------


async def edit(
    query: CallbackQuery,
    callback_data: OnboardingCallback,
    state: FSMContext,
    onboarding: OnboardingService,
    t: Translate,
) -> None:
    """«Изменить ответы»: which one (no value), then that question alone (a step's value)."""
    user_id = query.from_user.id
    editable = await onboarding.editable(user_id)
    await query.answer()
    if not isinstance(query.message, Message):
        return
    if not callback_data.value:
        await query.message.answer(t("edit-which"), reply_markup=edit_keyboard(t, editable))
        return
    step = next((s for s in editable if s.value == callback_data.value), None)
    if step is None:  # a step this person's role does not have (the role changed since)
        raise DomainError("button-outdated")
    await state.update_data(data_to_edit(step))
    await _ask(query.message, step, state, onboarding, t, user_id)


async def _edited(
    message: Message, state: FSMContext, profiles: ProfileService, t: Translate, user_id: int
) -> None:
    """The answer is changed and the others are as they were: show them all."""
    await state.set_data(data_when_edited(await state.get_data()))
    await state.set_state(None)
    summary = await profiles.summary(user_id)
    text = "\n".join([t("edit-saved"), "", *summary_lines(summary, t)])
    await message.answer(text, reply_markup=edited_keyboard(t))


# -- restarting, who you are ---------------------------------------------------------------


async def restart(
    query: CallbackQuery,
    state: FSMContext,
    onboarding: OnboardingService,
    profiles: ProfileService,
    t: Translate,
) -> None:
    await profiles.restart(query.from_user.id)
    await query.answer()
    if not isinstance(query.message, Message):
        return
    await query.message.answer(t("onboarding-restarted"))
    data = await state.get_data()
    await state.set_data(data_to_begin(data))
    step = await onboarding.begin(query.from_user.id, data.get(LINK_ROLE_KEY))
    await _ask(query.message, step, state, onboarding, t, query.from_user.id)


async def chose_role(
    query: CallbackQuery,
    callback_data: OnboardingCallback,
    state: FSMContext,
    onboarding: OnboardingService,
    profiles: ProfileService,
    recommendations: RecommendationService,
    t: Translate,
) -> None:
    target = await _role_answer(profiles, state, query.from_user.id, callback_data.value)
    await _advance(query, target, state, onboarding, profiles, recommendations, t)


async def _role_answer(
    profiles: ProfileService, state: FSMContext, user_id: int, value: str
) -> Step | Finish:
    role = value or None
    await profiles.set_role(user_id, role)
    # A new role starts its own situations afresh.
    await state.update_data({SITUATIONS_KEY: []})
    return next_step(Step.ROLE, role) if role else skipped_to(Step.ROLE)


async def chose_grade(
    query: CallbackQuery,
    callback_data: OnboardingCallback,
    state: FSMContext,
    onboarding: OnboardingService,
    profiles: ProfileService,
    recommendations: RecommendationService,
    t: Translate,
) -> None:
    target = await _grade_answer(profiles, state, query.from_user.id, callback_data.value)
    await _advance(query, target, state, onboarding, profiles, recommendations, t)


async def _grade_answer(
    profiles: ProfileService, state: FSMContext, user_id: int, value: str
) -> Step | Finish:
    # isdigit() accepts "²" and other digits int() refuses; only ASCII digits are ours.
    if value and not (value.isascii() and value.isdigit() and len(value) <= 2):
        raise DomainError("button-outdated")
    grade = int(value) if value else None
    await profiles.set_grade(user_id, grade)
    return next_step(Step.GRADE) if grade is not None else skipped_to(Step.GRADE)


async def situations_done(
    query: CallbackQuery,
    state: FSMContext,
    onboarding: OnboardingService,
    profiles: ProfileService,
    recommendations: RecommendationService,
    t: Translate,
) -> None:
    picked = (await state.get_data()).get(SITUATIONS_KEY, [])
    await profiles.set_situations(query.from_user.id, picked)
    target = next_step(Step.SITUATIONS)
    await _advance(query, target, state, onboarding, profiles, recommendations, t)


# -- region --------------------------------------------------------------------------------


async def chose_region(
    query: CallbackQuery,
    callback_data: OnboardingCallback,
    state: FSMContext,
    onboarding: OnboardingService,
    profiles: ProfileService,
    recommendations: RecommendationService,
    t: Translate,
) -> None:
    region = await profiles.set_region(query.from_user.id, callback_data.value)
    await query.answer()
    if isinstance(query.message, Message):
        name = place_name(t, region.name, region.name_en)
        await query.message.answer(t("onboarding-region-set", region=name))
        await _go(
            query.message,
            next_step(Step.REGION),
            state,
            onboarding,
            profiles,
            recommendations,
            t,
            query.from_user.id,
        )


async def other_region(
    query: CallbackQuery, state: FSMContext, onboarding: OnboardingService, t: Translate
) -> None:
    await state.update_data({LINK_REGION_KEY: None})
    await query.answer()
    if isinstance(query.message, Message):
        await _ask(query.message, Step.REGION_SEARCH, state, onboarding, t, query.from_user.id)


async def typed_region(
    message: Message, state: FSMContext, profiles: ProfileService, t: Translate
) -> None:
    text = (message.text or "").strip()
    found = await profiles.find_regions(text)
    await state.set_state(STATES[Step.REGION_SEARCH])
    if not found:
        await message.answer(
            t("onboarding-region-not-found", text=text[:60]),
            reply_markup=back_skip_keyboard(t, "regskip"),
        )
        return
    await message.answer(
        region_found_text(t, len(found)), reply_markup=regions_keyboard(t, found, other=False)
    )


# -- interests and own words ---------------------------------------------------------------


async def interests_done(
    query: CallbackQuery,
    state: FSMContext,
    onboarding: OnboardingService,
    profiles: ProfileService,
    recommendations: RecommendationService,
    t: Translate,
) -> None:
    picked = (await state.get_data()).get(INTERESTS_KEY, [])
    await profiles.set_interests(query.from_user.id, picked)
    target = next_step(Step.INTERESTS)
    await _advance(query, target, state, onboarding, profiles, recommendations, t)


async def wrote_about(
    message: Message,
    state: FSMContext,
    onboarding: OnboardingService,
    profiles: ProfileService,
    recommendations: RecommendationService,
    t: Translate,
) -> None:
    assert message.from_user is not None
    user_id = message.from_user.id
    shortened = await profiles.set_about(user_id, message.text)
    if shortened:
        await message.answer(t("onboarding-about-short", limit=1000))
    target = next_step(Step.ABOUT)
    await _go(message, target, state, onboarding, profiles, recommendations, t, user_id)


# -- the quiz ------------------------------------------------------------------------------


async def start_quiz(
    query: CallbackQuery,
    state: FSMContext,
    onboarding: OnboardingService,
    profiles: ProfileService,
    recommendations: RecommendationService,
    t: Translate,
) -> None:
    target = await _quiz_start(profiles, state, query.from_user.id, "")
    await _advance(query, target, state, onboarding, profiles, recommendations, t)


async def _quiz_start(
    profiles: ProfileService, state: FSMContext, user_id: int, value: str
) -> Step | Finish:
    await state.update_data({ANSWERS_KEY: []})
    return next_step(Step.QUIZ_OFFER)


async def _quiz_skip(
    profiles: ProfileService, state: FSMContext, user_id: int, value: str
) -> Step | Finish:
    return skipped_to(Step.QUIZ_OFFER)


async def quiz_answer(
    query: CallbackQuery,
    callback_data: OnboardingCallback,
    state: FSMContext,
    onboarding: OnboardingService,
    profiles: ProfileService,
    recommendations: RecommendationService,
    t: Translate,
) -> None:
    answers: list[int] = (await state.get_data()).get(ANSWERS_KEY, [])
    number, _, answer = callback_data.value.partition("-")
    # A press on an older question (a double tap, an old message) changes nothing.
    if number != str(len(answers) + 1) or answer not in QUIZ_ANSWERS:
        await query.answer()
        return
    answers = [*answers, QUIZ_ANSWERS[answer]]
    await state.update_data({ANSWERS_KEY: answers})
    await query.answer()
    if not isinstance(query.message, Message):
        return
    user_id = query.from_user.id
    if len(answers) < len(QUIZ_ITEMS):
        await _ask(query.message, Step.QUIZ, state, onboarding, t, user_id)
        return
    profile = await profiles.save_quiz(user_id, answers)
    await query.message.answer(quiz_result_text(t, profile))
    target = next_step(Step.QUIZ)
    await _go(query.message, target, state, onboarding, profiles, recommendations, t, user_id)


# -- «Пропустить», «Назад» and input the step does not take --------------------------


async def skip(
    query: CallbackQuery,
    state: FSMContext,
    onboarding: OnboardingService,
    profiles: ProfileService,
    recommendations: RecommendationService,
    t: Translate,
) -> None:
    """«Пропустить» of the steps that have it as a button of its own."""
    current = step_of(await state.get_state())
    assert current is not None, "registered for onboarding states only"
    target = skipped_to(current)
    await _advance(query, target, state, onboarding, profiles, recommendations, t)


async def back(
    query: CallbackQuery, state: FSMContext, onboarding: OnboardingService, t: Translate
) -> None:
    user_id = query.from_user.id
    data = await state.get_data()
    if data.get(EDIT_KEY):
        # Changing one answer, «Назад» leaves it as it was: back to the choice of answers.
        await state.set_data(data_when_edited(data))
        await state.set_state(None)
        await query.answer()
        if isinstance(query.message, Message):
            editable = await onboarding.editable(user_id)
            await query.message.answer(t("edit-which"), reply_markup=edit_keyboard(t, editable))
        return
    current = step_of(await state.get_state()) or Step.ROLE
    target = await onboarding.previous(user_id, current)
    await query.answer()
    if not isinstance(query.message, Message):
        return
    answers = (await state.get_data()).get(ANSWERS_KEY, [])
    if current is Step.QUIZ and answers:
        # Within the quiz «Назад» takes back the last answer first.
        await state.update_data({ANSWERS_KEY: answers[:-1]})
        target = Step.QUIZ
    await _ask(query.message, target, state, onboarding, t, user_id)


# Buttons whose label, typed as text, answers as if the button was pressed: the action of
# the button's callback data, and what it does with the value before going on.
TypedAnswer = Callable[[ProfileService, FSMContext, int, str], Awaitable[Step | Finish]]
TYPED_ANSWERS: Mapping[str, TypedAnswer] = MappingProxyType(
    {"role": _role_answer, "grade": _grade_answer, "quiz": _quiz_start, "quizskip": _quiz_skip}
)


async def expected_a_button(
    message: Message,
    state: FSMContext,
    onboarding: OnboardingService,
    profiles: ProfileService,
    recommendations: RecommendationService,
    t: Translate,
) -> None:
    assert message.from_user is not None
    user_id = message.from_user.id
    step = step_of(await state.get_state())
    assert step is not None, "registered for onboarding states only"
    view = await _enter(step, state, onboarding, t, user_id)
    pressed = typed_button(view.markup, message.text)
    if pressed is not None and pressed.action in TYPED_ANSWERS:
        answer = TYPED_ANSWERS[pressed.action]
        target = await answer(profiles, state, user_id, pressed.value)
        await _go(message, target, state, onboarding, profiles, recommendations, t, user_id)
        return
    # The reminder names «Пропустить» only where the question really has that button.
    await message.answer(use_buttons_text(t, view.markup))
    await message.answer(view.text, reply_markup=view.markup)


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


async def toggle_situation(
    query: CallbackQuery, callback_data: OnboardingCallback, state: FSMContext, t: Translate
) -> None:
    await _toggle(query, state, SITUATIONS_KEY, callback_data.value, situations_keyboard, t)


async def toggle_interest(
    query: CallbackQuery, callback_data: OnboardingCallback, state: FSMContext, t: Translate
) -> None:
    await _toggle(query, state, INTERESTS_KEY, callback_data.value, interests_keyboard, t)


def _on(action: str) -> CallbackQueryFilter:
    return OnboardingCallback.filter(F.action == action)


def setup() -> Router:
    # The order matters where filters overlap: typed answers come before the reminder.
    router = Router(name="onboarding")
    callbacks, messages = router.callback_query, router.message
    role, grade, situations = STATES[Step.ROLE], STATES[Step.GRADE], STATES[Step.SITUATIONS]
    region = StateFilter(STATES[Step.REGION], STATES[Step.REGION_SEARCH])
    interests, about = STATES[Step.INTERESTS], STATES[Step.ABOUT]
    quiz_offer, quiz = STATES[Step.QUIZ_OFFER], STATES[Step.QUIZ]

    callbacks.register(restart, _on("restart"))
    callbacks.register(edit, _on("edit"))
    callbacks.register(chose_role, role, _on("role"))
    callbacks.register(chose_grade, grade, _on("grade"))
    callbacks.register(
        toggle_situation,
        situations,
        OnboardingCallback.filter((F.action == "sit") & F.value.in_(SITUATIONS)),
    )
    callbacks.register(situations_done, situations, _on("sitdone"))
    callbacks.register(chose_region, region, _on("region"))
    callbacks.register(
        other_region,
        STATES[Step.REGION],
        OnboardingCallback.filter(F.action.in_({"regother", "regno"})),
    )
    messages.register(typed_region, region, NOT_A_COMMAND)
    callbacks.register(skip, STATES[Step.REGION_SEARCH], _on("regskip"))
    callbacks.register(
        toggle_interest,
        interests,
        OnboardingCallback.filter((F.action == "int") & F.value.in_(INTERESTS)),
    )
    callbacks.register(interests_done, interests, _on("intdone"))
    messages.register(wrote_about, about, NOT_A_COMMAND)
    callbacks.register(skip, about, _on("aboutskip"))
    callbacks.register(start_quiz, quiz_offer, _on("quiz"))
    callbacks.register(skip, quiz_offer, _on("quizskip"))
    callbacks.register(quiz_answer, quiz, _on("qa"))
    callbacks.register(back, StateFilter(*ALL_STEPS), _on("back"))
    messages.register(
        expected_a_button, StateFilter(*states(BUTTON_STEPS)), ~F.text.startswith("/")
    )
    return router
