"""Suggestions for a user, each with its reason, a page at a time; and «похожие»."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

from bot.services.activity import Step, record_step
from bot.services.catalogue_rules import (
    SCHOOL_ROLES,
    consented_user,
    eligibility,
    local_today,
    offered_audiences,
    resolve_reference,
)
from bot.services.clock import Clock, utc_now
from bot.services.consent import require_consent
from bot.services.disliked_activities import ruled_out_by_quiz
from bot.services.errors import DomainError
from bot.services.events.upcoming import EventFilter, Listed, upcoming
from bot.services.knowledge_base import KnowledgeSource
from bot.services.people import SITUATION_AUDIENCE
from bot.services.ports import UnitOfWork, UserRecord
from bot.services.suggestions import (
    OWN_WORDS,
    PROFESSION_KINDS,
    QUIZ,
    RELEVANCE_FLOOR,
    Source,
    Suggestion,
    gather,
    pool_suggestions,
    suggestion,
)
from bot.services.vocabulary import interest_words, riasec_words
from knowledge import Catalogue
from knowledge.models import EventKind, ProgrammeKind
from matching import Filters

PAGE_SIZE = 5
MAX_PROFESSIONS = 10
MAX_PROGRAMMES = 10
# Online programmes of other regions added to a list: anyone can attend them.
MAX_ONLINE = 3
MAX_SOURCES = 6  # the user's own words plus up to five interests: one search each
# Neighbours looked at before the person's place and hidden items are left out.
SIMILAR_POOL = 60
SIMILAR_COUNT = 5
# How much less similar than the closest one an item may be and still be offered as «похожее»
# (cosine, averaged over the encoders): a cook's are a confectioner and a baker, not a welder.
SIMILAR_SPAN = 0.06

ADULT_PROGRAMME_KINDS = frozenset(
    {
        ProgrammeKind.vocational_training.value,
        ProgrammeKind.upskilling.value,
        ProgrammeKind.retraining.value,
    }
)


@dataclass(frozen=True, slots=True)
class RecommendationPage:
    items: tuple[Suggestion, ...]
    page: int
    pages: int
    total: int
    audience: Literal["school", "adult"]
    region_name: str | None
    region_name_en: str
    has_region: bool
    programmes_nearby: bool
    profile_empty: bool
    eligibility: tuple[str, ...] = ()  # situations that may make retraining free
    # For a schoolchild: open days and профпробы days coming up in their region, soonest first.
    nearby_events: tuple[Listed, ...] = ()

    @property
    def has_previous(self) -> bool:
        return self.page > 0

    @property
    def has_next(self) -> bool:
        return self.page + 1 < self.pages

    @property
    def first_number(self) -> int:
        """The list number of this page's first item: numbering runs on across pages."""
        return self.page * PAGE_SIZE + 1


@dataclass(frozen=True, slots=True)
class SimilarItems:
    title: str
    ref: str
    items: tuple[Suggestion, ...]
    title_en: str = ""


