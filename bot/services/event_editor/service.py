"""Staff create and edit events in the bot.

An event made here is a catalogue record like an imported one, written through
CatalogueAdmin: nothing is written unless the catalogue it would leave can be indexed as the
search engine will index it, and the form obeys the rules an import's rows obey (a known
centre, its region and time zone, an end after the start) plus what only makes sense in the
bot: nothing new in the past, registration closing before the start. Staff of one region
choose and edit only their region's centres and events.

This process's knowledge base is rebuilt at once, so /events lists the event; another
process notices within CATALOGUE_REFRESH_SECONDS. The scheduler's subscription sync then
announces a new event once to those following its kind, competencies or industries in its
region, and moves the pending reminders of changed dates (bot.services.subscriptions)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from bot.services.catalogue_admin import CatalogueAdmin, CatalogueRejectedError
from bot.services.clock import Clock, utc_now
from bot.services.errors import DomainError
from bot.services.event_editor.form import (
    DEFAULT_AUDIENCE,
    FIELDS,
    EventFields,
    FormContext,
    read_form,
)
from bot.services.events.upcoming import event_timezone
from bot.services.knowledge_base import KnowledgeBase, KnowledgeSource
from bot.services.ports import EVENT_CREATED, EVENT_EDITED, Segment, UnitOfWork
from bot.services.staff import StaffMember, StaffPolicy
from bot.services.timezones import zone
from knowledge import Catalogue
from knowledge.models import Centre, Event, EventKind, Region

REFUSAL = "button-outdated"  # a forged or stale button, or rights that are gone
PAGE_SIZE = 8
EXAMPLE_DAYS_AHEAD = 14
# The catalogue's source of a record staff made in the bot; who made it is in event_edits.
BOT_SOURCE = "Добавлено сотрудником центра в боте"
DATES = ("starts_at", "ends_at", "registration_deadline")


@dataclass(frozen=True, slots=True)
class EventForm:
    """What a staff member fills in: a new event's blank form or an event's current one."""

    kind: EventKind
    centre: Centre | None
    region: Region | None
    local: tzinfo  # the times are written in this zone
    fields: EventFields | None  # None: a new event
    example_day: date  # a new event's example date, in the centre's calendar
    ref: str  # the event's reference when editing; "" for a new one
    competency_names: tuple[str, ...] = ()  # of fields.competencies, as the form names them


@dataclass(frozen=True, slots=True)
class SavedEvent:
    event: Event
    ref: str
    centre: Centre | None
    region: Region | None
    local: tzinfo
    created: bool
    changed: tuple[str, ...]  # the fields set (a new event) or changed
    listed: bool  # this process's /events shows it already
    refresh_minutes: int  # otherwise, within this many minutes


@dataclass(frozen=True, slots=True)
class Announcement:
    """An event to announce as a staff broadcast, and to whom: its natural segment is its
    region. Those following its kind, competencies or industries hear of it anyway, once,
    from the scheduler's subscription sync."""

    event: Event
    ref: str
    centre: Centre | None
    region: Region | None
    local: tzinfo
    segment: Segment


@dataclass(frozen=True, slots=True)
class EditableEvent:
    ref: str
    title: str
    first_day: date  # in the event's own calendar
    place: str  # the centre's short name; "" for a nationwide event


@dataclass(frozen=True, slots=True)
class EditablePage:
    items: tuple[EditableEvent, ...]
    page: int
    pages: int


