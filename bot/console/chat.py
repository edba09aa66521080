"""`careerbot chat`: try the bot in a terminal, with no Telegram token and no network.

A session can be recorded (`--record FILE`); tests replay such transcripts through the
same driver and compare every line, so a recorded dialog stays true.

Reminders arrive as they would in Telegram: after each input the console runs one delivery
pass of the real sender, and `:advance 23h` moves the console's clock forward first. The
console takes the scheduler's lease like any worker, so pointed at a database where a bot
is running it sends nothing of that bot's users into the terminal."""

from __future__ import annotations

import asyncio
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

from aiogram import Bot
from aiogram.types import User

from bot.app import Application, build_application
from bot.composition import ReminderContents, reminder_contents
from bot.config import Settings
from bot.console.driver import ConsoleDriver
from bot.console.session import RecordingSession
from bot.knowledge_provider import progress_bars
from bot.scheduler import SchedulerContext, SchedulerLease
from bot.services.clock import Clock, utc_now
from bot.services.knowledge_base import KnowledgeSource
from bot.telegram_messenger import TelegramMessenger

CONSOLE_TOKEN = "4242424242:CONSOLE_OFFLINE_TOKEN_NOT_FOR_TELEGRAM_x"
HELP = (
    "Пишите сообщения как в Telegram. Число или [часть надписи] — нажать кнопку.\n"
    ":sticker — отправить стикер, :contact — поделиться телефоном, :quit — выйти.\n"
    ":file ПУТЬ — отправить файл (сотрудник: таблицу каталога .xlsx или .csv).\n"
    ":advance 23h (или 90m, 2d, 1d12h) — перевести часы вперёд и получить напоминания."
)
PREPARING = "Загружаю каталог и модели. В первый раз строится поисковый индекс: пара минут."
USER_PREFIX = "Вы: "
BOT_PREFIX = "Бот: "
QUIT = (":quit", ":q", "/quit", "/exit")
ADVANCE = ":advance"
FILE = ":file"
DURATION_PART = re.compile(r"(\d+)\s*([dhms])")
UNITS = {"d": "days", "h": "hours", "m": "minutes", "s": "seconds"}
# How long a clean exit waits for a reminder pass (there is none in flight between inputs).
CLOSE_GRACE_SECONDS = 5.0


@dataclass
class ConsoleClock:
    """The console's time: a start (frozen for transcripts, or the real clock) moved
    forward by :advance. The dialog and the reminders both read it."""

    start: Clock = utc_now
    offset: timedelta = field(default_factory=timedelta)

    def __call__(self) -> datetime:
        return self.start() + self.offset

    def advance(self, delta: timedelta) -> None:
        self.offset += delta


def parse_duration(text: str) -> timedelta | None:
    """«23h», «90m», «2d», «1d12h», «45s»; None for anything else (or nothing)."""
    compact = text.replace(" ", "").lower()
    parts = DURATION_PART.findall(compact)
    if not parts or "".join(number + unit for number, unit in parts) != compact:
        return None
    return sum((timedelta(**{UNITS[unit]: int(number)}) for number, unit in parts), timedelta())


@dataclass
class Console:
    driver: ConsoleDriver
    application: Application
    clock: ConsoleClock
    scheduler: SchedulerContext

    async def reminders(self) -> list[str]:
        """One delivery pass: what fell due by the console's clock, as the user sees it."""
        await self.scheduler.tick()
        return [f"{BOT_PREFIX}{line}" for line in self.driver.take_sent()]

    async def advance(self, argument: str) -> list[str]:
        argument = argument.strip()
        delta = parse_duration(argument)
        if delta is None or delta <= timedelta():
            return [f"(не понимаю «{argument}»: например {ADVANCE} 23h, 90m, 2d или 1d12h)"]
        self.clock.advance(delta)
        moved = f"(часы: +{argument}, теперь {self.clock().isoformat(timespec='minutes')})"
        return [moved, *await self.reminders()]

    async def close(self) -> None:
        await self.scheduler.wind_down(CLOSE_GRACE_SECONDS)
        await self.driver.bot.session.close()
        await self.application.engine.dispose()


