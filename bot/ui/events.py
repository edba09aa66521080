"""Views and keyboards of /events: the list with its filters and pages, an event's card, the
answer to a question about events, and the championship lines of a profession card."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translate, format_date, format_datetime
from bot.services.events import EventAnswer, EventCard, EventFilter, EventPage, Listed, NextStage
from bot.ui.callbacks import OnboardingCallback, SmallNumber, SubscriptionCallback
from bot.ui.catalogue_parts import button, catalogue_title, fit_message, rec_data, shorten
from bot.ui.views import place_name
from knowledge.models import Region

LIST = "list"
CARD = "card"
FILTERS = frozenset(item.value for item in EventFilter)
ITEM_TITLE_LIMIT = 40  # one button a row: room for more than the usual title
STAGE_BUTTONS = 2  # championship buttons a profession card shows at most


class EventsCallback(CallbackData, prefix="ev"):
    action: str  # list | card
    kind: str = EventFilter.ALL.value  # the list's filter (a card keeps it for «back»)
    page: SmallNumber = 0
    ref: str = ""


def remind_data(ref: str) -> str:
    """«Напомнить» on an event's card: the subscriptions router takes it."""
    return SubscriptionCallback(action="event", value=ref).pack()


def events_data(
    action: str, chosen: EventFilter = EventFilter.ALL, page: int = 0, ref: str = ""
) -> str:
    return EventsCallback(action=action, kind=chosen.value, page=page, ref=ref).pack()


def _offset(moment: datetime) -> str:
    """«UTC+7» of an aware local moment."""
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def _region_name(t: Translate, region: Region) -> str:
    return place_name(t, region.name, region.name_en)


def _city(t: Translate, city: str, region: Region | None) -> str:
    """A centre's city; the catalogue names cities in Russian only, so an English reader
    gets the region's English name when there is one."""
    return place_name(t, city, region.name_en if region else "")


def _days(t: Translate, first: date, last: date) -> str:
    if first == last:
        return format_date(first, t)
    return t("events-days", first=format_date(first, t), last=format_date(last, t))


def _place(t: Translate, item: Listed) -> str:
    if item.online:
        return t("events-place-online")
    if item.centre is not None:
        if item.is_programme:
            return item.centre.short_name
        return _city(t, item.centre.city, item.region)
    if item.region is not None:
        return _region_name(t, item.region)
    return t("events-place-nationwide")


def _item_lines(t: Translate, number: int, item: Listed) -> str:
    details = [_days(t, item.first_day, item.last_day), t(f"events-kind-{item.kind}")]
    details.append(_place(t, item))
    if item.deadline is not None:
        details.append(t("events-list-deadline", date=format_date(item.deadline, t)))
    return f"{number}. {catalogue_title(t, item.title, item.title_en)}\n   " + " · ".join(details)


def _heading(t: Translate, title: str, region: Region | None, courses: bool = False) -> str:
    if region is None:
        return t("events-heading-everywhere", title=title)
    key = "events-heading-courses" if courses else "events-heading-region"
    return t(key, title=title, region=_region_name(t, region))


def _illustrative(items: Sequence[Listed]) -> bool:
    return any(item.illustrative for item in items)


# -- the list ------------------------------------------------------------------------------


def list_text(t: Translate, page: EventPage) -> str:
    chosen = page.chosen
    courses = chosen is EventFilter.COURSES
    parts = [_heading(t, t(f"events-title-{chosen.value}"), page.region, courses)]
    if not page.items:
        parts.append(
            t("events-courses-need-region") if courses and page.region is None else t("events-none")
        )
        return "\n\n".join(parts)
    parts.extend(
        _item_lines(t, page.first_number + offset, item) for offset, item in enumerate(page.items)
    )
    parts.append(t("events-hint"))
    if page.region is None:
        parts.append(t("events-no-region"))
    if _illustrative(page.items):
        parts.append(t("events-list-illustrative"))
    if page.pages > 1:
        parts.append(t("events-page", page=page.page + 1, pages=page.pages))
    return fit_message("\n\n".join(parts))


