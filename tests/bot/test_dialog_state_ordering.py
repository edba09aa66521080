"""A tap that comes while the previous update of the dialog is still finishing reads the state
that update left, on SQLite and PostgreSQL (dialog state in the database).

Found end to end over HTTP: a scripted user tapped «Школьник» a few milliseconds after the
role question arrived; the consent update had asked it and set the state, but the state was
saved only after the per-dialog lock was released, so the tap read no state and went
unanswered."""

from __future__ import annotations

import asyncio

from aiogram import Bot
from aiogram.methods import SendMessage
from aiogram.types import CallbackQuery, Update, User

from bot.app import build_application
from bot.config import Settings
from bot.console.session import RecordingSession
from bot.i18n import translator
from bot.ui.callbacks import ConsentCallback, OnboardingCallback
from tests.bot.helpers import make_message
from tests.conftest import TEST_TOKEN, SharedKnowledge

RU = translator("ru")


async def test_a_tap_right_after_the_question_reads_the_state_the_question_set(
    settings: Settings,
) -> None:
    application = build_application(settings, knowledge=SharedKnowledge())
    session = RecordingSession()
    bot = Bot(TEST_TOKEN, session=session)
    user = User(id=4242, is_bot=False, first_name="Оля", language_code="ru")

    def tap(update_id: int, data: str) -> Update:
        query = CallbackQuery(
            id=str(update_id),
            from_user=user,
            chat_instance="c",
            data=data,
            message=make_message(user, text="…"),
        )
        return Update(update_id=update_id, callback_query=query)

    try:
        dispatcher = application.dispatcher
        await dispatcher.feed_update(
            bot, Update(update_id=1, message=make_message(user, text="/start"))
        )
        # The role tap waits for the consent update's lock, as polling or a webhook runs them.
        await asyncio.gather(
            dispatcher.feed_update(bot, tap(2, ConsentCallback(action="accept").pack())),
            dispatcher.feed_update(
                bot, tap(3, OnboardingCallback(action="role", value="school").pack())
            ),
        )
    finally:
        await application.engine.dispose()

    texts = [r.text for r in session.requests if isinstance(r, SendMessage)]
    assert RU("consent-thanks") in texts
    assert any("классе" in text for text in texts), texts
