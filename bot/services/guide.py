"""Recommendations, catalogue cards, feedback and free questions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.services.accounts import PERSONAL_DATA, POLICY_VERSION
from bot.services.clock import Clock, utc_now
from bot.services.errors import DomainError
from bot.services.knowledge_base import KnowledgeBase, KnowledgeSource
from bot.services.ports import UnitOfWork, UserRecord
from knowledge.models import (
    Centre,
    Competency,
    FaqEntry,
    Profession,
    Programme,
    ProgrammeKind,
    Region,
)
from matching import Filters, Hit, Reason

PAGE_SIZE = 5
QUESTION_LIMIT = 1000
MAX_PROFESSIONS = 10
MAX_PROGRAMMES = 10
MAX_SOURCES = 6  # the user's own words plus up to five interests: one search each
SIMILAR_COUNT = 5
ANSWER_COUNT = 5
CARD_PROGRAMMES = 5
OWN_WORDS_SHOWN = 3
QUOTE_LIMIT = 40
OWN_WORDS = ""  # a source key: what the user wrote
QUIZ = "quiz"  # a source key: words for the quiz's strongest types
FIT_BONUS = 0.5  # in z units of the fused score

PROFESSION_KINDS = frozenset({"profession", "specialty"})
ADULT_PROGRAMME_KINDS = frozenset(
    {
        ProgrammeKind.vocational_training.value,
        ProgrammeKind.upskilling.value,
        ProgrammeKind.retraining.value,
    }
)
SCHOOL_ROLES = frozenset({"school"})

# Each interest button becomes a short query in the words the catalogue uses.
INTEREST_WORDS: dict[str, str] = {
    "technology": "техника, механизмы, станки, ремонт оборудования и двигателей",
    "it": "компьютеры, программирование, информационные технологии, сети",
    "creative": "творчество, дизайн, рисование, фотография, мода",
    "people": "работа с людьми, помогать людям, общение, обучать, заботиться",
    "nature": "природа, животные, растения, сельское хозяйство, экология",
    "medicine": "медицина, здоровье, лечить людей, уход за больными",
    "business": "бизнес, торговля, продажи, экономика, финансы",
    "construction": "строительство, стройка, ремонт и отделка зданий",
    "transport": "транспорт, автомобили, водитель, поезда, логистика",
    "food_service": "кулинария, повар, готовить еду, кондитер, общепит",
    "beauty": "красота, парикмахер, маникюр, косметология, стиль",
    "science": "наука, опыты, лаборатория, химия, исследования",
}
# When the user gave nothing but the quiz, its strongest types speak for them.
RIASEC_WORDS: dict[str, str] = {
    "R": "работа руками, техника, оборудование",
    "I": "исследовать, анализировать, лаборатория",
    "A": "творчество, дизайн, искусство",
    "S": "помогать людям, обучать, заботиться",
    "E": "руководить, продавать, предпринимательство",
    "C": "документы, учёт, порядок, данные",
}
# Words the search engine's «needs» rules know: they nudge toward fitting programmes.
SITUATION_WORDS: dict[str, str] = {
    "unemployed": "безработный",
    "pre_pension": "предпенсионер пенсионер",
    "childcare_leave": "декрет",
    "disability": "инвалидность",
}
SITUATION_AUDIENCE: dict[str, str] = {
    "unemployed": "unemployed",
    "pre_pension": "seniors",
    "childcare_leave": "parents_on_leave",
    "disability": "disabled",
}
# Situations under which «Содействие занятости» may pay for training (a hint, not a ruling).
ELIGIBLE_SITUATIONS = ("unemployed", "pre_pension", "childcare_leave", "disability")
UNFIT_REASONS = ("boring", "physical", "far", "other")

ItemKind = Literal["profession", "specialty", "programme"]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One item of a list, with what the bot needs to say why and to draw its buttons."""

    item_id: str
    ref: str
    kind: str
    title: str
    reason: Reason
    interests: tuple[str, ...] = ()  # interest keys that led here
    own_words: tuple[str, ...] = ()  # the user's words that matched
    like: str | None = None  # for «похожие»: the title it is similar to
    programme_kind: str | None = None
    centre: str | None = None  # a programme's centre, short name
    next_start: date | None = None
    free: bool | None = None
    price_rub: int | None = None
    free_places: bool = False  # a paid programme some people attend for free


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

    @property
    def has_previous(self) -> bool:
        return self.page > 0

    @property
    def has_next(self) -> bool:
        return self.page + 1 < self.pages


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
class SimilarItems:
    title: str
    ref: str
    items: tuple[Suggestion, ...]


