"""/stats for centre staff: deep-link sources and suggestion ratings."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.filters import IsStaff
from bot.i18n import Translate
from bot.services.staff_stats import StaffStats, StaffStatsService


def render(stats: StaffStats, t: Translate) -> str:
    lines = [t("stats-title"), "", t("stats-sources")]
    lines += [t("stats-source-line", source=s, users=n) for s, n in stats.sources] or [
        t("stats-none")
    ]
    counts = stats.bookings
    lines += ["", t("stats-bookings")]
    lines.append(
        t(
            "stats-bookings-line",
            booked=counts.get("booked", 0),
            will_come=counts.get("will_come", 0),
            attended=counts.get("attended", 0),
            no_show=counts.get("no_show", 0),
            by_user=counts.get("cancelled_user", 0),
            by_staff=counts.get("cancelled_staff", 0),
        )
    )
    lines += ["", t("stats-rated")]
    lines += [t("stats-rated-line", title=i.title, up=i.up, down=i.down) for i in stats.rated] or [
        t("stats-none")
    ]
    return "\n".join(lines)


def setup() -> Router:
    router = Router(name="staff")
    router.message.filter(IsStaff())

    @router.message(Command("stats"))
    async def stats(message: Message, staff_stats: StaffStatsService, t: Translate) -> None:
        assert message.from_user is not None
        overview = await staff_stats.overview(message.from_user.id)
        await message.answer(render(overview, t))

    return router
