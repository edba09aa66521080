"""/staff at the Telegram edge: the dialog's states and callback data, the list of staff, the
questions of granting and revoking, and what a person reads when their rights change."""

from __future__ import annotations

from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from pydantic import Field

from bot.i18n import Translate, format_date, translator
from bot.services.messaging import Outgoing
from bot.services.staff import StaffRole
from bot.services.staff_admin import (
    MAX_USER_ID,
    GrantOutcome,
    RegionQuestion,
    RevokeOutcome,
    StaffEntry,
    StaffList,
)
from bot.ui.views import place_name
from knowledge.models import Region

# Callback actions.
GRANT = "grant"  # start granting: the person is asked
REGION = "region"  # the region of the person's rights (value: a region id, "" for every one)
REVOKE = "revoke"  # the question whether to revoke
REVOKE_YES = "revokeok"
CANCEL = "cancel"

PERSON_KEY = "sa_person"  # dialog data: whose rights the region question is about
REGION_BUTTONS = 12  # regions offered as buttons; any other is typed


class StaffAdminCallback(CallbackData, prefix="sa"):
    action: str
    id: Annotated[int, Field(ge=0, lt=MAX_USER_ID)] = 0
    value: str = ""


class StaffAdminDialog(StatesGroup):
    person = State()  # a Telegram id or a shared contact
    region = State()  # a region, typed


def _button(text: str, action: str, **fields: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=StaffAdminCallback(action=action, **fields).pack()
    )


def _region(t: Translate, region_id: str | None, region: Region | None) -> str:
    if region_id is None:
        return t("staff-admin-region-all")
    name = place_name(t, region.name, region.name_en) if region else region_id
    return t("staff-admin-region-one", region=name)


def _line(entry: StaffEntry, t: Translate) -> str:
    user_id = str(entry.telegram_id)
    if entry.role is StaffRole.ADMIN:
        return t("staff-admin-line-admin", id=user_id)
    region = _region(t, entry.region, entry.region_name)
    grant = entry.granted
    if grant is None:
        return t("staff-admin-line-settings", id=user_id, region=region)
    day = format_date(grant.granted_at.date(), t)
    if grant.granted_by is None:
        return t("staff-admin-line-granted-unknown", id=user_id, region=region, date=day)
    return t(
        "staff-admin-line-granted", id=user_id, region=region, by=str(grant.granted_by), date=day
    )


def list_text(listing: StaffList, t: Translate) -> str:
    lines = [t("staff-admin-title"), ""]
    lines += [f"• {_line(entry, t)}" for entry in listing.entries]
    if not any(entry.granted for entry in listing.entries):
        lines += ["", t("staff-admin-none-granted")]
    lines += ["", t("staff-admin-footer")]
    return "\n".join(lines)


def list_keyboard(listing: StaffList, t: Translate) -> InlineKeyboardMarkup:
    rows = [[_button(t("staff-admin-button-grant"), GRANT)]]
    rows += [
        [_button(t("staff-admin-button-revoke", id=str(e.telegram_id)), REVOKE, id=e.telegram_id)]
        for e in listing.entries
        if e.granted is not None
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def cancel_keyboard(t: Translate) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[_button(t("staff-admin-button-cancel"), CANCEL)]])


def region_question(question: RegionQuestion, t: Translate) -> tuple[str, InlineKeyboardMarkup]:
    user_id = str(question.telegram_id)
    text = t("staff-admin-ask-region", id=user_id)
    current = question.current
    if current is not None:
        now = _region(t, current.region, None)
        text += "\n\n" + t("staff-admin-ask-region-current", id=user_id, region=now)
    rows = [[_button(t("staff-admin-button-all-regions"), REGION, id=question.telegram_id)]]
    rows += [
        [
            _button(
                place_name(t, region.name, region.name_en),
                REGION,
                id=question.telegram_id,
                value=region.id,
            )
        ]
        for region in question.regions[:REGION_BUTTONS]
    ]
    rows.append([_button(t("staff-admin-button-cancel"), CANCEL)])
    return text, InlineKeyboardMarkup(inline_keyboard=rows)


def granted_text(outcome: GrantOutcome, t: Translate) -> str:
    entry = outcome.entry
    region = _region(t, entry.region, entry.region_name)
    key = "staff-admin-renewed" if outcome.renewed else "staff-admin-done"
    told = "staff-admin-told" if outcome.told else "staff-admin-not-told"
    return t(key, id=str(entry.telegram_id), region=region) + "\n\n" + t(told)


def revoke_question(entry: StaffEntry, t: Translate) -> tuple[str, InlineKeyboardMarkup]:
    region = _region(t, entry.region, entry.region_name)
    text = t("staff-admin-revoke-question", id=str(entry.telegram_id), region=region)
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("staff-admin-button-revoke-yes"), REVOKE_YES, id=entry.telegram_id)],
            [_button(t("staff-admin-button-revoke-no"), CANCEL)],
        ]
    )
    return text, keyboard


def revoked_text(outcome: RevokeOutcome, t: Translate) -> str:
    told = "staff-admin-revoked-told" if outcome.told else "staff-admin-revoked-not-told"
    return t("staff-admin-revoked", id=str(outcome.telegram_id)) + "\n\n" + t(told)


class StaffAdminMessages:
    """What a person reads when an admin grants or revokes their staff rights."""

    def __init__(self, default_language: str) -> None:
        self._default_language = default_language

    def granted(self, region: Region | None, language: str | None) -> Outgoing:
        t = translator(language or self._default_language)
        where = _region(t, region.id if region else None, region)
        return Outgoing(t("staff-granted-you", region=where))

    def revoked(self, language: str | None) -> Outgoing:
        t = translator(language or self._default_language)
        return Outgoing(t("staff-revoked-you"))
