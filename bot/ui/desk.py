"""The staff desk at the Telegram edge: /today, /week, /requests and closing a day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from itertools import groupby

from aiogram.fsm.state import State, StatesGroup
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translate, format_date, translator
from bot.services.booking.conversation import BOOKING, REQUEST, Subject
from bot.services.booking.desk import Agenda, ClosedDayReport, DeskQueue
from bot.services.booking.phone import display_phone
from bot.services.booking.schedule_text import Problem
from bot.services.messaging import Outgoing
from bot.services.ports import ATTENDED, NO_SHOW
from bot.services.timezones import zone
from bot.ui.booking import ANSWER, as_outgoing, day_label, day_number, format_name
from bot.ui.booking import button as booking_button
from bot.ui.booking import data as booking_data
from bot.ui.callbacks import ConsultationCallback, DeskCallback
from knowledge.models import Centre

SETTLE = "settle"
WRITE = "write"
TAKE = "take"
CLOSE_CENTRE = "close"
CLOSE_DAY = "closeday"
CLOSE_CONFIRM = "closeok"
CLOSE_DAYS_AHEAD = 14


class DeskDialog(StatesGroup):
    write = State()  # a staff member types a message to a user
    hours = State()  # a staff member sends a centre's new hours and rules


HOURS = "hours"
HOURS_CENTRE_KEY = "desk_hours_centre"


def hours_centres_keyboard(centres: Sequence[Centre]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button(c.short_name, HOURS, value=c.id)] for c in centres]
    )


def schedule_text(centre: Centre, t: Translate) -> str:
    """The hours and rules in the very form staff send them back (parse_schedule reads it)."""
    by_day = {day.weekday: day for day in centre.hours}
    lines = []
    for weekday in range(7):
        name = t(f"booking-weekday-{weekday + 1}")
        day = by_day.get(weekday)
        if day is None:
            lines.append(t("hours-line-off", day=name))
            continue
        line = t(
            "hours-line-day", day=name, opens=f"{day.opens:%H:%M}", closes=f"{day.closes:%H:%M}"
        )
        if day.break_start and day.break_end:
            line += t(
                "hours-line-break", start=f"{day.break_start:%H:%M}", end=f"{day.break_end:%H:%M}"
            )
        lines.append(line)
    rules = centre.consultations
    if rules is not None:
        lines += [
            t("hours-line-duration", minutes=rules.duration_minutes),
            t("hours-line-buffer", minutes=rules.buffer_minutes),
            t("hours-line-notice", hours=rules.min_notice_hours),
            t("hours-line-horizon", days=rules.horizon_days),
            t("hours-line-cutoff", hours=rules.cancel_cutoff_hours),
            t("hours-line-places", places=rules.places_per_slot),
        ]
    return "\n".join(lines)


def schedule_problems_text(problems: Sequence[Problem], t: Translate) -> str:
    lines = [t("hours-problems")]
    for problem in problems:
        if problem.line:
            lines.append(
                t(
                    "hours-problem-line",
                    line=problem.line,
                    text=problem.text,
                    problem=t(problem.key),
                )
            )
        else:
            lines.append(t(problem.key))
    return "\n".join(lines)


# FSM data keys of the staff member's private chat.
WRITE_KIND_KEY = "desk_write_kind"
WRITE_ID_KEY = "desk_write_id"


def write_button(kind: str, subject_id: int, t: Translate) -> InlineKeyboardButton:
    return _button(t("desk-write-button", id=subject_id), WRITE, id=subject_id, value=kind)


def subject_phrase(subject: Subject, t: Translate) -> str:
    if subject.kind == BOOKING:
        return t("desk-about-booking", id=subject.id)
    if subject.kind == REQUEST:
        return t("desk-about-request", id=subject.id)
    return t("desk-about-waitlist")


class ConversationMessages:
    """What a user reads from staff, under the centre's name, and what staff read back."""

    def __init__(self, default_language: str) -> None:
        self._default_language = default_language
        self._staff_t = translator(default_language)

    def to_user(self, subject: Subject, text: str, language: str | None) -> Outgoing:
        t = translator(language or self._default_language)
        centre = subject.centre_name or t("desk-centre-unnamed")
        heading = t("desk-from-centre", centre=centre, about=subject_phrase(subject, t))
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    booking_button(
                        t("desk-answer-button"),
                        booking_data(ANSWER, fmt=subject.kind, id=subject.id),
                    )
                ]
            ]
        )
        return as_outgoing(f"{heading}\n\n{text}", keyboard)

    def to_staff(self, subject: Subject, text: str) -> Outgoing:
        t = self._staff_t
        heading = t(
            "desk-from-user",
            user_id=subject.user_id,
            about=subject_phrase(subject, t),
            centre=subject.centre_name or "—",
        )
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[[write_button(subject.kind, subject.id, t)]]
        )
        return as_outgoing(f"{heading}\n\n{text}", keyboard)


