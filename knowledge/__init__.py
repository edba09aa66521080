"""The catalogue: entities, shipped data, loading and validation, spreadsheet import/export.

Framework-free: imports nothing of the project and no Telegram, database or search code.

Public API
----------
Loading and checking
    ``load_catalogue(data_dir=DATA_DIR, *, check=False) -> Catalogue`` (cached per process
    until a file changes; raises ``CatalogueError`` listing every unreadable record),
    ``validate(catalogue, *, today=None) -> list[Problem]`` (cross-record checks),
    ``check_data(data_dir) -> list[Problem]`` (both, never raises).
The catalogue
    ``Catalogue``: read-only mappings by id (``industries``, ``groups``, ``regions``,
    ``professions``, ``competencies``, ``centres``, ``programmes``, ``events``, ``faq``),
    ``profile_of``, ``programmes_for_profession``, ``competencies_for_profession``,
    ``centres_in_region``, ``upcoming_programmes``, ``upcoming_events``,
    ``region_search``, ``centre_search`` (by city or region text), ``iter_entities``,
    ``content_hash``, ``conflicting_ids`` (ids shared by several kinds, or empty);
    ``content_hash_of(entity)``.
Interests
    ``RiasecProfile``, ``derive_profile(onet_codes, table=None)``, ``load_onet_table()``.
Spreadsheets
    ``read_import_file(path, catalogue=None, *, kind="auto", default_timezone=None,
    limits=None)`` (what ``careerbot catalogue import`` reads), ``read_programmes(path,
    catalogue=None, *, limits=None)``, ``read_events(path, catalogue=None, *,
    default_timezone=None, limits=None)`` → ``ImportResult(records, problems)`` with
    ``SheetProblem`` and ``report()`` lines; ``ImportLimits`` (file size, unpacked size,
    packing ratio, rows, cell length, problems kept); ``export_catalogue(catalogue, path)``,
    ``write_templates(directory)``, ``TEMPLATES_DIR``.
Statistics
    ``catalogue_stats(catalogue) -> dict``.
"""

from knowledge.catalogue import ENTITY_KINDS, Catalogue, Upcoming, content_hash_of, entity_id
from knowledge.loader import DATA_DIR, CatalogueError, check_data, load_catalogue
from knowledge.riasec import RiasecProfile, derive_profile, load_onet_table
from knowledge.spreadsheet import (
    TEMPLATES_DIR,
    ImportKind,
    ImportLimits,
    ImportResult,
    SheetProblem,
    export_catalogue,
    read_events,
    read_import_file,
    read_programmes,
    write_templates,
)
from knowledge.stats import catalogue_stats
from knowledge.validation import Problem, validate

__all__ = [
    "DATA_DIR",
    "ENTITY_KINDS",
    "TEMPLATES_DIR",
    "Catalogue",
    "CatalogueError",
    "ImportKind",
    "ImportLimits",
    "ImportResult",
    "Problem",
    "RiasecProfile",
    "SheetProblem",
    "Upcoming",
    "catalogue_stats",
    "check_data",
    "content_hash_of",
    "derive_profile",
    "entity_id",
    "export_catalogue",
    "load_catalogue",
    "load_onet_table",
    "read_events",
    "read_import_file",
    "read_programmes",
    "validate",
    "write_templates",
]
