"""Subscriptions to events and topics, and the reminders they bring: before registration
deadlines and starts, outside quiet hours, once each; new events of a topic announced once."""

from bot.services.subscriptions.reminders import (
    CourseReminder,
    EventReminder,
    SubscriptionNotices,
    SubscriptionReminders,
)
from bot.services.subscriptions.service import (
    MENUS,
    Subscribed,
    SubscriptionList,
    SubscriptionService,
    SyncReport,
    TopicMenu,
    TopicOffer,
    Unsubscribed,
)
from bot.services.subscriptions.timing import Planned, Target
from bot.services.subscriptions.topics import TopicKind
from bot.services.subscriptions.views import SubscriptionView

__all__ = [
    "MENUS",
    "CourseReminder",
    "EventReminder",
    "Planned",
    "Subscribed",
    "SubscriptionList",
    "SubscriptionNotices",
    "SubscriptionReminders",
    "SubscriptionService",
    "SubscriptionView",
    "SyncReport",
    "Target",
    "TopicKind",
    "TopicMenu",
    "TopicOffer",
    "Unsubscribed",
]
