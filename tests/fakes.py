"""In-memory stand-ins for the ports of bot.services, for service tests without a database.

Only the repositories the catalogue services use are here (users, consents, feedback, the
activity funnel, catalogue gaps), and of the users only what those services read. A service that starts using anything else meets
an AttributeError in its fast tests, rather than a stub that quietly does nothing: then
implement that part here, the way bot.storage does it."""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from bot.services.consent import PERSONAL_DATA, POLICY_VERSION
from bot.services.knowledge_base import KnowledgeBase
from bot.services.ports import ConsentRecord, FeedbackRecord, UserRecord

EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def user_record(telegram_id: int, **answers: Any) -> UserRecord:
    """A stored user with the given onboarding answers (role, region, interests, ...)."""
    record = UserRecord(
        telegram_id=telegram_id,
        language="ru",
        role=None,
        region=None,
        timezone=None,
        created_at=EPOCH,
        last_seen_at=EPOCH,
        is_blocked=False,
    )
    return replace(record, **answers)


class FakeUsers:
    """The reading half of UserRepository; tests put records in directly."""

    def __init__(self) -> None:
        self.records: dict[int, UserRecord] = {}

    def put(self, record: UserRecord) -> None:
        self.records[record.telegram_id] = record

    async def get(self, telegram_id: int) -> UserRecord | None:
        return self.records.get(telegram_id)


class FakeConsents:
    """ConsentRepository: at most one active consent per user and kind, as the unique index
    of bot.storage guarantees."""

    def __init__(self) -> None:
        self.records: dict[int, list[ConsentRecord]] = {}

    async def active(self, telegram_id: int, kind: str) -> ConsentRecord | None:
        return next(
            (c for c in self.records.get(telegram_id, []) if c.kind == kind and c.active), None
        )

    async def add_if_none_active(
        self, telegram_id: int, kind: str, version: str, now: datetime
    ) -> bool:
        if await self.active(telegram_id, kind) is not None:
            return False
        self.records.setdefault(telegram_id, []).append(ConsentRecord(kind, version, now, None))
        return True

    async def withdraw_other_versions(
        self, telegram_id: int, kind: str, version: str, now: datetime
    ) -> None:
        self._withdraw(telegram_id, now, lambda c: c.kind == kind and c.version != version)

    async def withdraw(self, telegram_id: int, kind: str, now: datetime) -> bool:
        return self._withdraw(telegram_id, now, lambda c: c.kind == kind)

    async def list_for(self, telegram_id: int) -> list[ConsentRecord]:
        return list(self.records.get(telegram_id, []))

    def _withdraw(
        self, telegram_id: int, now: datetime, which: Callable[[ConsentRecord], bool]
    ) -> bool:
        records = self.records.get(telegram_id, [])
        changed = False
        for index, consent in enumerate(records):
            if consent.active and which(consent):
                records[index] = replace(consent, withdrawn_at=now)
                changed = True
        return changed


@dataclass(frozen=True, slots=True)
class Totals:
    up: int = 0
    down: int = 0


class FakeFeedback:
    """FeedbackRepository: one vote per user and item; anonymous totals follow every change;
    items voted down (👎 or «не подходит») are hidden from that user."""

    def __init__(self) -> None:
        self.votes: dict[tuple[int, str], FeedbackRecord] = {}
        self.counts: dict[str, Totals] = {}

    async def set_vote(
        self, user_id: int, item_id: str, vote: int, reason: str | None, now: datetime
    ) -> None:
        old = self.votes.get((user_id, item_id))
        if old is not None and old.vote == vote:
            # The same vote again: only the reason may change (e.g. «не подходит» after 👎).
            self.votes[(user_id, item_id)] = replace(old, reason=reason)
            return
        self.votes[(user_id, item_id)] = FeedbackRecord(item_id, vote, reason, now)
        totals = self.counts.get(item_id, Totals())
        up = totals.up + (vote > 0) - (old is not None and old.vote > 0)
        down = totals.down + (vote < 0) - (old is not None and old.vote < 0)
        self.counts[item_id] = Totals(up, down)

    async def hidden_items(self, user_id: int) -> set[str]:
        return {
            item
            for (user, item), record in self.votes.items()
            if user == user_id and record.vote < 0
        }

    async def list_for(self, user_id: int) -> list[FeedbackRecord]:
        records = [record for (user, _), record in self.votes.items() if user == user_id]
        return sorted(records, key=lambda record: record.created_at)

    async def totals(self) -> dict[str, tuple[int, int]]:
        return {item: (totals.up, totals.down) for item, totals in self.counts.items()}


class FakeActivity:
    """ActivityRepository: (user, step, item) once, as the unique key of bot.storage."""

    def __init__(self) -> None:
        self.rows: dict[tuple[int, str, str], datetime] = {}

    async def record(self, user_id: int, keys: Sequence[tuple[str, str]], now: datetime) -> int:
        new = [
            (user_id, step, item) for step, item in keys if (user_id, step, item) not in self.rows
        ]
        self.rows.update(dict.fromkeys(new, now))
        return len(new)


class FakeGaps:
    """CatalogueGapRepository: the questions in order of arrival."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str | None, datetime]] = []

    async def add(self, text: str, region: str | None, now: datetime) -> None:
        self.rows.append((text, region, now))

    async def texts(self, since: datetime | None, region: str | None, limit: int) -> list[str]:
        rows = [
            text
            for text, where, at in reversed(self.rows)
            if (since is None or at >= since) and (region is None or where == region)
        ]
        return rows[:limit]


class FakeUnitOfWork:
    """Users, consents, feedback and the activity funnel in memory. A rollback returns to the last commit, as a
    database transaction would; `commits` lets a test see that a service committed."""

    def __init__(self) -> None:
        self.users = FakeUsers()
        self.consents = FakeConsents()
        self.feedback = FakeFeedback()
        self.activity = FakeActivity()
        self.gaps = FakeGaps()
        self.commits = 0
        self._committed = self._state()

    async def commit(self) -> None:
        self.commits += 1
        self._committed = self._state()

    async def rollback(self) -> None:
        (self.users, self.consents, self.feedback, self.activity, self.gaps) = copy.deepcopy(
            self._committed
        )

    async def add_consenting_user(self, telegram_id: int, **answers: Any) -> UserRecord:
        """A user who accepted the current policy, with the given answers: already stored, so
        it counts as neither a commit of the service under test nor something to roll back."""
        record = user_record(telegram_id, **answers)
        self.users.put(record)
        await self.consents.add_if_none_active(telegram_id, PERSONAL_DATA, POLICY_VERSION, EPOCH)
        self._committed = self._state()
        return record

    def _state(self) -> tuple[FakeUsers, FakeConsents, FakeFeedback, FakeActivity, FakeGaps]:
        return copy.deepcopy((self.users, self.consents, self.feedback, self.activity, self.gaps))


class FixedKnowledge:
    """A KnowledgeSource that hands out one knowledge base built beforehand."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self.knowledge = knowledge

    async def get(self) -> KnowledgeBase:
        return self.knowledge
