"""The one place that builds a unit of work and the use cases over it, given the settings,
the knowledge base, a Messenger, the texts of notifications and a clock.

The dispatcher's middleware builds them per update, and a worker or a CLI command builds
them per job with the same function, so no use case is ever wired by hand elsewhere."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.services.accounts import AccountService
from bot.services.analytics.service import AnalyticsService, CatalogueSource
from bot.services.booking.conversation import Conversation
from bot.services.booking.desk import StaffDesk
from bot.services.booking.reminders import BookingReminders
from bot.services.booking.service import BookingService
from bot.services.broadcasts import BroadcastSender, BroadcastService
from bot.services.cards import CardService
from bot.services.catalogue_admin import CatalogueAdmin, CatalogueExport
from bot.services.catalogue_imports import CatalogueImports
from bot.services.clock import Clock, utc_now
from bot.services.consultations import ConsultationService, ConsultationTexts
from bot.services.event_editor import EventEditor
from bot.services.events import EventService
from bot.services.feedback import FeedbackService
from bot.services.knowledge_base import KnowledgeSource
from bot.services.leases import LeaseService
from bot.services.messaging import Messenger, Notifier
from bot.services.onboarding import OnboardingService
from bot.services.pacing import SendPace
from bot.services.ports import UnitOfWork
from bot.services.privacy import PrivacyService
from bot.services.profiles import ProfileService
from bot.services.questions import QuestionService
from bot.services.recommendations import RecommendationService
from bot.services.reminders import ReminderContent, ReminderService
from bot.services.staff import StaffPolicy
from bot.services.staff_admin import StaffAdmin, StaffRoster
from bot.services.staff_stats import StaffStatsService
from bot.services.subscriptions import SubscriptionReminders, SubscriptionService
from bot.storage.repositories import SqlStaffGrantRepository, SqlUnitOfWork
from bot.ui.booking import BookingMessages
from bot.ui.broadcast import BroadcastMessages
from bot.ui.desk import ConversationMessages
from bot.ui.staff_admin import StaffAdminMessages
from bot.ui.subscriptions import SubscriptionMessages
from knowledge import Catalogue, ImportLimits


@dataclass(frozen=True, slots=True)
class UseCases:
    uow: SqlUnitOfWork
    accounts: AccountService
    profiles: ProfileService
    onboarding: OnboardingService
    recommendations: RecommendationService
    cards: CardService
    feedback: FeedbackService
    questions: QuestionService
    consultations: ConsultationService
    privacy: PrivacyService
    staff_stats: StaffStatsService
    catalogue_export: CatalogueExport
    bookings: BookingService
    desk: StaffDesk
    events: EventService
    conversation: Conversation
    broadcasts: BroadcastService
    subscriptions: SubscriptionService
    staff_admin: StaffAdmin
    event_editor: EventEditor
    catalogue_imports: CatalogueImports


async def staff_policy(
    session: AsyncSession, settings: Settings, roster: StaffRoster
) -> StaffPolicy:
    """Who is staff in this update: settings and the rights granted in the bot, the grants
    read through the process's roster (at most one small query, when its copy is stale)."""
    return await roster.policy(settings.staff.policy(), SqlStaffGrantRepository(session))


