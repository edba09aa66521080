"""A schoolchild, end to end over HTTP against the Bot API emulator: /start → consent →
onboarding → suggestions → a card → booking a consultation at the Tomsk centre (which has
consultation seats) with a shared contact → /mybookings → cancel. In long polling and in
webhook mode, with the real `careerbot run` on an SQLite file of its own."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import make_stack
from tests.e2e.harness import STAFF_CHAT, Emulator, text_of, until

TIME = re.compile(r"^\d{1,2}:\d{2}$")


def _day(button: dict[str, Any]) -> bool:
    """A day of the booking calendar with free time (other cells answer nothing)."""
    return str(button["text"]).isdigit() and ":noop" not in str(button["callback_data"])


def _slot(button: dict[str, Any]) -> bool:
    return bool(TIME.match(str(button["text"])))


@pytest.mark.e2e
async def test_schoolchild_onboards_books_and_cancels(
    emulator: Emulator, tmp_path: Path, mode: str, sqlite_url: str
) -> None:
    stack = make_stack(emulator, tmp_path, mode, sqlite_url)
    bot = stack.bot()
    try:
        await stack.launch(bot)
        await stack.ready(bot)
        pupil = stack.user(5_001, "Оля")

        await pupil.send("/start")
        await pupil.wait_for("152-ФЗ")
        await pupil.press("Согласен")
        await pupil.wait_for("Кто вы?")
        await pupil.press("Школьник")
        await pupil.wait_for("В каком вы классе?")
        await pupil.press("8 класс")
        await pupil.wait_for("Из какого вы региона?")
        await pupil.press("Томская")
        await pupil.wait_for("Что вам интересно?")
        await pupil.press("Компьютеры")
        assert await until(lambda: pupil.find_button("✓ Компьютеры"), 60)
        await pupil.press("Готово")
        await pupil.wait_for("своими словами")
        await pupil.send("люблю собирать роботов и программировать")
        await pupil.wait_for("тест интересов")
        await pupil.press("Пропустить, показать")
        suggestions = await pupil.wait_for("Вот профессии")
        assert "Мехатроник" in text_of(suggestions)

        await pupil.press("Мехатроник")
        card = await pupil.wait_for("Что это за работа")
        assert "Мехатроник" in text_of(card)
        await pupil.press("Хочу консультацию")
        await pupil.wait_for("Где вам удобнее получить консультацию?")
        await pupil.press("ЦОПП Томской области (Томск)")
        await pupil.wait_for("Как вам удобнее поговорить?")
        await pupil.press("Онлайн")
        await pupil.wait_for("Выберите день")
        await pupil.press(_day)
        await pupil.wait_for("Свободное время")
        await pupil.press(_slot)
        await pupil.wait_for("Оставите номер телефона?")
        await pupil.share_contact("+79123456789")
        summary = await pupil.wait_for("Проверьте запись")
        assert "Телефон: +7" in text_of(summary)
        await pupil.press("Подтвердить запись")
        confirmed = await pupil.wait_for("Готово, вы записаны")
        number = re.search(r"Номер записи — (\d+)", text_of(confirmed))
        assert number is not None
        booking = number.group(1)

        # The calendar file came as a document, and the staff chat heard of the booking.
        calendar = await pupil.wait_for("Файл для календаря")
        assert calendar["document"]["file_name"].endswith(".ics"), calendar
        staff = await emulator.messages(stack.token, STAFF_CHAT)
        assert any("Новая запись" in text_of(message) for message in staff), staff

        await pupil.send("/mybookings")
        await pupil.wait_for(f"№ {booking}.")
        await pupil.press(f"Отменить № {booking}")
        await pupil.wait_for("Отменить запись в центр")
        await pupil.press("Да, отменить")
        await pupil.wait_for(f"Запись № {booking} отменена")

        await pupil.send("/mybookings")
        listing = await pupil.wait_for("запис")
        assert f"№ {booking}." not in text_of(listing)
    finally:
        await stack.close()
    stats = await emulator.stats(stack.token)
    assert stats["unsupported"] == [], stats
    assert "Traceback" not in bot.text(), bot.tail(200)