class EventEditor:
    def __init__(
        self,
        uow: UnitOfWork,
        knowledge: KnowledgeSource,
        staff: StaffPolicy,
        clock: Clock = utc_now,
        *,
        refresh_seconds: int = 300,
    ) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._staff = staff
        self._clock = clock
        self._refresh_seconds = refresh_seconds

    def _member(self, staff_id: int) -> StaffMember:
        return self._staff.require_staff(staff_id, REFUSAL)

    async def centres(self, staff_id: int) -> list[Centre]:
        """The centres the staff member may hold events at: their region's, or all."""
        member = self._member(staff_id)
        catalogue = (await self._knowledge.get()).catalogue
        return sorted(
            (c for c in catalogue.centres.values() if member.region in (None, c.region)),
            key=lambda centre: (centre.region, centre.short_name),
        )

    async def new_form(self, staff_id: int, kind: str, centre_id: str) -> EventForm:
        centre = await self._centre(staff_id, centre_id)
        catalogue = (await self._knowledge.get()).catalogue
        local = zone(centre.timezone)
        example = self._clock().astimezone(local).date() + timedelta(days=EXAMPLE_DAYS_AHEAD)
        return EventForm(
            kind=_kind(kind),
            centre=centre,
            region=catalogue.regions.get(centre.region),
            local=local,
            fields=None,
            example_day=example,
            ref="",
        )

    async def create(self, staff_id: int, kind: str, centre_id: str, text: str) -> SavedEvent:
        """Raises EventFormError with every problem of the form; writes nothing then."""
        centre = await self._centre(staff_id, centre_id)
        event_kind = _kind(kind)
        knowledge = await self._knowledge.get()
        local = zone(centre.timezone)
        fields = read_form(text, FormContext(event_kind, local, self._clock(), knowledge.catalogue))
        _refuse_repeat(knowledge.catalogue, centre.id, fields, None)
        event = Event(
            id=await self._new_id(centre, fields.starts_at),
            kind=event_kind,
            region=centre.region,
            centre=centre.id,
            online=False,
            illustrative=False,
            source=BOT_SOURCE,
            **_values(fields),
        )
        changed = tuple(name for name in FIELDS if getattr(fields, name))
        return await self._save(staff_id, event, EVENT_CREATED, changed)

    async def editable(self, staff_id: int, page: int = 0) -> EditablePage:
        """Events not over yet that the staff member may edit, soonest first."""
        member = self._member(staff_id)
        knowledge = await self._knowledge.get()
        catalogue = knowledge.catalogue
        now = self._clock()
        events = sorted(
            (e for e in catalogue.events.values() if e.ends_at >= now and _may_edit(member, e)),
            key=lambda event: (event.starts_at, event.id),
        )
        pages = max(1, -(-len(events) // PAGE_SIZE))
        page = min(max(page, 0), pages - 1)
        shown = events[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        items = tuple(
            EditableEvent(
                ref=knowledge.reference(event.id),
                title=event.title,
                first_day=event.starts_at.astimezone(event_timezone(catalogue, event)).date(),
                place=_place(catalogue, event),
            )
            for event in shown
        )
        return EditablePage(items, page, pages)

    async def edit_form(self, staff_id: int, ref: str) -> EventForm:
        knowledge, event = await self._editable(staff_id, ref)
        catalogue = knowledge.catalogue
        local = event_timezone(catalogue, event)
        return EventForm(
            kind=event.kind,
            centre=catalogue.centres.get(event.centre or ""),
            region=catalogue.regions.get(event.region or ""),
            local=local,
            fields=_fields(event, local),
            example_day=event.starts_at.astimezone(local).date(),
            ref=knowledge.reference(event.id),
            competency_names=tuple(
                catalogue.competencies[cid].name
                for cid in event.competencies
                if cid in catalogue.competencies
            ),
        )

    async def edit(self, staff_id: int, ref: str, text: str) -> SavedEvent:
        """Lines left out keep their values; raises EventFormError with every problem."""
        knowledge, event = await self._editable(staff_id, ref)
        catalogue = knowledge.catalogue
        local = event_timezone(catalogue, event)
        before = _fields(event, local)
        context = FormContext(event.kind, local, self._clock(), catalogue, before)
        fields = read_form(text, context)
        changed = fields.changed(before)
        if not changed:
            raise DomainError("event-form-nothing-changed")
        _refuse_repeat(catalogue, event.centre, fields, event.id)
        update: dict[str, object] = dict(_values(fields))
        if any(name in DATES for name in changed):
            update["illustrative"] = False  # the dates are the centre's now, not examples
        return await self._save(staff_id, event.model_copy(update=update), EVENT_EDITED, changed)

    async def announcement(self, staff_id: int, ref: str) -> Announcement:
        """The event to announce: one the staff member may edit, not over yet."""
        knowledge, event = await self._editable(staff_id, ref)
        catalogue = knowledge.catalogue
        return Announcement(
            event=event,
            ref=knowledge.reference(event.id),
            centre=catalogue.centres.get(event.centre or ""),
            region=catalogue.regions.get(event.region or ""),
            local=event_timezone(catalogue, event),
            segment=Segment(regions=(event.region,)) if event.region else Segment(),
        )

    async def _save(
        self, staff_id: int, event: Event, action: str, changed: tuple[str, ...]
    ) -> SavedEvent:
        # The model checks the record as an import's row is checked (aware, ordered dates).
        record = Event.model_validate(event.model_dump())
        await self._uow.event_edits.add(record.id, staff_id, action, changed, self._clock())
        try:
            # One transaction: the record and who made it. The catalogue's own clock (the
            # wall clock) stamps the row, so that the change is noticed by every process.
            await CatalogueAdmin(self._uow).import_records([record])
        except CatalogueRejectedError:
            await self._uow.rollback()
            raise DomainError("event-form-rejected") from None
        knowledge = await self._refreshed()
        catalogue = knowledge.catalogue
        local = event_timezone(catalogue, record)
        return SavedEvent(
            event=record,
            ref=knowledge.reference(record.id),
            centre=catalogue.centres.get(record.centre or ""),
            region=catalogue.regions.get(record.region or ""),
            local=local,
            created=action == EVENT_CREATED,
            changed=changed,
            listed=catalogue.events.get(record.id) == record,
            refresh_minutes=max(1, -(-self._refresh_seconds // 60)),
        )

    async def _refreshed(self) -> KnowledgeBase:
        """This process's knowledge base, rebuilt now when it can be (the loader over the
        database can; a fixed knowledge base of tests cannot)."""
        refresh = getattr(self._knowledge, "refresh_if_changed", None)
        if refresh is not None:
            await refresh()
        return await self._knowledge.get()

    async def _centre(self, staff_id: int, centre_id: str) -> Centre:
        centre = next((c for c in await self.centres(staff_id) if c.id == centre_id), None)
        if centre is None:
            raise DomainError(REFUSAL)  # another region's centre: a button they never saw
        return centre

    async def _editable(self, staff_id: int, ref: str) -> tuple[KnowledgeBase, Event]:
        member = self._member(staff_id)
        knowledge = await self._knowledge.get()
        event = knowledge.catalogue.events.get(knowledge.resolve(ref) or "")
        if event is None or not _may_edit(member, event):
            raise DomainError(REFUSAL)
        if event.ends_at < self._clock():
            raise DomainError("events-ended")
        return knowledge, event

    async def _new_id(self, centre: Centre, starts_at: datetime) -> str:
        """Unique across every kind of record: a random tail, checked against the table."""
        taken = {key for _, key in await self._uow.catalogue.hashes()}
        while True:
            candidate = f"ev-bot-{centre.id}-{starts_at:%Y%m%d}-{secrets.token_hex(3)}"
            if candidate not in taken:
                return candidate


def _kind(value: str) -> EventKind:
    try:
        return EventKind(value)
    except ValueError:
        raise DomainError(REFUSAL) from None


def _place(catalogue: Catalogue, event: Event) -> str:
    centre = catalogue.centres.get(event.centre or "")
    return centre.short_name if centre else ""


def _may_edit(member: StaffMember, event: Event) -> bool:
    """Staff of a region edit their region's events; nationwide ones need every region."""
    return member.region is None or event.region == member.region


def _fields(event: Event, local: tzinfo) -> EventFields:
    deadline = event.registration_deadline
    return EventFields(
        title=event.title,
        starts_at=event.starts_at.astimezone(local),
        ends_at=event.ends_at.astimezone(local),
        registration_deadline=deadline.astimezone(local) if deadline else None,
        audience=tuple(event.audience) or DEFAULT_AUDIENCE[event.kind],
        competencies=tuple(event.competencies),
        link=event.link,
        description=event.description,
    )


def _values(fields: EventFields) -> dict[str, object]:
    return {
        "title": fields.title,
        "description": fields.description,
        "starts_at": fields.starts_at,
        "ends_at": fields.ends_at,
        "registration_deadline": fields.registration_deadline,
        "audience": list(fields.audience),
        "competencies": list(fields.competencies),
        "link": fields.link,
    }


def _refuse_repeat(
    catalogue: Catalogue, centre_id: str | None, fields: EventFields, own_id: str | None
) -> None:
    """The same title at the same start and centre is the same event sent twice (a double
    tap): the catalogue's validator calls such records repeated names."""
    for event in catalogue.events.values():
        if (
            event.id != own_id
            and event.centre == centre_id
            and event.starts_at == fields.starts_at
            and event.title.casefold() == fields.title.casefold()
        ):
            raise DomainError("event-form-repeat")
