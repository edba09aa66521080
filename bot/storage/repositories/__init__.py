"""SQLAlchemy implementations of the repository interfaces, one module per entity. They add
and flush; never commit: the unit of work's owner (a use case) does."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.repositories.activity import SqlActivityRepository
from bot.storage.repositories.analytics import (
    SqlAnalyticsRepository,
    SqlCatalogueGapRepository,
    SqlExportLogRepository,
)
from bot.storage.repositories.bookings import SqlBookingRepository, SqlWaitlistRepository
from bot.storage.repositories.broadcasts import SqlBroadcastRepository
from bot.storage.repositories.catalogue import SqlCatalogueRepository
from bot.storage.repositories.catalogue_imports import SqlCatalogueImportRepository
from bot.storage.repositories.consents import SqlConsentRepository
from bot.storage.repositories.consultations import SqlConsultationRepository
from bot.storage.repositories.feedback import SqlFeedbackRepository
from bot.storage.repositories.leases import SqlLeaseRepository
from bot.storage.repositories.personal_data import SqlPersonalDataRepository
from bot.storage.repositories.reminders import SqlReminderRepository
from bot.storage.repositories.staff_grants import SqlEventEditRepository, SqlStaffGrantRepository
from bot.storage.repositories.subscriptions import SqlSubscriptionRepository
from bot.storage.repositories.users import SqlUserRepository

__all__ = [
    "SqlActivityRepository",
    "SqlAnalyticsRepository",
    "SqlBookingRepository",
    "SqlBroadcastRepository",
    "SqlCatalogueGapRepository",
    "SqlCatalogueImportRepository",
    "SqlCatalogueRepository",
    "SqlConsentRepository",
    "SqlConsultationRepository",
    "SqlEventEditRepository",
    "SqlExportLogRepository",
    "SqlFeedbackRepository",
    "SqlLeaseRepository",
    "SqlPersonalDataRepository",
    "SqlReminderRepository",
    "SqlStaffGrantRepository",
    "SqlSubscriptionRepository",
    "SqlUnitOfWork",
    "SqlUserRepository",
    "SqlWaitlistRepository",
]


class SqlUnitOfWork:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.users = SqlUserRepository(session)
        self.consents = SqlConsentRepository(session)
        self.feedback = SqlFeedbackRepository(session)
        self.consultations = SqlConsultationRepository(session)
        self.catalogue = SqlCatalogueRepository(session)
        self.personal_data = SqlPersonalDataRepository(session, self.users.forget_known)
        self.bookings = SqlBookingRepository(session)
        self.waitlist = SqlWaitlistRepository(session)
        self.reminders = SqlReminderRepository(session)
        self.leases = SqlLeaseRepository(session)
        self.broadcasts = SqlBroadcastRepository(session)
        self.subscriptions = SqlSubscriptionRepository(session)
        self.staff_grants = SqlStaffGrantRepository(session)
        self.event_edits = SqlEventEditRepository(session)
        self.activity = SqlActivityRepository(session)
        self.analytics = SqlAnalyticsRepository(session)
        self.gaps = SqlCatalogueGapRepository(session)
        self.exports = SqlExportLogRepository(session)
        self.catalogue_imports = SqlCatalogueImportRepository(session)

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()
        self.users.forget_known()
