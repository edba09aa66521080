"""End to end over real HTTP: the Bot API emulator `telegram-test-api` 4.2.1 started by our
launcher (tests/e2e/emulator/launcher.js), the real `careerbot run` and `careerbot worker` as
processes pointed at it, and users who talk to the bot through the emulator's client API.

What a test reads back is what the bot asked the emulator to do: the launcher records every
Bot API call per token with its answer (including the 429s and 403s it gave), and keeps each
chat's messages as they stand after edits."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import os
import secrets
import signal
import socket
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp

from tests.conftest import INDEX_DIR

EMULATOR_DIR = Path(__file__).resolve().parent / "emulator"
LAUNCHER = EMULATOR_DIR / "launcher.js"
INSTALLED = EMULATOR_DIR / "node_modules" / "telegram-test-api" / "package.json"
STAFF_CHAT = -100500
ADMIN = 900

# The bot loads its models and the search index before it answers: minutes on a cold, busy
# machine, seconds here (the index comes from tests/conftest.INDEX_DIR).
START_SECONDS = 300.0
REPLY_SECONDS = 60.0

SENDS = frozenset(
    {"sendMessage", "sendPhoto", "sendDocument", "sendVideo", "sendAudio", "sendVoice"}
)
EDITS = frozenset({"editMessageText", "editMessageCaption", "editMessageReplyMarkup"})


def new_token() -> str:
    """A token of a bot of its own: the emulator keeps everything per token and has no reset."""
    return f"{secrets.randbelow(9 * 10**9) + 10**9}:{secrets.token_urlsafe(30)[:35]}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def text_of(message: Mapping[str, Any]) -> str:
    return str(message.get("text") or message.get("caption") or "")


def buttons_of(message: Mapping[str, Any]) -> list[dict[str, Any]]:
    markup = message.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]


# --- the emulator ----------------------------------------------------------------------


class Emulator:
    """The launcher as a process on a free port, and its client and control routes."""

    def __init__(self, process: asyncio.subprocess.Process, url: str, log: Path) -> None:
        self.process = process
        self.url = url
        self.log_path = log
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))

    @classmethod
    async def start(cls, tmp_path: Path) -> Emulator:
        if not INSTALLED.exists():
            raise RuntimeError(
                "telegram-test-api is not installed: run `make test`, or "
                "`npm ci --prefix tests/e2e/emulator`"
            )
        log = tmp_path / "emulator.log"
        process = await asyncio.create_subprocess_exec(
            "node",
            str(LAUNCHER),
            "--port",
            "0",
            cwd=EMULATOR_DIR,
            stdout=asyncio.subprocess.PIPE,
            stderr=log.open("wb"),
        )
        assert process.stdout is not None
        try:
            line = await asyncio.wait_for(process.stdout.readline(), timeout=30)
        except TimeoutError:
            process.kill()
            raise
        if not line.startswith(b"listening on "):
            process.kill()
            raise RuntimeError(f"the emulator did not start: {line!r} {log.read_text()}")
        return cls(process, line.decode().split()[-1], log)

    async def stop(self) -> None:
        await self._http.close()
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), timeout=10)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()

    async def call(self, route: str, **payload: Any) -> Any:
        async with self._http.post(f"{self.url}/{route}", json=payload) as response:
            body = await response.json()
        if not body.get("ok"):
            raise RuntimeError(f"{route}: {body}")
        return body["result"]

    # control: what Telegram would do, and what the bot asked of it
    async def rate(self, token: str, limit: int | None, *, chat_id: int | None = None) -> None:
        await self.call("control/rate", token=token, limit=limit, chat_id=chat_id)

    async def flood(self, token: str, seconds: float) -> None:
        """A flood wait: every send is answered 429 with retry_after until it ends."""
        await self.call("control/flood", token=token, seconds=seconds)

    async def block(self, token: str, chat_ids: list[int], *, notify: bool = False) -> None:
        await self.call("control/block", token=token, chat_ids=chat_ids, notify=notify)

    async def log(
        self, token: str, *, chat_id: int | None = None, after: int = 0
    ) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = await self.call(
            "control/log", token=token, chat_id=chat_id, after=after
        )
        return result

    async def messages(self, token: str, chat_id: int) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = await self.call(
            "control/messages", token=token, chat_id=chat_id
        )
        return result

    async def stats(self, token: str) -> dict[str, Any]:
        result: dict[str, Any] = await self.call("control/stats", token=token)
        return result

    async def seq(self, token: str) -> int:
        return int(await self.call("control/seq", token=token))


# --- the bot's processes ---------------------------------------------------------------


@dataclass
class BotProcess:
    """`careerbot run` or `careerbot worker` with its output in a file of its own."""

    name: str
    args: list[str]
    env: dict[str, str]
    cwd: Path
    output: Path
    process: asyncio.subprocess.Process | None = None
    starts: int = 0
    server_port: int | None = None
    polls_before: int = 0

    async def start(self) -> BotProcess:
        self.starts += 1
        with self.output.open("ab") as out:
            out.write(f"\n===== start {self.starts}: {' '.join(self.args)}\n".encode())
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                *self.args,
                cwd=self.cwd,
                env=self.env,
                stdout=out,
                stderr=asyncio.subprocess.STDOUT,
            )
        return self

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.returncode is None

    def text(self) -> str:
        return self.output.read_text(errors="replace") if self.output.exists() else ""

    def tail(self, lines: int = 60) -> str:
        return f"--- {self.name} ({self.output}) ---\n" + "\n".join(
            self.text().splitlines()[-lines:]
        )

    async def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, as a crash or an OOM kill."""
        if self.running:
            assert self.process is not None
            self.process.kill()
            await self.process.wait()

    async def stop(self, seconds: float = 30.0) -> int | None:
        """SIGTERM, then SIGKILL when it does not stop in time; its exit code."""
        if self.process is None:
            return None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), timeout=seconds)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        return self.process.returncode


