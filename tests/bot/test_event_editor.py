"""Staff create and edit events in the bot (/newevent, /editevent), through the real
dispatcher on SQLite and PostgreSQL, with the catalogue in the database as production has it:
the form, the event in /events at once, its card, who made it; past dates, a deadline after
the start, a bad link and other mistakes refused with their lines; editing; staff of one
region kept to it; and everyone else refused. The form's round trip in both languages."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from aiogram import Bot
from aiogram.types import User
from sqlalchemy import select

from bot.app import build_application
from bot.config import Settings
from bot.console.driver import ConsoleDriver
from bot.console.session import RecordingSession
from bot.i18n import translator
from bot.services.accounts import MAILING, PERSONAL_DATA, AccountService
from bot.services.event_editor import EventFields, EventForm, EventFormError, read_form
from bot.services.event_editor.form import FormContext
from bot.services.knowledge_base import short_reference
from bot.storage.models import Broadcast, BroadcastDelivery, CatalogueRecord, EventEdit
from bot.storage.repositories import SqlUnitOfWork
from bot.ui import event_editor as ui
from bot.ui.event_editor import EventEditorCallback
from knowledge import load_catalogue
from knowledge.models import Audience, EventKind
from tests.conftest import TEST_TOKEN

from .helpers import set_profile

STAFF_ID = 901
REGIONAL_ID = 902  # staff bound to Tomsk
USER_ID = 111
TVER_OPEN_DAY = "ev-open-day-copp-tver-2026-12"
UNKNOWN_COMMAND = "Я не знаю команды {}. Список команд — в /help."
OUTDATED = "[уведомление] Эта кнопка устарела. Отправьте /start, чтобы продолжить."
# Tuesday 1 December 2026, 13:00 in Tomsk (UTC+7).
START = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
_ids = itertools.count(90_000)
TOMSK = load_catalogue().centres["copp-tomsk"]

FORM = """Название: День открытых дверей: IT-профессии
Начало: 20.12.2026 11:00
Конец: 15:00
Регистрация до: 18.12.2026 18:00
Для кого: школьники, взрослые
Компетенции: Сварочные технологии
Ссылка: https://copp70.ru/events
Описание: Экскурсия по мастерским и встреча с преподавателями.
Возьмите с собой паспорт."""


class MovableClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest_asyncio.fixture
async def staff(settings: Settings, fake_index_dir: Path) -> AsyncIterator[ConsoleDriver]:
    """Staff member 901 on a bot whose catalogue lives in the database (the fake encoder,
    and its index of the shipped catalogue copied in, keep the knowledge base quick to
    build; these tests are not about search)."""
    matching = settings.matching.model_copy(
        update={"encoders": ["fake"], "index_dir": fake_index_dir}
    )
    staff_settings = settings.staff.model_copy(
        update={"staff_ids": [STAFF_ID, REGIONAL_ID], "regions": {REGIONAL_ID: "RU-TOM"}}
    )
    settings = settings.model_copy(update={"matching": matching, "staff": staff_settings})
    application = build_application(settings, clock=MovableClock(START))
    session = RecordingSession()
    driver = _driver(application, session, STAFF_ID)
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
    )
    driver.application = application  # type: ignore[attr-defined]
    return driver


def _person(driver: ConsoleDriver, user_id: int) -> ConsoleDriver:
    return _driver(driver.application, driver.session, user_id)  # type: ignore[attr-defined]


async def _onboard(
    driver: ConsoleDriver, user_id: int, region: str = "RU-TOM", *, mailing: bool = False
) -> None:
    async with driver.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        await AccountService(uow).give_consent(user_id, PERSONAL_DATA, "ru")
        if mailing:
            await AccountService(uow).give_consent(user_id, MAILING, "ru")
        await set_profile(uow, user_id, role="career_change", region=region)
        await uow.commit()


async def _rows(driver: ConsoleDriver, model: Any, *where: Any) -> list[Any]:
    async with driver.application.session_factory() as session:  # type: ignore[attr-defined]
        return list(await session.scalars(select(model).where(*where)))


async def _bot_events(driver: ConsoleDriver) -> list[CatalogueRecord]:
    return await _rows(
        driver,
        CatalogueRecord,
        CatalogueRecord.entity == "events",
        CatalogueRecord.id.like("ev-bot-%"),
    )


async def _open_form(driver: ConsoleDriver, kind: str = "День открытых дверей") -> list[str]:
    await driver.send_text("/newevent")
    await driver.press_label(kind)
    return await driver.press_label("ЦОПП Томской")


# --- creating ------------------------------------------------------------------------------


async def test_a_new_event_is_in_events_at_once(staff: ConsoleDriver) -> None:
    lines = await staff.send_text("/newevent")
    assert lines == ["Какое событие добавить?"]
    labels = [c.label for c in staff.choices]
    assert "День открытых дверей" in labels and labels[-1] == "Отмена"
    lines = await staff.press_label("День открытых дверей")
    assert lines == ["(изменено) Где оно пройдёт?"]
    assert any(c.label.startswith("ЦОПП Тверской") for c in staff.choices)  # every region's

    lines = await staff.press_label("ЦОПП Томской")
    assert lines[0].startswith("День открытых дверей · ЦОПП Томской области.")
    assert "Время пишите местное: UTC+7." in lines[0]
    form = lines[1]
    assert form.splitlines() == [
        "Название:",
        "Начало: 15.12.2026 10:00",
        "Конец: 15.12.2026 14:00",
        "Регистрация до: 14.12.2026 18:00",
        "Для кого: школьники, взрослые, люди 50+ и предпенсионеры, люди с инвалидностью и ОВЗ, "
        "родители в отпуске по уходу за ребёнком, люди без работы",
        "Компетенции: —",
        "Ссылка: —",
        "Описание: —",
    ]
    lines = await staff.send_text(FORM)
    text = lines[0]
    assert text.startswith("Событие добавлено: «День открытых дверей: IT-профессии».")
    assert "Начало: 20.12.2026 11:00 (UTC+7), ЦОПП Томской области." in text
    assert "Оно уже в /events." in text
    assert "бот один раз сообщит о новом событии" in text
    assert "«Анонсировать» готовит рассылку об этом событии всем в регионе" in text
    assert [c.label for c in staff.choices] == ["Анонсировать", "Открыть карточку", "Изменить"]

    (record,) = await _bot_events(staff)
    payload = record.payload
    assert payload["illustrative"] is False
    assert payload["region"] == "RU-TOM" and payload["centre"] == "copp-tomsk"
    assert payload["starts_at"] == "2026-12-20T11:00:00+07:00"
    assert payload["ends_at"] == "2026-12-20T15:00:00+07:00"
    assert payload["registration_deadline"] == "2026-12-18T18:00:00+07:00"
    assert payload["competencies"] == ["cmp-svarochnye-tehnologii"]
    assert payload["link"] == "https://copp70.ru/events"
    assert payload["description"].endswith("Возьмите с собой паспорт.")
    (edit,) = await _rows(staff, EventEdit)
    assert (edit.event_id, edit.staff_id, edit.action) == (record.id, STAFF_ID, "created")

    # A user in Tomsk sees it in /events right away, and its card.
    user = _person(staff, USER_ID)
    await _onboard(staff, USER_ID)
    listing = "\n".join(await user.send_text("/events"))
    assert "День открытых дверей: IT-профессии" in listing
    card = await staff.press_label("Открыть карточку")
    assert card[0].startswith("«День открытых дверей: IT-профессии»\nдень открытых дверей")
    assert "Экскурсия по мастерским" in card[0]
    assert "даты в моём каталоге примерные" not in card[0]  # not illustrative

    # The same form again is the same event: refused, nothing added.
    await _open_form(staff)
    lines = await staff.send_text(FORM)
    assert lines == [
        "Такое событие уже есть: то же название, центр и начало. Если нужно его поправить — /editevent."
    ]
    assert len(await _bot_events(staff)) == 1


async def test_mistakes_are_refused_line_by_line(staff: ConsoleDriver) -> None:
    await _open_form(staff)
    bad = FORM.replace("Начало: 20.12.2026 11:00", "Начало: 20.11.2026 11:00")
    lines = await staff.send_text(bad)
    assert lines == [
        "Не сохранил: в форме есть ошибки. Исправьте их и пришлите форму ещё раз.\n"
        "Строка 2 «20.11.2026 11:00»: это время уже прошло. Событие должно начинаться в будущем.\n"
        "Строка 4 «18.12.2026 18:00»: регистрация заканчивается после начала события. "
        "Она должна закончиться не позже начала."
    ]
    bad = FORM.replace("Регистрация до: 18.12.2026 18:00", "Регистрация до: 21.12.2026 18:00")
    lines = await staff.send_text(bad)
    assert lines[0].endswith(
        "Строка 4 «21.12.2026 18:00»: регистрация заканчивается после начала события. "
        "Она должна закончиться не позже начала."
    )
    bad = FORM.replace("https://copp70.ru/events", "copp70 точка ру")
    lines = await staff.send_text(bad)
    assert lines[0].endswith(
        "Строка 7 «copp70 точка ру»: это не похоже на адрес сайта. "
        "Нужен полный адрес, например https://copp70.ru/events, или «—»."
    )
    bad = FORM.replace("Конец: 15:00", "Конец: 20.12.2026 09:00").replace(
        "Название: День открытых дверей: IT-профессии", "Название: ДОД"
    )
    lines = await staff.send_text(bad + "\nЧто-то ещё")
    problems = lines[0].splitlines()[1:]
    assert problems == [
        "Строка 1 «ДОД»: название слишком короткое: нужно хотя бы 5 символов.",
    ]
    lines = await staff.send_text(bad.replace("Название: ДОД", "Название: День открытых дверей"))
    assert lines[0].splitlines()[1] == (
        "Строка 3 «20.12.2026 09:00»: событие заканчивается раньше, чем начинается."
    )
    lines = await staff.send_text("Начало: завтра\nКуда: в центр")
    assert lines[0].splitlines()[1:] == [
        "Строка 2 «Куда: в центр»: не понял эту строку. Начните её с названия поля и двоеточия: "
        "«Название:», «Начало:», «Конец:», «Регистрация до:», «Для кого:», «Компетенции:», "
        "«Ссылка:», «Описание:».",
        "Строка 1 «завтра»: не понимаю дату. Пишите ДД.ММ.ГГГГ ЧЧ:ММ, например 15.03.2027 10:00.",
        "• Нет строки «Название: …».",
        "• Нет строки «Конец: …» с датой и временем окончания.",
    ]
    lines = await staff.send_text(
        FORM.replace("Для кого: школьники, взрослые", "Для кого: космонавты")
    )
    assert "«космонавты»: не знаю, кто это." in lines[0]
    assert await _bot_events(staff) == []
    # The dialog waits: the corrected form is saved.
    lines = await staff.send_text(FORM)
    assert lines[0].startswith("Событие добавлено")
    assert len(await _bot_events(staff)) == 1


async def test_announce_opens_the_broadcast_to_the_event_s_region(staff: ConsoleDriver) -> None:
    await _onboard(staff, 1001, "RU-TOM", mailing=True)
    await _onboard(staff, 1002, "RU-TVE", mailing=True)
    await _onboard(staff, 1003, "RU-TOM")  # no mailing consent
    await _open_form(staff)
    await staff.send_text(FORM)
    lines = await staff.press_label("Анонсировать")
    assert lines[0] == (
        "«День открытых дверей: IT-профессии»\n"
        "День открытых дверей\n"
        "Когда: 20.12.2026, с 11:00 до 15:00 по местному времени (UTC+7)\n"
        f"Где: {TOMSK.name}, {TOMSK.address}\n"
        "Регистрация до 18.12.2026 18:00\n\n"
        "Экскурсия по мастерским и встреча с преподавателями.\nВозьмите с собой паспорт.\n\n"
        "Подробности — в карточке события по кнопке ниже. Там же можно нажать «Напомнить», "
        "чтобы бот напомнил о регистрации и начале."
    )
    assert lines[1].startswith("Так сообщение увидят получатели — оно выше. Получателей: 1.")
    lines = await staff.press_label("Отправить (1)")
    assert "(изменено) Рассылка № 1 запущена: получателей 1." in lines
    (broadcast,) = await _rows(staff, Broadcast)
    (record,) = await _bot_events(staff)
    assert broadcast.segment["regions"] == ["RU-TOM"]
    assert broadcast.button_data == f"ev:card:all:0:{short_reference(record.id)}"
    deliveries = await _rows(staff, BroadcastDelivery)
    assert [d.user_id for d in deliveries] == [1001]


# --- editing -------------------------------------------------------------------------------


async def test_editing_changes_dates_and_says_so(staff: ConsoleDriver) -> None:
    await _open_form(staff)
    await staff.send_text(FORM)
    lines = await staff.press_label("Изменить")
    assert lines[0].startswith("День открытых дверей · ЦОПП Томской области.")
    assert lines[1].splitlines()[:4] == [
        "Название: День открытых дверей: IT-профессии",
        "Начало: 20.12.2026 11:00",
        "Конец: 20.12.2026 15:00",
        "Регистрация до: 18.12.2026 18:00",
    ]
    assert lines[1].splitlines()[5] == "Компетенции: Сварочные технологии"
    # The form sent back unchanged changes nothing.
    assert await staff.send_text(lines[1]) == ["В форме всё как было — сохранять нечего."]
    lines = await staff.send_text("Начало: 27.12.2026 11:00\nКонец: 27.12.2026 15:00")
    assert lines[0].startswith(
        "Изменения сохранены: «День открытых дверей: IT-профессии» — начало, конец."
    )
    assert "Подписчикам события напоминания придут уже по новым датам." in lines[0]
    (record,) = await _bot_events(staff)
    assert record.payload["starts_at"] == "2026-12-27T11:00:00+07:00"
    assert record.payload["registration_deadline"] == "2026-12-18T18:00:00+07:00"
    edits = await _rows(staff, EventEdit)
    assert [(e.action, e.fields) for e in edits] == [
        ("created", ["title", "starts_at", "ends_at", "registration_deadline", "audience",
                     "competencies", "link", "description"]),
        ("edited", ["starts_at", "ends_at"]),
    ]  # fmt: skip
    card = await staff.press_label("Открыть карточку")
    assert "27.12.2026" in card[0]

    # The same rules on an edit: a deadline after the new start is refused.
    await staff.press_data(
        EventEditorCallback(action="pick", value=short_reference(record.id)).pack()
    )
    lines = await staff.send_text("Регистрация до: 28.12.2026 10:00")
    assert "регистрация заканчивается после начала события" in lines[0]


async def test_a_shipped_event_edited_is_no_longer_illustrative(staff: ConsoleDriver) -> None:
    lines = await staff.send_text("/editevent")
    assert lines == ["Какое событие изменить? Здесь те, что ещё не закончились. (страница 1 из 5)"]
    assert len(staff.choices) == 9  # eight events and «Ещё»
    await staff.press_data(
        EventEditorCallback(action="pick", value=short_reference(TVER_OPEN_DAY)).pack()
    )
    lines = await staff.send_text("Название: День открытых дверей ЦОПП Тверской области, декабрь")
    assert lines[0].startswith("Изменения сохранены:") and "— название." in lines[0]
    (record,) = await _rows(staff, CatalogueRecord, CatalogueRecord.id == TVER_OPEN_DAY)
    assert record.payload["illustrative"] is True  # the dates are still the examples
    await staff.press_label("Изменить")
    await staff.send_text("Начало: 12.12.2026 12:00")
    (record,) = await _rows(staff, CatalogueRecord, CatalogueRecord.id == TVER_OPEN_DAY)
    assert record.payload["illustrative"] is False
    assert record.payload["starts_at"] == "2026-12-12T12:00:00+03:00"


# --- who may --------------------------------------------------------------------------------


async def test_regional_staff_are_kept_to_their_centres(staff: ConsoleDriver) -> None:
    regional = _person(staff, REGIONAL_ID)
    await regional.send_text("/newevent")
    # One centre in Tomsk: no question where.
    lines = await regional.press_label("День профпроб")
    assert lines[0].startswith("День профпроб · ЦОПП Томской области.")
    # A forged button for another region's centre is outdated, and writes nothing.
    forged = EventEditorCallback(action="centre", value="copp-tver", kind="open_day").pack()
    assert await regional.press_data(forged) == [OUTDATED]

    await regional.send_text("/editevent")
    labels = [c.label for c in regional.choices]
    assert labels and all("ЦОПП Томской" in label for label in labels)
    for action in ("pick", "announce"):
        forged = EventEditorCallback(action=action, value=short_reference(TVER_OPEN_DAY)).pack()
        assert await regional.press_data(forged) == [OUTDATED]
    assert await _bot_events(staff) == []


async def test_non_staff_do_not_see_event_editing(staff: ConsoleDriver) -> None:
    stranger = _person(staff, USER_ID)
    await _onboard(staff, USER_ID)
    for command in ("/newevent", "/editevent"):
        assert await stranger.send_text(command) == [UNKNOWN_COMMAND.format(command)]
    for forged in (
        EventEditorCallback(action="kind", value="open_day").pack(),
        EventEditorCallback(action="centre", value="copp-tomsk", kind="open_day").pack(),
        EventEditorCallback(action="pick", value=short_reference(TVER_OPEN_DAY)).pack(),
        EventEditorCallback(action="page", page=1).pack(),
        EventEditorCallback(action="announce", value=short_reference(TVER_OPEN_DAY)).pack(),
    ):
        assert await stranger.press_data(forged) == [OUTDATED]
    assert "/newevent" not in (await stranger.send_text("/help"))[0]
    assert await _bot_events(staff) == []


# --- the form, both ways --------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ru", "en"])
def test_a_rendered_form_reads_back_the_same(language: str) -> None:
    catalogue = load_catalogue()
    local = catalogue.centres["copp-tomsk"].timezone
    from bot.services.timezones import zone

    tz = zone(local)
    fields = EventFields(
        title="Чемпионат «Абилимпикс»: региональный этап",
        starts_at=datetime(2027, 3, 1, 9, 0, tzinfo=tz),
        ends_at=datetime(2027, 3, 3, 18, 0, tzinfo=tz),
        registration_deadline=datetime(2027, 2, 20, 18, 0, tzinfo=tz),
        audience=tuple(Audience),
        competencies=("cmp-svarochnye-tehnologii",),
        link="https://abilympics-russia.ru/",
        description="Соревнования.\nПриходите болеть.",
    )
    form = EventForm(
        kind=EventKind.abilympics,
        centre=catalogue.centres["copp-tomsk"],
        region=catalogue.regions["RU-TOM"],
        local=tz,
        fields=fields,
        example_day=fields.starts_at.date(),
        ref="x",
        competency_names=(catalogue.competencies["cmp-svarochnye-tehnologii"].name,),
    )
    text = ui.form_text(form, translator(language))
    now = datetime(2026, 12, 1, tzinfo=UTC)
    read = read_form(text, FormContext(EventKind.abilympics, tz, now, catalogue))
    assert read == fields
    with pytest.raises(EventFormError):
        read_form(
            text, FormContext(EventKind.abilympics, tz, datetime(2027, 3, 2, tzinfo=UTC), catalogue)
        )
