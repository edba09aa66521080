"""Views and keyboards of the suggestions list, short item lists and «не подходит»."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translate, format_date
from bot.services.cards import ProgrammeElsewhere, ProgrammesElsewhere
from bot.services.explanations import render_reason
from bot.services.feedback import UNFIT_REASONS
from bot.services.recommendations import RecommendationPage, SimilarItems
from bot.services.suggestions import Suggestion
from bot.ui.callbacks import OnboardingCallback
from bot.ui.catalogue_parts import (
    button,
    catalogue_title,
    consult_button,
    eligibility_text,
    fit_message,
    format_price,
    quote,
    rec_data,
    shorten,
)
from bot.ui.events import CARD, events_data
from bot.ui.views import place_name

PAGE = "page"  # RecommendationCallback action of «Ещё» / «Назад»: edits the list in place
UNFIT_SKIP = "skip"


class UnfitReasonCallback(CallbackData, prefix="unfit"):
    ref: str
    reason: str  # one of UNFIT_REASONS, or "skip"


def _kind(t: Translate, item: Suggestion) -> str:
    if item.programme_kind == "taster":
        return t("rec-kind-taster")
    return t(f"rec-kind-{item.kind}")


def _title(t: Translate, item: Suggestion | ProgrammeElsewhere) -> str:
    return catalogue_title(t, item.title, item.title_en)


def reason_line(t: Translate, item: Suggestion) -> str:
    return render_reason(
        item.reason,
        t,
        interests=item.interests,
        own_words=[quote(words) for words in item.own_words],
        like=catalogue_title(t, item.like, item.like_en) if item.like else None,
    )


def _price(t: Translate, free: bool | None, price_rub: int | None, free_places: bool) -> str:
    if free:
        return t("rec-free")
    if price_rub is not None and free_places:
        return t("rec-price-or-free", price=format_price(price_rub))
    if price_rub is not None:
        return t("rec-price", price=format_price(price_rub))
    return ""


def _item_lines(t: Translate, number: int, item: Suggestion) -> list[str]:
    head = f"{number}. {_title(t, item)} — {_kind(t, item)}"
    lines = [head]
    if item.kind == "programme":
        details = [item.centre or ""]
        details.append(
            t("rec-start", date=format_date(item.next_start, t))
            if item.next_start
            else t("rec-no-date")
        )
        details.append(_price(t, item.free, item.price_rub, item.free_places))
        lines.append("   " + " · ".join(part for part in details if part))
    lines.append("   " + t("rec-why", reason=reason_line(t, item)))
    return lines


# -- the list ------------------------------------------------------------------------------


def list_text(t: Translate, page: RecommendationPage) -> str:
    if page.profile_empty:
        return t("rec-profile-empty")
    if not page.items:
        return t("rec-nothing")
    parts = [t("rec-intro-school" if page.audience == "school" else "rec-intro-adult")]
    for offset, item in enumerate(page.items):
        parts.append("\n".join(_item_lines(t, page.first_number + offset, item)))
    if page.page == 0:
        if not page.has_region:
            parts.append(t("rec-no-region"))
        elif not page.programmes_nearby and page.region_name:
            region = place_name(t, page.region_name, page.region_name_en)
            parts.append(t("rec-no-centres", region=region))
        if page.eligibility:
            parts.append(eligibility_text(t, page.eligibility))
        if page.nearby_events:
            lines = [t("rec-events-nearby")]
            lines += [
                t("rec-event-line", date=format_date(item.first_day, t), title=item.title)
                for item in page.nearby_events
            ]
            parts.append("\n".join(lines))
    if page.pages > 1:
        parts.append(t("rec-page", page=page.page + 1, pages=page.pages))
    return fit_message("\n\n".join(parts))


def _item_row(
    t: Translate, number: int, title: str, ref: str, page: int = 0
) -> list[InlineKeyboardButton]:
    """An item's buttons in a list: its card, «полезно», «не то»."""
    return [
        button(t("rec-button-details", number=number, title=shorten(title)), rec_data("card", ref)),
        button(t("rec-button-up"), rec_data("up", ref, page)),
        button(t("rec-button-down"), rec_data("down", ref, page)),
    ]