def build_use_cases(
    session: AsyncSession,
    settings: Settings,
    knowledge: KnowledgeSource,
    messenger: Messenger,
    texts: ConsultationTexts,
    clock: Clock,
    *,
    staff: StaffPolicy | None = None,
    roster: StaffRoster | None = None,
) -> UseCases:
    """`staff`: the update's policy (`staff_policy`); settings alone when not given (the
    CLI, benchmarks). `roster`: told when an admin grants or revokes rights here."""
    uow = SqlUnitOfWork(session)
    notifier = Notifier(uow, messenger)
    if staff is None:
        staff = settings.staff.policy()
    profiles = ProfileService(uow, knowledge, clock)
    notices = booking_messages(settings)
    bookings = BookingService(
        uow,
        knowledge,
        notifier,
        notices,
        staff,
        policy=settings.booking.policy(),
        staff_chat_id=settings.staff.staff_chat_id,
        default_timezone=settings.default_timezone,
        clock=clock,
    )
    return UseCases(
        uow=uow,
        accounts=AccountService(uow, clock),
        profiles=profiles,
        onboarding=OnboardingService(profiles),
        recommendations=RecommendationService(uow, knowledge, clock),
        cards=CardService(uow, knowledge, clock),
        feedback=FeedbackService(uow, knowledge, clock),
        questions=QuestionService(uow, knowledge, clock),
        consultations=ConsultationService(
            uow,
            knowledge,
            notifier,
            texts,
            staff,
            staff_chat_id=settings.staff.staff_chat_id,
            default_timezone=settings.default_timezone,
            clock=clock,
        ),
        privacy=PrivacyService(uow, notifier, texts, clock),
        catalogue_export=CatalogueExport(knowledge, staff),
        staff_stats=StaffStatsService(
            uow, knowledge, staff, AnalyticsService(uow, catalogue_of(knowledge), clock), clock
        ),
        bookings=bookings,
        desk=StaffDesk(
            uow,
            knowledge,
            notifier,
            notices,
            staff,
            bookings,
            default_timezone=settings.default_timezone,
            clock=clock,
        ),
        events=EventService(uow, knowledge, clock),
        conversation=Conversation(
            uow,
            knowledge,
            notifier,
            ConversationMessages(settings.default_language),
            staff,
            staff_chat_id=settings.staff.staff_chat_id,
            clock=clock,
        ),
        broadcasts=BroadcastService(
            uow,
            knowledge,
            notifier,
            broadcast_messages(settings),
            staff,
            settings.broadcast.policy(),
            clock,
        ),
        subscriptions=SubscriptionService(uow, knowledge, clock, settings.default_timezone),
        staff_admin=StaffAdmin(
            uow,
            knowledge,
            notifier,
            StaffAdminMessages(settings.default_language),
            settings.staff.policy(),
            on_change=roster.invalidate if roster is not None else lambda: None,
            clock=clock,
        ),
        event_editor=EventEditor(
            uow, knowledge, staff, clock, refresh_seconds=settings.catalogue_refresh_seconds
        ),
        catalogue_imports=catalogue_imports(uow, settings, knowledge, staff, clock),
    )


def import_limits(settings: Settings) -> ImportLimits:
    """The CATALOGUE_IMPORT__* limits on one staff file, for the bot and the CLI alike."""
    return ImportLimits(**settings.catalogue_import.model_dump())


def catalogue_imports(
    uow: UnitOfWork,
    settings: Settings,
    knowledge: KnowledgeSource,
    staff: StaffPolicy,
    clock: Clock = utc_now,
) -> CatalogueImports:
    return CatalogueImports(
        uow,
        knowledge,
        staff,
        import_limits(settings),
        default_timezone=settings.default_timezone,
        clock=clock,
        refresh_seconds=settings.catalogue_refresh_seconds,
    )


def cli_analytics(
    session: AsyncSession, catalogue: CatalogueSource, clock: Clock = utc_now
) -> AnalyticsService:
    """The analytics alone, for `careerbot stats` (no knowledge base, no messages)."""
    return AnalyticsService(SqlUnitOfWork(session), catalogue, clock)


def catalogue_of(knowledge: KnowledgeSource) -> CatalogueSource:
    """The catalogue the knowledge base serves, for use cases that need no search."""

    async def catalogue() -> Catalogue:
        return (await knowledge.get()).catalogue

    return catalogue


def broadcast_messages(settings: Settings) -> BroadcastMessages:
    return BroadcastMessages(settings.default_language, settings.broadcast.paid_rate_per_second)


def booking_messages(settings: Settings) -> BookingMessages:
    return BookingMessages(
        settings.default_language,
        settings.booking.hold_minutes,
        settings.booking.waitlist_offer_minutes,
    )


def cli_catalogue_imports(session: AsyncSession, settings: Settings) -> CatalogueImports:
    """Imports and rollbacks by the server's operator (`careerbot catalogue …`): logged as
    the bot's are, with no knowledge base to rebuild (running bots notice the change)."""
    return CatalogueImports(
        SqlUnitOfWork(session),
        None,
        settings.staff.policy(),
        import_limits(settings),
        default_timezone=settings.default_timezone,
    )