def _button(text: str, action: str, **fields: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text,
        callback_data=DeskCallback(action=action, **fields).pack(),
    )


def agenda_text(agenda: Agenda, t: Translate) -> str:
    if not agenda.bookings:
        key = "desk-today-empty" if agenda.days == 1 else "desk-week-empty"
        return t(key)
    title = "desk-today-title" if agenda.days == 1 else "desk-week-title"
    lines = [t(title, count=len(agenda.bookings))]
    for (centre, seat), group in groupby(
        agenda.bookings, key=lambda v: (v.centre_name, v.seat_name)
    ):
        lines += ["", t("desk-seat-heading", centre=centre, seat=seat or "—")]
        for view in group:
            record = view.record
            local = view.local(record.starts_at)
            parts = [
                f"{day_label(local.date(), t)}, {local.strftime('%H:%M')}",
                f"№ {record.id}",
                format_name(record.format, t),
                record.topic,
                t("desk-user-short", user_id=record.user_id),
            ]
            if record.phone:
                parts.append(display_phone(record.phone))
            status = t(f"desk-status-{record.status}")
            if record.confirmed_at and record.status == "booked":
                status = t("desk-status-will-come")
            lines.append(f"• {' · '.join(parts)} — {status}")
    return "\n".join(lines)


def agenda_keyboard(agenda: Agenda, t: Translate, now_minutes: int) -> InlineKeyboardMarkup | None:
    rows = []
    for view in agenda.bookings:
        record = view.record
        row = [write_button(BOOKING, record.id, t)]
        # Attendance is marked once the meeting began; the desk shows buttons for those only.
        if record.starts_at.timestamp() // 60 <= now_minutes and record.status == "booked":
            row += [
                _button(t("desk-attended", id=record.id), SETTLE, id=record.id, value=ATTENDED),
                _button(t("desk-no-show", id=record.id), SETTLE, id=record.id, value=NO_SHOW),
            ]
        rows.append(row)
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


def queue_text(queue: DeskQueue, t: Translate, timezone: str) -> str:
    if not queue.requests and not queue.waitlist:
        return t("desk-queue-empty")
    lines = [t("desk-queue-title")]
    if queue.requests:
        lines += ["", t("desk-requests-heading", count=len(queue.requests))]
        for request in queue.requests:
            lines.append(
                t(
                    "desk-request-line",
                    id=request.id,
                    date=format_date(request.created_at.astimezone(zone(timezone)), t),
                    centre=queue.centre_names.get(request.centre or "", "—"),
                    topic=request.topic,
                    user_id=request.user_id,
                    phone=display_phone(request.phone)
                    if request.phone and request.phone.startswith("+")
                    else (request.phone or "—"),
                )
            )
    if queue.waitlist:
        lines += ["", t("desk-waitlist-heading", count=len(queue.waitlist))]
        for entry in queue.waitlist:
            lines.append(
                t(
                    "desk-waitlist-line",
                    id=entry.id,
                    date=format_date(entry.created_at.astimezone(zone(timezone)), t),
                    centre=queue.centre_names.get(entry.centre, entry.centre),
                    format=format_name(entry.format, t) if entry.format else "—",
                    topic=entry.topic,
                    user_id=entry.user_id,
                    status=t(f"desk-waitlist-{entry.status}"),
                )
            )
    return "\n".join(lines)


def queue_keyboard(queue: DeskQueue, t: Translate) -> InlineKeyboardMarkup | None:
    rows = [
        [
            InlineKeyboardButton(
                text=t("desk-take-request", id=request.id),
                callback_data=ConsultationCallback(action="handled", request=request.id).pack(),
            ),
            write_button(REQUEST, request.id, t),
        ]
        for request in queue.requests
    ]
    rows += [
        [_button(t("desk-take-waitlist", id=e.id), TAKE, id=e.id), write_button("w", e.id, t)]
        for e in queue.waitlist
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


def close_centres_keyboard(centres: Sequence[Centre]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button(c.short_name, CLOSE_CENTRE, value=c.id)] for c in centres]
    )


def close_days_keyboard(centre: Centre, today: date, t: Translate) -> InlineKeyboardMarkup:
    days = [today + timedelta(days=n) for n in range(CLOSE_DAYS_AHEAD)]
    buttons = [
        _button(day_label(day, t), CLOSE_DAY, value=centre.id, day=day_number(day)) for day in days
    ]
    return InlineKeyboardMarkup(
        inline_keyboard=[buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    )


def close_confirm_keyboard(centre_id: str, day: date, t: Translate) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("desk-close-confirm"), CLOSE_CONFIRM, value=centre_id, day=day_number(day))]
        ]
    )


def closed_text(report: ClosedDayReport, t: Translate) -> str:
    key = "desk-closed-again" if report.already_closed else "desk-closed"
    return t(
        key,
        centre=report.centre.short_name,
        day=day_label(report.day, t),
        count=len(report.cancelled),
        notified=report.notified,
    )
