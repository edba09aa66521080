"""Repository interfaces the services depend on; bot.storage implements them with SQLAlchemy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from bot.services.staff import StaffGrant

if TYPE_CHECKING:  # the analytics' own ports import nothing from here
    from bot.services.analytics.ports import (
        AnalyticsRepository,
        CatalogueGapRepository,
        ExportLogRepository,
    )
    from bot.services.catalogue_imports.ports import CatalogueImportRepository

# Statuses of a consultation request; a CHECK constraint in the database allows only these.
OPEN = "open"
HANDLED = "handled"
WITHDRAWN = "withdrawn"


@dataclass(frozen=True, slots=True)
class UserRecord:
    telegram_id: int
    language: str | None
    role: str | None
    region: str | None
    timezone: str | None
    created_at: datetime
    last_seen_at: datetime
    is_blocked: bool
    grade: int | None = None
    situations: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    about: str | None = None
    riasec: tuple[float, ...] | None = None
    quiz_answers: tuple[int, ...] = ()  # +1 like, 0 neutral, -1 dislike, one per quiz item
    source: str | None = None
    centre: str | None = None
    notifications: bool = True
    onboarded_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ConsentRecord:
    kind: str
    version: str
    given_at: datetime
    withdrawn_at: datetime | None

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


@dataclass(frozen=True, slots=True)
class FeedbackRecord:
    item_id: str
    vote: int
    reason: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ConsultationRecord:
    id: int
    user_id: int
    topic: str
    item_id: str | None
    centre: str | None
    phone: str | None
    status: str  # OPEN | HANDLED | WITHDRAWN
    created_at: datetime
    handled_at: datetime | None
    handled_by: int | None
    staff_chat_id: int | None
    staff_message_id: int | None


# Statuses of a reminder; a CHECK constraint in the database allows only these.
REMINDER_PENDING = "pending"
REMINDER_CLAIMED = "claimed"  # taken by a sender's pass, not yet handed to Telegram
REMINDER_SENDING = "sending"  # handed to Telegram; sent or not is unknown until it answers
REMINDER_SENT = "sent"
REMINDER_DROPPED = "dropped"  # no longer meant anything when it fell due
REMINDER_CANCELLED = "cancelled"  # its subject went away before it fell due
REMINDER_FAILED = "failed"


@dataclass(frozen=True, slots=True)
class ReminderRecord:
    id: int
    kind: str
    subject: str
    user_id: int
    due_at: datetime
    status: str
    attempts: int


# Statuses of a booking; a CHECK constraint in the database allows only these.
HELD = "held"  # picked, waiting for the user's confirmation until hold_expires_at
BOOKED = "booked"
CANCELLED_BY_USER = "cancelled_user"
CANCELLED_BY_STAFF = "cancelled_staff"
ATTENDED = "attended"
NO_SHOW = "no_show"
EXPIRED = "expired"  # a hold nobody confirmed


@dataclass(frozen=True, slots=True)
class BookingRecord:
    id: int
    user_id: int
    centre: str
    seat: str
    seat_no: int
    starts_at: datetime
    ends_at: datetime
    format: str
    topic: str
    item_id: str | None
    phone: str | None
    status: str
    hold_expires_at: datetime | None
    confirmed_at: datetime | None
    rescheduled_from: int | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class NewHold:
    """A seat the user picked, to be held for them until `expires_at`."""

    user_id: int
    centre: str
    seat: str
    places: int  # how many people one slot of this seat takes
    starts_at: datetime
    ends_at: datetime
    format: str
    topic: str
    item_id: str | None
    expires_at: datetime
    rescheduled_from: int | None = None


# Statuses of a waitlist entry.
WAITING = "waiting"
OFFERED = "offered"  # a freed slot is held for them
WAITLIST_BOOKED = "booked"
LEFT = "left"
WAITLIST_HANDLED = "handled"  # staff took it and arranged a time by phone


@dataclass(frozen=True, slots=True)
class WaitlistRecord:
    id: int
    user_id: int
    centre: str
    format: str | None
    topic: str
    item_id: str | None
    status: str
    offered_booking_id: int | None
    created_at: datetime
    taken_by: int | None


@dataclass(frozen=True, slots=True)
class CatalogueRow:
    entity: str
    id: str
    payload: dict[str, Any]
    content_hash: str


class UserRepository(Protocol):
    async def get(self, telegram_id: int) -> UserRecord | None: ...
    async def add_if_missing(self, telegram_id: int, now: datetime) -> bool:
        """True when this call created the user (first contact is an upsert)."""
        ...

    # One method per change, so a misspelt column is a type error, not a silent no-op.
    async def mark_seen(self, telegram_id: int, now: datetime) -> None: ...
    async def reactivate(self, telegram_id: int, now: datetime) -> None:
        """Seen now and reachable again (they pressed /start)."""
        ...

    async def set_blocked(self, telegram_id: int, blocked: bool) -> bool:
        """False when there is no such user."""
        ...

    async def set_language(self, telegram_id: int, language: str) -> None: ...
    async def set_notifications(self, telegram_id: int, enabled: bool) -> None: ...
    async def set_role(self, telegram_id: int, role: str | None) -> None:
        """Also clears the grade and situations: they are answers about the old role."""
        ...

    async def set_grade(self, telegram_id: int, grade: int | None) -> None: ...
    async def set_situations(self, telegram_id: int, situations: tuple[str, ...]) -> None: ...
    async def set_interests(self, telegram_id: int, interests: tuple[str, ...]) -> None: ...
    async def set_about(self, telegram_id: int, about: str | None) -> None: ...
    async def set_place(
        self, telegram_id: int, region: str, timezone: str, centre: str | None
    ) -> None: ...
    async def set_quiz(
        self, telegram_id: int, answers: tuple[int, ...], riasec: tuple[float, ...]
    ) -> None:
        """The quiz's answers and the scores made of them; a retaken quiz replaces both."""
        ...

    async def set_onboarded(self, telegram_id: int, at: datetime) -> None: ...
    async def clear_answers(self, telegram_id: int) -> None:
        """Every onboarding answer, not the consent: onboarding starts over."""
        ...

    async def delete(self, telegram_id: int) -> None: ...
    async def set_source_if_empty(self, telegram_id: int, source: str) -> bool:
        """The first deep link a user came by wins; a conditional update, True if set."""
        ...


