"""The catalogue from the bot (issue 11), through the real dispatcher on SQLite and
PostgreSQL with the catalogue in the database as production has it: staff send a workbook
or a CSV, read the CLI's report, confirm; the import is logged, the bot serves it at once,
/imports lists it and /rollback puts it back. Bad files, regional staff and everyone else
are refused."""

from __future__ import annotations

import asyncio
import functools
import io
import itertools
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import pytest_asyncio
from aiogram import Bot
from aiogram.types import PhotoSize, User
from click.testing import CliRunner
from sqlalchemy import select

from bot.app import build_application
from bot.cli.catalogue import catalogue_group
from bot.config import Settings
from bot.console.driver import ConsoleDriver
from bot.console.session import RecordingSession
from bot.services.accounts import PERSONAL_DATA, AccountService
from bot.services.knowledge_base import short_reference
from bot.storage.models import CatalogueImport, CatalogueRecord
from bot.storage.repositories import SqlUnitOfWork
from bot.ui.callbacks import RecommendationCallback
from bot.ui.catalogue_imports import CatalogueImportCallback
from knowledge import TEMPLATES_DIR, Catalogue, export_catalogue, load_catalogue
from tests.conftest import TEST_TOKEN

from .helpers import set_profile

ADMIN_ID = 900
STAFF_ID = 901
REGIONAL_ID = 902  # staff bound to Tomsk
USER_ID = 111
TOMSK_PROGRAMME = "prg-copp-tomsk-pp-programmist"
PERM_PROGRAMME = "prg-copp-perm-pp-programmist"
UNKNOWN_COMMAND = "Я не знаю команды {}. Список команд — в /help."
OUTDATED = "[уведомление] Эта кнопка устарела. Отправьте /start, чтобы продолжить."
NOT_TEXT = "Я понимаю только текст и кнопки. Напишите, пожалуйста, словами или нажмите /help."
_ids = itertools.count(70_000)


@pytest_asyncio.fixture
async def admin(settings: Settings, fake_index_dir: Path) -> AsyncIterator[ConsoleDriver]:
    """Admin 900 on a bot whose catalogue lives in the database (the fake encoder, and its
    index of the shipped catalogue copied in, keep the knowledge base quick to build)."""
    matching = settings.matching.model_copy(
        update={"encoders": ["fake"], "index_dir": fake_index_dir}
    )
    staff = settings.staff.model_copy(
        update={"staff_ids": [STAFF_ID, REGIONAL_ID], "regions": {REGIONAL_ID: "RU-TOM"}}
    )
    settings = settings.model_copy(update={"matching": matching, "staff": staff})
    application = build_application(settings)
    await application.knowledge.get()  # the first start loads the shipped catalogue
    driver = _driver(application, RecordingSession(), ADMIN_ID)
    try:
        yield driver
    finally:
        await application.engine.dispose()


def _driver(application: Any, session: RecordingSession, user_id: int) -> ConsoleDriver:
    driver = ConsoleDriver(
        application.dispatcher,
        Bot(token=TEST_TOKEN, session=session),
        session,
        User(id=user_id, is_bot=False, first_name="Ольга", language_code="ru"),
        _update_ids=itertools.count(next(_ids) * 10_000),  # apart: dedup drops repeats
        _message_ids=itertools.count(next(_ids) * 10_000),
    )
    driver.application = application  # type: ignore[attr-defined]
    return driver


def _person(driver: ConsoleDriver, user_id: int) -> ConsoleDriver:
    return _driver(driver.application, driver.session, user_id)  # type: ignore[attr-defined]


async def _catalogue(driver: ConsoleDriver) -> Catalogue:
    return (await driver.application.knowledge.get()).catalogue  # type: ignore[attr-defined]


def _workbook(titles: dict[str, str]) -> bytes:
    """The /export workbook of the shipped catalogue, which the bot serves when a test
    starts, with these programmes' titles changed: made once per run for each set of
    titles (a test's SQLite and PostgreSQL runs send the same file)."""
    return _retitled(tuple(sorted(titles.items())))


@functools.cache
def _shipped_export() -> bytes:
    buffer = io.BytesIO()
    export_catalogue(load_catalogue(), buffer)
    return buffer.getvalue()


