"""Settings from the environment and `.env`, built once in the entry point, never at import time."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.services.booking.service import BookingPolicy
from bot.services.broadcasts import BroadcastPolicy
from bot.services.staff import StaffPolicy
from bot.storage.db import PoolSettings

# Telegram tokens look like "123456789:AA..." — digits, a colon, then 30+ url-safe characters.
TOKEN_PATTERN = re.compile(r"^\d{5,}:[A-Za-z0-9_-]{30,}$")
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
PLACEHOLDER_TOKENS = {
    "",
    "changeme",
    "your-token-here",
    "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11",
}


class ConfigError(Exception):
    """A setting is missing or wrong; the message is one sentence saying what to set."""


class MatchingSettings(BaseModel):
    encoders: list[str] = Field(default_factory=lambda: ["e5", "use"])
    index_dir: Path = Path("data/index")
    st_model: str | None = None  # a sentence-transformers model name or local folder
    use_threads: int = 1  # USE on one thread: two made p95 worse on a 2-core machine (benchmarks)


class StaffSettings(BaseModel):
    admin_ids: list[int] = Field(default_factory=list)
    staff_ids: list[int] = Field(default_factory=list)
    staff_chat_id: int | None = None  # where consultation requests go
    # Staff bound to one region, e.g. {"901": "RU-TOM"}; staff not listed see every region.
    regions: dict[int, str] = Field(default_factory=dict)
    # An admin grants and revokes staff rights in the bot (/staff). The process that did it
    # sees the change at once; other processes (more bot instances) within this many seconds.
    grants_refresh_seconds: float = Field(default=30.0, ge=0, le=3600)

    def policy(self) -> StaffPolicy:
        return StaffPolicy.of(self.admin_ids, self.staff_ids, self.regions)


class CatalogueImportSettings(BaseModel):
    """Limits on a staff spreadsheet, checked before its contents are read.

    A 1.5 MB .xlsx can unpack to gigabytes and a CSV can hold millions of rows; each default
    sits far above what a real centre imports and far below what hurts a small server."""

    # The whole shipped catalogue exports to 0.2 MB; 10,000 rows of CSV make about 15 MB.
    max_file_bytes: int = Field(default=20 * 1024 * 1024, gt=0)
    # The full export unpacks to 1.5 MB. openpyxl keeps shared strings in memory at 3-4x
    # their XML size, so 50 MB keeps an import near 200 MB of memory.
    max_uncompressed_bytes: int = Field(default=50 * 1024 * 1024, gt=0)
    # Parts of real workbooks pack 2-10x; zip bombs pack about 1000x.
    max_compression_ratio: int = Field(default=100, gt=0)
    # The shipped catalogue has 178 programmes and 35 events; a region has hundreds at most.
    max_rows: int = Field(default=10_000, gt=0)
    # No field takes more than 1,500 characters (an FAQ answer); Excel stops at 32,767.
    max_cell_chars: int = Field(default=10_000, gt=0)
    # Staff fix the pattern from the first screens; millions of lines bury the summary.
    max_problems: int = Field(default=200, gt=0)


class BookingSettings(BaseModel):
    """Limits of consultation booking; each centre's own rules live in the catalogue."""

    # How long a picked time waits for the user's «Подтвердить» before others can take it.
    hold_minutes: int = Field(default=10, ge=1, le=60)
    # Upcoming bookings one person may hold at one centre.
    max_open_per_centre: int = Field(default=2, ge=1, le=20)
    # How long a time freed for the first person on the waitlist is kept for them.
    waitlist_offer_minutes: int = Field(default=120, ge=10, le=1440)
    # Where staff hear of new bookings, cancellations and reschedules: the staff chat,
    # private messages to each staff member of the centre's region, or only the desk.
    staff_notices: Literal["chat", "private", "off"] = "chat"

    def policy(self) -> BookingPolicy:
        return BookingPolicy(
            hold_minutes=self.hold_minutes,
            max_open_per_centre=self.max_open_per_centre,
            waitlist_offer_minutes=self.waitlist_offer_minutes,
            staff_notices=self.staff_notices,
        )


