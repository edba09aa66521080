"""`careerbot chat`: try the bot in a terminal, with no Telegram token and no network.

A session can be recorded (`--record FILE`); tests replay such transcripts through the
same driver and compare every line, so a recorded dialog stays true."""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime
from typing import TextIO

from aiogram import Bot
from aiogram.types import User

from bot.app import Application, build_application
from bot.config import Settings
from bot.console.driver import ConsoleDriver
from bot.console.session import RecordingSession
from bot.knowledge_provider import progress_bars
from bot.services.clock import Clock, utc_now
from bot.services.knowledge_base import KnowledgeSource

CONSOLE_TOKEN = "4242424242:CONSOLE_OFFLINE_TOKEN_NOT_FOR_TELEGRAM_x"
HELP = (
    "Пишите сообщения как в Telegram. Число или [часть надписи] — нажать кнопку.\n"
    ":sticker — отправить стикер, :contact — поделиться телефоном, :quit — выйти."
)
PREPARING = "Загружаю каталог и модели. В первый раз строится поисковый индекс: пара минут."
USER_PREFIX = "Вы: "
BOT_PREFIX = "Бот: "
QUIT = (":quit", ":q", "/quit", "/exit")


def make_driver(
    settings: Settings,
    user_id: int,
    language: str,
    *,
    clock: Clock = utc_now,
    knowledge: KnowledgeSource | None = None,
) -> tuple[ConsoleDriver, Application]:
    # One person at a keyboard cannot flood; pasted scripts must not be throttled.
    application = build_application(
        settings.model_copy(update={"throttle_rate_per_second": 0}),
        clock=clock,
        knowledge=knowledge,
        progress=progress_bars(),
    )
    session = RecordingSession()
    bot = Bot(token=CONSOLE_TOKEN, session=session)
    user = User(id=user_id, is_bot=False, first_name="Вы", language_code=language)
    driver = ConsoleDriver(application.dispatcher, bot, session, user)
    return driver, application


async def step(driver: ConsoleDriver, text: str) -> list[str]:
    """One user input, as typed at the console; returns the rendered reply lines."""
    if text == ":sticker":
        lines = await driver.send_sticker()
    elif text == ":contact":
        lines = await driver.share_contact()
    elif text.isdigit() and driver.choices and 1 <= int(text) <= len(driver.choices):
        lines = await driver.press(int(text))
    elif text.startswith("[") and text.endswith("]") and len(text) > 2:
        try:
            lines = await driver.press_label(text[1:-1])  # a button by (part of) its label
        except LookupError:
            return [f"(нет кнопки «{text[1:-1]}»)"]
    else:
        lines = await driver.send_text(text)
    rendered = [f"{BOT_PREFIX}{line}" for line in lines]
    return rendered + driver.render_choices()


async def replay(driver: ConsoleDriver, transcript: str) -> str:
    """Feed the user lines of a recorded transcript; return the transcript as it is now."""
    out: list[str] = []
    for line in transcript.splitlines():
        if line.startswith(USER_PREFIX):
            text = line[len(USER_PREFIX) :]
            out.append(line)
            out.extend(await step(driver, text))
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
    driver, application = make_driver(settings, user_id, language, clock=clock)

    def show(lines: list[str]) -> None:
        for line in lines:
            stdout.write(f"{line}\n")
            if record is not None:
                record.write(f"{line}\n")
        stdout.flush()

    async def say(text: str) -> None:
        if record is not None:
            record.write(f"{USER_PREFIX}{text}\n")
        show(await step(driver, text))

    stdout.write(HELP + "\n\n")
    try:
        # Build the search index now, with a progress bar, rather than freeze mid-dialog.
        stdout.write(PREPARING + "\n")
        stdout.flush()
        await application.knowledge.get()
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
        await driver.bot.session.close()
        await application.engine.dispose()
