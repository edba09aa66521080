"""Many people at once through the webhook over loopback HTTP, against one or two
`careerbot run --webhook` processes.

    python benchmarks/webhook_load.py [--processes 1,2] [--rates 100] [--seconds 60] [--runs 1]

Each simulated person is a schoolchild who goes the whole way, as a person would, reading
the bot's buttons: /start, consent, role, grade, region, an interest, «Готово», a sentence
about themselves, the suggestions (a search), a free question (a search), then /book: the
region's centre, online or in person, a day, a time, no phone, «Подтвердить запись». That is
17 updates. People are spread over six regions and both formats, and pick different days
and times, so that they fill many calendars rather than fight over one seat. People
arrive at a fixed rate so that the updates offered reach `--rates` a second, and each takes
the next step one second after the bot's answer to the last one (the time to read).

Latency of an update: from the moment it was posted to the webhook to the bot's first
message to that person (what the person waits for). A search update is the suggestions and
the free question; the others are dialog updates. Errors: an apology, no answer within 30
seconds, a webhook answer other than 200, or a step whose expected button never came.

The bots share PostgreSQL and Redis (as in production with several instances), take
updates in turn (round robin per update, so one person's steps alternate between
processes), and leave reminders to nobody (SCHEDULER__IN_PROCESS=false). The Bot API
stand-in and the simulated people run in this process, on the same two cores as the bots.
Targets (issue 10): at 100 updates/s offered, one process: dialog p95 ≤ 150 ms, search p95
≤ 300 ms, no errors.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from _common import ROOT
from _processes import bench_database, careerbot_process, stop_process

from tests.e2e.standin import BotApiStandIn

SECRET = "benchmark-secret"
REDIS_URL = "redis://127.0.0.1:6379/13"
FIRST_USER = 7_000_000
APOLOGY = "что-то пошло не так"
THINK_SECONDS = 1.0
ANSWER_SECONDS = 30.0


@dataclass
class Chat:
    """What one simulated person saw: messages as they came, and the buttons of the last."""

    messages: list[tuple[float, str, Any]] = field(default_factory=list)  # (moment, text, keyboard)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    def buttons(self) -> list[dict[str, str]]:
        for _, _, markup in reversed(self.messages):
            if markup:
                keyboard = json.loads(markup) if isinstance(markup, str) else markup
                rows = keyboard.get("inline_keyboard") or keyboard.get("keyboard") or []
                return [b if isinstance(b, dict) else {"text": b} for row in rows for b in row]
        return []


# One step: what the person does, and what shows the bot's answer is complete.
Action = tuple[str, str]  # ("text", words) or ("press", label prefix or "data:" prefix)


@dataclass(frozen=True)
class Step:
    action: Action
    ready: Callable[[Chat], bool]
    search: bool = False
    spread: bool = False  # people press different buttons of this kind (days, times)


def has_button(prefix: str) -> Callable[[Chat], bool]:
    def check(chat: Chat) -> bool:
        return any(_matches(button, prefix) for button in chat.buttons())

    return check


def has_text(part: str) -> Callable[[Chat], bool]:
    return lambda chat: any(part in text for _, text, _ in chat.messages)


def _matches(button: dict[str, str], prefix: str) -> bool:
    if prefix.startswith("data:"):
        return str(button.get("callback_data", "")).startswith(prefix[5:])
    return str(button.get("text", "")).startswith(prefix)


# Regions whose centres consult in person and online: people are spread over them (and over
# the two formats), so that bookings fill many calendars, as real people's would.
REGIONS = (
    "Томская",
    "Тверская",
    "Пермский",
    "Красноярский",
    "Кемеровская",
    "Ростовская",
)
FORMATS = ("Онлайн", "В центре")


def script(index: int) -> tuple[Step, ...]:
    region = REGIONS[index % len(REGIONS)]
    booking_format = FORMATS[(index // len(REGIONS)) % len(FORMATS)]
    return (
        Step(("text", "/start"), has_button("Согласен")),
        Step(("press", "Согласен"), has_button("Школьник")),
        Step(("press", "Школьник"), has_button("8 класс")),
        Step(("press", "8 класс"), has_button(region)),
        Step(("press", region), has_button("Компьютеры")),
        Step(("press", "Компьютеры"), has_button("✓ Компьютеры")),
        Step(("press", "Готово"), has_text("своими словами")),
        Step(("text", "люблю собирать роботов и программировать"), has_button("Пропустить")),
        Step(("press", "Пропустить"), has_button("data:rec:"), search=True),
        Step(("text", "а где учат на программиста после 9 класса?"), lambda c: True, search=True),
        Step(("text", "/book"), has_button("data:bk:centre")),
        Step(("press", "data:bk:centre"), has_button(booking_format)),
        Step(("press", booking_format), has_button("data:bk:day")),
        Step(("press", "data:bk:day"), has_button("data:bk:time"), spread=True),
        Step(("press", "data:bk:time"), has_button("Без телефона"), spread=True),
        Step(("press", "Без телефона"), has_button("Подтвердить запись")),
        Step(("press", "Подтвердить запись"), has_text("вы записаны")),
    )


STEPS = len(script(0))


def _update(update_id: int, user_id: int, action: Action, chat: Chat, pick: int) -> dict[str, Any]:
    person = {"id": user_id, "is_bot": False, "first_name": "Ученик", "language_code": "ru"}
    kind, value = action
    if kind == "press":
        matching = [b for b in chat.buttons() if _matches(b, value)]
        button = matching[pick % len(matching)] if matching else {"text": value}
        if "callback_data" in button:
            return {
                "update_id": update_id,
                "callback_query": {
                    "id": str(update_id),
                    "from": person,
                    "chat_instance": "bench",
                    "data": button["callback_data"],
                    "message": {
                        "message_id": 1,
                        "date": 0,
                        "chat": {"id": user_id, "type": "private"},
                        "text": "…",
                    },
                },
            }
        value = button["text"]  # a reply-keyboard button sends its label as a message
    message: dict[str, Any] = {
        "message_id": update_id,
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private"},
        "from": person,
        "text": value,
    }
    if value.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(value)}]
    return {"update_id": update_id, "message": message}


@dataclass
class Figures:
    dialog: list[float] = field(default_factory=list)
    search: list[float] = field(default_factory=list)
    posted: list[float] = field(default_factory=list)  # moments of updates answered
    errors: dict[str, int] = field(default_factory=dict)
    finished: int = 0

    def rate(self, start: float, end: float) -> float:
        """Updates answered a second among those posted between start and end."""
        return sum(1 for moment in self.posted if start <= moment < end) / (end - start)

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


async def _person(
    index: int,
    http: aiohttp.ClientSession,
    hooks: list[str],
    chats: dict[int, Chat],
    update_ids: itertools.count[int],
    figures: Figures,
) -> None:
    user_id = FIRST_USER + index
    chat = chats[user_id] = Chat()
    for number, step in enumerate(script(index), start=1):
        seen = len(chat.messages)
        update_id = next(update_ids)
        body = _update(update_id, user_id, step.action, chat, pick=index if step.spread else 0)
        chat.arrived.clear()
        posted = time.monotonic()
        async with http.post(
            hooks[update_id % len(hooks)],
            json=body,
            headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
        ) as response:
            if response.status != 200:
                figures.error(f"HTTP {response.status}")
                return
        deadline = posted + ANSWER_SECONDS
        answered: float | None = None
        while True:
            if len(chat.messages) > seen and answered is None:
                answered = chat.messages[seen][0]
            if answered is not None and step.ready(chat):
                break
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                figures.error(
                    f"{'no answer' if answered is None else 'wrong answer'} at step {number}"
                )
                if os.environ.get("BENCH_DEBUG"):
                    print(number, [t[:160] for _, t, _ in chat.messages[seen:]], chat.buttons())
                return
            chat.arrived.clear()
            try:
                await asyncio.wait_for(chat.arrived.wait(), remaining)
            except TimeoutError:
                continue
        figures.posted.append(posted)
        (figures.search if step.search else figures.dialog).append(answered - posted)
        if any(APOLOGY in text for _, text, _ in chat.messages[seen:]):
            figures.error("apology")
        await asyncio.sleep(THINK_SECONDS)
    figures.finished += 1


async def run_once(processes: int, rate: float, seconds: float) -> dict[str, Any]:
    from redis.asyncio import Redis

    redis = Redis.from_url(REDIS_URL)
    await redis.flushdb()
    await redis.aclose()
    chats: dict[int, Chat] = {}

    def on_message(chat_id: int, text: str, markup: Any) -> None:
        chat = chats.get(chat_id)
        if chat is not None:
            chat.messages.append((time.monotonic(), text, markup))
            chat.arrived.set()

    api = BotApiStandIn(per_second=None)
    api.on_message = on_message
    api_port = await api.start()
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        url, drop = await bench_database("postgres", folder)
        bots: list[asyncio.subprocess.Process] = []
        hooks: list[str] = []
        http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
        try:
            for number in range(processes):
                port = 18_600 + number
                # One after another: the first start loads the catalogue into the database.
                bots.append(
                    await careerbot_process(
                        "run",
                        url,
                        api_port,
                        folder,
                        WEBHOOK__ENABLED="true",
                        WEBHOOK__URL=f"http://127.0.0.1:{port}/hook",
                        WEBHOOK__SECRET=SECRET,
                        WEBHOOK__REGISTER="false",
                        SERVER__HOST="127.0.0.1",
                        SERVER__PORT=str(port),
                        SCHEDULER__IN_PROCESS="false",
                        REDIS_URL=REDIS_URL,
                    )
                )
                await _ready(http, f"http://127.0.0.1:{port}/readyz")
                hooks.append(f"http://127.0.0.1:{port}/hook")
            figures = Figures()
            update_ids = itertools.count(1)
            people: list[asyncio.Task[None]] = []
            arrivals = rate / STEPS  # people a second, so that updates offered ≈ rate
            started = time.monotonic()
            for index in itertools.count():
                due = started + index / arrivals
                if due - started > seconds:
                    break
                await asyncio.sleep(max(0.0, due - time.monotonic()))
                people.append(
                    asyncio.create_task(_person(index, http, hooks, chats, update_ids, figures))
                )
            await asyncio.gather(*people)
        finally:
            await http.close()
            for bot in bots:
                await stop_process(bot)
            await api.stop()
            await drop()
    handled = len(figures.dialog) + len(figures.search)
    return {
        "processes": processes,
        "offered": rate,
        "people": len(people),
        "finished": figures.finished,
        # The second half of the arrivals: everyone's steps overlap there, as in steady use.
        "updates/s": round(figures.rate(started + seconds / 2, started + seconds), 1),
        "updates": handled,
        "dialog p50": _ms(figures.dialog, 50),
        "dialog p95": _ms(figures.dialog, 95),
        "search p50": _ms(figures.search, 50),
        "search p95": _ms(figures.search, 95),
        "errors": figures.errors,
    }


async def _ready(http: aiohttp.ClientSession, url: str) -> None:
    for _ in range(1200):
        try:
            async with http.get(url) as response:
                if response.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.25)
    raise RuntimeError(f"{url} never became ready")


def _ms(values: list[float], percentile: int) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * percentile / 100))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", default="1,2")
    parser.add_argument("--rates", default="100")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    print(f"careerbot webhook load — {ROOT.name}; {args.seconds:.0f} s of arrivals per run")
    for rate in (float(r) for r in args.rates.split(",")):
        for processes in (int(p) for p in args.processes.split(",")):
            results = [
                asyncio.run(run_once(processes, rate, args.seconds)) for _ in range(args.runs)
            ]
            for result in results:
                print(json.dumps(result, ensure_ascii=False))
            if len(results) > 1:
                medians = {
                    key: round(statistics.median(r[key] for r in results), 1)
                    for key in ("updates/s", "dialog p50", "dialog p95", "search p50", "search p95")
                }
                print(f"median of {len(results)}: {processes} process(es) at {rate:.0f}/s", medians)


if __name__ == "__main__":
    main()
