"""A Bot API stand-in with Telegram's limits, for the broadcast crash test and benchmarks.

It enforces a rate over any second (30 messages a second by default, counted over every
send and edit, with a real 429 and `retry_after` past it), a separate paid rate for
requests with allow_paid_broadcast, a 403 «bot was blocked by the user» for chosen chats,
long polling with offsets, and it records every request it accepted with the moment it
came. Telegram's own numbers are used; nothing here is tuned to the bot."""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

EDITS = frozenset({"editMessageText", "editMessageReplyMarkup"})
SENDS = frozenset({"sendMessage", "sendPhoto", "sendDocument"}) | EDITS


@dataclass(frozen=True, slots=True)
class Received:
    at: float
    method: str
    chat_id: int
    text: str
    paid: bool


@dataclass
class _Window:
    """Accepted requests of the last second: Telegram counts over any second."""

    per_second: float | None
    moments: deque[float] = field(default_factory=deque)

    def retry_after(self, now: float) -> int | None:
        if self.per_second is None:
            return None
        while self.moments and now - self.moments[0] >= 1.0:
            self.moments.popleft()
        if len(self.moments) < self.per_second:
            self.moments.append(now)
            return None
        return max(1, math.ceil(1.0 - (now - self.moments[0])))


def _flag(value: Any) -> bool:
    return value is True or str(value).lower() == "true"


