"""Views and keyboards of catalogue cards: a profession, a programme, an FAQ answer."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Translate, format_date
from bot.services.cards import Card, FaqCard, ProfessionCard, ProgrammeCard
from bot.ui.callbacks import ELSEWHERE
from bot.ui.catalogue_parts import (
    button,
    catalogue_title,
    consult_button,
    eligibility_text,
    fit_message,
    format_price,
    rec_data,
    shorten,
)
from bot.ui.events import stage_rows, stages_text
from bot.ui.views import place_name
from knowledge.models import FaqEntry


def _duration(t: Translate, card: ProfessionCard) -> str | None:
    duration = card.profession.duration
    routes = []
    if duration.after_9:
        routes.append(t("card-duration-after-9", months=duration.after_9))
    if duration.after_11:
        routes.append(t("card-duration-after-11", months=duration.after_11))
    return t("card-duration", routes="; ".join(routes)) if routes else None


def _catalogue_text(t: Translate, russian: str, english: str = "") -> str:
    """Catalogue prose in the user's language. The catalogue is written in Russian: an English
    user gets the English text where there is one, else the Russian with a note saying so,
    never a heading with nothing under it."""
    if getattr(t, "language", "ru") != "en":
        return russian
    return english or f"{t('card-in-russian')}\n{russian}"


def _where_parts(t: Translate, card: ProfessionCard) -> list[str]:
    """Where to study in the user's region: a heading is never shown without lines under it."""
    if card.region is None:
        return [t("card-no-region")]
    region = place_name(t, card.region.name, card.region.name_en)
    if not card.centres:
        # The catalogue has no centre in this region at all (Moscow, say): say so plainly
        # instead of an empty list, and point to the consultation button the card has.
        return [t("card-where-none", region=region)]
    where = [t("card-where", region=region)]
    where.extend(
        t(
            "card-centre-line",
            name=centre.short_name,
            address=centre.address,
            phone=centre.phone,
        )
        if centre.phone
        else t("card-centre-line-no-phone", name=centre.short_name, address=centre.address)
        for centre in card.centres
    )
    if not card.options:
        return ["\n".join(where), t("card-programmes-none")]
    lines = [t("card-programmes")]
    for option in card.options:
        programme = option.programme
        lines.append(
            t(
                "card-option-line",
                title=catalogue_title(t, programme.title, programme.title_en),
                when=t("rec-start", date=format_date(option.next_start, t))
                if option.next_start
                else t("rec-no-date"),
                hours=programme.hours,
                format=t(f"format-{programme.format.value}"),
                price=t("rec-free")
                if programme.is_free
                else t("rec-price", price=format_price(programme.price_rub or 0)),
                document=programme.document,
            )
        )
    return ["\n".join(where), "\n".join(lines)]


def profession_text(t: Translate, card: ProfessionCard) -> str:
    profession = card.profession
    conditions = profession.conditions
    condition_words = [
        t(f"cond-posture-{conditions.posture.value}"),
        t(f"cond-place-{conditions.place.value}"),
        t(f"cond-load-{conditions.physical_load.value}"),
    ]
    if conditions.shifts:
        condition_words.append(t("cond-shifts"))
    if conditions.risks:
        condition_words.append(t("cond-risks", risks=conditions.risks))
    suits = [
        t(f"suits-{name}")
        for name in ("limited_mobility", "hearing_impaired", "visually_impaired", "remote_friendly")
        if getattr(profession.suits, name)
    ]
    head = [
        f"«{catalogue_title(t, profession.title, profession.title_en)}»",
        t(
            "card-profession-kind",
            level=profession.level,
            code=profession.code,
            name=profession.name,
        ),
    ]
    parts = ["\n".join(head)]
    if profession.description.strip():
        what = _catalogue_text(t, profession.description, profession.description_en)
        parts.append(f"{t('card-what')}\n{what}")
    about = [t("card-conditions", conditions=", ".join(condition_words))]
    about.append(t("card-suits", suits=", ".join(suits)) if suits else t("card-suits-none"))
    duration = _duration(t, card)
    if duration:
        about.append(duration)
    parts.append("\n".join(about))

    parts.extend(_where_parts(t, card))
    if card.options_elsewhere and not card.options:
        parts.append(t("card-programmes-elsewhere", count=card.options_elsewhere))
    stages = stages_text(t, card.stages)
    if stages is not None:
        parts.append(stages)
    elif card.competencies:
        names = ", ".join(
            f"«{c.name}» ({t(f'card-championship-{c.championship}')})" for c in card.competencies
        )
        parts.append(t("card-competencies", names=names))
    return fit_message("\n\n".join(parts))


