"""An immutable in-memory view of the whole catalogue, with the look-ups the bot needs."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from types import MappingProxyType
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel

from knowledge.models import (
    SCHEMA_VERSION,
    Centre,
    Competency,
    Event,
    FaqEntry,
    Industry,
    Profession,
    ProfessionGroup,
    Programme,
    ProgrammeKind,
    Region,
)
from knowledge.riasec import OnetTable, RiasecProfile, derive_profile

Entity = (
    Industry
    | ProfessionGroup
    | Region
    | Profession
    | Competency
    | Centre
    | Programme
    | Event
    | FaqEntry
)

# Kind name → model, in dependency order (referenced kinds come first).
ENTITY_KINDS: Mapping[str, type[BaseModel]] = MappingProxyType(
    {
        "industries": Industry,
        "groups": ProfessionGroup,
        "regions": Region,
        "professions": Profession,
        "competencies": Competency,
        "centres": Centre,
        "programmes": Programme,
        "events": Event,
        "faq": FaqEntry,
    }
)


def entity_id(entity: BaseModel) -> str:
    """The stable id of any catalogue entity (a group's id is its code)."""
    if isinstance(entity, ProfessionGroup):
        return entity.code
    value = getattr(entity, "id", None)
    if not isinstance(value, str):
        raise TypeError(f"{type(entity).__name__} has no string id")
    return value


def _canonical_json(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def content_hash_of(entity: BaseModel) -> str:
    """sha256 of one record's canonical JSON; changes whenever any field changes."""
    payload = {"type": type(entity).__name__, "data": entity.model_dump(mode="json")}
    return hashlib.sha256(_canonical_json(payload)).hexdigest()


_TRANSLIT = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya",
    }
)  # fmt: skip
_NON_WORD = re.compile(r"[^\w]+")


def normalise_text(text: str) -> str:
    """Casefolded, ё→е, punctuation to single spaces: the form names are compared in."""
    folded = unicodedata.normalize("NFC", text).casefold().replace("ё", "е")
    return _NON_WORD.sub(" ", folded).strip()


class Upcoming(NamedTuple):
    """A programme and its next start date on or after the day asked about."""

    start: date
    programme: Programme


_K = TypeVar("_K")
_V = TypeVar("_V")


def _frozen(items: Mapping[_K, _V]) -> Mapping[_K, _V]:
    return MappingProxyType(dict(items))


