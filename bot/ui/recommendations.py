"""Views and keyboards of the suggestions list, catalogue cards and free questions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translate
from bot.services.explanations import render_reason
from bot.services.guide import (
    INTEREST_WORDS,
    PAGE_SIZE,
    UNFIT_REASONS,
    Answer,
    FaqCard,
    ProfessionCard,
    ProgrammeCard,
    RecommendationPage,
    SimilarItems,
    Suggestion,
)
from bot.ui.callbacks import ConsultationCallback, OnboardingCallback, RecommendationCallback
from bot.ui.views import TELEGRAM_MESSAGE_LIMIT, place_name

BUTTON_TITLE_LIMIT = 28
PAGE = "page"  # RecommendationCallback action of «Ещё» / «Назад»: edits the list in place
UNFIT_SKIP = "skip"
ELLIPSIS = "…"


class UnfitReasonCallback(CallbackData, prefix="unfit"):
    ref: str
    reason: str  # one of UNFIT_REASONS, or "skip"


class TopicCallback(CallbackData, prefix="topic"):
    interest: str


# -- small helpers -------------------------------------------------------------------------


def _date(value: date) -> str:
    return value.strftime("%d.%m.%Y")


def _price(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def _short(text: str, limit: int = BUTTON_TITLE_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def fit_message(text: str, limit: int = TELEGRAM_MESSAGE_LIMIT) -> str:
    """One message at most `limit` characters, cut at a line break when possible."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit - 1)
    if cut <= limit // 2:
        cut = limit - 1
    return text[:cut].rstrip() + ELLIPSIS


def _rec(action: str, ref: str = "", page: int = 0) -> str:
    return RecommendationCallback(action=action, ref=ref, page=page).pack()


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data)


def _consult_button(t: Translate, ref: str = "") -> InlineKeyboardButton:
    return _button(t("rec-button-consult"), ConsultationCallback(action="ask", ref=ref).pack())


def _kind(t: Translate, item: Suggestion) -> str:
    if item.programme_kind == "taster":
        return t("rec-kind-taster")
    return t(f"rec-kind-{item.kind}")


def reason_line(t: Translate, item: Suggestion) -> str:
    return render_reason(
        item.reason, t, interests=item.interests, own_words=item.own_words, like=item.like
    )


def _item_lines(t: Translate, number: int, item: Suggestion) -> list[str]:
    head = f"{number}. {item.title} — {_kind(t, item)}"
    lines = [head]
    if item.kind == "programme":
        details = [item.centre or ""]
        details.append(
            t("rec-start", date=_date(item.next_start)) if item.next_start else t("rec-no-date")
        )
        if item.free:
            details.append(t("rec-free"))
        elif item.price_rub is not None and item.free_places:
            details.append(t("rec-price-or-free", price=_price(item.price_rub)))
        elif item.price_rub is not None:
            details.append(t("rec-price", price=_price(item.price_rub)))
        lines.append("   " + " · ".join(part for part in details if part))
    lines.append("   " + t("rec-why", reason=reason_line(t, item)))
    return lines


def _eligibility_text(t: Translate, situations: Sequence[str]) -> str:
    reasons = "; ".join(t(f"rec-eligibility-{key}") for key in situations)
    return t("rec-eligibility", reasons=reasons)


# -- the list ------------------------------------------------------------------------------


def list_text(t: Translate, page: RecommendationPage) -> str:
    if page.profile_empty:
        return t("rec-profile-empty")
    if not page.items:
        return t("rec-nothing")
    parts = [t("rec-intro-school" if page.audience == "school" else "rec-intro-adult")]
    first = page.page * PAGE_SIZE + 1
    for offset, item in enumerate(page.items):
        parts.append("\n".join(_item_lines(t, first + offset, item)))
    if page.page == 0:
        if not page.has_region:
            parts.append(t("rec-no-region"))
        elif not page.programmes_nearby and page.region_name:
            region = place_name(t, page.region_name, page.region_name_en)
            parts.append(t("rec-no-centres", region=region))
        if page.eligibility:
            parts.append(_eligibility_text(t, page.eligibility))
    if page.pages > 1:
        parts.append(t("rec-page", page=page.page + 1, pages=page.pages))
    return fit_message("\n\n".join(parts))


