"""Subscriptions: one row per user and topic; adding is an upsert, removing is the owner's."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ports import SubscriptionRecord
from bot.storage.models import Subscription
from bot.storage.upsert import dialect_insert


def _record(row: Subscription) -> SubscriptionRecord:
    return SubscriptionRecord(
        id=row.id,
        user_id=row.user_id,
        topic_kind=row.topic_kind,
        topic_value=row.topic_value,
        created_at=row.created_at,
    )


class SqlSubscriptionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(
        self, user_id: int, topic_kind: str, topic_value: str, now: datetime
    ) -> tuple[SubscriptionRecord, bool]:
        # A double tap adds one row: the unique key decides, not a read first.
        inserted = await self._session.scalar(
            dialect_insert(self._session, Subscription)
            .values(user_id=user_id, topic_kind=topic_kind, topic_value=topic_value, created_at=now)
            .on_conflict_do_nothing(index_elements=["user_id", "topic_kind", "topic_value"])
            .returning(Subscription.id)
        )
        row = await self._session.scalar(
            select(Subscription).where(
                Subscription.user_id == user_id,
                Subscription.topic_kind == topic_kind,
                Subscription.topic_value == topic_value,
            )
        )
        assert row is not None  # inserted now, or there before
        return _record(row), inserted is not None

    async def list_for(self, user_id: int) -> list[SubscriptionRecord]:
        rows = await self._session.scalars(
            select(Subscription).where(Subscription.user_id == user_id).order_by(Subscription.id)
        )
        return [_record(row) for row in rows]

    async def remove(self, subscription_id: int, user_id: int) -> SubscriptionRecord | None:
        row = await self._session.scalar(
            delete(Subscription)
            .where(Subscription.id == subscription_id, Subscription.user_id == user_id)
            .returning(Subscription)
        )
        return _record(row) if row is not None else None

    async def page(self, after_id: int, limit: int) -> list[SubscriptionRecord]:
        rows = await self._session.scalars(
            select(Subscription)
            .where(Subscription.id > after_id)
            .order_by(Subscription.id)
            .limit(limit)
        )
        return [_record(row) for row in rows]
