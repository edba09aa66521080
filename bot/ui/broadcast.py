"""Staff broadcasts at the Telegram edge: the compose dialog's states and callback data, the
segment screens, the preview summary, and the progress message with its buttons."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.i18n import Translate, format_date, translator
from bot.services.broadcasts import Audience, EventChoice, Preview, Progress
from bot.services.broadcasts.content import BUTTON_TEXT_LIMIT, CAPTION_LIMIT, TEXT_LIMIT
from bot.services.knowledge_base import short_reference
from bot.services.messaging import Button, Outgoing, TextEntity
from bot.services.people import Role
from bot.services.ports import BROADCAST_CANCELLED, BROADCAST_PAUSED, BROADCAST_SENDING, Segment
from bot.services.profiles import INTERESTS
from bot.ui.callbacks import SmallNumber
from bot.ui.events import CARD, events_data
from bot.ui.views import place_name

# Callback actions.
ABORT = "abort"
BUTTON = "btn"
EVENT = "ev"
SEGMENT = "seg"
TOGGLE_ROLE = "role"
TOGGLE_REGION = "reg"
TOGGLE_INTEREST = "int"
PREVIEW = "prev"
SEND = "send"
PAUSE = "pause"
RESUME = "resume"
CANCEL = "cancel"
CANCEL_YES = "cancelok"
SHOW = "show"
CONTROLS = (PAUSE, RESUME, CANCEL, CANCEL_YES, SHOW)

# BUTTON values and SEGMENT screens.
LINK = "url"
EVENT_CARD = "event"
NO_BUTTON = "none"
MAIN = "main"
ROLES = "roles"
REGIONS = "regions"
INTEREST_LIST = "interests"
BOOKINGS = "bookings"
RESET = "reset"
REGION_CHOICES = 24  # regions offered at once, the most recipients first

# Dialog data keys (the staff member's private chat).
DRAFT_KEY = "bc_draft"
SEGMENT_KEY = "bc_segment"
EVENTS_KEY = "bc_events"
URL_KEY = "bc_url"


class BroadcastCallback(CallbackData, prefix="bc"):
    action: str
    value: str = ""
    id: SmallNumber = 0


class BroadcastDialog(StatesGroup):
    message = State()  # the message to broadcast
    url = State()  # the link of the button
    label = State()  # the label of the link button
    event = State()  # words to find the event of the button


def data(action: str, value: str = "", id: int = 0) -> str:
    return BroadcastCallback(action=action, value=value, id=id).pack()


def _button(text: str, action: str, value: str = "", id: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data(action, value, id))


def _keyboard(rows: Sequence[Sequence[InlineKeyboardButton]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[list(row) for row in rows])


# --- the staff member's message ------------------------------------------------------------


def message_parts(message: Message) -> tuple[str | None, str, tuple[TextEntity, ...], str | None]:
    """Kind, text or caption, formatting and file_id of what the staff member sent."""
    if message.text is not None:
        return "text", message.text, _entities(message.entities), None
    caption = message.caption or ""
    entities = _entities(message.caption_entities)
    if message.photo:
        return "photo", caption, entities, message.photo[-1].file_id
    if message.document is not None:
        return "document", caption, entities, message.document.file_id
    return None, caption, entities, None


def _entities(entities: Sequence[Any] | None) -> tuple[TextEntity, ...]:
    return tuple(
        TextEntity(
            type=str(entity.type),
            offset=entity.offset,
            length=entity.length,
            url=entity.url,
            language=entity.language,
        )
        for entity in entities or ()
    )


def compose_prompt(t: Translate) -> tuple[str, InlineKeyboardMarkup]:
    return (
        t("broadcast-compose", text_limit=TEXT_LIMIT, caption_limit=CAPTION_LIMIT),
        _keyboard([[_button(t("broadcast-abort"), ABORT)]]),
    )


def abort_keyboard(t: Translate) -> InlineKeyboardMarkup:
    return _keyboard([[_button(t("broadcast-abort"), ABORT)]])


def button_question(t: Translate) -> tuple[str, InlineKeyboardMarkup]:
    return (
        t("broadcast-button-question"),
        _keyboard(
            [
                [_button(t("broadcast-button-link"), BUTTON, LINK)],
                [_button(t("broadcast-button-event"), BUTTON, EVENT_CARD)],
                [_button(t("broadcast-button-none"), BUTTON, NO_BUTTON)],
                [_button(t("broadcast-abort"), ABORT)],
            ]
        ),
    )


def label_prompt(t: Translate) -> str:
    return t("broadcast-ask-label", limit=BUTTON_TEXT_LIMIT)


def event_choices(t: Translate, events: Sequence[EventChoice]) -> tuple[str, InlineKeyboardMarkup]:
    rows = [
        [
            _button(
                t("broadcast-event-option", date=format_date(e.starts_at.date(), t), title=e.title)[
                    :64
                ],
                EVENT,
                id=number,
            )
        ]
        for number, e in enumerate(events)
    ]
    rows.append([_button(t("broadcast-abort"), ABORT)])
    return t("broadcast-pick-event"), _keyboard(rows)


def event_card_data(event_id: str) -> str:
    """The callback of the event's card, as /events packs it."""
    return events_data(CARD, ref=short_reference(event_id))