@functools.cache
def _retitled(titles: tuple[tuple[str, str], ...]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(_shipped_export()))
    sheet = book["Программы"]
    headers = [cell.value for cell in sheet[1]]
    title_column = headers.index("Название") + 1
    wanted = dict(titles)
    found = set()
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in wanted:
            sheet.cell(row=row[0].row, column=title_column, value=wanted[row[0].value])
            found.add(row[0].value)
    assert found == set(wanted)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def _stored_title(driver: ConsoleDriver, programme_id: str) -> str:
    async with driver.application.session_factory() as session:  # type: ignore[attr-defined]
        row = await session.get(CatalogueRecord, ("programmes", programme_id))
        assert row is not None
        return str(row.payload["title"])


async def _imports(driver: ConsoleDriver) -> list[CatalogueImport]:
    async with driver.application.session_factory() as session:  # type: ignore[attr-defined]
        return list(await session.scalars(select(CatalogueImport).order_by(CatalogueImport.id)))


async def _consent(driver: ConsoleDriver, user_id: int) -> None:
    async with driver.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        await AccountService(uow).give_consent(user_id, PERSONAL_DATA, "ru")
        await set_profile(uow, user_id, role="career_change", region="RU-TOM")
        await uow.commit()


def _text(lines: list[str]) -> str:
    return "\n".join(lines)


# --- the happy path ----------------------------------------------------------------------------


async def test_admin_imports_a_changed_programme_and_the_bot_serves_it(
    admin: ConsoleDriver,
) -> None:
    new_title = "Профпроба «Программист: чат-бот на Python за вечер»"
    data = _workbook({TOMSK_PROGRAMME: new_title})

    report = _text(await admin.send_document("catalogue.xlsx", data))

    assert "Проверка файла «catalogue.xlsx»" in report
    assert "Ошибок нет. Что изменится в каталоге:" in report
    assert "Программы — изменено: 1" in report
    assert [c.label for c in admin.choices] == ["Импортировать", "Отмена"]
    [pending] = await _imports(admin)
    assert pending.status == "pending" and pending.staff_id == ADMIN_ID
    assert await _stored_title(admin, TOMSK_PROGRAMME) != new_title  # not before the confirm

    confirm = admin.choices[0].callback_data
    assert confirm is not None
    done = _text(await admin.press_label("Импортировать"))

    assert "Готово: файл «catalogue.xlsx» импортирован, в журнале это импорт №" in done
    assert "Бот уже показывает обновлённый каталог" in done
    assert await _stored_title(admin, TOMSK_PROGRAMME) == new_title
    [logged] = await _imports(admin)
    assert logged.status == "applied" and logged.file_name == "catalogue.xlsx"
    assert logged.counts == {"programmes": {"added": 0, "changed": 1, "removed": 0}}
    assert logged.regions == ["RU-TOM"]
    [change] = logged.changes
    assert change["before"]["title"] != new_title and change["after"]["title"] == new_title

    # The card this process serves has the new title at once.
    await _consent(admin, USER_ID)
    person = _person(admin, USER_ID)
    card = _text(
        await person.press_data(
            RecommendationCallback(action="card", ref=short_reference(TOMSK_PROGRAMME)).pack()
        )
    )
    assert new_title in card
    # And the search finds it by the new words.
    assert (await _catalogue(admin)).programmes[TOMSK_PROGRAMME].title == new_title
    found = await (await admin.application.knowledge.get()).search("чат-бот на Python за вечер")  # type: ignore[attr-defined]
    assert TOMSK_PROGRAMME in [hit.id for hit in found.hits]

    # A second press does nothing but say it is done.
    again = await admin.press_data(confirm)
    assert len(again) == 1 and "уже импортирован" in again[0]
    assert len(await _imports(admin)) == 1

    listing = _text(await admin.send_text("/imports"))
    assert f"№{logged.id}" in listing and "сотрудник 900: «catalogue.xlsx»" in listing
    assert "Программы — изменено: 1" in listing


async def test_cancel_imports_nothing(admin: ConsoleDriver) -> None:
    data = _workbook({TOMSK_PROGRAMME: "Профпроба «Программист: отменённое»"})
    await admin.send_document("catalogue.xlsx", data)
    before = await _stored_title(admin, TOMSK_PROGRAMME)

    assert "Импорт отменён" in _text(await admin.press_label("Отмена"))

    assert await _stored_title(admin, TOMSK_PROGRAMME) == before
    [cancelled] = await _imports(admin)
    assert cancelled.status == "cancelled" and cancelled.changes == []
    for action in ("no", "ok"):  # pressed again, or «Импортировать» after «Отмена»
        packed = CatalogueImportCallback(action=action, id=cancelled.id).pack()
        assert await admin.press_data(packed) == [
            "[уведомление] Этот импорт уже отменён, каталог не менялся. "
            "Чтобы загрузить файл, пришлите его ещё раз."
        ]
    assert await _stored_title(admin, TOMSK_PROGRAMME) == before
    assert "Импортов каталога пока не было" in _text(await admin.send_text("/imports"))


