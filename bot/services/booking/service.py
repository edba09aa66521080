"""Consultation booking for users: pick a centre, a format, a day and a time; hold it, confirm
it, get a calendar file; list, cancel and reschedule; join a waitlist when nothing is free.

Every step that takes or frees a seat is one conditional statement the database decides (see
bot.storage.repositories.bookings); this module reads, decides what to say, and commits."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from bot.services.activity import Step, record_step
from bot.services.booking.calendar import (
    OfferedSlot,
    centre_slots,
    effective_centre,
    local_days,
    on_day,
    seats_for,
)
from bot.services.booking.ics import booking_ics
from bot.services.clock import Clock, utc_now
from bot.services.consent import require_consent
from bot.services.consultations import TOPIC_LIMIT, item_title
from bot.services.errors import DomainError, NotFoundError
from bot.services.knowledge_base import KnowledgeSource
from bot.services.messaging import Notifier, Outgoing
from bot.services.ports import (
    BOOKED,
    CANCELLED_BY_USER,
    WAITING,
    WAITLIST_BOOKED,
    BookingRecord,
    NewHold,
    UnitOfWork,
    UserRecord,
    WaitlistRecord,
)
from bot.services.staff import StaffPolicy
from bot.services.text import visible_text
from bot.services.timezones import zone, zone_name
from knowledge import Catalogue
from knowledge.models import Centre

log = logging.getLogger(__name__)

REMINDER_KINDS = ("booking_24h", "booking_2h")
REMINDER_OFFSETS = {"booking_24h": timedelta(hours=24), "booking_2h": timedelta(hours=2)}
NEAREST_LIMIT = 6


@dataclass(frozen=True, slots=True)
class BookingPolicy:
    """The deployment's booking limits (settings); the centre's own rules are in the catalogue."""

    hold_minutes: int = 10
    max_open_per_centre: int = 2
    waitlist_offer_minutes: int = 120
    staff_notices: str = "chat"  # chat | private | off


@dataclass(frozen=True, slots=True)
class CentreOption:
    id: str
    name: str
    city: str
    formats: tuple[str, ...]
    in_user_region: bool
    bookable: bool  # False: no seats in the bot, requests for a call back only


@dataclass(frozen=True, slots=True)
class BookingView:
    """A booking with what people need to read about it, resolved from the catalogue."""

    record: BookingRecord
    centre_name: str
    centre_address: str
    centre_phone: str
    centre_zone: str
    seat_name: str
    user_zone: str
    cancel_cutoff: timedelta

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(zone(self.centre_zone))

    def cancellable_at(self, now: datetime) -> bool:
        return self.record.status == BOOKED and self.record.starts_at - self.cancel_cutoff > now


@dataclass(frozen=True, slots=True)
class Confirmation:
    booking: BookingView
    calendar_file: bytes
    replaced: BookingView | None = None  # the booking a reschedule freed


class SlotTakenError(DomainError):
    """The time was taken a moment ago (or became too close); the nearest free times come
    with the answer, so the user picks again in one tap."""

    def __init__(self, nearest: list[OfferedSlot], zone_name: str) -> None:
        super().__init__("booking-slot-taken")
        self.nearest = nearest
        self.zone_name = zone_name


class BookingNotices(Protocol):
    """What staff and users are told about bookings outside the dialog; the edge writes it in
    each reader's language and packs the buttons."""

    def staff_booked(self, booking: BookingView, user: UserRecord | None) -> Outgoing: ...
    def staff_cancelled(self, booking: BookingView, by_staff: bool) -> Outgoing: ...
    def staff_rescheduled(self, booking: BookingView, old: BookingView) -> Outgoing: ...
    def waitlist_offer(self, booking: BookingView, language: str | None) -> Outgoing: ...
    def day_closed(self, booking: BookingView, language: str | None) -> Outgoing: ...
    def reminder(self, booking: BookingView, kind: str, language: str | None) -> Outgoing: ...


