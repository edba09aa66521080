"""The catalogue from the bot at the Telegram edge: the check's report with «Импортировать»
and «Отмена», what landed, the import log (/imports) and the rollback's question."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from pydantic import Field

from bot.i18n import Translate, format_datetime
from bot.services.catalogue_imports import (
    NATIONAL,
    NATIONWIDE,
    PENDING_MINUTES,
    Applied,
    CheckStatus,
    Clash,
    ImportEntry,
    ImportList,
    Refusal,
    RollbackPlan,
    UploadCheck,
)
from bot.services.timezones import zone
from bot.ui.views import place_name

# Callback actions.
CONFIRM = "ok"
CANCEL = "no"
ROLLBACK = "rb"
ROLLBACK_CANCEL = "rbno"
ACTIONS = frozenset({CONFIRM, CANCEL, ROLLBACK, ROLLBACK_CANCEL})
# The file types a catalogue file may have; anything else is answered before downloading.
TABLE_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".tsv", ".txt")
SHOWN_REFUSALS = 30  # lines of a refusal list; the rest are counted
KINDS = ("programmes", "events", "centres", "regions", "professions", "competencies", "faq")


class CatalogueImportCallback(CallbackData, prefix="ci"):
    action: str
    id: Annotated[int, Field(ge=0, lt=2**31)]


def _button(text: str, action: str, import_id: int) -> InlineKeyboardButton:
    data = CatalogueImportCallback(action=action, id=import_id).pack()
    return InlineKeyboardButton(text=text, callback_data=data)


def _kind(t: Translate, entity: str) -> str:
    return t(f"catalogue-kind-{entity}") if entity in KINDS else entity


def counts_lines(counts: Mapping[str, Mapping[str, int]], t: Translate) -> list[str]:
    lines = []
    for entity, how in sorted(counts.items(), key=lambda item: _order(item[0])):
        parts = [
            t(f"catalogue-count-{name}", count=how.get(name, 0))
            for name in ("added", "changed", "removed")
            if how.get(name, 0)
        ]
        if parts:
            lines.append(t("catalogue-counts-line", kind=_kind(t, entity), parts=", ".join(parts)))
    return lines


def _order(entity: str) -> int:
    return KINDS.index(entity) if entity in KINDS else len(KINDS)


def refusal_lines(refused: Sequence[Refusal], t: Translate) -> list[str]:
    lines = []
    for item in refused[:SHOWN_REFUSALS]:
        what = _kind(t, item.entity)
        title = f" ({item.title})" if item.title else ""
        if item.reason == NATIONAL:
            line = t("catalogue-refusal-national", what=what, id=item.id, title=title)
        elif item.reason == NATIONWIDE:
            line = t("catalogue-refusal-nationwide", what=what, id=item.id, title=title)
        else:
            region = item.region_name
            name = place_name(t, region.name, region.name_en) if region else item.region or ""
            line = t(
                "catalogue-refusal-other-region", what=what, id=item.id, title=title, region=name
            )
        lines.append(f"• {line}")
    if len(refused) > SHOWN_REFUSALS:
        lines.append(t("catalogue-more", count=len(refused) - SHOWN_REFUSALS))
    return lines


def clash_lines(clashes: Sequence[Clash], t: Translate) -> list[str]:
    lines = []
    for clash in clashes[:SHOWN_REFUSALS]:
        what = _kind(t, clash.entity)
        if clash.later_import is not None:
            line = t("catalogue-clash-later", what=what, id=clash.id, later=str(clash.later_import))
        else:
            line = t("catalogue-clash-edit", what=what, id=clash.id)
        lines.append(f"• {line}")
    if len(clashes) > SHOWN_REFUSALS:
        lines.append(t("catalogue-more", count=len(clashes) - SHOWN_REFUSALS))
    return lines


def check_text(check: UploadCheck, t: Translate) -> str:
    """The CLI's report (its own Russian lines), then what it means and what to do."""
    lines = [t("catalogue-upload-title", file=check.file_name)]
    lines += check.report
    if check.report:
        lines.append("")
    status = check.status
    if status is CheckStatus.INVALID:
        lines.append(t("catalogue-upload-invalid", count=check.error_count))
    elif status is CheckStatus.REJECTED:
        lines.append(t("catalogue-upload-rejected-report", count=check.error_count))
    elif status is CheckStatus.EMPTY:
        lines.append(t("catalogue-upload-empty"))
    elif status is CheckStatus.UNCHANGED:
        lines.append(t("catalogue-upload-unchanged"))
    elif status is CheckStatus.FORBIDDEN:
        lines.append(t("catalogue-upload-forbidden"))
        lines += refusal_lines(check.refused, t)
        lines.append(t("catalogue-upload-forbidden-hint"))
    else:
        lines.append(t("catalogue-upload-ready"))
        lines += counts_lines(check.counts, t)
        lines.append(t("catalogue-upload-ready-hint", minutes=PENDING_MINUTES))
    return "\n".join(lines)


