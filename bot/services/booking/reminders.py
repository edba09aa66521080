"""What the 24-hour and 2-hour reminders of a booking say, or why they are dropped: a
cancelled or moved booking, or one that has already begun, is not reminded of."""

from __future__ import annotations

from datetime import datetime

from bot.services.booking.service import REMINDER_KINDS, BookingNotices, booking_view
from bot.services.knowledge_base import KnowledgeSource
from bot.services.ports import BOOKED, ReminderRecord, UnitOfWork
from bot.services.reminders import Drop, Due


class BookingReminders:
    kinds = REMINDER_KINDS

    def __init__(
        self,
        uow: UnitOfWork,
        knowledge: KnowledgeSource,
        notices: BookingNotices,
        default_timezone: str,
    ) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._notices = notices
        self._default_timezone = default_timezone

    async def render(self, reminder: ReminderRecord, now: datetime) -> Due | Drop:
        if not reminder.subject.isdigit():
            return Drop("booking reminder without a booking id")
        booking = await self._uow.bookings.get(int(reminder.subject))
        if booking is None or booking.status != BOOKED:
            return Drop("the booking was cancelled or moved")
        if booking.starts_at <= now:
            return Drop("the consultation has already begun")
        user = await self._uow.users.get(booking.user_id)
        if user is None:
            return Drop("the user is gone")
        catalogue = (await self._knowledge.get()).catalogue
        view = booking_view(catalogue, booking, user, self._default_timezone)
        # Not muted by the /profile switch: the user asked for this meeting, and the
        # confirmation promised these two reminders.
        return Due(self._notices.reminder(view, reminder.kind, user.language), unless_muted=False)
