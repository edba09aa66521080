"""Programmes and events from the spreadsheets centre staff keep, and back again.

Staff write .xlsx or .csv with human headers (Russian or English). Every problem names the
file, sheet, row as Excel shows it, column letter and header, and says in plain Russian
what is wrong, so that a staff member can fix the cell without asking a developer.

Modules by concern: ``results`` (what an import returns), ``limits`` (how much of a file
is read), ``cells`` (one cell's value), ``labels`` (the words for each choice), ``columns``
(the headers), ``files`` (opening a file within the limits), ``ids`` (one id, one record),
``rows`` (checking rows), ``reading`` (whole sheets), ``export`` and ``templates``.
"""

from knowledge.spreadsheet.cells import MAX_HOURS, MIN_HOURS
from knowledge.spreadsheet.columns import (
    CENTRES_SHEET,
    EVENT_COLUMNS,
    EVENTS_SHEET,
    PROFESSIONS_SHEET,
    PROGRAMME_COLUMNS,
    PROGRAMMES_SHEET,
    Column,
)
from knowledge.spreadsheet.export import (
    CENTRE_HEADERS,
    PROFESSION_HEADERS,
    event_row,
    export_catalogue,
    programme_row,
)
from knowledge.spreadsheet.labels import (
    AUDIENCE_LABELS,
    EVENT_KIND_LABELS,
    FORMAT_LABELS,
    FUNDING_LABELS,
    KIND_LABELS,
)
from knowledge.spreadsheet.limits import ImportLimits
from knowledge.spreadsheet.reading import (
    ImportKind,
    import_kinds,
    read_events,
    read_import_file,
    read_programmes,
)
from knowledge.spreadsheet.results import CellValue, ImportResult, SheetProblem
from knowledge.spreadsheet.rows import LEGAL_MIN_HOURS
from knowledge.spreadsheet.templates import (
    EXAMPLE_EVENT,
    EXAMPLE_PROGRAMME,
    TEMPLATES_DIR,
    write_templates,
)

__all__ = [
    "AUDIENCE_LABELS",
    "CENTRES_SHEET",
    "CENTRE_HEADERS",
    "EVENTS_SHEET",
    "EVENT_COLUMNS",
    "EVENT_KIND_LABELS",
    "EXAMPLE_EVENT",
    "EXAMPLE_PROGRAMME",
    "FORMAT_LABELS",
    "FUNDING_LABELS",
    "KIND_LABELS",
    "LEGAL_MIN_HOURS",
    "MAX_HOURS",
    "MIN_HOURS",
    "PROFESSIONS_SHEET",
    "PROFESSION_HEADERS",
    "PROGRAMMES_SHEET",
    "PROGRAMME_COLUMNS",
    "TEMPLATES_DIR",
    "CellValue",
    "Column",
    "ImportKind",
    "ImportLimits",
    "ImportResult",
    "SheetProblem",
    "event_row",
    "export_catalogue",
    "import_kinds",
    "programme_row",
    "read_events",
    "read_import_file",
    "read_programmes",
    "write_templates",
]
