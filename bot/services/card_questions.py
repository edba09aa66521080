"""A question about the card just opened: «сколько стоит этот курс», «когда начинается»,
«это бесплатно?», «а мне точно бесплатно будет? я ведь работаю», «а в центре есть пандус?».

Right after a programme card such a question is about that programme, and is answered from
the card, not searched in the catalogue (where «стоит» found an FAQ and «пандус» the FAQ on
entrance exams)."""

from __future__ import annotations

import re
from datetime import timedelta
from enum import StrEnum

# How long after opening a card a short question is taken to be about it.
CARD_CONTEXT = timedelta(minutes=30)
# Longer texts are new requests, not questions about the card.
MAX_QUESTION = 150


class CardTopic(StrEnum):
    ELIGIBILITY = "eligibility"  # will it be free for me
    ACCESS = "access"  # ramps, lifts, a wheelchair
    PRICE = "price"  # cost, free or not
    START = "start"
    DURATION = "duration"
    FORMAT = "format"
    DOCUMENT = "document"
    ADDRESS = "address"


# The first that matches wins: «мне точно бесплатно? я работаю» is about eligibility, not
# only the price.
_TOPICS: tuple[tuple[CardTopic, re.Pattern[str]], ...] = tuple(
    (topic, re.compile(pattern, re.IGNORECASE))
    for topic, pattern in (
        (
            CardTopic.ELIGIBILITY,
            r"мне\s+(?:точно\s+)?бесплатн|я\s+(?:ведь|же)\s+работаю|если\s+я\s+работаю|"
            r"подхожу\s+ли|подойд[её]т\s+ли\s+мне|могу\s+ли\s+я|возьмут\s+ли|меня\s+возьмут|"
            r"а\s+мне\s+можно|am\s+i\s+eligible|free\s+for\s+me",
        ),
        (
            CardTopic.ACCESS,
            r"пандус|лифт|коляск|доступн\w*\s+(?:для|ли)|доступная\s+среда|wheelchair|ramp",
        ),
        (
            CardTopic.PRICE,
            r"сколько\s+стоит|стоимост|\bцен[аы]\b|платн|бесплатн|за\s+деньги|"
            r"how\s+much|\bcost|\bprice|\bfree\b",
        ),
        (
            CardTopic.START,
            r"когда\s+(?:начина|старт|набор|нач[её]тся|будет|можно\s+начать)|с\s+какого\s+числа|"
            r"ближайш\w+\s+(?:набор|старт|дат)|\bдат[аы]\b|when\s+does|start",
        ),
        (
            CardTopic.DURATION,
            r"сколько\s+(?:длится|учиться|часов|времени|месяцев|недель)|как\s+долго|"
            r"продолжительн|how\s+long",
        ),
        (
            CardTopic.DOCUMENT,
            r"документ|диплом|удостоверени|свидетельств|сертификат|что\s+(?:выда|дадут|получу)|"
            r"certificate|diploma",
        ),
        (
            CardTopic.FORMAT,
            r"онлайн|очно|дистанц|как\s+проход|расписани|во\s+сколько|по\s+выходным|вечером|"
            r"online|schedule",
        ),
        (
            CardTopic.ADDRESS,
            r"\bгде\b|адрес|как\s+добраться|куда\s+(?:приходить|идти|ехать)|телефон|"
            r"where|address|phone",
        ),
    )
)


def card_topic(text: str) -> CardTopic | None:
    """What a short question asks about a programme, or None when it is not such a question."""
    if len(text) > MAX_QUESTION:
        return None
    for topic, pattern in _TOPICS:
        if pattern.search(text):
            return topic
    return None
