"""/stats charts as PNG images, readable on a phone: large type, Russian labels wrapped, bars
labelled with their numbers, nothing cut off (tight bounding box).

Rendering takes a few hundred milliseconds of CPU: callers run `render_charts` off the event
loop (asyncio.to_thread). matplotlib's object API with the Agg canvas is used, never pyplot,
so renders in several threads share no global figure state."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.i18n import Translate
from bot.services.analytics.figures import Count, Report
from bot.ui.stats import centre_cells, centre_headers, period_label, role_label, scope_label, shown

WIDTH = 9.0  # inches; at 150 dpi 1350 px, about what Telegram keeps of a photo
DPI = 150
TITLE = 22
LABEL = 17
NUMBER = 16
LEGEND = 15
WRAP = 28  # characters of a bar's label per line
COLOURS = (
    "#1f6fb2",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#76b7b2",
    "#edc948",
    "#b07aa1",
    "#9c755f",
    "#ff9da7",
)
NONE_COLOUR = "#bab0ac"  # «not said»
MAX_TICKS = 16  # week labels under a chart; more are thinned out


@dataclass(frozen=True, slots=True)
class Chart:
    name: str  # a file name
    png: bytes


def _wrap(label: str) -> str:
    return "\n".join(textwrap.wrap(label, WRAP)) or label


def _figure(height: float) -> Figure:
    figure = Figure(figsize=(WIDTH, height), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight", pad_inches=0.3, facecolor="white")
    return buffer.getvalue()


def _titles(figure: Figure, title: str, subtitle: str) -> None:
    figure.suptitle(f"{title}\n{subtitle}", fontsize=TITLE, fontweight="bold", x=0.02, ha="left")


def _style(axes: object) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)  # type: ignore[attr-defined]
    axes.tick_params(labelsize=LABEL)  # type: ignore[attr-defined]


def _hbars(
    t: Translate,
    title: str,
    subtitle: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[Count]]],
    notes: Sequence[str] = (),
) -> bytes:
    """Horizontal bars, the first label on top; one colour per series, each bar numbered."""
    rows = len(labels)
    wrapped = [_wrap(label) for label in labels]
    lines = sum(label.count("\n") + 1 for label in wrapped)
    per_row = 0.55 if len(series) == 1 else 0.8
    height = 2.2 + max(0.55 * lines, per_row * rows) + (0.6 if len(series) > 1 else 0)
    figure = _figure(height)
    axes = figure.add_subplot()
    band = 0.8 / len(series)
    peak = max((c.value for _, counts in series for c in counts), default=0) or 1
    for number, (name, counts) in enumerate(series):
        positions = [row + number * band - 0.4 + band / 2 for row in range(rows)]
        bars = axes.barh(
            positions,
            [c.value for c in counts],
            height=band * 0.9,
            label=name,
            color=COLOURS[number % len(COLOURS)],
        )
        for bar, count, note in zip(bars, counts, notes or [""] * rows, strict=False):
            text = shown(count, t) + (f"  {note}" if note and number == 0 else "")
            axes.text(
                bar.get_width() + peak * 0.01,
                bar.get_y() + bar.get_height() / 2,
                text,
                va="center",
                fontsize=NUMBER,
            )
    axes.set_yticks(range(rows), wrapped)
    axes.invert_yaxis()
    axes.set_xlim(0, peak * 1.3)
    axes.xaxis.set_visible(False)
    _style(axes)
    axes.spines["bottom"].set_visible(False)
    if len(series) > 1:
        axes.legend(
            fontsize=LEGEND,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.02),
            ncol=min(len(series), 3),
            frameon=False,
        )
    _titles(figure, title, subtitle)
    figure.tight_layout()
    return _png(figure)


def _new_users(report: Report, t: Translate, subtitle: str) -> bytes:
    weeks = report.new_users
    roles = sorted({role for week in weeks for role in week.roles}, key=lambda r: (r == "", r))
    figure = _figure(7.5)
    axes = figure.add_subplot()
    bottoms = [0] * len(weeks)
    for number, role in enumerate(roles):
        values = [week.roles.get(role, Count(0)).value for week in weeks]
        axes.bar(
            range(len(weeks)),
            values,
            bottom=bottoms,
            color=COLOURS[number % len(COLOURS)] if role else NONE_COLOUR,
            label=role_label(t, role),
        )
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    for position, week in enumerate(weeks):
        axes.text(
            position,
            bottoms[position],
            shown(week.total, t),
            ha="center",
            va="bottom",
            fontsize=NUMBER,
        )
    step = -(-len(weeks) // MAX_TICKS)
    axes.set_xticks(
        range(0, len(weeks), step),
        [week.week.strftime("%d.%m") for week in weeks][::step],
        rotation=45,
        ha="right",
        rotation_mode="anchor",
    )
    axes.set_ylim(0, (max(bottoms, default=0) or 1) * 1.15)
    axes.set_xlabel(t("stats-chart-week"), fontsize=LABEL)
    _style(axes)
    axes.legend(
        fontsize=LEGEND, loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=2, frameon=False
    )
    _titles(figure, t("stats-chart-new-users"), subtitle)
    figure.tight_layout()
    return _png(figure)


def _centres(report: Report, t: Translate, subtitle: str) -> bytes:
    """One stacked bar per centre: came, did not come, to come, cancelled; the total and
    the waitlist after it. A hidden count (under five) is left out of its bar."""
    centres = report.centres
    # The four kinds of booking (the waitlist, the fifth column, is told beside the bar).
    parts = [
        (name, [centre_cells(c)[kind] for c in centres])
        for kind, name in enumerate(centre_headers(t)[1:5])
    ]
    labels = [_wrap(c.name) for c in centres]
    lines = sum(label.count("\n") + 1 for label in labels)
    figure = _figure(3.2 + 0.6 * max(lines, len(centres)))
    axes = figure.add_subplot()
    lefts = [0] * len(centres)
    drawn = [sum(counts[row].value for _, counts in parts) for row in range(len(centres))]
    peak = max(drawn, default=0) or 1
    for number, (name, counts) in enumerate(parts):
        values = [c.value for c in counts]
        bars = axes.barh(
            range(len(centres)),
            values,
            left=lefts,
            height=0.7,
            label=name,
            color=COLOURS[number],
        )
        for bar, value in zip(bars, values, strict=True):
            if value and value >= peak * 0.07:
                axes.text(
                    bar.get_x() + bar.get_width() / 2,
                    bar.get_y() + bar.get_height() / 2,
                    str(value),
                    ha="center",
                    va="center",
                    fontsize=NUMBER - 2,
                    color="white",
                )
        lefts = [left + value for left, value in zip(lefts, values, strict=True)]
    for row, centre in enumerate(centres):
        note = t(
            "stats-chart-total", total=shown(centre.total, t), waiting=shown(centre.waitlist, t)
        )
        axes.text(lefts[row] + peak * 0.01, row, note, va="center", fontsize=NUMBER - 1)
    axes.set_yticks(range(len(centres)), labels)
    axes.invert_yaxis()
    axes.set_xlim(0, peak * 1.45)
    axes.xaxis.set_visible(False)
    _style(axes)
    axes.spines["bottom"].set_visible(False)
    axes.legend(
        fontsize=LEGEND, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2, frameon=False
    )
    _titles(figure, t("stats-chart-centres"), subtitle)
    figure.tight_layout()
    return _png(figure)


def render_charts(report: Report, t: Translate) -> list[Chart]:
    """Every chart that has something to show, in the order of the text."""
    subtitle = f"{period_label(t, report.period)} · {scope_label(t, report)}"
    charts: list[Chart] = []

    def add(name: str, png: bytes) -> None:
        charts.append(Chart(f"{name}.png", png))

    if report.new_users:
        add("new-users", _new_users(report, t, subtitle))
    if report.funnel and report.funnel[0][1].value:
        first = report.funnel[0][1].value
        notes = [
            "" if c.hidden else f"({round(100 * c.value / first)} %)" for _, c in report.funnel
        ]
        add(
            "funnel",
            _hbars(
                t,
                t("stats-chart-funnel"),
                subtitle,
                [t(f"stats-step-{step}") for step, _ in report.funnel],
                [("", [c for _, c in report.funnel])],
                notes,
            ),
        )
    if report.interests:
        add(
            "interests",
            _hbars(
                t,
                t("stats-chart-interests"),
                subtitle,
                [t(f"interest-{i.key}") for i in report.interests],
                [("", [i.count for i in report.interests])],
            ),
        )
    if report.suggested:
        add(
            "suggested",
            _hbars(
                t,
                t("stats-chart-suggested"),
                subtitle,
                [i.title for i in report.suggested],
                [("", [i.count for i in report.suggested])],
            ),
        )
    if report.liked:
        add(
            "liked",
            _hbars(
                t,
                t("stats-chart-liked"),
                subtitle,
                [i.title for i in report.liked],
                [
                    (t("stats-chart-up"), [i.count for i in report.liked]),
                    (t("stats-chart-down"), [i.down or Count(0) for i in report.liked]),
                ],
            ),
        )
    if any(c.value for centre in report.centres for c in centre_cells(centre)[:4]):
        add("centres", _centres(report, t, subtitle))
    labels = [
        t("stats-chart-subscription", topic=t(f"stats-topic-{kind}").lower())
        for kind, _, _ in report.subscriptions
    ]
    counts = [n for _, n, _ in report.subscriptions]
    labels += [t("stats-chart-reminders-booking"), t("stats-chart-reminders-event")]
    counts += [report.reminders["booking"], report.reminders["event"]]
    if any(c.value or c.hidden for c in counts):
        add(
            "subscriptions",
            _hbars(t, t("stats-chart-subscriptions"), subtitle, labels, [("", counts)]),
        )
    if report.broadcasts:
        add(
            "broadcasts",
            _hbars(
                t,
                t("stats-chart-broadcasts", broadcasts=report.broadcasts),
                subtitle,
                [t(f"stats-reach-{name}") for name in report.reach],
                [("", list(report.reach.values()))],
            ),
        )
    return charts
