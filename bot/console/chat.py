"""`careerbot chat`: try the bot in a terminal, with no Telegram token and no network."""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from aiogram import Bot
from aiogram.types import User

from bot.app import Application, build_application
from bot.config import Settings
from bot.console.driver import ConsoleDriver
from bot.console.session import RecordingSession

CONSOLE_TOKEN = "4242424242:CONSOLE_OFFLINE_TOKEN_NOT_FOR_TELEGRAM_x"
HELP = (
    "Пишите сообщения как в Telegram. Число — нажать кнопку с этим номером.\n"
    ":sticker — отправить стикер, :contact — поделиться телефоном, :quit — выйти."
)


def make_driver(
    settings: Settings, user_id: int, language: str
) -> tuple[ConsoleDriver, Application]:
    # One person at a keyboard cannot flood; pasted scripts must not be throttled.
    application = build_application(settings.model_copy(update={"throttle_rate_per_second": 0}))
    session = RecordingSession()
    bot = Bot(token=CONSOLE_TOKEN, session=session)
    user = User(id=user_id, is_bot=False, first_name="Вы", language_code=language)
    driver = ConsoleDriver(application.dispatcher, bot, session, user)
    return driver, application


async def run_chat(
    settings: Settings,
    *,
    user_id: int,
    language: str,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
) -> None:
    driver, application = make_driver(settings, user_id, language)

    def show(lines: list[str]) -> None:
        for line in lines:
            stdout.write(f"\nБот: {line}\n")
        for choice in driver.render_choices():
            stdout.write(choice + "\n")
        stdout.flush()

    stdout.write(HELP + "\n")
    show(await driver.send_text("/start"))
    try:
        while True:
            stdout.write("\nВы: ")
            stdout.flush()
            line = await asyncio.to_thread(stdin.readline)
            if not line:
                break
            text = line.strip()
            if text in (":quit", ":q", "/quit", "/exit"):
                break
            if not text:
                continue
            if text == ":sticker":
                show(await driver.send_sticker())
            elif text == ":contact":
                show(await driver.share_contact())
            elif text.isdigit() and driver.choices and 1 <= int(text) <= len(driver.choices):
                show(await driver.press(int(text)))
            else:
                show(await driver.send_text(text))
    finally:
        await driver.bot.session.close()
        await application.engine.dispose()
