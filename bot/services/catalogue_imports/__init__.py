"""The catalogue from the bot: uploads checked as the CLI checks them, confirmed, logged and
rolled back (see service.py)."""

from bot.services.catalogue_imports.changes import (
    NATIONAL,
    NATIONWIDE,
    OTHER_REGION,
    Refusal,
)
from bot.services.catalogue_imports.ports import ImportEntry, RecordChange
from bot.services.catalogue_imports.service import (
    PENDING_MINUTES,
    Applied,
    CatalogueImports,
    CheckStatus,
    Clash,
    ImportList,
    RollbackPlan,
    UploadCheck,
    UploadRefusedError,
)

__all__ = [
    "NATIONAL",
    "NATIONWIDE",
    "OTHER_REGION",
    "PENDING_MINUTES",
    "Applied",
    "CatalogueImports",
    "CheckStatus",
    "Clash",
    "ImportEntry",
    "ImportList",
    "RecordChange",
    "Refusal",
    "RollbackPlan",
    "UploadCheck",
    "UploadRefusedError",
]
