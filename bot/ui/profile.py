"""Views and keyboards of /profile, /mydata and /forget."""

from __future__ import annotations

import json
from typing import Any

from aiogram.filters.callback_data import CallbackData
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translate
from bot.services.accounts import ProfileSwitches
from bot.services.consultations import ProfileOverview
from bot.services.disliked_activities import activities_left_out
from bot.services.privacy import DataExport, UserSummary
from bot.services.profiles import QUIZ_ANSWERS, QUIZ_ITEMS
from bot.ui.callbacks import OnboardingCallback, ProfileCallback
from bot.ui.views import place_name

EXPORT_FILENAME = "careerbot-mydata.json"
RIASEC_LETTERS = "RIASEC"

# ProfileCallback actions; "notify" and "mailing" carry the wanted value ("on"/"off"),
# so a double tap sets the same value twice instead of flipping it back.
PROFILE_LANGUAGE = "language"
PROFILE_NOTIFY = "notify"
PROFILE_MAILING = "mailing"
PROFILE_REQUESTS = "requests"
ON, OFF = "on", "off"


class ForgetCallback(CallbackData, prefix="forget"):
    action: str  # yes | no


def label(t: Translate, key: str, fallback: str) -> str:
    """A label from the locales, or the raw value while its key does not exist yet."""
    text = t(key)
    return fallback if text == key else text


def summary_lines(summary: UserSummary, t: Translate) -> list[str]:
    """The user's answers in plain words; shared by /profile and the staff card."""
    unset = t("profile-not-set")
    role = label(t, f"role-{summary.role}", summary.role) if summary.role else unset
    lines = [t("profile-role", role=role)]
    if summary.grade is not None:
        lines.append(t("profile-grade", grade=summary.grade))
    if summary.situations:
        situations = ", ".join(label(t, f"situation-{key}", key) for key in summary.situations)
        lines.append(t("profile-situations", situations=situations))
    region = (
        place_name(t, summary.region_name, summary.region_name_en)
        if summary.region_name
        else summary.region or unset
    )
    lines.append(t("profile-region", region=region))
    interests = (
        ", ".join(label(t, f"interest-{key}", key) for key in summary.interests)
        if summary.interests
        else unset
    )
    lines.append(t("profile-interests", interests=interests))
    lines.append(t("profile-about", about=summary.about or unset))
    if summary.holland_code:
        types = ", ".join(
            t(f"profile-riasec-{letter}")
            for letter in summary.holland_code
            if letter in RIASEC_LETTERS
        )
        lines.append(t("profile-quiz", types=types))
    return lines


def profile_text(overview: ProfileOverview, t: Translate) -> str:
    # The switches show their state on the buttons only, so a tap edits just the keyboard.
    lines = [t("profile-title"), "", *summary_lines(overview.summary, t)]
    # Said to the person only (summary_lines also fill the staff's request card).
    left_out = activities_left_out(overview.summary.quiz_answers)
    if left_out:
        items = ", ".join(t("mydata-quiz-item", item=t(f"quiz-item-{n}")) for n in left_out)
        lines.append(t("profile-quiz-left-out", items=items))
    lines.append("")
    lines.append(t("profile-requests-count", count=len(overview.open_requests)))
    lines.append(t("profile-hint"))
    return "\n".join(lines)


def profile_keyboard(switches: ProfileSwitches, t: Translate) -> InlineKeyboardMarkup:
    notify_target = OFF if switches.notifications else ON
    mailing_target = OFF if switches.mailing else ON

    def button(text: str, data: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(text=text, callback_data=data)

    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button(t("profile-edit"), OnboardingCallback(action="edit").pack()),
                button(t("profile-language"), ProfileCallback(action=PROFILE_LANGUAGE).pack()),
            ],
            [
                button(
                    t("profile-notifications-button", state=ON if switches.notifications else OFF),
                    ProfileCallback(action=PROFILE_NOTIFY, value=notify_target).pack(),
                )
            ],
            [
                button(
                    t("profile-mailing-button", state=ON if switches.mailing else OFF),
                    ProfileCallback(action=PROFILE_MAILING, value=mailing_target).pack(),
                )
            ],
            [button(t("profile-requests"), ProfileCallback(action=PROFILE_REQUESTS).pack())],
        ]
    )


def switches_of(overview: ProfileOverview) -> ProfileSwitches:
    return ProfileSwitches(notifications=overview.notifications, mailing=overview.mailing)


def forget_keyboard(t: Translate) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t("forget-yes"), callback_data=ForgetCallback(action="yes").pack()
                )
            ],
            [
                InlineKeyboardButton(
                    text=t("forget-no"), callback_data=ForgetCallback(action="no").pack()
                )
            ],
        ]
    )


# What /mydata's summary counts, in this order; the profile row itself is /profile's.
MYDATA_TABLES = (
    "consents",
    "feedback",
    "consultation_requests",
    "bookings",
    "waitlist",
    "subscriptions",
    "reminders",
    "broadcast_deliveries",
    "activity",
    "unfinished_dialog",
    "staff_grants",
    "broadcasts",
    "event_edits",
    "staff_grants_given",
    "export_log",
    "catalogue_imports",
)


def mydata_summary(t: Translate, export: DataExport) -> str:
    """/mydata in words: what kinds of records there are and how many; the file has them all."""
    lines = [t("mydata-title")]
    counted = [
        t("mydata-line", what=t(f"mydata-table-{table}"), count=len(export.tables[table]))
        for table in MYDATA_TABLES
        if export.tables.get(table)
    ]
    users = export.tables.get("users") or []
    if users and (users[0].get("role") or users[0].get("region") or users[0].get("interests")):
        lines.append(t("mydata-answers"))
    lines += _quiz_lines(t, export.quiz_answers)
    lines += counted or ([] if len(lines) > 1 else [t("mydata-only-id")])
    return "\n".join(lines)


def _quiz_lines(t: Translate, answers: tuple[int, ...]) -> list[str]:
    """The quiz answers as the person gave them: the activities liked, disliked, all the same
    to them, in the words and with the buttons of the quiz."""
    if len(answers) != len(QUIZ_ITEMS):
        return []
    lines = [t("mydata-quiz")]
    for key in ("like", "dislike", "neutral"):
        items = [
            t("mydata-quiz-item", item=t(f"quiz-item-{number}"))
            for number, answer in enumerate(answers, start=1)
            if answer == QUIZ_ANSWERS[key]
        ]
        if items:
            lines.append(t("mydata-quiz-answer", answer=t(f"quiz-{key}"), items=", ".join(items)))
    return lines


def export_document(export: DataExport) -> BufferedInputFile:
    payload: dict[str, Any] = {
        "telegram_id": export.user_id,
        "exported_at": export.exported_at.isoformat(),
        "tables": export.tables,
    }
    text = json.dumps(payload, ensure_ascii=False, indent=2, default=str)
    return BufferedInputFile(text.encode("utf-8"), filename=EXPORT_FILENAME)