def catalogue_admin(session: AsyncSession, clock: Clock = utc_now) -> CatalogueAdmin:
    """The catalogue's use case alone: the CLI and the knowledge loader send no messages."""
    return CatalogueAdmin(SqlUnitOfWork(session), clock)


# What each kind of reminder says: given the unit of work of one delivery pass, the knowledge
# base, the settings and the clock, every ReminderContent the sender knows.
ReminderContents = Callable[
    [UnitOfWork, KnowledgeSource, Settings, Clock], Sequence[ReminderContent]
]


def reminder_contents(
    uow: UnitOfWork, knowledge: KnowledgeSource, settings: Settings, clock: Clock
) -> list[ReminderContent]:
    """Register a kind of reminder here: its content reads its subject through `uow` (a
    booking, an event) and renders the message, or drops the reminder. A reminder of a kind
    no content claims is dropped with that reason, never left pending."""
    return [
        BookingReminders(uow, knowledge, booking_messages(settings), settings.default_timezone),
        SubscriptionReminders(
            uow,
            knowledge,
            SubscriptionMessages(settings.default_language),
            settings.default_timezone,
        ),
    ]


def build_reminder_service(
    session: AsyncSession,
    settings: Settings,
    knowledge: KnowledgeSource,
    messenger: Messenger,
    clock: Clock,
    contents: ReminderContents = reminder_contents,
) -> ReminderService:
    """The reminder sender over one session: the scheduler builds one per delivery pass."""
    from bot.logs import safe_traceback

    uow = SqlUnitOfWork(session)
    return ReminderService(
        uow,
        Notifier(uow, messenger),
        contents(uow, knowledge, settings, clock),
        clock,
        batch=settings.scheduler.batch,
        max_attempts=settings.scheduler.max_attempts,
        describe_error=safe_traceback,
    )


def lease_service(session: AsyncSession) -> LeaseService:
    """Leases on the wall clock, whatever clock the rest of the process runs on."""
    return LeaseService(SqlUnitOfWork(session))


def send_pace(settings: Settings) -> SendPace:
    """The one pace of a process that holds the scheduler lease (bot.services.pacing)."""
    return SendPace(
        settings.broadcast.rate_per_second,
        paid_per_second=settings.broadcast.paid_rate_per_second,
    )


def build_broadcast_sender(
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    messenger: Messenger,
    pace: SendPace,
    clock: Clock,
) -> BroadcastSender:
    """The broadcast sender: each of its lanes works in a session of its own, on a
    connection it keeps for the lane's life (a session gives its connection back at each
    commit, and every checkout costs a ping, and past the pool's size a new connection)."""
    from bot.logs import safe_traceback

    engine: AsyncEngine = sessions.kw["bind"]

    @asynccontextmanager
    async def units() -> AsyncIterator[UnitOfWork]:
        async with engine.connect() as connection, sessions(bind=connection) as session:
            yield SqlUnitOfWork(session)

    @asynccontextmanager
    async def lane_units() -> AsyncIterator[UnitOfWork]:
        # A lane's writes are single statements (claimed → sending, then the answer): each
        # commits as it runs, one round trip instead of BEGIN, the statement and COMMIT.
        async with engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            async with sessions(bind=connection) as session:
                yield SqlUnitOfWork(session)

    config = settings.broadcast
    return BroadcastSender(
        units,
        messenger,
        pace,
        broadcast_messages(settings),
        clock,
        lane_units=lane_units,
        lanes=config.senders,
        batch=config.batch(),
        max_attempts=config.max_attempts,
        progress_seconds=config.progress_seconds,
        paid_per_second=config.paid_rate_per_second,
        describe_error=safe_traceback,
    )


def build_subscription_service(
    session: AsyncSession, settings: Settings, knowledge: KnowledgeSource, clock: Clock
) -> SubscriptionService:
    """Subscriptions over one session: the scheduler's catalogue sync builds one per pass."""
    return SubscriptionService(SqlUnitOfWork(session), knowledge, clock, settings.default_timezone)
