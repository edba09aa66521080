"""A centre's consultation calendar from the catalogue and the database: its seats, their
schedules and the free slots of one format. Shared by the user's booking flow and the staff
desk, so both see the same slots."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.services.booking.slots import Interval, Schedule, SlotRules, WeeklyHours, free_slots
from bot.services.ports import UnitOfWork
from bot.services.timezones import zone
from knowledge.models import Centre, ConsultationRules, ConsultationSeat, WorkingDay


@dataclass(frozen=True, slots=True)
class OfferedSlot:
    """A time one can book: the earliest seat that has it free."""

    start: datetime
    end: datetime
    seat: str


# The rules staff may change in the bot; seats stay as the catalogue names them.
EDITABLE_RULES = (
    "duration_minutes",
    "buffer_minutes",
    "min_notice_hours",
    "horizon_days",
    "cancel_cutoff_hours",
    "places_per_slot",
)


async def effective_centre(uow: UnitOfWork, centre: Centre) -> Centre:
    """The centre with the hours and rules staff set in the bot, when they did."""
    if centre.consultations is None:
        return centre
    stored = await uow.bookings.schedule(centre.id)
    if stored is None:
        return centre
    hours_json, rules_json = stored
    rules = ConsultationRules.model_validate(
        {
            **centre.consultations.model_dump(),
            **{k: v for k, v in rules_json.items() if k in EDITABLE_RULES},
            "illustrative": False,
        }
    )
    hours = [WorkingDay.model_validate(day) for day in hours_json] or centre.hours
    return centre.model_copy(
        update={"hours": hours, "consultations": rules, "hours_illustrative": False}
    )


def centre_zone(centre: Centre) -> ZoneInfo:
    return zone(centre.timezone)


def weekly_hours(centre: Centre) -> WeeklyHours:
    """The catalogue's hours (Monday = 0, a break per day) as the calculator's ISO weekdays."""
    days: dict[int, tuple[Interval, ...]] = {}
    for day in centre.hours:
        if day.break_start and day.break_end and day.opens < day.break_start < day.break_end:
            intervals: tuple[Interval, ...] = (
                (day.opens, day.break_start),
                (day.break_end, day.closes),
            )
        else:
            intervals = ((day.opens, day.closes),)
        days[day.weekday + 1] = tuple((s, e) for s, e in intervals if s < e)
    return WeeklyHours(days)


def slot_rules(rules: ConsultationRules) -> SlotRules:
    return SlotRules(
        duration=timedelta(minutes=rules.duration_minutes),
        buffer=timedelta(minutes=rules.buffer_minutes),
        min_notice=timedelta(hours=rules.min_notice_hours),
        horizon_days=rules.horizon_days,
        seats=rules.places_per_slot,
    )


def seats_for(centre: Centre, format: str) -> list[ConsultationSeat]:
    if centre.consultations is None:
        return []
    return [seat for seat in centre.consultations.seats if format in seat.formats]


async def centre_slots(
    uow: UnitOfWork, centre: Centre, format: str, now: datetime
) -> list[OfferedSlot]:
    """Free slots of a format at a centre, earliest first; one per start time."""
    rules = centre.consultations
    if rules is None:
        return []
    seats = seats_for(centre, format)
    if not seats:
        return []
    schedule = Schedule(
        zone=centre_zone(centre),
        hours=weekly_hours(centre),
        closed_dates=frozenset(await uow.bookings.closed_days(centre.id)),
    )
    calculator_rules = slot_rules(rules)
    window_end = now + timedelta(days=rules.horizon_days + 2)
    by_start: dict[datetime, OfferedSlot] = {}
    for seat in seats:
        taken = await uow.bookings.taken(
            centre.id, seat.id, now - timedelta(days=1), window_end, now
        )
        for slot in free_slots(schedule, calculator_rules, taken, now):
            by_start.setdefault(slot.start, OfferedSlot(slot.start, slot.end, seat.id))
    return [by_start[start] for start in sorted(by_start)]


def local_days(slots: list[OfferedSlot], centre: Centre) -> list[date]:
    tz = centre_zone(centre)
    return sorted({slot.start.astimezone(tz).date() for slot in slots})


def on_day(slots: list[OfferedSlot], centre: Centre, day: date) -> list[OfferedSlot]:
    tz = centre_zone(centre)
    return [slot for slot in slots if slot.start.astimezone(tz).date() == day]


def local_day_bounds(centre: Centre, day: date) -> tuple[datetime, datetime]:
    """The UTC span of a local date at the centre."""
    tz = centre_zone(centre)
    start = datetime.combine(day, datetime.min.time(), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    return start.astimezone(ZoneInfo("UTC")), end.astimezone(ZoneInfo("UTC"))
