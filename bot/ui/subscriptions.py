"""Views and keyboards of subscriptions: the confirmation after «Напомнить» or a topic,
/subscriptions with its one-tap unsubscribing, the «Добавить тему» menu, and the reminders
themselves (SubscriptionMessages, the texts the reminder sender sends)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, tzinfo
from types import MappingProxyType

from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Translate, format_date, format_datetime, translator
from bot.services.events.upcoming import Listed
from bot.services.messaging import Button, Outgoing
from bot.services.subscriptions import (
    CourseReminder,
    EventReminder,
    Planned,
    Subscribed,
    SubscriptionList,
    SubscriptionView,
    Target,
    TopicKind,
    TopicMenu,
    TopicOffer,
)
from bot.ui.callbacks import SubscriptionCallback
from bot.ui.catalogue_parts import button, catalogue_title, fit_message, rec_data, shorten
from bot.ui.events import CARD, events_data
from bot.ui.views import place_name

EVENT = "event"
TOPIC = "topic"
DROP = "drop"
LIST = "list"
MENU = "menu"
FROM_LIST = "l"
# A topic's kind in a button: one letter, so a reference fits in 64 bytes with room to spare.
TOPIC_CODES: Mapping[str, TopicKind] = MappingProxyType(
    {
        "e": TopicKind.EVENT,
        "c": TopicKind.COMPETENCY,
        "i": TopicKind.INDUSTRY,
        "k": TopicKind.EVENT_KIND,
        "p": TopicKind.PROGRAMME,
    }
)
_CODE_OF = {kind: code for code, kind in TOPIC_CODES.items()}
LABEL_LIMIT = 40
PREVIEW_BUTTONS = 5


def _topic_data(kind: TopicKind, token: str) -> str:
    return SubscriptionCallback(action=TOPIC, kind=_CODE_OF[kind], value=token).pack()


def drop_data(subscription_id: int, where: str = "") -> str:
    return SubscriptionCallback(action=DROP, id=subscription_id, where=where).pack()


def _list_data() -> str:
    return SubscriptionCallback(action=LIST).pack()


def _menu_data(section: str = "") -> str:
    return SubscriptionCallback(action=MENU, value=section).pack()


def utc_offset(moment: datetime) -> str:
    """«UTC+7» of an aware local moment."""
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _label(t: Translate, kind: TopicKind, value: str, title: str) -> str:
    """«событие «…»», «компетенция «…»», «чемпионат «Абилимпикс»»: what one follows."""
    if kind is TopicKind.EVENT_KIND:
        return t(f"subscriptions-kind-{value}")
    return t(f"subscriptions-topic-{kind.value}", title=title)


def view_label(t: Translate, view: SubscriptionView) -> str:
    if view.gone and view.title == view.value and view.kind is not TopicKind.EVENT_KIND:
        return t("subscriptions-topic-gone")
    return _label(t, view.kind, view.value, view.title)


def _offer_label(t: Translate, offer: TopicOffer) -> str:
    label = _capital(_label(t, offer.kind, offer.token, offer.title))
    if offer.day is not None:
        label = t("subscriptions-offer-course", title=offer.title, date=format_date(offer.day, t))
    label = shorten(label, LABEL_LIMIT)
    return t(
        "subscriptions-offer-chosen" if offer.subscribed else "subscriptions-offer", title=label
    )


def _in_days(t: Translate, day: date, now: datetime, zone: tzinfo) -> str:
    """«сегодня», «завтра», «через 7 дней»: from the user's today to a day."""
    days = (day - now.astimezone(zone).date()).days
    return t("subscriptions-in-days", days=max(days, 0))


def _local_day(moment: datetime, zone: tzinfo) -> date:
    return moment.astimezone(zone).date()


def _your_time(t: Translate, moment: datetime, zone: tzinfo) -> tuple[str, str]:
    local = moment.astimezone(zone)
    return format_datetime(local, t), utc_offset(local)


# -- the confirmation ---------------------------------------------------------------------


def _planned_lines(t: Translate, planned: Sequence[Planned], zone: tzinfo) -> list[str]:
    lines = [t("subscriptions-planned")]
    for item in planned:
        when, _offset = _your_time(t, item.due_at, zone)
        days = round((item.target_at - item.due_at).total_seconds() / 86400)
        lines.append(
            t(
                "subscriptions-planned-item",
                when=when,
                what=t(f"subscriptions-before-{item.target.value}", days=days),
            )
        )
    lines.append(
        t("subscriptions-planned-zone", offset=utc_offset(planned[0].due_at.astimezone(zone)))
    )
    return lines


def _event_line(t: Translate, item: Listed) -> str:
    if item.online:
        place = t("events-place-online")
    elif item.region is not None:
        place = place_name(t, item.region.name, item.region.name_en)
    else:
        place = t("events-place-nationwide")
    return t(
        "subscriptions-event-line",
        title=item.title,
        date=format_date(item.first_day, t),
        place=place,
    )