# --- the segment ---------------------------------------------------------------------------


def segment_data(segment: Segment) -> dict[str, Any]:
    return {
        "roles": list(segment.roles),
        "regions": list(segment.regions),
        "interests": list(segment.interests),
        "with_bookings": segment.with_bookings,
    }


def segment_from(value: object) -> Segment:
    if not isinstance(value, dict):
        return Segment()
    return Segment(
        roles=tuple(str(v) for v in value.get("roles") or ()),
        regions=tuple(str(v) for v in value.get("regions") or ()),
        interests=tuple(str(v) for v in value.get("interests") or ()),
        with_bookings=bool(value.get("with_bookings")),
    )


def toggled(values: tuple[str, ...], value: str) -> tuple[str, ...]:
    return tuple(v for v in values if v != value) if value in values else (*values, value)


def _names(values: Sequence[str], label: Any, t: Translate) -> str:
    return ", ".join(label(value) for value in values) if values else t("broadcast-nothing-chosen")


@dataclass
class SegmentScreen:
    t: Translate
    audience: Audience
    region_names: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for choice in self.audience.regions:
            self.region_names[choice.code] = place_name(self.t, choice.name, choice.name_en)
        own = self.audience.own_region
        if own is not None:
            self.region_names[own.code] = place_name(self.t, own.name, own.name_en)

    def role(self, value: str) -> str:
        return self.t(f"role-{value}")

    def interest(self, value: str) -> str:
        return self.t(f"interest-{value}")

    def region(self, value: str) -> str:
        return self.region_names.get(value, value)

    def main(self) -> tuple[str, InlineKeyboardMarkup]:
        t, segment, own = self.t, self.audience.segment, self.audience.own_region
        lines = [t("broadcast-segment-title")]
        if segment.roles:
            lines.append(t("broadcast-segment-roles", values=_names(segment.roles, self.role, t)))
        if own is not None:
            lines.append(t("broadcast-segment-own-region", region=self.region(own.code)))
        elif segment.regions:
            lines.append(
                t("broadcast-segment-regions", values=_names(segment.regions, self.region, t))
            )
        if segment.interests:
            lines.append(
                t(
                    "broadcast-segment-interests",
                    values=_names(segment.interests, self.interest, t),
                )
            )
        if segment.with_bookings:
            lines.append(t("broadcast-segment-bookings"))
        if segment.everyone or (own is not None and len(lines) == 2):
            lines.append(t("broadcast-segment-everyone"))
        lines += [
            "",
            t("broadcast-segment-rule"),
            "",
            t("broadcast-segment-count", count=self.audience.count),
        ]
        bookings = (
            "broadcast-filter-bookings-on"
            if segment.with_bookings
            else "broadcast-filter-bookings-off"
        )
        rows = [[_button(t("broadcast-filter-roles"), SEGMENT, ROLES)]]
        if own is None:
            rows.append([_button(t("broadcast-filter-regions"), SEGMENT, REGIONS)])
        rows += [
            [_button(t("broadcast-filter-interests"), SEGMENT, INTEREST_LIST)],
            [_button(t(bookings), SEGMENT, BOOKINGS)],
            [_button(t("broadcast-filter-reset"), SEGMENT, RESET)],
            [_button(t("broadcast-show-preview"), PREVIEW)],
            [_button(t("broadcast-abort"), ABORT)],
        ]
        return "\n".join(lines), _keyboard(rows)

    def _pick(
        self, label: str, chosen: bool, action: str, value: str
    ) -> list[InlineKeyboardButton]:
        text = self.t("broadcast-chosen", label=label) if chosen else label
        return [_button(text, action, value)]

    def roles(self) -> tuple[str, InlineKeyboardMarkup]:
        chosen = self.audience.segment.roles
        rows = [self._pick(self.role(r), r in chosen, TOGGLE_ROLE, r) for r in tuple(Role)]
        rows.append([_button(self.t("broadcast-filter-done"), SEGMENT, MAIN)])
        values = _names(chosen, self.role, self.t)
        return self.t("broadcast-pick-roles", values=values), _keyboard(rows)

    def interests(self) -> tuple[str, InlineKeyboardMarkup]:
        chosen = self.audience.segment.interests
        rows = [self._pick(self.interest(i), i in chosen, TOGGLE_INTEREST, i) for i in INTERESTS]
        rows.append([_button(self.t("broadcast-filter-done"), SEGMENT, MAIN)])
        values = _names(chosen, self.interest, self.t)
        return self.t("broadcast-pick-interests", values=values), _keyboard(rows)

    def regions(self) -> tuple[str, InlineKeyboardMarkup]:
        if self.audience.own_region is not None:
            return self.main()  # a region-bound staff member has no choice to make
        t, chosen = self.t, self.audience.segment.regions
        offered = list(self.audience.regions[:REGION_CHOICES])
        shown = {choice.code for choice in offered}
        rows = [
            self._pick(
                t("broadcast-region-option", name=self.region(c.code), count=c.users),
                c.code in chosen,
                TOGGLE_REGION,
                c.code,
            )
            for c in offered
        ]
        # A chosen region whose users the other filters left out stays visible, to unchoose.
        rows += [
            self._pick(self.region(code), True, TOGGLE_REGION, code)
            for code in chosen
            if code not in shown
        ]
        rows.append([_button(t("broadcast-filter-done"), SEGMENT, MAIN)])
        text = t("broadcast-pick-regions", values=_names(chosen, self.region, t))
        if not offered and not chosen:
            text += "\n" + t("broadcast-no-regions")
        return text, _keyboard(rows)


