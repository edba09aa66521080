"""What a broadcast may say: limits in characters, formatting Telegram takes back, buttons,
and the draft surviving the dialog state."""

from __future__ import annotations

import pytest

from bot.services.broadcasts.content import (
    Draft,
    compose,
    link_button,
    outgoing,
    utf16_length,
)
from bot.services.errors import DomainError
from bot.services.messaging import MediaKind, TextEntity


def _refusal(call: object) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()  # type: ignore[operator]
    return caught.value


def test_limits_are_counted_and_said() -> None:
    assert _refusal(lambda: compose("text", " \n ", ())).key == "broadcast-empty"
    error = _refusal(lambda: compose("text", "я" * 4097, ()))
    assert (error.key, error.args_for_text) == (
        "broadcast-too-long",
        {"count": 4097, "limit": 4096},
    )
    assert compose("text", "я" * 4096, ()).text == "я" * 4096
    error = _refusal(lambda: compose("photo", "я" * 1025, (), "file"))
    assert error.key == "broadcast-caption-too-long" and error.args_for_text["count"] == 1025
    assert _refusal(lambda: compose(None, "", ())).key == "broadcast-unsupported"
    assert _refusal(lambda: compose("photo", "", ())).key == "broadcast-unsupported"
    # A photo needs no caption; a caption of spaces is none.
    assert compose("photo", "   ", (TextEntity("bold", 0, 1),), "file").text == ""


def test_formatting_kept_dropped_or_refused() -> None:
    text = "🎉 Приходите!"  # the emoji takes two UTF-16 units
    assert utf16_length(text) == len(text) + 1
    entities = (
        TextEntity("custom_emoji", 0, 2),
        TextEntity("bold", 3, 10),
        TextEntity("mention", 0, 2),
        TextEntity("text_link", 3, 4, url="https://copp70.ru"),
    )
    draft = compose("text", text, entities)
    assert [e.type for e in draft.entities] == ["bold", "text_link"]
    beyond = (TextEntity("bold", 3, 11),)
    assert _refusal(lambda: compose("text", text, beyond)).key == "broadcast-bad-formatting"
    script = (TextEntity("text_link", 0, 2, url="javascript:alert(1)"),)
    assert _refusal(lambda: compose("text", text, script)).key == "broadcast-bad-formatting"


def test_buttons_and_the_message_as_sent() -> None:
    assert _refusal(lambda: link_button("Записаться", "copp70.ru")).key == "broadcast-bad-url"
    assert _refusal(lambda: link_button("  ", "https://copp70.ru")).key == "broadcast-button-empty"
    error = _refusal(lambda: link_button("я" * 41, "https://copp70.ru"))
    assert error.key == "broadcast-button-too-long" and error.args_for_text["count"] == 41
    button = link_button("  Записаться \n сейчас ", " https://copp70.ru/a ")
    assert (button.text, button.url) == ("Записаться сейчас", "https://copp70.ru/a")

    draft = compose("document", "Положение", (TextEntity("italic", 0, 3),), "doc-1")
    draft = draft.with_button(button)
    message = outgoing(draft, paid=True)
    assert message.media is not None and message.media.kind is MediaKind.DOCUMENT
    assert message.buttons[0][0].url == "https://copp70.ru/a" and message.paid
    assert Draft.from_data(draft.as_data()) == draft
    assert Draft.from_data({"kind": "text"}) is None
    assert Draft.from_data("garbage") is None
