"""One place that turns exceptions into polite replies."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent

from bot.i18n import pick_language, translator
from bot.logs import safe_traceback
from bot.metrics import ERRORS
from bot.services.errors import DomainError

log = logging.getLogger(__name__)


async def _reply(event: ErrorEvent, text: str) -> None:
    update = event.update
    if update.message is not None:
        await update.message.answer(text)
    elif update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)


def _language(event: ErrorEvent) -> str:
    update = event.update
    user = (update.message and update.message.from_user) or (
        update.callback_query and update.callback_query.from_user
    )
    return pick_language(user.language_code if user else None)


def setup() -> Router:
    router = Router(name="errors")

    @router.error(ExceptionTypeFilter(DomainError))
    async def domain_error(event: ErrorEvent) -> None:
        error = event.exception
        assert isinstance(error, DomainError)
        ERRORS.labels("expected").inc()
        await _reply(event, translator(_language(event))(error.key, **error.args_for_text))

    @router.error()
    async def unexpected(event: ErrorEvent) -> None:
        ERRORS.labels("unexpected").inc()
        log.error(
            "unexpected error in update %s\n%s",
            event.update.update_id,
            safe_traceback(event.exception),
        )
        try:
            await _reply(event, translator(_language(event))("error-unexpected"))
        except TelegramAPIError:  # the apology itself failed; the log already has the cause
            log.warning("could not send the apology for update %s", event.update.update_id)

    return router