class ConsentRepository(Protocol):
    async def active(self, telegram_id: int, kind: str) -> ConsentRecord | None: ...
    async def add_if_none_active(
        self, telegram_id: int, kind: str, version: str, now: datetime
    ) -> bool:
        """False when an active consent of this kind exists (a unique index decides)."""
        ...

    async def withdraw_other_versions(
        self, telegram_id: int, kind: str, version: str, now: datetime
    ) -> None: ...
    async def withdraw(self, telegram_id: int, kind: str, now: datetime) -> bool: ...
    async def list_for(self, telegram_id: int) -> list[ConsentRecord]: ...


class FeedbackRepository(Protocol):
    async def set_vote(
        self, user_id: int, item_id: str, vote: int, reason: str | None, now: datetime
    ) -> None:
        """Store or replace the user's vote and keep the anonymous totals in step."""
        ...

    async def hidden_items(self, user_id: int) -> set[str]: ...
    async def list_for(self, user_id: int) -> list[FeedbackRecord]: ...
    async def totals(self) -> dict[str, tuple[int, int]]: ...


class ConsultationRepository(Protocol):
    async def add_unless_open(
        self,
        user_id: int,
        topic: str,
        item_id: str | None,
        centre: str | None,
        phone: str | None,
        now: datetime,
    ) -> tuple[ConsultationRecord, bool]:
        """The new request and True, or the open one on the same topic and False."""
        ...

    async def get(self, request_id: int) -> ConsultationRecord | None: ...
    async def list_for(
        self, user_id: int, *, open_only: bool = False
    ) -> list[ConsultationRecord]: ...
    async def open_requests(self, centres: tuple[str, ...] | None) -> list[ConsultationRecord]:
        """Open requests for a call back, oldest first; None: every centre."""
        ...

    async def mark_handled(self, request_id: int, staff_id: int, now: datetime) -> bool:
        """A conditional update: False when the request is no longer open."""
        ...

    async def withdraw(self, request_id: int, user_id: int) -> bool:
        """A conditional update: False when not open or not the user's."""
        ...

    async def attach_staff_message(
        self, request_id: int, chat_id: int, message_id: int
    ) -> None: ...


class CatalogueRepository(Protocol):
    async def all(self) -> list[CatalogueRow]: ...
    async def hashes(self) -> dict[tuple[str, str], str]: ...
    async def upsert(self, rows: list[CatalogueRow], now: datetime) -> int:
        """Insert or replace rows by (entity, id); returns how many changed."""
        ...

    async def delete(self, keys: list[tuple[str, str]]) -> int:
        """Remove records by (entity, id); returns how many were there."""
        ...

    async def count(self) -> int: ...
    async def fingerprint(self) -> str:
        """Changes whenever any record is added or changed (count and last update)."""
        ...