# --- preview and progress ------------------------------------------------------------------


def duration(seconds: int | None, t: Translate) -> str:
    seconds = max(1, seconds or 1)
    if seconds < 60:
        return t("broadcast-time-seconds", seconds=seconds)
    minutes = -(-seconds // 60)
    if minutes < 60:
        return t("broadcast-time-minutes", minutes=minutes)
    return t("broadcast-time-hours", hours=minutes // 60, minutes=minutes % 60)


def preview_summary(
    preview: Preview, budget: int, t: Translate
) -> tuple[str, InlineKeyboardMarkup]:
    time = duration(preview.eta_seconds, t)
    lines = [t("broadcast-preview-summary", count=preview.count)]
    if preview.paid:
        lines.append(t("broadcast-preview-paid", time=time, stars=_stars(preview.stars)))
    elif preview.paid_refused:
        lines.append(
            t(
                "broadcast-preview-paid-refused",
                stars=_stars(preview.stars),
                budget=budget,
                time=time,
            )
        )
    else:
        lines.append(t("broadcast-preview-free", time=time))
    keyboard = _keyboard(
        [
            [_button(t("broadcast-send", count=preview.count), SEND)],
            [_button(t("broadcast-change-segment"), SEGMENT, MAIN)],
            [_button(t("broadcast-abort"), ABORT)],
        ]
    )
    return "\n".join(lines), keyboard


def _stars(value: float) -> str:
    return f"{value:g}"


def _progress_lines(progress: Progress, t: Translate) -> list[str]:
    lines = [
        t(
            "broadcast-progress-counts",
            total=progress.total,
            sent=progress.sent,
            blocked=progress.blocked,
            failed=progress.failed,
            remaining=progress.remaining,
        )
    ]
    if progress.unknown:
        lines.append(t("broadcast-progress-unknown", count=progress.unknown))
    if progress.skipped:
        lines.append(t("broadcast-progress-skipped", count=progress.skipped))
    if progress.cancelled:
        lines.append(t("broadcast-progress-cancelled-count", count=progress.cancelled))
    return lines


def progress_text(progress: Progress, t: Translate, paid_rate: float = 1000.0) -> str:
    lines = [t(f"broadcast-progress-{progress.status}", id=str(progress.id)), ""]
    lines += _progress_lines(progress, t)
    if progress.status == BROADCAST_SENDING:
        if progress.eta_seconds is not None:
            lines.append(t("broadcast-progress-eta", time=duration(progress.eta_seconds, t)))
        if progress.retry_at is not None:
            lines.append(t("broadcast-progress-retry"))
    if progress.paid and not progress.finished:
        lines.append(t("broadcast-progress-paid", rate=int(paid_rate)))
    return "\n".join(lines)


def progress_buttons(progress: Progress, t: Translate) -> tuple[tuple[Button, ...], ...]:
    if progress.status == BROADCAST_SENDING:
        first = Button(t("broadcast-pause"), data(PAUSE, id=progress.id))
    elif progress.status == BROADCAST_PAUSED:
        first = Button(t("broadcast-resume"), data(RESUME, id=progress.id))
    else:
        return ()
    return ((first, Button(t("broadcast-cancel"), data(CANCEL, id=progress.id))),)


def cancel_question(progress: Progress, t: Translate) -> tuple[str, InlineKeyboardMarkup]:
    return (
        t("broadcast-cancel-question", id=str(progress.id)),
        _keyboard(
            [
                [_button(t("broadcast-cancel-yes"), CANCEL_YES, id=progress.id)],
                [_button(t("broadcast-cancel-no"), SHOW, id=progress.id)],
            ]
        ),
    )


def markup(buttons: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return _keyboard(
        [[InlineKeyboardButton(text=b.text, callback_data=b.data) for b in row] for row in buttons]
    )


class BroadcastMessages:
    """What staff read about their broadcasts, for the use cases (BroadcastTexts)."""

    def __init__(self, language: str, paid_rate: float = 1000.0) -> None:
        self._t = translator(language)
        self._paid_rate = paid_rate

    def progress(self, progress: Progress) -> Outgoing:
        return Outgoing(
            progress_text(progress, self._t, self._paid_rate),
            progress_buttons(progress, self._t),
        )

    def report(self, progress: Progress) -> Outgoing:
        t = self._t
        title = (
            "broadcast-report-cancelled-title"
            if progress.status == BROADCAST_CANCELLED
            else "broadcast-report-title"
        )
        lines = [t(title, id=str(progress.id)), "", *_progress_lines(progress, t)]
        if progress.blocked:
            lines += ["", t("broadcast-report-blocked-note")]
        return Outgoing("\n".join(lines))
