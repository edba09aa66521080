"""What a running process counts, for Prometheus to scrape at /metrics.

Each process (every bot instance, the worker) counts its own; Prometheus adds them up.
Labels are small fixed sets (update types, outcomes), never user ids or texts."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest

# Handlers answer in milliseconds; searches in tens of milliseconds; a slow database in seconds.
_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

UPDATES = Counter(
    "careerbot_updates_total",
    "Updates received, by type; repeats and floods included (see careerbot_updates_dropped).",
    ["type"],
)
UPDATES_DROPPED = Counter(
    "careerbot_updates_dropped_total",
    "Updates not handled: a repeat Telegram sent again, or a flood from one user.",
    ["reason"],
)
UPDATE_SECONDS = Histogram(
    "careerbot_update_seconds",
    "Time from an update's arrival to the end of its handling, by type.",
    ["type"],
    buckets=_LATENCY_BUCKETS,
)
ERRORS = Counter(
    "careerbot_errors_total",
    "Updates whose handling failed: expected (a polite refusal) or unexpected (a bug, an outage).",
    ["kind"],
)
MATCH_SECONDS = Histogram(
    "careerbot_match_seconds",
    "Time of one catalogue search (query encoding, index look-up and ranking).",
    buckets=_LATENCY_BUCKETS,
)
SENT = Counter(
    "careerbot_sent_total",
    "Reminders and broadcast messages the scheduler's side handed to Telegram, by outcome.",
    ["kind", "outcome"],
)
SCHEDULER_LAG = Histogram(
    "careerbot_scheduler_lag_seconds",
    "How late a reminder went out after it was due.",
    buckets=(0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900),
)
BOOKINGS = Counter(
    "careerbot_bookings_total",
    "Consultations booked (confirmed): new, or moved to a new time.",
    ["kind"],
)
WEBHOOK_REFUSED = Counter(
    "careerbot_webhook_refused_total",
    "Webhook requests refused: a wrong secret, a body that is not an update.",
    ["reason"],
)


def exposition() -> tuple[bytes, str]:
    """The text Prometheus reads, and its content type."""
    return generate_latest(), CONTENT_TYPE_LATEST
