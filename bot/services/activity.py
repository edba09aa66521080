"""The funnel steps a person's use of the bot passes through, recorded append-only in the
same transaction as the action itself (bot.services.analytics counts them).

Only the first time counts: a step reached again is ignored by the database's unique key,
so recording never reads first and never updates. «suggested» and «card» carry the item
shown or opened (a catalogue id, never a text)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum

from bot.services.ports import UnitOfWork


class Step(StrEnum):
    START = "start"  # pressed /start
    CONSENT = "consent"  # consented to personal data
    ONBOARDED = "onboarded"  # answered the onboarding questions
    SUGGESTIONS = "suggestions"  # saw a page of suggestions
    SUGGESTED = "suggested"  # an item was among them (item_id)
    CARD = "card"  # opened a catalogue card (item_id)
    BOOKING = "booking"  # confirmed a consultation booking
    ATTENDED = "attended"  # came to it (staff marked «Пришёл»)


# The funnel, in order: each step is one bar of the chart.
FUNNEL: tuple[Step, ...] = (
    Step.START,
    Step.CONSENT,
    Step.ONBOARDED,
    Step.SUGGESTIONS,
    Step.CARD,
    Step.BOOKING,
    Step.ATTENDED,
)
ACTIVITY_STEPS: tuple[str, ...] = tuple(step.value for step in Step)


async def record_step(
    uow: UnitOfWork, user_id: int, step: Step, now: datetime, items: Iterable[str] = ("",)
) -> None:
    """Note that `user_id` reached `step` (with each of `items`), unless already noted. The
    caller commits, with the action itself."""
    await uow.activity.record(user_id, [(step.value, item) for item in items], now)
