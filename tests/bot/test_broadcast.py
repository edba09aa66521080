"""Staff broadcasts through the real dispatcher, on SQLite and PostgreSQL: compose, the
button, the segment, the preview, the confirm; who may send; bad input; who is in the
segment; and the sender over the recording Bot API session (403, 429, pause, resume,
cancel, a user who deletes their data mid-broadcast, two broadcasts at once, recovery)."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import pytest_asyncio
from aiogram import Bot
from aiogram.methods import (
    EditMessageText,
    SendDocument,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.types import Document, MessageEntity, PhotoSize, User
from sqlalchemy import select

from bot.app import build_application
from bot.composition import build_broadcast_sender
from bot.config import Settings
from bot.console.driver import ConsoleDriver
from bot.console.session import RecordingSession
from bot.services.accounts import MAILING, PERSONAL_DATA, AccountService
from bot.services.broadcasts import BroadcastSender
from bot.services.pacing import SendPace
from bot.storage.models import Broadcast, BroadcastDelivery
from bot.storage.models import User as UserRow
from bot.storage.repositories import SqlUnitOfWork
from bot.telegram_messenger import TelegramMessenger
from bot.ui.broadcast import BroadcastCallback
from tests.conftest import TEST_TOKEN, SharedKnowledge

from .helpers import set_profile

STAFF_ID = 901
ADMIN_ID = 900
STRANGER_ID = 111
_ids = itertools.count(50_000)


@pytest_asyncio.fixture
async def staff(settings: Settings) -> AsyncIterator[ConsoleDriver]:
    application = build_application(settings, knowledge=SharedKnowledge())
    session = RecordingSession()
    bot = Bot(token=TEST_TOKEN, session=session)
    user = User(id=STAFF_ID, is_bot=False, first_name="Ольга", language_code="ru")
    driver = ConsoleDriver(application.dispatcher, bot, session, user)
    driver.application = application  # type: ignore[attr-defined]
    # Everything the bot asked of Telegram, also what the driver took to render.
    driver.log = []  # type: ignore[attr-defined]
    take = session.take

    def take_and_log() -> list[TelegramMethod[Any]]:
        taken = take()
        driver.log.extend(taken)  # type: ignore[attr-defined]
        return taken

    session.take = take_and_log  # type: ignore[method-assign]
    try:
        yield driver
    finally:
        await application.engine.dispose()


def _person(driver: ConsoleDriver, user_id: int) -> ConsoleDriver:
    other = ConsoleDriver(
        driver.dispatcher,
        driver.bot,
        driver.session,
        User(id=user_id, is_bot=False, first_name="Пётр", language_code="ru"),
        _update_ids=itertools.count(next(_ids) * 10_000),
    )
    other.application = driver.application  # type: ignore[attr-defined]
    return other


async def _user(
    driver: ConsoleDriver,
    user_id: int,
    *,
    mailing: bool = True,
    blocked: bool = False,
    **profile: Any,
) -> None:
    async with driver.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        accounts = AccountService(uow)
        await accounts.give_consent(user_id, PERSONAL_DATA, "ru")
        if mailing:
            await accounts.give_consent(user_id, MAILING, "ru")
        await set_profile(uow, user_id, is_blocked=blocked, **profile)
        await uow.commit()


def _sender(driver: ConsoleDriver, **settings: Any) -> BroadcastSender:
    application = driver.application  # type: ignore[attr-defined]
    config = application.settings
    if settings:
        config = config.model_copy(
            update={"broadcast": config.broadcast.model_copy(update=settings)}
        )
    # Fast, and no second between two messages to one chat: tests wait for nothing.
    pace = SendPace(1000, paid_per_second=1000, per_chat_seconds=0)
    return build_broadcast_sender(
        application.session_factory,
        config,
        TelegramMessenger(driver.bot),
        pace,
        lambda: datetime.now(UTC),
    )


async def _rows(driver: ConsoleDriver, model: Any) -> list[Any]:
    async with driver.application.session_factory() as session:  # type: ignore[attr-defined]
        return list(await session.scalars(select(model).order_by(model.id)))


def _sends_to(requests: list[TelegramMethod[Any]], chat_id: int) -> list[TelegramMethod[Any]]:
    return [r for r in requests if isinstance(r, SendMessage | SendPhoto) and r.chat_id == chat_id]


async def _text(driver: ConsoleDriver, text: str, **content: Any) -> list[str]:
    return await driver._feed(message=driver._message(text=text, **content))


async def _compose(
    driver: ConsoleDriver, text: str = "Приглашаем на день открытых дверей!"
) -> None:
    """/broadcast, a plain text, no button: the segment screen is shown."""
    await driver.send_text("/broadcast")
    await _text(driver, text)
    await driver.press_label("Без кнопки")


def _count_line(lines: list[str]) -> str:
    return next(line for line in "\n".join(lines).splitlines() if "Получателей" in line)


# --- compose, preview, confirm -------------------------------------------------------------


async def test_compose_preview_confirm_and_send(staff: ConsoleDriver) -> None:
    for user_id, role in ((1001, "school"), (1002, "school"), (1003, "job_seeker")):
        await _user(staff, user_id, role=role, region="RU-TOM")
    await _user(staff, 1004, mailing=False, role="school")  # no mailing consent

    prompt = await staff.send_text("/broadcast")
    assert "Пришлите сообщение для рассылки" in prompt[0]
    text = "Важно: запись на профпробы открыта 🎉"
    formatted = await _text(
        staff,
        text,
        entities=[
            MessageEntity(type="bold", offset=0, length=6),
            MessageEntity(type="custom_emoji", offset=37, length=2, custom_emoji_id="5"),
        ],
    )
    assert "Добавить под сообщением кнопку?" in formatted[0]
    await staff.press_label("Кнопка со ссылкой")
    bad = await staff.send_text("где-то в интернете")
    assert "не похоже на адрес" in bad[0]
    await staff.send_text("https://copp70.ru/probe")
    too_long = await staff.send_text("Очень длинная подпись для кнопки, которая не поместится")
    assert "симв." in too_long[0] and "40" in too_long[0]
    screen = await staff.send_text("Записаться")
    assert "Кому отправить?" in screen[0]
    assert "Получателей сейчас: 3" in screen[0]

    roles = await staff.press_label("Роль")
    assert "Выберите одну или несколько ролей" in roles[0]
    chosen = await staff.press_label("Школьник")
    assert "Выбрано: Школьник" in chosen[0]
    main = await staff.press_label("Готово")
    assert "Роль: Школьник" in main[0] and "Получателей сейчас: 2" in main[0]

    staff.session.take()
    summary = await staff.press_label("Посмотреть сообщение")
    assert "Так сообщение увидят получатели" in summary[-1]
    assert "Получателей: 2" in summary[-1]
    assert "бесплатная" in summary[-1]

    await staff.press_label("Отправить (2)")
    (broadcast,) = await _rows(staff, Broadcast)
    assert (broadcast.total, broadcast.status, broadcast.author_id) == (2, "sending", STAFF_ID)
    assert broadcast.progress_chat_id == STAFF_ID and broadcast.progress_message_id
    assert [(d.user_id, d.status) for d in await _rows(staff, BroadcastDelivery)] == [
        (1001, "pending"),
        (1002, "pending"),
    ]

    report = await _sender(staff).deliver()
    assert (report.sent, report.finished) == (2, 1)
    requests = staff.session.take()
    for user_id in (1001, 1002):
        (sent,) = _sends_to(requests, user_id)
        assert isinstance(sent, SendMessage)
        assert sent.text == text
        # Formatting goes back as entities, never as markup; the custom emoji is dropped.
        assert [(e.type, e.offset, e.length) for e in sent.entities or []] == [("bold", 0, 6)]
        assert sent.parse_mode is None
        button = sent.reply_markup.inline_keyboard[0][0]  # type: ignore[union-attr]
        assert (button.text, button.url) == ("Записаться", "https://copp70.ru/probe")
    assert not _sends_to(requests, 1003) and not _sends_to(requests, 1004)
    report_texts = [r.text for r in _sends_to(requests, STAFF_ID)]
    assert any("Итог рассылки № 1" in t and "Отправлено: 2" in t for t in report_texts)
    edits = [r for r in requests if isinstance(r, EditMessageText)]
    assert edits and "Рассылка № 1 отправлена" in edits[-1].text
    assert edits[-1].reply_markup is None  # no pause or cancel on a finished broadcast
    (broadcast,) = await _rows(staff, Broadcast)
    assert broadcast.status == "done" and broadcast.finished_at is not None


async def test_the_preview_is_the_message_itself(staff: ConsoleDriver) -> None:
    await _user(staff, 1001)
    await staff.send_text("/broadcast")
    photo = [
        PhotoSize(file_id="small", file_unique_id="s", width=90, height=90),
        PhotoSize(file_id="big-photo", file_unique_id="b", width=900, height=900),
    ]
    await staff._feed(
        message=staff._message(
            photo=photo,
            caption="Афиша недели",
            caption_entities=[MessageEntity(type="italic", offset=0, length=5)],
        )
    )
    await staff.press_label("Без кнопки")
    staff.log.clear()  # type: ignore[attr-defined]
    await staff.press_label("Посмотреть сообщение")
    await staff.press_label("Отправить (1)")
    await _sender(staff).deliver()
    staff.session.take()
    requests = staff.log  # type: ignore[attr-defined]
    (preview,) = [r for r in requests if isinstance(r, SendPhoto) and r.chat_id == STAFF_ID]
    (sent,) = [r for r in requests if isinstance(r, SendPhoto) and r.chat_id == 1001]
    for message in (preview, sent):
        assert (message.photo, message.caption) == ("big-photo", "Афиша недели")
        assert [(e.type, e.length) for e in message.caption_entities or []] == [("italic", 5)]
    assert preview.model_dump(exclude={"chat_id"}) == sent.model_dump(exclude={"chat_id"})


async def test_an_event_card_button_opens_the_card(staff: ConsoleDriver) -> None:
    await _user(staff, 1001, role="school", region="RU-TOM")
    await staff.send_text("/broadcast")
    await staff.send_text("Скоро отборочный этап — готовьтесь!")
    await staff.press_label("Кнопка с событием")
    nothing = await staff.send_text("такого события нет")
    assert "не нашлось" in nothing[0]
    found = await staff.send_text("абилимпикс")
    assert "Какое событие показать по кнопке?" in found[0]
    await staff.press(1)
    await staff.press_label("Посмотреть сообщение")
    await staff.press_label("Отправить (1)")
    await _sender(staff).deliver()
    (sent,) = _sends_to(staff.session.take(), 1001)
    button = sent.reply_markup.inline_keyboard[0][0]  # type: ignore[union-attr]
    assert button.text == "Подробнее о событии" and button.callback_data.startswith("ev:card:")

    card = await _person(staff, 1001).press_data(button.callback_data)
    assert any("Абилимпикс" in line for line in card), card


# --- who may send ----------------------------------------------------------------------


async def test_non_staff_do_not_see_broadcasts(staff: ConsoleDriver) -> None:
    stranger = _person(staff, STRANGER_ID)
    await _user(staff, STRANGER_ID)
    lines = await stranger.send_text("/broadcast")
    assert lines == ["Я не знаю команды /broadcast. Список команд — в /help."]
    for forged in (
        BroadcastCallback(action="send").pack(),
        BroadcastCallback(action="seg", value="main").pack(),
        BroadcastCallback(action="pause", id=1).pack(),
        BroadcastCallback(action="cancelok", id=1).pack(),
    ):
        answer = await stranger.press_data(forged)
        assert answer == ["[уведомление] Эта кнопка устарела. Отправьте /start, чтобы продолжить."]
    help_text = await stranger.send_text("/help")
    assert "/broadcast" not in help_text[0]
    assert "/broadcast" in (await staff.send_text("/help"))[0]


async def test_rights_revoked_mid_compose_stop_the_confirm(
    staff: ConsoleDriver, settings: Settings
) -> None:
    await _user(staff, 1001)
    await _compose(staff)
    await staff.press_label("Посмотреть сообщение")
    settings.staff.staff_ids.remove(STAFF_ID)
    lines = await staff.press_label("Отправить (1)")
    assert lines == ["[уведомление] Эта кнопка устарела. Отправьте /start, чтобы продолжить."]
    assert await _rows(staff, Broadcast) == []
    lines = await staff.send_text("/broadcast")
    assert lines == ["Я не знаю команды /broadcast. Список команд — в /help."]


async def test_someone_else_s_progress_buttons_do_nothing(staff: ConsoleDriver) -> None:
    await _user(staff, 1001)
    await _compose(staff)
    await staff.press_label("Посмотреть сообщение")
    await staff.press_label("Отправить (1)")
    other_staff = _person(staff, 902)
    staff.application.settings.staff.staff_ids.append(902)  # type: ignore[attr-defined]
    lines = await other_staff.press_data(BroadcastCallback(action="pause", id=1).pack())
    assert lines == ["[уведомление] Эта кнопка устарела. Отправьте /start, чтобы продолжить."]
    admin = _person(staff, ADMIN_ID)
    lines = await admin.press_data(BroadcastCallback(action="pause", id=1).pack())
    assert any("на паузе" in line for line in lines)


# --- bad input -------------------------------------------------------------------------


async def test_empty_long_and_unsupported_messages_are_refused(staff: ConsoleDriver) -> None:
    await staff.send_text("/broadcast")
    assert await _text(staff, "   ") == ["Сообщение пустое. Пришлите текст, фото или документ."]
    lines = await _text(staff, "а" * 4097)
    assert lines == [
        # Fluent groups thousands with a no-break space, as Russian writes numbers.
        "В тексте 4\xa0097 симв., а Telegram принимает не больше 4\xa0096. Сократите его и "
        "пришлите снова."
    ]
    document = Document(file_id="doc-1", file_unique_id="d1", file_name="a.pdf")
    lines = await staff._feed(message=staff._message(document=document, caption="б" * 1025))
    assert "В подписи 1\xa0025 симв., а Telegram принимает не больше 1\xa0024" in lines[0]
    lines = await staff.send_sticker()
    assert lines == ["Такое сообщение разослать не получится. Пришлите текст, фото или документ."]
    lines = await _text(
        staff,
        "ссылка",
        entities=[MessageEntity(type="text_link", offset=0, length=6, url="javascript:x")],
    )
    assert lines == ["Telegram не примет такое оформление. Уберите его и пришлите сообщение снова."]
    # Still waiting for the message: exactly 4096 characters go.
    lines = await _text(staff, "а" * 4096)
    assert "Добавить под сообщением кнопку?" in lines[0]


async def test_a_segment_of_nobody_creates_nothing(staff: ConsoleDriver) -> None:
    await _user(staff, 1001, mailing=False)
    await staff.send_text("/broadcast")
    await _text(staff, "Новости центра")
    screen = await staff.press_label("Без кнопки")
    assert "Получателей сейчас: 0" in screen[0]
    lines = await staff.press_label("Посмотреть сообщение")
    assert lines == [
        "[уведомление] Под эти условия не подходит ни один человек, согласившийся на "
        "рассылки. Измените фильтры."
    ]
    # A forged confirm of the same draft: still nobody, and nothing is written.
    lines = await staff.press_data(BroadcastCallback(action="send").pack())
    assert "ни один человек" in lines[0]
    assert await _rows(staff, Broadcast) == []
    assert await _rows(staff, BroadcastDelivery) == []


async def test_abort_forgets_the_draft(staff: ConsoleDriver) -> None:
    await _user(staff, 1001)
    await _compose(staff)
    lines = await staff.press_label("Отменить рассылку")
    assert any("рассылку не отправляю" in line for line in lines)
    lines = await staff.press_data(BroadcastCallback(action="send").pack())
    assert lines == ["[уведомление] Эта кнопка устарела. Отправьте /start, чтобы продолжить."]
    assert await _rows(staff, Broadcast) == []


# --- the segment -----------------------------------------------------------------------


async def test_only_mailing_consent_and_not_blocked_and_filters_combine(
    staff: ConsoleDriver,
) -> None:
    await _user(staff, 1001, role="school", region="RU-TOM", interests=["it", "science"])
    await _user(staff, 1002, role="school", region="RU-TVE", interests=["it"])
    await _user(staff, 1003, role="job_seeker", region="RU-TOM", interests=["beauty"])
    await _user(staff, 1004, role="school", region="RU-TOM", interests=["it"], blocked=True)
    await _user(staff, 1005, role="school", region="RU-TOM", interests=["it"], mailing=False)
    await _user(staff, 1006, role="school", region="RU-TOM", interests=["it"])
    async with staff.application.session_factory() as session:  # type: ignore[attr-defined]
        await AccountService(SqlUnitOfWork(session)).withdraw_consent(1006, MAILING)

    await _compose(staff)
    regions = await staff.press_label("Регион")
    assert "Выберите один или несколько регионов" in regions[0]
    assert "Томская область (2)" in [c.label for c in staff.choices]
    assert "Тверская область (1)" in [c.label for c in staff.choices]
    await staff.press_label("Томская область")
    main = await staff.press_label("Готово")
    assert "Регион: Томская область" in main[0] and "Получателей сейчас: 2" in main[0]
    await staff.press_label("Интересы")
    await staff.press_label("Компьютеры и IT")
    main = await staff.press_label("Готово")
    assert "Получателей сейчас: 1" in main[0]
    await staff.press_label("Интересы")
    await staff.press_label("Красота и стиль")  # OR inside one filter
    main = await staff.press_label("Готово")
    assert "Получателей сейчас: 2" in main[0]
    await staff.press_label("Роль")
    await staff.press_label("Школьник")
    main = await staff.press_label("Готово")
    assert "Получателей сейчас: 1" in main[0]
    main = await staff.press_label("Записывались на консультацию")
    assert "Получателей сейчас: 0" in main[0]
    main = await staff.press_label("Всем")
    assert "Получателей сейчас: 3" in main[0] and "Всем, кто согласился" in main[0]


async def test_staff_bound_to_a_region_reach_only_it(
    staff: ConsoleDriver, settings: Settings
) -> None:
    settings.staff.regions[STAFF_ID] = "RU-TOM"
    await _user(staff, 1001, region="RU-TOM")
    await _user(staff, 1002, region="RU-TVE")
    await staff.send_text("/broadcast")
    await _text(staff, "Новости Томска")
    screen = await staff.press_label("Без кнопки")
    assert "Ваш регион: Томская область" in screen[0]
    assert "Получателей сейчас: 1" in screen[0]
    assert "Регион" not in [c.label for c in staff.choices]
    # A forged region toggle changes nothing: the region is the staff member's own.
    forged = await staff.press_data(BroadcastCallback(action="reg", value="RU-TVE").pack())
    assert "Ваш регион: Томская область" in forged[0] and "Получателей сейчас: 1" in forged[0]
    assert "Тверская" not in forged[0]
    await staff.press_label("Посмотреть сообщение")
    await staff.press_label("Отправить (1)")
    assert [d.user_id for d in await _rows(staff, BroadcastDelivery)] == [1001]


# --- the sender ------------------------------------------------------------------------


async def _start(staff: ConsoleDriver, *users: int, text: str = "Новости центра") -> None:
    for user_id in users:
        await _user(staff, user_id)
    await _compose(staff, text)
    await staff.press_label("Посмотреть сообщение")
    await staff.press_label(f"Отправить ({await _recipients(staff)})")


async def _recipients(staff: ConsoleDriver) -> int:
    label = next(c.label for c in staff.choices if c.label.startswith("Отправить ("))
    return int(label.removeprefix("Отправить (").removesuffix(")"))


async def test_403_marks_the_user_blocked_and_is_not_retried(staff: ConsoleDriver) -> None:
    await _start(staff, 1001, 1002)
    staff.session.take()
    staff.session.fail_next(403, "Forbidden: bot was blocked by the user")
    report = await _sender(staff, senders=1).deliver()
    assert (report.blocked, report.sent) == (1, 1)
    deliveries = await _rows(staff, BroadcastDelivery)
    assert [(d.user_id, d.status) for d in deliveries] == [(1001, "blocked"), (1002, "sent")]
    users = {u.telegram_id: u.is_blocked for u in await _rows_users(staff)}
    assert users[1001] is True and users[1002] is False
    again = await _sender(staff).deliver()
    assert again.handled == 0
    report_text = [r.text for r in _sends_to(staff.session.take(), STAFF_ID)]
    assert any("Заблокировали бота: 1" in t for t in report_text)


async def _rows_users(staff: ConsoleDriver) -> list[UserRow]:
    async with staff.application.session_factory() as session:  # type: ignore[attr-defined]
        return list(await session.scalars(select(UserRow)))


async def test_429_pauses_all_sending_and_the_message_goes_once(staff: ConsoleDriver) -> None:
    await _start(staff, 1001, 1002)
    staff.session.take()
    staff.session.fail_next(429, "Too Many Requests: retry after 1", {"retry_after": 1})
    began = asyncio.get_running_loop().time()
    report = await _sender(staff, senders=1).deliver()
    # Nothing went out for the second Telegram asked for; then both went, each once.
    assert asyncio.get_running_loop().time() - began >= 1.0
    assert (report.retried, report.sent, report.finished) == (1, 2, 1)
    sent = [r.chat_id for r in staff.session.take() if isinstance(r, SendMessage)]
    assert sorted(c for c in sent if c != STAFF_ID) == [1001, 1001, 1002]  # one refused
    deliveries = await _rows(staff, BroadcastDelivery)
    assert {d.status for d in deliveries} == {"sent"}
    assert sorted(d.attempts for d in deliveries) == [1, 1]  # the 429 was not a try


async def _control(staff: ConsoleDriver, action: str, broadcast_id: int = 1) -> list[str]:
    """Press a button of the progress message."""
    (broadcast,) = [b for b in await _rows(staff, Broadcast) if b.id == broadcast_id]
    return await staff.press_data(
        BroadcastCallback(action=action, id=broadcast_id).pack(),
        message_id=broadcast.progress_message_id,
    )


async def test_pause_resume_and_cancel(staff: ConsoleDriver) -> None:
    await _start(staff, 1001, 1002, 1003)
    paused = await _control(staff, "pause")
    assert any("на паузе" in line for line in paused)
    assert [c.label for c in staff.choices] == ["Продолжить", "Отменить рассылку"]
    assert (await _sender(staff).deliver()).handled == 0

    resumed = await staff.press_label("Продолжить")
    assert any("отправляется" in line for line in resumed)
    staff.session.take()
    # One goes out, then the staff member cancels from the progress message.
    sender = _sender(staff, senders=1)
    original = sender._messenger.send_text
    calls = 0
    lines: list[str] = []

    async def cancel_at_the_second(chat_id: int, message: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 2:  # this one is in Telegram's hands already: it still arrives
            question = await _control(staff, "cancel")
            assert any("Отменить рассылку № 1?" in line for line in question)
            lines.extend(await staff.press_label("Да, отменить"))
        return await original(chat_id, message)

    sender._messenger.send_text = cancel_at_the_second  # type: ignore[method-assign]
    report = await sender.deliver()
    assert (report.sent, report.finished) == (2, 0)
    deliveries = await _rows(staff, BroadcastDelivery)
    assert [d.status for d in deliveries] == ["sent", "sent", "cancelled"]
    (broadcast,) = await _rows(staff, Broadcast)
    assert broadcast.status == "cancelled"
    assert any("Рассылка № 1 отменена" in line for line in lines)
    assert staff.choices == []  # no more buttons on it
    # Once the one in flight has settled, the sender reports the end, once.
    report_texts = [r.text for r in _sends_to(staff.session.take(), STAFF_ID)]
    (final,) = [t for t in report_texts if "Итог рассылки № 1 (отменена)" in t]
    assert "Отправлено: 2" in final and "Не отправлено из-за отмены: 1" in final
    await sender.deliver()
    assert not [r for r in _sends_to(staff.session.take(), STAFF_ID) if "Итог" in r.text]


async def test_a_user_who_forgets_mid_broadcast_gets_nothing_more(staff: ConsoleDriver) -> None:
    await _start(staff, 1001, 1002, 1003)
    staff.session.take()
    sender = _sender(staff, senders=1)
    original = sender._messenger.send_text

    leaving = _person(staff, 1003)

    async def forget_while_sending(chat_id: int, message: Any) -> Any:
        if chat_id == 1001:
            await leaving.send_text("/forget")
            done = await leaving.press_label("Удалить все мои данные")
            assert any("все ваши данные удалены" in line for line in done)
        return await original(chat_id, message)

    sender._messenger.send_text = forget_while_sending  # type: ignore[method-assign]
    report = await sender.deliver()
    assert report.sent == 2
    requests = staff.session.take()
    broadcast_to_1003 = [
        r for r in _sends_to(requests, 1003) if getattr(r, "text", "") == "Новости центра"
    ]
    assert broadcast_to_1003 == []
    assert [d.user_id for d in await _rows(staff, BroadcastDelivery)] == [1001, 1002]
    (broadcast,) = await _rows(staff, Broadcast)
    assert broadcast.status == "done"


async def test_withdrawn_mailing_consent_mid_broadcast_skips_the_user(
    staff: ConsoleDriver,
) -> None:
    await _start(staff, 1001, 1002)
    async with staff.application.session_factory() as session:  # type: ignore[attr-defined]
        await AccountService(SqlUnitOfWork(session)).withdraw_consent(1002, MAILING)
    report = await _sender(staff).deliver()
    assert (report.sent, report.skipped) == (1, 1)
    statuses = [(d.user_id, d.status) for d in await _rows(staff, BroadcastDelivery)]
    assert statuses == [(1001, "sent"), (1002, "skipped")]


async def test_two_broadcasts_at_once_share_the_pace_and_each_goes_once(
    staff: ConsoleDriver,
) -> None:
    await _start(staff, 1001, 1002, 1003, text="Первая")
    await _compose(staff, "Вторая")
    await staff.press_label("Посмотреть сообщение")
    await staff.press_label("Отправить (3)")
    staff.session.take()
    report = await _sender(staff, senders=1).deliver()
    assert report.sent == 6 and report.finished == 2
    sent = [
        (r.chat_id, r.text)
        for r in staff.session.take()
        if isinstance(r, SendMessage) and r.chat_id != STAFF_ID
    ]
    assert sorted(sent) == sorted(
        (user, text) for user in (1001, 1002, 1003) for text in ("Первая", "Вторая")
    )
    # One from each in turn: neither waits for the other to finish.
    assert [text for _, text in sent[:4]] == ["Первая", "Вторая", "Первая", "Вторая"]


async def test_two_senders_at_once_send_each_delivery_once(staff: ConsoleDriver) -> None:
    users = list(range(2001, 2041))
    await _start(staff, *users)
    staff.session.take()
    first, second = _sender(staff, senders=3), _sender(staff, senders=3)
    reports = await asyncio.gather(first.deliver(), second.deliver())
    assert sum(r.sent for r in reports) == len(users)
    sent = [r.chat_id for r in staff.session.take() if isinstance(r, SendMessage)]
    assert sorted(c for c in sent if c != STAFF_ID) == users


async def test_recovery_requeues_claimed_and_does_not_resend_sending(
    staff: ConsoleDriver,
) -> None:
    await _start(staff, 1001, 1002, 1003)
    now = datetime.now(UTC)
    async with staff.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        claimed = await uow.broadcasts.claim(1, now, 10)
        await uow.commit()
        assert await uow.broadcasts.begin_send(claimed[0].id, now) is not None
        await uow.commit()
    # The sender that did this died: a new one settles what it left, then goes on.
    sender = _sender(staff)
    recovered = await sender.recover_stuck()
    assert (recovered.requeued, recovered.failed) == (2, 1)
    staff.session.take()
    report = await sender.deliver()
    assert report.sent == 2
    requests = staff.session.take()
    sent = [r.chat_id for r in requests if isinstance(r, SendMessage)]
    assert sorted(c for c in sent if c != STAFF_ID) == [1002, 1003]
    statuses = [(d.user_id, d.status) for d in await _rows(staff, BroadcastDelivery)]
    assert statuses == [(1001, "unknown"), (1002, "sent"), (1003, "sent")]
    (final,) = [r.text for r in _sends_to(requests, STAFF_ID) if "Итог" in r.text]
    assert "Telegram не ответил (могло дойти, повторно не отправляем): 1" in final


async def test_other_refusals_are_retried_then_given_up(staff: ConsoleDriver) -> None:
    await _start(staff, 1001)
    for _ in range(2):
        staff.session.fail_next(400, "Bad Request: chat not found")
    sender = _sender(staff, max_attempts=2, senders=1)
    report = await sender.deliver()
    assert report.retried == 1
    (delivery,) = await _rows(staff, BroadcastDelivery)
    assert delivery.status == "pending" and delivery.not_before is not None
    assert "try 1" in (delivery.detail or "")
    async with staff.application.session_factory() as session:  # type: ignore[attr-defined]
        await session.execute(
            BroadcastDelivery.__table__.update().values(not_before=datetime.now(UTC) - timedelta(1))
        )
        await session.commit()
    report = await sender.deliver()
    assert (report.failed, report.finished) == (1, 1)
    (delivery,) = await _rows(staff, BroadcastDelivery)
    assert delivery.status == "failed" and "gave up after 2" in (delivery.detail or "")


@pytest.mark.parametrize("paid_budget", [100, 0])
async def test_paid_mode_within_the_budget(staff: ConsoleDriver, paid_budget: int) -> None:
    settings = staff.application.settings  # type: ignore[attr-defined]
    settings.broadcast.paid = True
    settings.broadcast.paid_budget_stars = paid_budget
    await _user(staff, 1001)
    await _compose(staff)
    summary = await staff.press_label("Посмотреть сообщение")
    if paid_budget:
        assert "платная, быстрая" in summary[-1] and "0.1 звёзд Telegram" in summary[-1]
    else:
        assert "Платная отправка не включится" in summary[-1]
    await staff.press_label("Отправить (1)")
    staff.session.take()
    await _sender(staff, paid=True).deliver()
    (sent,) = _sends_to(staff.session.take(), 1001)
    assert sent.allow_paid_broadcast is (True if paid_budget else None)


async def test_a_claim_takes_no_more_than_asked(staff: ConsoleDriver) -> None:
    """On PostgreSQL an IN (subquery … LIMIT … SKIP LOCKED) may run more than once and
    claim every row; the claim is a CTE so that LIMIT holds."""
    await _start(staff, *range(3001, 3041))
    async with staff.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        claimed = await uow.broadcasts.claim(1, datetime.now(UTC), 5)
        await uow.commit()
    assert [d.user_id for d in claimed] == [3001, 3002, 3003, 3004, 3005]
    statuses = [d.status for d in await _rows(staff, BroadcastDelivery)]
    assert statuses.count("claimed") == 5 and statuses.count("pending") == 35


async def test_a_document_goes_out_by_its_file_id(staff: ConsoleDriver) -> None:
    await _user(staff, 1001)
    await staff.send_text("/broadcast")
    document = Document(file_id="doc-42", file_unique_id="d42", file_name="program.pdf")
    await staff._feed(
        message=staff._message(
            document=document,
            caption="Программа дня открытых дверей",
            caption_entities=[MessageEntity(type="bold", offset=0, length=9)],
        )
    )
    await staff.press_label("Без кнопки")
    await staff.press_label("Посмотреть сообщение")
    await staff.press_label("Отправить (1)")
    staff.session.take()
    await _sender(staff).deliver()
    (sent,) = [r for r in staff.session.take() if isinstance(r, SendDocument) and r.chat_id == 1001]
    assert (sent.document, sent.caption) == ("doc-42", "Программа дня открытых дверей")
    assert [(e.type, e.length) for e in sent.caption_entities or []] == [("bold", 9)]