class BookingService:
    def __init__(
        self,
        uow: UnitOfWork,
        knowledge: KnowledgeSource,
        notifier: Notifier,
        notices: BookingNotices,
        staff: StaffPolicy,
        *,
        policy: BookingPolicy,
        staff_chat_id: int | None,
        default_timezone: str,
        clock: Clock = utc_now,
    ) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._notifier = notifier
        self._notices = notices
        self._staff = staff
        self._policy = policy
        self._staff_chat_id = staff_chat_id
        self._default_timezone = default_timezone
        self._clock = clock

    # --- choosing -------------------------------------------------------------------------

    async def topic_for(self, user_id: int, reference: str) -> tuple[str | None, str | None]:
        """The catalogue item and its title a booking is about, from a card button's ref."""
        await require_consent(self._uow, user_id)
        if not reference:
            return None, None
        knowledge = await self._knowledge.get()
        item_id = knowledge.resolve(reference)
        title = item_title(knowledge.catalogue, item_id) if item_id else None
        if item_id is None or title is None:
            raise NotFoundError("consultation-item-unknown")
        return item_id, title

    async def centre_options(self, user_id: int) -> list[CentreOption]:
        """The centres of the user's region first, then centres elsewhere that consult
        online or by phone, which anyone can reach."""
        user = await require_consent(self._uow, user_id)
        catalogue = (await self._knowledge.get()).catalogue
        own = [c for c in catalogue.centres.values() if user.region and c.region == user.region]
        remote = [
            c
            for c in catalogue.centres.values()
            if c not in own and c.consultations is not None and _remote_formats(c)
        ]
        options = [_option(c, True) for c in sorted(own, key=_by_name)]
        options += [_option(c, False, remote_only=True) for c in sorted(remote, key=_by_name)]
        return options

    async def find_centres(self, user_id: int, text: str) -> list[CentreOption]:
        user = await require_consent(self._uow, user_id)
        catalogue = (await self._knowledge.get()).catalogue
        found = catalogue.centre_search(visible_text(text)[:100])
        return [_option(c, c.region == user.region) for c in found]

    async def centre(self, centre_id: str) -> Centre:
        catalogue = (await self._knowledge.get()).catalogue
        centre = catalogue.centres.get(centre_id)
        if centre is None:
            raise NotFoundError("booking-centre-unknown")
        return await effective_centre(self._uow, centre)

    async def free_days(self, centre_id: str, format: str) -> list[date]:
        centre = await self.centre(centre_id)
        slots = await centre_slots(self._uow, centre, format, self._clock())
        return local_days(slots, centre)

    async def free_times(self, centre_id: str, format: str, day: date) -> list[OfferedSlot]:
        centre = await self.centre(centre_id)
        slots = await centre_slots(self._uow, centre, format, self._clock())
        return on_day(slots, centre, day)

    def now(self) -> datetime:
        return self._clock()

    async def centre_names(self) -> dict[str, str]:
        catalogue = (await self._knowledge.get()).catalogue
        return {c.id: c.short_name for c in catalogue.centres.values()}

    async def release(self, user_id: int) -> None:
        """The user left the flow or picks another time: their held seat is free again."""
        await self._uow.bookings.release_holds(user_id, self._clock())
        await self._uow.commit()

    async def user_zone(self, user_id: int) -> str:
        user = await self._uow.users.get(user_id)
        catalogue = (await self._knowledge.get()).catalogue
        region = catalogue.regions.get(user.region) if user and user.region else None
        return zone_name(
            user.timezone if user else None,
            region.timezone if region else None,
            self._default_timezone,
        )

    # --- taking a seat --------------------------------------------------------------------

    async def hold(
        self,
        user_id: int,
        centre_id: str,
        format: str,
        start: datetime,
        *,
        topic: str,
        item_id: str | None,
        reschedule_of: int | None = None,
    ) -> BookingView:
        """Hold the slot starting at `start` for the user for a few minutes. Raises SlotTakenError
        with the nearest free times when it is gone (taken, or past while they chose)."""
        user = await require_consent(self._uow, user_id)
        centre = await self.centre(centre_id)
        now = self._clock()
        topic = visible_text(topic)[:TOPIC_LIMIT] or "—"
        if reschedule_of is not None:
            await self._own_booking(user_id, reschedule_of)
        else:
            await self._check_limits(user_id, centre)
        slots = await centre_slots(self._uow, centre, format, now)
        wanted = next((slot for slot in slots if slot.start == start), None)
        if wanted is not None:
            clash = await self._uow.bookings.overlapping(
                user_id, wanted.start, wanted.end, reschedule_of
            )
            if clash is not None:
                raise DomainError("booking-user-busy")
        held = None
        if wanted is not None:
            # A user holds one time at once: an earlier pick they left is freed for others.
            await self._uow.bookings.release_holds(user_id, now)
            held = await self._try_seats(
                user_id, centre, format, wanted, topic, item_id, now, reschedule_of
            )
        if held is None:
            await self._uow.commit()
            raise SlotTakenError(_nearest(slots, start, wanted), centre.timezone)
        await self._uow.bookings.add_history(held.id, "held", user_id, now)
        await self._uow.commit()
        return await self._view(held, user)

    async def _try_seats(
        self,
        user_id: int,
        centre: Centre,
        format: str,
        wanted: OfferedSlot,
        topic: str,
        item_id: str | None,
        now: datetime,
        reschedule_of: int | None,
    ) -> BookingRecord | None:
        assert centre.consultations is not None
        # The calculator named the first free seat; another seat may be free at the same time.
        seats = sorted(seats_for(centre, format), key=lambda seat: seat.id != wanted.seat)
        for seat in seats:
            held = await self._uow.bookings.try_hold(
                NewHold(
                    user_id=user_id,
                    centre=centre.id,
                    seat=seat.id,
                    places=centre.consultations.places_per_slot,
                    starts_at=wanted.start,
                    ends_at=wanted.end,
                    format=format,
                    topic=topic,
                    item_id=item_id,
                    expires_at=now + timedelta(minutes=self._policy.hold_minutes),
                    rescheduled_from=reschedule_of,
                ),
                now,
            )
            if held is not None:
                return held
        return None

    async def _check_limits(self, user_id: int, centre: Centre) -> None:
        count = await self._uow.bookings.open_count(user_id, centre.id, self._clock())
        if count >= self._policy.max_open_per_centre:
            raise DomainError("booking-limit", limit=self._policy.max_open_per_centre)

    async def confirm(self, user_id: int, booking_id: int, phone: str | None) -> Confirmation:
        """Held → booked; a reschedule frees the old booking in the same transaction, so the
        new time is taken before the old one is let go."""
        user = await require_consent(self._uow, user_id)
        held = await self._own_booking(user_id, booking_id)
        now = self._clock()
        if held.starts_at <= now:
            raise DomainError("booking-slot-past")
        if not await self._uow.bookings.confirm(booking_id, user_id, phone, now):
            if held.status == BOOKED:
                raise DomainError("booking-already-confirmed")
            raise DomainError("booking-hold-lost")
        replaced = None
        if held.rescheduled_from is not None:
            replaced = await self._free_for_reschedule(user_id, held.rescheduled_from, now)
        await self._uow.bookings.add_history(booking_id, "booked", user_id, now)
        await self._uow.waitlist.settle_offer(booking_id, WAITLIST_BOOKED, now)
        await self._schedule_reminders(held, now)
        await record_step(self._uow, user_id, Step.BOOKING, now)
        await self._uow.commit()
        booked = await self._uow.bookings.get(booking_id)
        assert booked is not None
        view = await self._view(booked, user)
        old_view = await self._view(replaced, user) if replaced else None
        await self._tell_staff(
            self._notices.staff_rescheduled(view, old_view)
            if old_view
            else self._notices.staff_booked(view, user),
            booked.centre,
        )
        if replaced is not None:
            await self._offer_freed(replaced)
        return Confirmation(view, self.calendar_file(view), old_view)

    async def _free_for_reschedule(self, user_id: int, old_id: int, now: datetime) -> BookingRecord:
        old = await self._own_booking(user_id, old_id)
        cutoff = now + await self._cutoff(old.centre)
        if not await self._uow.bookings.cancel(
            old_id, CANCELLED_BY_USER, now, user_id=user_id, not_after=cutoff
        ):
            await self._uow.rollback()
            raise DomainError("booking-too-late-to-change")
        await self._uow.bookings.add_history(old_id, "rescheduled", user_id, now)
        await self._uow.reminders.cancel(str(old_id), REMINDER_KINDS)
        return old

    async def _schedule_reminders(self, booking: BookingRecord, now: datetime) -> None:
        for kind, before in REMINDER_OFFSETS.items():
            due = booking.starts_at - before
            # A reminder «tomorrow» for a meeting in three hours would only confuse.
            if due > now:
                await self._uow.reminders.schedule(kind, str(booking.id), booking.user_id, due)

    def calendar_file(self, view: BookingView) -> bytes:
        record = view.record
        return booking_ics(
            uid=f"booking-{record.id}@careerbot",
            start=record.starts_at,
            end=record.ends_at,
            summary=f"{view.centre_name}: {record.topic}",
            location=view.centre_address,
            description="\n".join(
                part for part in (record.topic, view.seat_name, view.centre_phone) if part
            ),
            stamp=self._clock(),
            timezone_name=view.centre_zone,
        )

    async def cancel(self, user_id: int, booking_id: int) -> BookingView:
        user = await require_consent(self._uow, user_id)
        record = await self._own_booking(user_id, booking_id)
        now = self._clock()
        cutoff = now + await self._cutoff(record.centre)
        if not await self._uow.bookings.cancel(
            booking_id, CANCELLED_BY_USER, now, user_id=user_id, not_after=cutoff
        ):
            if record.status != BOOKED:
                raise DomainError("booking-already-cancelled")
            raise DomainError("booking-too-late-to-change")
        await self._uow.bookings.add_history(booking_id, "cancelled", user_id, now)
        await self._uow.reminders.cancel(str(booking_id), REMINDER_KINDS)
        await self._uow.commit()
        cancelled = await self._uow.bookings.get(booking_id)
        assert cancelled is not None
        view = await self._view(cancelled, user)
        await self._tell_staff(self._notices.staff_cancelled(view, by_staff=False), record.centre)
        await self._offer_freed(cancelled)
        return view

    async def check_reschedulable(self, user_id: int, booking_id: int) -> BookingView:
        await require_consent(self._uow, user_id)
        record = await self._own_booking(user_id, booking_id)
        view = await self._view(record, await self._uow.users.get(user_id))
        if record.status != BOOKED:
            raise DomainError("booking-already-cancelled")
        if not view.cancellable_at(self._clock()):
            raise DomainError("booking-too-late-to-change")
        return view

    async def will_come(self, user_id: int, booking_id: int) -> BookingView:
        """The user answered a reminder that they will come: staff count it."""
        record = await self._own_booking(user_id, booking_id)
        now = self._clock()
        if not await self._uow.bookings.mark_confirmed(booking_id, user_id, now):
            raise DomainError("booking-already-cancelled")
        await self._uow.bookings.add_history(booking_id, "will_come", user_id, now)
        await self._uow.commit()
        return await self._view(record, await self._uow.users.get(user_id))

    async def my_bookings(self, user_id: int) -> tuple[list[BookingView], list[WaitlistRecord]]:
        user = await require_consent(self._uow, user_id)
        records = await self._uow.bookings.upcoming_for(user_id, self._clock())
        views = [await self._view(record, user) for record in records]
        return views, await self._uow.waitlist.open_for(user_id)

    async def booking(self, user_id: int, booking_id: int) -> BookingView:
        record = await self._own_booking(user_id, booking_id)
        return await self._view(record, await self._uow.users.get(user_id))

    # --- waitlist -------------------------------------------------------------------------

    async def join_waitlist(
        self, user_id: int, centre_id: str, format: str | None, topic: str, item_id: str | None
    ) -> tuple[WaitlistRecord, bool]:
        await require_consent(self._uow, user_id)
        await self.centre(centre_id)
        entry, created = await self._uow.waitlist.join(
            user_id,
            centre_id,
            format,
            visible_text(topic)[:TOPIC_LIMIT] or "—",
            item_id,
            self._clock(),
        )
        await self._uow.commit()
        return entry, created

    async def leave_waitlist(self, user_id: int, entry_id: int) -> None:
        if not await self._uow.waitlist.leave(entry_id, user_id, self._clock()):
            raise NotFoundError("booking-waitlist-gone")
        await self._uow.commit()

    async def decline_offer(self, user_id: int, booking_id: int) -> None:
        """The user does not want the time the waitlist offered: the seat goes back, and the
        user waits on."""
        now = self._clock()
        record = await self._own_booking(user_id, booking_id)
        await self._uow.bookings.release_holds(user_id, now)
        await self._uow.waitlist.settle_offer(booking_id, WAITING, now)
        await self._uow.commit()
        await self._offer_freed(record)

    async def _offer_freed(self, freed: BookingRecord) -> None:
        """Offer a freed time to the first person waiting for that centre and format, held
        for them for a while. Best effort: the cancel that freed it is already committed."""
        catalogue = (await self._knowledge.get()).catalogue
        known = catalogue.centres.get(freed.centre)
        centre = await effective_centre(self._uow, known) if known else None
        if centre is None or centre.consultations is None:
            return
        now = self._clock()
        if freed.starts_at - timedelta(hours=centre.consultations.min_notice_hours) <= now:
            return
        seat = next((s for s in centre.consultations.seats if s.id == freed.seat), None)
        formats = tuple(str(f) for f in seat.formats) if seat else (freed.format,)
        await self._uow.waitlist.requeue_lapsed_offers(centre.id, now)
        entry = await self._uow.waitlist.first_waiting(centre.id, formats)
        if entry is None:
            return
        format = entry.format if entry.format in formats else formats[0]
        held = await self._uow.bookings.try_hold(
            NewHold(
                user_id=entry.user_id,
                centre=centre.id,
                seat=freed.seat,
                places=centre.consultations.places_per_slot,
                starts_at=freed.starts_at,
                ends_at=freed.ends_at,
                format=format or freed.format,
                topic=entry.topic,
                item_id=entry.item_id,
                expires_at=now + timedelta(minutes=self._policy.waitlist_offer_minutes),
            ),
            now,
        )
        if held is None or not await self._uow.waitlist.offer(entry.id, held.id, now):
            await self._uow.rollback()
            return
        await self._uow.bookings.add_history(held.id, "offered_from_waitlist", None, now)
        await self._uow.commit()
        user = await self._uow.users.get(entry.user_id)
        view = await self._view(held, user)
        await self._notifier.to_user(
            entry.user_id, self._notices.waitlist_offer(view, user.language if user else None)
        )

    # --- helpers --------------------------------------------------------------------------

    async def _own_booking(self, user_id: int, booking_id: int) -> BookingRecord:
        record = await self._uow.bookings.get(booking_id)
        # Someone else's booking looks exactly like a missing one.
        if record is None or record.user_id != user_id:
            raise NotFoundError("booking-not-found")
        return record

    async def _cutoff(self, centre_id: str) -> timedelta:
        catalogue = (await self._knowledge.get()).catalogue
        known = catalogue.centres.get(centre_id)
        centre = await effective_centre(self._uow, known) if known else None
        hours = centre.consultations.cancel_cutoff_hours if centre and centre.consultations else 0
        return timedelta(hours=hours)

    async def _view(self, record: BookingRecord, user: UserRecord | None) -> BookingView:
        catalogue = (await self._knowledge.get()).catalogue
        return booking_view(catalogue, record, user, self._default_timezone)

    async def _tell_staff(self, message: Outgoing, centre_id: str) -> None:
        """New bookings, cancellations and reschedules go to the staff chat or to each staff
        member of the centre's region; with neither, they wait in the desk (/today, /week)."""
        if self._policy.staff_notices == "off":
            return
        if self._policy.staff_notices == "chat":
            if self._staff_chat_id is not None:
                await self._notifier.to_chat(self._staff_chat_id, message)
            return
        catalogue = (await self._knowledge.get()).catalogue
        centre = catalogue.centres.get(centre_id)
        region = centre.region if centre else None
        for member_id in sorted(self._staff.admin_ids | self._staff.staff_ids):
            member = self._staff.member(member_id)
            if member is not None and member.region in (None, region):
                await self._notifier.to_chat(member_id, message)


