"""Consultation requests at the Telegram edge: dialog states, keyboards, texts, staff posting."""

from __future__ import annotations

from datetime import datetime

from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from bot.i18n import Translate, format_date, format_datetime, translator
from bot.services.consultations import RequestCard
from bot.services.messaging import Button, Outgoing
from bot.services.ports import ConsultationRecord
from bot.services.timezones import zone
from bot.ui.callbacks import ConsultationCallback
from bot.ui.profile import summary_lines

# ConsultationCallback actions besides "ask", "withdraw" and "handled" (shared ones).
CONFIRM = "confirm"
CHANGE = "change"
CANCEL = "cancel"


class RequestDialog(StatesGroup):
    confirm_topic = State()
    type_topic = State()
    phone = State()


# FSM data keys; prefixed so they never collide with other dialogs' data.
TOPIC_KEY = "consultation_topic"
ITEM_KEY = "consultation_item"


def local_time(card: RequestCard, moment: datetime, t: Translate) -> str:
    return f"{format_datetime(card.local(moment), t)} ({card.timezone})"


def topic_keyboard(t: Translate) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t("consultation-confirm"),
                    callback_data=ConsultationCallback(action=CONFIRM).pack(),
                ),
                InlineKeyboardButton(
                    text=t("consultation-change-topic"),
                    callback_data=ConsultationCallback(action=CHANGE).pack(),
                ),
            ],
            [cancel_button(t)],
        ]
    )


def cancel_button(t: Translate) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=t("consultation-cancel"), callback_data=ConsultationCallback(action=CANCEL).pack()
    )


def cancel_keyboard(t: Translate) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[cancel_button(t)]])


def phone_keyboard(t: Translate) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        keyboard=[
            [KeyboardButton(text=t("consultation-share-phone"), request_contact=True)],
            [KeyboardButton(text=t("consultation-no-phone"))],
            [KeyboardButton(text=t("consultation-cancel"))],
        ],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


def sent_text(card: RequestCard, t: Translate, *, duplicate: bool = False) -> str:
    request = card.request
    key = "consultation-already-open" if duplicate else "consultation-sent"
    lines = [t(key, id=request.id, topic=request.topic)]
    if card.centre_name:
        lines.append(t("consultation-sent-centre", centre=card.centre_name))
    lines.append(t("consultation-sent-contact", contact="phone" if request.phone else "telegram"))
    lines.append(t("consultation-sent-profile"))
    return "\n".join(lines)


def staff_text(card: RequestCard, t: Translate, requester: str | None = None) -> str:
    request = card.request
    lines = [t("staff-request-title", id=request.id), t("staff-request-topic", topic=request.topic)]
    if card.item_title:
        lines.append(t("staff-request-item", item=card.item_title))
    if card.centre_name:
        lines.append(t("staff-request-centre", centre=card.centre_name))
    if request.phone:
        lines.append(t("staff-request-phone", phone=request.phone))
    else:
        lines.append(t("staff-request-telegram-only"))
    lines.append(t("staff-request-user", user_id=request.user_id))
    if requester:
        lines.append(t("staff-request-name", name=requester))
    lines.append(t("staff-request-created", time=local_time(card, request.created_at, t)))
    if card.user is not None:
        lines.append("")
        lines.append(t("staff-request-profile"))
        lines.extend(f"• {line}" for line in summary_lines(card.user, t))
    return "\n".join(lines)


def staff_handled_line(card: RequestCard, t: Translate, name: str) -> str:
    handled_at = card.request.handled_at
    time = local_time(card, handled_at, t) if handled_at else ""
    return t("staff-request-handled", name=name, time=time)


def staff_keyboard(request_id: int, t: Translate) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t("staff-handled-button"),
                    callback_data=ConsultationCallback(action="handled", request=request_id).pack(),
                )
            ]
        ]
    )


def requests_text(requests: list[ConsultationRecord], t: Translate, timezone: str) -> str:
    if not requests:
        return t("consultation-list-empty")
    lines = [t("consultation-list-title", count=len(requests))]
    lines.extend(
        t(
            "consultation-list-item",
            id=request.id,
            date=format_date(request.created_at.astimezone(zone(timezone)), t),
            topic=request.topic,
        )
        for request in requests
    )
    return "\n".join(lines)


def requests_keyboard(
    requests: list[ConsultationRecord], t: Translate
) -> InlineKeyboardMarkup | None:
    if not requests:
        return None
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t("consultation-withdraw-button", id=request.id),
                    callback_data=ConsultationCallback(
                        action="withdraw", request=request.id
                    ).pack(),
                )
            ]
            for request in requests
        ]
    )


class ConsultationMessages:
    """The texts of requests for staff (in the deployment's language) and for users (in
    theirs). It renders only; the consultation service decides what is sent, and when."""

    def __init__(self, default_language: str) -> None:
        self._default_language = default_language
        self._staff_t = translator(default_language)

    def staff_card(self, card: RequestCard, requester: str | None) -> Outgoing:
        keyboard = staff_keyboard(card.request.id, self._staff_t)
        return Outgoing(
            text=staff_text(card, self._staff_t, requester),
            buttons=tuple(
                tuple(Button(b.text, b.callback_data or "") for b in row)
                for row in keyboard.inline_keyboard
            ),
        )

    def staff_card_withdrawn(self, card: RequestCard) -> Outgoing:
        t = self._staff_t
        return Outgoing(text="\n\n".join((staff_text(card, t), t("staff-request-withdrawn"))))

    def staff_card_handled(self, card: RequestCard, shown: str | None, staff: str) -> Outgoing:
        # Keep the card as staff see it (it names the requester) and add who took it.
        base = shown or staff_text(card, self._staff_t)
        return Outgoing(text=f"{base}\n\n{staff_handled_line(card, self._staff_t, staff)}")

    def request_taken(self, card: RequestCard) -> Outgoing:
        t = translator(card.user_language or self._default_language)
        request = card.request
        return Outgoing(text=t("consultation-taken", id=request.id, topic=request.topic))

    def staff_card_erased(self, request_id: int) -> Outgoing:
        return Outgoing(text=self._staff_t("staff-request-erased", id=request_id))
