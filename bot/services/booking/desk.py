"""The staff desk: the day's and the week's bookings per consultant, attended or no-show,
open call-back requests and waitlist entries, and closing a day.

Staff bound to a region (STAFF__REGIONS) see only that region's centres; every method asks
the staff policy first, so a forged button of a non-staff user changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pydantic import ValidationError

from bot.services.activity import Step, record_step
from bot.services.booking.calendar import EDITABLE_RULES, effective_centre, local_day_bounds
from bot.services.booking.schedule_text import apply_rules, parse_schedule
from bot.services.booking.service import (
    REMINDER_KINDS,
    BookingNotices,
    BookingService,
    BookingView,
    booking_view,
)
from bot.services.clock import Clock, utc_now
from bot.services.errors import DomainError, NotFoundError
from bot.services.knowledge_base import KnowledgeSource
from bot.services.messaging import Notifier
from bot.services.ports import (
    ATTENDED,
    CANCELLED_BY_STAFF,
    NO_SHOW,
    ConsultationRecord,
    UnitOfWork,
    WaitlistRecord,
)
from bot.services.staff import StaffMember, StaffPolicy
from bot.services.timezones import zone
from knowledge.models import Centre

STAFF_ONLY = "staff-only"
OUTCOMES = (ATTENDED, NO_SHOW)


@dataclass(frozen=True, slots=True)
class Agenda:
    """Bookings from `first_day` for `days` days, per centre and seat, in each centre's time."""

    first_day: date
    days: int
    bookings: list[BookingView]
    centres: list[Centre]


@dataclass(frozen=True, slots=True)
class DeskQueue:
    requests: list[ConsultationRecord]
    waitlist: list[WaitlistRecord]
    centre_names: dict[str, str]


@dataclass(frozen=True, slots=True)
class ClosedDayReport:
    centre: Centre
    day: date
    cancelled: list[BookingView]
    notified: int
    already_closed: bool