def list_keyboard(t: Translate, page: RecommendationPage) -> InlineKeyboardMarkup:
    rows = [
        _item_row(t, page.first_number + offset, _title(t, item), item.ref, page.page)
        for offset, item in enumerate(page.items)
    ]
    navigation = []
    if page.has_previous:
        navigation.append(button(t("rec-button-back"), rec_data(PAGE, page=page.page - 1)))
    if page.has_next:
        navigation.append(button(t("rec-button-more"), rec_data(PAGE, page=page.page + 1)))
    if navigation:
        rows.append(navigation)
    rows += [
        [button(t("rec-button-event", title=shorten(item.title)), events_data(CARD, ref=item.ref))]
        for item in page.nearby_events
    ]
    if page.eligibility or not page.items:
        rows.append([consult_button(t)])
    if page.profile_empty or not page.items or not page.has_region:
        rows.append([button(t("rec-button-restart"), OnboardingCallback(action="restart").pack())])
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
            button(
                t("rec-button-details", number=number, title=shorten(_title(t, item), 40)),
                rec_data("card", item.ref),
            )
        ]
        for number, item in enumerate(items, start=1)
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def similar_keyboard(t: Translate, similar: SimilarItems) -> InlineKeyboardMarkup:
    """The similar items, and the way back: to the card they are like, and to the list."""
    rows = list(items_keyboard(t, similar.items).inline_keyboard)
    rows.append(
        [
            button(t("rec-button-back-to-item"), rec_data("card", similar.ref)),
            button(t("rec-button-list"), rec_data("list")),
        ]
    )
    return InlineKeyboardMarkup(inline_keyboard=rows)


def similar_text(t: Translate, similar: SimilarItems) -> str:
    title = catalogue_title(t, similar.title, similar.title_en)
    if not similar.items:
        return t("rec-similar-none", title=title)
    return items_text(t, t("rec-similar-intro", title=title), similar.items)


# -- programmes in other regions, from a profession card -----------------------------------


def _elsewhere_lines(t: Translate, number: int, item: ProgrammeElsewhere) -> list[str]:
    where = ", ".join(
        part
        for part in (item.centre, item.region and place_name(t, item.region, item.region_en))
        if part
    )
    details = [
        where,
        t("format-online") if item.online else "",
        t("rec-start", date=format_date(item.next_start, t))
        if item.next_start
        else t("rec-no-date"),
        _price(t, item.free, item.price_rub, item.free_places),
    ]
    return [f"{number}. {_title(t, item)}", "   " + " · ".join(part for part in details if part)]


def elsewhere_text(t: Translate, result: ProgrammesElsewhere) -> str:
    title = catalogue_title(t, result.title, result.title_en)
    if not result.items:
        return t("rec-elsewhere-none", title=title)
    parts = [t("rec-elsewhere-intro", title=title)]
    if any(item.online for item in result.items):
        parts.append(t("rec-elsewhere-online"))
    parts.extend(
        "\n".join(_elsewhere_lines(t, number, item))
        for number, item in enumerate(result.items, start=1)
    )
    return fit_message("\n\n".join(parts))


def elsewhere_keyboard(t: Translate, result: ProgrammesElsewhere) -> InlineKeyboardMarkup:
    rows = [
        _item_row(t, number, _title(t, item), item.reference)
        for number, item in enumerate(result.items, start=1)
    ]
    rows.append([button(t("rec-button-back-to-card"), rec_data("card", result.ref))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


# -- «не подходит» -------------------------------------------------------------------------


def unfit_keyboard(t: Translate, ref: str) -> InlineKeyboardMarkup:
    def reason(key: str) -> InlineKeyboardButton:
        return button(t(f"rec-unfit-{key}"), UnfitReasonCallback(ref=ref, reason=key).pack())

    keys = list(UNFIT_REASONS)
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [reason(keys[0]), reason(keys[1])],
            [reason(keys[2]), reason(keys[3])],
            [reason(UNFIT_SKIP)],
        ]
    )