def programme_text(t: Translate, card: ProgrammeCard) -> str:
    programme = card.programme
    head = [
        f"«{catalogue_title(t, programme.title, programme.title_en)}»",
        t(f"card-programme-kind-{programme.kind.value}")
        + (f" · {card.centre.short_name}" if card.centre else ""),
    ]
    parts = ["\n".join(head), _catalogue_text(t, programme.description, programme.description_en)]
    facts = []
    if card.dates:
        facts.append(t("card-dates", dates=", ".join(format_date(d, t) for d in card.dates[:4])))
    else:
        facts.append(t("card-dates-none"))
    facts.append(t("card-hours", hours=programme.hours, schedule=programme.schedule))
    facts.append(t("card-format", format=t(f"format-{programme.format.value}")))
    free_funding = [f.value for f in programme.funding if f.value != "paid"]
    funding = ", ".join(t(f"funding-{value}") for value in free_funding)
    if programme.is_free:
        facts.append(t("card-price-free", funding=funding))
    elif free_funding:
        facts.append(
            t("card-price-mixed", price=format_price(programme.price_rub or 0), funding=funding)
        )
    else:
        facts.append(t("card-price-paid", price=format_price(programme.price_rub or 0)))
    facts.append(t("card-document", document=programme.document))
    audience = ", ".join(t(f"audience-{a.value}") for a in programme.audience)
    facts.append(t("card-audience", audience=audience))
    if programme.min_grade:
        facts.append(t("card-min-grade", grade=programme.min_grade))
    if programme.requirements:
        facts.append(t("card-requirements", requirements=programme.requirements))
    parts.append("\n".join(facts))
    centre = card.centre
    if centre is not None:
        parts.append(
            t("card-centre", name=centre.name, address=centre.address, phone=centre.phone)
            if centre.phone
            else t("card-centre-no-phone", name=centre.name, address=centre.address)
        )
    if card.professions:
        names = ", ".join(catalogue_title(t, p.title, p.title_en) for p in card.professions)
        parts.append(t("card-professions", names=names))
    if card.eligibility:
        parts.append(eligibility_text(t, card.eligibility))
    if programme.illustrative:
        parts.append(t("card-illustrative"))
    return fit_message("\n\n".join(parts))


def faq_text(entry: FaqEntry, language: str) -> str:
    """An FAQ answer in the user's language (the catalogue has Russian and English)."""
    return fit_message(entry.answer_en if language == "en" else entry.answer)


def card_text(t: Translate, card: Card, language: str) -> str:
    if isinstance(card, ProfessionCard):
        return profession_text(t, card)
    if isinstance(card, ProgrammeCard):
        return programme_text(t, card)
    return faq_text(card.entry, language)


def card_keyboard(t: Translate, card: Card) -> InlineKeyboardMarkup | None:
    if isinstance(card, FaqCard):
        return None
    ref = card.ref
    rows = [
        [
            button(t("rec-button-similar"), rec_data("similar", ref)),
            button(t("rec-button-unfit"), rec_data("unfit", ref)),
        ],
        [
            button(t("rec-button-up"), rec_data("up", ref)),
            button(t("rec-button-down"), rec_data("down", ref)),
        ],
    ]
    if isinstance(card, ProfessionCard):
        rows.extend(
            [
                button(
                    t(
                        "rec-button-programme",
                        title=shorten(
                            catalogue_title(t, option.programme.title, option.programme.title_en),
                            36,
                        ),
                    ),
                    rec_data("card", option.reference),
                )
            ]
            for option in card.options[:3]
        )
        if card.options_elsewhere and not card.options:
            # The card says «Есть N программ в других регионах»: this button shows them.
            rows.append([button(t("rec-button-elsewhere"), rec_data(ELSEWHERE, ref))])
        rows.extend(stage_rows(t, card.stages))
    rows.append([consult_button(t, ref)])
    if card.has_consent:
        rows.append([button(t("rec-button-list"), rec_data("list"))])
    return InlineKeyboardMarkup(inline_keyboard=rows)
