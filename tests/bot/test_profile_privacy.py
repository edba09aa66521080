"""/profile with its switches, /mydata and /forget (152-FZ)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from aiogram import Bot
from aiogram.methods import EditMessageText
from aiogram.types import User
from sqlalchemy import func, select

from bot.app import MENU_COMMANDS, build_application
from bot.config import Settings
from bot.console.driver import ConsoleDriver
from bot.console.session import RecordingSession
from bot.i18n import translator
from bot.services.accounts import MAILING, PERSONAL_DATA, AccountService
from bot.storage.models import Base, Consent, FeedbackTotal
from bot.storage.models import User as UserRow
from bot.storage.repositories import SqlUnitOfWork
from bot.ui.callbacks import ConsultationCallback, OnboardingCallback, ProfileCallback
from tests.bot.helpers import set_profile
from tests.conftest import TEST_TOKEN, SharedKnowledge

USER_ID = 111
ru = translator("ru")


async def _onboard(harness: ConsoleDriver, user_id: int = USER_ID, **fields: object) -> None:
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        await AccountService(uow).give_consent(user_id, PERSONAL_DATA, "ru")
        values: dict[str, object] = {
            "role": "school",
            "grade": 9,
            "region": "RU-TOM",
            "interests": ["it", "science"],
            "about": "Люблю собирать роботов",
        }
        values.update(fields)
        await set_profile(uow, user_id, **values)
        await uow.commit()


async def _user(harness: ConsoleDriver) -> UserRow | None:
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        row: UserRow | None = await session.get(UserRow, USER_ID)
        return row


async def _consents(harness: ConsoleDriver) -> list[tuple[str, bool]]:
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        rows = await session.scalars(select(Consent).order_by(Consent.id))
        return [(row.kind, row.withdrawn_at is None) for row in rows]


def _labels(harness: ConsoleDriver) -> list[str]:
    return [choice.label for choice in harness.choices]


async def test_profile_needs_consent_first(harness: ConsoleDriver) -> None:
    await harness.send_text("/start")
    lines = await harness.send_text("/profile")

    assert lines == [ru("consent-required")]
    assert "/start" in lines[0]


async def test_profile_shows_the_answers_in_plain_words(harness: ConsoleDriver) -> None:
    await _onboard(harness, riasec=[0.9, 0.8, 0.2, 0.3, 0.1, 0.4])
    (shown,) = await harness.send_text("/profile")

    assert f"Кто вы: {ru('role-school')}" in shown
    assert "Класс: 9" in shown
    assert "Регион: Томская область" in shown
    assert f"Интересы: {ru('interest-it')}, {ru('interest-science')}" in shown
    assert "О себе: Люблю собирать роботов" in shown
    assert "Тест интересов: практический тип, исследовательский тип" in shown
    assert "Открытых заявок на консультацию нет" in shown
    assert "RU-TOM" not in shown
    assert _labels(harness) == [
        "Изменить ответы",
        "Язык",
        "Уведомления: вкл",
        "Рассылки: дать согласие",
        "Мои заявки",
    ]
    assert harness.choices[0].callback_data == OnboardingCallback(action="edit").pack()


async def test_profile_of_an_adult_without_the_quiz(harness: ConsoleDriver) -> None:
    await _onboard(
        harness,
        role="job_seeker",
        grade=None,
        situations=["unemployed", "disability"],
        region=None,
        interests=[],
        about=None,
    )
    (shown,) = await harness.send_text("/profile")

    assert f"Кто вы: {ru('role-job_seeker')}" in shown
    situations = f"{ru('situation-unemployed')}, {ru('situation-disability')}"
    assert f"Ваша ситуация: {situations}" in shown
    assert "Регион: не указано" in shown
    assert "Класс" not in shown
    assert "Тест интересов" not in shown


async def test_language_button_offers_the_languages(harness: ConsoleDriver) -> None:
    await _onboard(harness)
    await harness.send_text("/profile")
    lines = await harness.press_label("Язык")

    assert lines == ["Выберите язык:"]
    assert _labels(harness) == ["Русский", "English"]


async def test_notifications_switch_is_idempotent(harness: ConsoleDriver) -> None:
    await _onboard(harness)
    await harness.send_text("/profile")
    off_button = harness.choices[2].callback_data
    assert off_button == ProfileCallback(action="notify", value="off").pack()

    lines = await harness.press_label("Уведомления: вкл")
    user = await _user(harness)
    assert user is not None
    assert user.notifications is False
    assert any(line.startswith("[уведомление] Уведомления выключены") for line in lines)
    assert "Уведомления: выкл" in _labels(harness)

    await harness.press_data(off_button)  # a double tap on the old button: still off
    user = await _user(harness)
    assert user is not None
    assert user.notifications is False

    await harness.press_label("Уведомления: выкл")
    user = await _user(harness)
    assert user is not None
    assert user.notifications is True


async def test_mailing_consent_is_given_and_withdrawn_with_one_tap(
    harness: ConsoleDriver,
) -> None:
    await _onboard(harness)
    await harness.send_text("/profile")

    lines = await harness.press_label("Рассылки: дать согласие")
    assert any("Согласие на рассылки записано" in line for line in lines)
    assert await _consents(harness) == [(PERSONAL_DATA, True), (MAILING, True)]
    assert "Рассылки: отозвать согласие" in _labels(harness)

    lines = await harness.press_label("Рассылки: отозвать согласие")
    assert any("Согласие на рассылки отозвано" in line for line in lines)
    # Mailing consent is separate: withdrawing it keeps the personal-data consent.
    assert await _consents(harness) == [(PERSONAL_DATA, True), (MAILING, False)]
    assert "Рассылки: дать согласие" in _labels(harness)


async def test_switches_need_consent(harness: ConsoleDriver) -> None:
    await harness.send_text("/start")
    lines = await harness.press_data(ProfileCallback(action="mailing", value="on").pack())

    assert any("нужно согласие" in line for line in lines)
    assert await _consents(harness) == []


async def test_forged_profile_buttons_are_outdated(harness: ConsoleDriver) -> None:
    await _onboard(harness)
    for data in ("prof:notify:maybe", "prof:mailing:", "prof:unknown:on", "forget:maybe"):
        lines = await harness.press_data(data)
        assert lines == ["[уведомление] " + ru("button-outdated")], data
    user = await _user(harness)
    assert user is not None
    assert user.notifications is True


async def test_my_requests_when_there_are_none(harness: ConsoleDriver) -> None:
    await _onboard(harness)
    await harness.send_text("/profile")
    lines = await harness.press_label("Мои заявки")

    assert any("Открытых заявок на звонок нет" in line for line in lines)


async def test_mydata_sends_everything_as_json(harness: ConsoleDriver) -> None:
    await _onboard(harness)
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        await uow.consultations.add_unless_open(
            USER_ID, "Консультация: Программист", "09.02.07", "copp-tomsk", None, datetime.now(UTC)
        )
        await uow.feedback.set_vote(USER_ID, "09.02.07", 1, None, datetime.now(UTC))
        await uow.commit()

    lines = await harness.send_text("/mydata")

    summary, file_line = lines
    assert summary.splitlines() == [
        "Что я храню о вас:",
        "• ваши ответы: кто вы, регион, интересы, о себе — посмотреть и изменить их можно в "
        "/profile",
        "• согласия: 1",
        "• оценки подсказок («Полезно», «Не то»): 1",
        "• заявки на звонок: 1",
        "• отметки о шагах в боте (без текстов, для статистики центра): 1",
    ]
    assert file_line == f"[файл] careerbot-mydata.json — {ru('mydata-caption')}"
    name, data = harness.sent_files[-1]
    assert name == "careerbot-mydata.json"
    assert "Программист".encode() in data  # UTF-8, not \\u escapes
    document = json.loads(data.decode("utf-8"))
    assert document["telegram_id"] == USER_ID
    tables = document["tables"]
    (user,) = tables["users"]
    assert (user["telegram_id"], user["role"], user["region"]) == (USER_ID, "school", "RU-TOM")
    assert user["interests"] == ["it", "science"]
    assert [c["kind"] for c in tables["consents"]] == [PERSONAL_DATA]
    assert [f["item_id"] for f in tables["feedback"]] == ["09.02.07"]
    (request,) = tables["consultation_requests"]
    assert request["topic"] == "Консультация: Программист"
    # The dialog store's bookkeeping is not the person's data.
    assert "fsm_states" not in tables and "unfinished_dialog" not in tables
    assert datetime.fromisoformat(user["created_at"]).tzinfo is not None


async def test_mydata_before_consent_holds_just_the_id(harness: ConsoleDriver) -> None:
    await harness.send_text("/start")
    await harness.send_text("/mydata")

    document = json.loads(harness.sent_files[-1][1].decode("utf-8"))
    (user,) = document["tables"]["users"]
    assert user["telegram_id"] == USER_ID
    assert user["role"] is None
    assert document["tables"]["consents"] == []
    assert document["tables"]["consultation_requests"] == []


async def _rows_about(harness: ConsoleDriver, user_id: int) -> dict[str, int]:
    """Rows in EVERY table that reference the user, by table."""
    found: dict[str, int] = {}
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        for table in Base.metadata.sorted_tables:
            columns = [c.name for c in table.columns if c.name in ("user_id", "telegram_id")]
            for column in columns:
                count = await session.scalar(
                    select(func.count()).select_from(table).where(table.c[column] == user_id)
                )
                if count:
                    found[f"{table.name}.{column}"] = int(count)
    return found


async def test_forget_erases_every_row_about_the_user(harness: ConsoleDriver) -> None:
    await _onboard(harness)
    await _onboard(harness, user_id=222)  # someone else, who must stay
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        now = datetime.now(UTC)
        await uow.consents.add_if_none_active(USER_ID, MAILING, "2026-11", now)
        await uow.consultations.add_unless_open(
            USER_ID, "Моя заявка", None, "copp-tomsk", "+7999", now
        )
        await uow.feedback.set_vote(USER_ID, "09.02.07", -1, "not_for_me", now)
        await uow.consultations.add_unless_open(222, "Чужая заявка", None, None, None, now)
        await uow.commit()
    # Leave a dialog half-way, so there is dialog state to erase too.
    await harness.press_data(ConsultationCallback(action="ask", ref="").pack())
    before = await _rows_about(harness, USER_ID)
    assert {"users.telegram_id", "consents.user_id", "feedback.user_id"} <= before.keys()
    assert {"consultation_requests.user_id", "fsm_states.user_id"} <= before.keys()

    lines = await harness.send_text("/forget")
    assert any("Удалить все ваши данные?" in line for line in lines)
    assert _labels(harness) == ["Удалить все мои данные", "Отмена"]
    lines = await harness.press_label("Удалить все мои данные")

    assert any("все ваши данные удалены" in line for line in lines)
    assert any("/start" in line for line in lines)
    assert await _rows_about(harness, USER_ID) == {}
    assert await _rows_about(harness, 222) != {}
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        totals = list(await session.scalars(select(FeedbackTotal)))
    assert [(t.item_id, t.down) for t in totals] == [("09.02.07", 1)]  # anonymous, kept

    # /start afterwards is a fresh beginning: consent is asked again.
    lines = await harness.send_text("/start")
    assert any("152-ФЗ" in line for line in lines)


async def test_forget_can_be_cancelled_and_a_double_tap_is_harmless(
    harness: ConsoleDriver,
) -> None:
    await _onboard(harness)
    await harness.send_text("/forget")
    lines = await harness.press_label("Отмена")
    assert any("ничего не удаляю" in line for line in lines)
    assert await _user(harness) is not None

    await harness.send_text("/forget")
    yes = harness.choices[0].callback_data
    assert yes is not None
    await harness.press_data(yes)
    lines = await harness.press_data(yes)
    assert any("все ваши данные удалены" in line for line in lines)
    assert await _rows_about(harness, USER_ID) == {}


def test_menu_lists_the_privacy_commands() -> None:
    for name in ("profile", "mydata", "forget"):
        assert name in MENU_COMMANDS
        for language in ("ru", "en"):
            description = translator(language)(f"command-{name}")
            assert description != f"command-{name}"
            assert len(description) <= 256


async def test_forget_strips_the_staff_chat_cards_of_the_users_requests(
    harness: ConsoleDriver,
) -> None:
    await _onboard(harness)
    await harness.press_data(ConsultationCallback(action="ask", ref="").pack())
    await harness.send_text("Хочу узнать про курсы")
    lines = await harness.share_contact("+79995554433")
    assert any("[чат -100500]" in line and "+79995554433" in line for line in lines)

    await harness.send_text("/forget")
    recorded: list[EditMessageText] = []
    original = harness.session.make_request

    async def spy(bot, method, timeout=None):  # type: ignore[no-untyped-def]  # noqa: ASYNC109
        if isinstance(method, EditMessageText) and method.chat_id == -100500:
            recorded.append(method)
        return await original(bot, method, timeout)

    harness.session.make_request = spy  # type: ignore[method-assign]
    await harness.press_label("Удалить все мои данные")
    (edit,) = recorded
    assert "удалить свои данные" in edit.text
    assert "+79995554433" not in edit.text and "Аня" not in edit.text
    assert edit.reply_markup is None  # no «handled» button on an erased request


async def test_mydata_includes_the_unfinished_dialog_kept_in_redis(
    settings: Settings, redis_url: str
) -> None:
    from aiogram.fsm.storage.base import DefaultKeyBuilder
    from aiogram.fsm.storage.redis import RedisStorage

    storage = RedisStorage.from_url(redis_url, key_builder=DefaultKeyBuilder(with_destiny=True))
    application = build_application(settings, storage=storage, knowledge=SharedKnowledge())
    session = RecordingSession()
    user = User(id=USER_ID, is_bot=False, first_name="Аня", language_code="ru")
    driver = ConsoleDriver(application.dispatcher, Bot(TEST_TOKEN, session=session), session, user)
    driver.application = application  # type: ignore[attr-defined]
    try:
        await _onboard(driver)
        await driver.press_data(ConsultationCallback(action="ask", ref="").pack())
        await driver.send_text("Хочу узнать про курсы сварщика")  # the phone is asked next
        await driver.send_text("/mydata")
    finally:
        await storage.close()
        await application.engine.dispose()
    _, data = driver.sent_files[-1]
    tables = json.loads(data.decode("utf-8"))["tables"]
    # What the person chose in the unfinished dialog, not the dialog's state or keys.
    (typed,) = tables["unfinished_dialog"]
    assert typed == {"consultation_topic": "Хочу узнать про курсы сварщика"}
    assert "dialog" not in tables and "fsm_states" not in tables