def list_keyboard(t: Translate, page: RecommendationPage) -> InlineKeyboardMarkup:
    rows: list[list[InlineKeyboardButton]] = []
    first = page.page * PAGE_SIZE + 1
    for offset, item in enumerate(page.items):
        rows.append(
            [
                _button(
                    t("rec-button-details", number=first + offset, title=_short(item.title)),
                    _rec("card", item.ref),
                ),
                _button(t("rec-button-up"), _rec("up", item.ref, page.page)),
                _button(t("rec-button-down"), _rec("down", item.ref, page.page)),
            ]
        )
    navigation = []
    if page.has_previous:
        navigation.append(_button(t("rec-button-back"), _rec(PAGE, page=page.page - 1)))
    if page.has_next:
        navigation.append(_button(t("rec-button-more"), _rec(PAGE, page=page.page + 1)))
    if navigation:
        rows.append(navigation)
    if page.eligibility or not page.items:
        rows.append([_consult_button(t)])
    if page.profile_empty or not page.items or not page.has_region:
        rows.append([_button(t("rec-button-restart"), OnboardingCallback(action="restart").pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


# -- short lists: similar items and free-question results -----------------------------------


def items_text(t: Translate, intro: str, items: Sequence[Suggestion]) -> str:
    parts = [intro]
    for number, item in enumerate(items, start=1):
        parts.append("\n".join(_item_lines(t, number, item)))
    return fit_message("\n\n".join(parts))


def items_keyboard(t: Translate, items: Sequence[Suggestion]) -> InlineKeyboardMarkup:
    rows = [
        [
            _button(
                t("rec-button-details", number=number, title=_short(item.title, 40)),
                _rec("card", item.ref),
            )
        ]
        for number, item in enumerate(items, start=1)
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def similar_text(t: Translate, similar: SimilarItems) -> str:
    if not similar.items:
        return t("rec-similar-none", title=similar.title)
    return items_text(t, t("rec-similar-intro", title=similar.title), similar.items)


# -- cards ---------------------------------------------------------------------------------


def _duration(t: Translate, card: ProfessionCard) -> str | None:
    duration = card.profession.duration
    routes = []
    if duration.after_9:
        routes.append(t("card-duration-after-9", months=duration.after_9))
    if duration.after_11:
        routes.append(t("card-duration-after-11", months=duration.after_11))
    return t("card-duration", routes="; ".join(routes)) if routes else None


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
        f"«{profession.title}»",
        t(
            "card-profession-kind",
            level=profession.level,
            code=profession.code,
            name=profession.name,
        ),
    ]
    parts = ["\n".join(head), f"{t('card-what')}\n{profession.description}"]
    about = [t("card-conditions", conditions=", ".join(condition_words))]
    about.append(t("card-suits", suits=", ".join(suits)) if suits else t("card-suits-none"))
    duration = _duration(t, card)
    if duration:
        about.append(duration)
    parts.append("\n".join(about))

    if card.region is None:
        parts.append(t("card-no-region"))
    else:
        where = [t("card-where", region=place_name(t, card.region.name, card.region.name_en))]
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
        parts.append("\n".join(where))
        if card.options:
            lines = [t("card-programmes")]
            for option in card.options:
                programme = option.programme
                lines.append(
                    t(
                        "card-option-line",
                        title=programme.title,
                        when=t("rec-start", date=_date(option.next_start))
                        if option.next_start
                        else t("rec-no-date"),
                        hours=programme.hours,
                        format=t(f"format-{programme.format.value}"),
                        price=t("rec-free")
                        if programme.is_free
                        else t("rec-price", price=_price(programme.price_rub or 0)),
                        document=programme.document,
                    )
                )
            parts.append("\n".join(lines))
        else:
            parts.append(t("card-programmes-none"))
    if card.options_elsewhere and not card.options:
        parts.append(t("card-programmes-elsewhere", count=card.options_elsewhere))
    if card.competencies:
        names = ", ".join(
            f"«{c.name}» ({t(f'card-championship-{c.championship}')})" for c in card.competencies
        )
        parts.append(t("card-competencies", names=names))
    return fit_message("\n\n".join(parts))


def programme_text(t: Translate, card: ProgrammeCard) -> str:
    programme = card.programme
    head = [
        f"«{programme.title}»",
        t(f"card-programme-kind-{programme.kind.value}")
        + (f" · {card.centre.short_name}" if card.centre else ""),
    ]
    parts = ["\n".join(head), programme.description]
    facts = []
    if card.dates:
        facts.append(t("card-dates", dates=", ".join(_date(d) for d in card.dates[:4])))
    else:
        facts.append(t("card-dates-none"))
    facts.append(t("card-hours", hours=programme.hours, schedule=programme.schedule))
    facts.append(t("card-format", format=t(f"format-{programme.format.value}")))
    free_funding = [f.value for f in programme.funding if f.value != "paid"]
    funding = ", ".join(t(f"funding-{value}") for value in free_funding)
    if programme.is_free:
        facts.append(t("card-price-free", funding=funding))
    elif free_funding:
        facts.append(t("card-price-mixed", price=_price(programme.price_rub or 0), funding=funding))
    else:
        facts.append(t("card-price-paid", price=_price(programme.price_rub or 0)))
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
        names = ", ".join(profession.title for profession in card.professions)
        parts.append(t("card-professions", names=names))
    if card.eligibility:
        parts.append(_eligibility_text(t, card.eligibility))
    if programme.illustrative:
        parts.append(t("card-illustrative"))
    return fit_message("\n\n".join(parts))


def card_text(t: Translate, card: ProfessionCard | ProgrammeCard | FaqCard, language: str) -> str:
    if isinstance(card, ProfessionCard):
        return profession_text(t, card)
    if isinstance(card, ProgrammeCard):
        return programme_text(t, card)
    entry = card.entry
    return fit_message(entry.answer_en if language == "en" else entry.answer)


def card_keyboard(
    t: Translate, card: ProfessionCard | ProgrammeCard | FaqCard
) -> InlineKeyboardMarkup | None:
    if isinstance(card, FaqCard):
        return None
    ref = card.ref
    rows = [
        [
            _button(t("rec-button-similar"), _rec("similar", ref)),
            _button(t("rec-button-unfit"), _rec("unfit", ref)),
        ],
        [
            _button(t("rec-button-up"), _rec("up", ref)),
            _button(t("rec-button-down"), _rec("down", ref)),
        ],
    ]
    if isinstance(card, ProfessionCard):
        rows.extend(
            [
                _button(
                    t("rec-button-programme", title=_short(option.programme.title, 36)),
                    _rec("card", option.reference),
                )
            ]
            for option in card.options[:3]
        )
    rows.append([_consult_button(t, ref)])
    if card.has_consent:
        rows.append([_button(t("rec-button-list"), _rec("list"))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def unfit_keyboard(t: Translate, ref: str) -> InlineKeyboardMarkup:
    def reason(key: str) -> InlineKeyboardButton:
        return _button(t(f"rec-unfit-{key}"), UnfitReasonCallback(ref=ref, reason=key).pack())

    keys = list(UNFIT_REASONS)
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [reason(keys[0]), reason(keys[1])],
            [reason(keys[2]), reason(keys[3])],
            [reason(UNFIT_SKIP)],
        ]
    )


# -- free questions ------------------------------------------------------------------------


def topics_rows(t: Translate) -> list[list[InlineKeyboardButton]]:
    buttons = [
        _button(t(f"interest-{key}"), TopicCallback(interest=key).pack()) for key in INTEREST_WORDS
    ]
    return [buttons[index : index + 2] for index in range(0, len(buttons), 2)]


def clarify_keyboard(t: Translate, answer: Answer) -> InlineKeyboardMarkup:
    label = "ask-button-restart" if answer.onboarded else "ask-button-onboarding"
    rows = [[_button(t(label), OnboardingCallback(action="restart").pack())]]
    if answer.onboarded:
        rows.append([_button(t("ask-button-list"), _rec("list"))])
    rows.extend(topics_rows(t))
    rows.append([_consult_button(t)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def answer_view(t: Translate, answer: Answer) -> tuple[str, InlineKeyboardMarkup | None]:
    """The reply to a free question: text and keyboard."""
    if answer.kind == "faq":
        return fit_message(answer.text or ""), None
    if answer.kind == "catalogue":
        return items_text(t, t("ask-results"), answer.items), items_keyboard(t, answer.items)
    if answer.kind == "consent":
        return t("ask-consent"), None
    if not answer.has_consent:
        return t("ask-clarify-no-consent"), None
    return t("ask-clarify"), clarify_keyboard(t, answer)
