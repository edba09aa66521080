"""Consultation requests: the user asks, staff see it in their chat and mark it handled."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from pydantic import BaseModel

from bot.services.clock import Clock, utc_now
from bot.services.consent import MAILING, require_consent
from bot.services.errors import DomainError, NotFoundError
from bot.services.knowledge_base import KnowledgeSource
from bot.services.messaging import Notifier, Outgoing
from bot.services.ports import (
    HANDLED,
    WITHDRAWN,
    ConsultationRecord,
    UnitOfWork,
    UserRecord,
)
from bot.services.privacy import UserSummary, summarise_user
from bot.services.staff import StaffPolicy
from bot.services.text import visible_text
from bot.services.timezones import FALLBACK_TIMEZONE, zone, zone_name
from knowledge import Catalogue

log = logging.getLogger(__name__)

TOPIC_LIMIT = 300
PHONE_LIMIT = 32  # the column width; Telegram's numbers are far shorter


@dataclass(frozen=True, slots=True)
class RequestDraft:
    """What the request will be about; no item when the user asks in general."""

    item_id: str | None
    item_title: str | None


@dataclass(frozen=True, slots=True)
class RequestCard:
    """Everything staff need to see about one request, resolved from the catalogue."""

    request: ConsultationRecord
    item_title: str | None
    centre_name: str | None
    timezone: str  # the centre's, else the user's, else the deployment default
    user: UserSummary | None  # None once the user asked us to forget them
    user_language: str | None

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(zone(self.timezone))


class ConsultationTexts(Protocol):
    """What staff and users read about a request; the edge writes it in their language."""

    def staff_card(self, card: RequestCard, requester: str | None) -> Outgoing: ...
    def staff_card_withdrawn(self, card: RequestCard) -> Outgoing: ...
    def staff_card_handled(self, card: RequestCard, shown: str | None, staff: str) -> Outgoing:
        """`shown` is the card as staff see it now (it names the requester)."""
        ...

    def request_taken(self, card: RequestCard) -> Outgoing: ...
    def staff_card_erased(self, request_id: int) -> Outgoing:
        """The card once the user asked us to forget them: no personal data left on it."""
        ...


@dataclass(frozen=True, slots=True)
class SubmitOutcome:
    card: RequestCard
    delivered: bool
    duplicate: bool = False  # the same topic was already open: nothing new was posted


@dataclass(frozen=True, slots=True)
class WithdrawOutcome:
    card: RequestCard
    still_open: list[ConsultationRecord]


def item_title(catalogue: Catalogue, item_id: str) -> str | None:
    """A short human title of any catalogue item a button can point at."""
    for kind in ("professions", "programmes", "centres", "events", "competencies", "faq"):
        entity: BaseModel | None = catalogue.by_kind(kind).get(item_id)
        if entity is None:
            continue
        for attribute in ("title", "short_name", "name", "question"):
            value = getattr(entity, attribute, None)
            if isinstance(value, str) and value:
                return value
    return None


def _item_centre(catalogue: Catalogue, item_id: str | None) -> str | None:
    if item_id is None:
        return None
    if item_id in catalogue.centres:
        return item_id
    programme = catalogue.programmes.get(item_id)
    if programme is not None:
        return programme.centre
    event = catalogue.events.get(item_id)
    return event.centre if event is not None else None


@dataclass(frozen=True, slots=True)
class ProfileOverview:
    """What /profile shows: the answers, the two switches and the open requests."""

    summary: UserSummary
    notifications: bool
    mailing: bool
    open_requests: list[ConsultationRecord]


class ConsultationService:
    def __init__(
        self,
        uow: UnitOfWork,
        knowledge: KnowledgeSource,
        notifier: Notifier,
        texts: ConsultationTexts,
        staff: StaffPolicy,
        *,
        staff_chat_id: int | None,
        default_timezone: str = FALLBACK_TIMEZONE,
        clock: Clock = utc_now,
    ) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._notifier = notifier
        self._texts = texts
        self._staff = staff
        self._staff_chat_id = staff_chat_id
        self._default_timezone = default_timezone
        self._clock = clock

    async def _require_consent(self, user_id: int) -> UserRecord:
        return await require_consent(self._uow, user_id)

    async def start_request(self, user_id: int, reference: str) -> RequestDraft:
        """Begin a request from a button: `reference` is a short catalogue ref or empty."""
        await self._require_consent(user_id)
        if not reference:
            return RequestDraft(item_id=None, item_title=None)
        knowledge = await self._knowledge.get()
        item_id = knowledge.resolve(reference)
        title = item_title(knowledge.catalogue, item_id) if item_id else None
        if item_id is None or title is None:
            raise NotFoundError("consultation-item-unknown")
        return RequestDraft(item_id=item_id, item_title=title)

    async def submit(
        self,
        user_id: int,
        topic: str,
        item_id: str | None,
        phone: str | None,
        *,
        requester: str | None = None,
    ) -> SubmitOutcome:
        """Store the request, then post it to the staff chat. `requester` is the name the
        user shows in Telegram, for the staff card only (it is not stored)."""
        user = await self._require_consent(user_id)
        topic = visible_text(topic)
        if not topic:
            raise DomainError("consultation-topic-empty")
        if len(topic) > TOPIC_LIMIT:
            raise DomainError("consultation-topic-too-long", limit=TOPIC_LIMIT)
        knowledge = await self._knowledge.get()
        catalogue = knowledge.catalogue
        if item_id is not None and item_title(catalogue, item_id) is None:
            item_id = None  # the catalogue changed under the dialog; keep the topic
        centre = self._pick_centre(catalogue, user, item_id)
        record, created = await self._uow.consultations.add_unless_open(
            user_id=user_id,
            topic=topic,
            item_id=item_id,
            centre=centre,
            phone=phone.strip()[:PHONE_LIMIT] if phone else None,
            now=self._clock(),
        )
        # Commit before talking to Telegram: a failed post must never lose the request.
        await self._uow.commit()
        card = self._card(catalogue, record, user)
        if not created:
            return SubmitOutcome(
                card=card, delivered=record.staff_message_id is not None, duplicate=True
            )
        if self._staff_chat_id is None:
            log.warning(
                "STAFF__STAFF_CHAT_ID is not set: request %s waits in the database", record.id
            )
            return SubmitOutcome(card=card, delivered=False)
        posted = await self._notifier.to_chat(
            self._staff_chat_id, self._texts.staff_card(card, requester)
        )
        if not posted.delivered or posted.message_id is None:
            log.warning("consultation request %s was stored but not posted to staff", record.id)
            return SubmitOutcome(card=card, delivered=False)
        await self._uow.consultations.attach_staff_message(
            record.id, self._staff_chat_id, posted.message_id
        )
        await self._uow.commit()
        stored = await self._uow.consultations.get(record.id)
        return SubmitOutcome(card=self._card(catalogue, stored or record, user), delivered=True)

    async def mark_handled(
        self,
        request_id: int,
        staff_id: int,
        *,
        staff_name: str,
        shown: str | None = None,
    ) -> RequestCard:
        """Staff take a request: the staff card says who took it, and the user is told."""
        self._staff.require_staff(staff_id, "consultation-staff-only")
        if not await self._uow.consultations.mark_handled(request_id, staff_id, self._clock()):
            # Lost a race or a stale button: say what happened to the request.
            record = await self._uow.consultations.get(request_id)
            if record is None:
                raise NotFoundError("consultation-not-found")
            if record.status == WITHDRAWN:
                raise DomainError("consultation-was-withdrawn")
            raise DomainError("consultation-already-handled")
        await self._uow.commit()
        card = await self._card_for(request_id)
        await self._update_staff_card(card, self._texts.staff_card_handled(card, shown, staff_name))
        await self._notifier.to_user(
            card.request.user_id, self._texts.request_taken(card), unless_muted=True
        )
        return card

    async def withdraw(self, user_id: int, request_id: int) -> WithdrawOutcome:
        """The user takes a request back; the staff card says so."""
        if not await self._uow.consultations.withdraw(request_id, user_id):
            record = await self._uow.consultations.get(request_id)
            if record is None or record.user_id != user_id:
                # Someone else's request looks exactly like a missing one: ids are not a
                # secret worth confirming.
                raise NotFoundError("consultation-not-found")
            if record.status == HANDLED:
                raise DomainError("consultation-already-taken")
            raise DomainError("consultation-already-withdrawn")
        await self._uow.commit()
        card = await self._card_for(request_id)
        await self._update_staff_card(card, self._texts.staff_card_withdrawn(card))
        still_open = await self._uow.consultations.list_for(user_id, open_only=True)
        return WithdrawOutcome(card=card, still_open=still_open)

    async def open_requests(self, user_id: int) -> list[ConsultationRecord]:
        await self._require_consent(user_id)
        return await self._uow.consultations.list_for(user_id, open_only=True)

    async def overview(self, user_id: int) -> ProfileOverview:
        """/profile: it lives here because requests are its main moving part and the region
        name needs the catalogue."""
        user = await self._require_consent(user_id)
        knowledge = await self._knowledge.get()
        return ProfileOverview(
            summary=summarise_user(user, knowledge.catalogue),
            notifications=user.notifications,
            mailing=await self._uow.consents.active(user_id, MAILING) is not None,
            open_requests=await self._uow.consultations.list_for(user_id, open_only=True),
        )

    async def _update_staff_card(self, card: RequestCard, message: Outgoing) -> None:
        request = card.request
        if request.staff_chat_id is not None and request.staff_message_id is not None:
            await self._notifier.edit(request.staff_chat_id, request.staff_message_id, message)

    async def _card_for(self, request_id: int) -> RequestCard:
        record = await self._uow.consultations.get(request_id)
        if record is None:
            raise NotFoundError("consultation-not-found")
        user = await self._uow.users.get(record.user_id)
        knowledge = await self._knowledge.get()
        return self._card(knowledge.catalogue, record, user)

    @staticmethod
    def _pick_centre(catalogue: Catalogue, user: UserRecord, item_id: str | None) -> str | None:
        # The user's own choice first, then the centre of their region (they can get there),
        # then the centre the item belongs to.
        if user.centre and user.centre in catalogue.centres:
            return user.centre
        if user.region:
            centres = catalogue.centres_in_region(user.region)
            if centres:
                return centres[0].id
        return _item_centre(catalogue, item_id)

    def _card(
        self, catalogue: Catalogue, record: ConsultationRecord, user: UserRecord | None
    ) -> RequestCard:
        centre = catalogue.centres.get(record.centre) if record.centre else None
        timezone = zone_name(
            centre.timezone if centre else None,
            user.timezone if user else None,
            self._default_timezone,
        )
        return RequestCard(
            request=record,
            item_title=item_title(catalogue, record.item_id) if record.item_id else None,
            centre_name=centre.short_name if centre else None,
            timezone=timezone,
            user=summarise_user(user, catalogue) if user else None,
            user_language=user.language if user else None,
        )