@dataclass(frozen=True, eq=False)
class Catalogue:
    """All catalogue entities, by id. Build with :meth:`build`; never mutate.

    ``duplicates`` and ``origins`` remember what the loader saw, so that validation can
    name the file of a record and report ids that appeared twice (the first one wins).
    """

    industries: Mapping[str, Industry]
    groups: Mapping[str, ProfessionGroup]
    regions: Mapping[str, Region]
    professions: Mapping[str, Profession]
    competencies: Mapping[str, Competency]
    centres: Mapping[str, Centre]
    programmes: Mapping[str, Programme]
    events: Mapping[str, Event]
    faq: Mapping[str, FaqEntry]
    onet: OnetTable
    origins: Mapping[tuple[str, str], str] = field(default_factory=lambda: MappingProxyType({}))
    duplicates: tuple[tuple[str, str, str], ...] = ()  # (kind, id, file of the repeat)
    _index: _Index = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", _Index.build(self))

    def __repr__(self) -> str:
        sizes = ", ".join(f"{kind}={len(self.by_kind(kind))}" for kind in ENTITY_KINDS)
        return f"Catalogue({sizes})"

    @classmethod
    def build(
        cls,
        entities: Iterable[BaseModel],
        *,
        onet: OnetTable,
        files: Sequence[str] | None = None,
    ) -> Catalogue:
        """Sort entities into kinds by their class; a repeated id keeps the first record.

        ``files`` (parallel to ``entities``) names the data file of each record.
        """
        kind_of = {model: kind for kind, model in ENTITY_KINDS.items()}
        buckets: dict[str, dict[str, Any]] = {kind: {} for kind in ENTITY_KINDS}
        origins: dict[tuple[str, str], str] = {}
        duplicates: list[tuple[str, str, str]] = []
        for number, entity in enumerate(entities):
            kind = kind_of.get(type(entity))
            if kind is None:
                raise TypeError(f"not a catalogue entity: {type(entity).__name__}")
            key = entity_id(entity)
            file = files[number] if files is not None else ""
            if key in buckets[kind]:
                duplicates.append((kind, key, file))
                continue
            buckets[kind][key] = entity
            origins[(kind, key)] = file
        return cls(
            **{kind: _frozen(bucket) for kind, bucket in buckets.items()},
            onet=onet,
            origins=_frozen(origins),
            duplicates=tuple(duplicates),
        )

    # -- iteration and hashing -------------------------------------------------------

    def by_kind(self, kind: str) -> Mapping[str, BaseModel]:
        if kind not in ENTITY_KINDS:
            raise KeyError(f"unknown entity kind {kind!r}")
        result: Mapping[str, BaseModel] = getattr(self, kind)
        return result

    def iter_entities(self) -> Iterator[tuple[str, BaseModel]]:
        """(kind, entity) for every record, kinds in dependency order, ids sorted."""
        for kind in ENTITY_KINDS:
            records = self.by_kind(kind)
            for key in sorted(records):
                yield kind, records[key]

    def conflicting_ids(self) -> dict[str, tuple[str, ...]]:
        """Ids that cannot name one record, with the kinds holding each: an id shared by
        records of several kinds, and an empty id. The search engine indexes several kinds
        together and refuses to start on either."""
        holders: dict[str, list[str]] = {}
        for kind in ENTITY_KINDS:
            for key in self.by_kind(kind):
                holders.setdefault(key, []).append(kind)
        return {
            key: tuple(kinds) for key, kinds in holders.items() if len(kinds) > 1 or not key.strip()
        }

    def content_hash(self) -> str:
        """sha256 over a canonical JSON dump of every entity; stable across runs."""
        digest = hashlib.sha256(_canonical_json({"schema": SCHEMA_VERSION}))
        for kind, entity in self.iter_entities():
            digest.update(b"\n")
            digest.update(_canonical_json([kind, entity.model_dump(mode="json")]))
        return digest.hexdigest()

    def origin(self, kind: str, key: str) -> str:
        """The data file a record came from, relative to the data folder ('' if unknown)."""
        return self.origins.get((kind, key), "")

    # -- look-ups used by the bot ------------------------------------------------------

    def profile_of(self, profession_id: str) -> RiasecProfile:
        """The RIASEC profile of a profession. KeyError if unknown or its O*NET codes are."""
        profile = self._index.profiles.get(profession_id)
        if profile is None:
            if profession_id not in self.professions:
                raise KeyError(f"unknown profession {profession_id!r}")
            raise KeyError(f"profession {profession_id} has no O*NET code in the table")
        return profile

    def programmes_for_profession(self, profession_id: str) -> list[Programme]:
        return list(self._index.programmes_by_profession.get(profession_id, ()))

    def competencies_for_profession(self, profession_id: str) -> list[Competency]:
        return list(self._index.competencies_by_profession.get(profession_id, ()))

    def centres_in_region(self, region_id: str) -> list[Centre]:
        return list(self._index.centres_by_region.get(region_id, ()))

    def programmes_of_centre(self, centre_id: str) -> list[Programme]:
        return list(self._index.programmes_by_centre.get(centre_id, ()))

    def region_of_centre(self, centre_id: str) -> Region | None:
        centre = self.centres.get(centre_id)
        return None if centre is None else self.regions.get(centre.region)

    def upcoming_programmes(
        self,
        today: date,
        *,
        region: str | None = None,
        profession: str | None = None,
        kind: ProgrammeKind | None = None,
        within_days: int | None = None,
    ) -> list[Upcoming]:
        """Programmes with a start date on or after ``today``, soonest first."""
        found: list[Upcoming] = []
        for programme in self.programmes.values():
            if kind is not None and programme.kind is not kind:
                continue
            if profession is not None and profession not in programme.professions:
                continue
            if region is not None:
                centre = self.centres.get(programme.centre)
                if centre is None or centre.region != region:
                    continue
            starts = [d for d in programme.start_dates if d >= today]
            if not starts:
                continue
            start = min(starts)
            if within_days is not None and (start - today).days > within_days:
                continue
            found.append(Upcoming(start, programme))
        found.sort(key=lambda item: (item.start, item.programme.title, item.programme.id))
        return found

    def upcoming_events(self, now: datetime, *, region: str | None = None) -> list[Event]:
        """Events that have not ended by ``now`` (aware), soonest first.

        With a region, events held there plus those with no region (online, nationwide).
        """
        found = [
            event
            for event in self.events.values()
            if event.ends_at >= now and (region is None or event.region in (None, region))
        ]
        found.sort(key=lambda event: (event.starts_at, event.id))
        return found

    def region_search(self, text: str, *, typos: bool = False) -> list[Region]:
        """Regions matching free text, best first.

        Exact name, alias or id first; then name/alias prefixes (also in Latin letters, so
        «томск» and "tomsk" both find Томская область); then substrings of 3+ letters.
        With ``typos``, text that matches none of these is compared letter by letter with
        the distinctive words of names and aliases, so «оренбуг» finds Оренбургская область.
        """
        query = normalise_text(text)
        if not query:
            return []
        ranked: list[tuple[int, str, Region]] = []
        for region, keys in self._index.region_keys:
            rank = _match_rank(query, keys)
            if rank is not None:
                ranked.append((rank, region.name, region))
        if not ranked and typos:
            ranked = self._regions_near(query)
        ranked.sort(key=lambda item: (item[0], item[1]))
        return [region for _, _, region in ranked]

    def _regions_near(self, query: str) -> list[tuple[int, str, Region]]:
        """Regions with a word a typo or two away from a word of the query, nearest first."""
        budgets = {token: _typo_budget(token) for token in query.split()}
        budgets = {token: b for token, b in budgets.items() if len(token) >= _TYPO_MIN_LENGTH}
        ranked: list[tuple[int, str, Region]] = []
        for region, words in self._index.region_words:
            distances = [
                distance
                for token, budget in budgets.items()
                for word in words
                if (distance := _edit_distance(token, word, budget)) <= budget
            ]
            if distances:
                ranked.append((min(distances), region.name, region))
        return ranked

    def centre_search(self, text: str) -> list[Centre]:
        """Centres in the city or region that free text names: those in a named city first,
        then the other centres of the named regions; empty when no place is recognised.

        A city is compared word by word on stems, so the cases of a sentence find it («в
        оренбурге», «из томска», «в твери», «в ростове-на-дону»), and in Latin letters
        ("tomsk"). Regions are matched as :meth:`region_search` with typos matches them, on
        the text without prepositions and «г.», keeping only the best-ranked; when none
        match, forms it cannot read, such as «томской области» or «пермского края», are
        compared on stems with the distinctive words of region names and aliases.
        """
        words = normalise_text(text).split()
        found = {centre.id: centre for centre in self._centres_in_named_cities(words)}
        for region in self._regions_named(words):
            for centre in self.centres_in_region(region.id):
                found.setdefault(centre.id, centre)
        return list(found.values())

    def _centres_in_named_cities(self, words: Sequence[str]) -> list[Centre]:
        """Centres whose city the words name, the city named earliest in the text first."""
        stems = [_stem(word) for word in words]
        placed: list[tuple[int, Centre]] = []
        for centre in self.centres.values():
            positions = [
                position
                for key in _city_keys(centre.city)
                if (position := _position_of(key, stems)) is not None
            ]
            if positions:
                placed.append((min(positions), centre))
        placed.sort(key=lambda item: (item[0], item[1].kind != "copp", item[1].name, item[1].id))
        return [centre for _, centre in placed]

    def _regions_named(self, words: Sequence[str]) -> list[Region]:
        """The regions :meth:`region_search` ranks best for the words, and only those.

        The lesser tiers help someone pick a region from a list, but here they would offer
        the centres of the wrong region: «омск» is a substring of «томск».
        """
        content = [word for word in words if word not in _NOT_A_PLACE]
        if not content:
            return []
        query = " ".join(content)
        ranked = [
            (rank, region.name, region)
            for region, keys in self._index.region_keys
            if (rank := _match_rank(query, keys)) is not None
        ] or self._regions_near(query)
        if ranked:
            best = min(rank for rank, _, _ in ranked)
            ranked.sort(key=lambda item: (item[0], item[1]))
            return [region for rank, _, region in ranked if rank == best]
        return self._regions_by_stem(content)

    def _regions_by_stem(self, content: Sequence[str]) -> list[Region]:
        """Regions with a distinctive word of the same stem as a word of the text."""
        stems = {stem for word in content if len(stem := _stem(word)) >= _REGION_STEM_MIN}
        named = [
            region
            for region, region_words in self._index.region_words
            if stems & {_stem(word) for word in region_words}
        ]
        return sorted(named, key=lambda region: (region.name, region.id))