@dataclass
class Stack:
    """One test's world: the emulator, the token of its bot, and the bot's processes."""

    emulator: Emulator
    token: str
    tmp_path: Path
    database_url: str
    webhook: bool
    redis_url: str | None = None
    processes: list[BotProcess] = field(default_factory=list)
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    def environment(self, **settings: str) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            # Settings of the developer's shell or .env must not leak into the bot under test.
            if not key.startswith(("WEBHOOK__", "SERVER__", "SCHEDULER__", "BROADCAST__"))
            and key not in {"REDIS_URL", "DATABASE_URL", "STAFF__ADMIN_IDS", "STAFF__STAFF_IDS"}
        }
        env.update(
            {
                "BOT_TOKEN": self.token,
                "TELEGRAM_API_BASE": self.emulator.url,
                "DATABASE_URL": self.database_url,
                "MATCHING__INDEX_DIR": str(INDEX_DIR),
                "LOG_LEVEL": "INFO",
                "STAFF__STAFF_CHAT_ID": str(STAFF_CHAT),
                "STAFF__ADMIN_IDS": json.dumps([ADMIN]),
                # Scripted users answer within milliseconds, faster than people: throttling
                # is tested on its own (the flood test), not by tripping it here.
                "THROTTLE_RATE_PER_SECOND": "0",
                "SCHEDULER__TICK_SECONDS": "0.5",
                "SCHEDULER__LEASE_SECONDS": "3",
                "BROADCAST__POLL_SECONDS": "0.5",
                "BROADCAST__PROGRESS_SECONDS": "1",
                "CATALOGUE_REFRESH_SECONDS": "1",
            }
        )
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        env.update(settings)
        return env

    def bot(
        self, name: str = "bot", *, webhook_url: str | None = None, **settings: str
    ) -> BotProcess:
        """`careerbot run`, in this test's mode: long polling, or a webhook on a port of its
        own (registered at `webhook_url`, by default its own address)."""
        port: int | None = None
        if self.webhook:
            port = free_port()
            settings = {
                "WEBHOOK__ENABLED": "true",
                "WEBHOOK__URL": webhook_url or f"http://127.0.0.1:{port}/webhook",
                "WEBHOOK__SECRET": self.secret,
                "SERVER__HOST": "127.0.0.1",
                "SERVER__PORT": str(port),
                **settings,
            }
        process = BotProcess(
            name,
            ["run", "--webhook"] if self.webhook else ["run"],
            self.environment(**settings),
            self.tmp_path,
            self.tmp_path / f"{name}.log",
            server_port=port,
        )
        self.processes.append(process)
        return process

    def worker(self, name: str = "worker", **settings: str) -> BotProcess:
        process = BotProcess(
            name,
            ["worker"],
            self.environment(**settings),
            self.tmp_path,
            self.tmp_path / f"{name}.log",
        )
        self.processes.append(process)
        return process

    async def launch(self, process: BotProcess) -> BotProcess:
        process.polls_before = (await self.emulator.stats(self.token))["polls"]
        return await process.start()

    async def ready(self, process: BotProcess, seconds: float = START_SECONDS) -> None:
        """Until the process does its job: the worker holds the scheduler lease; a bot polls,
        or has registered its webhook and answers /readyz."""
        deadline = asyncio.get_running_loop().time() + seconds
        while not await self._ready(process):
            if not process.running:
                raise AssertionError(f"{process.name} exited while starting\n{process.tail()}")
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"{process.name} not ready in {seconds} s\n{process.tail()}")
            await asyncio.sleep(0.2)

    async def _ready(self, process: BotProcess) -> bool:
        if process.args[0] == "worker":
            return "holds the scheduler lease" in process.text()
        stats = await self.emulator.stats(self.token)
        if not self.webhook:
            return int(stats["polls"]) > process.polls_before
        try:
            async with (
                aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=2)) as http,
                http.get(f"http://127.0.0.1:{process.server_port}/readyz") as response,
            ):
                up = response.status == 200
        except (aiohttp.ClientError, TimeoutError):
            return False
        return up and bool(stats["webhook"])

    def tails(self) -> str:
        """The end of every process's output, and what the emulator itself complained of."""
        emulator = self.emulator.log_path.read_text(errors="replace").strip()
        parts = [process.tail() for process in self.processes]
        return "\n".join(parts + ([f"--- emulator ---\n{emulator[-3000:]}"] if emulator else []))

    async def close(self) -> None:
        for process in self.processes:
            with contextlib.suppress(ProcessLookupError):
                await process.stop()
        if self.redis_url:
            await self._forget_redis_keys()

    async def _forget_redis_keys(self) -> None:
        """The keys of this test's bot (they all carry its id): nothing piles up in Redis."""
        from redis.asyncio import Redis

        client = Redis.from_url(self.redis_url or "")
        try:
            bot_id = self.token.partition(":")[0]
            keys = [key async for key in client.scan_iter(match=f"*{bot_id}*", count=1000)]
            if keys:
                await client.delete(*keys)
        finally:
            await client.aclose()

    def user(self, user_id: int, first_name: str = "Тест", language: str = "ru") -> User:
        return User(self, user_id, first_name, language)


