from __future__ import annotations

import io
from pathlib import Path

from aiogram.types import User
from openpyxl import load_workbook
from sqlalchemy import select

from bot.config import Settings
from bot.console.driver import ConsoleDriver
from bot.services.accounts import PERSONAL_DATA, AccountService
from bot.storage.models import ExportLog
from bot.storage.repositories import SqlUnitOfWork
from bot.ui.stats import StatsCallback
from knowledge import read_import_file
from tests.bot.helpers import set_profile
from tests.conftest import shared_knowledge_base

STAFF_ID = 901
ADMIN_ID = 900


def _as(harness: ConsoleDriver, user_id: int, name: str = "У") -> None:
    harness.user = User(id=user_id, is_bot=False, first_name=name, language_code="ru")


async def _people(harness: ConsoleDriver, region: str, ids: range) -> None:
    """People who pressed /start, consented and answered the questions."""
    for user_id in ids:
        _as(harness, user_id)
        await harness.send_text("/start")
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        for user_id in ids:
            await AccountService(uow).give_consent(user_id, PERSONAL_DATA, "ru")
            await set_profile(uow, user_id, role="school", region=region, interests=["it"])
        await uow.commit()


async def test_staff_see_deep_link_sources_and_ratings(harness: ConsoleDriver) -> None:
    for user_id, payload in (
        (11, "school_tomsk_12"),
        (12, "school_tomsk_12"),
        (13, "region_RU-PER"),
    ):
        _as(harness, user_id)
        await harness.send_text(f"/start {payload}")

    _as(harness, STAFF_ID, "Методист")
    text = "\n".join(await harness.send_text("/stats"))

    assert "• school_tomsk_12 — 2 пользователя" in text
    assert "• region_RU-PER — 1 пользователь" in text


async def test_stats_text_charts_and_periods(harness: ConsoleDriver) -> None:
    await _people(harness, "RU-TOM", range(100, 106))
    _as(harness, STAFF_ID, "Методист")

    lines = await harness.send_text("/stats")

    text = "\n".join(lines)
    assert "Статистика бота: 30 дней, все регионы" in text
    assert "Новых пользователей: 6" in text
    assert "• Нажали /start — 6 (100 %)" in text and "• Дали согласие — 6 (100 %)" in text
    assert "• Компьютеры и IT — 6" in text
    labels = [c.label for c in harness.choices]
    assert labels == ["7 дней", "• 30 дней", "всё время", "Выгрузить в Excel"]
    charts = [line for line in lines if line.startswith("[картинка]")]
    assert charts == [
        "[картинка] new-users.png",
        "[картинка] funnel.png",
        "[картинка] interests.png",
    ]
    assert all(data.startswith(b"\x89PNG") for _, data in harness.sent_files[-3:])
    assert not any("что-то пошло не так" in line for line in lines)  # the album was taken

    week = await harness.press_label("7 дней")
    assert "Статистика бота: 7 дней, все регионы" in week[0]
    assert harness.choices[0].label == "• 7 дней"


async def test_staff_of_a_region_see_only_it_and_no_small_groups(
    harness: ConsoleDriver, settings: Settings
) -> None:
    await _people(harness, "RU-TOM", range(100, 106))
    await _people(harness, "RU-PER", range(200, 202))
    settings.staff.regions[STAFF_ID] = "RU-PER"
    _as(harness, STAFF_ID, "Методист")

    text = "\n".join(await harness.send_text("/stats"))

    assert "Статистика бота: 30 дней, Пермский край" in text
    assert "Новых пользователей: <5" in text
    assert "• Нажали /start — <5" in text
    assert "Компьютеры и IT — <5" in text
    assert "— 6" not in text  # nothing of Tomsk's six


async def test_stats_are_for_staff_only(harness: ConsoleDriver) -> None:
    # For anyone else a staff command does not exist: nothing tells that it is there.
    lines = await harness.send_text("/stats")
    assert lines == ["Я не знаю команды /stats. Список команд — в /help."]
    for period in ("7", "30", "all"):
        forged = await harness.press_data(StatsCallback(action="period", value=period).pack())
        assert forged == ["[уведомление] Эта кнопка устарела. Отправьте /start, чтобы продолжить."]
    assert harness.sent_files == []


