"""`careerbot run --webhook` as a process: Telegram's requests over real HTTP, the secret,
bad bodies, health and metrics, JSON logs without phone numbers, and a graceful stop."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.conftest import INDEX_DIR
from tests.e2e.harness import free_port
from tests.e2e.standin import BotApiStandIn

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"
SECRET = "s3cret-token_for-tests"
PHONE = "+7 912 345-67-89"
PHONE_DIGITS = "9123456789"


def user(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "Оля", "language_code": "ru"}


def message(update_id: int, user_id: int, text: str, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "message_id": update_id,
        "date": 0,
        "chat": {"id": user_id, "type": "private"},
        "from": user(user_id),
        "text": text,
        **extra,
    }
    if text.startswith("/"):
        body["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id, "message": body}


def button(update_id: int, user_id: int, data: str) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "callback_query": {
            "id": str(update_id),
            "from": user(user_id),
            "chat_instance": "e2e",
            "data": data,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": user_id, "type": "private"},
                "text": "…",
            },
        },
    }


class WebhookBot:
    """One `careerbot run --webhook` process and an HTTP client playing Telegram."""

    def __init__(self, tmp_path: Path, api_port: int) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE": f"http://127.0.0.1:{api_port}",
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}",
            "MATCHING__INDEX_DIR": str(INDEX_DIR),
            "WEBHOOK__URL": f"{self.url}/telegram/hook",
            "WEBHOOK__SECRET": SECRET,
            "SERVER__HOST": "127.0.0.1",
            "SERVER__PORT": str(self.port),
            "LOG_FORMAT": "json",
            "LOG_LEVEL": "DEBUG",
        }
        self.process: asyncio.subprocess.Process | None = None
        self.http = aiohttp.ClientSession()

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            "--webhook",
            env=self.env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        for _ in range(600):
            assert self.process.returncode is None, "the bot exited while starting"
            try:
                async with self.http.get(f"{self.url}/readyz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)
        raise AssertionError("the bot did not become ready")

    async def post(self, body: bytes | dict[str, Any], secret: str | None = SECRET) -> int:
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        async with self.http.post(f"{self.url}/telegram/hook", data=data, headers=headers) as r:
            return r.status

    async def get(self, path: str) -> tuple[int, str]:
        async with self.http.get(f"{self.url}{path}") as response:
            return response.status, await response.text()

    async def stop(self) -> str:
        """SIGTERM, as an orchestrator stops a container; the process's whole output."""
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        output, _ = await asyncio.wait_for(self.process.communicate(), timeout=60)
        await self.http.close()
        return output.decode()


async def until(condition: Any, seconds: float = 30) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition() and asyncio.get_running_loop().time() < deadline:  # noqa: ASYNC110 - polls what the stand-in recorded
        await asyncio.sleep(0.05)


def texts_to(api: BotApiStandIn, chat_id: int) -> list[str]:
    return [item.text for item in api.accepted if item.chat_id == chat_id]


@pytest.mark.e2e
async def test_webhook_mode_end_to_end(tmp_path: Path) -> None:
    api = BotApiStandIn(per_second=None)
    api_port = await api.start()
    bot = WebhookBot(tmp_path, api_port)
    output = ""
    try:
        await bot.start()
        assert api.calls["setWebhook"] == 1

        # Not Telegram: no secret, or a wrong one. Nothing is handled.
        assert await bot.post(message(1, 501, "/start"), secret=None) == 401
        assert await bot.post(message(2, 501, "/start"), secret="guess") == 401
        # Telegram, but not an update the bot can read.
        assert await bot.post(b"{not json") == 400
        assert await bot.post({"message": "no update id"}) == 400
        # A kind of update newer than this aiogram: accepted and ignored.
        assert await bot.post({"update_id": 3, "future_kind": {"x": 1}}) == 200

        # A real dialog: /start, consent, and a phone typed as free text.
        assert await bot.post(message(10, 501, "/start")) == 200
        await until(lambda: any("152-ФЗ" in t for t in texts_to(api, 501)))
        assert await bot.post(button(11, 501, "consent:accept")) == 200
        await until(lambda: any("Согласие записано" in t for t in texts_to(api, 501)))
        replies_before = len(texts_to(api, 501))
        assert await bot.post(message(12, 501, f"мой телефон {PHONE}, перезвоните")) == 200
        await until(lambda: len(texts_to(api, 501)) > replies_before)
        # Telegram resends an update when unsure it arrived: handled once.
        assert await bot.post(message(10, 501, "/start")) == 200
        assert await bot.post(message(10, 501, "/start")) == 200

        status, body = await bot.get("/healthz")
        assert status == 200
        status, body = await bot.get("/readyz")
        assert status == 200
        assert json.loads(body) == {"database": "ok", "models": "ok"}
        metrics = ""

        async def read_metrics() -> None:
            nonlocal metrics
            status, metrics = await bot.get("/metrics")
            assert status == 200

        # The counters move when an update's handling ends, just after its reply is sent.
        for _ in range(100):
            await read_metrics()
            if 'careerbot_updates_dropped_total{reason="repeat"} 2.0' in metrics:
                break
            await asyncio.sleep(0.1)
        assert 'careerbot_updates_total{type="message"} 4.0' in metrics
        assert 'careerbot_updates_total{type="unknown"} 1.0' in metrics
        assert 'careerbot_updates_total{type="callback_query"} 1.0' in metrics
        assert 'careerbot_updates_dropped_total{reason="repeat"} 2.0' in metrics
        assert 'careerbot_webhook_refused_total{reason="secret"} 2.0' in metrics
        assert 'careerbot_webhook_refused_total{reason="malformed"} 2.0' in metrics
        assert "careerbot_update_seconds_bucket" in metrics

        # SIGTERM right after an update arrived: it is still answered before the exit.
        assert await bot.post(message(13, 502, "/start")) == 200
        output = await bot.stop()
    finally:
        if bot.process is not None and bot.process.returncode is None:
            bot.process.kill()
            await bot.process.wait()
        if not bot.http.closed:
            await bot.http.close()
        await api.stop()

    assert bot.process.returncode == 0, output
    assert any("152-ФЗ" in t for t in texts_to(api, 502)), output
    assert texts_to(api, 501).count(texts_to(api, 501)[0]) == 1  # the repeats: no 2nd greeting
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    assert lines, output
    # Every line of an update's handling names the update and the user.
    handled = [line for line in lines if line["update_id"] == 12]
    assert handled and all(line["user_id"] == 501 for line in handled)
    # The phone the user typed is nowhere in the log, in any spelling.
    assert PHONE not in output
    assert PHONE_DIGITS not in output.replace(" ", "").replace("-", "")
    assert "перезвоните" not in output
