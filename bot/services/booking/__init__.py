"""Consultation booking. `slots` computes the free slots as a pure function, with no database
and no Telegram, so the rules of time can be tested on their own."""

from bot.services.booking.ics import booking_ics
from bot.services.booking.phone import display_phone, normalise_contact_phone, normalise_phone
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
    "booking_ics",
    "days_with_free_slots",
    "display_phone",
    "free_slots",
    "normalise_contact_phone",
    "normalise_phone",
]