# --- bad files ---------------------------------------------------------------------------------


async def test_a_bad_file_gets_the_clis_report_line_by_line(admin: ConsoleDriver) -> None:
    template = (TEMPLATES_DIR / "programmes_template.csv").read_text(encoding="utf-8-sig")
    header, example = template.splitlines()[:2]
    good = example.split(";")
    good[0] = "prg-copp-tomsk-new-course"
    bad = example.split(";")
    bad[0], bad[4], bad[6] = "prg-bad", "copp-atlantis", "8"
    data = ("\n".join([header, ";".join(good), ";".join(bad)]) + "\n").encode()

    report = _text(await admin.send_document("programmes.csv", data, "text/csv"))

    assert "programmes.csv, строка 3, столбец E («Центр»)" in report
    assert "programmes.csv, строка 3, столбец G («Часы»)" in report
    assert "Ошибок: 2. Ничего не импортировано, каталог не изменился." in report
    assert admin.choices == []
    assert await _imports(admin) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("latin1.csv", "ID;Название\nprg;Сварка\n".encode("cp1251"), "не в кодировке UTF-8"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "не таблица Excel"),
        ("fake.xlsx", "просто текст".encode(), "не таблица Excel"),
        ("empty.csv", b"", "Файл пустой"),
    ],
)
async def test_unreadable_files_get_a_clear_message(
    admin: ConsoleDriver, name: str, content: bytes, message: str
) -> None:
    report = _text(await admin.send_document(name, content))
    assert message in report
    assert "Ничего не импортировано" in report
    assert await _imports(admin) == []


async def test_other_files_and_sizes_are_answered_before_reading(admin: ConsoleDriver) -> None:
    pdf = _text(await admin.send_document("приказ.pdf", b"%PDF-1.4", "application/pdf"))
    assert "не похож на таблицу каталога" in pdf and ".xlsx или .csv" in pdf

    huge = _text(await admin.send_document("big.xlsx", b"PK", size=int(30.5 * 1024 * 1024)))
    assert "Файл слишком большой: 30,5 МБ, а можно не больше 20 МБ" in huge

    photo = PhotoSize(file_id="p", file_unique_id="p", width=10, height=10)
    sent = await admin._feed(message=admin._message(photo=[photo]))
    assert sent == [NOT_TEXT]
    assert await _imports(admin) == []


async def test_unchanged_file_offers_nothing(admin: ConsoleDriver) -> None:
    buffer = io.BytesIO()
    export_catalogue(await _catalogue(admin), buffer)
    report = _text(await admin.send_document("catalogue.xlsx", buffer.getvalue()))
    assert "Менять нечего" in report
    assert admin.choices == []


# --- regional staff ----------------------------------------------------------------------------


async def test_regional_staff_change_only_their_region(admin: ConsoleDriver) -> None:
    tomsk = _person(admin, REGIONAL_ID)
    data = _workbook(
        {
            TOMSK_PROGRAMME: "Профпроба «Программист: томская версия»",
            PERM_PROGRAMME: "Профпроба «Программист: пермская версия»",
        },
    )

    report = _text(await tomsk.send_document("catalogue.xlsx", data))

    assert (
        "Файл меняет записи, которые вам менять нельзя, поэтому ничего не импортировано" in report
    )
    assert f"Программы: «{PERM_PROGRAMME}»" in report and "(Пермский край)" in report
    assert TOMSK_PROGRAMME not in report.split("нельзя")[1]
    assert tomsk.choices == []
    assert await _imports(admin) == []

    own = _workbook({TOMSK_PROGRAMME: "Профпроба «Программист: томская версия»"})
    assert "Ошибок нет" in _text(await tomsk.send_document("catalogue.xlsx", own))
    assert "Готово" in _text(await tomsk.press_label("Импортировать"))


# --- rollback ----------------------------------------------------------------------------------