@dataclass(frozen=True, slots=True)
class Answer:
    """What to say to a free question."""

    kind: Literal["faq", "catalogue", "clarify", "consent"]
    truncated: bool
    question: str | None = None  # the FAQ entry's question
    text: str | None = None  # the FAQ answer in the user's language
    items: tuple[Suggestion, ...] = ()
    has_consent: bool = False
    onboarded: bool = False


@dataclass
class _Pool:
    """Hits gathered from several searches, each remembering which source found it."""

    hits: dict[str, Hit] = field(default_factory=dict)
    interests: dict[str, list[str]] = field(default_factory=dict)
    own: dict[str, list[str]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


class GuideService:
    def __init__(self, uow: UnitOfWork, knowledge: KnowledgeSource, clock: Clock = utc_now) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._clock = clock

    # -- helpers ------------------------------------------------------------------------

    async def _consented_user(self, user_id: int) -> UserRecord | None:
        user = await self._uow.users.get(user_id)
        if user is None:
            return None
        consent = await self._uow.consents.active(user_id, PERSONAL_DATA)
        if consent is None or consent.version != POLICY_VERSION:
            return None
        return user

    async def _require_user(self, user_id: int) -> UserRecord:
        user = await self._consented_user(user_id)
        if user is None:
            raise DomainError("consent-required")
        return user

    def _today(self, timezone: str | None) -> date:
        now = self._clock()
        zone = _zone(timezone)
        return (now.astimezone(zone) if zone else now).date()

    def _centre_today(self, knowledge: KnowledgeBase, centre_id: str) -> date:
        centre = knowledge.catalogue.centres.get(centre_id)
        return self._today(centre.timezone if centre else None)

    @staticmethod
    def _resolve(knowledge: KnowledgeBase, reference: str) -> str:
        item_id = knowledge.resolve(reference) if reference else None
        if item_id is None:
            raise DomainError("button-outdated")
        return item_id

    def _suggestion(
        self,
        knowledge: KnowledgeBase,
        hit: Hit,
        *,
        interests: Sequence[str] = (),
        own_words: Sequence[str] = (),
        like: str | None = None,
    ) -> Suggestion:
        programme = knowledge.catalogue.programmes.get(hit.id) if hit.kind == "programme" else None
        centre = knowledge.catalogue.centres.get(programme.centre) if programme else None
        next_start = None
        if programme is not None:
            today = self._centre_today(knowledge, programme.centre)
            next_start = min((d for d in programme.start_dates if d >= today), default=None)
        return Suggestion(
            item_id=hit.id,
            ref=knowledge.reference(hit.id),
            kind=hit.kind,
            title=hit.title,
            reason=hit.reason,
            interests=tuple(interests),
            own_words=tuple(own_words[:OWN_WORDS_SHOWN]),
            like=like,
            programme_kind=programme.kind.value if programme else None,
            centre=centre.short_name if centre else None,
            next_start=next_start,
            free=programme.is_free if programme else None,
            price_rub=programme.price_rub if programme else None,
            free_places=bool(programme and not programme.is_free and _has_free_funding(programme)),
        )

    @staticmethod
    def _sources(user: UserRecord) -> list[tuple[str, str]]:
        """(interest key, OWN_WORDS or QUIZ; query) — one search each."""
        sources: list[tuple[str, str]] = []
        if user.about and user.about.strip():
            sources.append((OWN_WORDS, user.about.strip()))
        for key in user.interests:
            if key in INTEREST_WORDS:
                sources.append((key, INTEREST_WORDS[key]))
        if not sources and user.riasec and len(user.riasec) == 6:
            ranked = sorted(zip("RIASEC", user.riasec, strict=True), key=lambda p: -p[1])
            words = ", ".join(RIASEC_WORDS[letter] for letter, score in ranked[:2] if score > 0)
            if words:
                sources.append((QUIZ, words))
        return sources[:MAX_SOURCES]

    async def _gather(
        self,
        knowledge: KnowledgeBase,
        sources: Sequence[tuple[str, str]],
        filters: Filters,
        *,
        top_n: int,
        riasec: Sequence[float] | None,
        hidden: set[str],
        suffix: str = "",
        prefer: frozenset[tuple[str, str]] = frozenset(),
    ) -> _Pool:
        """One search per source, merged round-robin so each interest gets its share."""
        pool = _Pool()
        ranked_lists: list[tuple[str, str, list[Hit]]] = []
        for key, query in sources:
            result = await knowledge.search(
                f"{query} {suffix}".strip(), filters=filters, top_n=top_n, riasec=riasec
            )
            hits = [hit for hit in result.hits if hit.id not in hidden]
            if prefer:
                # Programmes whose audience or funding fits the user's situation rank higher.
                # A nudge, not a filter: relevance still leads.
                hits.sort(
                    key=lambda hit: -(hit.score + FIT_BONUS * bool(set(hit.reason.facets) & prefer))
                )
            ranked_lists.append((key, query, hits))
        depth = max((len(hits) for _, _, hits in ranked_lists), default=0)
        for position in range(depth):
            for key, query, hits in ranked_lists:
                if position >= len(hits):
                    continue
                hit = hits[position]
                if hit.id not in pool.hits:
                    pool.hits[hit.id] = hit
                    pool.order.append(hit.id)
                if key == OWN_WORDS:
                    words = pool.own.setdefault(hit.id, [])
                    said = [f"«{w}»" for w in hit.reason.matched_words] or [_quote(query)]
                    words.extend(w for w in said if w not in words)
                elif key != QUIZ:
                    keys = pool.interests.setdefault(hit.id, [])
                    if key not in keys:
                        keys.append(key)
        return pool

    def _pool_suggestions(
        self, knowledge: KnowledgeBase, pool: _Pool, limit: int
    ) -> list[Suggestion]:
        return [
            self._suggestion(
                knowledge,
                pool.hits[item_id],
                interests=pool.interests.get(item_id, ()),
                own_words=pool.own.get(item_id, ()),
            )
            for item_id in pool.order[:limit]
        ]

    @staticmethod
    def eligibility(user: UserRecord) -> tuple[str, ...]:
        """Situations under which free retraining may be possible; a hint for the user."""
        found = [key for key in ELIGIBLE_SITUATIONS if key in user.situations]
        if user.role == "senior" and "pre_pension" not in found:
            found.append("pre_pension")
        return tuple(found)

    # -- the list -----------------------------------------------------------------------

    async def recommend(self, user_id: int, page: int = 0) -> RecommendationPage:
        user = await self._require_user(user_id)
        knowledge = await self._knowledge.get()
        catalogue = knowledge.catalogue
        hidden = await self._uow.feedback.hidden_items(user_id)
        sources = self._sources(user)
        school = user.role in SCHOOL_ROLES
        region = catalogue.regions.get(user.region) if user.region else None
        programmes_nearby = bool(region and catalogue.centres_in_region(region.id))
        today = self._today(user.timezone or (region.timezone if region else None))
        eligibility = () if school else self.eligibility(user)

        items: list[Suggestion] = []
        if sources:
            extra = len(hidden)
            professions = await self._gather(
                knowledge,
                sources,
                Filters(kinds=PROFESSION_KINDS),
                top_n=MAX_PROFESSIONS + extra,
                riasec=user.riasec,
                hidden=hidden,
            )
            programme_items: list[Suggestion] = []
            if region is not None and programmes_nearby:
                kinds = {ProgrammeKind.taster.value} if school else ADULT_PROGRAMME_KINDS
                audience = {"school"} if school else set()
                prefer = frozenset(
                    pair
                    for key in eligibility
                    for pair in (
                        ("audience", SITUATION_AUDIENCE[key]),
                        ("funding", "employment_support"),
                    )
                )
                suffix = " ".join(SITUATION_WORDS[key] for key in eligibility)
                programmes = await self._gather(
                    knowledge,
                    sources,
                    Filters(
                        kinds=frozenset({"programme"}),
                        regions=frozenset({region.id}),
                        audience=frozenset(audience),
                        starts_after=today,
                        facets={"programme_kind": frozenset(kinds)},
                        strict=True,
                    ),
                    top_n=MAX_PROGRAMMES + extra,
                    riasec=user.riasec,
                    hidden=hidden,
                    suffix=suffix,
                    prefer=prefer,
                )
                programme_items = self._pool_suggestions(knowledge, programmes, MAX_PROGRAMMES)
            profession_items = self._pool_suggestions(knowledge, professions, MAX_PROFESSIONS)
            if school:
                # Professions to discover first, then профпробы to try them with one's hands.
                items = [*profession_items, *programme_items]
            else:
                items = _interleave(profession_items, programme_items)

        pages = max(1, -(-len(items) // PAGE_SIZE))
        page = min(max(page, 0), pages - 1)
        return RecommendationPage(
            items=tuple(items[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]),
            page=page,
            pages=pages,
            total=len(items),
            audience="school" if school else "adult",
            region_name=region.name if region else None,
            region_name_en=region.name_en if region else "",
            has_region=region is not None,
            programmes_nearby=programmes_nearby,
            profile_empty=not sources,
            eligibility=eligibility,
        )

    # -- cards --------------------------------------------------------------------------

    async def card(self, user_id: int, reference: str) -> Card:
        knowledge = await self._knowledge.get()
        item_id = self._resolve(knowledge, reference)
        user = await self._consented_user(user_id)
        catalogue = knowledge.catalogue
        ref = knowledge.reference(item_id)
        if item_id in catalogue.professions:
            return self._profession_card(knowledge, catalogue.professions[item_id], ref, user)
        if item_id in catalogue.programmes:
            programme = catalogue.programmes[item_id]
            centre = catalogue.centres.get(programme.centre)
            today = self._centre_today(knowledge, programme.centre)
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
                eligibility=self.eligibility(user)
                if user is not None and _employment_support(programme)
                else (),
                has_consent=user is not None,
            )
        if item_id in catalogue.faq:
            return FaqCard(entry=catalogue.faq[item_id], ref=ref)
        raise DomainError("button-outdated")

    def _profession_card(
        self,
        knowledge: KnowledgeBase,
        profession: Profession,
        ref: str,
        user: UserRecord | None,
    ) -> ProfessionCard:
        catalogue = knowledge.catalogue
        region = catalogue.regions.get(user.region) if user and user.region else None
        today = self._today(
            (user.timezone if user else None) or (region.timezone if region else None)
        )
        is_school = user is not None and user.role in SCHOOL_ROLES
        options: list[StudyOption] = []
        elsewhere = 0
        for programme in catalogue.programmes_for_profession(profession.id):
            centre = catalogue.centres.get(programme.centre)
            starts = [d for d in programme.start_dates if d >= today]
            if region is None or centre is None or centre.region != region.id:
                elsewhere += 1
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
        options.sort(
            key=lambda o: (o.next_start is None, o.next_start or date.max, o.programme.title)
        )
        centres: list[Centre] = []
        if region is not None:
            with_programmes = {o.centre.id for o in options if o.centre}
            in_region = catalogue.centres_in_region(region.id)
            centres = [c for c in in_region if c.id in with_programmes] or in_region
        return ProfessionCard(
            profession=profession,
            ref=ref,
            region=region,
            centres=tuple(centres),
            options=tuple(options[:CARD_PROGRAMMES]),
            options_elsewhere=elsewhere,
            competencies=tuple(catalogue.competencies_for_profession(profession.id)),
            has_consent=user is not None,
        )

    # -- actions on cards ---------------------------------------------------------------

    async def similar(self, user_id: int, reference: str) -> SimilarItems:
        knowledge = await self._knowledge.get()
        item_id = self._resolve(knowledge, reference)
        catalogue = knowledge.catalogue
        user = await self._consented_user(user_id)
        hidden = await self._uow.feedback.hidden_items(user_id) if user else set()
        if item_id in catalogue.professions:
            profession = catalogue.professions[item_id]
            title = profession.title
            synonyms = ", ".join(profession.synonyms[:3])
            query = f"{profession.title}. {synonyms}. {profession.description[:300]}"
            filters = Filters(kinds=PROFESSION_KINDS)
        elif item_id in catalogue.programmes:
            programme = catalogue.programmes[item_id]
            title = programme.title
            linked = [
                catalogue.professions[pid].title
                for pid in programme.professions
                if pid in catalogue.professions
            ]
            query = f"{programme.title}. {', '.join(linked)}"
            region = user.region if user and user.region else None
            filters = Filters(
                kinds=frozenset({"programme"}),
                regions=frozenset({region}) if region else frozenset(),
                facets={"programme_kind": frozenset({programme.kind.value})},
            )
        else:
            raise DomainError("button-outdated")
        result = await knowledge.search(
            query,
            filters=filters,
            top_n=SIMILAR_COUNT + len(hidden) + 1,
            riasec=user.riasec if user else None,
        )
        items = [
            self._suggestion(knowledge, hit, like=title)
            for hit in result.hits
            if hit.id != item_id and hit.id not in hidden and hit.title != title
        ]
        return SimilarItems(
            title=title, ref=knowledge.reference(item_id), items=tuple(items[:SIMILAR_COUNT])
        )

    async def vote(self, user_id: int, reference: str, vote: int) -> str:
        """👍 (+1) or 👎 (-1) on an item; returns its title. A repeat just stays as it is."""
        return await self._store_vote(user_id, reference, 1 if vote > 0 else -1, None)

    async def mark_unfit(self, user_id: int, reference: str, reason: str | None = None) -> str:
        """«Не подходит»: the item is never suggested to this user again; returns its title."""
        if reason is not None and reason not in UNFIT_REASONS:
            raise DomainError("button-outdated")
        return await self._store_vote(user_id, reference, -1, reason)

    async def _store_vote(self, user_id: int, reference: str, vote: int, reason: str | None) -> str:
        knowledge = await self._knowledge.get()
        item_id = self._resolve(knowledge, reference)
        title = _title_of(knowledge, item_id)
        if title is None:
            raise DomainError("button-outdated")
        await self._require_user(user_id)
        await self._uow.feedback.set_vote(user_id, item_id, vote, reason, self._clock())
        await self._uow.commit()
        return title

    # -- free questions -----------------------------------------------------------------

    async def answer(self, user_id: int, text: str, language: str = "ru") -> Answer:
        truncated = len(text) > QUESTION_LIMIT
        question = text[:QUESTION_LIMIT]
        knowledge = await self._knowledge.get()
        user = await self._consented_user(user_id)
        riasec = user.riasec if user else None
        result = await knowledge.search(question, top_n=ANSWER_COUNT, riasec=riasec)
        best = result.hits[0] if result.hits else None
        # A confident engine with no shared word anywhere is a guess (keyboard mashing).
        confident = result.confident and any(hit.reason.matched_words for hit in result.hits)
        onboarded = bool(user and user.onboarded_at)
        if confident and best is not None and best.kind == "faq":
            entry = knowledge.catalogue.faq.get(best.id)
            if entry is not None:
                return Answer(
                    kind="faq",
                    truncated=truncated,
                    question=entry.question,
                    text=entry.answer_en if language == "en" else entry.answer,
                    has_consent=user is not None,
                    onboarded=onboarded,
                )
        if user is None:
            # Before consent only general questions: nothing is searched for a person.
            kind: Literal["consent", "clarify"] = "consent" if confident else "clarify"
            return Answer(kind=kind, truncated=truncated)
        if not confident:
            return Answer(
                kind="clarify", truncated=truncated, has_consent=True, onboarded=onboarded
            )
        items = await self._catalogue_answer(knowledge, user, [(OWN_WORDS, question)])
        if not items:
            return Answer(
                kind="clarify", truncated=truncated, has_consent=True, onboarded=onboarded
            )
        return Answer(
            kind="catalogue",
            truncated=truncated,
            items=tuple(items),
            has_consent=True,
            onboarded=onboarded,
        )

    async def topic(self, user_id: int, interest: str) -> Answer:
        """Professions and programmes for one interest button of the clarifying question."""
        if interest not in INTEREST_WORDS:
            raise DomainError("button-outdated")
        user = await self._require_user(user_id)
        knowledge = await self._knowledge.get()
        items = await self._catalogue_answer(
            knowledge, user, [(interest, INTEREST_WORDS[interest])]
        )
        return Answer(
            kind="catalogue" if items else "clarify",
            truncated=False,
            items=tuple(items),
            has_consent=True,
            onboarded=user.onboarded_at is not None,
        )

    async def _catalogue_answer(
        self,
        knowledge: KnowledgeBase,
        user: UserRecord,
        sources: Sequence[tuple[str, str]],
    ) -> list[Suggestion]:
        hidden = await self._uow.feedback.hidden_items(user.telegram_id)
        region = user.region if user.region in knowledge.catalogue.regions else None
        kinds = set(PROFESSION_KINDS)
        if region:
            kinds.add("programme")
        filters = Filters(
            kinds=frozenset(kinds),
            regions=frozenset({region}) if region else frozenset(),
        )
        pool = await self._gather(
            knowledge,
            sources,
            filters,
            top_n=ANSWER_COUNT + len(hidden),
            riasec=user.riasec,
            hidden=hidden,
        )
        return self._pool_suggestions(knowledge, pool, ANSWER_COUNT)


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > QUOTE_LIMIT:
        text = text[:QUOTE_LIMIT].rsplit(" ", 1)[0] + "…"
    return f"«{text}»"


def _interleave(first: Sequence[Suggestion], second: Sequence[Suggestion]) -> list[Suggestion]:
    merged: list[Suggestion] = []
    for position in range(max(len(first), len(second))):
        merged.extend(items[position] for items in (first, second) if position < len(items))
    return merged


def _has_free_funding(programme: Programme) -> bool:
    return any(funding.value != "paid" for funding in programme.funding)


def _employment_support(programme: Programme) -> bool:
    return any(funding.value == "employment_support" for funding in programme.funding)


def _title_of(knowledge: KnowledgeBase, item_id: str) -> str | None:
    catalogue = knowledge.catalogue
    for mapping in (catalogue.professions, catalogue.programmes):
        entity = mapping.get(item_id)
        if entity is not None:
            return entity.title
    return None
