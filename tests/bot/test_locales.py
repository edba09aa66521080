"""Every key exists in every locale with the same placeholders."""

from __future__ import annotations

import re

import pytest
from fluent.syntax import FluentParser, ast

from bot.i18n import LOCALES_DIR, SUPPORTED_LANGUAGES, Translator

PLACEHOLDER = re.compile(r"\{\s*\$([a-z_]+)")


def _messages(language: str) -> dict[str, set[str]]:
    parser = FluentParser()
    messages: dict[str, set[str]] = {}
    for path in sorted((LOCALES_DIR / language).glob("*.ftl")):
        resource = parser.parse(path.read_text(encoding="utf-8"))
        junk = [entry for entry in resource.body if isinstance(entry, ast.Junk)]
        assert not junk, f"{path}: syntax error near {junk[0].content[:80]!r}"
        source = path.read_text(encoding="utf-8")
        for entry in resource.body:
            if isinstance(entry, ast.Message):
                assert entry.id.name not in messages, f"duplicate key {entry.id.name}"
                span = source[entry.span.start : entry.span.end] if entry.span else ""
                messages[entry.id.name] = set(PLACEHOLDER.findall(span))
    return messages


def test_locales_have_the_same_keys_and_placeholders() -> None:
    reference = _messages("ru")
    assert len(reference) > 20
    for language in SUPPORTED_LANGUAGES:
        other = _messages(language)
        assert other.keys() == reference.keys(), (
            f"{language}: missing {sorted(reference.keys() - other.keys())}, "
            f"extra {sorted(other.keys() - reference.keys())}"
        )
        for key, placeholders in reference.items():
            assert other[key] == placeholders, f"{language}:{key} placeholders differ"


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_message_renders(language: str) -> None:
    t = Translator(language)
    for key, placeholders in _messages(language).items():
        rendered = t(key, **dict.fromkeys(placeholders, "1"))
        assert rendered and rendered != key
