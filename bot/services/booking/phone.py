"""Phone numbers as people type them, reduced to E.164 («+79123456789») for storage and for
the centre's staff to dial.

Russian numbers come in every habit of writing (8 or +7 or nothing in front, brackets, dashes,
dots); foreign ones are accepted only with an explicit «+», because without it their digits
cannot be told apart from a mistyped Russian number.
"""

from __future__ import annotations

import re

_DIGITS = frozenset("0123456789")
# Spaces (also the non-breaking ones phones paste), dots, brackets and every dash.
_SEPARATORS = frozenset(" \t\u00a0\u202f.()-\u2010\u2011\u2012\u2013\u2014\u2212")
# The first digit after +7: 3, 4, 8 are Russian area codes, 9 Russian mobiles, 6 and 7
# Kazakhstan (which shares +7). 0, 1, 2 and 5 begin no number, so they mean a typo.
_PLUS_SEVEN_FIRST_DIGITS = frozenset("346789")
# Ten bare digits are a Russian number without its prefix only when they begin with an area
# code or a mobile code; a leading 8 may just as well be the trunk prefix of a number with a
# digit missing, so it is refused rather than guessed.
_BARE_TEN_FIRST_DIGITS = frozenset("349")
RUSSIAN_NATIONAL_DIGITS = 10
# E.164 allows at most 15 digits; fewer than 8 is no real subscriber number anywhere.
INTERNATIONAL_DIGITS = range(8, 16)
_E164 = re.compile(r"\+[1-9][0-9]{7,14}")


def normalise_phone(text: str) -> str | None:
    """«+7XXXXXXXXXX» for a Russian number, «+<country><number>» for a foreign one written with
    «+», or None when the text is not a phone number."""
    stripped = text.strip()
    explicit_plus = stripped.startswith("+")
    body = stripped[1:] if explicit_plus else stripped
    if not body or not all(ch in _DIGITS or ch in _SEPARATORS for ch in body):
        return None
    digits = "".join(ch for ch in body if ch in _DIGITS)
    return _international(digits) if explicit_plus else _national(digits)


def normalise_contact_phone(phone_number: str) -> str | None:
    """The number of a contact shared in Telegram, in E.164.

    Telegram always includes the country code but some apps drop the «+» («79123456789»,
    «375291234567»), so the digits are read as international in any case.
    """
    stripped = phone_number.strip()
    return normalise_phone(stripped if stripped.startswith("+") else "+" + stripped)


def display_phone(e164: str) -> str:
    """A number for people to read: «+7 912 345-67-89»; a foreign number stays as stored,
    since its grouping differs by country."""
    if _E164.fullmatch(e164) is None:
        raise ValueError(f"not an E.164 phone number: {e164!r}")
    if not _is_plus_seven(e164):
        return e164
    national = e164[2:]
    return f"+7 {national[:3]} {national[3:6]}-{national[6:8]}-{national[8:]}"


def _international(digits: str) -> str | None:
    if digits.startswith("7"):
        return _plus_seven(digits[1:])
    # «+8 912 …»: the domestic 8 typed after a plus. No country code begins with 89.
    if digits.startswith("89") and len(digits) == 1 + RUSSIAN_NATIONAL_DIGITS:
        return _plus_seven(digits[1:])
    if len(digits) in INTERNATIONAL_DIGITS and not digits.startswith("0"):
        return "+" + digits
    return None


def _national(digits: str) -> str | None:
    if len(digits) == 1 + RUSSIAN_NATIONAL_DIGITS and digits[0] in "78":
        return _plus_seven(digits[1:])
    if len(digits) == RUSSIAN_NATIONAL_DIGITS and digits[0] in _BARE_TEN_FIRST_DIGITS:
        return _plus_seven(digits)
    return None


def _plus_seven(national: str) -> str | None:
    if len(national) != RUSSIAN_NATIONAL_DIGITS or national[0] not in _PLUS_SEVEN_FIRST_DIGITS:
        return None
    return "+7" + national


def _is_plus_seven(e164: str) -> bool:
    return e164.startswith("+7") and len(e164) == 2 + RUSSIAN_NATIONAL_DIGITS