# --- a person in Telegram ----------------------------------------------------------------


Match = str | Callable[[Mapping[str, Any]], bool]


class User:
    """Someone who writes to the bot through the emulator's client routes and reads what the
    bot sent to their chat."""

    def __init__(self, stack: Stack, user_id: int, first_name: str, language: str) -> None:
        self.stack = stack
        self.id = user_id
        self.profile = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": language,
        }
        self.mark = 0  # the emulator's record number when this user last acted

    @property
    def _emulator(self) -> Emulator:
        return self.stack.emulator

    async def _act(self, route: str, **payload: Any) -> None:
        self.mark = await self._emulator.seq(self.stack.token)
        await self._emulator.call(route, token=self.stack.token, chatId=self.id, **payload)

    def _chat(self) -> dict[str, Any]:
        return {"id": self.id, "type": "private", "first_name": self.profile["first_name"]}

    async def send(self, text: str) -> None:
        """A message as typed; a leading «/» makes it a command."""
        if text.startswith("/"):
            command = text.split()[0]
            entities = [{"type": "bot_command", "offset": 0, "length": len(command)}]
            await self._act(
                "sendCommand",
                text=text,
                entities=entities,
                **{"from": self.profile},
                chat=self._chat(),
            )
        else:
            await self._act("sendMessage", text=text, **{"from": self.profile}, chat=self._chat())

    async def share_contact(self, phone: str) -> None:
        """The contact of «Поделиться номером» (a reply keyboard button with request_contact)."""
        contact = {
            "phone_number": phone,
            "first_name": self.profile["first_name"],
            "user_id": self.id,
        }
        await self._act("sendMessage", contact=contact, **{"from": self.profile}, chat=self._chat())

    async def messages(self) -> list[dict[str, Any]]:
        """The bot's messages in this chat as they stand now (edits applied), oldest first."""
        return await self._emulator.messages(self.stack.token, self.id)

    async def find_button(self, label: Match) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """The newest message with a button whose text contains `label` (or that `label`
        accepts), and that button."""
        for message in reversed(await self.messages()):
            for button in buttons_of(message):
                if "callback_data" not in button:
                    continue
                if label(button) if callable(label) else label in button["text"]:
                    return message, button
        return None

    async def reply_keyboard(self) -> list[dict[str, Any]]:
        """The buttons of the reply keyboard under the input field now (none: empty)."""
        keyboard = await self._emulator.call(
            "control/keyboard", token=self.stack.token, chat_id=self.id
        )
        return [
            {"text": button} if isinstance(button, str) else button
            for row in (keyboard or {}).get("keyboard", [])
            for button in row
        ]

    async def press(self, label: Match, seconds: float = REPLY_SECONDS) -> dict[str, Any] | None:
        """Tap an inline button, or else a button of the reply keyboard (which sends its text,
        or the contact for «request_contact»); waits for it to appear while the message is
        still coming. The message of an inline button is returned."""

        async def find() -> tuple[dict[str, Any] | None, dict[str, Any]] | None:
            found = await self.find_button(label)
            if found is not None:
                return found
            for button in await self.reply_keyboard():
                if label(button) if callable(label) else label in button["text"]:
                    return None, button
            return None

        found = await until(find, seconds)
        if found is None:
            raise AssertionError(
                f"user {self.id}: no button «{label}» in\n{await self.transcript()}\n{self.stack.tails()}"
            )
        message, button = found
        if message is None:
            if button.get("request_contact"):
                await self.share_contact("+79990000000")
            else:
                await self.send(button["text"])
            return None
        await self._act(
            "sendCallback",
            data=button["callback_data"],
            message=message,
            **{"from": self.profile},
        )
        return message

    async def replies(self, after: int | None = None) -> list[dict[str, Any]]:
        """What the bot sent or edited in this chat after the user's last act, accepted."""
        log = await self._emulator.log(
            self.stack.token, chat_id=self.id, after=self.mark if after is None else after
        )
        return [
            entry["result"]
            for entry in log
            if entry["status"] == 200
            and entry["method"] in SENDS | EDITS
            and isinstance(entry["result"], dict)
        ]

    async def wait_for(self, fragment: str, seconds: float = REPLY_SECONDS) -> dict[str, Any]:
        """The first message sent or edited since the user's last act that contains
        `fragment`."""

        async def seen() -> dict[str, Any] | None:
            return next((m for m in await self.replies() if fragment in text_of(m)), None)

        found = await until(seen, seconds)
        if found is None:
            raise AssertionError(
                f"user {self.id}: no «{fragment}» in {seconds} s\n"
                f"{await self.transcript()}\n{self.stack.tails()}"
            )
        return found

    async def transcript(self, last: int = 12) -> str:
        lines = []
        for message in (await self.messages())[-last:]:
            labels = " | ".join(button["text"] for button in buttons_of(message))
            lines.append(f"[{message['message_id']}] {text_of(message)[:300]}")
            if labels:
                lines.append(f"    buttons: {labels}")
        return f"--- chat {self.id}, the bot's last messages ---\n" + "\n".join(lines)