def make_console(
    settings: Settings,
    user_id: int,
    language: str,
    *,
    clock: Clock = utc_now,
    knowledge: KnowledgeSource | None = None,
    contents: ReminderContents = reminder_contents,
) -> Console:
    console_clock = ConsoleClock(clock)
    # One person at a keyboard cannot flood; pasted scripts must not be throttled.
    application = build_application(
        settings.model_copy(update={"throttle_rate_per_second": 0}),
        clock=console_clock,
        knowledge=knowledge,
        progress=progress_bars(),
    )
    session = RecordingSession()
    bot = Bot(token=CONSOLE_TOKEN, session=session)
    user = User(id=user_id, is_bot=False, first_name="Вы", language_code=language)
    driver = ConsoleDriver(application.dispatcher, bot, session, user)
    sessions = application.session_factory
    scheduler = SchedulerContext(
        settings=settings,
        sessions=sessions,
        knowledge=application.knowledge,
        messenger=TelegramMessenger(bot),
        lease=SchedulerLease(sessions, timedelta(seconds=settings.scheduler.lease_seconds)),
        clock=console_clock,
        contents=contents,
    )
    return Console(driver, application, console_clock, scheduler)


def _read_file(name: str) -> bytes:
    return Path(name).expanduser().read_bytes()


async def step(console: Console, text: str) -> list[str]:
    """One user input, as typed at the console; returns the rendered reply lines, then the
    reminders that fell due by then."""
    driver = console.driver
    if text == ADVANCE or text.startswith(f"{ADVANCE} "):
        lines = await console.advance(text[len(ADVANCE) :])
        return lines + driver.render_choices()
    if text == ":sticker":
        sent = await driver.send_sticker()
    elif text == ":contact":
        sent = await driver.share_contact()
    elif text.startswith(f"{FILE} "):
        name = text[len(FILE) :].strip()
        try:
            data = await asyncio.to_thread(_read_file, name)
        except OSError as error:
            return [f"(не удалось прочитать {name}: {error.strerror or error})"]
        sent = await driver.send_document(Path(name).name, data)
    elif text.isdigit() and driver.choices and 1 <= int(text) <= len(driver.choices):
        sent = await driver.press(int(text))
    elif text.startswith("[") and text.endswith("]") and len(text) > 2:
        try:
            sent = await driver.press_label(text[1:-1])  # a button by (part of) its label
        except LookupError:
            return [f"(нет кнопки «{text[1:-1]}»)"]
    else:
        sent = await driver.send_text(text)
    rendered = [f"{BOT_PREFIX}{line}" for line in sent]
    return rendered + await console.reminders() + driver.render_choices()


async def replay(console: Console, transcript: str) -> str:
    """Feed the user lines of a recorded transcript; return the transcript as it is now."""
    out: list[str] = []
    for line in transcript.splitlines():
        if line.startswith(USER_PREFIX):
            text = line[len(USER_PREFIX) :]
            out.append(line)
            out.extend(await step(console, text))
    return "\n".join(out) + "\n"


async def run_chat(
    settings: Settings,
    *,
    user_id: int,
    language: str,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    record: TextIO | None = None,
    frozen_time: datetime | None = None,
) -> None:
    clock: Clock = (lambda: frozen_time) if frozen_time is not None else utc_now
    console = make_console(settings, user_id, language, clock=clock)

    def show(lines: list[str]) -> None:
        for line in lines:
            stdout.write(f"{line}\n")
            if record is not None:
                record.write(f"{line}\n")
        stdout.flush()

    async def say(text: str) -> None:
        if record is not None:
            record.write(f"{USER_PREFIX}{text}\n")
        show(await step(console, text))

    stdout.write(HELP + "\n\n")
    try:
        # Build the search index now, with a progress bar, rather than freeze mid-dialog.
        stdout.write(PREPARING + "\n")
        stdout.flush()
        await console.application.knowledge.get()
        await say("/start")
        while True:
            stdout.write(USER_PREFIX)
            stdout.flush()
            line = await asyncio.to_thread(stdin.readline)
            if not line:
                break
            text = line.strip()
            if text in QUIT:
                break
            if text:
                await say(text)
    finally:
        await console.close()
