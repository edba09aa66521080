"""Small rules the catalogue services share: suggestions, cards, feedback, free questions."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.services.consent import has_consent
from bot.services.errors import DomainError
from bot.services.knowledge_base import KnowledgeBase
from bot.services.ports import UnitOfWork, UserRecord
from knowledge.models import Programme

SCHOOL_ROLES = frozenset({"school"})
# Situations under which «Содействие занятости» may pay for training (a hint, not a ruling).
ELIGIBLE_SITUATIONS = ("unemployed", "pre_pension", "childcare_leave", "disability")


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
    """Today where the user or the centre is; a missing or unknown zone falls back to `now`'s."""
    zone = _zone(timezone)
    return (now.astimezone(zone) if zone else now).date()


def centre_today(knowledge: KnowledgeBase, centre_id: str, now: datetime) -> date:
    """Today in the centre's calendar: its start dates are local dates."""
    centre = knowledge.catalogue.centres.get(centre_id)
    return local_today(now, centre.timezone if centre else None)


def eligibility(user: UserRecord) -> tuple[str, ...]:
    """Situations under which free retraining may be possible; a hint for the user."""
    found = [key for key in ELIGIBLE_SITUATIONS if key in user.situations]
    if user.role == "senior" and "pre_pension" not in found:
        found.append("pre_pension")
    return tuple(found)


def has_free_funding(programme: Programme) -> bool:
    return any(funding.value != "paid" for funding in programme.funding)


def employment_support(programme: Programme) -> bool:
    return any(funding.value == "employment_support" for funding in programme.funding)


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
