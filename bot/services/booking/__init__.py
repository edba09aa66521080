"""Consultation booking. `slots` computes the free slots as a pure function, with no database
and no Telegram, so the rules of time can be tested on their own."""

from bot.services.booking.slots import (
    Interval,
    Schedule,
    Slot,
    SlotRules,
    TakenInterval,
    WeeklyHours,
    days_with_free_slots,
    free_slots,
)

__all__ = [
    "Interval",
    "Schedule",
    "Slot",
    "SlotRules",
    "TakenInterval",
    "WeeklyHours",
    "days_with_free_slots",
    "free_slots",
]
