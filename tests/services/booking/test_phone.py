"""Phone numbers typed in the habits people have, reduced to E.164 and shown back."""

from __future__ import annotations

import pytest

from bot.services.booking import display_phone, normalise_contact_phone, normalise_phone

MOBILE = "+79123456789"


@pytest.mark.parametrize(
    "typed",
    [
        "8 (912) 345-67-89",
        "+7 912 345 67 89",
        "89123456789",
        "9123456789",
        "8-912-345-67-89",
        "7 912 3456789",
        "79123456789",
        "+79123456789",
        "+7(912)345-67-89",
        "8.912.345.67.89",
        "  8 912 345 67 89  ",
        "8\u00a0912\u00a0345\u201167\u201189",  # non-breaking space and hyphen, as pasted
        "+7 (912) 345–67–89",  # en dashes
        "+8 912 345-67-89",  # the domestic 8 typed after a plus
        "+ 7 912 345 67 89",
    ],
)
def test_a_russian_mobile_in_any_common_format(typed: str) -> None:
    assert normalise_phone(typed) == MOBILE


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("+7(3822)97-71-39", "+73822977139"),  # Tomsk landline
        ("8 (3822) 97-71-39", "+73822977139"),
        ("3822977139", "+73822977139"),
        ("8 (4822) 55-12-34", "+74822551234"),  # Tver
        ("8 (800) 555-35-35", "+78005553535"),  # toll-free
        ("+7 701 123 45 67", "+77011234567"),  # Kazakhstan shares +7
        ("+375 29 123 45 67", "+375291234567"),  # Belarus
        ("+375 (29) 123-45-67", "+375291234567"),
        ("+998 90 123 45 67", "+998901234567"),  # Uzbekistan
        ("+49 30 1234567", "+49301234567"),  # 10 digits
        ("+44 20 7946 0958", "+442079460958"),
        ("+1 234 567 8901", "+12345678901"),
        ("+12345678", "+12345678"),  # 8 digits: the shortest accepted
        ("+123456789012345", "+123456789012345"),  # 15 digits: the longest E.164 allows
    ],
)
def test_landlines_and_foreign_numbers(typed: str, expected: str) -> None:
    assert normalise_phone(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "+",
        "---",
        "телефон",
        "8 912 345 67 8a",
        "8 912 345-67-89 доб. 301",  # an extension is no number to dial
        "8912345678",  # ten digits after the trunk 8: one is missing
        "891234567890",  # twelve digits
        "8 912 345 67 8",  # ten digits with 8 in front
        "912345678",  # nine digits
        "99123456789",  # eleven digits must begin with 7 or 8
        "59123456789",
        "1234567890",  # ten bare digits must begin with an area or mobile code
        "8123456789",  # a leading 8 in ten digits may be the trunk prefix: not guessed
        "+7 912 345 67 8",  # +7 needs exactly ten more digits
        "+7 912 345 67 890",
        "+7 012 345 67 89",  # no Russian number begins with 0, 1, 2 or 5
        "+7 512 345 67 89",
        "375291234567",  # foreign only with an explicit plus
        "+1234567",  # seven digits
        "+1234567890123456",  # sixteen digits
        "+0123456789",  # no country code begins with 0
        "8+9123456789",  # a plus in the middle
        "++79123456789",
        "+7 912 345 67 89 +7",
        "8/912/345/67/89",
        "8 912 345 67 89\n8 912 345 67 88",
        "٨٩١٢٣٤٥٦٧٨٩",  # Arabic-Indic digits: isdigit() would accept them
        "8 912 345 67 89 ²",
    ],
)
def test_not_a_phone_number(typed: str) -> None:
    assert normalise_phone(typed) is None


@pytest.mark.parametrize(
    ("shared", "expected"),
    [
        ("79123456789", MOBILE),
        ("+79123456789", MOBILE),
        ("375291234567", "+375291234567"),  # a foreign contact comes without the plus too
        ("+375291234567", "+375291234567"),
        (" 998901234567 ", "+998901234567"),
        ("", None),
        ("12", None),
    ],
)
def test_a_shared_telegram_contact_always_carries_the_country_code(
    shared: str, expected: str | None
) -> None:
    assert normalise_contact_phone(shared) == expected


@pytest.mark.parametrize(
    ("e164", "shown"),
    [
        (MOBILE, "+7 912 345-67-89"),
        ("+73822977139", "+7 382 297-71-39"),
        ("+375291234567", "+375291234567"),
        ("+12345678", "+12345678"),
    ],
)
def test_display(e164: str, shown: str) -> None:
    assert display_phone(e164) == shown


@pytest.mark.parametrize("bad", ["", "89123456789", "+7 912 345 67 89", "+0123456789", "+7912"])
def test_display_refuses_what_is_not_e164(bad: str) -> None:
    with pytest.raises(ValueError, match=r"E\.164"):
        display_phone(bad)


@pytest.mark.parametrize(
    "typed", ["8 (912) 345-67-89", "+7(3822)97-71-39", "+375 29 123 45 67", "9123456789"]
)
def test_normalising_what_is_displayed_gives_the_same_number(typed: str) -> None:
    stored = normalise_phone(typed)
    assert stored is not None
    assert normalise_phone(display_phone(stored)) == stored
    assert normalise_phone(stored) == stored