async def test_rollback_restores_the_previous_version(admin: ConsoleDriver) -> None:
    original = await _stored_title(admin, TOMSK_PROGRAMME)
    changed = "Профпроба «Программист: до отката»"
    await admin.send_document("catalogue.xlsx", _workbook({TOMSK_PROGRAMME: changed}))
    await admin.press_label("Импортировать")
    assert await _stored_title(admin, TOMSK_PROGRAMME) == changed
    [upload] = await _imports(admin)

    plan = _text(await admin.send_text("/rollback"))
    assert f"Откатить импорт №{upload.id} («catalogue.xlsx»" in plan
    assert "Программы — изменено: 1" in plan
    rollback_button = admin.choices[0].callback_data
    assert rollback_button is not None
    done = _text(await admin.press_label("Откатить"))

    assert f"Готово: импорт №{upload.id} откачен" in done
    assert await _stored_title(admin, TOMSK_PROGRAMME) == original
    assert (await _catalogue(admin)).programmes[TOMSK_PROGRAMME].title == original
    upload_row, rollback_row = await _imports(admin)
    assert upload_row.rolled_back_by == rollback_row.id
    assert rollback_row.action == "rollback" and rollback_row.rolls_back == upload.id

    again = await admin.press_data(rollback_button)
    assert len(again) == 1 and "уже откачен" in again[0]
    assert len(await _imports(admin)) == 2
    assert "Откатывать нечего" in _text(await admin.send_text("/rollback"))
    listing = _text(await admin.send_text("/imports"))
    assert (
        f"откат импорта №{upload.id}" in listing and f"откачен, см. №{rollback_row.id}" in listing
    )


async def test_a_rollback_that_clashes_with_a_later_import_is_refused(
    admin: ConsoleDriver,
) -> None:
    for title in ("Профпроба «Программист: первая»", "Профпроба «Программист: вторая»"):
        await admin.send_document("catalogue.xlsx", _workbook({TOMSK_PROGRAMME: title}))
        await admin.press_label("Импортировать")
    first, second = await _imports(admin)

    refused = _text(await admin.send_text(f"/rollback {first.id}"))

    assert f"Импорт №{first.id} нельзя откатить" in refused
    assert f"«{TOMSK_PROGRAMME}» — изменено импортом №{second.id}" in refused
    assert admin.choices == [] or "Откатить" not in [c.label for c in admin.choices]
    # A forged rollback button of the first is refused too; nothing changes.
    forged = await admin.press_data(CatalogueImportCallback(action="rb", id=first.id).pack())
    assert "нельзя откатить" in _text(forged)
    assert await _stored_title(admin, TOMSK_PROGRAMME) == "Профпроба «Программист: вторая»"
    # The latest rolls back, then the first.
    await admin.send_text("/rollback")
    await admin.press_label("Откатить")
    await admin.send_text(f"/rollback {first.id}")
    assert "Готово" in _text(await admin.press_label("Откатить"))
    assert (
        await _stored_title(admin, TOMSK_PROGRAMME)
        == "Профпроба «Программист: моя первая программа»"
    )


async def test_regional_staff_roll_back_only_their_region(admin: ConsoleDriver) -> None:
    perm_title = "Профпроба «Программист: пермская правка»"
    await admin.send_document("catalogue.xlsx", _workbook({PERM_PROGRAMME: perm_title}))
    await admin.press_label("Импортировать")
    [upload] = await _imports(admin)
    tomsk = _person(admin, REGIONAL_ID)

    plan = _text(await tomsk.send_text(f"/rollback {upload.id}"))
    assert "откатить его может только администратор" in plan and PERM_PROGRAMME in plan
    forged = await tomsk.press_data(CatalogueImportCallback(action="rb", id=upload.id).pack())
    assert "только администратор" in _text(forged)
    assert await _stored_title(admin, PERM_PROGRAMME) == perm_title
    # Tomsk staff do not see Perm's import in their log.
    assert "Импортов каталога пока не было" in _text(await tomsk.send_text("/imports"))


# --- everyone else, and forged buttons ---------------------------------------------------------