class RecommendationService:
    def __init__(self, uow: UnitOfWork, knowledge: KnowledgeSource, clock: Clock = utc_now) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._clock = clock

    async def recommend(self, user_id: int, page: int = 0) -> RecommendationPage:
        user = await require_consent(self._uow, user_id)
        knowledge = await self._knowledge.get()
        catalogue = knowledge.catalogue
        # Left out before ranking: what the person marked «Не подходит», and what their quiz
        # answers rule out («Не нравится» to the work itself).
        hidden = await self._uow.feedback.hidden_items(user_id) | ruled_out_by_quiz(
            user.quiz_answers, catalogue
        )
        sources = _sources(user)
        school = user.role in SCHOOL_ROLES
        region = catalogue.regions.get(user.region) if user.region else None
        programmes_nearby = bool(region and catalogue.centres_in_region(region.id))
        now = self._clock()
        today = local_today(now, user.timezone or (region.timezone if region else None))
        fits = () if school else eligibility(user)

        items: list[Suggestion] = []
        if sources:
            extra = len(hidden)  # each search reaches further, so the list is not shorter
            professions = await gather(
                knowledge,
                sources,
                Filters(kinds=PROFESSION_KINDS),
                top_n=MAX_PROFESSIONS + extra,
                riasec=user.riasec,
                hidden=hidden,
                floor=RELEVANCE_FLOOR,
            )
            programme_items: list[Suggestion] = []
            kinds = {ProgrammeKind.taster.value} if school else ADULT_PROGRAMME_KINDS
            prefer = frozenset(
                pair
                for key in fits
                for pair in (
                    ("audience", SITUATION_AUDIENCE[key]),
                    ("funding", "employment_support"),
                )
            )
            # Programmes for this person: their age group and situation (adapted ones and
            # those for 50+ only to whom they are meant), held in their region...
            programme_filters = Filters(
                kinds=frozenset({"programme"}),
                audience=offered_audiences(user),
                starts_after=today,
                facets={"programme_kind": frozenset(kinds)},
                strict=True,
            )
            if region is not None and programmes_nearby:
                programmes = await gather(
                    knowledge,
                    sources,
                    replace(programme_filters, regions=frozenset({region.id})),
                    top_n=MAX_PROGRAMMES + extra,
                    riasec=user.riasec,
                    hidden=hidden,
                    prefer=prefer,
                    floor=RELEVANCE_FLOOR,
                )
                programme_items = pool_suggestions(knowledge, programmes, MAX_PROGRAMMES, now)
            # ...and online ones from anywhere, which anyone can attend.
            online = await gather(
                knowledge,
                sources,
                replace(programme_filters, formats=frozenset({"online"})),
                top_n=MAX_ONLINE + MAX_PROGRAMMES + extra,
                riasec=user.riasec,
                hidden=hidden,
                prefer=prefer,
                floor=RELEVANCE_FLOOR,
            )
            titles = {item.title for item in programme_items}
            added = 0
            for item in pool_suggestions(knowledge, online, MAX_ONLINE + MAX_PROGRAMMES, now):
                if added == MAX_ONLINE:
                    break
                if item.title not in titles:  # the region's own course of that name is shown
                    programme_items.append(item)
                    titles.add(item.title)
                    added += 1
            profession_items = pool_suggestions(knowledge, professions, MAX_PROFESSIONS, now)
            if school:
                # Professions to discover first, then профпробы to try them with one's hands.
                items = [*profession_items, *programme_items]
            else:
                items = _interleave(profession_items, programme_items)

        pages = max(1, -(-len(items) // PAGE_SIZE))
        page = min(max(page, 0), pages - 1)
        nearby: tuple[Listed, ...] = ()
        if school and region is not None and page == 0:
            nearby = _nearby_events(catalogue, now, region.id)
        shown = tuple(items[page * PAGE_SIZE : (page + 1) * PAGE_SIZE])
        await record_step(self._uow, user_id, Step.SUGGESTIONS, now)
        await record_step(self._uow, user_id, Step.SUGGESTED, now, (i.item_id for i in shown))
        await self._uow.commit()
        return RecommendationPage(
            items=shown,
            page=page,
            pages=pages,
            total=len(items),
            audience="school" if school else "adult",
            region_name=region.name if region else None,
            region_name_en=region.name_en if region else "",
            has_region=region is not None,
            programmes_nearby=programmes_nearby,
            profile_empty=not sources,
            eligibility=fits,
            nearby_events=nearby,
        )

    async def similar(self, user_id: int, reference: str) -> SimilarItems:
        """«Похожие»: the item's nearest neighbours in meaning (its own vectors; the same
        industry first among near-equals). For a profession, professions and specialties;
        for a programme, programmes this person may take: for their age group and
        situation, held in their region or online."""
        knowledge = await self._knowledge.get()
        item_id = resolve_reference(knowledge, reference)
        catalogue = knowledge.catalogue
        user = await consented_user(self._uow, user_id)
        hidden: set[str] = set()
        if user is not None:
            hidden = await self._uow.feedback.hidden_items(user_id) | ruled_out_by_quiz(
                user.quiz_answers, catalogue
            )
        region = user.region if user and user.region else None

        def reachable(found_id: str) -> bool:
            """A programme held in the person's region, or online; a trade is everywhere."""
            programme = catalogue.programmes.get(found_id)
            if programme is None or region is None or programme.format.value == "online":
                return True
            centre = catalogue.centres.get(programme.centre)
            return centre is not None and centre.region == region

        if item_id in catalogue.professions:
            title = catalogue.professions[item_id].title
            title_en = catalogue.professions[item_id].title_en
            filters = Filters(kinds=PROFESSION_KINDS)
        elif item_id in catalogue.programmes:
            title = catalogue.programmes[item_id].title
            title_en = catalogue.programmes[item_id].title_en
            filters = Filters(
                kinds=frozenset({"programme"}),
                audience=offered_audiences(user) if user else frozenset(),
                strict=True,
            )
        else:
            raise DomainError("button-outdated")
        neighbours = await knowledge.neighbours(
            item_id, filters=filters, top_n=SIMILAR_POOL + len(hidden)
        )
        now = self._clock()
        # One of each title: the same course held by several centres is one suggestion.
        seen = {title}
        items = []
        closest: float | None = None
        for hit in neighbours:
            if hit.id in hidden or hit.title in seen or not reachable(hit.id):
                continue
            closest = hit.score if closest is None else closest
            if hit.score < closest - SIMILAR_SPAN:
                break  # what follows is only «the least far», not similar
            seen.add(hit.title)
            items.append(suggestion(knowledge, hit, now, like=title, like_en=title_en))
        return SimilarItems(
            title=title,
            ref=knowledge.reference(item_id),
            items=tuple(items[:SIMILAR_COUNT]),
            title_en=title_en,
        )


NEARBY_EVENTS = 3
NEARBY_WINDOW = timedelta(days=60)
NEARBY_KINDS = frozenset({EventKind.open_day.value, EventKind.taster_day.value})


def _nearby_events(catalogue: Catalogue, now: datetime, region_id: str) -> tuple[Listed, ...]:
    """Days a schoolchild can come and see the trade: open days and профпробы days held in
    their region within two months (nationwide events are not «nearby»)."""
    found = [
        item
        for item in upcoming(catalogue, now, region_id, EventFilter.ALL)
        if item.kind in NEARBY_KINDS
        and item.region is not None
        and item.starts_at - now <= NEARBY_WINDOW
    ]
    return tuple(found[:NEARBY_EVENTS])


def _sources(user: UserRecord) -> list[Source]:
    """What to search for this user: their own words, their interests, else the quiz."""
    sources: list[Source] = []
    if user.about and user.about.strip():
        sources.append((OWN_WORDS, user.about.strip()))
    interests = interest_words()
    for key in user.interests:
        if key in interests:
            sources.append((key, interests[key]))
    if not sources and user.riasec and len(user.riasec) == 6:
        ranked = sorted(zip("RIASEC", user.riasec, strict=True), key=lambda p: -p[1])
        riasec = riasec_words()
        words = ", ".join(riasec[letter] for letter, score in ranked[:2] if score > 0)
        if words:
            sources.append((QUIZ, words))
    return sources[:MAX_SOURCES]


def _interleave(first: Sequence[Suggestion], second: Sequence[Suggestion]) -> list[Suggestion]:
    merged: list[Suggestion] = []
    for position in range(max(len(first), len(second))):
        merged.extend(items[position] for items in (first, second) if position < len(items))
    return merged
