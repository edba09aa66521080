"""Consultation booking at the Telegram edge: callback data, dialog states, keyboards, texts,
and the notices the booking service sends (BookingMessages renders, never sends)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from bot.i18n import Translate, translator
from bot.services.booking.calendar import OfferedSlot
from bot.services.booking.phone import display_phone
from bot.services.booking.service import BookingView, CentreOption
from bot.services.messaging import Button, Outgoing
from bot.services.ports import UserRecord, WaitlistRecord
from bot.services.timezones import zone
from bot.ui.booking_calendar import month_keyboard
from bot.ui.callbacks import ConsultationCallback, DeskCallback, SmallNumber
from knowledge.models import Centre

# Actions of BookingCallback.
START = "start"
CARD = "card"  # «Хочу консультацию» under a card: a new message, the card stays
CENTRE = "centre"
CITY = "city"
FORMAT = "fmt"
MONTH = "month"
DAY = "day"
TIME = "time"
CONFIRM = "ok"
OTHER_TIME = "again"
QUIT = "quit"
CANCEL_ASK = "cx?"
CANCEL_DO = "cx"
RESCHEDULE = "move"
WILL_COME = "come"
WAITLIST_JOIN = "wait"
WAITLIST_LEAVE = "unwait"
OFFER_DECLINE = "decline"
ANSWER = "answer"  # the user answers a message from the centre; fmt carries the subject kind
NOOP = "noop"


class BookingCallback(CallbackData, prefix="bk"):
    action: str
    centre: str = ""
    fmt: str = ""
    day: SmallNumber = 0  # YYYYMMDD, local to the centre
    at: SmallNumber = 0  # a slot's start in minutes since the Unix epoch (UTC)
    id: SmallNumber = 0  # a booking or waitlist entry
    ref: str = ""  # the catalogue item a booking from a card is about (a short reference)


class BookingDialog(StatesGroup):
    city = State()  # typing a city or region to find a centre
    phone = State()  # a seat is held; the phone number or «without phone»
    confirm = State()  # the summary is shown; waiting for «Подтвердить»
    answer = State()  # the user types an answer to the centre


# FSM data keys, prefixed so they never collide with other dialogs' data.
TOPIC_KEY = "booking_topic"
ITEM_KEY = "booking_item"
RESCHEDULE_KEY = "booking_reschedule"
HOLD_KEY = "booking_hold"
PHONE_KEY = "booking_phone"
ANSWER_KIND_KEY = "booking_answer_kind"
ANSWER_ID_KEY = "booking_answer_id"
KEYS = (TOPIC_KEY, ITEM_KEY, RESCHEDULE_KEY, HOLD_KEY, PHONE_KEY, ANSWER_KIND_KEY, ANSWER_ID_KEY)

FORMATS = ("in_person", "online", "phone")


def data(action: str, **fields: object) -> str:
    return BookingCallback(action=action, **fields).pack()


def button(text: str, callback: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=callback)


def markup(rows: Sequence[Sequence[InlineKeyboardButton]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[list(row) for row in rows if row])


def as_outgoing(text: str, keyboard: InlineKeyboardMarkup | None = None) -> Outgoing:
    rows = keyboard.inline_keyboard if keyboard else []
    return Outgoing(
        text=text,
        buttons=tuple(tuple(Button(b.text, b.callback_data or "") for b in row) for row in rows),
    )


def minutes(moment: datetime) -> int:
    return int(moment.timestamp() // 60)


def from_minutes(value: int) -> datetime:
    return datetime.fromtimestamp(value * 60, tz=zone("UTC"))


def day_number(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def from_day_number(value: int) -> date:
    return date(value // 10000, value // 100 % 100, value % 100)


# --- dates and times in words ------------------------------------------------------------


def day_label(day: date, t: Translate) -> str:
    """«пт, 4 декабря»: strftime would need the system's Russian locale."""
    return t(
        "booking-day",
        weekday=t(f"booking-weekday-{day.isoweekday()}"),
        day=day.day,
        month=t(f"booking-month-of-{day.month}"),
    )


