"""Votes on suggestions, and the anonymous totals moved in SQL."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ports import (
    FeedbackRecord,
)
from bot.storage.models import (
    Feedback,
    FeedbackTotal,
)
from bot.storage.upsert import dialect_insert


class SqlFeedbackRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def set_vote(
        self, user_id: int, item_id: str, vote: int, reason: str | None, now: datetime
    ) -> None:
        """Atomic under concurrency: the vote row changes by a conditional update or an
        insert, and the anonymous totals move by exactly what changed, in SQL."""
        changed = await self._session.execute(
            update(Feedback)
            .where(Feedback.user_id == user_id, Feedback.item_id == item_id, Feedback.vote != vote)
            .values(vote=vote, reason=reason, created_at=now)
        )
        if changed.rowcount:  # type: ignore[attr-defined]
            # A changed mind: the old vote was the opposite one.
            await self._move_totals(item_id, up=vote, down=-vote)
            return
        inserted = await self._session.execute(
            dialect_insert(self._session, Feedback)
            .values(user_id=user_id, item_id=item_id, vote=vote, reason=reason, created_at=now)
            .on_conflict_do_nothing(index_elements=[Feedback.user_id, Feedback.item_id])
        )
        if inserted.rowcount:  # type: ignore[attr-defined]
            await self._move_totals(item_id, up=max(vote, 0), down=max(-vote, 0))
            return
        # The same vote again: only the reason may differ (e.g. «не подходит» after 👎).
        await self._session.execute(
            update(Feedback)
            .where(Feedback.user_id == user_id, Feedback.item_id == item_id)
            .values(reason=reason)
        )

    async def _move_totals(self, item_id: str, *, up: int, down: int) -> None:
        statement = dialect_insert(self._session, FeedbackTotal).values(
            item_id=item_id, up=max(up, 0), down=max(down, 0)
        )
        statement = statement.on_conflict_do_update(
            index_elements=[FeedbackTotal.item_id],
            set_={"up": FeedbackTotal.up + up, "down": FeedbackTotal.down + down},
        )
        await self._session.execute(statement)

    async def hidden_items(self, user_id: int) -> set[str]:
        rows = await self._session.scalars(
            select(Feedback.item_id).where(Feedback.user_id == user_id, Feedback.vote < 0)
        )
        return set(rows)

    async def list_for(self, user_id: int) -> list[FeedbackRecord]:
        rows = await self._session.scalars(
            select(Feedback).where(Feedback.user_id == user_id).order_by(Feedback.created_at)
        )
        return [
            FeedbackRecord(
                item_id=row.item_id, vote=row.vote, reason=row.reason, created_at=row.created_at
            )
            for row in rows
        ]

    async def totals(self) -> dict[str, tuple[int, int]]:
        rows = await self._session.scalars(select(FeedbackTotal))
        return {row.item_id: (row.up, row.down) for row in rows}