def subscribed_text(t: Translate, done: Subscribed) -> str:
    view = done.subscription
    label = view_label(t, view)
    parts: list[str] = []
    if view.kind is TopicKind.EVENT:
        parts.append(
            t(
                "subscriptions-event-done" if done.created else "subscriptions-event-again",
                title=view.title,
            )
        )
    else:
        parts.append(
            t(
                "subscriptions-topic-done" if done.created else "subscriptions-topic-again",
                title=label,
            )
        )
    if view.kind in (TopicKind.EVENT, TopicKind.PROGRAMME):
        if done.planned:
            parts.append("\n".join(_planned_lines(t, done.planned, done.zone)))
        else:
            parts.append(t(f"subscriptions-planned-none-{view.kind.value}"))
    else:
        if done.events:
            lines = [t("subscriptions-topic-events")]
            lines.extend(_event_line(t, item) for item in done.events)
            if done.more_events:
                lines.append(t("subscriptions-topic-more", count=done.more_events))
            parts.append("\n".join(lines))
        else:
            parts.append(t("subscriptions-topic-no-events"))
        parts.append(t("subscriptions-topic-new"))
    if done.muted:
        parts.append(t("subscriptions-muted"))
    if done.offers:
        parts.append(t("subscriptions-offers"))
    return fit_message("\n\n".join(parts))


def subscribed_keyboard(t: Translate, done: Subscribed) -> InlineKeyboardMarkup:
    rows = [
        [button(_offer_label(t, offer), _topic_data(offer.kind, offer.token))]
        for offer in done.offers
    ]
    rows.extend(
        [
            button(
                t("events-button-item", number=number, title=shorten(item.title, LABEL_LIMIT)),
                events_data(CARD, ref=item.ref),
            )
        ]
        for number, item in enumerate(done.events[:PREVIEW_BUTTONS], 1)
    )
    rows.append(
        [
            button(t("subscriptions-button-undo"), drop_data(done.subscription.id)),
            button(t("subscriptions-button-list"), _list_data()),
        ]
    )
    return InlineKeyboardMarkup(inline_keyboard=rows)


# -- /subscriptions ------------------------------------------------------------------------


def _item_line(t: Translate, number: int, view: SubscriptionView) -> str:
    label = _capital(view_label(t, view))
    if view.kind is TopicKind.EVENT and not view.gone and view.first_day is not None:
        detail = format_date(view.first_day, t)
    elif view.kind is TopicKind.EVENT and view.gone and view.title != view.value:
        detail = t("subscriptions-detail-over")
    elif view.kind is TopicKind.PROGRAMME and not view.gone:
        detail = (
            t("subscriptions-detail-starts", date=format_date(view.first_day, t))
            if view.first_day
            else t("subscriptions-detail-no-dates")
        )
    elif view.kind in (TopicKind.COMPETENCY, TopicKind.INDUSTRY, TopicKind.EVENT_KIND):
        detail = t("subscriptions-detail-topic")
    else:
        detail = ""
    if detail:
        return t("subscriptions-item-detail", number=number, label=label, detail=detail)
    return t("subscriptions-item", number=number, label=label)


def list_text(t: Translate, listing: SubscriptionList) -> str:
    if not listing.items:
        return t("subscriptions-empty")
    parts = [t("subscriptions-title")]
    parts.append(
        "\n".join(_item_line(t, number, view) for number, view in enumerate(listing.items, 1))
    )
    parts.append(t("subscriptions-how"))
    if listing.muted:
        parts.append(t("subscriptions-muted"))
    return fit_message("\n\n".join(parts))


