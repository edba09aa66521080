"""What a broadcast says, checked before anyone sees it: the text or caption within
Telegram's limits, formatting Telegram will accept back, one optional button.

Formatting travels as Telegram's own entities (the staff member's message as Telegram parsed
it), never as HTML or Markdown, so no character in the text can make Telegram refuse it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.services.errors import DomainError
from bot.services.messaging import Button, Media, MediaKind, Outgoing, TextEntity
from bot.services.ports import BroadcastRecord

TEXT = "text"
PHOTO = MediaKind.PHOTO.value
DOCUMENT = MediaKind.DOCUMENT.value
KINDS = (TEXT, PHOTO, DOCUMENT)
TEXT_LIMIT = 4096  # Telegram: a message is at most 4096 characters
CAPTION_LIMIT = 1024  # and a caption at most 1024 (longer ones from Premium users too)
BUTTON_TEXT_LIMIT = 40  # a button label that fits a phone's width
URL_LIMIT = 512
CALLBACK_LIMIT = 64  # Telegram: callback_data is at most 64 bytes
# Formatting a bot may send back. Mentions, hashtags, links and commands Telegram finds in
# the text again by itself; a custom emoji needs a paid username, so its plain emoji stays.
KEPT_ENTITIES = frozenset(
    {
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "spoiler",
        "code",
        "pre",
        "text_link",
        "blockquote",
        "expandable_blockquote",
    }
)
URL_SCHEMES = ("https://", "http://", "tg://")


@dataclass(frozen=True, slots=True)
class DraftButton:
    text: str
    url: str = ""
    data: str = ""  # callback data the edge packed (an event's card)


@dataclass(frozen=True, slots=True)
class Draft:
    kind: str  # text | photo | document
    text: str  # the text, or the caption ("" for a photo without one)
    entities: tuple[TextEntity, ...] = ()
    file_id: str | None = None
    button: DraftButton | None = None

    def with_button(self, button: DraftButton | None) -> Draft:
        return Draft(self.kind, self.text, self.entities, self.file_id, button)

    def as_data(self) -> dict[str, Any]:
        """Plain JSON for the dialog state between the staff member's steps."""
        return {
            "kind": self.kind,
            "text": self.text,
            "entities": [entity_data(entity) for entity in self.entities],
            "file_id": self.file_id,
            "button": None
            if self.button is None
            else {"text": self.button.text, "url": self.button.url, "data": self.button.data},
        }

    @classmethod
    def from_data(cls, data: object) -> Draft | None:
        """The draft back from the dialog state; None when it is missing or damaged."""
        if not isinstance(data, dict):
            return None
        try:
            button = data.get("button")
            return cls(
                kind=str(data["kind"]),
                text=str(data["text"]),
                entities=tuple(entity_from(item) for item in data.get("entities") or ()),
                file_id=data.get("file_id"),
                button=DraftButton(**button) if isinstance(button, dict) else None,
            )
        except (KeyError, TypeError, ValueError):
            return None


def entity_data(entity: TextEntity) -> dict[str, Any]:
    data: dict[str, Any] = {"type": entity.type, "offset": entity.offset, "length": entity.length}
    if entity.url:
        data["url"] = entity.url
    if entity.language:
        data["language"] = entity.language
    return data


def entity_from(data: dict[str, Any]) -> TextEntity:
    return TextEntity(
        type=str(data["type"]),
        offset=int(data["offset"]),
        length=int(data["length"]),
        url=data.get("url"),
        language=data.get("language"),
    )


def utf16_length(text: str) -> int:
    """Telegram measures entity offsets in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _kept(entities: tuple[TextEntity, ...], text: str) -> tuple[TextEntity, ...]:
    """The formatting to send back; «broadcast-bad-formatting» when Telegram would refuse it."""
    size = utf16_length(text)
    kept = []
    for entity in entities:
        if entity.type not in KEPT_ENTITIES:
            continue
        if entity.offset < 0 or entity.length <= 0 or entity.offset + entity.length > size:
            raise DomainError("broadcast-bad-formatting")
        if entity.type == "text_link" and not valid_url(entity.url or ""):
            raise DomainError("broadcast-bad-formatting")
        kept.append(entity)
    return tuple(kept)


def valid_url(url: str) -> bool:
    return (
        len(url) <= URL_LIMIT
        and url.lower().startswith(URL_SCHEMES)
        and len(url) > len(url.split("//", 1)[0]) + 2
        and not any(c.isspace() for c in url)
    )


def compose(
    kind: str | None, text: str, entities: tuple[TextEntity, ...], file_id: str | None = None
) -> Draft:
    """A draft from the staff member's message, or the reason it cannot go out as it is."""
    if kind not in KINDS:
        raise DomainError("broadcast-unsupported")
    if kind == TEXT:
        if not text.strip():
            raise DomainError("broadcast-empty")
        if len(text) > TEXT_LIMIT:
            raise DomainError("broadcast-too-long", count=len(text), limit=TEXT_LIMIT)
    else:
        if not file_id:
            raise DomainError("broadcast-unsupported")
        if len(text) > CAPTION_LIMIT:
            raise DomainError("broadcast-caption-too-long", count=len(text), limit=CAPTION_LIMIT)
        if not text.strip():
            text, entities = "", ()
    return Draft(kind, text, _kept(entities, text), file_id)


def checked_url(url: str) -> str:
    url = url.strip()
    if not valid_url(url):
        raise DomainError("broadcast-bad-url")
    return url


def link_button(text: str, url: str) -> DraftButton:
    return DraftButton(text=button_label(text), url=checked_url(url))


def button_label(text: str) -> str:
    label = " ".join(text.split())
    if not label:
        raise DomainError("broadcast-button-empty")
    if len(label) > BUTTON_TEXT_LIMIT:
        raise DomainError("broadcast-button-too-long", count=len(label), limit=BUTTON_TEXT_LIMIT)
    return label


def callback_button(text: str, data: str) -> DraftButton:
    if not data or len(data.encode("utf-8")) > CALLBACK_LIMIT:
        raise DomainError("button-outdated")
    return DraftButton(text=" ".join(text.split())[:BUTTON_TEXT_LIMIT], data=data)


def outgoing(draft: Draft, *, paid: bool = False) -> Outgoing:
    """The message exactly as recipients get it (the preview is this very message)."""
    buttons: tuple[tuple[Button, ...], ...] = ()
    if draft.button is not None:
        buttons = ((Button(draft.button.text, draft.button.data, draft.button.url),),)
    media = Media(MediaKind(draft.kind), draft.file_id or "") if draft.kind != TEXT else None
    return Outgoing(
        text=draft.text, buttons=buttons, entities=draft.entities, media=media, paid=paid
    )


def draft_of(record: BroadcastRecord) -> Draft:
    button = None
    if record.button_text:
        button = DraftButton(
            record.button_text, url=record.button_url or "", data=record.button_data or ""
        )
    return Draft(
        kind=record.kind,
        text=record.text,
        entities=tuple(entity_from(item) for item in record.entities),
        file_id=record.file_id,
        button=button,
    )