async def test_non_staff_cannot_reach_any_of_it(admin: ConsoleDriver) -> None:
    data = _workbook({TOMSK_PROGRAMME: "Профпроба «Программист: чужая»"})
    await admin.send_document("catalogue.xlsx", data)
    [pending] = await _imports(admin)
    person = _person(admin, USER_ID)

    assert await person.send_document("catalogue.xlsx", data) == [NOT_TEXT]
    for command in ("/imports", "/rollback", f"/rollback {pending.id}"):
        assert await person.send_text(command) == [UNKNOWN_COMMAND.format(command.split()[0])]
    for action in ("ok", "no", "rb", "rbno"):
        packed = CatalogueImportCallback(action=action, id=pending.id).pack()
        assert await person.press_data(packed) == [OUTDATED]
    # Other staff cannot confirm or cancel someone else's upload either.
    staff = _person(admin, STAFF_ID)
    for action in ("ok", "no"):
        packed = CatalogueImportCallback(action=action, id=pending.id).pack()
        assert await staff.press_data(packed) == [OUTDATED]
    assert await staff.press_data("ci:ok:notanumber") == [OUTDATED]
    [still] = await _imports(admin)
    assert still.status == "pending"
    assert await _stored_title(admin, TOMSK_PROGRAMME) != "Профпроба «Программист: чужая»"


async def test_two_staff_confirming_at_once(admin: ConsoleDriver) -> None:
    staff = _person(admin, STAFF_ID)
    await admin.send_document(
        "a.xlsx", _workbook({TOMSK_PROGRAMME: "Профпроба «Программист: от админа»"})
    )
    admin_button = admin.choices[0].callback_data
    await staff.send_document(
        "b.xlsx", _workbook({TOMSK_PROGRAMME: "Профпроба «Программист: от методиста»"})
    )
    staff_button = staff.choices[0].callback_data
    assert admin_button is not None and staff_button is not None

    answers = await asyncio.gather(admin.press_data(admin_button), staff.press_data(staff_button))

    # One session records both updates: count what was said, not who got which part.
    said = "\n".join(_text(answer) for answer in answers)
    assert said.count("Готово: файл") == 1, said
    assert said.count("изменились, поэтому ничего не импортировано") == 1, said
    applied = [row for row in await _imports(admin) if row.status == "applied"]
    assert len(applied) == 1
    assert await _stored_title(admin, TOMSK_PROGRAMME) == applied[0].changes[0]["after"]["title"]


# --- the CLI -----------------------------------------------------------------------------------


