"""152-FZ: export everything stored about a user, and forget them completely."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from bot.services.clock import Clock, utc_now
from bot.services.messaging import Notifier, Outgoing
from bot.services.ports import UnitOfWork, UserRecord
from knowledge import Catalogue, RiasecProfile


@dataclass(frozen=True, slots=True)
class UserSummary:
    """The user's onboarding answers, ready to be put in plain words by a view."""

    telegram_id: int
    role: str | None
    grade: int | None
    situations: tuple[str, ...]
    interests: tuple[str, ...]
    about: str | None
    region: str | None
    region_name: str | None
    region_name_en: str
    holland_code: str | None  # the quiz result, e.g. "RI"; None before the quiz
    quiz_answers: tuple[int, ...] = ()  # +1 like, 0 neutral, -1 dislike, in quiz order


def summarise_user(user: UserRecord, catalogue: Catalogue) -> UserSummary:
    region = catalogue.regions.get(user.region) if user.region else None
    holland: str | None = None
    if user.riasec is not None and len(user.riasec) == 6:
        try:
            holland = RiasecProfile.from_tuple(user.riasec).holland_code
        except ValueError:  # scores outside 0..1: an old or broken row, show no quiz result
            holland = None
    return UserSummary(
        telegram_id=user.telegram_id,
        role=user.role,
        grade=user.grade,
        situations=user.situations,
        interests=user.interests,
        about=user.about,
        region=user.region,
        region_name=region.name if region else None,
        region_name_en=region.name_en if region else "",
        holland_code=holland,
        quiz_answers=user.quiz_answers,
    )


# Where the database dialog store keeps dialog state (none with Redis).
DIALOG_TABLE = "fsm_states"
# Dialog data a person typed or chose and that is not saved elsewhere yet: a consultation's
# topic, a phone given for a booking, the language picked before consent.
TYPED_DIALOG_KEYS = frozenset({"consultation_topic", "booking_phone", "booking_topic", "language"})


@dataclass(frozen=True, slots=True)
class DataExport:
    user_id: int
    exported_at: datetime
    tables: dict[str, list[dict[str, Any]]]
    # The interest quiz's answers in item order (+1 like, 0 neutral, -1 dislike), for the
    # summary in words; the file has them raw in the users row.
    quiz_answers: tuple[int, ...] = ()


class ErasedCardTexts(Protocol):
    def staff_card_erased(self, request_id: int) -> Outgoing: ...


class PrivacyService:
    def __init__(
        self,
        uow: UnitOfWork,
        notifier: Notifier,
        texts: ErasedCardTexts,
        clock: Clock = utc_now,
    ) -> None:
        self._uow = uow
        self._notifier = notifier
        self._texts = texts
        self._clock = clock

    async def export(self, user_id: int, dialog: Mapping[str, Any] | None = None) -> DataExport:
        """Every row about the user, by table; works before consent too (just the id row).
        `dialog` is the unfinished dialog as the bot's dialog store holds it (Redis keeps
        it outside the database)."""
        tables = await self._uow.personal_data.export(user_id)
        # The dialog store's rows are the bot's bookkeeping (which question is open, buttons
        # pressed, moments); what the person typed into an unfinished dialog is theirs.
        tables.pop(DIALOG_TABLE, None)
        typed = {
            key: value
            for key, value in (dialog or {}).get("data", {}).items()
            if key in TYPED_DIALOG_KEYS and value not in (None, "", [], {})
        }
        if typed:
            tables["unfinished_dialog"] = [typed]
        user = await self._uow.users.get(user_id)
        return DataExport(
            user_id=user_id,
            exported_at=self._clock(),
            tables=tables,
            quiz_answers=user.quiz_answers if user else (),
        )

    async def forget(self, user_id: int) -> bool:
        """Erase every row about the user, and strip their requests' cards in the staff
        chat of name, phone and profile. False when there was nothing left (a double tap)."""
        existed = await self._uow.users.get(user_id) is not None
        cards = [
            (request.id, request.staff_chat_id, request.staff_message_id)
            for request in await self._uow.consultations.list_for(user_id)
        ]
        await self._uow.personal_data.erase(user_id)
        await self._uow.commit()
        for request_id, chat_id, message_id in cards:
            if chat_id is not None and message_id is not None:
                await self._notifier.edit(
                    chat_id, message_id, self._texts.staff_card_erased(request_id)
                )
        return existed