async def test_gaps_keep_consenting_peoples_questions_without_contacts(
    harness: ConsoleDriver,
) -> None:
    await _people(harness, "RU-TOM", range(100, 103))
    for user_id in range(100, 103):
        _as(harness, user_id)
        await harness.send_text("ыфвафыва прололд, звоните +7 913 123-45-67")
    _as(harness, 300)
    await harness.send_text("/start")
    await harness.send_text("ыфвафыва прололд")  # no consent: not kept

    _as(harness, STAFF_ID, "Методист")
    lines = await harness.send_text("/gaps")

    text = "\n".join(lines)
    assert "Чего не хватает в каталоге: 30 дней, все регионы" in text
    assert "1. «ыфвафыва прололд, звоните …» — 3" in text
    assert "913" not in text and "2." not in text
    week = await harness.press_label("7 дней")
    assert "Чего не хватает в каталоге: 7 дней" in week[0]


async def test_gaps_are_for_staff_only(harness: ConsoleDriver) -> None:
    assert await harness.send_text("/gaps") == ["Я не знаю команды /gaps. Список команд — в /help."]
    forged = await harness.press_data(StatsCallback(action="gaps", value="30").pack())
    assert forged == ["[уведомление] Эта кнопка устарела. Отправьте /start, чтобы продолжить."]


async def _exports(harness: ConsoleDriver) -> list[tuple[int | None, str, bool, str]]:
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        rows = await session.scalars(select(ExportLog).order_by(ExportLog.id))
        return [(r.staff_id, r.what, r.personal, r.period) for r in rows]


async def test_staff_export_the_figures_to_excel(harness: ConsoleDriver) -> None:
    await _people(harness, "RU-TOM", range(100, 106))
    _as(harness, STAFF_ID, "Методист")
    await harness.send_text("/stats")
    await harness.press_label("7 дней")

    lines = await harness.press_label("Выгрузить в Excel")

    assert lines == [
        "[файл] careerbot-stats-7.xlsx — Статистика: 7 дней, все регионы. Выгрузка записана в журнал."
    ]
    book = load_workbook(io.BytesIO(harness.sent_files[-1][1]))
    assert book.sheetnames == [
        "Сводка",
        "Воронка по неделям",
        "Записи по центрам",
        "Подписки",
        "Рассылки",
    ]
    funnel = book["Воронка по неделям"]
    assert funnel.freeze_panes == "A2"
    assert [c.value for c in funnel[1]][:3] == [
        "Неделя (понедельник)",
        "Нажали /start",
        "Дали согласие",
    ]
    assert [c.value for c in funnel[2]][1:3] == [6, 6]
    assert await _exports(harness) == [(STAFF_ID, "figures", False, "7")]
    # Lists of people are for admins: the button is not shown, a forged one is outdated.
    assert "Excel со списками людей (ПДн)" not in [c.label for c in harness.choices]
    forged = await harness.press_data(StatsCallback(action="xlsxp", value="30").pack())
    assert forged == ["[уведомление] Эта кнопка устарела. Отправьте /start, чтобы продолжить."]
    assert len(await _exports(harness)) == 1


async def test_admins_export_lists_of_people_and_the_log_forgets_them(
    harness: ConsoleDriver,
) -> None:
    await _people(harness, "RU-TOM", range(100, 102))
    _as(harness, ADMIN_ID, "Администратор")
    await harness.send_text("/stats")
    await harness.press_label("Excel со списками людей (ПДн)")

    name, data = harness.sent_files[-1]
    assert name == "careerbot-stats-30-personal.xlsx"
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames[-2:] == ["Записи (ПДн)", "Подписчики (ПДн)"]
    assert [c.value for c in book["Записи (ПДн)"][1]][-2:] == ["Телефон", "Telegram ID"]
    assert await _exports(harness) == [(ADMIN_ID, "personal", True, "30")]

    await harness.send_text("/forget")
    await harness.press_label("Удалить все мои данные")
    assert await _exports(harness) == [(None, "personal", True, "30")]


async def test_staff_export_the_catalogue_that_imports_back(
    harness: ConsoleDriver, tmp_path: Path
) -> None:
    assert await harness.send_text("/export") == [
        "Я не знаю команды /export. Список команд — в /help."
    ]
    _as(harness, STAFF_ID, "Методист")

    lines = await harness.send_text("/export")

    assert lines[0].startswith("[файл] catalogue.xlsx — Каталог, как его сейчас показывает бот")
    name, data = harness.sent_files[-1]
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Программы", "События", "Центры", "Профессии"]
    path = tmp_path / name
    path.write_bytes(data)
    result = read_import_file(path, shared_knowledge_base().catalogue)
    assert result.ok and len(result.records) > 100
