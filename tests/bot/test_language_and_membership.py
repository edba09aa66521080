from __future__ import annotations

from aiogram.methods import SetMyCommands
from aiogram.types import Chat, ChatMemberBanned, ChatMemberMember, ChatMemberUpdated, User
from sqlalchemy import select

from bot.app import set_command_menu
from bot.console.driver import ConsoleDriver
from bot.storage.models import User as UserRow

from .helpers import feed


async def test_language_follows_the_client_then_the_choice(harness: ConsoleDriver) -> None:
    english = User(id=333, is_bot=False, first_name="John", language_code="en-GB")
    harness.user = english
    assert (await harness.send_text("/help"))[0].startswith("What I can do")

    await harness.send_text("/language")
    lines = await harness.press_label("Русский")
    assert lines == ["Готово, теперь я говорю по-русски."]
    assert (await harness.send_text("/help"))[0].startswith("Что я умею")


async def test_language_choice_is_stored_after_consent(harness: ConsoleDriver) -> None:
    await harness.send_text("/start")
    await harness.press_label("Согласен")
    await harness.send_text("/language")
    await harness.press_label("English")

    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        row = await session.scalar(select(UserRow))
    assert row is not None and row.language == "en"


async def test_blocking_and_unblocking_the_bot_is_recorded(harness: ConsoleDriver) -> None:
    await harness.send_text("/start")

    async def member_update(update_id: int, old: object, new: object) -> None:
        event = ChatMemberUpdated(
            chat=harness.chat,
            from_user=harness.user,
            date=0,
            old_chat_member=old,
            new_chat_member=new,
        )
        await feed(harness, update_id, my_chat_member=event)

    bot_user = User(id=42, is_bot=True, first_name="Bot")
    member = ChatMemberMember(user=bot_user)
    banned = ChatMemberBanned(user=bot_user, until_date=0)

    await member_update(501, member, banned)
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        assert (await session.scalar(select(UserRow))).is_blocked is True

    await member_update(502, banned, member)
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        assert (await session.scalar(select(UserRow))).is_blocked is False


async def test_command_menu_is_set_in_both_languages(harness: ConsoleDriver) -> None:
    await set_command_menu(harness.bot)
    calls = [r for r in harness.session.take() if isinstance(r, SetMyCommands)]
    by_language = {call.language_code: [c.description for c in call.commands] for call in calls}
    assert by_language[None][0] == "Начать подбор профессии"
    assert by_language["en"][0] == "Choose a profession"


async def test_removing_the_bot_from_a_group_does_not_mark_the_user_blocked(
    harness: ConsoleDriver,
) -> None:
    await harness.send_text("/start")
    bot_user = User(id=42, is_bot=True, first_name="Bot")
    event = ChatMemberUpdated(
        chat=Chat(id=-100777, type="supergroup", title="Класс 9Б"),
        from_user=harness.user,
        date=0,
        old_chat_member=ChatMemberMember(user=bot_user),
        new_chat_member=ChatMemberBanned(user=bot_user, until_date=0),
    )
    await feed(harness, 601, my_chat_member=event)
    async with harness.application.session_factory() as session:  # type: ignore[attr-defined]
        assert (await session.scalar(select(UserRow))).is_blocked is False
