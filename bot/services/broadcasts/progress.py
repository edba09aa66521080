"""How far a broadcast has got, as staff read it: counts by outcome, what remains and about
how long it takes at the pace it shares with everything else the bot sends."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.services.messaging import Outgoing
from bot.services.ports import (
    BROADCAST_CANCELLED,
    BROADCAST_DONE,
    DELIVERY_BLOCKED,
    DELIVERY_CANCELLED,
    DELIVERY_FAILED,
    DELIVERY_SENT,
    DELIVERY_SKIPPED,
    DELIVERY_UNKNOWN,
    OPEN_DELIVERIES,
    BroadcastRecord,
)

# Telegram's price of one message sent with allow_paid_broadcast, in Stars.
STARS_PER_PAID_MESSAGE = 0.1


@dataclass(frozen=True, slots=True)
class Progress:
    id: int
    status: str  # sending | paused | cancelled | done
    total: int
    sent: int
    blocked: int
    failed: int
    unknown: int  # no answer from Telegram: may have arrived, not resent
    skipped: int  # withdrew mailing consent or blocked the bot before their turn
    cancelled: int
    remaining: int
    eta_seconds: int | None  # None: nothing left, or paused
    paid: bool
    retry_at: datetime | None = None  # only retries are left, waiting till then

    @property
    def finished(self) -> bool:
        return self.status in (BROADCAST_DONE, BROADCAST_CANCELLED)


class BroadcastTexts(Protocol):
    """What staff read about their broadcasts; the edge renders it with its buttons."""

    def progress(self, progress: Progress) -> Outgoing: ...
    def report(self, progress: Progress) -> Outgoing: ...


def eta(remaining: int, per_second: float) -> int | None:
    if remaining <= 0 or per_second <= 0:
        return None
    return math.ceil(remaining / per_second)


def progress_of(
    record: BroadcastRecord,
    counts: dict[str, int],
    *,
    per_second: float,
    retry_at: datetime | None = None,
) -> Progress:
    remaining = sum(counts.get(status, 0) for status in OPEN_DELIVERIES)
    return Progress(
        id=record.id,
        status=record.status,
        total=record.total,
        sent=counts.get(DELIVERY_SENT, 0),
        blocked=counts.get(DELIVERY_BLOCKED, 0),
        failed=counts.get(DELIVERY_FAILED, 0),
        unknown=counts.get(DELIVERY_UNKNOWN, 0),
        skipped=counts.get(DELIVERY_SKIPPED, 0),
        cancelled=counts.get(DELIVERY_CANCELLED, 0),
        remaining=remaining,
        eta_seconds=eta(remaining, per_second) if record.status == "sending" else None,
        paid=record.paid,
        retry_at=retry_at,
    )
