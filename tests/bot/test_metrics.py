"""What /metrics counts moves when the things it counts happen."""

from __future__ import annotations

from prometheus_client import REGISTRY

from bot.scheduler.context import count_broadcasts, count_reminders
from bot.services.broadcasts import SendReport
from bot.services.reminders import ReminderReport
from tests.conftest import SharedKnowledge


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_reminder_and_broadcast_outcomes_and_lateness_are_counted() -> None:
    sent = sample("careerbot_sent_total", kind="reminder", outcome="sent")
    blocked = sample("careerbot_sent_total", kind="broadcast", outcome="blocked")
    lags = sample("careerbot_scheduler_lag_seconds_count")
    late = sample("careerbot_scheduler_lag_seconds_sum")

    count_reminders(ReminderReport(sent=2, blocked=1, lateness_seconds=[3.0, 4.5]))
    count_broadcasts(SendReport(sent=5, blocked=3))

    assert sample("careerbot_sent_total", kind="reminder", outcome="sent") == sent + 2
    assert sample("careerbot_sent_total", kind="broadcast", outcome="blocked") == blocked + 3
    assert sample("careerbot_scheduler_lag_seconds_count") == lags + 2
    assert sample("careerbot_scheduler_lag_seconds_sum") == late + 7.5


async def test_a_search_that_runs_is_timed_and_one_from_memory_is_not() -> None:
    knowledge = await SharedKnowledge().get()
    timed: list[float] = []
    knowledge.on_search = timed.append
    try:
        await knowledge.search("хочу чинить дроны и паять платы метрики")
        await knowledge.search("хочу чинить дроны и паять платы метрики")
    finally:
        knowledge.on_search = None
    assert len(timed) == 1 and timed[0] > 0
