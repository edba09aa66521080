"""The onboarding flow: which question follows which, what «Назад» and «Пропустить» lead to,
and where a consenting user goes on /start. The graph is the table `FLOW`; the functions
below only read it. No Telegram here: the edge maps `Step` to its dialog states."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from types import MappingProxyType
from typing import Final

from bot.services.people import ADULT_ROLES, Role
from bot.services.profiles import ProfileService, RegionChoice


class Step(StrEnum):
    ROLE = "role"
    GRADE = "grade"
    SITUATIONS = "situations"
    REGION = "region"
    REGION_SEARCH = "region_search"
    INTERESTS = "interests"
    ABOUT = "about"
    QUIZ_OFFER = "quiz_offer"
    QUIZ = "quiz"


class Finish(Enum):
    """The end of onboarding: the answers are saved and the suggestions come next."""

    FINISH = "finish"


FINISH: Final = Finish.FINISH


@dataclass(frozen=True, slots=True)
class ByRole:
    """A target that depends on the role: the role's own question (`ROLE_STEP`), if it has
    one, else `otherwise`."""

    otherwise: Step


Target = Step | ByRole | Finish


@dataclass(frozen=True, slots=True)
class Rule:
    next: Target  # after an answer
    back: Step | ByRole | None  # «Назад»; None: nothing comes before, the step is asked again
    skip: Target | None = None  # «Пропустить»; None: the step has no such button
    remind_buttons: bool = True  # input no handler of the step takes gets "use the buttons"


# Schoolchildren are asked their grade, adults looking for work or a new trade their
# situation (it decides free retraining); everyone else goes straight to the region.
_ROLE_STEP: dict[str, Step] = {Role.SCHOOL: Step.GRADE}
_ROLE_STEP.update(dict.fromkeys(ADULT_ROLES, Step.SITUATIONS))
ROLE_STEP: Mapping[str, Step] = MappingProxyType(_ROLE_STEP)

FLOW: Mapping[Step, Rule] = MappingProxyType(
    {
        Step.ROLE: Rule(next=ByRole(Step.REGION), back=None, skip=Step.REGION),
        Step.GRADE: Rule(next=Step.REGION, back=Step.ROLE, skip=Step.REGION),
        Step.SITUATIONS: Rule(next=Step.REGION, back=Step.ROLE),
        Step.REGION: Rule(next=Step.INTERESTS, back=ByRole(Step.ROLE)),
        # A detour of the region step: the region is typed, or the user does without one.
        Step.REGION_SEARCH: Rule(
            next=Step.INTERESTS, back=Step.REGION, skip=Step.INTERESTS, remind_buttons=False
        ),
        Step.INTERESTS: Rule(next=Step.ABOUT, back=Step.REGION),
        Step.ABOUT: Rule(
            next=Step.QUIZ_OFFER, back=Step.INTERESTS, skip=Step.QUIZ_OFFER, remind_buttons=False
        ),
        Step.QUIZ_OFFER: Rule(next=Step.QUIZ, back=Step.ABOUT, skip=FINISH),
        # The offer is only a gate: «Назад» from the first question goes to the own words.
        Step.QUIZ: Rule(next=FINISH, back=Step.ABOUT),
    }
)


def _resolve(target: Step | ByRole, role: str | None) -> Step:
    if isinstance(target, ByRole):
        return ROLE_STEP.get(role or "", target.otherwise)
    return target


def first_step(role: str | None = None) -> Step:
    """The first question; a role known beforehand (from a school's QR code) is not asked."""
    if role is None:
        return Step.ROLE
    following = next_step(Step.ROLE, role)
    assert isinstance(following, Step), "the role is never the last question"
    return following


def next_step(step: Step, role: str | None = None) -> Step | Finish:
    """The question after `step` has been answered by a user with this role."""
    target = FLOW[step].next
    return target if isinstance(target, Finish) else _resolve(target, role)


def previous_step(step: Step, role: str | None = None) -> Step:
    """Where «Назад» leads from `step`; the first question leads to itself."""
    target = FLOW[step].back
    return step if target is None else _resolve(target, role)


def skipped_to(step: Step, role: str | None = None) -> Step | Finish:
    """Where «Пропустить» leads from `step`; ValueError for a step that has no such button."""
    target = FLOW[step].skip
    if target is None:
        raise ValueError(f"the step {step} cannot be skipped")
    return target if isinstance(target, Finish) else _resolve(target, role)


# Steps answered with buttons: anything else sent there gets a reminder to use them.
BUTTON_STEPS: Final = tuple(step for step in Step if FLOW[step].remind_buttons)


# -- changing one answer later («Изменить ответы» in /profile) ---------------------------


def editable_steps(role: str | None) -> tuple[Step, ...]:
    """The answers a person may change one at a time: their role's own question only if the
    role has one (a schoolchild's grade, an adult's situation)."""
    own = ROLE_STEP.get(role or "")
    return (
        Step.ROLE,
        *((own,) if own is not None else ()),
        Step.REGION,
        Step.INTERESTS,
        Step.ABOUT,
        Step.QUIZ,
    )


def edit_goes_on(target: Step | Finish) -> bool:
    """Whether a changed answer needs one more question before the change is done: only a
    new role does, with its own question (the grade, the situation); everything else is
    kept as it was."""
    return isinstance(target, Step) and target in ROLE_STEP.values()


# -- the questions as the user sees them ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Draft:
    """Answers in progress, kept in the dialog state until their step is done."""

    situations: tuple[str, ...] | None = None  # None: not touched yet, the stored ones count
    interests: tuple[str, ...] | None = None
    quiz_answers: tuple[int, ...] = ()
    link_region: str | None = None  # the region a QR code suggested, to be confirmed


@dataclass(frozen=True, slots=True)
class Screen:
    """What a step shows: the plain data its view is drawn from."""

    step: Step
    picked: tuple[str, ...] = ()  # ticked situations or interests
    region: RegionChoice | None = None  # the suggested region to confirm
    regions: tuple[RegionChoice, ...] = ()  # otherwise the regions that have a centre
    question: int = 0  # the quiz question to ask, from 1


class Move(StrEnum):
    RESUME = "resume"  # a question is pending: ask it again
    BEGIN = "begin"  # not onboarded yet: start from the first question
    SUGGESTIONS = "suggestions"  # onboarded: show the suggestions


@dataclass(frozen=True, slots=True)
class NextMove:
    kind: Move
    step: Step | None = None  # the question to ask, for RESUME and BEGIN


class OnboardingService:
    """The flow over a user's stored answers; the answers themselves are ProfileService's."""

    def __init__(self, profiles: ProfileService) -> None:
        self._profiles = profiles

    async def next_move(
        self, user_id: int, pending: Step | None, link_role: str | None
    ) -> NextMove:
        """Where a consenting user goes on /start or right after consent."""
        if pending is not None:
            return NextMove(Move.RESUME, pending)
        user = await self._profiles.get(user_id)
        if user.onboarded_at is not None:
            return NextMove(Move.SUGGESTIONS)
        return NextMove(Move.BEGIN, await self.begin(user_id, link_role))

    async def begin(self, user_id: int, link_role: str | None) -> Step:
        """The first question, after storing the role a school's or college's QR code gave."""
        if link_role:
            await self._profiles.set_role(user_id, link_role)
            return first_step(link_role)
        return first_step()

    async def editable(self, user_id: int) -> tuple[Step, ...]:
        user = await self._profiles.get(user_id)
        return editable_steps(user.role)

    async def previous(self, user_id: int, step: Step) -> Step:
        user = await self._profiles.get(user_id)
        return previous_step(step, user.role)

    async def screen(self, user_id: int, step: Step, draft: Draft) -> Screen:
        # Read for every step, used or not: a dialog state that outlived its user row (the
        # database reset while Redis kept the dialogs) gets "consent required", not a question.
        user = await self._profiles.get(user_id)
        if step is Step.SITUATIONS:
            picked = user.situations if draft.situations is None else draft.situations
            return Screen(step, picked=tuple(picked))
        if step is Step.INTERESTS:
            picked = user.interests if draft.interests is None else draft.interests
            return Screen(step, picked=tuple(picked))
        if step is Step.REGION:
            region = await self._profiles.region(draft.link_region)
            if region is not None:
                return Screen(step, region=region)
            return Screen(step, regions=tuple(await self._profiles.regions_with_centres()))
        if step is Step.QUIZ:
            return Screen(step, question=len(draft.quiz_answers) + 1)
        return Screen(step)