def list_keyboard(t: Translate, listing: SubscriptionList) -> InlineKeyboardMarkup:
    rows = [
        [
            button(
                t(
                    "subscriptions-button-drop",
                    number=number,
                    title=shorten(_capital(view_label(t, view)), LABEL_LIMIT),
                ),
                drop_data(view.id, FROM_LIST),
            )
        ]
        for number, view in enumerate(listing.items, 1)
    ]
    rows.append([button(t("subscriptions-button-add"), _menu_data())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def dropped_text(t: Translate, removed: SubscriptionView) -> str:
    return t("subscriptions-dropped", title=view_label(t, removed))


# -- «Добавить тему» -----------------------------------------------------------------------


def menu_text(t: Translate, menu: TopicMenu) -> str:
    if menu.section == "courses":
        if menu.region is None:
            return t("subscriptions-menu-courses-need-region")
        if not menu.offers:
            return t("subscriptions-menu-courses-none")
        region = place_name(t, menu.region.name, menu.region.name_en)
        return t("subscriptions-menu-courses", region=region)
    if menu.section:
        return t(f"subscriptions-menu-{menu.section}")
    return t("subscriptions-menu")


def menu_keyboard(t: Translate, menu: TopicMenu) -> InlineKeyboardMarkup:
    if not menu.section:
        rows = [
            [button(t(f"subscriptions-button-menu-{section}"), _menu_data(section))]
            for section in ("kinds", "industries", "courses")
        ]
        rows.append([button(t("subscriptions-button-list"), _list_data())])
        return InlineKeyboardMarkup(inline_keyboard=rows)
    rows = [
        [button(_offer_label(t, offer), _topic_data(offer.kind, offer.token))]
        for offer in menu.offers
    ]
    rows.append([button(t("subscriptions-button-back"), _menu_data())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


# -- the reminders -------------------------------------------------------------------------


def _where(t: Translate, reminder: EventReminder) -> str:
    if reminder.event.online:
        return t("events-where-online")
    if reminder.centre is not None:
        return t("events-where-centre", name=reminder.centre.name, address=reminder.centre.address)
    if reminder.region is not None:
        region = place_name(t, reminder.region.name, reminder.region.name_en)
        return t("events-where-region", region=region)
    return t("events-where-nationwide")


def _stop_buttons(t: Translate, covering: Sequence[SubscriptionView]) -> list[tuple[Button, ...]]:
    return [
        (
            Button(
                t(
                    "subscriptions-button-stop",
                    title=shorten(_capital(view_label(t, view)), LABEL_LIMIT),
                ),
                drop_data(view.id),
            ),
        )
        for view in covering
    ]


class SubscriptionMessages:
    """The reminders of subscriptions, in each reader's language."""

    def __init__(self, default_language: str) -> None:
        self._default_language = default_language

    def _t(self, language: str | None) -> Translate:
        return translator(language or self._default_language)

    def event_reminder(self, reminder: EventReminder, language: str | None) -> Outgoing:
        t = self._t(language)
        event, zone, now = reminder.event, reminder.zone, reminder.now
        deadline = event.registration_deadline
        if reminder.target is Target.DEADLINE and deadline is not None:
            head = t(
                "subscriptions-reminder-deadline",
                when=_in_days(t, _local_day(deadline, zone), now, zone),
                title=event.title,
            )
        elif reminder.target is Target.START:
            head = t(
                "subscriptions-reminder-start",
                when=_in_days(t, _local_day(event.starts_at, zone), now, zone),
                title=event.title,
            )
        else:
            topic = view_label(t, reminder.covering[0]) if reminder.covering else ""
            head = t("subscriptions-reminder-new", topic=topic, title=event.title)
        time, offset = _your_time(t, event.starts_at, zone)
        facts = [t("subscriptions-reminder-starts", time=time, offset=offset)]
        if deadline is not None and deadline > now:
            time, offset = _your_time(t, deadline, zone)
            facts.append(t("subscriptions-reminder-deadline-at", time=time, offset=offset))
        facts.append(_where(t, reminder))
        parts = [head, "\n".join(facts)]
        if event.link:
            parts.append(t("events-link", link=event.link))
        if event.illustrative:
            parts.append(t("subscriptions-reminder-illustrative"))
        labels = ", ".join(view_label(t, view) for view in reminder.covering)
        parts.append(t("subscriptions-reminder-why", topics=labels))
        rows: list[tuple[Button, ...]] = [
            (Button(t("subscriptions-button-card"), events_data(CARD, ref=reminder.ref)),)
        ]
        rows.extend(_stop_buttons(t, reminder.covering))
        return Outgoing(fit_message("\n\n".join(parts)), tuple(rows))

    def course_reminder(self, reminder: CourseReminder, language: str | None) -> Outgoing:
        t = self._t(language)
        programme, centre = reminder.programme, reminder.centre
        head = t(
            "subscriptions-reminder-course",
            when=_in_days(t, reminder.day, reminder.now, reminder.zone),
            title=catalogue_title(t, programme.title, programme.title_en),
            date=format_date(reminder.day, t),
        )
        facts = []
        if centre is not None:
            facts.append(t("events-where-centre", name=centre.name, address=centre.address))
            if centre.phone:
                facts.append(t("events-phone", name=centre.short_name, phone=centre.phone))
        parts = [head, *(["\n".join(facts)] if facts else [])]
        if programme.illustrative:
            parts.append(t("subscriptions-reminder-illustrative"))
        labels = ", ".join(view_label(t, view) for view in reminder.covering)
        parts.append(t("subscriptions-reminder-why", topics=labels))
        rows: list[tuple[Button, ...]] = [
            (Button(t("subscriptions-button-programme"), rec_data("card", reminder.ref)),)
        ]
        rows.extend(_stop_buttons(t, reminder.covering))
        return Outgoing(fit_message("\n\n".join(parts)), tuple(rows))
