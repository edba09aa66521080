"""/stats at the Telegram edge: the period buttons and the text summary (charts: charts.py)."""

from __future__ import annotations

from dataclasses import dataclass

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translate, format_date
from bot.services.analytics.figures import OTHER, CentreFigures, Count, Period, Ranked, Report
from bot.services.staff_stats import GapsView, StaffStats

TEXT_TOP = 5  # lines of each top list in the text; the charts show ten


PERIOD = "period"  # StatsCallback actions: /stats of a period, /gaps of a period,
GAPS = "gaps"
EXPORT = "xlsx"  # the workbook of a period
EXPORT_PERSONAL = "xlsxp"  # … with the lists of people: admins only


class StatsCallback(CallbackData, prefix="st"):
    action: str  # PERIOD | GAPS
    value: str = ""  # a Period


def shown(count: Count, t: Translate) -> str:
    """A count as staff read it: «<5» when it is hidden (under five people of a region),
    «скрыто» for a total whose small parts are hidden."""
    if count.withheld:
        return t("stats-withheld")
    return t("stats-hidden") if count.hidden else str(count.value)


def role_label(t: Translate, role: str) -> str:
    if role == OTHER:
        return t("stats-role-other")
    return t(f"role-{role}") if role else t("stats-role-none")


def period_label(t: Translate, period: Period) -> str:
    return t(f"stats-period-{period.value}")


def scope_label(t: Translate, report: Report) -> str:
    if report.region is None:
        return t("stats-scope-all")
    return t("stats-scope-region", region=report.region_name or report.region)


def period_keyboard(t: Translate, current: Period, action: str = PERIOD) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(
            text=("• " if period is current else "") + period_label(t, period),
            callback_data=StatsCallback(action=action, value=period.value).pack(),
        )
        for period in Period
    ]
    return InlineKeyboardMarkup(inline_keyboard=[buttons])


def stats_keyboard(t: Translate, current: Period, *, admin: bool) -> InlineKeyboardMarkup:
    """The period buttons and the exports of the period shown."""
    keyboard = period_keyboard(t, current).inline_keyboard
    exports = [(EXPORT, t("stats-export"))]
    if admin:
        exports.append((EXPORT_PERSONAL, t("stats-export-personal")))
    rows = [
        [
            InlineKeyboardButton(
                text=text, callback_data=StatsCallback(action=action, value=current.value).pack()
            )
        ]
        for action, text in exports
    ]
    return InlineKeyboardMarkup(inline_keyboard=[*keyboard, *rows])


def export_caption(t: Translate, report: Report, *, personal: bool) -> str:
    key = "stats-export-personal-caption" if personal else "stats-export-caption"
    return t(key, period=period_label(t, report.period), scope=scope_label(t, report))


def render_gaps(view: GapsView, t: Translate) -> str:
    scope = (
        t("stats-scope-region", region=view.region_name)
        if view.region_name
        else t("stats-scope-all")
    )
    lines = [t("gaps-title", period=period_label(t, view.period), scope=scope), t("gaps-about"), ""]
    for number, gap in enumerate(view.gaps, start=1):
        line = t("gaps-line", number=number, text=gap.text, count=gap.count)
        if gap.examples:
            line += t("gaps-examples", examples="; ".join(f"«{e}»" for e in gap.examples))
        lines.append(line)
    if not view.gaps:
        lines.append(t("gaps-none"))
    return "\n".join(lines)


def _ranked(
    t: Translate, title: str, items: tuple[Ranked, ...], *, interest: bool = False
) -> list[str]:
    lines = ["", title]
    for item in items[:TEXT_TOP]:
        name = t(f"interest-{item.key}") if interest else item.title
        if item.down is not None:
            lines.append(
                t("stats-votes-line", title=name, up=shown(item.count, t), down=shown(item.down, t))
            )
        else:
            lines.append(t("stats-line", title=name, count=shown(item.count, t)))
    if not items:
        lines.append(t("stats-none"))
    return lines


def _funnel(t: Translate, report: Report) -> list[str]:
    lines = ["", t("stats-funnel")]
    first = report.funnel[0][1] if report.funnel else Count(0)
    for step, count in report.funnel:
        if count.hidden or first.hidden or not first.value:
            share = ""
        else:
            share = t("stats-share", percent=round(100 * count.value / first.value))
        lines.append(
            t("stats-funnel-line", step=t(f"stats-step-{step}"), count=shown(count, t), share=share)
        )
    return lines


def _centres(t: Translate, report: Report) -> list[str]:
    lines = ["", t("stats-centres")]
    for c in report.centres:
        lines.append(
            t(
                "stats-centre-line",
                centre=c.name,
                booked=shown(c.booked, t),
                attended=shown(c.attended, t),
                no_show=shown(c.no_show, t),
                cancelled=shown(c.cancelled, t),
                waitlist=shown(c.waitlist, t),
            )
        )
    if not report.centres:
        lines.append(t("stats-none"))
    return lines


