"""Small rules the catalogue services share: suggestions, cards, feedback, free questions."""

from __future__ import annotations

import re
from datetime import date, datetime

from bot.services.consent import has_consent
from bot.services.errors import DomainError
from bot.services.knowledge_base import KnowledgeBase
from bot.services.people import Role, Situation
from bot.services.ports import UnitOfWork, UserRecord
from bot.services.timezones import zone
from knowledge.models import Audience, Programme

SCHOOL_ROLES = frozenset({Role.SCHOOL})
# Situations under which «Содействие занятости» may pay for training (a hint, not a ruling).
ELIGIBLE_SITUATIONS = (
    Situation.UNEMPLOYED,
    Situation.PRE_PENSION,
    Situation.CHILDCARE_LEAVE,
    Situation.DISABILITY,
)


async def consented_user(uow: UnitOfWork, user_id: int) -> UserRecord | None:
    """The user, if their answers may be used; None means «general answers only»."""
    user = await uow.users.get(user_id)
    if user is None or not await has_consent(uow, user_id):
        return None
    return user


def resolve_reference(knowledge: KnowledgeBase, reference: str) -> str:
    """The catalogue id behind a button; a button of a record that is gone is outdated."""
    item_id = knowledge.resolve(reference) if reference else None
    if item_id is None:
        raise DomainError("button-outdated")
    return item_id


def local_today(now: datetime, timezone: str | None) -> date:
    """Today where the user or the centre is (the one time-zone rule of bot.services.timezones)."""
    return now.astimezone(zone(timezone)).date()


def centre_today(knowledge: KnowledgeBase, centre_id: str, now: datetime) -> date:
    """Today in the centre's calendar: its start dates are local dates."""
    centre = knowledge.catalogue.centres.get(centre_id)
    return local_today(now, centre.timezone if centre else None)


def eligibility(user: UserRecord) -> tuple[str, ...]:
    """Situations under which free retraining may be possible; a hint for the user."""
    found = [key for key in ELIGIBLE_SITUATIONS if key in user.situations]
    if user.role == Role.SENIOR and Situation.PRE_PENSION not in found:
        found.append(Situation.PRE_PENSION)
    return tuple(found)


def has_free_funding(programme: Programme) -> bool:
    return any(funding.value != "paid" for funding in programme.funding)


def employment_support(programme: Programme) -> bool:
    return any(funding.value == "employment_support" for funding in programme.funding)


# Words that ask for programmes of an audience the person's answers do not name.
_ASKED_AUDIENCE = {
    "disabled": re.compile(
        r"инвалид|овз|ограничен\w* возможност|слабовид|незряч|слеп|глух|слабослыш|колясоч|"
        r"адаптирован|disab",
        re.IGNORECASE,
    ),
    "seniors": re.compile(r"пенсион|пожил|старш\w* возраст|50\s*\+|за 50|senior", re.IGNORECASE),
    "parents_on_leave": re.compile(r"декрет|по уходу за реб|мам[аы]? в|maternity", re.IGNORECASE),
}


def offered_audiences(user: UserRecord, asked: str = "") -> frozenset[str]:
    """Whom the programmes offered to this person may be meant for. A schoolchild gets
    schoolchildren's; an adult gets adults' and the unemployed's, plus programmes meant only
    for people with disabilities, 50+ or parents on leave when they said that is them (their
    situation, a retired role) or asked for such programmes in their words."""
    if user.role in SCHOOL_ROLES:
        return frozenset({Audience.school.value})
    offered = {Audience.adults.value, Audience.unemployed.value}
    situations = set(user.situations)
    if Situation.DISABILITY in situations or _ASKED_AUDIENCE["disabled"].search(asked):
        offered.add(Audience.disabled.value)
    if (
        Situation.PRE_PENSION in situations
        or user.role == Role.SENIOR
        or _ASKED_AUDIENCE["seniors"].search(asked)
    ):
        offered.add(Audience.seniors.value)
    if Situation.CHILDCARE_LEAVE in situations or _ASKED_AUDIENCE["parents_on_leave"].search(asked):
        offered.add(Audience.parents_on_leave.value)
    return frozenset(offered)
