"""Who a user is, as the bot stores it: roles and life situations. One spelling each, used
by every module; the catalogue's own audiences are `knowledge.models.Audience`."""

from __future__ import annotations

from enum import StrEnum

from knowledge.models import Audience


class Role(StrEnum):
    SCHOOL = "school"
    COLLEGE_STUDENT = "college_student"
    CAREER_CHANGE = "career_change"
    JOB_SEEKER = "job_seeker"
    SENIOR = "senior"
    TEACHER = "teacher"
    EMPLOYER = "employer"


class Situation(StrEnum):
    UNEMPLOYED = "unemployed"
    CHILDCARE_LEAVE = "childcare_leave"
    DISABILITY = "disability"
    PRE_PENSION = "pre_pension"


ADULT_ROLES = frozenset({Role.CAREER_CHANGE, Role.JOB_SEEKER, Role.SENIOR})

# The catalogue's audience for each situation: programmes for it suit people in it.
SITUATION_AUDIENCE: dict[str, Audience] = {
    Situation.UNEMPLOYED: Audience.unemployed,
    Situation.PRE_PENSION: Audience.seniors,
    Situation.CHILDCARE_LEAVE: Audience.parents_on_leave,
    Situation.DISABILITY: Audience.disabled,
}
