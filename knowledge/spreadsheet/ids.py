"""One id, one record, across every kind.

The search engine indexes professions, programmes and FAQ answers together and refuses to
start on a repeated id, so a programme named «15.01.05» (a profession's code) would stop
the bot at its next start. An import refuses such a row and says who holds the id.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.catalogue import ENTITY_KINDS, Catalogue, entity_id

# «он принадлежит …» — to whom, in the dative.
_HOLDER_NAMES = {
    "industries": "отрасли",
    "groups": "группе профессий (УГПС)",
    "regions": "региону",
    "professions": "профессии или специальности",
    "competencies": "компетенции",
    "centres": "центру",
    "programmes": "программе",
    "events": "событию",
    "faq": "вопросу из справки",
}
assert _HOLDER_NAMES.keys() == ENTITY_KINDS.keys()  # a new kind needs its name here


@dataclass(frozen=True, slots=True)
class _Holder:
    kind: str
    sheet: str | None = None  # where in this file; both None for a record of the catalogue
    row: int | None = None


class IdRegistry:
    """Who already holds each id: the catalogue's records, then the rows read so far."""

    def __init__(self, catalogue: Catalogue | None) -> None:
        self._holders: dict[str, _Holder] = {}
        if catalogue is not None:
            for kind, entity in catalogue.iter_entities():
                self._holders.setdefault(entity_id(entity), _Holder(kind))

    def clash(self, record_id: str, kind: str) -> str | None:
        """Why a record of ``kind`` cannot take ``record_id``, or None if it can.

        A record of the same kind in the catalogue is the one an import updates.
        """
        holder = self._holders.get(record_id)
        if holder is None or holder.kind == kind:
            return None
        if holder.row is None:
            where = f"он принадлежит {_HOLDER_NAMES[holder.kind]} в каталоге"
        elif holder.sheet:
            where = f"он уже есть в листе «{holder.sheet}», строка {holder.row}"
        else:
            where = f"он уже есть в строке {holder.row}"
        return f"ID «{record_id}» занят: {where}. У каждой записи свой ID — придумайте другой."

    def claim(self, record_id: str, kind: str, sheet: str | None, row: int) -> None:
        self._holders[record_id] = _Holder(kind, sheet, row)