def booking_view(
    catalogue: Catalogue, record: BookingRecord, user: UserRecord | None, default_zone: str
) -> BookingView:
    centre = catalogue.centres.get(record.centre)
    seat_name = ""
    cutoff = timedelta(0)
    if centre is not None and centre.consultations is not None:
        seat = next((s for s in centre.consultations.seats if s.id == record.seat), None)
        seat_name = seat.name if seat else ""
        cutoff = timedelta(hours=centre.consultations.cancel_cutoff_hours)
    region = catalogue.regions.get(user.region) if user and user.region else None
    return BookingView(
        record=record,
        centre_name=centre.short_name if centre else record.centre,
        centre_address=centre.address if centre else "",
        centre_phone=centre.phone if centre else "",
        centre_zone=zone_name(centre.timezone if centre else None, default_zone),
        seat_name=seat_name,
        user_zone=zone_name(
            user.timezone if user else None, region.timezone if region else None, default_zone
        ),
        cancel_cutoff=cutoff,
    )


def _remote_formats(centre: Centre) -> tuple[str, ...]:
    if centre.consultations is None:
        return ()
    return tuple(str(f) for f in centre.consultations.formats() if str(f) != "in_person")


def _option(centre: Centre, in_region: bool, *, remote_only: bool = False) -> CentreOption:
    if centre.consultations is None:
        formats: tuple[str, ...] = ()
    elif remote_only:
        formats = _remote_formats(centre)
    else:
        formats = tuple(str(f) for f in centre.consultations.formats())
    return CentreOption(
        id=centre.id,
        name=centre.short_name,
        city=centre.city,
        formats=formats,
        in_user_region=in_region,
        bookable=bool(formats),
    )


def _by_name(centre: Centre) -> str:
    return centre.short_name


def _nearest(
    slots: list[OfferedSlot], start: datetime, taken: OfferedSlot | None
) -> list[OfferedSlot]:
    """The free times closest to the one that was lost, later ones first in a tie."""
    others = [slot for slot in slots if taken is None or slot.start != taken.start]
    others.sort(key=lambda slot: (abs(slot.start - start), slot.start < start))
    return sorted(others[:NEAREST_LIMIT], key=lambda slot: slot.start)


__all__ = [
    "BookingNotices",
    "BookingPolicy",
    "BookingService",
    "BookingView",
    "CentreOption",
    "Confirmation",
    "SlotTakenError",
    "booking_view",
]
