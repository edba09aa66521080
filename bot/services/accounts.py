"""Who the user is to the bot: first contact, consents (152-FZ), language, reachability."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.activity import Step, record_step
from bot.services.clock import Clock, utc_now
from bot.services.consent import (
    CONSENT_KINDS,
    MAILING,
    PERSONAL_DATA,
    POLICY_VERSION,
    has_consent,
    require_consent,
)
from bot.services.ports import UnitOfWork, UserRecord

__all__ = [
    "CONSENT_KINDS",
    "MAILING",
    "PERSONAL_DATA",
    "POLICY_VERSION",
    "AccountService",
    "ProfileSwitches",
    "StartOutcome",
]


@dataclass(frozen=True, slots=True)
class ProfileSwitches:
    """The two on/off settings /profile shows: reminders, and the separate mailing consent."""

    notifications: bool
    mailing: bool


@dataclass(frozen=True, slots=True)
class StartOutcome:
    has_consent: bool
    is_new: bool


class AccountService:
    def __init__(self, uow: UnitOfWork, clock: Clock = utc_now) -> None:
        self._uow = uow
        self._clock = clock

    async def get(self, telegram_id: int) -> UserRecord | None:
        return await self._uow.users.get(telegram_id)

    async def start(self, telegram_id: int) -> StartOutcome:
        """Record the Telegram id (the only thing kept before consent) and report consent."""
        now = self._clock()
        is_new = await self._uow.users.add_if_missing(telegram_id, now)
        if not is_new:
            await self._uow.users.reactivate(telegram_id, now)
        await record_step(self._uow, telegram_id, Step.START, now)
        consented = await has_consent(self._uow, telegram_id)
        await self._uow.commit()
        return StartOutcome(has_consent=consented, is_new=is_new)

    async def has_consent(self, telegram_id: int, kind: str = PERSONAL_DATA) -> bool:
        return await has_consent(self._uow, telegram_id, kind)

    async def give_consent(self, telegram_id: int, kind: str, language: str) -> bool:
        """Returns False when it was already given (a double tap), True when newly recorded."""
        if await has_consent(self._uow, telegram_id, kind):
            # A double tap: a read answers it, so it never waits for SQLite's write lock.
            return False
        now = self._clock()
        await self._uow.users.add_if_missing(telegram_id, now)
        await self._uow.consents.withdraw_other_versions(telegram_id, kind, POLICY_VERSION, now)
        if not await self._uow.consents.add_if_none_active(telegram_id, kind, POLICY_VERSION, now):
            await self._uow.rollback()
            return False
        if kind == PERSONAL_DATA:
            await self._uow.users.set_language(telegram_id, language)
            await record_step(self._uow, telegram_id, Step.CONSENT, now)
        await self._uow.commit()
        return True

    async def withdraw_consent(self, telegram_id: int, kind: str) -> bool:
        changed = await self._uow.consents.withdraw(telegram_id, kind, self._clock())
        await self._uow.commit()
        return changed

    async def set_language(self, telegram_id: int, language: str) -> None:
        # Without consent the choice is not stored: it lives only in this conversation.
        if await self.has_consent(telegram_id):
            await self._uow.users.set_language(telegram_id, language)
            await self._uow.commit()

    async def touch(self, telegram_id: int) -> None:
        await self._uow.users.mark_seen(telegram_id, self._clock())
        await self._uow.commit()

    async def set_blocked(self, telegram_id: int, blocked: bool) -> None:
        """A 403 from Telegram or a my_chat_member update says whether we may write."""
        if await self._uow.users.set_blocked(telegram_id, blocked):
            await self._uow.commit()

    async def switches(self, telegram_id: int) -> ProfileSwitches:
        user = await self._require_personal_data(telegram_id)
        return ProfileSwitches(
            notifications=user.notifications,
            mailing=await self._uow.consents.active(telegram_id, MAILING) is not None,
        )

    async def set_notifications(self, telegram_id: int, enabled: bool) -> ProfileSwitches:
        """Idempotent: the button carries the wanted value, so a double tap changes nothing."""
        await self._require_personal_data(telegram_id)
        await self._uow.users.set_notifications(telegram_id, enabled)
        await self._uow.commit()
        return await self.switches(telegram_id)

    async def set_mailing(self, telegram_id: int, enabled: bool, language: str) -> ProfileSwitches:
        """Mailing consent is its own consent (152-FZ, 38-FZ); one tap gives or withdraws it."""
        await self._require_personal_data(telegram_id)
        if enabled:
            await self.give_consent(telegram_id, MAILING, language)
        else:
            await self.withdraw_consent(telegram_id, MAILING)
        return await self.switches(telegram_id)

    async def _require_personal_data(self, telegram_id: int) -> UserRecord:
        return await require_consent(self._uow, telegram_id)