def _item_button(
    t: Translate, number: int, item: Listed, chosen: EventFilter, page: int
) -> InlineKeyboardButton:
    title = catalogue_title(t, item.title, item.title_en)
    label = t("events-button-item", number=number, title=shorten(title, ITEM_TITLE_LIMIT))
    # A programme opens the catalogue's own programme card.
    if item.is_programme:
        return button(label, rec_data("card", item.ref))
    return button(label, events_data(CARD, chosen, page, item.ref))


def _filter_rows(t: Translate, chosen: EventFilter) -> list[list[InlineKeyboardButton]]:
    buttons = [
        button(
            t(
                "events-filter-chosen" if option is chosen else "events-filter",
                name=t(f"events-filter-{option.value}"),
            ),
            events_data(LIST, option),
        )
        for option in EventFilter
    ]
    return [buttons[index : index + 2] for index in range(0, len(buttons), 2)]


def list_keyboard(t: Translate, page: EventPage) -> InlineKeyboardMarkup:
    rows = [
        [_item_button(t, page.first_number + offset, item, page.chosen, page.page)]
        for offset, item in enumerate(page.items)
    ]
    navigation = []
    if page.page > 0:
        navigation.append(
            button(t("rec-button-back"), events_data(LIST, page.chosen, page.page - 1))
        )
    if page.page + 1 < page.pages:
        navigation.append(
            button(t("rec-button-more"), events_data(LIST, page.chosen, page.page + 1))
        )
    if navigation:
        rows.append(navigation)
    rows.extend(_filter_rows(t, page.chosen))
    if page.region is None:
        rows.append(
            [button(t("ask-button-onboarding"), OnboardingCallback(action="restart").pack())]
        )
    return InlineKeyboardMarkup(inline_keyboard=rows)


# -- the card ------------------------------------------------------------------------------


def _zone_label(t: Translate, card: EventCard, moment: datetime) -> str:
    if card.centre is not None:
        place = _city(t, card.centre.city, card.region)
        return t("events-zone-place", place=place, offset=_offset(moment))
    if card.region is not None:
        return t("events-zone-place", place=_region_name(t, card.region), offset=_offset(moment))
    return _offset(moment)


def _when(t: Translate, card: EventCard) -> list[str]:
    event = card.event
    start = event.starts_at.astimezone(card.local)
    end = event.ends_at.astimezone(card.local)
    zone = _zone_label(t, card, start)
    if start.date() == end.date():
        lines = [
            t(
                "events-when-day",
                day=format_date(start.date(), t),
                start=start.strftime("%H:%M"),
                end=end.strftime("%H:%M"),
                zone=zone,
            )
        ]
    else:
        lines = [
            t(
                "events-when-days",
                start=format_datetime(start, t),
                end=format_datetime(end, t),
                zone=zone,
            )
        ]
    if card.user_zone is not None:
        mine = event.starts_at.astimezone(card.user_zone)
        lines.append(t("events-when-yours", time=format_datetime(mine, t), offset=_offset(mine)))
    if card.ongoing:
        lines.append(t("events-ongoing"))
    deadline = event.registration_deadline
    if deadline is not None:
        local = deadline.astimezone(card.local)
        if card.registration_closed:
            lines.append(t("events-deadline-closed", date=format_datetime(local, t)))
        else:
            lines.append(
                t(
                    "events-deadline",
                    date=format_datetime(local, t),
                    zone=_zone_label(t, card, local),
                )
            )
    return lines


def _where(t: Translate, card: EventCard) -> str:
    if card.event.online:
        return t("events-where-online")
    if card.centre is not None:
        return t("events-where-centre", name=card.centre.name, address=card.centre.address)
    if card.region is not None:
        return t("events-where-region", region=_region_name(t, card.region))
    return t("events-where-nationwide")


def _catalogue_text(t: Translate, russian: str) -> str:
    """The catalogue writes in Russian; an English reader is told so."""
    if getattr(t, "language", "ru") == "en":
        return f"{t('card-in-russian')}\n{russian}"
    return russian


