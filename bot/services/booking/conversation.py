"""Staff and a user talk through the bot about one booking, call-back request or waitlist
entry: staff write, the user reads it under the centre's name and can answer, and the answer
comes back to the desk (the staff chat, or each staff member of the centre's region when
there is none). Nothing of the texts is stored; the booking's history notes that they talked.

A subject is («b», booking id), («r», request id) or («w», waitlist entry id). Staff reach
only subjects of their centres; a user only their own, whatever a forged button says."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.services.clock import Clock, utc_now
from bot.services.errors import DomainError, NotFoundError
from bot.services.knowledge_base import KnowledgeSource
from bot.services.messaging import Notifier, Outgoing
from bot.services.ports import UnitOfWork
from bot.services.staff import StaffPolicy
from bot.services.text import visible_text

BOOKING, REQUEST, WAITLIST = "b", "r", "w"
SUBJECT_KINDS = (BOOKING, REQUEST, WAITLIST)
MESSAGE_LIMIT = 3000  # leaves room for the heading within Telegram's 4096


@dataclass(frozen=True, slots=True)
class Subject:
    kind: str
    id: int
    user_id: int
    centre: str | None
    centre_name: str


class ConversationTexts(Protocol):
    def to_user(self, subject: Subject, text: str, language: str | None) -> Outgoing: ...
    def to_staff(self, subject: Subject, text: str) -> Outgoing: ...


class Conversation:
    def __init__(
        self,
        uow: UnitOfWork,
        knowledge: KnowledgeSource,
        notifier: Notifier,
        texts: ConversationTexts,
        staff: StaffPolicy,
        *,
        staff_chat_id: int | None,
        clock: Clock = utc_now,
    ) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._notifier = notifier
        self._texts = texts
        self._staff = staff
        self._staff_chat_id = staff_chat_id
        self._clock = clock

    async def staff_subject(self, staff_id: int, kind: str, subject_id: int) -> Subject:
        """The subject staff may write about: one of their region's centres, or, for staff
        of every region, also a request with no centre."""
        member = self._staff.require_staff(staff_id, "staff-only")
        subject = await self._subject(kind, subject_id)
        catalogue = (await self._knowledge.get()).catalogue
        centre = catalogue.centres.get(subject.centre or "")
        if member.region is not None and (centre is None or centre.region != member.region):
            raise NotFoundError("desk-subject-gone")
        return subject

    async def user_subject(self, user_id: int, kind: str, subject_id: int) -> Subject:
        subject = await self._subject(kind, subject_id)
        if subject.user_id != user_id:
            raise NotFoundError("desk-subject-gone")
        return subject

    async def write_to_user(self, staff_id: int, kind: str, subject_id: int, text: str) -> bool:
        """True when Telegram took the message (False: the user blocked the bot)."""
        subject = await self.staff_subject(staff_id, kind, subject_id)
        text = _checked(text)
        user = await self._uow.users.get(subject.user_id)
        if user is None:
            raise NotFoundError("desk-subject-gone")
        delivery = await self._notifier.to_user(
            subject.user_id, self._texts.to_user(subject, text, user.language)
        )
        await self._note(subject, "staff_wrote", staff_id)
        return delivery.delivered

    async def answer_centre(self, user_id: int, kind: str, subject_id: int, text: str) -> None:
        subject = await self.user_subject(user_id, kind, subject_id)
        message = self._texts.to_staff(subject, _checked(text))
        await self._note(subject, "user_answered", user_id)
        if self._staff_chat_id is not None:
            posted = await self._notifier.to_chat(self._staff_chat_id, message)
            if posted.delivered:
                return
        # No staff chat, or it refused: each staff member who serves the centre reads it.
        region = await self._region(subject.centre)
        for member_id in sorted(self._staff.admin_ids | self._staff.staff_ids):
            member = self._staff.member(member_id)
            if member is not None and member.region in (None, region):
                await self._notifier.to_chat(member_id, message)

    async def _subject(self, kind: str, subject_id: int) -> Subject:
        user_id: int | None = None
        centre: str | None = None
        if kind == BOOKING:
            booking = await self._uow.bookings.get(subject_id)
            if booking is not None:
                user_id, centre = booking.user_id, booking.centre
        elif kind == REQUEST:
            request = await self._uow.consultations.get(subject_id)
            if request is not None:
                user_id, centre = request.user_id, request.centre
        elif kind == WAITLIST:
            entry = await self._uow.waitlist.get(subject_id)
            if entry is not None:
                user_id, centre = entry.user_id, entry.centre
        if user_id is None:
            raise NotFoundError("desk-subject-gone")
        catalogue = (await self._knowledge.get()).catalogue
        found = catalogue.centres.get(centre or "")
        return Subject(kind, subject_id, user_id, centre, found.short_name if found else "")

    async def _region(self, centre_id: str | None) -> str | None:
        catalogue = (await self._knowledge.get()).catalogue
        centre = catalogue.centres.get(centre_id or "")
        return centre.region if centre else None

    async def _note(self, subject: Subject, action: str, actor: int) -> None:
        if subject.kind == BOOKING:
            await self._uow.bookings.add_history(subject.id, action, actor, self._clock())
            await self._uow.commit()


def _checked(text: str) -> str:
    if not visible_text(text):
        raise DomainError("desk-message-empty")
    # Line breaks stay: a message to a person may have paragraphs.
    text = "\n".join(line.rstrip() for line in text.strip().splitlines())
    if len(text) > MESSAGE_LIMIT:
        raise DomainError("desk-message-too-long", limit=MESSAGE_LIMIT, count=len(text))
    return text
