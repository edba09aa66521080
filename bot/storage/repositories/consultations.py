"""Consultation requests: one open request per topic; status changes are conditional."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ports import (
    HANDLED,
    OPEN,
    WITHDRAWN,
    ConsultationRecord,
)
from bot.storage.models import (
    ConsultationRequest,
)
from bot.storage.upsert import dialect_insert


def _consultation_record(row: ConsultationRequest) -> ConsultationRecord:
    return ConsultationRecord(
        id=row.id,
        user_id=row.user_id,
        topic=row.topic,
        item_id=row.item_id,
        centre=row.centre,
        phone=row.phone,
        status=row.status,
        created_at=row.created_at,
        handled_at=row.handled_at,
        handled_by=row.handled_by,
        staff_chat_id=row.staff_chat_id,
        staff_message_id=row.staff_message_id,
    )


class SqlConsultationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_unless_open(
        self,
        user_id: int,
        topic: str,
        item_id: str | None,
        centre: str | None,
        phone: str | None,
        now: datetime,
    ) -> tuple[ConsultationRecord, bool]:
        """The new request and True, or the open request on the same topic and False."""
        inserted = await self._session.scalar(
            dialect_insert(self._session, ConsultationRequest)
            .values(
                user_id=user_id,
                topic=topic,
                item_id=item_id,
                centre=centre,
                phone=phone,
                status=OPEN,
                created_at=now,
            )
            .on_conflict_do_nothing()
            .returning(ConsultationRequest.id)
        )
        if inserted is not None:
            record = await self.get(int(inserted))
            assert record is not None
            return record, True
        existing = await self._session.scalar(
            select(ConsultationRequest).where(
                ConsultationRequest.user_id == user_id,
                ConsultationRequest.topic == topic,
                ConsultationRequest.status == OPEN,
            )
        )
        if existing is None:  # handled or withdrawn in between: a retry will insert
            raise RuntimeError("consultation request neither inserted nor open")
        return _consultation_record(existing), False

    async def get(self, request_id: int) -> ConsultationRecord | None:
        row = await self._session.get(ConsultationRequest, request_id)
        return None if row is None else _consultation_record(row)

    async def list_for(self, user_id: int, *, open_only: bool = False) -> list[ConsultationRecord]:
        query = select(ConsultationRequest).where(ConsultationRequest.user_id == user_id)
        if open_only:
            query = query.where(ConsultationRequest.status == "open")
        rows = await self._session.scalars(query.order_by(ConsultationRequest.created_at))
        return [_consultation_record(row) for row in rows]

    async def open_requests(self, centres: tuple[str, ...] | None) -> list[ConsultationRecord]:
        query = select(ConsultationRequest).where(ConsultationRequest.status == OPEN)
        if centres is not None:
            query = query.where(ConsultationRequest.centre.in_(centres))
        rows = await self._session.scalars(
            query.order_by(ConsultationRequest.created_at, ConsultationRequest.id)
        )
        return [_consultation_record(row) for row in rows]

    async def mark_handled(self, request_id: int, staff_id: int, now: datetime) -> bool:
        """Only an open request is taken; False when it was taken or withdrawn meanwhile."""
        return await self._transition(
            request_id, OPEN, status=HANDLED, handled_at=now, handled_by=staff_id
        )

    async def withdraw(self, request_id: int, user_id: int) -> bool:
        """Only the owner withdraws, and only an open request."""
        return await self._transition(
            request_id, OPEN, ConsultationRequest.user_id == user_id, status=WITHDRAWN
        )

    async def attach_staff_message(self, request_id: int, chat_id: int, message_id: int) -> None:
        await self._session.execute(
            update(ConsultationRequest)
            .where(ConsultationRequest.id == request_id)
            .values(staff_chat_id=chat_id, staff_message_id=message_id)
        )
        self._session.expire_all()

    async def _transition(
        self, request_id: int, expected: str, *conditions: Any, **values: Any
    ) -> bool:
        result = await self._session.execute(
            update(ConsultationRequest)
            .where(
                ConsultationRequest.id == request_id,
                ConsultationRequest.status == expected,
                *conditions,
            )
            .values(**values)
        )
        self._session.expire_all()
        return bool(result.rowcount)  # type: ignore[attr-defined]
