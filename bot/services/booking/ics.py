"""The calendar file (RFC 5545) of one consultation, for the phone's calendar app.

Written by hand rather than with a library: one event needs a few dozen lines, and each rule
that the phone calendars are strict about (escaping, CRLF, folding at 75 octets) is spelled
out here where a test can pin it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PRODID = "-//careerbot//Consultation booking//RU"
DEFAULT_ALARM_BEFORE = timedelta(hours=2)

# RFC 5545 §3.1: a content line SHOULD NOT exceed 75 octets; a continuation line starts with
# one space, which counts towards its 75.
MAX_LINE_OCTETS = 75
CRLF = b"\r\n"

# TEXT may not carry control characters other than tab (RFC 5545 §3.3.11, TSAFE-CHAR);
# line breaks are escaped before this strips the rest.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def booking_ics(
    *,
    uid: str,
    start: datetime,
    end: datetime,
    summary: str,
    location: str,
    description: str,
    stamp: datetime,
    sequence: int = 0,
    cancelled: bool = False,
    timezone_name: str | None = None,
    alarm_before: timedelta | None = DEFAULT_ALARM_BEFORE,
) -> bytes:
    """One VEVENT in a VCALENDAR, UTF-8 with CRLF line endings.

    Times are written in UTC («…Z»): every calendar app reads them and shows them in the
    phone's own zone, with no VTIMEZONE block to get wrong. ``timezone_name`` (the centre's
    IANA zone) only adds the X-WR-TIMEZONE hint that some apps use as the calendar's zone.

    ``uid`` must stay the same for every version of one booking and ``sequence`` must grow
    with each change, so that a rescheduled or cancelled file updates the event already
    imported instead of adding a second one. A cancelled file has METHOD:CANCEL,
    STATUS:CANCELLED and no alarm.
    """
    _check_event(uid=uid, start=start, end=end, stamp=stamp, sequence=sequence)
    event = [
        ("UID", escape_text(uid)),
        ("DTSTAMP", _utc(stamp)),
        ("DTSTART", _utc(start)),
        ("DTEND", _utc(end)),
        ("SUMMARY", escape_text(summary)),
        ("LOCATION", escape_text(location)),
        ("DESCRIPTION", escape_text(description)),
        ("SEQUENCE", str(sequence)),
        ("STATUS", "CANCELLED" if cancelled else "CONFIRMED"),
    ]
    alarm: list[tuple[str, str]] = []
    if alarm_before is not None and not cancelled:
        alarm = [
            ("BEGIN", "VALARM"),
            ("ACTION", "DISPLAY"),
            # DISPLAY alarms must carry a DESCRIPTION (RFC 5545 §3.6.6): what the phone shows.
            ("DESCRIPTION", escape_text(summary)),
            ("TRIGGER", "-" + _duration(alarm_before)),
            ("END", "VALARM"),
        ]
    header = [
        ("VERSION", "2.0"),
        ("PRODID", PRODID),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "CANCEL" if cancelled else "PUBLISH"),
    ]
    if timezone_name is not None:
        header.append(("X-WR-TIMEZONE", _known_zone(timezone_name)))
    lines = [
        ("BEGIN", "VCALENDAR"),
        *header,
        ("BEGIN", "VEVENT"),
        *event,
        *alarm,
        ("END", "VEVENT"),
        ("END", "VCALENDAR"),
    ]
    return b"".join(fold(f"{name}:{value}") for name, value in lines)


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks
    as ``\\n``, other control characters dropped."""
    escaped = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _CONTROL.sub("", _LINE_BREAK.sub("\\\\n", escaped))


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded into lines of at most 75 octets, each ending in CRLF.

    A cut never falls inside a multi-byte character: strict parsers reject the half
    characters, and a Cyrillic letter takes two octets.
    """
    data = line.encode()
    chunks: list[bytes] = []
    limit = MAX_LINE_OCTETS
    while len(data) > limit:
        cut = limit
        while _is_continuation_byte(data[cut]):
            cut -= 1
        chunks.append(data[:cut])
        data = data[cut:]
        limit = MAX_LINE_OCTETS - 1  # the leading space of a continuation line
    chunks.append(data)
    return b"\r\n ".join(chunks) + CRLF


def _is_continuation_byte(octet: int) -> bool:
    return octet & 0b1100_0000 == 0b1000_0000


def _check_event(
    *, uid: str, start: datetime, end: datetime, stamp: datetime, sequence: int
) -> None:
    if not uid.strip():
        raise ValueError("a calendar event needs a uid")
    for name, moment in (("start", start), ("end", end), ("stamp", stamp)):
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"{name} must be timezone-aware, got {moment!r}")
    if end <= start:
        raise ValueError(f"the event must end after it starts: {start} .. {end}")
    if sequence < 0:
        raise ValueError(f"sequence cannot be negative: {sequence}")


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _duration(span: timedelta) -> str:
    """A positive RFC 5545 duration in the largest unit that divides it exactly.

    One unit only, because the grammar forbids gaps such as «PT2H5S» (seconds without
    minutes) that a free mix of units would produce.
    """
    seconds = int(span.total_seconds())
    if seconds <= 0 or span != timedelta(seconds=seconds):
        raise ValueError(f"an alarm needs a positive whole number of seconds, got {span}")
    if seconds % 86_400 == 0:
        return f"P{seconds // 86_400}D"
    if seconds % 3_600 == 0:
        return f"PT{seconds // 3_600}H"
    if seconds % 60 == 0:
        return f"PT{seconds // 60}M"
    return f"PT{seconds}S"


def _known_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown time zone: {name!r}") from error
    return name