def check_keyboard(check: UploadCheck, t: Translate) -> InlineKeyboardMarkup | None:
    if check.status is not CheckStatus.READY or check.import_id is None:
        return None
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(t("catalogue-upload-import"), CONFIRM, check.import_id),
                _button(t("catalogue-upload-cancel"), CANCEL, check.import_id),
            ]
        ]
    )


def applied_text(applied: Applied, t: Translate) -> str:
    entry = applied.entry
    if entry.rolls_back is not None:
        lines = [t("catalogue-rollback-done", id=str(entry.id), of=str(entry.rolls_back))]
    else:
        lines = [t("catalogue-upload-done", id=str(entry.id), file=entry.file_name)]
    lines += counts_lines(entry.counts, t)
    if applied.listed:
        lines.append(t("catalogue-served-now"))
    else:
        lines.append(t("catalogue-served-soon", minutes=applied.refresh_minutes))
    return "\n".join(lines)


def already_text(applied: Applied, t: Translate) -> str:
    entry = applied.entry
    if entry.rolls_back is not None:
        return t("catalogue-rollback-already", id=str(entry.id), of=str(entry.rolls_back))
    return t("catalogue-upload-already", id=str(entry.id))


def _when(moment: datetime | None, timezone: str, t: Translate) -> str:
    if moment is None:
        return ""
    return format_datetime(moment.astimezone(zone(timezone)), t)


def _who(entry: ImportEntry, t: Translate) -> str:
    if entry.via == "cli":
        return t("catalogue-imports-who-cli")
    if entry.staff_id is None:
        return t("catalogue-imports-who-unknown")
    return t("catalogue-imports-who-staff", staff=str(entry.staff_id))


def imports_text(listing: ImportList, t: Translate) -> str:
    if not listing.entries:
        return t("catalogue-imports-empty")
    lines = [t("catalogue-imports-title", zone=listing.timezone), ""]
    for entry in listing.entries:
        when = _when(entry.applied_at or entry.created_at, listing.timezone, t)
        line = t(
            "catalogue-imports-entry",
            id=str(entry.id),
            when=when,
            who=_who(entry, t),
            file=entry.file_name,
        )
        if entry.rolls_back is not None:
            line += " — " + t("catalogue-imports-rollback-of", of=str(entry.rolls_back))
        elif entry.rolled_back_by is not None:
            line += " — " + t("catalogue-imports-rolled-back", by=str(entry.rolled_back_by))
        lines.append(f"• {line}")
        lines += [f"   {count}" for count in counts_lines(entry.counts, t)]
    lines += ["", t("catalogue-imports-hint")]
    return "\n".join(lines)


def rollback_text(plan: RollbackPlan, t: Translate) -> str:
    entry = plan.entry
    when = _when(entry.applied_at or entry.created_at, plan.timezone, t)
    if plan.refused:
        lines = [t("catalogue-rollback-forbidden", id=str(entry.id))]
        return "\n".join(lines + refusal_lines(plan.refused, t))
    if plan.clashes:
        lines = [t("catalogue-rollback-clash", id=str(entry.id))]
        lines += clash_lines(plan.clashes, t)
        return "\n".join([*lines, t("catalogue-rollback-clash-hint")])
    if entry.rolled_back_by is not None:
        return t("catalogue-rollback-already", id=str(entry.rolled_back_by), of=str(entry.id))
    lines = [t("catalogue-rollback-plan", id=str(entry.id), file=entry.file_name, when=when)]
    lines += counts_lines(plan.counts, t)
    return "\n".join(lines)


def rollback_keyboard(plan: RollbackPlan, t: Translate) -> InlineKeyboardMarkup | None:
    if plan.refused or plan.clashes or plan.entry.rolled_back_by is not None:
        return None
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(t("catalogue-rollback-confirm"), ROLLBACK, plan.entry.id),
                _button(t("catalogue-rollback-cancel"), ROLLBACK_CANCEL, plan.entry.id),
            ]
        ]
    )