class PersonalDataRepository(Protocol):
    async def export(self, user_id: int) -> dict[str, list[dict[str, Any]]]:
        """Every row about the user, by table, as JSON-ready dicts."""
        ...

    async def erase(self, user_id: int) -> None:
        """Delete every row about the user, dialog state included."""
        ...


class BookingRepository(Protocol):
    async def taken(
        self, centre: str, seat: str, start: datetime, end: datetime, now: datetime
    ) -> list[tuple[datetime, datetime]]:
        """One interval per place in use at a seat between `start` and `end`: bookings, and
        holds that have not expired by `now`."""
        ...

    async def try_hold(self, hold: NewHold, now: datetime) -> BookingRecord | None:
        """Hold a free place of the slot for the user, or None when every place is taken or
        the user already has a booking starting then. The database decides, not a read."""
        ...

    async def release_holds(self, user_id: int, now: datetime) -> int:
        """Expire the user's unconfirmed holds (they started over or picked another time)."""
        ...

    async def confirm(
        self, booking_id: int, user_id: int, phone: str | None, now: datetime
    ) -> bool:
        """Held → booked for its owner; False when the hold was lost (expired and taken)."""
        ...

    async def cancel(
        self,
        booking_id: int,
        status: str,
        now: datetime,
        *,
        user_id: int | None,
        not_after: datetime | None,
    ) -> bool:
        """Booked → `status`; with `user_id`, only its owner; with `not_after`, only a booking
        that starts after that moment (the cancel cut-off)."""
        ...

    async def settle(self, booking_id: int, status: str, now: datetime) -> bool:
        """Booked → attended or no-show, once it has started."""
        ...

    async def mark_confirmed(self, booking_id: int, user_id: int, now: datetime) -> bool:
        """The user answered a reminder that they will come."""
        ...

    async def cancel_between(
        self, centre: str, start: datetime, end: datetime, now: datetime
    ) -> list[BookingRecord]:
        """Cancel (by staff) the bookings of a centre starting in [start, end); returns them."""
        ...

    async def get(self, booking_id: int) -> BookingRecord | None: ...
    async def upcoming_for(self, user_id: int, now: datetime) -> list[BookingRecord]:
        """Booked and not yet over, soonest first."""
        ...

    async def open_count(self, user_id: int, centre: str, now: datetime) -> int: ...
    async def overlapping(
        self, user_id: int, start: datetime, end: datetime, excluding: int | None
    ) -> BookingRecord | None: ...
    async def between(
        self, centres: tuple[str, ...] | None, start: datetime, end: datetime
    ) -> list[BookingRecord]:
        """Bookings (booked, attended, no-show) starting in [start, end), by start."""
        ...

    async def add_history(
        self, booking_id: int, action: str, actor: int | None, now: datetime
    ) -> None: ...
    async def closed_days(self, centre: str) -> set[date]: ...
    async def close_day(self, centre: str, day: date, staff_id: int, now: datetime) -> bool: ...
    async def schedule(self, centre: str) -> tuple[list[dict[str, Any]], dict[str, Any]] | None:
        """The hours and rules staff set in the bot, as JSON, or None: the catalogue's hold."""
        ...

    async def save_schedule(
        self,
        centre: str,
        hours: list[dict[str, Any]],
        rules: dict[str, Any],
        staff_id: int,
        now: datetime,
    ) -> None: ...
    async def outcome_counts(
        self, centres: tuple[str, ...] | None, since: datetime
    ) -> dict[str, int]:
        """Bookings by status that started since a moment, and under «will_come» how many
        the user confirmed from a reminder: the no-show figures."""
        ...


