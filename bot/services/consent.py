"""The consent rule (152-FZ), in one place: what counts as consent, and what needs it.

Personal data need an active consent to the current policy version; after the policy text
changes, users are asked again. Mailings need their own, separate consent."""

from __future__ import annotations

from bot.services.errors import DomainError
from bot.services.ports import UnitOfWork, UserRecord

PERSONAL_DATA = "personal_data"
MAILING = "mailing"
CONSENT_KINDS = (PERSONAL_DATA, MAILING)
# Bump when the policy text changes: users are asked again for the new version.
POLICY_VERSION = "2026-11"


async def has_consent(uow: UnitOfWork, telegram_id: int, kind: str = PERSONAL_DATA) -> bool:
    consent = await uow.consents.active(telegram_id, kind)
    if consent is None:
        return False
    return kind != PERSONAL_DATA or consent.version == POLICY_VERSION


async def require_consent(uow: UnitOfWork, telegram_id: int) -> UserRecord:
    """The user, if they may have personal data stored; otherwise «consent-required»."""
    user = await uow.users.get(telegram_id)
    if user is None or not await has_consent(uow, telegram_id):
        raise DomainError("consent-required")
    return user
