"""One suggested catalogue item, and how a user's searches become a list of them.

The suggestions list, «похожие» and answers to free questions all return `Suggestion`s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from bot.services.catalogue_rules import centre_today, has_free_funding
from bot.services.knowledge_base import KnowledgeBase
from matching import Filters, Hit, Reason

# Fused scores are standardised over the catalogue: below 0, an item fits the person's
# words less than an average item does, and a list is better shorter than padded with it.
RELEVANCE_FLOOR = 0.0
# How far below the best hit a list may reach when even the best is below the floor.
FLOOR_SPAN = 1.5
OWN_WORDS = ""  # a source key: what the user wrote
QUIZ = "quiz"  # a source key: words for the quiz's strongest types
OWN_WORDS_SHOWN = 3
FIT_BONUS = 0.5  # in z units of the fused score
PROFESSION_KINDS = frozenset({"profession", "specialty"})

# (interest key, OWN_WORDS or QUIZ; the query searched for it)
Source = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One item of a list, with what the bot needs to say why and to draw its buttons."""

    item_id: str
    ref: str
    kind: str
    title: str
    reason: Reason
    title_en: str = ""  # the catalogue's English title, when it has one
    interests: tuple[str, ...] = ()  # interest keys that led here
    # What the user wrote that led here: only words that really matched (none: no such reason).
    own_words: tuple[str, ...] = ()
    like: str | None = None  # for «похожие»: the title it is similar to
    like_en: str = ""  # ... and its English title, when the catalogue has one
    programme_kind: str | None = None
    centre: str | None = None  # a programme's centre, short name
    next_start: date | None = None
    free: bool | None = None
    price_rub: int | None = None
    free_places: bool = False  # a paid programme some people attend for free


@dataclass
class Pool:
    """Hits gathered from several searches, each remembering which source found it."""

    hits: dict[str, Hit] = field(default_factory=dict)
    interests: dict[str, list[str]] = field(default_factory=dict)
    own: dict[str, list[str]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)


async def gather(
    knowledge: KnowledgeBase,
    sources: Sequence[Source],
    filters: Filters,
    *,
    top_n: int,
    riasec: Sequence[float] | None,
    hidden: set[str],
    suffix: str = "",
    prefer: frozenset[tuple[str, str]] = frozenset(),
    floor: float | None = None,
) -> Pool:
    """One search per source, merged round-robin so each interest gets its share. With a
    `floor`, hits scored below it are left out: a long list should not be filled with
    whatever comes last (a forklift driver for «Компьютеры и IT»)."""
    pool = Pool()
    ranked_lists: list[tuple[str, list[Hit]]] = []
    for key, query in sources:
        result = await knowledge.search(
            f"{query} {suffix}".strip(), filters=filters, top_n=top_n, riasec=riasec
        )
        cut = None
        if floor is not None and result.hits:
            # Below the floor, unless the best hit itself is weak (a small catalogue, a rare
            # interest): then within FLOOR_SPAN of the best.
            cut = min(floor, result.hits[0].score - FLOOR_SPAN)
        hits = [
            hit for hit in result.hits if hit.id not in hidden and (cut is None or hit.score >= cut)
        ]
        if prefer:
            # Programmes whose audience or funding fits the user's situation rank higher.
            # A nudge, not a filter: relevance still leads.
            hits.sort(
                key=lambda hit: -(hit.score + FIT_BONUS * bool(set(hit.reason.facets) & prefer))
            )
        ranked_lists.append((key, hits))
    depth = max((len(hits) for _, hits in ranked_lists), default=0)
    for position in range(depth):
        for key, hits in ranked_lists:
            if position >= len(hits):
                continue
            hit = hits[position]
            if hit.id not in pool.hits:
                pool.hits[hit.id] = hit
                pool.order.append(hit.id)
            if key == OWN_WORDS:
                words = pool.own.setdefault(hit.id, [])
                # Only words that really matched and say something: an item with none gets
                # no made-up reason.
                quotable = knowledge.reason_words.quotable
                words.extend(w for w in hit.reason.matched_words if w not in words and quotable(w))
            elif key != QUIZ:
                keys = pool.interests.setdefault(hit.id, [])
                if key not in keys:
                    keys.append(key)
    return pool


def suggestion(
    knowledge: KnowledgeBase,
    hit: Hit,
    now: datetime,
    *,
    interests: Sequence[str] = (),
    own_words: Sequence[str] = (),
    like: str | None = None,
    like_en: str = "",
) -> Suggestion:
    programme = knowledge.catalogue.programmes.get(hit.id) if hit.kind == "programme" else None
    profession = knowledge.catalogue.professions.get(hit.id) if programme is None else None
    centre = knowledge.catalogue.centres.get(programme.centre) if programme else None
    next_start = None
    if programme is not None:
        today = centre_today(knowledge, programme.centre, now)
        next_start = min((d for d in programme.start_dates if d >= today), default=None)
    return Suggestion(
        item_id=hit.id,
        ref=knowledge.reference(hit.id),
        kind=hit.kind,
        title=hit.title,
        title_en=item.title_en if (item := programme or profession) is not None else "",
        reason=_true_reason(knowledge, hit.reason),
        interests=tuple(interests),
        own_words=tuple(own_words[:OWN_WORDS_SHOWN]),
        like=like,
        like_en=like_en,
        programme_kind=programme.kind.value if programme else None,
        centre=centre.short_name if centre else None,
        next_start=next_start,
        free=programme.is_free if programme else None,
        price_rub=programme.price_rub if programme else None,
        free_places=bool(programme and not programme.is_free and has_free_funding(programme)),
    )


def pool_suggestions(
    knowledge: KnowledgeBase, pool: Pool, limit: int, now: datetime
) -> list[Suggestion]:
    """The first `limit` items of the pool, in the order they were found."""
    return [
        suggestion(
            knowledge,
            pool.hits[item_id],
            now,
            interests=pool.interests.get(item_id, ()),
            own_words=pool.own.get(item_id, ()),
        )
        for item_id in pool.order[:limit]
    ]


def _true_reason(knowledge: KnowledgeBase, reason: Reason) -> Reason:
    """The reason without matched words that are places or say nothing (reason_words)."""
    quotable = knowledge.reason_words.quotable
    return replace(reason, matched_words=tuple(w for w in reason.matched_words if quotable(w)))
