"""Our launcher of telegram-test-api 4.2.1 fills the gaps DESIGN.md lists, checked over HTTP
without the bot: what the scenarios rely on, so that a failure there names the emulator and
not the bot."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from aiohttp import web

from tests.e2e.harness import Emulator, free_port, new_token

pytestmark = pytest.mark.e2e


@pytest_asyncio.fixture
async def api(emulator: Emulator) -> AsyncIterator[tuple[Emulator, str, aiohttp.ClientSession]]:
    async with aiohttp.ClientSession() as http:
        yield emulator, new_token(), http


async def _bot(
    http: aiohttp.ClientSession, emulator: Emulator, token: str, method: str, **form: Any
) -> tuple[int, dict[str, Any]]:
    """A Bot API call as aiogram makes it: a form with JSON-encoded objects."""
    data = {k: json.dumps(v) if isinstance(v, dict | list) else str(v) for k, v in form.items()}
    async with http.post(f"{emulator.url}/bot{token}/{method}", data=data) as response:
        return response.status, await response.json()


async def test_get_me_says_it_is_a_bot_with_the_id_of_the_token(api: Any) -> None:
    emulator, token, http = api
    status, body = await _bot(http, emulator, token, "getMe")
    assert status == 200
    assert body["result"]["is_bot"] is True
    assert body["result"]["id"] == int(token.split(":")[0])


async def test_get_updates_long_polls_honours_offset_and_adds_chat_instance(api: Any) -> None:
    emulator, token, http = api
    started = asyncio.get_running_loop().time()
    status, body = await _bot(http, emulator, token, "getUpdates", timeout=1)
    assert (status, body["result"]) == (200, [])
    assert asyncio.get_running_loop().time() - started >= 0.9  # waited: no busy loop

    await emulator.call("sendCommand", token=token, chatId=5, text="/start")
    message = {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private"}, "text": "?"}
    await emulator.call("sendCallback", token=token, chatId=5, data="x", message=message)
    _, body = await _bot(http, emulator, token, "getUpdates", timeout=1)
    first, second = body["result"]
    assert first["message"]["entities"][0]["type"] == "bot_command"
    assert "botToken" not in first["message"]
    assert second["callback_query"]["chat_instance"]
    # Not confirmed: they come again, as after a crash; confirmed: gone.
    _, again = await _bot(http, emulator, token, "getUpdates", offset=first["update_id"])
    assert [u["update_id"] for u in again["result"]] == [first["update_id"], second["update_id"]]
    _, rest = await _bot(http, emulator, token, "getUpdates", offset=second["update_id"] + 1)
    assert rest["result"] == []


async def test_edits_answer_the_message_and_refuse_what_telegram_refuses(api: Any) -> None:
    emulator, token, http = api
    keyboard = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    _, sent = await _bot(http, emulator, token, "sendMessage", chat_id=5, text="hi")
    message_id = sent["result"]["message_id"]
    status, edited = await _bot(
        http,
        emulator,
        token,
        "editMessageText",
        chat_id=5,
        message_id=message_id,
        text="ho",
        reply_markup=keyboard,
    )
    assert status == 200
    assert edited["result"]["text"] == "ho"
    assert edited["result"]["reply_markup"] == keyboard
    status, same = await _bot(
        http,
        emulator,
        token,
        "editMessageText",
        chat_id=5,
        message_id=message_id,
        text="ho",
        reply_markup=keyboard,
    )
    assert status == 400 and "message is not modified" in same["description"]
    status, _ = await _bot(
        http, emulator, token, "editMessageText", chat_id=5, message_id=999, text="x"
    )
    assert status == 400


async def test_methods_the_package_answers_with_500_work(api: Any) -> None:
    emulator, token, http = api
    for method, form in [
        ("setMyCommands", {"commands": [{"command": "start", "description": "Начать"}]}),
        ("sendChatAction", {"chat_id": 5, "action": "typing"}),
        ("getChat", {"chat_id": 5}),
        ("answerCallbackQuery", {"callback_query_id": "1", "text": "ok"}),
    ]:
        status, body = await _bot(http, emulator, token, method, **form)
        assert (status, body["ok"]) == (200, True), (method, body)
    form = aiohttp.FormData()
    form.add_field("chat_id", "5")
    form.add_field("document", "attach://file1")
    form.add_field("file1", b"BEGIN:VCALENDAR", filename="consultation-1.ics")
    async with http.post(f"{emulator.url}/bot{token}/sendDocument", data=form) as response:
        body = await response.json()
    assert body["result"]["document"]["file_name"] == "consultation-1.ics"


async def test_rate_rules_answer_429_and_blocked_chats_403_in_the_bot_api_shape(
    api: Any,
) -> None:
    emulator, token, http = api
    await emulator.rate(token, 2)
    await emulator.block(token, [7])
    answers = [
        await _bot(http, emulator, token, "sendMessage", chat_id=5, text="x") for _ in range(3)
    ]
    assert [status for status, _ in answers] == [200, 200, 429]
    assert answers[2][1] == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 1",
        "parameters": {"retry_after": 1},
    }
    await asyncio.sleep(1.05)
    status, body = await _bot(http, emulator, token, "sendMessage", chat_id=7, text="x")
    assert (status, body) == (
        403,
        {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"},
    )
    await emulator.rate(token, 1, chat_id=9)  # a rule for one chat leaves the others alone
    await emulator.rate(token, None)
    statuses = [
        (await _bot(http, emulator, token, "sendMessage", chat_id=9, text="x"))[0] for _ in range(2)
    ]
    assert statuses == [200, 429]
    assert (await _bot(http, emulator, token, "sendMessage", chat_id=5, text="x"))[0] == 200
    await emulator.flood(token, 2)  # a flood wait refuses every send until it ends
    status, body = await _bot(http, emulator, token, "sendMessage", chat_id=5, text="x")
    assert (status, body["parameters"]) == (429, {"retry_after": 2})


async def test_a_webhook_gets_the_secret_and_an_unreachable_one_is_retried_not_fatal(
    api: Any,
) -> None:
    emulator, token, http = api
    port = free_port()
    seen: list[tuple[str | None, dict[str, Any]]] = []

    async def hook(request: web.Request) -> web.Response:
        seen.append((request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json()))
        return web.Response()

    url = f"http://127.0.0.1:{port}/webhook"
    await _bot(http, emulator, token, "setWebhook", url=url, secret_token="s3cret")
    # Nobody listens yet: the update waits, and the emulator lives on.
    await emulator.call("sendMessage", token=token, chatId=5, text="привет")
    await asyncio.sleep(1)
    _, info = await _bot(http, emulator, token, "getWebhookInfo")
    assert info["result"]["pending_update_count"] == 1
    assert "last_error_message" in info["result"]
    status, _ = await _bot(http, emulator, token, "getUpdates")
    assert status == 409  # as Telegram: no polling while a webhook is set

    app = web.Application()
    app.router.add_post("/webhook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        for _ in range(50):
            if seen:
                break
            await asyncio.sleep(0.1)
    finally:
        await runner.cleanup()
    assert len(seen) == 1
    secret, update = seen[0]
    assert secret == "s3cret"
    assert update["message"]["text"] == "привет"
    assert emulator.process.returncode is None


async def test_an_album_is_answered_with_one_message_per_item(api: Any) -> None:
    emulator, token, http = api
    form = aiohttp.FormData()
    form.add_field("chat_id", "5")
    media = [
        {"type": "photo", "media": "attach://a", "caption": "Записи по неделям"},
        {"type": "photo", "media": "attach://b"},
    ]
    form.add_field("media", json.dumps(media))
    form.add_field("a", b"\x89PNG", filename="a.png")
    form.add_field("b", b"\x89PNG", filename="b.png")
    async with http.post(f"{emulator.url}/bot{token}/sendMediaGroup", data=form) as response:
        body = await response.json()
    assert [m["photo"][0]["file_name"] for m in body["result"]] == ["a.png", "b.png"]
    assert body["result"][0]["caption"] == "Записи по неделям"
