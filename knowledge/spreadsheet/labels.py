"""The words staff write for each choice (kind, format, audience, funding, event kind).

The first spelling of each member is the one export and templates write; every spelling,
the enum value and the value with spaces are accepted on import.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import Any

from knowledge.catalogue import normalise_text
from knowledge.models import Audience, EventKind, Format, Funding, ProgrammeKind
from knowledge.spreadsheet.cells import EMPTY, CellError, cell_text, is_blank, split_cell
from knowledge.spreadsheet.results import CellValue

Labels = tuple[dict[str, StrEnum], dict[StrEnum, str]]


def _labels(pairs: Mapping[StrEnum, Sequence[str]]) -> Labels:
    """Lookup from any accepted spelling to the enum member, and the label to write back."""
    lookup: dict[str, StrEnum] = {}
    shown: dict[StrEnum, str] = {}
    for member, names in pairs.items():
        shown[member] = names[0]
        for name in (*names, member.value, member.value.replace("_", " ")):
            lookup[normalise_text(name)] = member
    return lookup, shown


KIND_LABELS = _labels(
    {
        ProgrammeKind.vocational_training: (
            "профессиональное обучение",
            "профобучение",
            "обучение",
        ),
        ProgrammeKind.upskilling: ("повышение квалификации", "пк", "дпо пк"),
        ProgrammeKind.retraining: (
            "профессиональная переподготовка",
            "переподготовка",
            "пп",
            "дпо пп",
        ),
        ProgrammeKind.taster: ("профпроба", "профпробы", "профессиональная проба"),
    }
)
FORMAT_LABELS = _labels(
    {
        Format.in_person: ("очно", "очный", "очная", "очное"),
        Format.online: ("онлайн", "дистанционно", "дистанционный", "дистант"),
        Format.blended: (
            "смешанно",
            "смешанный",
            "смешанная",
            "очно-заочно",
            "очно-заочная",
            "очно-дистанционно",
        ),
    }
)
AUDIENCE_LABELS = _labels(
    {
        Audience.school: ("школьники", "школьник", "школа", "учащиеся"),
        Audience.adults: ("взрослые", "взрослым"),
        Audience.seniors: ("50+", "старше 50", "граждане 50+", "предпенсионеры", "пенсионеры"),
        Audience.disabled: ("люди с ОВЗ", "ОВЗ", "инвалидность", "люди с инвалидностью"),
        Audience.parents_on_leave: (
            "родители в декрете",
            "мамы в декрете",
            "в декрете",
            "отпуск по уходу за ребёнком",
        ),
        Audience.unemployed: ("безработные", "ищущие работу", "без работы"),
    }
)
FUNDING_LABELS = _labels(
    {
        Funding.paid: ("платно", "платное", "за плату", "за свой счёт"),
        Funding.employment_support: ("Содействие занятости", "содействие", "занятость"),
        Funding.regional_budget: ("региональный бюджет", "бюджет региона", "бюджет"),
        Funding.free: ("бесплатно", "бесплатное"),
    }
)
EVENT_KIND_LABELS = _labels(
    {
        EventKind.regional_stage: ("региональный этап", "регион"),
        EventKind.qualifying_stage: ("отборочный этап", "отборочный"),
        EventKind.final_stage: ("финал", "итоговый этап", "финальный этап"),
        EventKind.abilympics: ("Абилимпикс",),
        EventKind.master_of_year: ("Мастер года",),
        EventKind.open_day: ("день открытых дверей", "ДОД", "открытые двери"),
        EventKind.taster_day: ("день профпроб", "профпробы", "профпроба"),
    }
)


def label(labels: Labels, value: StrEnum) -> str:
    """The spelling export writes for ``value``."""
    return labels[1][value]


def allowed(labels: Labels) -> str:
    return ", ".join(labels[1].values())


def choice(labels: Labels, what: str) -> Callable[[CellValue], Any]:
    """A cell parser for one value out of ``labels``."""
    lookup, shown = labels
    allowed_text = ", ".join(f"«{name}»" for name in shown.values())

    def parse(value: CellValue) -> Any:
        if is_blank(value):
            return EMPTY
        member = lookup.get(normalise_text(cell_text(value)))
        if member is None:
            raise CellError(
                f"{what}: не знаю значение «{cell_text(value)}». Можно: {allowed_text}."
            )
        return member.value

    return parse


def choices(labels: Labels, what: str) -> Callable[[CellValue], Any]:
    """A cell parser for several values out of ``labels``, separated by commas."""
    single = choice(labels, what)

    def parse(value: CellValue) -> Any:
        if is_blank(value):
            return EMPTY
        return list(dict.fromkeys(single(part) for part in split_cell(value)))

    return parse
