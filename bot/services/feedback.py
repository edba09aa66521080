"""Votes on suggestions: 👍, 👎 and «не подходит», which hides an item from the user for good."""

from __future__ import annotations

from bot.services.catalogue_rules import resolve_reference
from bot.services.clock import Clock, utc_now
from bot.services.consent import require_consent
from bot.services.errors import DomainError
from bot.services.knowledge_base import KnowledgeBase, KnowledgeSource
from bot.services.ports import UnitOfWork

UNFIT_REASONS = ("boring", "physical", "far", "other")


class FeedbackService:
    def __init__(self, uow: UnitOfWork, knowledge: KnowledgeSource, clock: Clock = utc_now) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._clock = clock

    async def vote(self, user_id: int, reference: str, vote: int) -> str:
        """👍 (+1) or 👎 (-1) on an item; returns its title. A repeat just stays as it is."""
        return await self._store_vote(user_id, reference, 1 if vote > 0 else -1, None)

    async def mark_unfit(self, user_id: int, reference: str, reason: str | None = None) -> str:
        """«Не подходит»: the item is never suggested to this user again; returns its title."""
        if reason is not None and reason not in UNFIT_REASONS:
            raise DomainError("button-outdated")
        return await self._store_vote(user_id, reference, -1, reason)

    async def _store_vote(self, user_id: int, reference: str, vote: int, reason: str | None) -> str:
        knowledge = await self._knowledge.get()
        item_id = resolve_reference(knowledge, reference)
        title = _title_of(knowledge, item_id)
        if title is None:
            raise DomainError("button-outdated")
        await require_consent(self._uow, user_id)
        await self._uow.feedback.set_vote(user_id, item_id, vote, reason, self._clock())
        await self._uow.commit()
        return title


def _title_of(knowledge: KnowledgeBase, item_id: str) -> str | None:
    # Only professions and programmes are suggested, so only they carry vote buttons.
    catalogue = knowledge.catalogue
    for mapping in (catalogue.professions, catalogue.programmes):
        entity = mapping.get(item_id)
        if entity is not None:
            return entity.title
    return None
