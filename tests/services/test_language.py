"""Telling a text written in the other language from the interface's, by its letters."""

from __future__ import annotations

import pytest

from bot.services.language import written_language


@pytest.mark.parametrize(
    ("text", "interface", "expected"),
    [
        ("hi, do you speak english?", "ru", "en"),
        ("welding courses in Rostov", "ru", "en"),
        ("HELLO, DO YOU SPEAK ENGLISH", "ru", "en"),
        ("хочу на сварщика", "en", "ru"),
        ("привет", "en", "ru"),
        ("хочу на сварщика", "ru", None),
        ("what is COPP?", "en", None),
        ("хочу в IT", "ru", None),
        ("3D", "ru", None),
        ("IT", "en", None),
        ("курсы по Excel и Python", "ru", None),
        ("мне 45, хочу работать в office", "ru", None),
        ("ok", "ru", None),
        ("12345", "ru", None),
        ("", "ru", None),
        ("😀😀", "en", None),
        ("hello", "de", None),
    ],
)
def test_written_language(text: str, interface: str, expected: str | None) -> None:
    assert written_language(text, interface) == expected
