"""Staff rights in the bot: an admin lists the staff, grants staff rights by Telegram id (for
every region or one), and revokes them; and this process's copy of the granted rights.

Settings stay the source of the admins and of the staff they name: an admin can neither be
granted nor revoked here, and neither can staff that settings name. Everything else an
admin does here is a row of `staff_grants`; `StaffPolicy.with_grants` is the one rule that
puts the two together."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from bot.services.clock import Clock, utc_now
from bot.services.errors import DomainError
from bot.services.knowledge_base import KnowledgeSource
from bot.services.messaging import Notifier, Outgoing
from bot.services.ports import StaffGrantRepository, UnitOfWork
from bot.services.staff import StaffGrant, StaffPolicy, StaffRole
from knowledge import Catalogue
from knowledge.catalogue import normalise_text
from knowledge.models import Region

# A forged or stale button, or a step of someone who is no longer an admin.
REFUSAL = "button-outdated"
# Telegram user ids are positive and fit in 52 bits; group and channel ids are negative.
MAX_USER_ID = 2**52
_ID_AND_REST = re.compile(r"^\s*(?:id\s*[:=]?\s*)?(-?\d{1,20})\b[\s,;]*(.*)$", re.IGNORECASE | re.S)


class StaffRoster:
    """This process's copy of the granted staff rights.

    Every update asks who is staff (the IsStaff filter, /help, each staff use case), and the
    grants change a few times a year. Reading the table on every update would add a query to
    every message of every user, so the process keeps the grants it read and reads them
    again, in one small query of whichever update comes first, once they are older than
    `ttl_seconds`. A grant or revoke made in this process marks them stale at once, so the
    very next update here sees it (rights revoked mid-dialog stop the next step); another
    process (a second bot instance) sees it within `ttl_seconds`. Settings are not cached:
    they are merged per update, which costs no I/O."""

    def __init__(self, ttl_seconds: float, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl_seconds
        self._monotonic = monotonic
        self._grants: tuple[StaffGrant, ...] = ()
        self._read_at: float | None = None
        # Bumped by every change: a read that began before a change must not store what it
        # read over it (it may have missed the change).
        self._generation = 0

    def _stale(self) -> bool:
        return self._read_at is None or self._monotonic() - self._read_at >= self._ttl

    async def policy(self, base: StaffPolicy, grants: StaffGrantRepository) -> StaffPolicy:
        if self._stale():
            generation, started = self._generation, self._monotonic()
            read = tuple(await grants.all())
            if generation == self._generation:
                self._grants, self._read_at = read, started
            return base.with_grants(read)
        return base.with_grants(self._grants)

    def invalidate(self) -> None:
        self._generation += 1
        self._read_at = None


@dataclass(frozen=True, slots=True)
class StaffEntry:
    telegram_id: int
    role: StaffRole
    region: str | None  # a region id; None: every region
    region_name: Region | None  # the catalogue's region, when it knows the id
    in_settings: bool  # named in settings: not changed from the bot
    granted: StaffGrant | None


@dataclass(frozen=True, slots=True)
class StaffList:
    entries: tuple[StaffEntry, ...]  # admins, then settings-named staff, then granted


@dataclass(frozen=True, slots=True)
class RegionQuestion:
    """The person is known; which region their rights cover is asked next."""

    telegram_id: int
    current: StaffGrant | None  # their grant so far: a new one replaces it
    regions: tuple[Region, ...]  # regions with a centre in the catalogue, by name


@dataclass(frozen=True, slots=True)
class GrantOutcome:
    entry: StaffEntry
    renewed: bool  # they held a grant before (its region may have changed)
    told: bool  # the person got the message (they wrote to the bot before)


@dataclass(frozen=True, slots=True)
class RevokeOutcome:
    telegram_id: int
    told: bool


class StaffAdminTexts(Protocol):
    """What a person reads when their rights change, in their language."""

    def granted(self, region: Region | None, language: str | None) -> Outgoing: ...
    def revoked(self, language: str | None) -> Outgoing: ...


class StaffAdmin:
    def __init__(
        self,
        uow: UnitOfWork,
        knowledge: KnowledgeSource,
        notifier: Notifier,
        texts: StaffAdminTexts,
        settings_staff: StaffPolicy,
        on_change: Callable[[], None] = lambda: None,
        clock: Clock = utc_now,
    ) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._notifier = notifier
        self._texts = texts
        self._settings = settings_staff  # admins are named there only
        self._on_change = on_change
        self._clock = clock

    def _admin(self, admin_id: int) -> None:
        self._settings.require_admin(admin_id, REFUSAL)

    async def staff_list(self, admin_id: int) -> StaffList:
        self._admin(admin_id)
        grants = await self._uow.staff_grants.all()
        await self._uow.commit()  # ends the read
        catalogue = await self._catalogue()
        settings = self._settings
        entries = [
            self._entry(catalogue, member_id, StaffRole.ADMIN, None, None)
            for member_id in sorted(settings.admin_ids)
        ]
        entries += [
            self._entry(
                catalogue, member_id, StaffRole.STAFF, settings.regions.get(member_id), None
            )
            for member_id in sorted(settings.staff_ids - settings.admin_ids)
        ]
        named = settings.admin_ids | settings.staff_ids
        entries += [
            self._entry(catalogue, grant.telegram_id, StaffRole.STAFF, grant.region, grant)
            for grant in grants
            if grant.telegram_id not in named
        ]
        return StaffList(tuple(entries))

    async def person(self, admin_id: int, text: str) -> RegionQuestion | GrantOutcome:
        """A typed Telegram id, optionally followed by a region («123456789 RU-TOM»): with
        a region (or «все»), the rights are granted at once; without, the region is asked."""
        self._admin(admin_id)
        match = _ID_AND_REST.match(text or "")
        if match is None:
            raise DomainError("staff-admin-id-format")
        telegram_id, rest = int(match.group(1)), match.group(2).strip()
        if rest:
            return await self.grant(admin_id, telegram_id, rest)
        return await self.contact(admin_id, telegram_id)

    async def contact(self, admin_id: int, telegram_id: int | None) -> RegionQuestion:
        """A person picked by id or by a shared contact: which region comes next."""
        self._admin(admin_id)
        if telegram_id is None:
            raise DomainError("staff-admin-contact-no-id")
        self._grantable(telegram_id)
        current = next(
            (g for g in await self._uow.staff_grants.all() if g.telegram_id == telegram_id), None
        )
        await self._uow.commit()
        catalogue = await self._catalogue()
        with_centres = {centre.region for centre in catalogue.centres.values()}
        regions = sorted(
            (catalogue.regions[code] for code in with_centres if code in catalogue.regions),
            key=lambda region: region.name,
        )
        return RegionQuestion(telegram_id, current, tuple(regions))

    async def grant(self, admin_id: int, telegram_id: int, region_text: str) -> GrantOutcome:
        """Grant staff rights: `region_text` is a region id or name, or empty (or «все»)
        for every region. A second grant replaces the first."""
        self._admin(admin_id)
        self._grantable(telegram_id)
        catalogue = await self._catalogue()
        region = _region(catalogue, region_text)
        before = {g.telegram_id for g in await self._uow.staff_grants.all()}
        grant = await self._uow.staff_grants.grant(
            telegram_id, region.id if region else None, admin_id, self._clock()
        )
        await self._uow.commit()
        self._on_change()
        told = await self._tell(telegram_id, lambda lang: self._texts.granted(region, lang))
        entry = self._entry(catalogue, telegram_id, StaffRole.STAFF, grant.region, grant)
        return GrantOutcome(entry, renewed=telegram_id in before, told=told)

    async def granted(self, admin_id: int, telegram_id: int) -> StaffEntry:
        """A granted person, for the question whether to revoke; settings-named staff and
        admins cannot be revoked here."""
        self._admin(admin_id)
        if self._settings.member(telegram_id) is not None:
            raise DomainError("staff-admin-in-settings", id=str(telegram_id))
        grant = next(
            (g for g in await self._uow.staff_grants.all() if g.telegram_id == telegram_id), None
        )
        await self._uow.commit()
        if grant is None:
            raise DomainError("staff-admin-not-granted", id=str(telegram_id))
        catalogue = await self._catalogue()
        return self._entry(catalogue, telegram_id, StaffRole.STAFF, grant.region, grant)

    async def revoke(self, admin_id: int, telegram_id: int) -> RevokeOutcome:
        self._admin(admin_id)
        if self._settings.member(telegram_id) is not None:
            raise DomainError("staff-admin-in-settings", id=str(telegram_id))
        removed = await self._uow.staff_grants.revoke(telegram_id)
        await self._uow.commit()
        if not removed:
            raise DomainError("staff-admin-not-granted", id=str(telegram_id))
        self._on_change()
        told = await self._tell(telegram_id, self._texts.revoked)
        return RevokeOutcome(telegram_id, told)

    def _grantable(self, telegram_id: int) -> None:
        if not 0 < telegram_id < MAX_USER_ID:
            raise DomainError("staff-admin-id-format")
        if telegram_id in self._settings.admin_ids:
            raise DomainError("staff-admin-is-admin", id=str(telegram_id))
        if self._settings.member(telegram_id) is not None:
            raise DomainError("staff-admin-in-settings", id=str(telegram_id))

    async def _tell(self, telegram_id: int, message: Callable[[str | None], Outgoing]) -> bool:
        """The bot cannot write first: someone who never wrote to it is not told."""
        user = await self._uow.users.get(telegram_id)
        await self._uow.commit()
        if user is None:
            return False
        delivery = await self._notifier.to_user(telegram_id, message(user.language))
        return delivery.delivered

    async def _catalogue(self) -> Catalogue:
        return (await self._knowledge.get()).catalogue

    @staticmethod
    def _entry(
        catalogue: Catalogue,
        telegram_id: int,
        role: StaffRole,
        region: str | None,
        grant: StaffGrant | None,
    ) -> StaffEntry:
        return StaffEntry(
            telegram_id=telegram_id,
            role=role,
            region=region,
            region_name=catalogue.regions.get(region or ""),
            in_settings=grant is None,
            granted=grant,
        )


_EVERY_REGION = frozenset(
    {"", "все", "всё", "все регионы", "любой", "all", "any", "every", "-", "—"}
)


def _region(catalogue: Catalogue, text: str) -> Region | None:
    """A region by its id (RU-TOM, any case) or its name or alias; None for every region."""
    wanted = " ".join(text.split())
    if normalise_text(wanted) in _EVERY_REGION or wanted in _EVERY_REGION:
        return None
    by_id = catalogue.regions.get(wanted.upper())
    if by_id is not None:
        return by_id
    key = normalise_text(wanted)
    for region in catalogue.regions.values():
        names = (region.name, region.name_en, *region.aliases)
        if any(normalise_text(name) == key for name in names if name):
            return region
    raise DomainError("staff-admin-region-unknown", region=wanted[:40])
