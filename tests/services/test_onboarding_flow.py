"""The onboarding step graph and the service over it: no database, no encoders, no Telegram."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

import pytest

from bot.services.errors import DomainError
from bot.services.onboarding import (
    BUTTON_STEPS,
    FINISH,
    FLOW,
    Draft,
    Finish,
    Move,
    NextMove,
    OnboardingService,
    Step,
    first_step,
    next_step,
    previous_step,
    skipped_to,
)
from bot.services.people import Role
from bot.services.profiles import ProfileService
from tests.fakes import EPOCH, FakeUnitOfWork, FakeUsers
from tests.services.conftest import clock, small_catalogue

TAIL = (Step.REGION, Step.INTERESTS, Step.ABOUT, Step.QUIZ_OFFER, Step.QUIZ)
PATHS = {
    Role.SCHOOL: (Step.ROLE, Step.GRADE, *TAIL),
    Role.CAREER_CHANGE: (Step.ROLE, Step.SITUATIONS, *TAIL),
    Role.JOB_SEEKER: (Step.ROLE, Step.SITUATIONS, *TAIL),
    Role.SENIOR: (Step.ROLE, Step.SITUATIONS, *TAIL),
    Role.COLLEGE_STUDENT: (Step.ROLE, *TAIL),
    Role.TEACHER: (Step.ROLE, *TAIL),
    Role.EMPLOYER: (Step.ROLE, *TAIL),
    None: (Step.ROLE, *TAIL),
}


def _walk(role: str | None) -> tuple[Step, ...]:
    steps = [Step.ROLE]
    while len(steps) <= len(Step):
        following = next_step(steps[-1], role)
        if following is FINISH:
            return tuple(steps)
        assert isinstance(following, Step)
        steps.append(following)
    raise AssertionError(f"no end after {steps}")


# -- the graph ---------------------------------------------------------------------------


def test_every_role_is_on_a_path_and_every_step_has_a_rule() -> None:
    assert set(PATHS) == {*Role, None}
    assert set(FLOW) == set(Step)


@pytest.mark.parametrize("role", list(PATHS))
def test_each_role_answers_its_own_questions_then_finishes(role: str | None) -> None:
    assert _walk(role) == PATHS[role]


@pytest.mark.parametrize("role", list(PATHS))
def test_back_retraces_the_path(role: str | None) -> None:
    path = PATHS[role]
    for before, step in pairwise(path):
        expected = Step.ABOUT if step is Step.QUIZ else before
        assert previous_step(step, role) == expected, step


def test_back_from_the_quiz_skips_the_offer_and_the_first_question_stays() -> None:
    assert previous_step(Step.QUIZ, Role.SCHOOL) is Step.ABOUT
    assert previous_step(Step.ROLE, Role.SCHOOL) is Step.ROLE
    assert previous_step(Step.ROLE) is Step.ROLE


def test_role_questions_lead_back_to_the_role_whatever_is_stored() -> None:
    # A stale state (the role changed by a later QR code) still has a way back.
    assert previous_step(Step.GRADE, Role.SENIOR) is Step.ROLE
    assert previous_step(Step.SITUATIONS, Role.SCHOOL) is Step.ROLE


def test_the_region_search_is_a_detour_of_the_region() -> None:
    assert next_step(Step.REGION_SEARCH) is Step.INTERESTS
    assert previous_step(Step.REGION_SEARCH, Role.SCHOOL) is Step.REGION
    assert Step.REGION_SEARCH not in _walk(Role.SCHOOL)


@pytest.mark.parametrize(
    ("role", "first"),
    [
        (None, Step.ROLE),
        (Role.SCHOOL, Step.GRADE),
        (Role.JOB_SEEKER, Step.SITUATIONS),
        (Role.COLLEGE_STUDENT, Step.REGION),
    ],
)
def test_a_role_known_from_a_qr_code_is_not_asked(role: str | None, first: Step) -> None:
    assert first_step(role) is first


# -- skipping ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "target"),
    [
        (Step.ROLE, Step.REGION),
        (Step.GRADE, Step.REGION),
        (Step.REGION_SEARCH, Step.INTERESTS),
        (Step.ABOUT, Step.QUIZ_OFFER),
        (Step.QUIZ_OFFER, FINISH),
    ],
)
def test_skipping_leads_on(step: Step, target: Step | Finish) -> None:
    assert skipped_to(step) == target
    assert skipped_to(step, Role.SCHOOL) == target  # no role: a skipped role asks no grade


@pytest.mark.parametrize("step", [Step.SITUATIONS, Step.REGION, Step.INTERESTS, Step.QUIZ])
def test_steps_without_a_skip_button_cannot_be_skipped(step: Step) -> None:
    with pytest.raises(ValueError, match="cannot be skipped"):
        skipped_to(step)


def test_skipping_the_quiz_offer_finishes_taking_it_asks_the_questions() -> None:
    assert next_step(Step.QUIZ_OFFER) is Step.QUIZ
    assert skipped_to(Step.QUIZ_OFFER) is FINISH
    assert next_step(Step.QUIZ) is FINISH


def test_typed_answers_get_no_reminder_to_use_the_buttons() -> None:
    assert set(Step) - set(BUTTON_STEPS) == {Step.REGION_SEARCH, Step.ABOUT}


# -- the service over stored answers -------------------------------------------------------


class _Users(FakeUsers):
    """The one write of the flow: begin stores the role a QR code gave."""

    async def set_role(self, telegram_id: int, role: str | None) -> None:
        self.records[telegram_id] = replace(self.records[telegram_id], role=role)


class _CatalogueOnly:
    """A KnowledgeSource for ProfileService's region look-ups: the catalogue, no index."""

    catalogue = small_catalogue()

    async def get(self) -> _CatalogueOnly:
        return self


