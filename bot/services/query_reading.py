"""What a free question asks for, before anything is searched.

People write constraints, refusals and their past in one breath: «покажи только бесплатные»,
«не хочу сидеть в офисе, хочу на воздух», «работаю продавцом, хочу перейти в IT». Searched
as they are, the constraint becomes a topic («бесплатные»), the refusal a wish («офис») and
the past job the answer («продавец»). Here a text is split into clauses and read:

- words that are filters (free of charge, online) set the filter and leave the text;
- a clause that refuses («не хочу…», «не люблю…», «боюсь…», «…не могу») is left out of the
  search, and its words may never be quoted as a reason;
- a clause about the past («работаю продавцом», «был водителем») is left out when another
  clause says what the person wants now;
- «не знаю», «без понятия», «что угодно» alone ask for help choosing, not for a search.

Plain rules over words, no model: they are predictable, and a miss leaves the text as it
was (the search then works as before)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CLAUSES = re.compile(
    r"([,.;:!?()\n]+\s*(?:(?:а|но|однако|зато|but|however|instead)\s+)?|"
    r"\s+(?:а|но|однако|зато|but|however|instead)\s+)",
    re.IGNORECASE,
)
# «не хочу пачкаться, а продавать их»: what follows a refusal after «а» is the wish itself.
_CONTRAST = re.compile(r"\b(?:а|но|зато|but|instead)\s+$", re.IGNORECASE)
_WORD = re.compile(r"[a-zа-яё0-9+#]+", re.IGNORECASE)

# A clause with one of these refuses what it names.
_REFUSAL = re.compile(
    r"\b(?:не\s+(?:хочу|хотел[аи]?|люблю|нравится|нравятся|могу|умею|переношу|выношу|буду|"
    r"готов[аы]?|интересно|интересует|тянет|полезу|пойду)|боюсь|ненавижу|терпеть\s+не\s+могу|"
    r"противопоказан\w*|нельзя|"
    r"(?:don'?t|do\s+not|won'?t|never)\s+(?:want|like|enjoy|wanna)|not\s+interested|hate|"
    r"can'?t|cannot|afraid\s+of)\b",
    re.IGNORECASE,
)
# «не могу добираться», «из дома»: the person needs to study or work without travelling.
_ONLINE = re.compile(
    r"\b(?:онлайн|он-лайн|online|дистанционн\w*|удал[её]нн\w*|из\s+дома|не\s+выходя\s+из\s+дома|"
    r"добираться\s+не\s+могу|не\s+могу\s+добираться|ездить\s+не\s+могу|не\s+могу\s+ездить|"
    r"remote(?:ly)?|from\s+home|distance\s+learning)\b",
    re.IGNORECASE,
)
_FREE = re.compile(
    r"\b(?:бесплатн\w*|без\s+оплаты|за\s+сч[её]т\s+государства|за\s+госсч[её]т|free)\b",
    re.IGNORECASE,
)
# Words that only carry a filter or a request, with nothing to search once it is read.
_FILLER = frozenset(
    [
        # «Курсы» alone names no topic: what kind of courses is the person's interests.
        "курс",
        "курсы",
        "курсов",
        "обучение",
        "courses",
        "покажи",
        "покажите",
        "показать",
        "только",
        "лишь",
        "хочу",
        "хотелось",
        "бы",
        "мне",
        "нужны",
        "нужно",
        "нужна",
        "нужен",
        "какие",
        "какой",
        "какая",
        "есть",
        "а",
        "и",
        "или",
        "the",
        "only",
        "show",
        "me",
        "please",
        "пожалуйста",
        "варианты",
    ]
)
# The past: a job held, a trade learned.
_PAST = re.compile(
    r"\b(?:работа(?:ю|ла|л)|был[аи]?|раньше|по\s+образованию|всю\s+жизнь|\d+\s+(?:лет|год)|"
    r"уволил\w*|сократили|закрыл\w*|worked|i\s+work\s+as|used\s+to|i\s+was|laid\s+off)\b",
    re.IGNORECASE,
)
# A wish to leave something: the other clauses name what is left («медсестра, хочу перейти…»).
_SWITCH = re.compile(
    r"\b(?:перейти|сменить|переучиться|уйти|переквалифицир\w*|switch|change\s+(?:my\s+)?career|"
    r"retrain|move\s+(?:in)?to)\b",
    re.IGNORECASE,
)
# The wish: what the person wants now.
_WISH = re.compile(
    r"\b(?:хочу|хотел[аи]?\s+бы|мечтаю|интересует|интересно|тянет|перейти|переучиться|стать|"
    r"освоить|научиться|выучиться|want|would\s+like|dream|interested\s+in|become)\b",
    re.IGNORECASE,
)
# Asked for courses (programmes), not for a trade.
_COURSES = re.compile(
    r"\bкурс\w*|\bобучени\w*|переобуч\w*|переподготовк\w*|повышени\w*\s+квалификац\w*|"
    r"профпроб\w*|попробовать\s+себя|\bcourses?\b|\btraining\b",
    re.IGNORECASE,
)
_DONT_KNOW = re.compile(
    r"^\s*(?:я\s+)?(?:(?:пока\s+)?не\s+знаю|без\s+понятия|хз|понятия\s+не\s+имею|что\s+угодно|"
    r"вс[её]\s+равно|не\s+определил(?:ся|ась)|не\s+решил(?:ся|а)?|i\s+don'?t\s+know|no\s+idea)"
    r"(?:\s*(?:,|\.|!|\?|\.\.\.|…)?\s*(?:кем\s+быть|чем\s+заняться|куда\s+пойти|что\s+выбрать|"
    r"что\s+мне\s+нравится|пока)?)*[\s.!?…]*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ReadQuery:
    topic: str  # what to search for: the clauses left, without the filter words
    free_only: bool = False
    online: bool = False
    refused: tuple[str, ...] = ()  # words of refused clauses: never a reason, never a topic
    past: str = ""  # a past job left out of the search (experience, not a wish)
    dont_know: bool = False
    courses: bool = False  # asked for courses (programmes), not for a trade

    @property
    def has_topic(self) -> bool:
        return any(word.lower() not in _FILLER for word in _WORD.findall(self.topic))

    def left_behind(self, title: str) -> bool:
        """Whether a catalogue title names the job the person is leaving («работаю
        продавцом» → «Продавец-кассир», «Менеджер по продажам»): a shared stem of five
        letters or more."""
        lowered = title.lower()
        return any(stem in lowered for stem in self._past_stems())

    def _past_stems(self) -> set[str]:
        words = _WORD.findall(_PAST.sub(" ", self.past))
        return {word[:5].lower() for word in words if len(word) >= 5}


def _clauses(text: str) -> tuple[list[str], set[str]]:
    """The clauses of a text, and those that follow a refusal after «а», «но» or «зато»."""
    parts = _CLAUSES.split(text)
    clauses: list[str] = []
    corrections: set[str] = set()
    refused_before = False
    # Split with a capturing group: clauses at even places, separators at odd ones.
    for position in range(0, len(parts), 2):
        clause = parts[position].strip()
        if not clause:
            continue
        separator = parts[position - 1] if position else ""
        if refused_before and _CONTRAST.search(separator) and not _REFUSAL.search(clause):
            corrections.add(clause)
        refused_before = _REFUSAL.search(clause) is not None
        clauses.append(clause)
    return clauses, corrections


def asks_for_courses(word: str) -> bool:
    """Whether a word only says «courses» («курсы», «training»), not what they are about."""
    return _COURSES.fullmatch(word) is not None


def read_query(text: str) -> ReadQuery:
    if _DONT_KNOW.match(text):
        return ReadQuery(topic="", dont_know=True)
    free_only = bool(_FREE.search(text))
    online = bool(_ONLINE.search(text))
    kept: list[str] = []
    refused: list[str] = []
    past: list[str] = []
    clauses, corrections = _clauses(text)
    if corrections:
        # The wish said against a refusal is the topic; what was liked before it («люблю
        # машины») is no longer what to look for.
        clauses = [c for c in clauses if c in corrections or _REFUSAL.search(c)]
    wishes = [c for c in clauses if _WISH.search(c) and not _REFUSAL.search(c)]
    switching = any(_SWITCH.search(clause) for clause in wishes)
    for clause in clauses:
        if _REFUSAL.search(clause):
            refused.extend(_WORD.findall(_ONLINE.sub(" ", clause)))
        elif wishes and not _WISH.search(clause) and (switching or _PAST.search(clause)):
            past.append(clause)
        elif len(clauses) > 1 and _DONT_KNOW.match(clause):
            continue  # «не знаю, может что-то с компьютерами»: the rest is the topic
        else:
            kept.append(clause)
    topic = " ".join(kept)
    topic = _FREE.sub(" ", _ONLINE.sub(" ", topic))
    topic = re.sub(r"\s+", " ", topic).strip()
    return ReadQuery(
        topic=topic,
        free_only=free_only,
        online=online,
        refused=tuple(word.lower() for word in refused),
        past="; ".join(past),
        # Free of charge and online are said of studying too.
        courses=bool(_COURSES.search(" ".join(kept))) or free_only or online,
    )
