"""A Bot API session with no network: it records every request and fabricates plausible
replies. `careerbot chat` renders the recorded requests; tests assert on them. Canned error
responses go through aiogram's own `check_response`, so callers see the real exceptions."""

from __future__ import annotations

import itertools
import json
from collections import deque
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, get_args

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.methods import GetFile, GetMe, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import Chat, Message, User

_FILE_FOLDER = "documents"
BOT_USER = User(id=42, is_bot=True, first_name="Careerbot", username="careerbot_console_bot")


@dataclass
class CannedError:
    status_code: int
    description: str
    parameters: dict[str, Any] | None = None


class RecordingSession(BaseSession):
    def __init__(self) -> None:
        super().__init__()
        self.requests: list[TelegramMethod[Any]] = []
        self._errors: deque[CannedError] = deque()
        self._message_ids = itertools.count(1000)
        self._sent_message_ids: dict[int, int] = {}
        self._taken_message_ids: dict[int, int] = {}
        # Files a fabricated user "uploaded", by file_id: getFile and the download serve them.
        self.files: dict[str, bytes] = {}

    def add_file(self, file_id: str, data: bytes) -> None:
        self.files[file_id] = data

    def fail_next(
        self, status_code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        self._errors.append(CannedError(status_code, description, parameters))

    def take(self) -> list[TelegramMethod[Any]]:
        taken, self.requests = self.requests, []
        self._taken_message_ids, self._sent_message_ids = self._sent_message_ids, {}
        return taken

    def message_id_of(self, method: TelegramMethod[Any]) -> int:
        """The id of the message a recorded send created (0 if it created none)."""
        return self._taken_message_ids.get(id(method)) or self._sent_message_ids.get(id(method), 0)

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 - aiogram's signature
    ) -> TelegramType:
        self.requests.append(method)
        if self._errors:
            error = self._errors.popleft()
            body: dict[str, Any] = {"ok": False, "description": error.description}
            if error.parameters:
                body["parameters"] = error.parameters
            self.check_response(bot, method, error.status_code, json.dumps(body))
        result = self._fabricate(method)
        response = self.check_response(
            bot, method, 200, json.dumps({"ok": True, "result": result}, default=str)
        )
        return response.result  # type: ignore[return-value]

    def _fabricate(self, method: TelegramMethod[Any]) -> Any:
        if isinstance(method, GetMe):
            return BOT_USER.model_dump(exclude_none=True)
        if isinstance(method, GetFile):
            data = self.files.get(method.file_id, b"")
            return {
                "file_id": method.file_id,
                "file_unique_id": method.file_id,
                "file_size": len(data),
                "file_path": f"{_FILE_FOLDER}/{method.file_id}",
            }
        returning = method.__returning__
        if getattr(returning, "__origin__", None) is list:
            return []  # an album's messages: nothing here reads them
        options = get_args(returning) or (returning,)
        chat_id = getattr(method, "chat_id", None)
        if Message in options and chat_id is not None and not isinstance(chat_id, str):
            message_id = getattr(method, "message_id", None) or next(self._message_ids)
            self._sent_message_ids[id(method)] = message_id
            message = Message(
                message_id=message_id,
                date=datetime.now(UTC),
                chat=Chat(id=chat_id, type="private"),
                from_user=BOT_USER,
                text=getattr(method, "text", None) or getattr(method, "caption", None),
            )
            return message.model_dump(mode="json", exclude_none=True, by_alias=True)
        if bool in options or Message in options:
            return True
        if returning is list or getattr(returning, "__origin__", None) is list:
            return []
        return True

    async def close(self) -> None:
        return None

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,  # noqa: ASYNC109 - aiogram's signature
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        """The bytes of a file added with `add_file` (a staff member's catalogue upload)."""
        file_id = url.rsplit(f"/{_FILE_FOLDER}/", 1)[-1]
        data = self.files.get(file_id, b"")
        for start in range(0, len(data), chunk_size):
            yield data[start : start + chunk_size]
