"""Answers to a question about the programme card just opened, from that card's facts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Translate, format_date
from bot.services.card_questions import CARD_CONTEXT, CardTopic
from bot.services.cards import ProgrammeCard
from bot.ui.catalogue_parts import (
    button,
    catalogue_title,
    consult_button,
    eligibility_text,
    fit_message,
    format_price,
    rec_data,
)

# The dialog data of a user with no dialog open: the card opened last, and when.
LAST_CARD_KEY = "last_card"
LAST_CARD_AT_KEY = "last_card_at"


def remember_card(ref: str, now: datetime) -> dict[str, Any]:
    return {LAST_CARD_KEY: ref, LAST_CARD_AT_KEY: now.isoformat()}


def card_in_context(data: dict[str, Any], now: datetime) -> str | None:
    """The reference of a card opened within CARD_CONTEXT, if any."""
    ref, opened = data.get(LAST_CARD_KEY), data.get(LAST_CARD_AT_KEY)
    if not isinstance(ref, str) or not isinstance(opened, str):
        return None
    try:
        moment = datetime.fromisoformat(opened)
    except ValueError:
        return None
    return ref if moment.tzinfo is not None and now - moment <= CARD_CONTEXT else None


def card_answer_text(t: Translate, card: ProgrammeCard, topic: CardTopic) -> str:
    programme = card.programme
    centre = card.centre
    lines = [t("card-answer-about", title=catalogue_title(t, programme.title, programme.title_en))]
    if topic in (CardTopic.PRICE, CardTopic.ELIGIBILITY):
        lines.append(_price(t, card))
        if topic is CardTopic.ELIGIBILITY:
            lines.append(_who_studies_free(t, card))
    elif topic is CardTopic.START:
        lines.append(
            t("card-dates", dates=", ".join(format_date(d, t) for d in card.dates[:4]))
            if card.dates
            else t("card-dates-none")
        )
    elif topic is CardTopic.DURATION:
        lines.append(t("card-hours", hours=programme.hours, schedule=programme.schedule))
    elif topic is CardTopic.FORMAT:
        lines.append(t("card-format", format=t(f"format-{programme.format.value}")))
        lines.append(t("card-hours", hours=programme.hours, schedule=programme.schedule))
    elif topic is CardTopic.DOCUMENT:
        lines.append(t("card-document", document=programme.document))
    elif topic is CardTopic.ACCESS:
        if centre is None:
            lines.append(t("card-answer-access-unknown"))
        elif centre.phone:
            lines.append(t("card-answer-access", centre=centre.short_name, phone=centre.phone))
        else:
            lines.append(t("card-answer-access-no-phone", centre=centre.short_name))
    if topic in (CardTopic.ADDRESS, CardTopic.ACCESS, CardTopic.ELIGIBILITY) and centre:
        lines.append(
            t("card-centre", name=centre.name, address=centre.address, phone=centre.phone)
            if centre.phone
            else t("card-centre-no-phone", name=centre.name, address=centre.address)
        )
    if programme.illustrative and topic not in (CardTopic.ADDRESS, CardTopic.ACCESS):
        lines.append(t("card-illustrative"))
    return fit_message("\n".join(lines))


def card_answer_keyboard(t: Translate, card: ProgrammeCard) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(t("card-answer-open"), rec_data("card", card.ref))],
            [consult_button(t, card.ref)],
        ]
    )


def _price(t: Translate, card: ProgrammeCard) -> str:
    programme = card.programme
    free_funding = [f.value for f in programme.funding if f.value != "paid"]
    funding = ", ".join(t(f"funding-{value}") for value in free_funding)
    if programme.is_free:
        return t("card-price-free", funding=funding)
    price = format_price(programme.price_rub or 0)
    if free_funding:
        return t("card-price-mixed", price=price, funding=funding)
    return t("card-price-paid", price=price)


def _who_studies_free(t: Translate, card: ProgrammeCard) -> str:
    """«А мне точно бесплатно будет? Я ведь работаю»: who does not pay, and the person's case."""
    programme = card.programme
    funding = {f.value for f in programme.funding}
    parts: list[str] = []
    if "employment_support" in funding:
        parts.append(t("card-answer-employment-support"))
        if card.eligibility:
            parts.append(eligibility_text(t, card.eligibility))
        elif programme.price_rub:
            parts.append(t("card-answer-otherwise-paid", price=format_price(programme.price_rub)))
    elif funding & {"free", "regional_budget"}:
        audience = ", ".join(t(f"audience-{a.value}") for a in programme.audience)
        parts.append(t("card-answer-free-for-audience", audience=audience))
    else:
        parts.append(t("card-answer-no-free-places"))
    parts.append(t("card-answer-ask-centre"))
    return " ".join(parts)