async def until(probe: Callable[[], Any], seconds: float, every: float = 0.1) -> Any:
    """The first truthy result of `probe` (a function, or a coroutine function) within
    `seconds`; the last falsy one after that."""
    deadline = asyncio.get_running_loop().time() + seconds
    while True:
        result = probe()
        if inspect.isawaitable(result):
            result = await result
        if result or asyncio.get_running_loop().time() > deadline:
            return result
        await asyncio.sleep(every)


# --- the catalogue, as staff change it -------------------------------------------------------


async def put_event(database_url: str, event: Any) -> None:
    """Write an event as staff do (/newevent, /editevent, an import): a catalogue record in
    the database, which every running process notices within CATALOGUE_REFRESH_SECONDS."""
    from bot.services.catalogue_admin import CatalogueAdmin
    from bot.storage.db import create_engine, create_session_factory
    from bot.storage.repositories import SqlUnitOfWork

    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            uow = SqlUnitOfWork(session)
            await CatalogueAdmin(uow).import_records([event])
            await uow.commit()
    finally:
        await engine.dispose()


def midday_zone(now: datetime) -> str:
    """A fixed-offset zone where it is about 13:00 now: far from the quiet hours (22:00–09:00)
    for the length of any test, whatever the hour the test runs at."""
    offset = (13 - now.astimezone(UTC).hour + 11) % 24 - 11  # hours east of UTC, -11..12
    return f"Etc/GMT{-offset:+d}"  # the POSIX sign: Etc/GMT-5 is UTC+5