class SchedulerSettings(BaseModel):
    """The scheduler: one process at a time sends reminders (the one holding the lease)."""

    # `careerbot run` runs the scheduler too; false when a separate `careerbot worker` does.
    in_process: bool = True
    # How often the lease is renewed and due reminders are looked for.
    tick_seconds: float = Field(default=15.0, gt=0)
    # A process that stops renewing (crashed, hung) is replaced after this long.
    lease_seconds: float = Field(default=60.0, gt=0)
    # Reminders claimed by one query; each is «sending» only from its own turn on.
    batch: int = Field(default=100, ge=1)
    # Tries of a reminder Telegram keeps refusing (not 403, not 429) before it is given up.
    max_attempts: int = Field(default=5, ge=1)
    # A tick that could not run on time (the loop was busy) still runs within this long.
    misfire_grace_seconds: int = Field(default=30, ge=1)

    @model_validator(mode="after")
    def _lease_outlives_ticks(self) -> SchedulerSettings:
        # Two missed renewals must not hand the lease to a second process.
        if self.lease_seconds < 3 * self.tick_seconds:
            raise ValueError("scheduler.lease_seconds must be at least 3 × tick_seconds")
        return self


class BroadcastSettings(BaseModel):
    """Staff broadcasts, and the one pace of everything the scheduler's side sends."""

    # Messages a second for all the scheduler's process sends: reminders, broadcasts and
    # progress notes. Telegram allows about 30 in all; what is left over is room for the
    # replies to people talking to the bot, which never wait for this pace.
    rate_per_second: float = Field(default=25.0, gt=0, le=30)
    # Deliveries handed to Telegram at once; each waits for Telegram's answer, so a few keep
    # the rate when Telegram is far away. A crash leaves at most this many of unknown fate.
    senders: int = Field(default=4, ge=1, le=64)
    # Tries of a delivery Telegram refuses (not 403, not 429) before it is given up.
    max_attempts: int = Field(default=3, ge=1, le=10)
    # How often the staff member's progress message is edited.
    progress_seconds: float = Field(default=5.0, ge=1)
    # How often the sender looks for a broadcast to send.
    poll_seconds: float = Field(default=2.0, gt=0)
    # Paid broadcasting (allow_paid_broadcast): up to 1000 messages a second for 0.1 Star
    # each, from the bot's balance; used for a broadcast only while it costs at most
    # PAID_BUDGET_STARS.
    paid: bool = False
    paid_rate_per_second: float = Field(default=1000.0, gt=0, le=1000)
    paid_budget_stars: int = Field(default=100, ge=0)

    def policy(self) -> BroadcastPolicy:
        return BroadcastPolicy(
            per_second=self.rate_per_second,
            paid=self.paid,
            paid_per_second=self.paid_rate_per_second,
            paid_budget_stars=float(self.paid_budget_stars),
        )

    def batch(self) -> int:
        """Deliveries claimed at once: about two seconds' worth at the fastest lane."""
        fastest = self.paid_rate_per_second if self.paid else self.rate_per_second
        return max(4 * self.senders, min(500, int(2 * fastest)))


