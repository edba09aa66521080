"""Onboarding answers: who the user is, region, interests, the interest quiz, deep links."""

from __future__ import annotations

from bot.services.clock import Clock, utc_now
from bot.services.knowledge_base import KnowledgeSource
from bot.services.ports import UnitOfWork


class ProfileService:
    def __init__(self, uow: UnitOfWork, knowledge: KnowledgeSource, clock: Clock = utc_now) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._clock = clock