def card_text(t: Translate, card: EventCard) -> str:
    event = card.event
    parts = [f"«{event.title}»\n{t(f'events-kind-{event.kind.value}')}"]
    facts = _when(t, card)
    facts.append(_where(t, card))
    audience = ", ".join(t(f"audience-{value.value}") for value in event.audience)
    facts.append(t("card-audience", audience=audience))
    if card.competencies:
        names = ", ".join(f"«{competency.name}»" for competency in card.competencies)
        facts.append(t("events-competencies", names=names))
    parts.append("\n".join(facts))
    if event.description:
        parts.append(_catalogue_text(t, event.description))
    how = [t(f"events-how-{event.kind.value}")]
    if event.link:
        how.append(t("events-link", link=event.link))
    if card.centre is not None and card.centre.phone:
        how.append(t("events-phone", name=card.centre.short_name, phone=card.centre.phone))
    parts.append("\n".join(how))
    if event.illustrative:
        parts.append(t("events-illustrative"))
    return fit_message("\n\n".join(parts))


def card_keyboard(t: Translate, card: EventCard) -> InlineKeyboardMarkup:
    # «Напомнить» while something is still ahead to remind of (bot.services.subscriptions).
    rows = (
        [] if card.ongoing else [[button(t("subscriptions-button-remind"), remind_data(card.ref))]]
    )
    rows.extend(
        [button(t("events-button-profession", title=shorten(title, 36)), rec_data("card", ref))]
        for title, ref in card.professions
    )
    rows.append([button(t("events-button-back"), events_data(LIST, card.chosen, card.page))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


# -- a question about events ---------------------------------------------------------------


def answer_text(t: Translate, answer: EventAnswer) -> str:
    title = t(f"events-answer-{answer.topic.value}")
    parts = [_heading(t, title, answer.region)]
    if not answer.items:
        parts.append(t("events-answer-none"))
        return "\n\n".join(parts)
    parts.extend(_item_lines(t, number, item) for number, item in enumerate(answer.items, 1))
    if answer.total > len(answer.items):
        parts.append(t("events-answer-more", count=answer.total - len(answer.items)))
    parts.append(t("events-hint"))
    if _illustrative(answer.items):
        parts.append(t("events-list-illustrative"))
    return fit_message("\n\n".join(parts))


def answer_keyboard(t: Translate, answer: EventAnswer) -> InlineKeyboardMarkup:
    rows = [
        [_item_button(t, number, item, answer.chosen, 0)]
        for number, item in enumerate(answer.items, 1)
    ]
    rows.append([button(t("events-button-all"), events_data(LIST, answer.chosen))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


# -- championship dates on a profession card -----------------------------------------------


def _stage_place(t: Translate, stage: NextStage) -> str:
    if stage.event is not None and stage.event.online:
        return t("events-place-online")
    if stage.region is not None:
        return _region_name(t, stage.region)
    return t("events-place-nationwide")


def stages_text(t: Translate, stages: Sequence[NextStage]) -> str | None:
    """The competencies with their next dates, or None when no date is known (the card
    then names them on one line, as before)."""
    if not any(stage.event is not None for stage in stages):
        return None
    lines = [t("card-competencies-dated")]
    for stage in stages:
        competency = stage.competency
        championship = t(f"card-championship-{competency.championship}")
        if stage.event is None or stage.first_day is None:
            lines.append(
                t("card-competency-undated", name=competency.name, championship=championship)
            )
            continue
        lines.append(
            t(
                "card-competency-next",
                name=competency.name,
                championship=championship,
                date=format_date(stage.first_day, t),
                place=_stage_place(t, stage),
            )
        )
    return "\n".join(lines)


def stage_rows(t: Translate, stages: Sequence[NextStage]) -> list[list[InlineKeyboardButton]]:
    """A button to each distinct next event of the card's competencies, the soonest first."""
    dated = sorted(
        (stage for stage in stages if stage.event is not None and stage.first_day is not None),
        key=lambda stage: (stage.first_day, stage.ref),
    )
    rows: list[list[InlineKeyboardButton]] = []
    seen: set[str] = set()
    for stage in dated:
        if stage.ref in seen or len(rows) >= STAGE_BUTTONS:
            continue
        seen.add(stage.ref)
        assert stage.first_day is not None
        label = t(
            "events-button-stage",
            date=format_date(stage.first_day, t),
            place=_stage_place(t, stage),
        )
        rows.append([button(label, events_data(CARD, ref=stage.ref))])
    return rows
