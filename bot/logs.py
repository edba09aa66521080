"""Logging that never carries what users wrote: no message texts, phones or SQL parameters.

The engine hides SQL parameters from its errors (`hide_parameters`). Two more leaks are
closed here: database drivers log every statement with its parameters at DEBUG, and a
database error's message may quote the failing row (PostgreSQL's "DETAIL: Failing row
contains (…)"), so such errors are described by their kind and constraint only."""

from __future__ import annotations

import json
import logging
import traceback
from contextvars import ContextVar
from datetime import UTC, datetime

from sqlalchemy.exc import DBAPIError, StatementError

# Loggers that print statements with their parameters below WARNING.
PARAMETER_LOGGERS = ("aiosqlite", "asyncpg", "sqlalchemy.engine", "sqlalchemy.pool")


# Set by the first middleware for the update being handled: every line logged while
# handling it names the update and the user, and nothing else about them.
CURRENT_UPDATE: ContextVar[int | None] = ContextVar("current_update", default=None)
CURRENT_USER: ContextVar[int | None] = ContextVar("current_user", default=None)

TEXT_FORMAT = (
    "%(asctime)s %(levelname)s %(name)s [update=%(update_id)s user=%(user_id)s]: %(message)s"
)


class UpdateContextFilter(logging.Filter):
    """Adds the update id and the user id (or "-") to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.update_id = _or_dash(CURRENT_UPDATE.get())
        record.user_id = _or_dash(CURRENT_USER.get())
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line, for a log collector (LOG_FORMAT=json)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "update_id": CURRENT_UPDATE.get(),
            "user_id": CURRENT_USER.get(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: int | str = logging.WARNING, log_format: str = "text") -> None:
    handler = logging.StreamHandler()
    handler.addFilter(UpdateContextFilter())
    handler.setFormatter(
        JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT)
    )
    root = logging.getLogger()
    # Replaces what an earlier call installed, so a command can raise the level later.
    for old in [h for h in root.handlers if getattr(h, "careerbot", False)]:
        root.removeHandler(old)
    handler.careerbot = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    # APScheduler says «Running job …» at INFO every tick; its warnings (a missed run) stay.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    for name in PARAMETER_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def describe_safely(error: BaseException) -> str:
    """One line about an error, without quoting data when the database raised it."""
    database_error = _database_error(error)
    if database_error is None:
        return f"{type(error).__name__}: {error}"
    original = getattr(database_error, "orig", None)
    parts = [type(database_error).__name__]
    if original is not None:
        parts.append(f"({type(original).__name__})")
    for attribute in ("sqlstate", "constraint_name", "table_name"):
        value = getattr(original, attribute, None)
        if value:
            parts.append(f"{attribute}={value}")
    return " ".join(parts)


def safe_traceback(error: BaseException) -> str:
    """The frames (file, line, code) of the error, with a data-free message when the
    database raised it; frames show source lines, never the values in them."""
    if _database_error(error) is None:
        return "".join(traceback.format_exception(error))
    return "".join(traceback.format_tb(error.__traceback__)) + describe_safely(error)


def _or_dash(value: int | None) -> str:
    return "-" if value is None else str(value)


def _database_error(error: BaseException) -> BaseException | None:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, DBAPIError | StatementError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None