def utc_offset(zone_name: str, moment: datetime) -> str:
    offset = moment.astimezone(zone(zone_name)).utcoffset()
    hours = int(offset.total_seconds() // 3600) if offset else 0
    minutes_part = int(abs(offset.total_seconds()) % 3600 // 60) if offset else 0
    sign = "+" if hours >= 0 else "−"
    return f"UTC{sign}{abs(hours)}" + (f":{minutes_part:02d}" if minutes_part else "")


def when_text(view: BookingView, t: Translate) -> str:
    """The booking's time at the centre, and at the user's place when that differs."""
    start = view.record.starts_at
    local = view.local(start)
    text = t(
        "booking-when",
        day=day_label(local.date(), t),
        time=local.strftime("%H:%M"),
        offset=utc_offset(view.centre_zone, start),
    )
    if utc_offset(view.user_zone, start) != utc_offset(view.centre_zone, start):
        mine = start.astimezone(zone(view.user_zone))
        text += " " + t(
            "booking-when-yours",
            time=mine.strftime("%H:%M"),
            day=day_label(mine.date(), t),
            offset=utc_offset(view.user_zone, start),
        )
    return text


def format_name(fmt: str, t: Translate) -> str:
    return t(f"booking-format-{fmt}") if fmt in FORMATS else fmt


# --- the steps ----------------------------------------------------------------------------


def centres_keyboard(
    options: Sequence[CentreOption], t: Translate, request_ref: str
) -> InlineKeyboardMarkup:
    rows = []
    for option in options:
        label = t("booking-centre-option", name=option.name, city=option.city)
        if not option.in_user_region:
            label = t(
                "booking-centre-remote",
                name=option.name,
                formats=", ".join(format_name(f, t) for f in option.formats),
            )
        rows.append([button(label, data(CENTRE, centre=option.id))])
    rows.append([button(t("booking-other-city"), data(CITY))])
    rows.append([request_button(t, request_ref)])
    return markup(rows)


def request_button(t: Translate, ref: str = "") -> InlineKeyboardButton:
    return button(t("booking-request-call"), ConsultationCallback(action="ask", ref=ref).pack())


def centre_text(centre: Centre, t: Translate) -> str:
    lines = [t("booking-centre-title", name=centre.name)]
    lines.append(t("booking-centre-address", address=centre.address))
    if centre.phone:
        lines.append(t("booking-centre-phone", phone=centre.phone))
    if centre.email:
        lines.append(t("booking-centre-email", email=centre.email))
    hours = [
        t(
            "booking-centre-hours-day",
            weekday=t(f"booking-weekday-{day.weekday + 1}"),
            opens=day.opens.strftime("%H:%M"),
            closes=day.closes.strftime("%H:%M"),
        )
        for day in sorted(centre.hours, key=lambda d: d.weekday)
    ]
    lines.append(t("booking-centre-hours", hours="; ".join(hours)))
    if centre.hours_illustrative or (centre.consultations and centre.consultations.illustrative):
        lines.append(t("booking-centre-illustrative"))
    if centre.consultations is None:
        lines += ["", t("booking-centre-no-slots")]
    else:
        lines += ["", t("booking-choose-format")]
    return "\n".join(lines)


def formats_keyboard(centre: Centre, t: Translate, ref: str) -> InlineKeyboardMarkup:
    rows = []
    if centre.consultations is not None:
        rows = [
            [button(format_name(str(f), t), data(FORMAT, centre=centre.id, fmt=str(f)))]
            for f in centre.consultations.formats()
        ]
    rows.append([request_button(t, ref)])
    rows.append([button(t("booking-other-centre"), data(START))])
    return markup(rows)


def no_days_keyboard(centre_id: str, fmt: str, t: Translate, ref: str) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(t("booking-waitlist-join"), data(WAITLIST_JOIN, centre=centre_id, fmt=fmt))],
            [request_button(t, ref)],
            [button(t("booking-other-centre"), data(START))],
        ]
    )


def calendar_keyboard(
    centre_id: str, fmt: str, days: Sequence[date], shown: tuple[int, int], t: Translate
) -> InlineKeyboardMarkup:
    months = sorted({(d.year, d.month) for d in days})
    year, month = shown if shown in months else months[0]
    index = months.index((year, month))
    keyboard = month_keyboard(
        year,
        month,
        set(days),
        title=t("booking-month-title", month=t(f"booking-month-{month}"), year=str(year)),
        weekday_names=[t(f"booking-weekday-{n}") for n in range(1, 8)],
        day_data=lambda d: data(DAY, centre=centre_id, fmt=fmt, day=day_number(d)),
        noop_data=data(NOOP),
        month_data=lambda y, m: data(MONTH, centre=centre_id, fmt=fmt, day=y * 100 + m),
        previous_allowed=index > 0,
        next_allowed=index < len(months) - 1,
        previous_label=t("booking-month-previous"),
        next_label=t("booking-month-next"),
        skip_empty_weeks=True,
    )
    keyboard.inline_keyboard.append(
        [button(t("booking-other-format"), data(CENTRE, centre=centre_id))]
    )
    return keyboard