class StaffDesk:
    def __init__(
        self,
        uow: UnitOfWork,
        knowledge: KnowledgeSource,
        notifier: Notifier,
        notices: BookingNotices,
        staff: StaffPolicy,
        bookings: BookingService,
        *,
        default_timezone: str,
        clock: Clock = utc_now,
    ) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._notifier = notifier
        self._notices = notices
        self._staff = staff
        self._bookings = bookings
        self._default_timezone = default_timezone
        self._clock = clock

    def is_staff(self, user_id: int) -> bool:
        return self._staff.member(user_id) is not None

    def now(self) -> datetime:
        return self._clock()

    def local_today(self, centre: Centre) -> date:
        return self._clock().astimezone(zone(centre.timezone)).date()

    async def centre(self, staff_id: int, centre_id: str) -> Centre:
        centre = next((c for c in await self.centres(staff_id) if c.id == centre_id), None)
        if centre is None:
            raise NotFoundError("booking-centre-unknown")
        return centre

    async def schedule(self, staff_id: int, centre_id: str) -> Centre:
        """The centre as bookings see it now: the catalogue's hours and rules, or the ones
        staff set in the bot."""
        return await effective_centre(self._uow, await self.centre(staff_id, centre_id))

    async def set_schedule(self, staff_id: int, centre_id: str, text: str) -> Centre:
        """Replace the hours (when the text names days) and the rules it names; all or
        nothing. Raises ScheduleTextError with every problem, line by line."""
        current = await self.schedule(staff_id, centre_id)
        if current.consultations is None:
            raise DomainError("hours-no-booking")
        parsed = parse_schedule(text[:5000])
        try:
            rules = apply_rules(current.consultations, parsed.rules)
        except ValidationError:
            raise DomainError("hours-rule-out-of-range") from None
        hours = parsed.hours or current.hours
        await self._uow.bookings.save_schedule(
            current.id,
            [day.model_dump(mode="json") for day in hours],
            {name: getattr(rules, name) for name in EDITABLE_RULES},
            staff_id,
            self._clock(),
        )
        await self._uow.commit()
        return await self.schedule(staff_id, centre_id)

    async def bookings_on(self, staff_id: int, centre_id: str, day: date) -> int:
        centre = await self.centre(staff_id, centre_id)
        start, end = local_day_bounds(centre, day)
        return len(await self._uow.bookings.between((centre.id,), start, end))

    async def centres(self, staff_id: int) -> list[Centre]:
        member = self._staff.require_staff(staff_id, STAFF_ONLY)
        catalogue = (await self._knowledge.get()).catalogue
        return sorted(
            (c for c in catalogue.centres.values() if _serves(member, c)),
            key=lambda c: c.short_name,
        )

    async def agenda(self, staff_id: int, days: int) -> Agenda:
        centres = await self.centres(staff_id)
        now = self._clock()
        # «Today» is the staff member's local day; Moscow unless the deployment says else.
        today = now.astimezone(zone(self._default_timezone)).date()
        start = datetime.combine(today, datetime.min.time(), tzinfo=zone(self._default_timezone))
        records = await self._uow.bookings.between(
            tuple(c.id for c in centres), start, start + timedelta(days=days)
        )
        catalogue = (await self._knowledge.get()).catalogue
        views = []
        for record in records:
            user = await self._uow.users.get(record.user_id)
            views.append(booking_view(catalogue, record, user, self._default_timezone))
        return Agenda(today, days, views, centres)

    async def settle(self, staff_id: int, booking_id: int, outcome: str) -> BookingView:
        booking = await self._scoped_booking(staff_id, booking_id)
        if outcome not in OUTCOMES:
            raise DomainError("button-outdated")
        now = self._clock()
        if not await self._uow.bookings.settle(booking_id, outcome, now):
            record = await self._uow.bookings.get(booking_id)
            if record is not None and record.starts_at > now:
                raise DomainError("desk-not-started-yet")
            raise DomainError("desk-booking-cancelled")
        await self._uow.bookings.add_history(booking_id, outcome, staff_id, now)
        if outcome == ATTENDED:
            await record_step(self._uow, booking.record.user_id, Step.ATTENDED, now)
        await self._uow.commit()
        return await self._scoped_booking(staff_id, booking_id)

    async def queue(self, staff_id: int) -> DeskQueue:
        centres = await self.centres(staff_id)
        member = self._staff.require_staff(staff_id, STAFF_ONLY)
        scope = None if member.region is None else tuple(c.id for c in centres)
        return DeskQueue(
            requests=await self._uow.consultations.open_requests(scope),
            waitlist=await self._uow.waitlist.open_entries(scope),
            centre_names={c.id: c.short_name for c in centres},
        )

    async def take_waitlist(self, staff_id: int, entry_id: int) -> WaitlistRecord:
        entry = await self._uow.waitlist.get(entry_id)
        centres = {c.id for c in await self.centres(staff_id)}
        if entry is None or entry.centre not in centres:
            raise NotFoundError("desk-entry-gone")
        if not await self._uow.waitlist.take(entry_id, staff_id, self._clock()):
            raise DomainError("desk-entry-taken")
        await self._uow.commit()
        taken = await self._uow.waitlist.get(entry_id)
        assert taken is not None
        return taken

    async def close_day(self, staff_id: int, centre_id: str, day: date) -> ClosedDayReport:
        """No bookings at the centre that day: the booked are cancelled and told, each with a
        button to pick another time, and nobody can book it again."""
        centre = await self.centre(staff_id, centre_id)
        now = self._clock()
        if day < now.astimezone(zone(centre.timezone)).date():
            raise DomainError("desk-day-past")
        fresh = await self._uow.bookings.close_day(centre.id, day, staff_id, now)
        start, end = local_day_bounds(centre, day)
        cancelled = await self._uow.bookings.cancel_between(centre.id, start, end, now)
        for record in cancelled:
            await self._uow.bookings.add_history(record.id, "day_closed", staff_id, now)
            await self._uow.reminders.cancel(str(record.id), REMINDER_KINDS)
        await self._uow.commit()
        catalogue = (await self._knowledge.get()).catalogue
        views, notified = [], 0
        for record in cancelled:
            user = await self._uow.users.get(record.user_id)
            view = booking_view(catalogue, record, user, self._default_timezone)
            views.append(view)
            if record.status == CANCELLED_BY_STAFF and user is not None:
                sent = await self._notifier.to_user(
                    record.user_id, self._notices.day_closed(view, user.language)
                )
                notified += int(sent.delivered)
        return ClosedDayReport(centre, day, views, notified, already_closed=not fresh)

    async def _scoped_booking(self, staff_id: int, booking_id: int) -> BookingView:
        centres = {c.id for c in await self.centres(staff_id)}
        record = await self._uow.bookings.get(booking_id)
        if record is None or record.centre not in centres:
            raise NotFoundError("booking-not-found")
        catalogue = (await self._knowledge.get()).catalogue
        user = await self._uow.users.get(record.user_id)
        return booking_view(catalogue, record, user, self._default_timezone)


def _serves(member: StaffMember, centre: Centre) -> bool:
    return member.region is None or member.region == centre.region
