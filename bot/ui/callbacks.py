"""Callback data factories. Each packs into at most 64 bytes; a forged or stale string
fails to unpack, no handler matches, and the fallback answers "this button is outdated"."""

from __future__ import annotations

from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

# Numbers in buttons are small and never negative. A forged "…:99999999999999999999" fails to
# unpack here (it would overflow the database's BIGINT), so no handler matches and the
# fallback says the button is outdated.
SmallNumber = Annotated[int, Field(ge=0, le=2**31 - 1)]


class ConsentCallback(CallbackData, prefix="consent"):
    action: str  # accept | decline | policy


class LanguageCallback(CallbackData, prefix="lang"):
    code: str


# Buttons that cross features live here; each feature keeps its private ones in its ui module.
# Catalogue items travel as short references (bot.services.knowledge_base.short_reference).


class OnboardingCallback(CallbackData, prefix="ob"):
    action: str  # restart | ...
    value: str = ""


ELSEWHERE = "away"  # RecommendationCallback action: a profession's programmes in other regions


class RecommendationCallback(CallbackData, prefix="rec"):
    action: str  # list | page | card | similar | unfit | up | down | away
    ref: str = ""
    page: SmallNumber = 0


class ConsultationCallback(CallbackData, prefix="cons"):
    action: str  # ask | confirm | withdraw | handled | ...
    ref: str = ""  # the catalogue item the request is about, if any
    request: SmallNumber = 0


class DeskCallback(CallbackData, prefix="desk"):
    """The staff desk's buttons; also on the booking notices staff get in their chat."""

    action: str
    id: SmallNumber = 0
    value: str = ""
    day: SmallNumber = 0


class ProfileCallback(CallbackData, prefix="prof"):
    action: str
    value: str = ""


class SubscriptionCallback(CallbackData, prefix="sub"):
    """Subscriptions: «Напомнить» on an event card, topics to follow, unsubscribing (also
    from a reminder), /subscriptions and its «Добавить тему» menu."""

    action: str  # event | topic | drop | list | menu
    kind: str = ""  # a topic's code (bot.ui.subscriptions.TOPIC_CODES)
    value: str = ""  # a short reference, an industry id, a kind of event, or a menu part
    id: SmallNumber = 0  # the subscription to drop
    where: str = ""  # drop: «l» when pressed in the list (it is edited in place)
