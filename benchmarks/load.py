"""Many users at once through the production dispatcher, with the real encoders.

    python benchmarks/load.py [--backends sqlite,postgres] [--rates 25,50,100,150]
                              [--seconds 10] [--users 600] [--closed-users 50]

Simulated, already onboarded users send updates with no network: a recording Bot API
session stands in for Telegram. One update in six is a free-text question that runs a
search; the others are dialog steps (/help, /profile, /mydata, a repeated consent tap,
/stats refused, and switching reminders, which writes). Texts of questions repeat, as
interest buttons do.

- Open loop: updates arrive at a fixed rate whatever the bot does; latency is measured
  from the moment an update was due, so queueing counts.
- Closed loop: `--closed-users` users, each sending the next update as soon as the last
  one was answered.
- Ceiling: a bare aiogram echo bot on the same session, in the same run, so that figures
  from noisy machines can be compared by their ratio to it.

Errors are exceptions out of the dispatcher, apologies ("error-unexpected") and
"throttled" replies. Targets (issue 8): 0 errors; at 100 updates/s offered, dialog
p95 ≤ 100 ms and search p95 ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _common import ROOT
from aiogram import Bot, Dispatcher, Router
from aiogram.methods import SendMessage
from aiogram.types import CallbackQuery, Chat, Message, Update, User

from bot.app import build_application
from bot.config import Settings
from bot.console.session import RecordingSession
from bot.i18n import translator
from bot.knowledge_provider import engine_config
from bot.logs import configure_logging
from bot.runner import settle_memory
from bot.services.accounts import PERSONAL_DATA, AccountService
from bot.services.knowledge_base import KnowledgeBase
from bot.storage.migrate import upgrade
from bot.storage.repositories import SqlUnitOfWork
from bot.ui.callbacks import ConsentCallback, ProfileCallback
from bot.ui.profile import OFF, ON, PROFILE_NOTIFY
from knowledge import load_catalogue

TOKEN = "4242424242:BENCHMARK_TOKEN_FOR_OFFLINE_RUNS_xxxxxxxx"
PG_ADMIN = os.environ.get("CAREERBOT_TEST_PG", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
RU = translator("ru")
QUESTIONS = [
    "хочу работать с компьютерами",
    "люблю машины и технику",
    "хочу помогать людям, медицина",
    "нравится готовить",
    "хочу работать руками, строить",
    "рисую и люблю дизайн",
    "хочу стать сварщиком",
    "мне 45, спина болит, хочу сидячее",
    "бесплатное обучение для безработных",
    "хочу работать с детьми",
    "программист",
    "электрик",
]
# Dialog steps: reads (/help, /profile, /mydata, a repeated consent tap, /stats refused) and
# a write (switching reminders in /profile), as onboarding answers write.
DIALOG_KINDS = ("help", "profile", "consent", "mydata", "stats", "notify")


@dataclass
class Figures:
    dialog_ms: list[float] = field(default_factory=list)
    search_ms: list[float] = field(default_factory=list)
    errors: int = 0
    finished: int = 0

    def line(self, label: str, seconds: float) -> str:
        return (
            f"{label:<28} {self.finished / seconds:7.1f} upd/s | dialog p50 "
            f"{_pct(self.dialog_ms, 50):6.1f} p95 {_pct(self.dialog_ms, 95):6.1f} ms | search "
            f"p50 {_pct(self.search_ms, 50):6.1f} p95 {_pct(self.search_ms, 95):6.1f} ms | "
            f"errors {self.errors}"
        )

    def meets_targets(self) -> bool:
        return (
            self.errors == 0
            and _pct(self.dialog_ms, 95) <= 100.0
            and _pct(self.search_ms, 95) <= 300.0
        )


def _pct(values: list[float], percent: int) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


class SharedKnowledge:
    def __init__(self, knowledge: KnowledgeBase) -> None:
        self._knowledge = knowledge

    async def get(self) -> KnowledgeBase:
        return self._knowledge


class Harness:
    """The production dispatcher and a recording session; counts apologies as errors."""

    def __init__(self, dispatcher: Dispatcher, users: int) -> None:
        self.dispatcher = dispatcher
        self.session = RecordingSession()
        self.bot = Bot(TOKEN, session=self.session)
        self.users = [
            User(id=10_000 + n, is_bot=False, first_name="U", language_code="ru")
            for n in range(users)
        ]
        self._ids = itertools.count(1)
        self._bad_texts = {RU("error-unexpected"), RU("throttled")}

    def update(self, user: User, number: int) -> tuple[str, Update]:
        """The number-th update of the mix: one in six is a search."""
        update_id = next(self._ids)
        chat = Chat(id=user.id, type="private")
        if number % 6 == 5:
            text = QUESTIONS[(number // 6) % len(QUESTIONS)]
            return "search", Update(update_id=update_id, message=_message(user, chat, text))
        kind = DIALOG_KINDS[(number // 6 + number) % len(DIALOG_KINDS)]
        if kind in ("consent", "notify"):
            data = (
                ConsentCallback(action="accept").pack()
                if kind == "consent"
                else ProfileCallback(action=PROFILE_NOTIFY, value=(OFF, ON)[number % 2]).pack()
            )
            query = CallbackQuery(
                id=str(update_id),
                from_user=user,
                chat_instance="load",
                data=data,
                message=_message(user, chat, "…"),
            )
            return "dialog", Update(update_id=update_id, callback_query=query)
        return "dialog", Update(update_id=update_id, message=_message(user, chat, f"/{kind}"))

    async def feed(self, update: Update) -> bool:
        """True when the update was handled without an error."""
        try:
            await self.dispatcher.feed_update(self.bot, update)
        except Exception:  # noqa: BLE001 - counted, the benchmark goes on
            return False
        return True

    def count_bad_replies(self) -> int:
        bad = sum(
            1
            for request in self.session.requests
            if isinstance(request, SendMessage) and request.text in self._bad_texts
        )
        self.session.requests.clear()
        return bad


def _message(user: User, chat: Chat, text: str) -> Message:
    from datetime import UTC, datetime

    return Message(message_id=1, date=datetime.now(UTC), chat=chat, from_user=user, text=text)


async def open_loop(harness: Harness, rate: float, seconds: float) -> Figures:
    figures = Figures()
    loop = asyncio.get_running_loop()
    started = loop.time()
    tasks: list[asyncio.Task[None]] = []

    async def one(number: int, due: float) -> None:
        user = harness.users[number % len(harness.users)]
        kind, update = harness.update(user, number)
        ok = await harness.feed(update)
        elapsed = (loop.time() - due) * 1000
        (figures.search_ms if kind == "search" else figures.dialog_ms).append(elapsed)
        figures.errors += 0 if ok else 1
        figures.finished += 1

    for number in range(int(rate * seconds)):
        due = started + number / rate
        delay = due - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(number, due)))
    await asyncio.gather(*tasks)
    figures.errors += harness.count_bad_replies()
    return figures


async def closed_loop(
    feed: Callable[[int, int], Awaitable[tuple[str, bool]]], users: int, seconds: float
) -> tuple[Figures, float]:
    figures = Figures()
    deadline = time.monotonic() + seconds

    async def user_loop(index: int) -> None:
        number = index
        while time.monotonic() < deadline:
            began = time.monotonic()
            kind, ok = await feed(index, number)
            elapsed = (time.monotonic() - began) * 1000
            (figures.search_ms if kind == "search" else figures.dialog_ms).append(elapsed)
            figures.errors += 0 if ok else 1
            figures.finished += 1
            number += users

    began = time.monotonic()
    await asyncio.gather(*(user_loop(index) for index in range(users)))
    return figures, time.monotonic() - began


async def echo_ceiling(users: int, seconds: float) -> float:
    """Updates per second of a bare aiogram echo bot on the same recording session."""
    dispatcher = Dispatcher()
    router = Router()

    @router.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    dispatcher.include_router(router)
    harness = Harness(dispatcher, users)

    async def feed(index: int, number: int) -> tuple[str, bool]:
        user = harness.users[index]
        update = Update(
            update_id=next(harness._ids),
            message=_message(user, Chat(id=user.id, type="private"), "эхо"),
        )
        return "dialog", await harness.feed(update)

    figures, elapsed = await closed_loop(feed, users, seconds)
    harness.session.requests.clear()
    return figures.finished / elapsed


async def prepare_users(application: Any, users: list[User]) -> None:
    """Consent and a finished onboarding for every simulated user, in the database."""
    from datetime import UTC, datetime

    for user in users:
        async with application.session_factory() as session:
            uow = SqlUnitOfWork(session)
            await AccountService(uow).give_consent(user.id, PERSONAL_DATA, "ru")
            await uow.users.set_role(user.id, "career_change")
            await uow.users.set_place(user.id, "RU-TOM", "Asia/Tomsk", None)
            await uow.users.set_interests(user.id, ("it", "technology"))
            await uow.users.set_onboarded(user.id, datetime.now(UTC))
            await uow.commit()


async def run_backend(
    name: str, url: str, knowledge: KnowledgeBase, args: argparse.Namespace
) -> list[str]:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        database_url=url,
        staff={"staff_chat_id": -100500},
        # A closed loop with no think time is a flood by design; the throttle would drop
        # most of it and the figures would measure nothing. Open-loop users stay far below
        # the throttle's 2 updates/s anyway.
        throttle_rate_per_second=0,
    )
    application = build_application(settings, knowledge=SharedKnowledge(knowledge))
    lines = []
    try:
        harness = Harness(application.dispatcher, args.users)
        await prepare_users(application, harness.users)
        # Warm up: first queries load lazily initialised parts and fill the pool.
        await open_loop(harness, 20, 2)
        best = None
        for rate in args.rates:
            figures = await open_loop(harness, rate, args.seconds)
            lines.append(figures.line(f"{name} open {rate:.0f}/s", args.seconds))
            if figures.meets_targets():
                best = rate
        lines.append(f"{name}: highest offered rate meeting the targets: {best or 'none'}")

        async def feed(index: int, number: int) -> tuple[str, bool]:
            kind, update = harness.update(harness.users[index], number)
            return kind, await harness.feed(update)

        figures, elapsed = await closed_loop(feed, args.closed_users, args.seconds)
        figures.errors += harness.count_bad_replies()
        lines.append(figures.line(f"{name} closed {args.closed_users} users", elapsed))
        lines.append(f"{name} closed loop throughput: {figures.finished / elapsed:.1f} upd/s")
    finally:
        await application.engine.dispose()
    return lines


async def _postgres_database() -> tuple[str, Callable[[], Awaitable[None]]]:
    import asyncpg
    from sqlalchemy.engine import make_url

    name = f"careerbot_load_{uuid.uuid4().hex[:8]}"
    admin = make_url(PG_ADMIN).set(drivername="postgresql").render_as_string(hide_password=False)
    connection = await asyncpg.connect(admin)
    await connection.execute(f'CREATE DATABASE "{name}"')
    await connection.close()

    async def drop() -> None:
        connection = await asyncpg.connect(admin)
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.close()

    return make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False), drop


async def main(args: argparse.Namespace) -> None:
    configure_logging("ERROR")
    print("building the knowledge base (real encoders, cached index)…", file=sys.stderr)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    knowledge = await asyncio.to_thread(
        KnowledgeBase.build,
        load_catalogue(),
        engine_config(settings),
        index_dir=ROOT / "data" / "index",
    )
    settle_memory()  # as `careerbot run` does once the knowledge base is loaded
    ceiling = await echo_ceiling(args.closed_users, args.seconds)
    print(
        f"bare aiogram echo ceiling ({args.closed_users} users, closed loop): {ceiling:.1f} upd/s"
    )
    for backend in args.backends:
        if backend == "sqlite":
            folder = tempfile.mkdtemp(prefix="careerbot-load-")
            url = f"sqlite+aiosqlite:///{Path(folder) / 'load.sqlite3'}"
            drop = None
        else:
            url, drop = await _postgres_database()
        await asyncio.to_thread(upgrade, url)
        try:
            lines = await run_backend(backend, url, knowledge, args)
        finally:
            if drop is not None:
                await drop()
        for line in lines:
            print(line)
            if "closed loop throughput" in line:
                throughput = float(line.rsplit(":", 1)[1].split()[0])
                print(f"{backend} closed loop / echo ceiling: {throughput / ceiling:.2f}")


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--rates", default="25,50,100,150")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--users", type=int, default=600)
    parser.add_argument("--closed-users", type=int, default=50)
    args = parser.parse_args()
    args.backends = [name.strip() for name in args.backends.split(",") if name.strip()]
    args.rates = [float(rate) for rate in args.rates.split(",")]
    return args


if __name__ == "__main__":
    asyncio.run(main(_parse()))
