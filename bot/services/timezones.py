"""Time zones, with one fallback: the first known zone of the candidates (a centre's, then
the user's), else the deployment's default, else Moscow time.

Russia has eleven zones; a wrong or missing name must never crash a reply or silently turn
into UTC, which is right for nobody here."""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

FALLBACK_TIMEZONE = "Europe/Moscow"


@lru_cache(maxsize=256)
def _known(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def zone_name(*candidates: str | None) -> str:
    """The first candidate that names a real zone; the last candidate is usually the
    deployment's DEFAULT_TIMEZONE."""
    for name in candidates:
        if name and _known(name):
            return name
    return FALLBACK_TIMEZONE


def zone(*candidates: str | None) -> ZoneInfo:
    return ZoneInfo(zone_name(*candidates))
