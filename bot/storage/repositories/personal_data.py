"""Everything stored about one user: export for /mydata, erase for /forget."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, inspect, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import (
    Activity,
    Base,
    Booking,
    BookingHistory,
    Broadcast,
    BroadcastDelivery,
    CatalogueImport,
    Consent,
    ConsultationRequest,
    EventEdit,
    ExportLog,
    Feedback,
    FsmRecord,
    Reminder,
    StaffGrant,
    Subscription,
    User,
    WaitlistEntry,
)

# Tables whose rows belong to a user, and the column that says which user.
_PERSONAL_TABLES: dict[type[Base], str] = {
    User: "telegram_id",
    Consent: "user_id",
    Feedback: "user_id",
    ConsultationRequest: "user_id",
    Booking: "user_id",
    WaitlistEntry: "user_id",
    Reminder: "user_id",
    BroadcastDelivery: "user_id",
    FsmRecord: "user_id",
    Subscription: "user_id",
    StaffGrant: "user_id",  # staff rights granted to them in the bot
    Activity: "user_id",  # the funnel steps they reached (ids and moments only)
}


def _as_json(row: Base) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in inspect(type(row)).columns:
        value = getattr(row, column.key)
        values[column.key] = value.isoformat() if isinstance(value, datetime) else value
    return values


class SqlPersonalDataRepository:
    def __init__(self, session: AsyncSession, on_erase: Callable[[], None] = lambda: None) -> None:
        self._session = session
        self._on_erase = on_erase  # other repositories of the unit of work drop what they read

    async def export(self, user_id: int) -> dict[str, list[dict[str, Any]]]:
        exported: dict[str, list[dict[str, Any]]] = {}
        for model, column in _PERSONAL_TABLES.items():
            rows = await self._session.scalars(
                select(model).where(getattr(model, column) == user_id)
            )
            exported[model.__tablename__] = [_as_json(row) for row in rows]
        # Broadcasts a staff member sent: the announcement stays, their name on it does not.
        authored = await self._session.scalars(
            select(Broadcast).where(Broadcast.author_id == user_id).order_by(Broadcast.id)
        )
        exported[Broadcast.__tablename__] = [_as_json(row) for row in authored]
        # Events they created or changed, and rights they granted: the records stay, their
        # id on them does not.
        edits = await self._session.scalars(
            select(EventEdit).where(EventEdit.staff_id == user_id).order_by(EventEdit.id)
        )
        exported[EventEdit.__tablename__] = [_as_json(row) for row in edits]
        given = await self._session.scalars(
            select(StaffGrant).where(StaffGrant.granted_by == user_id).order_by(StaffGrant.user_id)
        )
        exported["staff_grants_given"] = [_as_json(row) for row in given]
        # Exports of figures they made as staff: the log stays, their id on it does not.
        exports = await self._session.scalars(
            select(ExportLog).where(ExportLog.staff_id == user_id).order_by(ExportLog.id)
        )
        exported[ExportLog.__tablename__] = [_as_json(row) for row in exports]
        # Catalogue files they imported or rolled back: the log stays, their id on it does
        # not. The records' contents are the catalogue's, not theirs: left out here.
        imports = await self._session.execute(
            select(
                CatalogueImport.id,
                CatalogueImport.action,
                CatalogueImport.status,
                CatalogueImport.file_name,
                CatalogueImport.created_at,
            )
            .where(CatalogueImport.staff_id == user_id)
            .order_by(CatalogueImport.id)
        )
        exported[CatalogueImport.__tablename__] = [
            {
                "id": key,
                "action": action,
                "status": status,
                "file_name": name,
                "created_at": created.isoformat(),
            }
            for key, action, status, name, created in imports
        ]
        return exported

    async def erase(self, user_id: int) -> None:
        # Children first: SQLite may run without foreign-key cascades on old files.
        await self._session.execute(
            delete(BookingHistory).where(
                BookingHistory.booking_id.in_(select(Booking.id).where(Booking.user_id == user_id))
            )
        )
        for model, column in reversed(_PERSONAL_TABLES.items()):
            await self._session.execute(delete(model).where(getattr(model, column) == user_id))
        await self._session.execute(
            update(Broadcast)
            .where(Broadcast.author_id == user_id)
            .values(author_id=None, progress_chat_id=None, progress_message_id=None)
        )
        await self._session.execute(
            update(EventEdit).where(EventEdit.staff_id == user_id).values(staff_id=None)
        )
        await self._session.execute(
            update(StaffGrant).where(StaffGrant.granted_by == user_id).values(granted_by=None)
        )
        await self._session.execute(
            update(ExportLog).where(ExportLog.staff_id == user_id).values(staff_id=None)
        )
        await self._session.execute(
            update(CatalogueImport).where(CatalogueImport.staff_id == user_id).values(staff_id=None)
        )
        self._session.expire_all()
        self._on_erase()
