"""Consultation requests end to end: the user's dialog, the staff chat, withdrawing."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageText,
    SendMessage,
    TelegramMethod,
)
from aiogram.types import CallbackQuery, Chat, Contact, User
from sqlalchemy import select

from bot.console.driver import ConsoleDriver
from bot.i18n import translator
from bot.services.accounts import PERSONAL_DATA, AccountService
from bot.services.knowledge_base import short_reference
from bot.storage.models import ConsultationRequest
from bot.storage.repositories import SqlUnitOfWork
from bot.ui.callbacks import ConsultationCallback

from .helpers import feed, make_message, set_profile

USER_ID = 111
STAFF_CHAT_ID = -100500
STAFF_ID = 901
ADMIN_ID = 900
WELDER = "15.01.05"
ru = translator("ru")
_update_ids = itertools.count(50_000)  # far from the driver's own ids: dedup drops repeats


def _record_requests(harness: ConsoleDriver) -> list[TelegramMethod[Any]]:
    """Everything the bot sends from now on, including what the driver renders away."""
    log: list[TelegramMethod[Any]] = []
    original = harness.session.take

    def take() -> list[TelegramMethod[Any]]:
        taken = original()
        log.extend(taken)
        return taken

    harness.session.take = take  # type: ignore[method-assign]
    return log


async def _onboard(harness: ConsoleDriver, user_id: int = USER_ID, **fields: object) -> None:
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        await AccountService(uow).give_consent(user_id, PERSONAL_DATA, "ru")
        values: dict[str, object] = {
            "role": "career_change",
            "region": "RU-TOM",
            "interests": ["technology", "construction"],
            "situations": ["pre_pension"],
            "about": "Работал на заводе слесарем",
        }
        values.update(fields)
        await set_profile(uow, user_id, **values)
        await uow.commit()


async def _requests(harness: ConsoleDriver) -> list[ConsultationRequest]:
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        return list(
            await session.scalars(select(ConsultationRequest).order_by(ConsultationRequest.id))
        )


def _ask(ref: str = "") -> str:
    return ConsultationCallback(action="ask", ref=ref).pack()


async def _request_about_welder(harness: ConsoleDriver, *, phone: bool) -> list[str]:
    await harness.press_data(_ask(short_reference(WELDER)))
    await harness.press_label("Подтвердить")
    if phone:
        return await harness.share_contact("+79991234567")
    return await harness.send_text("Без телефона — пишите в Telegram")


async def _press_as(
    harness: ConsoleDriver,
    user_id: int,
    data: str,
    *,
    chat: Chat,
    message_id: int,
    text: str = "…",
) -> list[TelegramMethod[Any]]:
    from aiogram.types import Message

    query = CallbackQuery(
        id=str(next(_update_ids)),
        from_user=User(id=user_id, is_bot=False, first_name="Ольга", last_name="Петровна"),
        chat_instance="staff",
        data=data,
        message=Message(message_id=message_id, date=datetime.now(UTC), chat=chat, text=text),
    )
    return await feed(harness, next(_update_ids), callback_query=query)


def _alerts(requests: list[TelegramMethod[Any]]) -> list[str]:
    return [r.text or "" for r in requests if isinstance(r, AnswerCallbackQuery) and r.text]


async def test_request_about_a_profession_with_the_users_own_phone(
    harness: ConsoleDriver,
) -> None:
    await _onboard(harness)
    sent = _record_requests(harness)

    lines = await harness.press_data(_ask(short_reference(WELDER)))
    assert "Консультация: Сварщик" in lines[0]
    assert [c.label for c in harness.choices] == ["Подтвердить", "Изменить тему", "Отмена"]

    lines = await harness.press_label("Подтвердить")
    assert any("номер телефона" in line for line in lines)
    share = [c for c in harness.choices if c.request_contact]
    assert [c.label for c in share] == ["Поделиться номером"]
    assert any(c.label == "Без телефона — пишите в Telegram" for c in harness.choices)

    lines = await harness.share_contact("+79991234567")

    (row,) = await _requests(harness)
    assert (row.user_id, row.topic, row.item_id, row.phone, row.status) == (
        USER_ID,
        "Консультация: Сварщик",
        WELDER,
        "+79991234567",
        "open",
    )
    assert row.centre == "copp-tomsk"  # the first centre of the user's region
    assert row.created_at.tzinfo is not None
    assert any(f"Заявка № {row.id} принята" in line for line in lines)
    assert any("позвонит" in line for line in lines)
    assert not any(c.request_contact for c in harness.choices)  # the reply keyboard is gone

    staff = [r for r in sent if isinstance(r, SendMessage) and r.chat_id == STAFF_CHAT_ID]
    assert len(staff) == 1
    card = staff[0].text
    local = row.created_at.astimezone(ZoneInfo("Asia/Tomsk")).strftime("%d.%m.%Y %H:%M")
    for expected in (
        f"№ {row.id}",
        "Тема: Консультация: Сварщик",
        "Из каталога: Сварщик",
        "Центр: ЦОПП Томской области",
        "Телефон: +79991234567",
        f"ID пользователя в Telegram: {USER_ID}",
        "Имя в Telegram: Аня",
        f"Создана: {local} (Asia/Tomsk)",
        f"Кто вы: {ru('role-career_change')}",
        ru("situation-pre_pension"),
        "Регион: Томская область",
        f"Интересы: {ru('interest-technology')}, {ru('interest-construction')}",
        "О себе: Работал на заводе слесарем",
    ):
        assert expected in card, expected
    markup = staff[0].reply_markup
    assert markup is not None
    button = markup.inline_keyboard[0][0]  # type: ignore[union-attr]
    assert button.text == "Отметить обработанной"
    assert button.callback_data == ConsultationCallback(action="handled", request=row.id).pack()
    assert row.staff_chat_id == STAFF_CHAT_ID
    assert row.staff_message_id is not None


async def test_request_without_phone_and_with_a_typed_topic(harness: ConsoleDriver) -> None:
    await _onboard(harness)
    sent = _record_requests(harness)

    lines = await harness.press_data(_ask())  # a general hint, no catalogue item
    assert any("Напишите одним сообщением" in line for line in lines)
    await harness.send_text("Хочу узнать про бесплатные курсы для предпенсионеров")
    lines = await harness.send_text("Без телефона — пишите в Telegram")

    (row,) = await _requests(harness)
    assert row.topic == "Хочу узнать про бесплатные курсы для предпенсионеров"
    assert (row.item_id, row.phone) == (None, None)
    assert any("напишет вам здесь, в Telegram" in line for line in lines)
    (staff,) = [r for r in sent if isinstance(r, SendMessage) and r.chat_id == STAFF_CHAT_ID]
    assert "Телефон: не оставлен, только Telegram" in staff.text


async def test_changing_the_topic_checks_its_length_and_cancel_stores_nothing(
    harness: ConsoleDriver,
) -> None:
    await _onboard(harness)
    await harness.press_data(_ask(short_reference(WELDER)))
    lines = await harness.press_label("Изменить тему")
    assert any("до 300 символов" in line for line in lines)

    lines = await harness.send_text("я" * 301)
    assert any("уложитесь в 300 символов" in line for line in lines)
    lines = await harness.send_text("Можно ли учиться на сварщика вечером?")
    assert any("номер телефона" in line for line in lines)

    lines = await harness.send_text("Отмена")
    assert any("заявку не отправляю" in line for line in lines)
    assert await _requests(harness) == []
    # After the dialog the old reply text is ordinary text again, not a request.
    await harness.send_text("Без телефона — пишите в Telegram")
    assert await _requests(harness) == []


async def test_inline_cancel_and_a_double_tap_on_it(harness: ConsoleDriver) -> None:
    await _onboard(harness)
    await harness.press_data(_ask(short_reference(WELDER)))
    cancel = ConsultationCallback(action="cancel").pack()
    first = await harness.press_data(cancel)
    second = await harness.press_data(cancel)

    assert any("заявку не отправляю" in line for line in first)
    assert second == []  # a stale tap is harmless and says nothing
    assert await _requests(harness) == []


async def test_someone_elses_contact_is_refused_politely(harness: ConsoleDriver) -> None:
    await _onboard(harness)
    await harness.press_data(_ask(short_reference(WELDER)))
    await harness.press_label("Подтвердить")

    friend = Contact(phone_number="+70000000001", first_name="Друг", user_id=222)
    requests = await feed(
        harness, next(_update_ids), message=make_message(harness.user, contact=friend)
    )
    texts = [r.text for r in requests if isinstance(r, SendMessage)]
    assert any("номер другого человека" in text for text in texts)
    assert await _requests(harness) == []

    # A contact card without a Telegram account is not the user's either.
    stranger = Contact(phone_number="+70000000002", first_name="Кто-то")
    await feed(harness, next(_update_ids), message=make_message(harness.user, contact=stranger))
    assert await _requests(harness) == []

    await harness.share_contact("+79991234567")
    (row,) = await _requests(harness)
    assert row.phone == "+79991234567"


async def test_text_instead_of_a_button_gets_a_hint(harness: ConsoleDriver) -> None:
    await _onboard(harness)
    await harness.press_data(_ask(short_reference(WELDER)))
    lines = await harness.send_text("да")
    assert any("нажмите кнопку под сообщением" in line for line in lines)
    await harness.press_label("Подтвердить")
    lines = await harness.send_text("8 999 123 45 67")
    assert any("выберите один из вариантов" in line for line in lines)
    lines = await harness.send_sticker()
    assert any("выберите один из вариантов" in line for line in lines)
    assert await _requests(harness) == []


async def test_a_request_needs_consent(harness: ConsoleDriver) -> None:
    await harness.send_text("/start")
    lines = await harness.press_data(_ask(short_reference(WELDER)))

    assert any("нужно согласие" in line for line in lines)
    assert await _requests(harness) == []


@pytest.mark.parametrize(
    "chat_type",
    [
        "private",  # a deployment may point STAFF_CHAT_ID at one staff member's chat
        "supergroup",  # the usual case: a staff group chat
    ],
)
async def test_staff_mark_a_request_handled_once(harness: ConsoleDriver, chat_type: str) -> None:
    await _onboard(harness)
    await _request_about_welder(harness, phone=False)
    (row,) = await _requests(harness)
    staff_message_id = row.staff_message_id
    assert staff_message_id is not None
    chat = Chat(id=STAFF_CHAT_ID, type=chat_type)
    handled = ConsultationCallback(action="handled", request=row.id).pack()
    card_text = f"Заявка на консультацию № {row.id}\nТема: {row.topic}"

    outsider = await _press_as(harness, 555, handled, chat=chat, message_id=staff_message_id)
    assert any("только сотрудники центра" in text for text in _alerts(outsider))
    (row,) = await _requests(harness)
    assert row.status == "open"

    requests = await _press_as(
        harness, STAFF_ID, handled, chat=chat, message_id=staff_message_id, text=card_text
    )
    (row,) = await _requests(harness)
    assert (row.status, row.handled_by) == ("handled", STAFF_ID)
    assert row.handled_at is not None
    assert row.handled_at.tzinfo is not None
    (edit,) = [r for r in requests if isinstance(r, EditMessageText)]
    assert edit.text is not None
    local = row.handled_at.astimezone(ZoneInfo("Asia/Tomsk")).strftime("%d.%m.%Y %H:%M")
    assert edit.text.startswith(card_text)
    assert f"Обработана: Ольга Петровна, {local} (Asia/Tomsk)" in edit.text
    assert edit.reply_markup is None
    (to_user,) = [r for r in requests if isinstance(r, SendMessage)]
    assert to_user.chat_id == USER_ID
    assert f"заявку № {row.id}" in to_user.text
    assert "взял в работу" in to_user.text

    again = await _press_as(harness, ADMIN_ID, handled, chat=chat, message_id=staff_message_id)
    assert any("уже отметили" in text for text in _alerts(again))
    assert not [r for r in again if isinstance(r, SendMessage)]
    (row,) = await _requests(harness)
    assert row.handled_by == STAFF_ID


async def test_a_failed_staff_post_keeps_the_request(harness: ConsoleDriver) -> None:
    await _onboard(harness)
    await harness.press_data(_ask(short_reference(WELDER)))
    await harness.press_label("Подтвердить")

    harness.session.fail_next(400, "Bad Request: chat not found")  # the staff chat post
    lines = await harness.send_text("Без телефона — пишите в Telegram")

    (row,) = await _requests(harness)
    assert (row.status, row.staff_chat_id, row.staff_message_id) == ("open", None, None)
    assert any(f"Заявка № {row.id} принята" in line for line in lines)
    assert not any("Извините" in line for line in lines)


async def test_without_a_staff_chat_the_request_is_stored(harness: ConsoleDriver) -> None:
    harness.application.settings.staff.staff_chat_id = None  # type: ignore[attr-defined]
    await _onboard(harness)
    sent = _record_requests(harness)

    lines = await _request_about_welder(harness, phone=True)

    (row,) = await _requests(harness)
    assert (row.phone, row.staff_chat_id) == ("+79991234567", None)
    assert any(f"Заявка № {row.id} принята" in line for line in lines)
    assert all(getattr(r, "chat_id", USER_ID) == USER_ID for r in sent)


async def test_user_withdraws_own_open_request_from_the_profile(harness: ConsoleDriver) -> None:
    await _onboard(harness)
    sent = _record_requests(harness)
    await _request_about_welder(harness, phone=False)
    (row,) = await _requests(harness)

    await harness.send_text("/profile")
    lines = await harness.press_label("Мои заявки")
    assert any("У вас 1 открытая заявка" in line for line in lines)
    assert any("Консультация: Сварщик" in line for line in lines)
    withdraw = harness.choices[0].callback_data
    assert withdraw == ConsultationCallback(action="withdraw", request=row.id).pack()

    sent.clear()
    lines = await harness.press_label(f"Отозвать заявку № {row.id}")
    assert f"[уведомление] Заявка № {row.id} отозвана." in lines
    assert any("Открытых заявок на звонок нет" in line for line in lines)
    (row,) = await _requests(harness)
    assert row.status == "withdrawn"
    staff_edits = [r for r in sent if isinstance(r, EditMessageText) and r.chat_id == STAFF_CHAT_ID]
    assert len(staff_edits) == 1
    assert staff_edits[0].text is not None
    assert "Пользователь отозвал эту заявку." in staff_edits[0].text

    again = await harness.press_data(withdraw)  # a double tap on the old button
    assert any("уже отозвана" in line for line in again)

    handled = ConsultationCallback(action="handled", request=row.id).pack()
    staff = await _press_as(
        harness, STAFF_ID, handled, chat=Chat(id=STAFF_ID, type="private"), message_id=1
    )
    assert any("уже отозвал" in text for text in _alerts(staff))


async def test_withdrawing_someone_elses_or_a_handled_request_is_refused(
    harness: ConsoleDriver,
) -> None:
    await _onboard(harness)
    await _onboard(harness, user_id=222)
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        uow = SqlUnitOfWork(session)
        now = datetime.now(UTC)
        other, _ = await uow.consultations.add_unless_open(
            222, "Чужая заявка", None, None, None, now
        )
        mine, _ = await uow.consultations.add_unless_open(
            USER_ID, "Моя заявка", None, None, None, now
        )
        assert await uow.consultations.mark_handled(mine.id, STAFF_ID, now)
        await uow.commit()

    lines = await harness.press_data(
        ConsultationCallback(action="withdraw", request=other.id).pack()
    )
    assert any("Такой заявки не нашлось" in line for line in lines)
    lines = await harness.press_data(
        ConsultationCallback(action="withdraw", request=mine.id).pack()
    )
    assert any("уже взял в работу" in line for line in lines)
    lines = await harness.press_data(ConsultationCallback(action="withdraw", request=0).pack())
    assert any("Такой заявки не нашлось" in line for line in lines)

    statuses = {row.id: row.status for row in await _requests(harness)}
    assert statuses == {other.id: "open", mine.id: "handled"}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_ask("0000000000"), "Этого пункта уже нет"),  # a reference that resolves to nothing
        ("cons:handled::notanumber", "Эта кнопка устарела"),
        ("cons:confirm::0", "Эта кнопка устарела"),  # confirm outside the dialog
        ("cons:change::0", "Эта кнопка устарела"),
        ("cons", "Эта кнопка устарела"),
        ("cons:handled::999999", "только сотрудники"),  # the user is not staff
    ],
)
async def test_stale_or_forged_buttons_answer_politely(
    harness: ConsoleDriver, data: str, expected: str
) -> None:
    await _onboard(harness)
    lines = await harness.press_data(data)

    assert any(expected in line for line in lines), lines
    assert not any("Извините" in line for line in lines)
    assert await _requests(harness) == []


async def test_staff_pressing_for_an_unknown_request_is_told_politely(
    harness: ConsoleDriver,
) -> None:
    handled = ConsultationCallback(action="handled", request=424242).pack()
    requests = await _press_as(
        harness, ADMIN_ID, handled, chat=Chat(id=ADMIN_ID, type="private"), message_id=1
    )
    assert any("Такой заявки не нашлось" in text for text in _alerts(requests))
