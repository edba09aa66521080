"""The catalogue from the bot: staff send an .xlsx or .csv and get the CLI's report with
«Импортировать» and «Отмена»; /imports lists the recent imports, /rollback puts back what
one changed. For anyone who is not staff these handlers do not exist: a document gets the
bot's usual answer, the commands the unknown-command answer, the buttons the
outdated-button answer."""

from __future__ import annotations

import contextlib
import io

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.filters import IsStaff
from bot.i18n import Translate
from bot.services.catalogue_imports import CatalogueImports, UploadRefusedError
from bot.ui import catalogue_imports as ui
from bot.ui.catalogue_imports import CatalogueImportCallback
from bot.ui.views import split_message

MEGABYTE = 1024 * 1024


async def _send(
    bot: Bot, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    parts = split_message(text)
    for part in parts[:-1]:
        await bot.send_message(chat_id, part)
    await bot.send_message(chat_id, parts[-1], reply_markup=markup)


async def _close(query: CallbackQuery) -> None:
    """Take the buttons off the pressed message, so that it reads as answered."""
    if isinstance(query.message, Message):
        # Too old to edit, or without buttons already: nothing to take off.
        with contextlib.suppress(TelegramBadRequest):
            await query.message.edit_reply_markup(reply_markup=None)


def _refused_text(error: UploadRefusedError, t: Translate) -> str:
    lines = [t(error.key)]
    lines += ui.refusal_lines(error.refused, t) + ui.clash_lines(error.clashes, t)
    return "\n".join(lines)


async def upload(
    message: Message, bot: Bot, catalogue_imports: CatalogueImports, t: Translate
) -> None:
    assert message.from_user is not None
    assert message.document is not None
    document = message.document
    name = document.file_name or ""
    if not name.casefold().endswith(ui.TABLE_SUFFIXES):
        await message.answer(t("catalogue-upload-not-table", file=name or "—"))
        return
    limit = catalogue_imports.max_file_bytes
    if document.file_size is not None and document.file_size > limit:
        # Numbers, so that each language writes them its way («20,5» and "20.5").
        size, most = round(document.file_size / MEGABYTE, 1), round(limit / MEGABYTE, 1)
        await message.answer(t("catalogue-upload-too-large", size=size, limit=most))
        return
    buffer = io.BytesIO()
    try:
        await bot.download(document, destination=buffer)
    except TelegramAPIError:
        await message.answer(t("catalogue-upload-download-failed"))
        return
    check = await catalogue_imports.check(message.from_user.id, name, buffer.getvalue())
    await _send(bot, message.chat.id, ui.check_text(check, t), ui.check_keyboard(check, t))


async def confirm(
    query: CallbackQuery,
    callback_data: CatalogueImportCallback,
    catalogue_imports: CatalogueImports,
    bot: Bot,
    t: Translate,
) -> None:
    try:
        applied = await catalogue_imports.confirm(query.from_user.id, callback_data.id)
    except UploadRefusedError as refused:
        await query.answer()
        await _close(query)
        await _send(bot, query.from_user.id, _refused_text(refused, t))
        return
    if applied.already:
        await query.answer(ui.already_text(applied, t), show_alert=True)
        return
    await query.answer()
    await _close(query)
    await _send(bot, query.from_user.id, ui.applied_text(applied, t))


async def cancel(
    query: CallbackQuery,
    callback_data: CatalogueImportCallback,
    catalogue_imports: CatalogueImports,
    bot: Bot,
    t: Translate,
) -> None:
    await catalogue_imports.cancel(query.from_user.id, callback_data.id)
    await query.answer()
    await _close(query)
    await bot.send_message(query.from_user.id, t("catalogue-upload-cancelled"))


async def imports(message: Message, catalogue_imports: CatalogueImports, t: Translate) -> None:
    assert message.from_user is not None
    listing = await catalogue_imports.recent(message.from_user.id)
    for part in split_message(ui.imports_text(listing, t)):
        await message.answer(part)


async def rollback(
    message: Message,
    command: CommandObject,
    catalogue_imports: CatalogueImports,
    bot: Bot,
    t: Translate,
) -> None:
    assert message.from_user is not None
    argument = (command.args or "").strip().lstrip("№#")
    if argument and not argument.isdigit():
        await message.answer(t("catalogue-rollback-bad-number"))
        return
    chosen = int(argument) if argument and len(argument) < 10 else None
    if argument and chosen is None:
        await message.answer(t("catalogue-rollback-bad-number"))
        return
    plan = await catalogue_imports.plan_rollback(message.from_user.id, chosen)
    await _send(bot, message.chat.id, ui.rollback_text(plan, t), ui.rollback_keyboard(plan, t))


async def rollback_pressed(
    query: CallbackQuery,
    callback_data: CatalogueImportCallback,
    catalogue_imports: CatalogueImports,
    bot: Bot,
    t: Translate,
) -> None:
    try:
        applied = await catalogue_imports.rollback(query.from_user.id, callback_data.id)
    except UploadRefusedError as refused:
        await query.answer()
        await _close(query)
        await _send(bot, query.from_user.id, _refused_text(refused, t))
        return
    if applied.already:
        await query.answer(ui.already_text(applied, t), show_alert=True)
        return
    await query.answer()
    await _close(query)
    await _send(bot, query.from_user.id, ui.applied_text(applied, t))


async def rollback_cancelled(query: CallbackQuery, t: Translate) -> None:
    await query.answer()
    await _close(query)
    assert query.bot is not None
    await query.bot.send_message(query.from_user.id, t("catalogue-rollback-cancelled"))


def setup() -> Router:
    router = Router(name="catalogue_imports")
    router.message.filter(IsStaff())
    router.callback_query.filter(IsStaff())
    router.message.register(upload, F.document)
    router.message.register(imports, Command("imports"))
    router.message.register(rollback, Command("rollback"))
    actions = CatalogueImportCallback.filter
    router.callback_query.register(confirm, actions(F.action == ui.CONFIRM))
    router.callback_query.register(cancel, actions(F.action == ui.CANCEL))
    router.callback_query.register(rollback_pressed, actions(F.action == ui.ROLLBACK))
    router.callback_query.register(rollback_cancelled, actions(F.action == ui.ROLLBACK_CANCEL))
    return router