def _match_rank(query: str, keys: Sequence[str]) -> int | None:
    best: int | None = None
    for key in keys:
        if key == query:
            return 0
        if key.startswith(query):
            rank = 1
        elif any(word.startswith(query) for word in key.split()):
            rank = 2
        elif len(query) >= 3 and query in key:
            rank = 3
        else:
            continue
        best = rank if best is None else min(best, rank)
    return best


# Typo tolerance: words shorter than this are compared exactly (a letter off «омск» is
# «томск», another region); a word of 8+ letters may have two typos, a shorter one one.
_TYPO_MIN_LENGTH = 5
# A word shared by more regions than this («область», «край», «республика») names none.
_DISTINCTIVE_IN_AT_MOST = 2


def _typo_budget(word: str) -> int:
    return 2 if len(word) >= 8 else 1


def _edit_distance(first: str, second: str, budget: int) -> int:
    """Optimal string alignment distance (a swap of neighbours counts once), or budget + 1
    when it is larger than the budget."""
    if abs(len(first) - len(second)) > budget:
        return budget + 1
    before: list[int] = []
    previous = list(range(len(second) + 1))
    for i, letter in enumerate(first, 1):
        current = [i]
        for j, other in enumerate(second, 1):
            cost = 0 if letter == other else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and letter == second[j - 2] and first[i - 2] == other:
                value = min(value, before[j - 2] + 1)
            current.append(value)
        if min(current) > budget:
            return budget + 1
        before, previous = previous, current
    return min(previous[-1], budget + 1)


