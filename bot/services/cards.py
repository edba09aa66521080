"""Catalogue cards: a profession with where to study it nearby, a programme, an FAQ answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.services.activity import Step, record_step
from bot.services.catalogue_rules import (
    SCHOOL_ROLES,
    centre_today,
    consented_user,
    eligibility,
    employment_support,
    has_free_funding,
    local_today,
    resolve_reference,
)
from bot.services.clock import Clock, utc_now
from bot.services.errors import DomainError
from bot.services.events import NextStage, next_stages
from bot.services.knowledge_base import KnowledgeBase, KnowledgeSource
from bot.services.ports import UnitOfWork, UserRecord
from knowledge.models import (
    Centre,
    Competency,
    FaqEntry,
    Format,
    Profession,
    Programme,
    Region,
)

CARD_PROGRAMMES = 5


@dataclass(frozen=True, slots=True)
class StudyOption:
    programme: Programme
    centre: Centre | None
    next_start: date | None
    reference: str


@dataclass(frozen=True, slots=True)
class ProfessionCard:
    profession: Profession
    ref: str
    region: Region | None
    centres: tuple[Centre, ...]
    options: tuple[StudyOption, ...]
    options_elsewhere: int  # programmes for it in other regions
    competencies: tuple[Competency, ...]
    has_consent: bool = False
    # The competencies with the next event that holds each (in the region or nationwide).
    stages: tuple[NextStage, ...] = ()


@dataclass(frozen=True, slots=True)
class ProgrammeCard:
    programme: Programme
    ref: str
    centre: Centre | None
    region: Region | None
    dates: tuple[date, ...]  # upcoming starts, in the centre's calendar
    professions: tuple[Profession, ...]
    eligibility: tuple[str, ...]
    has_consent: bool = False


@dataclass(frozen=True, slots=True)
class FaqCard:
    entry: FaqEntry
    ref: str


Card = ProfessionCard | ProgrammeCard | FaqCard


@dataclass(frozen=True, slots=True)
class ProgrammeElsewhere:
    """A programme for a profession outside the user's region, with where it is held."""

    title: str
    reference: str
    online: bool
    centre: str | None  # the centre's short name
    region: str | None
    region_en: str
    next_start: date | None
    free: bool
    price_rub: int | None
    free_places: bool  # a paid programme some people attend for free
    title_en: str = ""


@dataclass(frozen=True, slots=True)
class ProgrammesElsewhere:
    """«Есть N программ в других регионах» opened: online ones first, anyone can attend them."""

    title: str  # the profession's
    ref: str
    items: tuple[ProgrammeElsewhere, ...]
    title_en: str = ""


class CardService:
    def __init__(self, uow: UnitOfWork, knowledge: KnowledgeSource, clock: Clock = utc_now) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._clock = clock

    async def card(self, user_id: int, reference: str) -> Card:
        """Anyone may open a card; with consent it is tailored to the user's region and role."""
        knowledge = await self._knowledge.get()
        item_id = resolve_reference(knowledge, reference)
        user = await consented_user(self._uow, user_id)
        catalogue = knowledge.catalogue
        ref = knowledge.reference(item_id)
        now = self._clock()
        if user is not None and item_id not in catalogue.faq:
            # Before consent nothing is kept about a person but their id.
            await record_step(self._uow, user_id, Step.CARD, now, (item_id,))
            await self._uow.commit()
        if item_id in catalogue.professions:
            return _profession_card(knowledge, catalogue.professions[item_id], ref, user, now)
        if item_id in catalogue.programmes:
            return _programme_card(knowledge, catalogue.programmes[item_id], ref, user, now)
        if item_id in catalogue.faq:
            return FaqCard(entry=catalogue.faq[item_id], ref=ref)
        raise DomainError("button-outdated")

    async def programme_in_context(self, user_id: int, reference: str) -> ProgrammeCard | None:
        """The programme of a card opened a moment ago, to answer a question about it; None
        when the card is not a programme's, or its record is gone. Nothing is recorded: the
        card was counted when it was opened."""
        knowledge = await self._knowledge.get()
        item_id = knowledge.resolve(reference)
        programme = knowledge.catalogue.programmes.get(item_id or "")
        if programme is None:
            return None
        user = await consented_user(self._uow, user_id)
        return _programme_card(knowledge, programme, reference, user, self._clock())

    def now(self) -> datetime:
        return self._clock()

    async def programmes_elsewhere(self, user_id: int, reference: str) -> ProgrammesElsewhere:
        """The programmes a profession card counts as «in other regions», online ones first."""
        knowledge = await self._knowledge.get()
        item_id = resolve_reference(knowledge, reference)
        profession = knowledge.catalogue.professions.get(item_id)
        if profession is None:
            raise DomainError("button-outdated")
        user = await consented_user(self._uow, user_id)
        catalogue = knowledge.catalogue
        now = self._clock()
        items = []
        for programme in _elsewhere(knowledge, profession, user):
            centre = catalogue.centres.get(programme.centre)
            region = catalogue.regions.get(centre.region) if centre else None
            today = centre_today(knowledge, programme.centre, now)
            items.append(
                ProgrammeElsewhere(
                    title=programme.title,
                    reference=knowledge.reference(programme.id),
                    online=programme.format is Format.online,
                    centre=centre.short_name if centre else None,
                    region=region.name if region else None,
                    region_en=region.name_en if region else "",
                    next_start=min((d for d in programme.start_dates if d >= today), default=None),
                    free=programme.is_free,
                    price_rub=programme.price_rub,
                    free_places=not programme.is_free and has_free_funding(programme),
                    title_en=programme.title_en,
                )
            )
        items.sort(
            key=lambda i: (not i.online, i.next_start is None, i.next_start or date.max, i.title)
        )
        return ProgrammesElsewhere(
            title=profession.title,
            ref=knowledge.reference(item_id),
            items=tuple(items),
            title_en=profession.title_en,
        )