def _since(t: Translate, report: Report) -> str:
    if report.since is None:
        return t("stats-since-all")
    return t(
        "stats-since",
        start=format_date(report.since.date(), t),
        end=format_date(report.until.date(), t),
    )


def render(stats: StaffStats, t: Translate) -> str:
    report = stats.report
    lines = [
        t("stats-title", period=period_label(t, report.period), scope=scope_label(t, report)),
        _since(t, report),
        "",
        t("stats-new-users", count=shown(report.new_total, t)),
    ]
    lines += [
        t("stats-line", title=role_label(t, role), count=shown(count, t))
        for role, count in report.new_by_role
    ]
    lines += _funnel(t, report)
    lines += _ranked(t, t("stats-interests"), report.interests, interest=True)
    lines += _ranked(t, t("stats-suggested"), report.suggested)
    lines += _ranked(t, t("stats-liked"), report.liked)
    lines += _centres(t, report)
    counts = {status: shown(count, t) for status, count in stats.bookings.items()}
    lines += [
        t("stats-bookings"),
        t(
            "stats-bookings-line",
            booked=counts.get("booked", "0"),
            will_come=counts.get("will_come", "0"),
            attended=counts.get("attended", "0"),
            no_show=counts.get("no_show", "0"),
            by_user=counts.get("cancelled_user", "0"),
            by_staff=counts.get("cancelled_staff", "0"),
        ),
    ]
    lines += ["", t("stats-subscriptions")]
    lines += [
        t(
            "stats-subscription-line",
            topic=t(f"stats-topic-{kind}"),
            count=shown(n, t),
            people=shown(people, t),
        )
        for kind, n, people in report.subscriptions
    ] or [t("stats-none")]
    lines.append(
        t(
            "stats-reminders",
            booking=shown(report.reminders["booking"], t),
            event=shown(report.reminders["event"], t),
        )
    )
    lines += [
        "",
        t(
            "stats-broadcasts",
            broadcasts=report.broadcasts,
            delivered=shown(report.reach["delivered"], t),
            blocked=shown(report.reach["blocked"], t),
            failed=shown(report.reach["failed"], t),
        ),
    ]
    lines += ["", t("stats-sources")]
    lines += [
        t("stats-source-line", source=source, users=count.value)
        if not count.hidden
        else t("stats-line", title=source, count=shown(count, t))
        for source, count in report.sources
    ] or [t("stats-none")]
    lines += ["", t("stats-hidden-note")]
    return "\n".join(lines)


def centre_headers(t: Translate) -> tuple[str, ...]:
    """The columns of bookings per centre, in the order of `centre_cells`."""
    keys = ("attended", "no-show", "booked", "cancelled", "waitlist")
    return (t("export-centre"), *(t(f"stats-chart-{key}") for key in keys))


def centre_cells(centre: CentreFigures) -> tuple[Count, ...]:
    return (centre.attended, centre.no_show, centre.booked, centre.cancelled, centre.waitlist)


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def tables(report: Report, t: Translate) -> list[Table]:
    """The report as tables of text, for `careerbot stats`."""

    def pairs(title: str, header: str, rows: list[tuple[str, Count]]) -> Table:
        return Table(title, (header, t("export-value")), tuple((a, shown(c, t)) for a, c in rows))

    return [
        pairs(
            t("stats-new-users", count=shown(report.new_total, t)),
            t("export-figure"),
            [(role_label(t, role), count) for role, count in report.new_by_role],
        ),
        pairs(
            t("stats-funnel"),
            t("export-figure"),
            [(t(f"stats-step-{step}"), count) for step, count in report.funnel],
        ),
        pairs(
            t("stats-interests"),
            t("export-figure"),
            [(t(f"interest-{i.key}"), i.count) for i in report.interests],
        ),
        pairs(
            t("stats-suggested"), t("export-figure"), [(i.title, i.count) for i in report.suggested]
        ),
        Table(
            t("stats-liked"),
            (t("export-figure"), t("stats-chart-up"), t("stats-chart-down")),
            tuple((i.title, shown(i.count, t), shown(i.down or Count(0), t)) for i in report.liked),
        ),
        Table(
            t("stats-centres"),
            centre_headers(t),
            tuple((c.name, *(shown(n, t) for n in centre_cells(c))) for c in report.centres),
        ),
        Table(
            t("stats-subscriptions"),
            (t("export-topic-kind"), t("export-value"), t("export-people")),
            tuple(
                (t(f"stats-topic-{k}"), shown(n, t), shown(p, t))
                for k, n, p in report.subscriptions
            ),
        ),
        pairs(
            t("stats-chart-subscriptions"),
            t("export-figure"),
            [
                (t("stats-chart-reminders-booking"), report.reminders["booking"]),
                (t("stats-chart-reminders-event"), report.reminders["event"]),
            ],
        ),
        pairs(t("stats-sources"), t("export-figure"), list(report.sources)),
        pairs(
            t("stats-chart-broadcasts", broadcasts=report.broadcasts),
            t("export-figure"),
            [(t(f"stats-reach-{name}"), count) for name, count in report.reach.items()],
        ),
    ]