def _region_words(
    region_keys: Sequence[tuple[Region, tuple[str, ...]]],
) -> tuple[tuple[Region, frozenset[str]], ...]:
    """The words of each region's keys that name it and few others, long enough to compare."""
    words_of = [
        (region, frozenset(w for key in keys for w in key.split() if len(w) >= _TYPO_MIN_LENGTH))
        for region, keys in region_keys
    ]
    regions_with: dict[str, int] = {}
    for _, words in words_of:
        for word in words:
            regions_with[word] = regions_with.get(word, 0) + 1
    return tuple(
        (region, frozenset(w for w in words if regions_with[w] <= _DISTINCTIVE_IN_AT_MOST))
        for region, words in words_of
    )


def _region_keys(region: Region) -> tuple[str, ...]:
    names = [region.name, *region.aliases]
    keys = {normalise_text(region.id), normalise_text(region.id.removeprefix("RU-"))}
    for name in names:
        norm = normalise_text(name)
        keys.add(norm)
        keys.add(norm.translate(_TRANSLIT))
    keys.discard("")
    return tuple(sorted(keys))


# Words around a place name that are no part of it: prepositions and «г.», «город».
_NOT_A_PLACE = frozenset(
    {"в", "во", "из", "изо", "с", "со", "у", "к", "ко", "по", "до", "от", "под", "около",
     "возле", "рядом", "г", "гор", "город", "городе", "города", "in", "near", "city"}
)  # fmt: skip
# Case and adjective endings, longest first. «ов», «ев» and «ин» are left out: they end the
# stems of many town names (Ростов, Тамбов, Пушкин) rather than inflect them.
_ENDINGS = (
    "ого", "его", "ому", "ему", "ыми", "ими", "ами", "ями",
    "ой", "ей", "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие", "ую", "юю", "ом", "ем",
    "ам", "ям", "ах", "ях", "ых", "их", "ью",
    "а", "я", "о", "е", "у", "ю", "и", "ы", "ь", "й",
)  # fmt: skip
# A stem keeps at least three letters, so short words («уфа», «на») stay whole.
_STEM_MIN = 3
# Region words compared on stems must be longer than that: four letters still tell «перм»
# from any other region's word, three letters («кра» of «края») do not.
_REGION_STEM_MIN = 4