def test_cli_import_is_logged_and_rolls_back(database_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    env = {"DATABASE_URL": database_url}
    assert runner.invoke(catalogue_group, ["load"], env=env).exit_code == 0
    template = (TEMPLATES_DIR / "programmes_template.csv").read_text(encoding="utf-8-sig")
    header, example = template.splitlines()[:2]
    row = example.split(";")
    row[0] = "prg-copp-tomsk-cli-course"
    path = tmp_path / "programmes.csv"
    path.write_text(header + "\n" + ";".join(row) + "\n", encoding="utf-8")

    imported = runner.invoke(catalogue_group, ["import", str(path)], env=env)
    assert imported.exit_code == 0, imported.output
    assert "careerbot catalogue rollback 1" in imported.output

    rolled = runner.invoke(catalogue_group, ["rollback", "--yes"], env=env)
    assert rolled.exit_code == 0, rolled.output
    assert "Импорт №1 («programmes.csv»): откат вернёт программа: удалит 1." in rolled.output
    assert "Импорт №1 откачен; в журнале это №2." in rolled.output
    nothing = runner.invoke(catalogue_group, ["rollback", "--yes"], env=env)
    assert nothing.exit_code == 1 and "Откатывать нечего" in nothing.output


async def test_forget_keeps_the_log_without_the_staff_id(admin: ConsoleDriver) -> None:
    data = _workbook({TOMSK_PROGRAMME: "Профпроба «Программист: до /forget»"})
    await admin.send_document("catalogue.xlsx", data)
    await admin.press_label("Импортировать")
    async with admin.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        exported = await uow.personal_data.export(ADMIN_ID)
        assert [row["file_name"] for row in exported["catalogue_imports"]] == ["catalogue.xlsx"]
        await uow.personal_data.erase(ADMIN_ID)
        await uow.commit()
    [logged] = await _imports(admin)
    assert logged.staff_id is None and logged.changes  # what changed stays, who does not
    assert "сотрудник, удаливший свои данные" in _text(await admin.send_text("/imports"))


def test_who_may_change_what() -> None:
    """The rule itself, without a database: a region's staff change their region's programmes
    (by the centre's region, as the record was and as it would be) and events; nationwide
    events and national kinds of record are refused; admins change everything."""
    from bot.services.catalogue_imports import NATIONAL, NATIONWIDE, OTHER_REGION, RecordChange
    from bot.services.catalogue_imports.changes import refusals
    from bot.services.staff import StaffMember, StaffRole
    from tests.conftest import shared_knowledge_base

    catalogue = shared_knowledge_base().catalogue
    tomsk = StaffMember(REGIONAL_ID, StaffRole.STAFF, "RU-TOM")
    everywhere = StaffMember(STAFF_ID, StaffRole.STAFF, None)
    admin_member = StaffMember(ADMIN_ID, StaffRole.ADMIN, None)

    def change(entity: str, before: dict[str, Any] | None, after: dict[str, Any]) -> RecordChange:
        return RecordChange(entity, "x", before, after, None if before is None else "a", "b")

    moved = change("programmes", {"centre": "copp-perm"}, {"centre": "copp-tomsk"})
    own = change("programmes", None, {"centre": "copp-tomsk", "title": "Т"})
    online = change("events", None, {"region": None, "title": "Онлайн"})
    centre = change("centres", None, {"region": "RU-TOM", "name": "ЦОПП"})
    changes = [moved, own, online, centre]

    reasons = [r.reason for r in refusals(tomsk, changes, catalogue)]
    assert reasons == [OTHER_REGION, NATIONWIDE, NATIONAL]
    assert [r.reason for r in refusals(everywhere, changes, catalogue)] == [NATIONAL]
    assert refusals(admin_member, changes, catalogue) == []


async def test_a_double_press_at_once_imports_once(admin: ConsoleDriver) -> None:
    title = "Профпроба «Программист: двойное нажатие»"
    await admin.send_document("catalogue.xlsx", _workbook({TOMSK_PROGRAMME: title}))
    button = admin.choices[0].callback_data
    assert button is not None
    second = _person(admin, ADMIN_ID)  # the same person, another update id at the same moment

    answers = await asyncio.gather(admin.press_data(button), second.press_data(button))

    # One session records both updates: count what was said, not who got which part.
    said = "\n".join(_text(answer) for answer in answers)
    assert said.count("Готово: файл") == 1 and said.count("уже импортирован") == 1, said
    [logged] = await _imports(admin)
    assert logged.status == "applied"
    assert await _stored_title(admin, TOMSK_PROGRAMME) == title


async def test_a_confirm_after_an_hour_asks_for_the_file_again(admin: ConsoleDriver) -> None:
    from datetime import timedelta

    from sqlalchemy import update

    data = _workbook({TOMSK_PROGRAMME: "Профпроба «Программист: поздно»"})
    await admin.send_document("catalogue.xlsx", data)
    [pending] = await _imports(admin)
    async with admin.application.session_factory() as session:  # type: ignore[attr-defined]
        await session.execute(
            update(CatalogueImport)
            .where(CatalogueImport.id == pending.id)
            .values(created_at=pending.created_at - timedelta(minutes=61))
        )
        await session.commit()

    late = _text(await admin.press_label("Импортировать"))

    assert "прошло больше 60 минут, кнопка устарела. Пришлите файл ещё раз" in late
    [still] = await _imports(admin)
    assert still.status == "pending"
    assert await _stored_title(admin, TOMSK_PROGRAMME) != "Профпроба «Программист: поздно»"
    # The next upload drops the records the outdated one kept; its button stays outdated.
    await admin.send_document("catalogue.xlsx", data)
    old, new = await _imports(admin)
    assert old.changes == [] and len(new.changes) == 1
    packed = CatalogueImportCallback(action="ok", id=old.id).pack()
    assert "кнопка устарела" in _text(await admin.press_data(packed))
    assert "Готово" in _text(await admin.press_label("Импортировать"))


async def test_the_console_sends_a_file(
    settings: Settings, tmp_path: Path, fake_index_dir: Path
) -> None:
    """`careerbot chat`'s «:file PATH» sends a file, as a staff member would in Telegram."""
    from bot.console.chat import make_console, step

    matching = settings.matching.model_copy(
        update={"encoders": ["fake"], "index_dir": fake_index_dir}
    )
    console = make_console(
        settings.model_copy(update={"matching": matching}), user_id=ADMIN_ID, language="ru"
    )
    try:
        catalogue = (await console.application.knowledge.get()).catalogue
        path = tmp_path / "catalogue.xlsx"
        export_catalogue(catalogue, path)

        lines = await step(console, f":file {path}")
        assert lines[0].startswith("Бот: Проверка файла «catalogue.xlsx»")
        assert any("Менять нечего" in line for line in lines)
        missing = await step(console, f":file {tmp_path / 'нет.xlsx'}")
        assert missing[0].startswith("(не удалось прочитать")
    finally:
        await console.close()
