"""The consultation's calendar file: parsed back with the icalendar library, as a phone
calendar would read it, and checked octet by octet where the RFC sets limits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest

from bot.services.booking import booking_ics
from bot.services.booking.ics import MAX_LINE_OCTETS, escape_text, fold

TOMSK = ZoneInfo("Asia/Tomsk")
# 10:00 in Tomsk (UTC+7) is 03:00 UTC.
START = datetime(2026, 12, 1, 10, 0, tzinfo=TOMSK)
END = START + timedelta(minutes=30)
STAMP = datetime(2026, 11, 23, 7, 15, 30, tzinfo=UTC)
SUMMARY = "Консультация по профориентации — ЦОПП Томской области"
LOCATION = "634061, г. Томск, ул. Ленина, д. 1; каб. 305 (вход со двора)"
DESCRIPTION = (
    "Запись №42. Возьмите паспорт, СНИЛС; документ об образовании.\n"
    "Если не сможете прийти, отмените запись в боте: слот освободится для других.\n"
    "Путь C:\\docs\\запись — обратная косая черта тоже должна дойти, как и «кавычки»."
)


def _ics(**changes: Any) -> bytes:
    arguments: dict[str, Any] = {
        "uid": "booking-42@careerbot",
        "start": START,
        "end": END,
        "summary": SUMMARY,
        "location": LOCATION,
        "description": DESCRIPTION,
        "stamp": STAMP,
    }
    arguments.update(changes)
    return booking_ics(**arguments)


def _parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def _event(data: bytes) -> icalendar.Event:
    events = _parse(data).walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_every_field_round_trips_through_a_calendar_parser() -> None:
    calendar = _parse(_ics(sequence=3))
    assert str(calendar["VERSION"]) == "2.0"
    assert "careerbot" in str(calendar["PRODID"])
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    event = _event(_ics(sequence=3))
    assert str(event["UID"]) == "booking-42@careerbot"
    assert str(event["SUMMARY"]) == SUMMARY
    assert str(event["LOCATION"]) == LOCATION
    assert str(event["DESCRIPTION"]) == DESCRIPTION
    assert event.decoded("DTSTART") == START
    assert event.decoded("DTEND") == END
    assert event.decoded("DTSTAMP") == STAMP
    assert int(event["SEQUENCE"]) == 3
    assert str(event["STATUS"]) == "CONFIRMED"


def test_times_are_written_in_utc_whatever_the_zone_given() -> None:
    text = _ics().decode()
    assert "DTSTART:20261201T030000Z\r\n" in text
    assert "DTEND:20261201T033000Z\r\n" in text
    assert "DTSTAMP:20261123T071530Z\r\n" in text
    moscow = START.astimezone(ZoneInfo("Europe/Moscow"))
    assert _ics(start=moscow) == _ics()


def test_the_alarm_goes_off_two_hours_before() -> None:
    alarms = _event(_ics()).walk("VALARM")
    assert len(alarms) == 1
    alarm = alarms[0]
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == -timedelta(hours=2)
    assert str(alarm["DESCRIPTION"]) == SUMMARY
    assert "TRIGGER:-PT2H\r\n" in _ics().decode()


@pytest.mark.parametrize(
    ("before", "written"),
    [
        (timedelta(days=1), "-P1D"),
        (timedelta(hours=3), "-PT3H"),
        (timedelta(minutes=90), "-PT90M"),
        (timedelta(seconds=3605), "-PT3605S"),
    ],
)
def test_other_alarm_offsets_use_one_unit(before: timedelta, written: str) -> None:
    data = _ics(alarm_before=before)
    assert f"TRIGGER:{written}\r\n" in data.decode()
    assert _event(data).walk("VALARM")[0].decoded("TRIGGER") == -before


def test_no_alarm_when_none_is_asked() -> None:
    data = _ics(alarm_before=None)
    assert _event(data).walk("VALARM") == []
    assert b"VALARM" not in data


@pytest.mark.parametrize("before", [timedelta(0), timedelta(minutes=-5), timedelta(seconds=0.5)])
def test_an_alarm_needs_a_positive_whole_number_of_seconds(before: timedelta) -> None:
    with pytest.raises(ValueError, match="alarm"):
        _ics(alarm_before=before)


def test_a_cancelled_booking_cancels_the_same_event_without_an_alarm() -> None:
    data = _ics(cancelled=True, sequence=1)
    calendar = _parse(data)
    assert str(calendar["METHOD"]) == "CANCEL"
    event = _event(data)
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == "booking-42@careerbot"
    assert int(event["SEQUENCE"]) == 1
    assert event.walk("VALARM") == []
    assert b"CONFIRMED" not in data


def test_the_time_zone_hint_is_optional_and_checked() -> None:
    assert b"X-WR-TIMEZONE" not in _ics()
    calendar = _parse(_ics(timezone_name="Asia/Tomsk"))
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Tomsk"
    with pytest.raises(ValueError, match="time zone"):
        _ics(timezone_name="Asia/Atlantis")


@pytest.mark.parametrize("field", ["start", "end", "stamp"])
def test_naive_datetimes_are_refused(field: str) -> None:
    naive = {"start": START, "end": END, "stamp": STAMP}[field].replace(tzinfo=None)
    with pytest.raises(ValueError, match=field):
        _ics(**{field: naive})


def test_an_event_must_end_after_it_starts() -> None:
    with pytest.raises(ValueError, match="end after"):
        _ics(end=START)
    with pytest.raises(ValueError, match="end after"):
        _ics(end=START - timedelta(minutes=1))


def test_a_uid_and_a_non_negative_sequence_are_required() -> None:
    with pytest.raises(ValueError, match="uid"):
        _ics(uid="  ")
    with pytest.raises(ValueError, match="sequence"):
        _ics(sequence=-1)


def test_lines_end_in_crlf_and_nowhere_a_bare_line_feed() -> None:
    data = _ics()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")


def test_the_structure_is_one_event_inside_one_calendar() -> None:
    names = [line for line in _unfolded(_ics()) if line.startswith(("BEGIN:", "END:"))]
    assert names == [
        "BEGIN:VCALENDAR",
        "BEGIN:VEVENT",
        "BEGIN:VALARM",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a,b", "a\\,b"),
        ("a;b", "a\\;b"),
        ("a\\b", "a\\\\b"),
        ("a\nb", "a\\nb"),
        ("a\r\nb", "a\\nb"),
        ("a\rb", "a\\nb"),
        ("a:b", "a:b"),  # a colon needs no escape in a value
        ("tab\there", "tab\there"),
        ("bell\x07gone", "bellgone"),
        ("\\,", "\\\\\\,"),  # the backslash is escaped first, so «\,» does not collapse
    ],
)
def test_text_escaping(raw: str, escaped: str) -> None:
    assert escape_text(raw) == escaped


def test_awkward_text_round_trips() -> None:
    awkward = "a,b;c\\d\ne\r\nf \\n g;;,,"
    event = _event(_ics(summary=awkward, location=awkward, description=awkward))
    expected = "a,b;c\\d\ne\nf \\n g;;,,"
    assert str(event["SUMMARY"]) == expected
    assert str(event["LOCATION"]) == expected
    assert str(event["DESCRIPTION"]) == expected


def test_every_physical_line_fits_75_octets_and_is_whole_utf8() -> None:
    long_russian = "Длинное описание консультации по выбору профессии. " * 20
    data = _ics(description=long_russian, summary="Ж" * 100, location="ё,;" * 60)
    lines = data.split(b"\r\n")
    assert lines[-1] == b""
    for line in lines[:-1]:
        assert len(line) <= MAX_LINE_OCTETS
        line.decode("utf-8")  # a split two-octet letter would raise here
    assert str(_event(data)["DESCRIPTION"]) == long_russian


def test_folding_fills_lines_to_the_limit_with_ascii() -> None:
    folded = fold("X" * 200)
    lines = folded.split(b"\r\n")[:-1]
    assert [len(line) for line in lines] == [75, 75, 52]
    assert all(line.startswith(b" ") for line in lines[1:])
    assert b"".join(line.removeprefix(b" ") for line in lines) == b"X" * 200


def test_folding_moves_a_two_octet_letter_whole_to_the_next_line() -> None:
    # Two ASCII letters, then Cyrillic ones: octet 75 is the first half of the 37th letter.
    folded = fold("AB" + "Ж" * 60)
    lines = folded.split(b"\r\n")[:-1]
    assert [line.decode() for line in lines] == ["AB" + "Ж" * 36, " " + "Ж" * 24]
    assert [len(line) for line in lines] == [74, 49]
    # One ASCII letter: octet 75 ends a letter, so the line is filled to the limit.
    assert fold("A" + "Ж" * 60).split(b"\r\n")[0] == ("A" + "Ж" * 37).encode()


def test_folding_keeps_a_three_and_four_octet_character_whole() -> None:
    for character in ("€", "😀"):
        folded = fold("B" * 73 + character * 5)
        lines = folded.split(b"\r\n")[:-1]
        for line in lines:
            assert len(line) <= MAX_LINE_OCTETS
            line.decode("utf-8")
        assert lines[0] == b"B" * 73
        assert (
            "".join(line.decode().removeprefix(" ") for line in lines) == "B" * 73 + character * 5
        )


def test_a_short_line_is_not_folded() -> None:
    assert fold("A" * 75) == b"A" * 75 + b"\r\n"
    assert fold("A" * 76) == b"A" * 75 + b"\r\n A\r\n"


def _unfolded(data: bytes) -> list[str]:
    return data.replace(b"\r\n ", b"").decode().split("\r\n")[:-1]
