"""Onboarding answers: who the user is, region, interests, the interest quiz, deep links."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.services.activity import Step, record_step
from bot.services.clock import Clock, utc_now
from bot.services.consent import require_consent
from bot.services.errors import DomainError
from bot.services.knowledge_base import KnowledgeSource
from bot.services.people import ADULT_ROLES, Role, Situation
from bot.services.ports import UnitOfWork, UserRecord
from bot.services.privacy import UserSummary, summarise_user
from bot.services.text import visible_text
from knowledge.models import Region

__all__ = ["ADULT_ROLES", "ROLES", "SITUATIONS", "ProfileService"]

ROLES = tuple(Role)
SITUATIONS = tuple(Situation)
INTERESTS = (
    "technology",
    "it",
    "creative",
    "people",
    "nature",
    "medicine",
    "business",
    "construction",
    "transport",
    "food_service",
    "beauty",
    "science",
)
GRADES = (5, 6, 7, 8, 9, 10, 11)
ABOUT_LIMIT = 1000

# A /start payload is at most 64 characters of [A-Za-z0-9_-] (Telegram's own rule).
DEEP_LINK = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# Staff print QR posters with these kinds of payload; anything else is counted as "other",
# so a link typed by hand or by a bot never shows up as junk in /stats.
OTHER_SOURCE = "other"

# The quiz: two activities per RIASEC type, adapted into Russian from the example activities
# of O*NET's Interests (O*NET 29.3, USDOL/ETA, CC BY 4.0). The texts are in the locale files
# under quiz-item-<n>; the letter says which type an answer moves.
QUIZ_ITEMS: tuple[str, ...] = ("R", "I", "A", "S", "E", "C", "R", "I", "A", "S", "E", "C")
RIASEC = "RIASEC"
QUIZ_ANSWERS = {"like": 1, "neutral": 0, "dislike": -1}


@dataclass(frozen=True, slots=True)
class DeepLink:
    source: str
    role: str | None = None
    region: str | None = None
    centre: str | None = None


@dataclass(frozen=True, slots=True)
class RegionChoice:
    id: str
    name: str
    name_en: str = ""


def _choice(region: Region) -> RegionChoice:
    return RegionChoice(region.id, region.name, region.name_en)


def quiz_profile(answers: Sequence[int]) -> tuple[float, ...]:
    """Six scores 0–1 from the answers (+1 like, 0 neutral, -1 dislike), in RIASEC order."""
    if len(answers) != len(QUIZ_ITEMS):
        raise ValueError("one answer per quiz item is needed")
    per_type = {letter: [] for letter in RIASEC}  # type: dict[str, list[int]]
    for letter, answer in zip(QUIZ_ITEMS, answers, strict=True):
        per_type[letter].append(answer)
    return tuple(
        round((sum(values) + len(values)) / (2 * len(values)), 3)
        for values in (per_type[letter] for letter in RIASEC)
    )


def top_types(profile: Sequence[float], *, at_least: float = 0.75) -> list[str]:
    """The letters the user clearly likes, strongest first (at most three)."""
    ranked = sorted(zip(RIASEC, profile, strict=True), key=lambda pair: (-pair[1], pair[0]))
    return [letter for letter, score in ranked if score >= at_least][:3]


class ProfileService:
    def __init__(self, uow: UnitOfWork, knowledge: KnowledgeSource, clock: Clock = utc_now) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._clock = clock

    async def get(self, user_id: int) -> UserRecord:
        user = await self._uow.users.get(user_id)
        if user is None:
            raise DomainError("consent-required")
        return user

    async def parse_deep_link(self, payload: str | None) -> DeepLink | None:
        """Invalid payloads give None: they are ignored, the greeting goes on as usual."""
        if not payload or not DEEP_LINK.match(payload):
            return None
        catalogue = (await self._knowledge.get()).catalogue
        kind, _, rest = payload.partition("_")
        kind = kind.lower()
        if kind == "centre" and rest in catalogue.centres:
            centre = catalogue.centres[rest]
            return DeepLink(source=payload, region=centre.region, centre=centre.id)
        if kind == "region" and rest.upper() in catalogue.regions:
            return DeepLink(source=payload, region=rest.upper())
        if kind not in ("school", "college") or not rest:
            return DeepLink(source=OTHER_SOURCE)
        region = None
        for token in rest.split("_"):
            found = catalogue.region_search(token) if len(token) >= 3 else []
            if len(found) == 1:
                region = found[0].id
                break
        role = (
            Role.SCHOOL if kind == "school" else Role.COLLEGE_STUDENT if kind == "college" else None
        )
        return DeepLink(source=payload, role=role, region=region)

    async def remember_source(self, user_id: int, link: DeepLink) -> None:
        """The campaign code of a QR poster is not personal; preselections wait for consent."""
        if await self._uow.users.set_source_if_empty(user_id, link.source):
            await self._uow.commit()

    async def apply_deep_link(self, user_id: int, link: DeepLink) -> None:
        if not link.role and not link.region:
            return
        await require_consent(self._uow, user_id)
        if link.role:
            await self._uow.users.set_role(user_id, link.role)
        if link.region:
            await self._set_place(user_id, link.region, link.centre)
        await self._uow.commit()

    async def set_role(self, user_id: int, role: str | None) -> None:
        if role is not None and role not in ROLES:
            raise DomainError("button-outdated")
        await require_consent(self._uow, user_id)
        await self._uow.users.set_role(user_id, role)
        await self._uow.commit()

    async def set_grade(self, user_id: int, grade: int | None) -> None:
        if grade is not None and grade not in GRADES:
            raise DomainError("button-outdated")
        await require_consent(self._uow, user_id)
        await self._uow.users.set_grade(user_id, grade)
        await self._uow.commit()

    async def set_situations(self, user_id: int, situations: Sequence[str]) -> None:
        await require_consent(self._uow, user_id)
        await self._uow.users.set_situations(
            user_id, tuple(s for s in SITUATIONS if s in situations)
        )
        await self._uow.commit()

    async def set_interests(self, user_id: int, interests: Sequence[str]) -> None:
        await require_consent(self._uow, user_id)
        await self._uow.users.set_interests(user_id, tuple(i for i in INTERESTS if i in interests))
        await self._uow.commit()

    async def set_about(self, user_id: int, text: str | None) -> bool:
        """Returns True when the text had to be shortened."""
        clean = visible_text(text or "")
        await require_consent(self._uow, user_id)
        await self._uow.users.set_about(user_id, clean[:ABOUT_LIMIT] or None)
        await self._uow.commit()
        return len(clean) > ABOUT_LIMIT

    async def regions_with_centres(self) -> list[RegionChoice]:
        catalogue = (await self._knowledge.get()).catalogue
        ids = sorted({centre.region for centre in catalogue.centres.values()})
        choices = [_choice(catalogue.regions[i]) for i in ids if i in catalogue.regions]
        return sorted(choices, key=lambda choice: choice.name)

    async def find_regions(self, text: str, limit: int = 6) -> list[RegionChoice]:
        catalogue = (await self._knowledge.get()).catalogue
        # Typed by hand, so a typo («оренбуг») is forgiven; deep links are matched exactly.
        found = catalogue.region_search(text[:100], typos=True)
        return [_choice(region) for region in found[:limit]]

    async def region(self, region_id: str | None) -> RegionChoice | None:
        if region_id is None:
            return None
        region = (await self._knowledge.get()).catalogue.regions.get(region_id)
        return None if region is None else _choice(region)

    async def set_region(self, user_id: int, region_id: str) -> RegionChoice:
        catalogue = (await self._knowledge.get()).catalogue
        region = catalogue.regions.get(region_id)
        if region is None:
            raise DomainError("button-outdated")
        await require_consent(self._uow, user_id)
        await self._set_place(user_id, region_id, None)
        await self._uow.commit()
        return _choice(region)

    async def save_quiz(self, user_id: int, answers: Sequence[int]) -> tuple[float, ...]:
        """The answers are kept beside their scores: what was disliked rules items out."""
        if any(answer not in QUIZ_ANSWERS.values() for answer in answers):
            raise ValueError("a quiz answer is +1, 0 or -1")
        profile = quiz_profile(answers)
        await require_consent(self._uow, user_id)
        await self._uow.users.set_quiz(user_id, tuple(answers), profile)
        await self._uow.commit()
        return profile

    async def finish(self, user_id: int) -> None:
        await require_consent(self._uow, user_id)
        now = self._clock()
        await self._uow.users.set_onboarded(user_id, now)
        await record_step(self._uow, user_id, Step.ONBOARDED, now)
        await self._uow.commit()

    async def summary(self, user_id: int) -> UserSummary:
        """The answers as they are now, for the view after one of them was changed."""
        user = await require_consent(self._uow, user_id)
        return summarise_user(user, (await self._knowledge.get()).catalogue)

    async def restart(self, user_id: int) -> None:
        """Forget the answers (not the consent) so onboarding starts over."""
        await require_consent(self._uow, user_id)
        await self._uow.users.clear_answers(user_id)
        await self._uow.commit()

    async def _set_place(self, user_id: int, region_id: str, centre_id: str | None) -> None:
        # The region's time zone is stored with it; the centre defaults to the region's first.
        catalogue = (await self._knowledge.get()).catalogue
        region = catalogue.regions[region_id]
        centres = catalogue.centres_in_region(region_id)
        if centre_id is None and centres:
            centre_id = centres[0].id
        await self._uow.users.set_place(user_id, region_id, region.timezone, centre_id)
