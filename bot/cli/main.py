"""The `careerbot` command. Each subcommand builds the settings itself, never at import."""

from __future__ import annotations

import asyncio
import logging
import sys
from datetime import datetime
from typing import NoReturn, TextIO

import click
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.config import ConfigError, Settings, load_settings
from bot.logs import configure_logging


def fail(message: str, code: int = 2) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)


def settings_or_exit() -> Settings:
    try:
        return load_settings()
    except ConfigError as error:
        fail(str(error))


def safe_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def apply_migrations(settings: Settings) -> None:
    from bot.storage.migrate import upgrade

    try:
        upgrade(settings.database_url)
    except (SQLAlchemyError, OSError) as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        fail(
            f"Cannot open the database at {safe_url(settings.database_url)} ({reason}); "
            "check DATABASE_URL in .env and that the server is running."
        )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Career guidance bot for ЦОПП and «Профессионалитет» colleges."""
    # Quiet by default; `careerbot run` raises the level to LOG_LEVEL.
    configure_logging(logging.WARNING)


@cli.command()
@click.option(
    "--offline-fallback",
    is_flag=True,
    help="With no BOT_TOKEN, say so and start the offline console instead of exiting.",
)
@click.option(
    "--webhook",
    is_flag=True,
    help="Take updates from Telegram's webhook (WEBHOOK__URL, WEBHOOK__SECRET) instead of "
    "long polling; the same as WEBHOOK__ENABLED=true.",
)
def run(offline_fallback: bool, webhook: bool) -> None:
    """Apply migrations and run the bot (long polling, or the webhook)."""
    settings = settings_or_exit()
    try:
        token = settings.require_token()
    except ConfigError as error:
        if offline_fallback and not settings.has_token:
            click.echo(f"{error}\nStarting the offline console now (`careerbot chat`).\n")
            apply_migrations(settings)
            from bot.console.chat import run_chat

            asyncio.run(run_chat(settings, user_id=1, language=settings.default_language))
            return
        fail(str(error))
    configure_logging(settings.log_level, settings.log_format)
    apply_migrations(settings)
    from aiogram.exceptions import TelegramNetworkError

    from bot.runner import run_bot

    try:
        asyncio.run(run_bot(settings, token, webhook=webhook or settings.webhook.enabled))
    except ConfigError as error:
        fail(str(error))
    except TelegramNetworkError as error:
        fail(
            f"Cannot reach the Telegram Bot API ({error}); check the network or TELEGRAM_API_BASE."
        )


@cli.command()
def worker() -> None:
    """Apply migrations and run the scheduler alone (reminders), without polling."""
    settings = settings_or_exit()
    try:
        token = settings.require_token()
    except ConfigError as error:
        fail(str(error))
    configure_logging(settings.log_level, settings.log_format)
    apply_migrations(settings)
    from aiogram.exceptions import TelegramNetworkError

    from bot.runner import run_worker

    try:
        asyncio.run(run_worker(settings, token))
    except ConfigError as error:
        fail(str(error))
    except TelegramNetworkError as error:
        fail(
            f"Cannot reach the Telegram Bot API ({error}); check the network or TELEGRAM_API_BASE."
        )


@cli.command()
@click.option("--user-id", default=1, show_default=True, help="The local user's Telegram id.")
@click.option("--language", default="ru", type=click.Choice(["ru", "en"]), show_default=True)
@click.option(
    "--record",
    type=click.File("w", encoding="utf-8"),
    default=None,
    help="Write the dialog to a transcript file (tests replay such files).",
)
@click.option(
    "--frozen-time",
    type=click.DateTime(formats=["%Y-%m-%dT%H:%M:%S%z"]),
    default=None,
    help="Pretend it is always this moment (ISO with offset), for reproducible transcripts.",
)
def chat(user_id: int, language: str, record: TextIO | None, frozen_time: datetime | None) -> None:
    """Talk to the bot in this terminal: no token, no network."""
    settings = settings_or_exit()
    logging.getLogger().setLevel(logging.WARNING)
    apply_migrations(settings)
    from bot.console.chat import run_chat

    asyncio.run(
        run_chat(
            settings,
            user_id=user_id,
            language=language,
            record=record,
            frozen_time=frozen_time,
        )
    )


@cli.group()
def db() -> None:
    """Database migrations."""


@db.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: the newest)."""
    settings = settings_or_exit()
    if revision == "head":
        apply_migrations(settings)
    else:
        from bot.storage.migrate import upgrade

        upgrade(settings.database_url, revision)
    click.echo(f"Database {safe_url(settings.database_url)} is at {revision}.")


@db.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Revert migrations down to REVISION (e.g. base)."""
    settings = settings_or_exit()
    from bot.storage.migrate import downgrade

    downgrade(settings.database_url, revision)
    click.echo(f"Database {safe_url(settings.database_url)} is at {revision}.")
