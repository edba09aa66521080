"""/newevent and /editevent at the Telegram edge: the dialog's states and callback data, the
kind and centre questions, the form (in the very shape the parser reads back), its
problems line by line, the saved event, and the list of events to edit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, MessageEntity

from bot.i18n import Translate, format_date, format_datetime
from bot.services.event_editor import (
    Announcement,
    EditablePage,
    EventForm,
    Problem,
    SavedEvent,
)
from bot.services.event_editor.form import DEFAULT_AUDIENCE, FIELDS
from bot.ui.callbacks import SmallNumber
from bot.ui.catalogue_parts import shorten
from bot.ui.events import CARD, events_data
from bot.ui.views import place_name
from knowledge.models import Centre, EventKind

# Callback actions.
KIND = "kind"
CENTRE = "centre"
PAGE = "page"
PICK = "pick"
ANNOUNCE = "announce"
CANCEL = "cancel"

KIND_KEY = "evx_kind"  # dialog data of the staff member's private chat
CENTRE_KEY = "evx_centre"
REF_KEY = "evx_ref"
FORM_TIME = "%d.%m.%Y %H:%M"  # the form's own format: the parser reads it in any language
LIST_TITLE_LIMIT = 40


class EventEditorCallback(CallbackData, prefix="evx"):
    action: str
    value: str = ""  # a kind, a centre id or an event's reference
    kind: str = ""  # the chosen kind, carried by the centre buttons
    page: SmallNumber = 0


class EventEditorDialog(StatesGroup):
    new = State()  # the form of a new event
    edit = State()  # the form of an event being edited


def _button(text: str, action: str, **fields: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=EventEditorCallback(action=action, **fields).pack()
    )


def cancel_button(t: Translate) -> InlineKeyboardButton:
    return _button(t("event-editor-button-cancel"), CANCEL)


def _cancel_row(t: Translate) -> list[InlineKeyboardButton]:
    return [cancel_button(t)]


def kind_name(t: Translate, kind: EventKind) -> str:
    name = t(f"events-kind-{kind.value}")
    return name[:1].upper() + name[1:]


def kinds_keyboard(t: Translate) -> InlineKeyboardMarkup:
    rows = [[_button(kind_name(t, kind), KIND, value=kind.value)] for kind in EventKind]
    rows.append(_cancel_row(t))
    return InlineKeyboardMarkup(inline_keyboard=rows)


def centres_keyboard(t: Translate, kind: str, centres: Sequence[Centre]) -> InlineKeyboardMarkup:
    rows = [
        [_button(f"{centre.short_name} · {centre.city}", CENTRE, value=centre.id, kind=kind)]
        for centre in centres
    ]
    rows.append(_cancel_row(t))
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _offset(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'+' if minutes >= 0 else '−'}{hours}" + (f":{rest:02d}" if rest else "")


def _place(t: Translate, form: EventForm | SavedEvent | Announcement) -> str:
    if form.centre is not None:
        return form.centre.short_name
    if form.region is not None:
        return place_name(t, form.region.name, form.region.name_en)
    return t("event-editor-nationwide")


def form_prompt(form: EventForm, t: Translate) -> str:
    """The message above the form: where, which clock, and how to send it back."""
    moment = datetime.combine(form.example_day, time(12), tzinfo=form.local)
    where = t(
        "event-editor-where",
        kind=kind_name(t, form.kind),
        place=_place(t, form),
        offset=_offset(moment),
    )
    key = "event-editor-form-new" if form.fields is None else "event-editor-form-edit"
    return f"{where}\n\n{t(key)}"


def form_text(form: EventForm, t: Translate) -> str:
    """The form itself: a new event's example, or the event's current values."""
    fields = form.fields
    values: dict[str, str]
    if fields is None:
        day = datetime.combine(form.example_day, time(10), tzinfo=form.local)
        values = {
            "title": "",
            "starts_at": f"{day:{FORM_TIME}}",
            "ends_at": f"{day.replace(hour=14):{FORM_TIME}}",
            "registration_deadline": f"{(day - timedelta(days=1)).replace(hour=18):{FORM_TIME}}",
            "audience": ", ".join(t(f"audience-{a.value}") for a in DEFAULT_AUDIENCE[form.kind]),
            "competencies": "—",
            "link": "—",
            "description": "—",
        }
    else:
        deadline = fields.registration_deadline
        values = {
            "title": fields.title,
            "starts_at": f"{fields.starts_at:{FORM_TIME}}",
            "ends_at": f"{fields.ends_at:{FORM_TIME}}",
            "registration_deadline": f"{deadline:{FORM_TIME}}" if deadline else "—",
            "audience": ", ".join(t(f"audience-{a.value}") for a in fields.audience),
            "competencies": ", ".join(form.competency_names) or "—",
            "link": fields.link or "—",
            "description": fields.description or "—",
        }
    return "\n".join(f"{t(f'event-form-label-{name}')}: {values[name]}".rstrip() for name in FIELDS)


def copyable(text: str) -> list[MessageEntity]:
    """The whole text as a preformatted block: one tap copies it in Telegram's apps."""
    return [MessageEntity(type="pre", offset=0, length=len(text.encode("utf-16-le")) // 2)]


def problems_text(problems: Sequence[Problem], t: Translate) -> str:
    lines = [t("event-form-problems")]
    for problem in problems:
        what = t(problem.key)
        if problem.line:
            lines.append(
                t(
                    "event-form-problem-line",
                    line=problem.line,
                    text=shorten(problem.text, 60),
                    problem=what,
                )
            )
        elif problem.text:
            lines.append(
                t("event-form-problem-value", text=shorten(problem.text, 60), problem=what)
            )
        else:
            lines.append(f"• {what}")
    return "\n".join(lines)


def saved_text(saved: SavedEvent, t: Translate) -> str:
    event = saved.event
    start = event.starts_at.astimezone(saved.local)
    when = t(
        "event-editor-when",
        start=format_datetime(start, t),
        offset=_offset(start),
        place=_place(t, saved),
    )
    if saved.created:
        lines = [t("event-editor-created", title=event.title), when]
    else:
        changed = ", ".join(t(f"event-form-label-{name}").lower() for name in saved.changed)
        lines = [t("event-editor-edited", title=event.title, fields=changed), when]
    if saved.listed:
        lines.append(t("event-editor-listed"))
    else:
        lines.append(t("event-editor-listed-later", minutes=saved.refresh_minutes))
    if saved.created:
        lines.append(t("event-editor-next-subscribers"))
        key = "event-editor-next-announce" if announceable(saved) else "event-editor-next-broadcast"
        lines.append(t(key))
    elif any(name in ("starts_at", "ends_at", "registration_deadline") for name in saved.changed):
        lines.append(t("event-editor-next-reminders"))
    return "\n\n".join(lines)


def announceable(saved: SavedEvent) -> bool:
    """A new regional event this process already lists: its card button works for everyone
    who gets the announcement."""
    return saved.created and saved.listed and saved.event.region is not None


def saved_keyboard(saved: SavedEvent, t: Translate) -> InlineKeyboardMarkup:
    rows = [[_button(t("event-editor-button-edit"), PICK, value=saved.ref)]]
    if saved.listed:
        rows.insert(0, [_card_button(t, saved.ref)])
    if announceable(saved):
        rows.insert(0, [_button(t("event-editor-button-announce"), ANNOUNCE, value=saved.ref)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def announcement_text(announcement: Announcement, t: Translate) -> str:
    """The broadcast that announces an event: what, when in local time, where, until when
    to register, the description; the card is one tap away on its button."""
    event = announcement.event
    start = event.starts_at.astimezone(announcement.local)
    end = event.ends_at.astimezone(announcement.local)
    if start.date() == end.date():
        when = t(
            "event-announce-when-day",
            day=format_date(start.date(), t),
            start=f"{start:%H:%M}",
            end=f"{end:%H:%M}",
            offset=_offset(start),
        )
    else:
        when = t(
            "event-announce-when-days",
            start=format_datetime(start, t),
            end=format_datetime(end, t),
            offset=_offset(start),
        )
    lines = [f"«{event.title}»", kind_name(t, event.kind), when]
    if announcement.centre is not None:
        centre = announcement.centre
        lines.append(t("event-announce-where", name=centre.name, address=centre.address))
    deadline = event.registration_deadline
    if deadline is not None:
        local = deadline.astimezone(announcement.local)
        lines.append(t("event-announce-deadline", date=format_datetime(local, t)))
    parts = ["\n".join(lines)]
    if event.description:
        parts.append(event.description)
    parts.append(t("event-announce-more"))
    return "\n\n".join(parts)


def _card_button(t: Translate, ref: str) -> InlineKeyboardButton:
    """The event's card, as users see it (the events router shows it)."""
    return InlineKeyboardButton(
        text=t("event-editor-button-card"), callback_data=events_data(CARD, ref=ref)
    )


def editable_text(page: EditablePage, t: Translate) -> str:
    if not page.items:
        return t("event-editor-list-empty")
    text = t("event-editor-list-title")
    if page.pages > 1:
        text += " " + t("event-editor-list-page", page=page.page + 1, pages=page.pages)
    return text


def editable_keyboard(page: EditablePage, t: Translate) -> InlineKeyboardMarkup | None:
    if not page.items:
        return None
    rows = []
    for item in page.items:
        label = f"{format_date(item.first_day, t)} · {shorten(item.title, LIST_TITLE_LIMIT)}"
        if item.place:
            label += f" · {item.place}"
        rows.append([_button(label, PICK, value=item.ref)])
    turns = []
    if page.page > 0:
        turns.append(_button(t("event-editor-button-back"), PAGE, page=page.page - 1))
    if page.page + 1 < page.pages:
        turns.append(_button(t("event-editor-button-more"), PAGE, page=page.page + 1))
    if turns:
        rows.append(turns)
    return InlineKeyboardMarkup(inline_keyboard=rows)