class WaitlistRepository(Protocol):
    async def join(
        self,
        user_id: int,
        centre: str,
        format: str | None,
        topic: str,
        item_id: str | None,
        now: datetime,
    ) -> tuple[WaitlistRecord, bool]:
        """The new entry and True, or the user's open entry at that centre and False."""
        ...

    async def first_waiting(
        self, centre: str, formats: tuple[str, ...]
    ) -> WaitlistRecord | None: ...
    async def requeue_lapsed_offers(self, centre: str, now: datetime) -> int:
        """Offered entries whose held time lapsed wait again for the next freed time."""
        ...

    async def offer(self, entry_id: int, booking_id: int, now: datetime) -> bool: ...
    async def settle_offer(self, booking_id: int, status: str, now: datetime) -> bool:
        """The offered entry of a booking becomes booked (confirmed) or waits again."""
        ...

    async def leave(self, entry_id: int, user_id: int, now: datetime) -> bool: ...
    async def take(self, entry_id: int, staff_id: int, now: datetime) -> bool: ...
    async def get(self, entry_id: int) -> WaitlistRecord | None: ...
    async def open_for(self, user_id: int) -> list[WaitlistRecord]: ...
    async def open_entries(self, centres: tuple[str, ...] | None) -> list[WaitlistRecord]:
        """Waiting and offered entries, oldest first."""
        ...


class ReminderRepository(Protocol):
    async def schedule(self, kind: str, subject: str, user_id: int, due_at: datetime) -> None:
        """Add a pending reminder, or move a still pending one to `due_at`; a reminder already
        sent, dropped or cancelled stays as it is, so it is never sent twice."""
        ...

    async def add_settled(
        self, kind: str, subject: str, user_id: int, now: datetime, detail: str
    ) -> None:
        """Record a reminder that must never be sent (the user already knows what it would
        say), unless one of that kind, subject and user exists: it stays as it is."""
        ...

    async def cancel(self, subject: str, kinds: tuple[str, ...]) -> int:
        """Cancel the pending reminders of a subject; how many were pending."""
        ...

    async def claim_due(self, now: datetime, limit: int) -> list[ReminderRecord]:
        """Move up to `limit` pending reminders due by `now` to «claimed», oldest first, and
        return them. Concurrent claimers never get the same row, and nobody claims a claimed
        row until it is given back."""
        ...

    async def begin_send(self, reminder_id: int, now: datetime) -> ReminderRecord | None:
        """Move one claimed reminder to «sending» and count the attempt, right before it is
        handed to Telegram; None when it is no longer claimed (cancelled, given back, or
        taken by another sender first), and then it must not be sent."""
        ...

    async def finish(
        self,
        reminder_id: int,
        status: str,
        now: datetime,
        detail: str | None,
        *,
        was: str = REMINDER_SENDING,
        add_attempts: int = 0,
    ) -> bool:
        """Settle a reminder that is in status `was` (sent, dropped, failed); False when it
        is not."""
        ...

    async def release(
        self,
        reminder_id: int,
        due_at: datetime,
        detail: str | None,
        *,
        was: str = REMINDER_SENDING,
        add_attempts: int = 0,
    ) -> bool:
        """Give a reminder that is in status `was` back as pending, for another try at
        `due_at`; `add_attempts` corrects its count (-1: Telegram did not take the try)."""
        ...

    async def stuck(self, claimed_before: datetime) -> list[ReminderRecord]:
        """Reminders «claimed» or «sending» since before a moment: a sender stopped."""
        ...

    async def list_for(self, user_id: int) -> list[ReminderRecord]: ...


class LeaseRepository(Protocol):
    async def acquire(self, name: str, holder: str, now: datetime, until: datetime) -> bool:
        """Take or renew the lease: True when `holder` has it until `until`, False while
        another holder's lease has not expired."""
        ...

    async def release(self, name: str, holder: str) -> None: ...


class ActivityRepository(Protocol):
    async def record(self, user_id: int, keys: Sequence[tuple[str, str]], now: datetime) -> int:
        """Append (step, item) rows for the user, skipping those already there (a unique key
        decides, so a repeat costs no write lock when nothing is new); how many were added."""
        ...


class UnitOfWork(Protocol):
    # Read-only properties: a concrete unit of work may return its own repository classes.
    @property
    def users(self) -> UserRepository: ...
    @property
    def consents(self) -> ConsentRepository: ...
    @property
    def feedback(self) -> FeedbackRepository: ...
    @property
    def consultations(self) -> ConsultationRepository: ...
    @property
    def catalogue(self) -> CatalogueRepository: ...
    @property
    def personal_data(self) -> PersonalDataRepository: ...
    @property
    def bookings(self) -> BookingRepository: ...
    @property
    def waitlist(self) -> WaitlistRepository: ...
    @property
    def reminders(self) -> ReminderRepository: ...
    @property
    def leases(self) -> LeaseRepository: ...
    @property
    def broadcasts(self) -> BroadcastRepository: ...
    @property
    def subscriptions(self) -> SubscriptionRepository: ...
    @property
    def staff_grants(self) -> StaffGrantRepository: ...
    @property
    def event_edits(self) -> EventEditRepository: ...
    @property
    def activity(self) -> ActivityRepository: ...
    @property
    def analytics(self) -> AnalyticsRepository: ...
    @property
    def gaps(self) -> CatalogueGapRepository: ...
    @property
    def exports(self) -> ExportLogRepository: ...
    @property
    def catalogue_imports(self) -> CatalogueImportRepository: ...

    async def commit(self) -> None: ...
    async def rollback(self) -> None: ...