@pytest.fixture
def uow() -> FakeUnitOfWork:
    fake = FakeUnitOfWork()
    fake.users = _Users()
    return fake


@pytest.fixture
def service(uow: FakeUnitOfWork) -> OnboardingService:
    return OnboardingService(ProfileService(uow, _CatalogueOnly(), clock))  # type: ignore[arg-type]


async def test_a_pending_question_is_asked_again(service: OnboardingService) -> None:
    assert await service.next_move(1, Step.INTERESTS, None) == NextMove(Move.RESUME, Step.INTERESTS)


async def test_an_onboarded_user_gets_the_suggestions(
    uow: FakeUnitOfWork, service: OnboardingService
) -> None:
    await uow.add_consenting_user(1, onboarded_at=EPOCH)

    assert await service.next_move(1, None, None) == NextMove(Move.SUGGESTIONS)


async def test_a_new_user_begins_with_the_role(
    uow: FakeUnitOfWork, service: OnboardingService
) -> None:
    await uow.add_consenting_user(1)

    assert await service.next_move(1, None, None) == NextMove(Move.BEGIN, Step.ROLE)
    assert uow.commits == 0


async def test_a_school_qr_code_stores_the_role_and_asks_the_grade(
    uow: FakeUnitOfWork, service: OnboardingService
) -> None:
    await uow.add_consenting_user(1)

    assert await service.next_move(1, None, Role.SCHOOL) == NextMove(Move.BEGIN, Step.GRADE)
    assert (await uow.users.get(1)).role == Role.SCHOOL  # type: ignore[union-attr]
    assert uow.commits == 1


async def test_without_consent_there_is_no_move(service: OnboardingService) -> None:
    with pytest.raises(DomainError) as error:
        await service.next_move(1, None, None)
    assert error.value.key == "consent-required"


async def test_back_follows_the_stored_role(
    uow: FakeUnitOfWork, service: OnboardingService
) -> None:
    await uow.add_consenting_user(1, role=Role.SENIOR)

    assert await service.previous(1, Step.REGION) is Step.SITUATIONS


async def test_multi_selects_start_from_the_draft_else_from_the_stored_answers(
    uow: FakeUnitOfWork, service: OnboardingService
) -> None:
    await uow.add_consenting_user(1, situations=("unemployed",), interests=("it",))

    stored = await service.screen(1, Step.SITUATIONS, Draft())
    drafted = await service.screen(1, Step.INTERESTS, Draft(interests=()))

    assert stored.picked == ("unemployed",)
    assert drafted.picked == ()


async def test_the_region_step_confirms_a_suggested_region_else_lists_those_with_a_centre(
    uow: FakeUnitOfWork, service: OnboardingService
) -> None:
    await uow.add_consenting_user(1)

    suggested = await service.screen(1, Step.REGION, Draft(link_region="RU-ORE"))
    listed = await service.screen(1, Step.REGION, Draft(link_region="RU-XXX"))

    assert suggested.region is not None and suggested.region.id == "RU-ORE"
    assert suggested.regions == ()
    assert listed.region is None
    assert [region.id for region in listed.regions] == ["RU-TOM"]


async def test_the_quiz_asks_the_question_after_the_answers_so_far(
    uow: FakeUnitOfWork, service: OnboardingService
) -> None:
    await uow.add_consenting_user(1)

    screen = await service.screen(1, Step.QUIZ, Draft(quiz_answers=(1, 0, -1)))

    assert screen.question == 4