def times_text(
    centre: Centre, day: date, slots: Sequence[OfferedSlot], user_zone: str, t: Translate
) -> str:
    first = slots[0].start
    text = t(
        "booking-times",
        day=day_label(day, t),
        city=centre.city,
        offset=utc_offset(centre.timezone, first),
    )
    if utc_offset(user_zone, first) != utc_offset(centre.timezone, first):
        text += "\n" + t(
            "booking-times-yours",
            offset=utc_offset(user_zone, first),
            centre_time=first.astimezone(zone(centre.timezone)).strftime("%H:%M"),
            city=centre.city,
            your_time=first.astimezone(zone(user_zone)).strftime("%H:%M"),
        )
    return text


def times_keyboard(
    centre: Centre, fmt: str, slots: Sequence[OfferedSlot], t: Translate, *, with_day: bool = False
) -> InlineKeyboardMarkup:
    tz = zone(centre.timezone)
    buttons = []
    for slot in slots:
        local = slot.start.astimezone(tz)
        label = local.strftime("%H:%M")
        if with_day:
            label = f"{day_label(local.date(), t)}, {label}"
        buttons.append(button(label, data(TIME, centre=centre.id, fmt=fmt, at=minutes(slot.start))))
    per_row = 2 if with_day else 4
    rows = [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]
    rows.append([button(t("booking-other-day"), data(FORMAT, centre=centre.id, fmt=fmt))])
    return markup(rows)


def phone_keyboard(t: Translate) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        keyboard=[
            [KeyboardButton(text=t("consultation-share-phone"), request_contact=True)],
            [KeyboardButton(text=t("consultation-no-phone"))],
            [KeyboardButton(text=t("booking-quit"))],
        ],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


def summary_text(view: BookingView, phone: str | None, hold_minutes: int, t: Translate) -> str:
    record = view.record
    lines = [
        t("booking-summary-title"),
        t("booking-summary-centre", centre=view.centre_name),
        when_text(view, t),
        t("booking-summary-format", format=format_name(record.format, t)),
        t("booking-summary-topic", topic=record.topic),
        t("booking-summary-phone", phone=display_phone(phone) if phone else t("booking-no-phone")),
        "",
        t("booking-summary-held", minutes=hold_minutes),
    ]
    return "\n".join(lines)


def summary_keyboard(booking_id: int, t: Translate) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(t("booking-confirm"), data(CONFIRM, id=booking_id))],
            [button(t("booking-pick-other-time"), data(OTHER_TIME, id=booking_id))],
            [button(t("booking-quit"), data(QUIT))],
        ]
    )


def confirmed_text(view: BookingView, t: Translate, *, rescheduled: bool) -> str:
    record = view.record
    lines = [
        t("booking-rescheduled" if rescheduled else "booking-confirmed", id=record.id),
        when_text(view, t),
        t("booking-summary-centre", centre=view.centre_name),
        t("booking-summary-format", format=format_name(record.format, t)),
    ]
    if record.format == "in_person" and view.centre_address:
        lines.append(t("booking-centre-address", address=view.centre_address))
    elif record.format == "phone":
        lines.append(t("booking-phone-call-note"))
    else:
        lines.append(t("booking-online-note"))
    lines += [
        "",
        t("booking-confirmed-next", cutoff=int(view.cancel_cutoff.total_seconds() // 3600)),
    ]
    return "\n".join(lines)


def my_bookings_text(
    views: Sequence[BookingView],
    waitlist: Sequence[WaitlistRecord],
    names: dict[str, str],
    t: Translate,
) -> str:
    if not views and not waitlist:
        return t("booking-mine-empty")
    lines = [t("booking-mine-title")] if views else []
    for view in views:
        lines.append(
            t(
                "booking-mine-item",
                id=view.record.id,
                when=when_text(view, t),
                centre=view.centre_name,
                format=format_name(view.record.format, t),
                topic=view.record.topic,
            )
        )
    if waitlist:
        lines.append(t("booking-mine-waitlist"))
        lines += [
            t("booking-mine-waitlist-item", centre=names.get(e.centre, e.centre), topic=e.topic)
            for e in waitlist
        ]
    return "\n".join(lines)


def my_bookings_keyboard(
    views: Sequence[BookingView], waitlist: Sequence[WaitlistRecord], now: datetime, t: Translate
) -> InlineKeyboardMarkup | None:
    rows = []
    for view in views:
        if view.cancellable_at(now):
            rows.append(
                [
                    button(
                        t("booking-move-button", id=view.record.id),
                        data(RESCHEDULE, id=view.record.id),
                    ),
                    button(
                        t("booking-cancel-button", id=view.record.id),
                        data(CANCEL_ASK, id=view.record.id),
                    ),
                ]
            )
    rows += [[button(t("booking-waitlist-leave"), data(WAITLIST_LEAVE, id=e.id))] for e in waitlist]
    return markup(rows) if rows else None


def cancel_question_keyboard(booking_id: int, t: Translate) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(t("booking-cancel-yes"), data(CANCEL_DO, id=booking_id))],
            [button(t("booking-cancel-no"), data(NOOP))],
        ]
    )