def _user_region(knowledge: KnowledgeBase, user: UserRecord | None) -> Region | None:
    return knowledge.catalogue.regions.get(user.region) if user and user.region else None


def _elsewhere(
    knowledge: KnowledgeBase, profession: Profession, user: UserRecord | None
) -> list[Programme]:
    """Programmes for the profession outside the user's region (all of them without one)."""
    catalogue = knowledge.catalogue
    region = _user_region(knowledge, user)
    elsewhere = []
    for programme in catalogue.programmes_for_profession(profession.id):
        centre = catalogue.centres.get(programme.centre)
        if region is None or centre is None or centre.region != region.id:
            elsewhere.append(programme)
    return elsewhere


def _profession_card(
    knowledge: KnowledgeBase,
    profession: Profession,
    ref: str,
    user: UserRecord | None,
    now: datetime,
) -> ProfessionCard:
    catalogue = knowledge.catalogue
    region = _user_region(knowledge, user)
    today = local_today(
        now, (user.timezone if user else None) or (region.timezone if region else None)
    )
    is_school = user is not None and user.role in SCHOOL_ROLES
    options: list[StudyOption] = []
    elsewhere = {programme.id for programme in _elsewhere(knowledge, profession, user)}
    for programme in catalogue.programmes_for_profession(profession.id):
        centre = catalogue.centres.get(programme.centre)
        starts = [d for d in programme.start_dates if d >= today]
        if programme.id in elsewhere or centre is None:
            continue
        audience = {value.value for value in programme.audience}
        # A schoolchild sees what schoolchildren may attend; an adult, what adults may.
        fits = "school" in audience if is_school else bool(audience - {"school"})
        if not fits:
            continue
        options.append(
            StudyOption(
                programme, centre, min(starts, default=None), knowledge.reference(programme.id)
            )
        )
    options.sort(key=lambda o: (o.next_start is None, o.next_start or date.max, o.programme.title))
    centres: list[Centre] = []
    if region is not None:
        with_programmes = {o.centre.id for o in options if o.centre}
        in_region = catalogue.centres_in_region(region.id)
        centres = [c for c in in_region if c.id in with_programmes] or in_region
    competencies = catalogue.competencies_for_profession(profession.id)
    return ProfessionCard(
        profession=profession,
        ref=ref,
        region=region,
        centres=tuple(centres),
        options=tuple(options[:CARD_PROGRAMMES]),
        options_elsewhere=len(elsewhere),
        competencies=tuple(competencies),
        has_consent=user is not None,
        stages=next_stages(catalogue, competencies, now, region.id if region else None),
    )


def _programme_card(
    knowledge: KnowledgeBase,
    programme: Programme,
    ref: str,
    user: UserRecord | None,
    now: datetime,
) -> ProgrammeCard:
    catalogue = knowledge.catalogue
    centre = catalogue.centres.get(programme.centre)
    today = centre_today(knowledge, programme.centre, now)
    return ProgrammeCard(
        programme=programme,
        ref=ref,
        centre=centre,
        region=catalogue.regions.get(centre.region) if centre else None,
        dates=tuple(d for d in programme.start_dates if d >= today),
        professions=tuple(
            catalogue.professions[pid]
            for pid in programme.professions
            if pid in catalogue.professions
        ),
        eligibility=eligibility(user) if user is not None and employment_support(programme) else (),
        has_consent=user is not None,
    )
