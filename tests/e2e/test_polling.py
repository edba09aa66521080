"""The real entry point, `careerbot run`, over real HTTP against a small Bot API stand-in.

The stand-in answers the handful of methods the bot uses and records what it sent; it
lets the test check what unit tests cannot: settings from the environment, migrations on
start, the command menu, the index warm-up, long polling and the heartbeat."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from tests.conftest import INDEX_DIR

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"
ROOT = Path(__file__).resolve().parents[2]


class FakeBotApi:
    def __init__(self) -> None:
        self.updates: list[dict[str, Any]] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.sent = asyncio.Event()

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.content_type == "application/json":
            payload = await request.json()
        else:
            payload = dict(await request.post())
        self.calls.append((method, payload))
        result: Any = True
        if method == "getMe":
            result = {"id": 42, "is_bot": True, "first_name": "Careerbot", "username": "cb_bot"}
        elif method == "getUpdates":
            if not self.updates:
                await asyncio.sleep(0.2)
            result, self.updates = self.updates, []
        elif method == "sendMessage":
            self.sent.set()
            result = {
                "message_id": len(self.calls),
                "date": 0,
                "chat": {"id": int(payload["chat_id"]), "type": "private"},
                "text": payload.get("text", ""),
            }
        return web.json_response({"ok": True, "result": result})


async def _serve(api: FakeBotApi) -> tuple[web.AppRunner, int]:
    """The stand-in on a free local port."""
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", api.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]


async def _careerbot_run(tmp_path: Path, port: int, **settings: str) -> asyncio.subprocess.Process:
    """`careerbot run` as a process, against the stand-in, on an SQLite file of its own."""
    env = {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE": f"http://127.0.0.1:{port}",
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}",
        "MATCHING__INDEX_DIR": str(INDEX_DIR),
        **settings,
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )


@pytest.mark.e2e
async def test_careerbot_run_answers_start_over_http(tmp_path: Path) -> None:
    api = FakeBotApi()
    runner, port = await _serve(api)
    heartbeat = tmp_path / "heartbeat"
    process = await _careerbot_run(tmp_path, port, HEARTBEAT_FILE=str(heartbeat))
    try:
        api.updates.append(
            {
                "update_id": 1,
                "message": {
                    "message_id": 1,
                    "date": 0,
                    "chat": {"id": 5, "type": "private"},
                    "from": {"id": 5, "is_bot": False, "first_name": "Оля", "language_code": "ru"},
                    "text": "/start",
                    "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
                },
            }
        )
        await asyncio.wait_for(api.sent.wait(), timeout=300)
        await asyncio.sleep(0.5)  # the consent question follows the greeting
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = await asyncio.wait_for(process.communicate(), timeout=60)
        await runner.cleanup()

    texts = [payload.get("text", "") for method, payload in api.calls if method == "sendMessage"]
    assert texts[0].startswith("Здравствуйте!"), output.decode()
    assert "152-ФЗ" in texts[1]
    consent = next(p for m, p in api.calls if m == "sendMessage" and "152-ФЗ" in p["text"])
    markup = consent["reply_markup"]
    buttons = (json.loads(markup) if isinstance(markup, str) else markup)["inline_keyboard"]
    assert buttons[0][0]["text"] == "Согласен(на)"
    menus = [payload for method, payload in api.calls if method == "setMyCommands"]
    assert len(menus) == 2  # Russian by default, English for English clients
    assert heartbeat.exists()
    assert process.returncode == 0, output.decode()
    assert "holds the scheduler lease" in output.decode()  # reminders go out from here too


def _start_update(update_id: int, user_id: int) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 0,
            "chat": {"id": user_id, "type": "private"},
            "from": {"id": user_id, "is_bot": False, "first_name": "U", "language_code": "ru"},
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


def _consent_update(update_id: int, user_id: int) -> dict[str, Any]:
    user = {"id": user_id, "is_bot": False, "first_name": "U", "language_code": "ru"}
    return {
        "update_id": update_id,
        "callback_query": {
            "id": str(update_id),
            "from": user,
            "chat_instance": "e2e",
            "data": "consent:accept",
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": user_id, "type": "private"},
                "text": "…",
            },
        },
    }


@pytest.mark.e2e
async def test_twenty_users_in_one_batch_all_get_answers(tmp_path: Path) -> None:
    """Once 13 of 20 users in one getUpdates batch got apologies after 30 s (two pooled
    connections per update). Now each update holds one, and all twenty are answered."""
    api = FakeBotApi()
    runner, port = await _serve(api)
    users = range(1000, 1020)
    # A small pool makes the old failure certain: two connections per update ran dry.
    process = await _careerbot_run(tmp_path, port, DB_POOL_SIZE="2", DB_MAX_OVERFLOW="0")

    def sent_to(text_part: str) -> set[int]:
        return {
            int(payload["chat_id"])
            for method, payload in api.calls
            if method == "sendMessage" and text_part in payload.get("text", "")
        }

    async def until(condition: Any, seconds: float) -> None:
        deadline = asyncio.get_running_loop().time() + seconds
        while not condition() and asyncio.get_running_loop().time() < deadline:  # noqa: ASYNC110 - polls what the stand-in recorded
            await asyncio.sleep(0.1)

    try:
        api.updates.extend(_start_update(n, user) for n, user in enumerate(users, start=1))
        await until(lambda: len(sent_to("152-ФЗ")) == 20, 300)
        api.updates.extend(_consent_update(100 + n, user) for n, user in enumerate(users))
        await until(lambda: len(sent_to("Согласие записано")) == 20, 60)
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = await asyncio.wait_for(process.communicate(), timeout=60)
        await runner.cleanup()

    assert sent_to("152-ФЗ") == set(users), output.decode()
    assert sent_to("Согласие записано") == set(users), output.decode()
    assert not sent_to("что-то пошло не так"), output.decode()