# Statuses of a staff broadcast; a CHECK constraint in the database allows only these.
BROADCAST_SENDING = "sending"
BROADCAST_PAUSED = "paused"
BROADCAST_CANCELLED = "cancelled"
BROADCAST_DONE = "done"

# Statuses of one delivery of a broadcast; a CHECK constraint allows only these.
DELIVERY_PENDING = "pending"
DELIVERY_CLAIMED = "claimed"  # taken by a sender's pass, not yet handed to Telegram
DELIVERY_SENDING = "sending"  # handed to Telegram; its answer is not written yet
DELIVERY_SENT = "sent"
DELIVERY_BLOCKED = "blocked"  # 403: the user blocked the bot
DELIVERY_FAILED = "failed"  # refused by Telegram, tries used up
DELIVERY_UNKNOWN = "unknown"  # no answer to trust; it may have arrived, so not resent
DELIVERY_SKIPPED = "skipped"  # the user withdrew mailing consent or blocked before their turn
DELIVERY_CANCELLED = "cancelled"  # the broadcast was cancelled before their turn
OPEN_DELIVERIES = (DELIVERY_PENDING, DELIVERY_CLAIMED, DELIVERY_SENDING)


@dataclass(frozen=True, slots=True)
class Segment:
    """Who a broadcast goes to: every dimension given narrows it (AND); the values inside
    one dimension widen it (OR). Whatever the dimensions, only users with an active mailing
    consent who have not blocked the bot are in it.

    To add a dimension (subscribers of an event or a topic), add a field here and its
    condition in SqlBroadcastRepository's `_segment_conditions` (bot.storage)."""

    roles: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    with_bookings: bool = False  # people who booked a consultation (booked, came or not)

    @property
    def everyone(self) -> bool:
        return not (self.roles or self.regions or self.interests or self.with_bookings)


@dataclass(frozen=True, slots=True)
class NewBroadcast:
    author_id: int
    kind: str  # text | photo | document
    text: str
    entities: list[dict[str, Any]]
    file_id: str | None
    button_text: str | None
    button_url: str | None
    button_data: str | None
    segment: Segment
    paid: bool


@dataclass(frozen=True, slots=True)
class BroadcastRecord:
    id: int
    author_id: int | None
    kind: str
    text: str
    entities: list[dict[str, Any]]
    file_id: str | None
    button_text: str | None
    button_url: str | None
    button_data: str | None
    segment: dict[str, Any]
    paid: bool
    status: str
    total: int
    created_at: datetime
    finished_at: datetime | None
    progress_chat_id: int | None
    progress_message_id: int | None
    progress_at: datetime | None


@dataclass(frozen=True, slots=True)
class DeliveryRecord:
    id: int
    broadcast_id: int
    user_id: int
    status: str
    attempts: int