class BookingMessages:
    """Notices about bookings: staff read them in the deployment's language, users in theirs."""

    def __init__(self, default_language: str, hold_minutes: int, offer_minutes: int) -> None:
        self._default_language = default_language
        self._staff_t = translator(default_language)
        self._offer_minutes = offer_minutes

    def _user_t(self, language: str | None) -> Translate:
        return translator(language or self._default_language)

    def _staff_lines(self, view: BookingView) -> list[str]:
        t = self._staff_t
        record = view.record
        lines = [
            t("desk-booking-line", id=record.id, when=when_text(view, t), seat=view.seat_name),
            t("booking-summary-format", format=format_name(record.format, t)),
            t("booking-summary-topic", topic=record.topic),
            t("desk-user", user_id=record.user_id),
        ]
        if record.phone:
            lines.append(t("booking-summary-phone", phone=display_phone(record.phone)))
        return lines

    def staff_booked(self, booking: BookingView, user: UserRecord | None) -> Outgoing:
        t = self._staff_t
        text = "\n".join(
            [t("desk-new-booking", centre=booking.centre_name), *self._staff_lines(booking)]
        )
        record_id = booking.record.id
        write = DeskCallback(action="write", id=record_id, value="b").pack()
        return Outgoing(text, ((Button(t("desk-write-button", id=record_id), write),),))

    def staff_cancelled(self, booking: BookingView, by_staff: bool) -> Outgoing:
        t = self._staff_t
        key = "desk-cancelled-by-staff" if by_staff else "desk-cancelled-by-user"
        return Outgoing(
            "\n".join([t(key, centre=booking.centre_name), *self._staff_lines(booking)])
        )

    def staff_rescheduled(self, booking: BookingView, old: BookingView) -> Outgoing:
        t = self._staff_t
        return Outgoing(
            "\n".join(
                [
                    t("desk-rescheduled", centre=booking.centre_name, old=when_text(old, t)),
                    *self._staff_lines(booking),
                ]
            )
        )

    def waitlist_offer(self, booking: BookingView, language: str | None) -> Outgoing:
        t = self._user_t(language)
        text = "\n".join(
            [
                t(
                    "booking-offer",
                    centre=booking.centre_name,
                    hours=max(1, self._offer_minutes // 60),
                ),
                when_text(booking, t),
                t("booking-summary-format", format=format_name(booking.record.format, t)),
            ]
        )
        keyboard = markup(
            [
                [button(t("booking-confirm"), data(CONFIRM, id=booking.record.id))],
                [button(t("booking-offer-decline"), data(OFFER_DECLINE, id=booking.record.id))],
            ]
        )
        return as_outgoing(text, keyboard)

    def day_closed(self, booking: BookingView, language: str | None) -> Outgoing:
        t = self._user_t(language)
        text = "\n".join(
            [t("booking-day-closed", centre=booking.centre_name), when_text(booking, t)]
        )
        keyboard = markup(
            [
                [
                    button(
                        t("booking-pick-other-time"),
                        data(FORMAT, centre=booking.record.centre, fmt=booking.record.format),
                    )
                ]
            ]
        )
        return as_outgoing(text, keyboard)

    def reminder(self, booking: BookingView, kind: str, language: str | None) -> Outgoing:
        t = self._user_t(language)
        record = booking.record
        lines = [
            t("booking-reminder-24h" if kind == "booking_24h" else "booking-reminder-2h"),
            when_text(booking, t),
            t("booking-summary-centre", centre=booking.centre_name),
            t("booking-summary-format", format=format_name(record.format, t)),
        ]
        if record.format == "in_person" and booking.centre_address:
            lines.append(t("booking-centre-address", address=booking.centre_address))
        rows = [[button(t("booking-will-come"), data(WILL_COME, id=record.id))]]
        rows.append(
            [
                button(t("booking-move-button", id=record.id), data(RESCHEDULE, id=record.id)),
                button(t("booking-cancel-button", id=record.id), data(CANCEL_ASK, id=record.id)),
            ]
        )
        return as_outgoing("\n".join(lines), markup(rows))
