"""Staff broadcasts, the staff member's side: check the message, choose who gets it, see it
as recipients will, start it, and pause, resume or cancel it.

Starting writes the broadcast and one delivery per recipient in one transaction; the
scheduler's sender (bot.services.broadcasts.sender) does the sending. Staff rights are asked
at every step (bot.services.staff), so rights revoked mid-compose stop the confirm too."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from bot.services.broadcasts.content import (
    Draft,
    DraftButton,
    callback_button,
    checked_url,
    compose,
    entity_data,
    link_button,
    outgoing,
)
from bot.services.broadcasts.progress import (
    STARS_PER_PAID_MESSAGE,
    BroadcastTexts,
    Progress,
    eta,
    progress_of,
)
from bot.services.clock import Clock, utc_now
from bot.services.errors import DomainError
from bot.services.knowledge_base import KnowledgeSource
from bot.services.messaging import Notifier, TextEntity
from bot.services.people import Role
from bot.services.ports import (
    BROADCAST_CANCELLED,
    BROADCAST_PAUSED,
    BROADCAST_SENDING,
    BroadcastRecord,
    NewBroadcast,
    Segment,
    UnitOfWork,
)
from bot.services.profiles import INTERESTS
from bot.services.staff import StaffMember, StaffPolicy, StaffRole

# A forged or stale staff button, or a step taken after staff rights were revoked: the
# same answer as for any button that means nothing.
REFUSAL = "button-outdated"
EVENT_CHOICES = 8  # events offered for one search


@dataclass(frozen=True, slots=True)
class BroadcastPolicy:
    """The pace of sending (shared with reminders) and the optional paid mode."""

    per_second: float = 25.0
    paid: bool = False
    paid_per_second: float = 1000.0
    # Paid mode is used for a broadcast only while it costs at most this many Stars.
    paid_budget_stars: float = 0.0

    def stars(self, recipients: int) -> float:
        return round(recipients * STARS_PER_PAID_MESSAGE, 1)

    def paid_for(self, recipients: int) -> bool:
        return self.paid and self.stars(recipients) <= self.paid_budget_stars

    def per_second_for(self, paid: bool) -> float:
        return self.paid_per_second if paid else self.per_second


@dataclass(frozen=True, slots=True)
class RegionChoice:
    code: str
    name: str
    name_en: str
    users: int


@dataclass(frozen=True, slots=True)
class Audience:
    segment: Segment  # as it applies: a region-bound staff member's region is forced
    count: int
    regions: tuple[RegionChoice, ...]  # regions of the other filters' users, most first
    own_region: RegionChoice | None  # a region-bound staff member reaches only theirs


@dataclass(frozen=True, slots=True)
class Preview:
    count: int
    paid: bool
    stars: float
    eta_seconds: int | None
    paid_refused: bool  # paid mode is on, but this broadcast would cost over the budget


@dataclass(frozen=True, slots=True)
class EventChoice:
    id: str
    title: str
    starts_at: datetime


class BroadcastService:
    def __init__(
        self,
        uow: UnitOfWork,
        knowledge: KnowledgeSource,
        notifier: Notifier,
        texts: BroadcastTexts,
        staff: StaffPolicy,
        policy: BroadcastPolicy,
        clock: Clock = utc_now,
    ) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._notifier = notifier
        self._texts = texts
        self._staff = staff
        self._policy = policy
        self._clock = clock

    def member(self, staff_id: int) -> StaffMember:
        return self._staff.require_staff(staff_id, REFUSAL)

    def check(
        self,
        staff_id: int,
        kind: str | None,
        text: str,
        entities: Sequence[TextEntity],
        file_id: str | None = None,
    ) -> Draft:
        """The staff member's message as a draft, or why it cannot be sent as it is."""
        self.member(staff_id)
        return compose(kind, text, tuple(entities), file_id)

    async def events(self, staff_id: int, words: str) -> list[EventChoice]:
        """Events not yet over whose title holds the words (or whose id is the words), for
        a button to the event's card; a region-bound staff member sees theirs and nationwide."""
        member = self.member(staff_id)
        query = " ".join(words.lower().split())
        if not query:
            return []
        catalogue = (await self._knowledge.get()).catalogue
        now = self._clock()
        found = [
            event
            for event in catalogue.events.values()
            if event.ends_at >= now
            and (member.region is None or event.region in (None, member.region))
            and (query == event.id.lower() or query in event.title.lower())
        ]
        found.sort(key=lambda event: (event.starts_at, event.id))
        return [EventChoice(e.id, e.title, e.starts_at) for e in found[:EVENT_CHOICES]]

    def check_url(self, staff_id: int, url: str) -> str:
        self.member(staff_id)
        return checked_url(url)

    def link_button(self, staff_id: int, label: str, url: str) -> DraftButton:
        self.member(staff_id)
        return link_button(label, url)

    def event_button(self, staff_id: int, label: str, data: str) -> DraftButton:
        self.member(staff_id)
        return callback_button(label, data)

    async def audience(self, staff_id: int, segment: Segment) -> Audience:
        member = self.member(staff_id)
        applied = self._applied(member, segment)
        count = await self._uow.broadcasts.count_segment(applied)
        # A region-bound staff member is not shown how many people other regions have.
        regions = (
            await self._uow.broadcasts.segment_regions(applied) if member.region is None else []
        )
        await self._uow.commit()  # ends the read: nothing holds the connection meanwhile
        catalogue = (await self._knowledge.get()).catalogue
        choices = []
        for code, users in regions:
            region = catalogue.regions.get(code)
            if region is not None:
                choices.append(RegionChoice(code, region.name, region.name_en, users))
        own = None
        if member.region is not None:
            region = catalogue.regions.get(member.region)
            own = RegionChoice(
                member.region,
                region.name if region else member.region,
                region.name_en if region else "",
                count,
            )
        return Audience(applied, count, tuple(choices), own)

    async def preview(self, staff_id: int, draft: Draft, segment: Segment) -> Preview:
        """Sends the staff member the message exactly as recipients will get it."""
        member = self.member(staff_id)
        count = await self._uow.broadcasts.count_segment(self._applied(member, segment))
        await self._uow.commit()
        if count == 0:
            raise DomainError("broadcast-nobody")
        shown = await self._notifier.to_chat(staff_id, outgoing(draft))
        if not shown.delivered:
            raise DomainError("broadcast-preview-failed")
        paid = self._policy.paid_for(count)
        return Preview(
            count=count,
            paid=paid,
            stars=self._policy.stars(count),
            eta_seconds=eta(count, self._policy.per_second_for(paid)),
            paid_refused=self._policy.paid and not paid,
        )

    async def start(self, staff_id: int, draft: Draft, segment: Segment) -> Progress:
        """The broadcast and its deliveries, written together; then the progress message."""
        member = self.member(staff_id)
        applied = self._applied(member, segment)
        count = await self._uow.broadcasts.count_segment(applied)
        button = draft.button
        record = await self._uow.broadcasts.create(
            NewBroadcast(
                author_id=staff_id,
                kind=draft.kind,
                text=draft.text,
                entities=[entity_data(entity) for entity in draft.entities],
                file_id=draft.file_id,
                button_text=button.text if button else None,
                button_url=(button.url or None) if button else None,
                button_data=(button.data or None) if button else None,
                segment=applied,
                paid=self._policy.paid_for(count),
            ),
            self._clock(),
        )
        if record.total == 0:
            await self._uow.rollback()
            raise DomainError("broadcast-nobody")
        await self._uow.commit()
        progress = progress_of(
            record, {"pending": record.total}, per_second=self._per_second(record)
        )
        shown = await self._notifier.to_chat(staff_id, self._texts.progress(progress))
        if shown.message_id is not None:
            await self._uow.broadcasts.set_progress_message(record.id, staff_id, shown.message_id)
            await self._uow.commit()
        return progress

    async def pause(self, staff_id: int, broadcast_id: int) -> Progress:
        return await self._move(staff_id, broadcast_id, BROADCAST_PAUSED, (BROADCAST_SENDING,))

    async def resume(self, staff_id: int, broadcast_id: int) -> Progress:
        return await self._move(staff_id, broadcast_id, BROADCAST_SENDING, (BROADCAST_PAUSED,))

    async def cancel(self, staff_id: int, broadcast_id: int) -> Progress:
        """Nobody who has not been handed to Telegram yet gets it; the one a sender is
        handing over right now still arrives."""
        record = await self._own(staff_id, broadcast_id)
        now = self._clock()
        if await self._uow.broadcasts.set_status(
            record.id, BROADCAST_CANCELLED, now, was=(BROADCAST_SENDING, BROADCAST_PAUSED)
        ):
            await self._uow.broadcasts.cancel_open(record.id)
        await self._uow.commit()
        return await self._progress(record.id)

    async def progress(self, staff_id: int, broadcast_id: int) -> Progress:
        record = await self._own(staff_id, broadcast_id)
        return await self._progress(record.id)

    async def _move(
        self, staff_id: int, broadcast_id: int, status: str, was: tuple[str, ...]
    ) -> Progress:
        record = await self._own(staff_id, broadcast_id)
        await self._uow.broadcasts.set_status(record.id, status, self._clock(), was=was)
        await self._uow.commit()
        return await self._progress(record.id)

    async def _own(self, staff_id: int, broadcast_id: int) -> BroadcastRecord:
        """The broadcast, if this staff member sent it or is an admin."""
        member = self.member(staff_id)
        record = await self._uow.broadcasts.get(broadcast_id)
        if record is None or (record.author_id != staff_id and member.role is not StaffRole.ADMIN):
            raise DomainError(REFUSAL)
        return record

    async def _progress(self, broadcast_id: int) -> Progress:
        record = await self._uow.broadcasts.get(broadcast_id)
        if record is None:
            raise DomainError(REFUSAL)
        counts = await self._uow.broadcasts.counts(broadcast_id)
        retry_at = await self._uow.broadcasts.next_retry(broadcast_id)
        await self._uow.commit()
        return progress_of(record, counts, per_second=self._per_second(record), retry_at=retry_at)

    def _per_second(self, record: BroadcastRecord) -> float:
        return self._policy.per_second_for(record.paid)

    def _applied(self, member: StaffMember, segment: Segment) -> Segment:
        """The segment with unknown values left out; a region-bound staff member's region."""
        roles = tuple(r for r in segment.roles if r in tuple(Role))
        interests = tuple(i for i in segment.interests if i in INTERESTS)
        regions = (member.region,) if member.region is not None else segment.regions
        return replace(segment, roles=roles, interests=interests, regions=regions)