class BroadcastRepository(Protocol):
    async def count_segment(self, segment: Segment) -> int: ...
    async def segment_regions(self, segment: Segment) -> list[tuple[str, int]]:
        """Regions of the segment's users with how many in each, most first (the segment's
        own region filter left out: the choices staff can make)."""
        ...

    async def create(self, broadcast: NewBroadcast, now: datetime) -> BroadcastRecord:
        """The broadcast and one pending delivery per user of its segment, in user order;
        `total` says how many (zero: the caller rolls back)."""
        ...

    async def get(self, broadcast_id: int) -> BroadcastRecord | None: ...
    async def set_progress_message(
        self, broadcast_id: int, chat_id: int, message_id: int
    ) -> None: ...

    async def set_status(
        self, broadcast_id: int, status: str, now: datetime, *, was: tuple[str, ...]
    ) -> bool:
        """A conditional change: False when the broadcast was not in one of `was`."""
        ...

    async def cancel_open(self, broadcast_id: int) -> int:
        """Deliveries not yet handed to Telegram (pending, claimed) become cancelled."""
        ...

    async def with_status(self, statuses: tuple[str, ...]) -> list[BroadcastRecord]: ...
    async def claim(self, broadcast_id: int, now: datetime, limit: int) -> list[DeliveryRecord]:
        """Pending deliveries whose time has come, oldest first: «claimed» (SKIP LOCKED on
        PostgreSQL, and a status condition everywhere, so no two senders share one)."""
        ...

    async def begin_send(self, delivery_id: int, now: datetime) -> DeliveryRecord | None:
        """claimed → sending, counting a try, only while the broadcast is sending and the
        user still takes mailings (not blocked, mailing consent active); None otherwise."""
        ...

    async def skip_if_unwanted(self, delivery_id: int, now: datetime) -> bool:
        """A claimed delivery whose user blocked the bot or withdrew mailing consent is
        skipped; False when neither is so."""
        ...

    async def finish(
        self,
        delivery_id: int,
        status: str,
        now: datetime,
        detail: str | None,
        *,
        was: str = DELIVERY_SENDING,
        add_attempts: int = 0,
    ) -> bool: ...
    async def release(
        self,
        delivery_id: int,
        not_before: datetime | None,
        detail: str | None,
        *,
        was: str = DELIVERY_SENDING,
        add_attempts: int = 0,
    ) -> bool:
        """Back to pending (not before `not_before`); a conditional update on `was`."""
        ...

    async def counts(self, broadcast_id: int) -> dict[str, int]: ...
    async def next_retry(self, broadcast_id: int) -> datetime | None:
        """The earliest moment a pending delivery waits for (None: none waits)."""
        ...

    async def mark_progress(self, broadcast_id: int, now: datetime) -> None: ...
    async def finish_if_done(self, broadcast_id: int, now: datetime) -> bool:
        """sending → done when no delivery is pending, claimed or sending."""
        ...

    async def close_cancelled(self, now: datetime) -> list[int]:
        """Cancelled broadcasts whose last delivery in flight has settled and whose end was
        not reported yet: marked reported (each is returned once)."""
        ...

    async def requeue_claimed(self) -> int:
        """Every «claimed» delivery back to pending: a stopped sender never tried them."""
        ...

    async def settle_sending(self, now: datetime, detail: str) -> int:
        """Every «sending» delivery becomes unknown: a stopped sender left it mid-send."""
        ...


@dataclass(frozen=True, slots=True)
class SubscriptionRecord:
    id: int
    user_id: int
    topic_kind: str  # event | competency | industry | event_kind | programme
    topic_value: str  # a catalogue id, or a kind of event («abilympics», «open_days»)
    created_at: datetime


class SubscriptionRepository(Protocol):
    async def add(
        self, user_id: int, topic_kind: str, topic_value: str, now: datetime
    ) -> tuple[SubscriptionRecord, bool]:
        """The subscription, and True when this call added it (a unique key decides)."""
        ...

    async def list_for(self, user_id: int) -> list[SubscriptionRecord]:
        """The user's subscriptions, oldest first."""
        ...

    async def remove(self, subscription_id: int, user_id: int) -> SubscriptionRecord | None:
        """Delete one of the user's own subscriptions; None when it is not theirs or gone."""
        ...

    async def page(self, after_id: int, limit: int) -> list[SubscriptionRecord]:
        """Every user's subscriptions by id, `limit` at a time (the catalogue sync)."""
        ...


class StaffGrantRepository(Protocol):
    """Staff rights granted in the bot: one row per person; revoking deletes it."""

    async def all(self) -> list[StaffGrant]: ...
    async def grant(
        self, telegram_id: int, region: str | None, granted_by: int, now: datetime
    ) -> StaffGrant:
        """Insert the grant, or replace the person's earlier one (a new region)."""
        ...

    async def revoke(self, telegram_id: int) -> bool:
        """False when the person held no grant."""
        ...


EVENT_CREATED = "created"
EVENT_EDITED = "edited"


@dataclass(frozen=True, slots=True)
class EventEditRecord:
    """Who created or changed a catalogue event in the bot, and what."""

    event_id: str
    staff_id: int | None  # None once that staff member erased their data (/forget)
    action: str  # created | edited
    fields: tuple[str, ...]  # the event's fields set or changed
    at: datetime


class EventEditRepository(Protocol):
    async def add(
        self, event_id: str, staff_id: int, action: str, fields: tuple[str, ...], now: datetime
    ) -> None: ...
    async def for_event(self, event_id: str) -> list[EventEditRecord]:
        """Oldest first."""
        ...