class BotApiStandIn:
    def __init__(
        self,
        *,
        per_second: float | None = 30,
        paid_per_second: float | None = 1000,
        blocked: Callable[[int], bool] = lambda chat_id: False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._free = _Window(per_second)
        self._paid = _Window(paid_per_second)
        self._blocked = blocked
        self._clock = clock
        self.accepted: list[Received] = []
        self.forbidden: list[Received] = []  # answered 403
        self.too_many: list[float] = []  # moments of 429 answers
        self.calls: defaultdict[str, int] = defaultdict(int)
        self.answered: defaultdict[str, int] = defaultdict(
            int
        )  # sends answered 200 or 403, by text
        self._message_ids = iter(range(1, 1 << 62))
        self._updates: list[dict[str, Any]] = []
        self._update_ids = iter(range(1, 1 << 62))
        self._new_update = asyncio.Event()
        self._asked: dict[int, deque[float]] = defaultdict(deque)  # chat → moments asked
        self.latencies: list[float] = []  # update offered → the bot's reply arrived
        # Told of every message a chat accepted, with its keyboard (as the bot sent it).
        self.on_message: Callable[[int, str, Any], None] | None = None
        self._runner: web.AppRunner | None = None

    # --- the server ------------------------------------------------------------------

    async def start(self, port: int = 0) -> int:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        return int(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # --- what a test or benchmark reads ----------------------------------------------

    def received_by(self, text: str) -> defaultdict[int, int]:
        """How many messages with this text each chat accepted."""
        counts: defaultdict[int, int] = defaultdict(int)
        for item in self.accepted:
            if item.text == text and item.method not in EDITS:
                counts[item.chat_id] += 1
        return counts

    def offer_update(self, update: dict[str, Any], chat_id: int) -> None:
        """An update for long polling; the bot's next reply to `chat_id` is timed."""
        update = {"update_id": next(self._update_ids), **update}
        self._updates.append(update)
        self._asked[chat_id].append(self._clock())
        self._new_update.set()

    # --- requests --------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        self.calls[method] += 1
        if request.content_type == "application/json":
            payload: dict[str, Any] = await request.json()
        else:
            payload = dict(await request.post())
        if method == "getMe":
            return self._ok({"id": 42, "is_bot": True, "first_name": "Bot", "username": "cb_bot"})
        if method == "getUpdates":
            return self._ok(await self._get_updates(payload))
        if method in SENDS:
            return self._send(method, payload)
        return self._ok(True)

    def _send(self, method: str, payload: dict[str, Any]) -> web.Response:
        now = self._clock()
        chat_id = int(payload["chat_id"])
        paid = _flag(payload.get("allow_paid_broadcast"))
        wait = (self._paid if paid else self._free).retry_after(now)
        if wait is not None:
            self.too_many.append(now)
            return self._error(429, f"Too Many Requests: retry after {wait}", {"retry_after": wait})
        text = str(payload.get("text") or payload.get("caption") or "")
        item = Received(now, method, chat_id, text, paid)
        if method not in EDITS:
            self.answered[text] += 1
        if self._blocked(chat_id):
            self.forbidden.append(item)
            return self._error(403, "Forbidden: bot was blocked by the user")
        self.accepted.append(item)
        if self.on_message is not None:
            self.on_message(chat_id, text, payload.get("reply_markup"))
        asked = self._asked.get(chat_id)
        if asked and method == "sendMessage":
            self.latencies.append(now - asked.popleft())
        if method in EDITS:
            return self._ok(True)
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "text": text,
        }
        return self._ok(message)

    async def _get_updates(self, payload: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(payload.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates:
            self._new_update.clear()
            timeout = min(float(payload.get("timeout") or 0), 5.0)
            try:
                async with asyncio.timeout(timeout or 0.05):
                    await self._new_update.wait()
            except TimeoutError:
                pass
        return list(self._updates[:100])

    @staticmethod
    def _ok(result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result}, dumps=json.dumps)

    @staticmethod
    def _error(
        code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
        if parameters:
            body["parameters"] = parameters
        return web.json_response(body, status=code)


# --- data for broadcast runs -----------------------------------------------------------


async def seed_users(database_url: str, users: range | list[int], *, mailing: bool = True) -> None:
    """Users who accepted the policy and, unless told otherwise, agreed to mailings."""
    from datetime import UTC, datetime

    from sqlalchemy import insert

    from bot.services.consent import MAILING, PERSONAL_DATA, POLICY_VERSION
    from bot.storage.db import create_engine, create_session_factory
    from bot.storage.models import Consent, User

    kinds = (PERSONAL_DATA, MAILING) if mailing else (PERSONAL_DATA,)
    now = datetime.now(UTC)
    ids = list(users)
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            for start in range(0, len(ids), 5000):
                chunk = ids[start : start + 5000]
                await session.execute(
                    insert(User),
                    [
                        {
                            "telegram_id": user_id,
                            "created_at": now,
                            "last_seen_at": now,
                            "is_blocked": False,
                            "notifications": True,
                        }
                        for user_id in chunk
                    ],
                )
                await session.execute(
                    insert(Consent),
                    [
                        {
                            "user_id": user_id,
                            "kind": kind,
                            "version": POLICY_VERSION,
                            "given_at": now,
                        }
                        for user_id in chunk
                        for kind in kinds
                    ],
                )
            await session.commit()
    finally:
        await engine.dispose()


async def seed_broadcast(
    database_url: str,
    users: range | list[int],
    text: str,
    *,
    progress_chat: int | None = None,
    paid: bool = False,
) -> int:
    """`users` with mailing consent, and one broadcast to everyone who takes mailings,
    written as /broadcast writes it (the outbox in one transaction); its id. With
    `progress_chat`, the sender edits a progress message there as it goes."""
    from datetime import UTC, datetime

    from bot.services.ports import NewBroadcast, Segment
    from bot.storage.db import create_engine, create_session_factory
    from bot.storage.repositories import SqlUnitOfWork

    await seed_users(database_url, users)
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            uow = SqlUnitOfWork(session)
            record = await uow.broadcasts.create(
                NewBroadcast(
                    author_id=progress_chat or 0,
                    kind="text",
                    text=text,
                    entities=[],
                    file_id=None,
                    button_text=None,
                    button_url=None,
                    button_data=None,
                    segment=Segment(),
                    paid=paid,
                ),
                datetime.now(UTC),
            )
            if progress_chat is not None:
                await uow.broadcasts.set_progress_message(record.id, progress_chat, 1)
            await uow.commit()
            return record.id
    finally:
        await engine.dispose()


async def delivery_statuses(database_url: str, broadcast_id: int) -> dict[int, str]:
    from sqlalchemy import select

    from bot.storage.db import create_engine, create_session_factory
    from bot.storage.models import BroadcastDelivery

    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            rows = await session.execute(
                select(BroadcastDelivery.user_id, BroadcastDelivery.status).where(
                    BroadcastDelivery.broadcast_id == broadcast_id
                )
            )
            return {int(user_id): str(status) for user_id, status in rows}
    finally:
        await engine.dispose()
