"""/stats for centre staff: the figures of a period as text and charts, for their scope;
/gaps: what people asked that the catalogue answered poorly; /export: the catalogue's
workbook."""

from __future__ import annotations

import asyncio

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, InputMediaPhoto, Message

from bot.filters import IsStaff
from bot.i18n import Translate
from bot.services.analytics.figures import Period
from bot.services.catalogue_admin import CatalogueExport
from bot.services.staff_stats import GapsView, StaffStatsService
from bot.ui.charts import render_charts
from bot.ui.exports import build_workbook
from bot.ui.stats import (
    EXPORT,
    EXPORT_PERSONAL,
    GAPS,
    PERIOD,
    StatsCallback,
    export_caption,
    period_keyboard,
    render,
    render_gaps,
    stats_keyboard,
)
from bot.ui.views import split_message

MEDIA_GROUP = 10  # Telegram's most photos in one album
PERIODS = frozenset(p.value for p in Period)


async def _answer_gaps(message: Message, view: GapsView, t: Translate) -> None:
    parts = split_message(render_gaps(view, t))
    for part in parts[:-1]:
        await message.answer(part)
    await message.answer(parts[-1], reply_markup=period_keyboard(t, view.period, GAPS))


async def _send(
    bot: Bot, chat_id: int, staff_id: int, period: Period, service: StaffStatsService, t: Translate
) -> None:
    overview = await service.overview(staff_id, period)
    parts = split_message(render(overview, t))
    for part in parts[:-1]:
        await bot.send_message(chat_id, part)
    keyboard = stats_keyboard(t, period, admin=service.is_admin(staff_id))
    await bot.send_message(chat_id, parts[-1], reply_markup=keyboard)
    charts = await asyncio.to_thread(render_charts, overview.report, t)
    photos = [
        InputMediaPhoto(media=BufferedInputFile(chart.png, filename=chart.name)) for chart in charts
    ]
    for start in range(0, len(photos), MEDIA_GROUP):
        album = photos[start : start + MEDIA_GROUP]
        if len(album) == 1:
            await bot.send_photo(chat_id, album[0].media)
        else:
            await bot.send_media_group(chat_id, album)  # type: ignore[arg-type]


def setup() -> Router:
    router = Router(name="staff")
    router.message.filter(IsStaff())
    router.callback_query.filter(IsStaff())

    @router.message(Command("stats"))
    async def stats(
        message: Message, bot: Bot, staff_stats: StaffStatsService, t: Translate
    ) -> None:
        assert message.from_user is not None
        await _send(bot, message.chat.id, message.from_user.id, Period.MONTH, staff_stats, t)

    @router.message(Command("export"))
    async def export_catalogue(
        message: Message, catalogue_export: CatalogueExport, t: Translate
    ) -> None:
        assert message.from_user is not None
        workbook = await catalogue_export.workbook(message.from_user.id)
        await message.answer_document(
            BufferedInputFile(workbook, filename="catalogue.xlsx"),
            caption=t("catalogue-export-caption"),
        )

    @router.message(Command("gaps"))
    async def gaps(message: Message, staff_stats: StaffStatsService, t: Translate) -> None:
        assert message.from_user is not None
        view = await staff_stats.gaps(message.from_user.id)
        await _answer_gaps(message, view, t)

    @router.callback_query(StatsCallback.filter((F.action == GAPS) & F.value.in_(PERIODS)))
    async def gaps_of(
        query: CallbackQuery,
        callback_data: StatsCallback,
        staff_stats: StaffStatsService,
        t: Translate,
    ) -> None:
        await query.answer()
        view = await staff_stats.gaps(query.from_user.id, Period(callback_data.value))
        if isinstance(query.message, Message):
            await _answer_gaps(query.message, view, t)

    @router.callback_query(
        StatsCallback.filter(F.action.in_({EXPORT, EXPORT_PERSONAL}) & F.value.in_(PERIODS))
    )
    async def export(
        query: CallbackQuery,
        callback_data: StatsCallback,
        bot: Bot,
        staff_stats: StaffStatsService,
        t: Translate,
    ) -> None:
        personal = callback_data.action == EXPORT_PERSONAL
        data = await staff_stats.export(
            query.from_user.id, Period(callback_data.value), personal=personal
        )
        await query.answer()
        workbook = await asyncio.to_thread(build_workbook, data, t)
        name = f"careerbot-stats-{callback_data.value}{'-personal' if personal else ''}.xlsx"
        await bot.send_document(
            query.from_user.id,
            BufferedInputFile(workbook, filename=name),
            caption=export_caption(t, data.report, personal=personal),
        )

    @router.callback_query(StatsCallback.filter((F.action == PERIOD) & F.value.in_(PERIODS)))
    async def period(
        query: CallbackQuery,
        callback_data: StatsCallback,
        bot: Bot,
        staff_stats: StaffStatsService,
        t: Translate,
    ) -> None:
        await query.answer()
        chat_id = query.message.chat.id if query.message else query.from_user.id
        chosen = Period(callback_data.value)
        await _send(bot, chat_id, query.from_user.id, chosen, staff_stats, t)

    return router
