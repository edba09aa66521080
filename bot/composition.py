"""The one place that builds a unit of work and the use cases over it.

The dispatcher's middleware builds them per update, and a worker or a CLI command builds
them per job with the same function, so no use case is ever wired by hand elsewhere."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.accounts import AccountService
from bot.services.cards import CardService
from bot.services.clock import Clock
from bot.services.consultations import ConsultationService
from bot.services.feedback import FeedbackService
from bot.services.knowledge_base import KnowledgeSource
from bot.services.privacy import PrivacyService
from bot.services.profiles import ProfileService
from bot.services.questions import QuestionService
from bot.services.recommendations import RecommendationService
from bot.services.staff_stats import StaffStatsService
from bot.storage.repositories import SqlUnitOfWork


@dataclass(frozen=True, slots=True)
class UseCases:
    uow: SqlUnitOfWork
    accounts: AccountService
    profiles: ProfileService
    recommendations: RecommendationService
    cards: CardService
    feedback: FeedbackService
    questions: QuestionService
    consultations: ConsultationService
    privacy: PrivacyService
    staff_stats: StaffStatsService


def build_use_cases(session: AsyncSession, knowledge: KnowledgeSource, clock: Clock) -> UseCases:
    uow = SqlUnitOfWork(session)
    return UseCases(
        uow=uow,
        accounts=AccountService(uow, clock),
        profiles=ProfileService(uow, knowledge, clock),
        recommendations=RecommendationService(uow, knowledge, clock),
        cards=CardService(uow, knowledge, clock),
        feedback=FeedbackService(uow, knowledge, clock),
        questions=QuestionService(uow, knowledge, clock),
        consultations=ConsultationService(uow, knowledge, clock),
        privacy=PrivacyService(uow, clock),
        staff_stats=StaffStatsService(uow, knowledge),
    )
