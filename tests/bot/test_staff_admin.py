"""Staff rights granted and revoked in the bot (/staff), through the real dispatcher on
SQLite and PostgreSQL: the list, granting by id, by the dialog and by a shared contact, a
region checked against the catalogue, revoking, the immediate effect in this process
(rights revoked mid-compose) and the delay in another one, and the refusals: non-admins,
forged buttons, admins and settings-named staff that only settings change."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from typing import Any

import pytest_asyncio
from aiogram import Bot
from aiogram.types import Contact, User
from sqlalchemy import select

from bot.app import build_application
from bot.config import Settings
from bot.console.driver import ConsoleDriver
from bot.console.session import RecordingSession
from bot.services.accounts import MAILING, PERSONAL_DATA, AccountService
from bot.services.staff_admin import StaffRoster
from bot.storage.models import Broadcast, StaffGrant
from bot.storage.repositories import SqlUnitOfWork
from bot.ui.staff_admin import StaffAdminCallback
from tests.conftest import TEST_TOKEN, SharedKnowledge

from .helpers import set_profile

ADMIN_ID = 900
STAFF_ID = 901  # named in settings
NEW_STAFF = 5551
STRANGER_ID = 111
UNKNOWN_COMMAND = "Я не знаю команды {}. Список команд — в /help."
OUTDATED = "[уведомление] Эта кнопка устарела. Отправьте /start, чтобы продолжить."
_ids = itertools.count(60_000)


def _driver(
    application: Any, user_id: int, session: RecordingSession | None = None
) -> ConsoleDriver:
    session = session or RecordingSession()
    driver = ConsoleDriver(
        application.dispatcher,
        Bot(token=TEST_TOKEN, session=session),
        session,
        User(id=user_id, is_bot=False, first_name="Ольга", language_code="ru"),
        _update_ids=itertools.count(next(_ids) * 10_000),  # apart: dedup drops repeats
    )
    driver.application = application  # type: ignore[attr-defined]
    return driver


@pytest_asyncio.fixture
async def admin(settings: Settings) -> AsyncIterator[ConsoleDriver]:
    application = build_application(settings, knowledge=SharedKnowledge())
    try:
        yield _driver(application, ADMIN_ID)
    finally:
        await application.engine.dispose()


def _person(driver: ConsoleDriver, user_id: int) -> ConsoleDriver:
    """Another person on the same dispatcher, database and recording session."""
    return _driver(driver.application, user_id, driver.session)  # type: ignore[attr-defined]


async def _user(driver: ConsoleDriver, user_id: int, **profile: Any) -> None:
    """Someone who wrote to the bot and agreed to mailings."""
    async with driver.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        accounts = AccountService(uow)
        await accounts.give_consent(user_id, PERSONAL_DATA, "ru")
        await accounts.give_consent(user_id, MAILING, "ru")
        if profile:
            await set_profile(uow, user_id, **profile)
        await uow.commit()


async def _grants(driver: ConsoleDriver) -> list[StaffGrant]:
    async with driver.application.session_factory() as session:  # type: ignore[attr-defined]
        return list(await session.scalars(select(StaffGrant).order_by(StaffGrant.user_id)))


# --- the list and granting -----------------------------------------------------------------


async def test_an_admin_grants_rights_that_work_at_once(admin: ConsoleDriver) -> None:
    lines = await admin.send_text("/staff")
    text = lines[0]
    assert "900 — администратор (указан в настройках)" in text
    assert "901 — сотрудник, все регионы (указан в настройках)" in text
    assert "Прав, выданных в боте, пока нет." in text
    assert [c.label for c in admin.choices] == ["Выдать права сотрудника"]

    newcomer = _person(admin, NEW_STAFF)
    await _user(admin, NEW_STAFF)
    assert await newcomer.send_text("/today") == [UNKNOWN_COMMAND.format("/today")]
    assert "/today" not in (await newcomer.send_text("/help"))[0]

    await admin.press_label("Выдать права")
    lines = await admin.send_text(f"{NEW_STAFF} RU-TOM")
    assert lines[0] == (
        f"[чат {NEW_STAFF}] Администратор бота выдал вам права сотрудника центра "
        "(регион: Томская область). Команды для сотрудников — в /help."
    )
    assert lines[1].startswith(
        f"Готово: {NEW_STAFF} — сотрудник центра в боте, регион: Томская область."
    )
    assert "Этому человеку отправлено сообщение" in lines[1]
    (grant,) = await _grants(admin)
    assert (grant.user_id, grant.region, grant.granted_by) == (NEW_STAFF, "RU-TOM", ADMIN_ID)

    # At once: the granted person has the staff commands, bound to their region.
    help_text = (await newcomer.send_text("/help"))[0]
    assert "/today" in help_text and "/staff" not in help_text
    assert await newcomer.send_text("/today") != [UNKNOWN_COMMAND.format("/today")]
    assert await newcomer.send_text("/staff") == [UNKNOWN_COMMAND.format("/staff")]

    text = (await admin.send_text("/staff"))[0]
    assert f"{NEW_STAFF} — сотрудник, регион: Томская область; права выдал 900," in text
    assert [c.label for c in admin.choices] == [
        "Выдать права сотрудника",
        f"Снять права: {NEW_STAFF}",
    ]
    assert "/staff" in (await admin.send_text("/help"))[0]


async def test_the_dialog_asks_the_region_and_a_contact_works(admin: ConsoleDriver) -> None:
    await admin.send_text("/staff")
    await admin.press_label("Выдать права")
    lines = await admin.send_text("7770001")
    assert lines[0].startswith("Права сотрудника для 7770001: по всем регионам или по одному?")
    labels = [c.label for c in admin.choices]
    assert labels[0] == "Все регионы" and "Томская область" in labels and labels[-1] == "Отмена"

    lines = await admin.press_label("Все регионы")
    assert lines[0].startswith("(изменено) Готово: 7770001 — сотрудник центра в боте, все регионы.")
    assert "Сообщить об этом не получилось: этот человек ещё не писал боту" in lines[0]

    # A typed region that the catalogue does not know is refused; the dialog waits.
    await admin.press_data(StaffAdminCallback(action="grant").pack())
    contact = Contact(phone_number="+79990001122", first_name="Пётр", user_id=7770002)
    lines = await admin._feed(message=admin._message(contact=contact))
    assert lines[0].startswith("Права сотрудника для 7770002")
    lines = await admin.send_text("Марс")
    assert lines == [
        "Не знаю региона «Марс». Пришлите код, например RU-TOM, или название, например "
        "«Томская область», — или выберите кнопку."
    ]
    lines = await admin.send_text("тверская область")
    assert lines[0].startswith(
        "Готово: 7770002 — сотрудник центра в боте, регион: Тверская область."
    )

    # A second grant replaces the first: the region changes.
    await admin.press_data(StaffAdminCallback(action="grant").pack())
    await admin.send_text("7770002")
    lines = await admin.send_text("RU-tom")
    assert lines[0].startswith("Готово: права 7770002 обновлены, теперь регион: Томская область.")
    grants = await _grants(admin)
    assert [(g.user_id, g.region) for g in grants] == [(7770001, None), (7770002, "RU-TOM")]


async def test_what_only_settings_change_and_bad_ids(admin: ConsoleDriver) -> None:
    await admin.press_data(StaffAdminCallback(action="grant").pack())
    assert await admin.send_text("Ольга") == [
        "Не вижу Telegram ID. Пришлите число, например 123456789, или контакт человека из Telegram."
    ]
    assert await admin.send_text("-100500") == [
        "Не вижу Telegram ID. Пришлите число, например 123456789, или контакт человека из Telegram."
    ]
    lines = await admin.send_text(str(STAFF_ID))
    assert lines == [
        "901 — сотрудник из настроек бота: права таких сотрудников меняются только в настройках."
    ]
    lines = await admin.send_text(f"{ADMIN_ID} RU-TOM")
    assert lines == [
        "900 — администратор из настроек бота: права администраторов меняются только в настройках."
    ]
    lines = await admin.press_data(StaffAdminCallback(action="revoke", id=STAFF_ID).pack())
    assert lines[0].startswith("[уведомление] 901 — сотрудник из настроек бота")
    lines = await admin.press_data(StaffAdminCallback(action="revokeok", id=4242).pack())
    assert lines == ["[уведомление] У 4242 нет прав, выданных в боте, — снимать нечего."]
    lines = await admin.press_label("Отмена")
    assert lines == ["(изменено) Хорошо, ничего не меняю."]
    assert await _grants(admin) == []


# --- revoking ------------------------------------------------------------------------------


async def test_rights_revoked_mid_compose_stop_the_next_step(admin: ConsoleDriver) -> None:
    await _user(admin, NEW_STAFF)
    await _user(admin, 1001)
    await admin.press_data(StaffAdminCallback(action="grant").pack())
    await admin.send_text(f"{NEW_STAFF} все")
    newcomer = _person(admin, NEW_STAFF)
    await newcomer.send_text("/broadcast")
    await newcomer._feed(message=newcomer._message(text="Приглашаем на день открытых дверей!"))
    await newcomer.press_label("Без кнопки")
    lines = await newcomer.press_label("Посмотреть сообщение")
    assert any("Получателей" in line for line in lines)
    send_button = next(c for c in newcomer.choices if c.label.startswith("Отправить"))

    await admin.send_text("/staff")
    lines = await admin.press_label(f"Снять права: {NEW_STAFF}")
    assert lines == [f"Снять права сотрудника у {NEW_STAFF} (все регионы)?"]
    lines = await admin.press_label("Да, снять права")
    assert lines[0] == (
        f"[чат {NEW_STAFF}] Права сотрудника центра в боте у вас сняты: команды для "
        "сотрудников больше не работают. Если это ошибка, обратитесь к администратору бота."
    )
    assert lines[1].startswith(f"(изменено) Права сотрудника у {NEW_STAFF} сняты")
    assert await _grants(admin) == []

    # The very next step of the dialog is refused as any made-up button would be.
    lines = await newcomer.press_data(send_button.callback_data or "", send_button.message_id or 1)
    assert lines == [OUTDATED]
    async with admin.application.session_factory() as session:  # type: ignore[attr-defined]
        assert list(await session.scalars(select(Broadcast))) == []
    assert await newcomer.send_text("/broadcast") == [UNKNOWN_COMMAND.format("/broadcast")]

    # Pressing revoke again, on the old question: nothing left to revoke.
    lines = await admin.press_data(StaffAdminCallback(action="revokeok", id=NEW_STAFF).pack())
    assert lines == [f"[уведомление] У {NEW_STAFF} нет прав, выданных в боте, — снимать нечего."]


async def test_another_process_sees_a_change_within_its_refresh(
    admin: ConsoleDriver, settings: Settings
) -> None:
    """A second bot instance on the same database: its roster reads the grants again only
    when its copy is older than STAFF__GRANTS_REFRESH_SECONDS."""
    now = [0.0]
    roster = StaffRoster(30, monotonic=lambda: now[0])
    other_app = build_application(settings, knowledge=SharedKnowledge(), staff_roster=roster)
    try:
        elsewhere = _driver(other_app, NEW_STAFF)
        assert await elsewhere.send_text("/today") == [UNKNOWN_COMMAND.format("/today")]

        await admin.press_data(StaffAdminCallback(action="grant").pack())
        await admin.send_text(f"{NEW_STAFF} RU-TOM")
        here = _person(admin, NEW_STAFF)
        assert await here.send_text("/today") != [UNKNOWN_COMMAND.format("/today")]

        now[0] = 10.0  # the other instance's copy is 10 s old: not yet
        assert await elsewhere.send_text("/today") == [UNKNOWN_COMMAND.format("/today")]
        now[0] = 31.0
        assert await elsewhere.send_text("/today") != [UNKNOWN_COMMAND.format("/today")]

        await admin.press_data(StaffAdminCallback(action="revokeok", id=NEW_STAFF).pack())
        assert await here.send_text("/today") == [UNKNOWN_COMMAND.format("/today")]
        now[0] = 62.0
        assert await elsewhere.send_text("/today") == [UNKNOWN_COMMAND.format("/today")]
    finally:
        await other_app.engine.dispose()


# --- who may use /staff --------------------------------------------------------------------


async def test_non_admins_do_not_see_staff_rights(admin: ConsoleDriver) -> None:
    staff = _person(admin, STAFF_ID)
    stranger = _person(admin, STRANGER_ID)
    await _user(admin, STRANGER_ID)
    for person in (staff, stranger):
        assert await person.send_text("/staff") == [UNKNOWN_COMMAND.format("/staff")]
        for forged in (
            StaffAdminCallback(action="grant").pack(),
            StaffAdminCallback(action="region", id=person.user.id, value="RU-TOM").pack(),
            StaffAdminCallback(action="revoke", id=STAFF_ID).pack(),
            StaffAdminCallback(action="revokeok", id=STAFF_ID).pack(),
            "sa:region:notanumber:RU-TOM",
        ):
            assert await person.press_data(forged) == [OUTDATED]
        assert "/staff" not in (await person.send_text("/help"))[0]
    # Staff see their commands in /help, but not the admin's.
    help_text = (await staff.send_text("/help"))[0]
    assert "/today" in help_text and "/newevent" in help_text
    assert await _grants(admin) == []
    # A forged button of the admin with a made-up id is outdated too.
    assert await admin.press_data("sa:region:-5:") == [OUTDATED]


async def test_mydata_and_forget_cover_staff_grants(admin: ConsoleDriver) -> None:
    """/mydata exports the person's grant and what they granted; /forget deletes their grant
    and takes their id off the grants they gave (the grants stay)."""
    import json

    await _user(admin, NEW_STAFF)
    await _user(admin, ADMIN_ID)
    await admin.press_data(StaffAdminCallback(action="grant").pack())
    await admin.send_text(f"{NEW_STAFF} RU-TOM")
    newcomer = _person(admin, NEW_STAFF)
    await newcomer.send_text("/mydata")
    document = json.loads(newcomer.sent_files[-1][1].decode("utf-8"))
    assert [row["region"] for row in document["tables"]["staff_grants"]] == ["RU-TOM"]
    await admin.send_text("/mydata")
    document = json.loads(admin.sent_files[-1][1].decode("utf-8"))
    assert [row["user_id"] for row in document["tables"]["staff_grants_given"]] == [NEW_STAFF]

    await admin.send_text("/forget")
    await admin.press_label("Удалить все мои данные")
    (grant,) = await _grants(admin)
    assert (grant.user_id, grant.granted_by) == (NEW_STAFF, None)
    await newcomer.send_text("/forget")
    await newcomer.press_label("Удалить все мои данные")
    assert await _grants(admin) == []