class WebhookSettings(BaseModel):
    """Telegram posts updates to the bot instead of the bot polling for them: for several
    instances behind one address (`careerbot run --webhook`)."""

    enabled: bool = False
    # The full public https address Telegram posts to (through the reverse proxy); the bot
    # listens on this address's path.
    url: str | None = None
    # Telegram sends it in X-Telegram-Bot-Api-Secret-Token; a request without it is refused.
    secret: SecretStr | None = None
    # Call setWebhook on start (each instance may; the address is the same). WEBHOOK__REGISTER.
    register_on_start: bool = Field(
        default=True, validation_alias=AliasChoices("register", "register_on_start")
    )
    # Updates handled at once by one process; more wait in memory, already answered.
    max_in_flight: int = Field(default=500, ge=1)

    @field_validator("secret")
    @classmethod
    def _secret_as_telegram_accepts(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not SECRET_PATTERN.match(value.get_secret_value()):
            raise ValueError("webhook.secret must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    def listen_path(self) -> str:
        return urlsplit(self.url or "").path or "/webhook"


class ServerSettings(BaseModel):
    """The process's own HTTP server: the webhook, /healthz, /readyz and /metrics."""

    host: str = "0.0.0.0"  # all interfaces: inside a container, behind the reverse proxy
    # In polling mode and in the worker the server runs only when a port is given.
    port: int | None = Field(default=None, ge=1, le=65535)
    # On SIGTERM, updates in flight get this long to finish.
    shutdown_grace_seconds: float = Field(default=20.0, gt=0)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        env_nested_delimiter="__",
        env_ignore_empty=True,  # `KEY=` lines in .env mean "use the default"
        extra="ignore",
    )

    bot_token: SecretStr = SecretStr("")
    database_url: str = "sqlite+aiosqlite:///./data/careerbot.sqlite3"
    # Each update holds at most one connection: the pool bounds the updates that touch the
    # database at once (the rest queue). 10 + 20 keeps PostgreSQL's default 100 connections
    # enough for three bot instances and a worker.
    db_pool_size: int = Field(default=10, ge=1)
    db_max_overflow: int = Field(default=20, ge=0)
    db_pool_timeout_seconds: float = Field(default=30.0, gt=0)
    # How long an SQLite writer waits for another writer before giving up.
    sqlite_busy_timeout_ms: int = Field(default=10_000, ge=0)
    redis_url: str | None = None
    default_timezone: str = "Europe/Moscow"
    default_language: str = "ru"
    telegram_api_base: str | None = None  # e.g. http://127.0.0.1:9000 for a local Bot API emulator
    throttle_rate_per_second: float = 2.0
    throttle_burst: int = 8
    log_level: str = "INFO"
    # text: readable lines for a terminal; json: one object a line, for a log collector.
    log_format: Literal["text", "json"] = "text"
    catalogue_refresh_seconds: int = 300  # how often a running bot looks for staff imports
    heartbeat_file: Path | None = None  # touched while polling; the container healthcheck reads it
    staff: StaffSettings = Field(default_factory=StaffSettings)
    matching: MatchingSettings = Field(default_factory=MatchingSettings)
    catalogue_import: CatalogueImportSettings = Field(default_factory=CatalogueImportSettings)
    scheduler: SchedulerSettings = Field(default_factory=SchedulerSettings)
    booking: BookingSettings = Field(default_factory=BookingSettings)
    broadcast: BroadcastSettings = Field(default_factory=BroadcastSettings)
    webhook: WebhookSettings = Field(default_factory=WebhookSettings)
    server: ServerSettings = Field(default_factory=ServerSettings)

    @field_validator("default_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}") from error
        return value

    def pool(self) -> PoolSettings:
        return PoolSettings(
            size=self.db_pool_size,
            max_overflow=self.db_max_overflow,
            timeout=self.db_pool_timeout_seconds,
            sqlite_busy_timeout_ms=self.sqlite_busy_timeout_ms,
        )

    @property
    def has_token(self) -> bool:
        return self.bot_token.get_secret_value().strip() not in PLACEHOLDER_TOKENS

    def require_token(self) -> str:
        token = self.bot_token.get_secret_value().strip()
        if token in PLACEHOLDER_TOKENS:
            raise ConfigError(
                "BOT_TOKEN is not set: put the token from @BotFather into .env "
                "(BOT_TOKEN=123456789:AA...), or try the bot offline with `careerbot chat`."
            )
        if not TOKEN_PATTERN.match(token):
            raise ConfigError(
                "BOT_TOKEN does not look like a Telegram token (expected digits, a colon and "
                "a long key, as @BotFather gives it); check the value in .env."
            )
        return token

    def bot_id(self) -> str:
        """The numeric part of the token: keeps two bots' keys apart in one Redis."""
        return self.bot_token.get_secret_value().strip().partition(":")[0] or "0"

    def require_webhook(self) -> tuple[str, str]:
        """The webhook's public address and secret; one sentence when either is missing."""
        url = (self.webhook.url or "").strip()
        if not url.startswith(("https://", "http://")):
            raise ConfigError(
                "WEBHOOK__URL is not set: give the public https address Telegram should post "
                "updates to, e.g. WEBHOOK__URL=https://bot.example.org/telegram/webhook."
            )
        if self.webhook.secret is None:
            raise ConfigError(
                "WEBHOOK__SECRET is not set: put a random string of letters, digits, _ and - "
                "(for example the output of `openssl rand -hex 32`) into .env."
            )
        return url, self.webhook.secret.get_secret_value()


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValueError as error:
        raise ConfigError(f"The settings are invalid: {error}") from error
