"""Questions in the user's own words: an FAQ answer, catalogue items, or a clarifying question."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from bot.services.analytics.gaps import scrub
from bot.services.catalogue_rules import consented_user, offered_audiences
from bot.services.clock import Clock, utc_now
from bot.services.consent import require_consent
from bot.services.errors import DomainError
from bot.services.knowledge_base import KnowledgeBase, KnowledgeSource
from bot.services.language import written_language
from bot.services.ports import UnitOfWork, UserRecord
from bot.services.query_reading import ReadQuery, asks_for_courses, read_query
from bot.services.suggestions import (
    OWN_WORDS,
    PROFESSION_KINDS,
    RELEVANCE_FLOOR,
    Source,
    Suggestion,
    gather,
    pool_suggestions,
)
from bot.services.vocabulary import interest_words
from knowledge import entity_id
from knowledge.models import FaqEntry
from matching import Filters

QUESTION_LIMIT = 1000
# Score points a course held in the person's region gets over an online one elsewhere.
NEARBY_BONUS = 0.3
ANSWER_COUNT = 5


@dataclass(frozen=True, slots=True)
class Answer:
    """What to say to a free question."""

    kind: Literal["faq", "catalogue", "clarify", "unsure", "nothing", "consent"]
    truncated: bool
    faq: FaqEntry | None = None  # the entry that answers it (the view picks the language)
    items: tuple[Suggestion, ...] = ()
    has_consent: bool = False
    onboarded: bool = False
    # The language the text seems written in, when it is not the interface's ("en" or "ru").
    written_in: str | None = None
    # For «nothing»: what was asked that nothing in the catalogue offers («free», «online»).
    missing: str | None = None


class QuestionService:
    def __init__(self, uow: UnitOfWork, knowledge: KnowledgeSource, clock: Clock = utc_now) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._clock = clock

    async def answer(self, user_id: int, text: str, interface: str = "ru") -> Answer:
        """The answer to a free text; it also notes a text written in the other language."""
        # The search still runs: the encoders are multilingual and may find the right thing.
        answer = await self._answer(user_id, text)
        return replace(answer, written_in=written_language(text, interface))

    async def _answer(self, user_id: int, text: str) -> Answer:
        truncated = len(text) > QUESTION_LIMIT
        question = text[:QUESTION_LIMIT]
        read = read_query(question)
        knowledge = await self._knowledge.get()
        user = await consented_user(self._uow, user_id)
        onboarded = bool(user and user.onboarded_at)
        if read.dont_know:
            # «Не знаю» is a request for help choosing, not words to look for.
            return Answer(
                kind="unsure",
                truncated=truncated,
                has_consent=user is not None,
                onboarded=onboarded,
            )
        if user is not None and not read.has_topic and (read.free_only or read.online):
            # Only filters («покажи только бесплатные»): the person's interests are the topic,
            # and when nothing fits, the answer says so instead of searching the filter words.
            fitting = await self._catalogue_answer(knowledge, user, _interests_of(user), read)
            return Answer(
                kind="catalogue" if fitting else "nothing",
                truncated=truncated,
                items=tuple(fitting),
                has_consent=True,
                onboarded=onboarded,
                missing=None if fitting else ("free" if read.free_only else "online"),
            )
        riasec = user.riasec if user else None
        result = await knowledge.search(question, top_n=ANSWER_COUNT, riasec=riasec)
        best = result.hits[0] if result.hits else None
        # A confident engine with no shared word anywhere is a guess (keyboard mashing).
        confident = result.confident and any(hit.reason.matched_words for hit in result.hits)
        if confident and best is not None and best.kind == "faq" and (read.refused or read.past):
            # A refused clause or a past job is not what is asked: the FAQ must answer what
            # is left («математику не люблю, люблю сочинять тексты» once got the FAQ on the
            # bot's languages, by «не» and «тексты»).
            again = await knowledge.search(read.topic, top_n=1, riasec=riasec)
            best = again.hits[0] if again.confident and again.hits else None
        if confident and best is not None and best.kind == "faq":
            entry = knowledge.catalogue.faq.get(best.id)
            if entry is not None:
                return Answer(
                    kind="faq",
                    truncated=truncated,
                    faq=entry,
                    has_consent=user is not None,
                    onboarded=onboarded,
                )
        if user is None:
            # Before consent only general questions: nothing is searched for a person.
            kind: Literal["consent", "clarify"] = "consent" if confident else "clarify"
            return Answer(kind=kind, truncated=truncated)
        items: list[Suggestion] = []
        if confident:
            # What is searched is what the person wants: not what they refuse, not the job
            # they are leaving, not the words that only set a filter, not a place (which
            # chooses the region of the programmes instead).
            topic = read.topic if read.has_topic else question
            place, without_place = knowledge.places.found_in(topic)
            # Words the catalogue knows, beyond «курсы» (a trade, a subject): a course is
            # then an answer only if it is about them.
            named = any(
                not asks_for_courses(word)
                for hit in result.hits
                for word in hit.reason.matched_words
            )
            items = await self._catalogue_answer(
                knowledge, user, [(OWN_WORDS, without_place or topic)], read, place, named=named
            )
        if not items and read.courses:
            # Courses asked for in words the catalogue does not know («попробовать себя в
            # профессии руками»): courses for the person's interests.
            items = await self._catalogue_answer(knowledge, user, _interests_of(user), read)
        if not items:
            await self._note_gap(question, user)
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

    async def _note_gap(self, question: str, user: UserRecord) -> None:
        """A question the catalogue could not answer well, for staff (/gaps): its text only,
        scrubbed of contacts and numbers, with the region; the person consented (152-FZ)."""
        text = scrub(question)
        if text is not None:
            await self._uow.gaps.add(text, user.region, self._clock())
            await self._uow.commit()

    async def topic(self, user_id: int, interest: str) -> Answer:
        """Professions and programmes for one interest button of the clarifying question."""
        words = interest_words().get(interest)
        if words is None:
            raise DomainError("button-outdated")
        user = await require_consent(self._uow, user_id)
        knowledge = await self._knowledge.get()
        items = await self._catalogue_answer(knowledge, user, [(interest, words)], ReadQuery(""))
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
        sources: Sequence[Source],
        read: ReadQuery,
        place: str | None = None,
        *,
        named: bool = False,
    ) -> list[Suggestion]:
        """`named`: the person's words name something the catalogue knows (a trade, a
        subject), so a course is an answer only if it is about those words."""
        hidden = await self._uow.feedback.hidden_items(user.telegram_id)
        if read.past:
            # The job being left is experience, not an answer.
            hidden |= {
                entity_id(entity)
                for _, entity in knowledge.catalogue.iter_entities()
                if read.left_behind(str(getattr(entity, "title", "")))
                or read.left_behind(str(getattr(entity, "title_en", "")))
            }
        region = place or (user.region if user.region in knowledge.catalogue.regions else None)
        # Programmes are for this person: their age group and situation (or what they asked
        # about), free of charge or online when they said so.
        for_person = Filters(
            kinds=frozenset({"programme"}),
            audience=offered_audiences(user, " ".join(query for _, query in sources)),
            free_only=read.free_only,
        )
        now = self._clock()
        if read.courses:
            # Courses asked for: the region's and online ones from anywhere (anyone can
            # attend them), the closest first with a nudge for nearby; online asked: only
            # online. A trade is offered only if no course is.
            ranked: list[tuple[float, Suggestion]] = []
            lists = [(replace(for_person, formats=frozenset({"online"})), 0.0)]
            if region is not None and not read.online:
                lists.append((replace(for_person, regions=frozenset({region})), NEARBY_BONUS))
            for narrowed, bonus in lists:
                pool = await gather(
                    knowledge,
                    sources,
                    narrowed,
                    top_n=ANSWER_COUNT + len(hidden),
                    riasec=user.riasec,
                    hidden=hidden,
                    floor=RELEVANCE_FLOOR,
                )
                for item in pool_suggestions(knowledge, pool, ANSWER_COUNT, now):
                    ranked.append((pool.hits[item.item_id].score + bonus, item))
            found: list[Suggestion] = []
            for _, item in sorted(ranked, key=lambda pair: -pair[0]):
                if item.title not in {shown.title for shown in found}:
                    found.append(item)
            if named:
                # Only courses about what was asked: none here or online («welding courses»
                # where no welding is taught), and the trade and where it is taught answer.
                found = [item for item in found if item.own_words]
                if found:
                    return found[:ANSWER_COUNT]
            elif found or read.free_only or read.online:
                return found[:ANSWER_COUNT]
        kinds = set(PROFESSION_KINDS) | ({"programme"} if region else set())
        pool = await gather(
            knowledge,
            sources,
            replace(
                for_person,
                kinds=frozenset(kinds),
                regions=frozenset({region}) if region else frozenset(),
            ),
            top_n=ANSWER_COUNT + len(hidden),
            riasec=user.riasec,
            hidden=hidden,
            floor=RELEVANCE_FLOOR,
        )
        return pool_suggestions(knowledge, pool, ANSWER_COUNT, now)


def _interests_of(user: UserRecord) -> list[Source]:
    words = interest_words()
    return [(key, words[key]) for key in user.interests if key in words]
