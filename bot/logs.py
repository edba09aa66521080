"""Logging that never carries what users wrote: no message texts, phones or SQL parameters.

The engine hides SQL parameters from its errors (`hide_parameters`). Two more leaks are
closed here: database drivers log every statement with its parameters at DEBUG, and a
database error's message may quote the failing row (PostgreSQL's "DETAIL: Failing row
contains (…)"), so such errors are described by their kind and constraint only."""

from __future__ import annotations

import logging
import traceback

from sqlalchemy.exc import DBAPIError, StatementError

# Loggers that print statements with their parameters below WARNING.
PARAMETER_LOGGERS = ("aiosqlite", "asyncpg", "sqlalchemy.engine", "sqlalchemy.pool")


def configure_logging(level: int | str = logging.WARNING) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger().setLevel(level)
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


def _database_error(error: BaseException) -> BaseException | None:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, DBAPIError | StatementError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None