def _stem(word: str) -> str:
    """The word without one Russian case or adjective ending: «твери», «тверь» → «твер»;
    «томской», «томска», «томск» → «томск». Words in Latin letters stay as they are."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _STEM_MIN:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=1024)
def _city_keys(city: str) -> tuple[tuple[str, ...], ...]:
    """A city name as stems of its words, and in Latin letters: the sequences to look for."""
    name = normalise_text(city)
    keys = {tuple(_stem(word) for word in name.split()), tuple(name.translate(_TRANSLIT).split())}
    keys.discard(())
    return tuple(sorted(keys))


def _position_of(key: Sequence[str], stems: Sequence[str]) -> int | None:
    """Where the words of ``key`` stand one after another in ``stems``, or None."""
    size = len(key)
    for start in range(len(stems) - size + 1):
        if tuple(stems[start : start + size]) == tuple(key):
            return start
    return None


def _programme_order(programme: Programme) -> tuple[date, str, str]:
    first = min(programme.start_dates, default=date.max)
    return (first, programme.title, programme.id)


@dataclass(frozen=True)
class _Index:
    profiles: Mapping[str, RiasecProfile]
    programmes_by_profession: Mapping[str, tuple[Programme, ...]]
    programmes_by_centre: Mapping[str, tuple[Programme, ...]]
    competencies_by_profession: Mapping[str, tuple[Competency, ...]]
    centres_by_region: Mapping[str, tuple[Centre, ...]]
    region_keys: tuple[tuple[Region, tuple[str, ...]], ...]
    region_words: tuple[tuple[Region, frozenset[str]], ...]

    @classmethod
    def build(cls, catalogue: Catalogue) -> _Index:
        profiles: dict[str, RiasecProfile] = {}
        for pid, profession in catalogue.professions.items():
            known = [code for code in profession.onet if code in catalogue.onet]
            if known:
                profiles[pid] = derive_profile(known, catalogue.onet)

        by_profession: dict[str, list[Programme]] = {}
        by_centre: dict[str, list[Programme]] = {}
        for programme in sorted(catalogue.programmes.values(), key=_programme_order):
            by_centre.setdefault(programme.centre, []).append(programme)
            for pid in dict.fromkeys(programme.professions):
                by_profession.setdefault(pid, []).append(programme)

        competencies: dict[str, list[Competency]] = {}
        for competency in sorted(catalogue.competencies.values(), key=lambda c: (c.name, c.id)):
            for pid in dict.fromkeys(competency.professions):
                competencies.setdefault(pid, []).append(competency)

        centres: dict[str, list[Centre]] = {}
        for centre in sorted(
            catalogue.centres.values(), key=lambda c: (c.kind != "copp", c.name, c.id)
        ):
            centres.setdefault(centre.region, []).append(centre)

        region_keys = tuple(
            (r, _region_keys(r)) for r in sorted(catalogue.regions.values(), key=lambda r: r.id)
        )
        return cls(
            profiles=MappingProxyType(profiles),
            programmes_by_profession=MappingProxyType(
                {k: tuple(v) for k, v in by_profession.items()}
            ),
            programmes_by_centre=MappingProxyType({k: tuple(v) for k, v in by_centre.items()}),
            competencies_by_profession=MappingProxyType(
                {k: tuple(v) for k, v in competencies.items()}
            ),
            centres_by_region=MappingProxyType({k: tuple(v) for k, v in centres.items()}),
            region_keys=region_keys,
            region_words=_region_words(region_keys),
        )
