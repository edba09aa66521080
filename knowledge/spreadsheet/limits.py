"""How much of a staff file an import reads before it refuses the file."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class ImportLimits:
    """Limits on one imported file.

    The bot passes its CATALOGUE_IMPORT__* settings, whose comments say why each default;
    these defaults are the same and serve scripts and tests.
    """

    max_file_bytes: int = 20 * 1024 * 1024
    max_uncompressed_bytes: int = 50 * 1024 * 1024  # sum of an .xlsx's parts, unpacked
    max_compression_ratio: int = 100  # of any one part of an .xlsx
    max_rows: int = 10_000  # rows with data in one sheet, the header not counted
    max_cell_chars: int = 10_000
    max_problems: int = 200  # problems kept and printed; the rest are only counted

    def __post_init__(self) -> None:
        for item in fields(self):
            if getattr(self, item.name) <= 0:
                raise ValueError(f"{item.name} must be positive")


def size_text(size: int) -> str:
    """A size as staff read it: «512 байт», «40 КБ», «20,5 МБ»."""
    if size < 1024:
        return f"{size} байт"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} КБ"
    return f"{size / (1024 * 1024):.1f} МБ".replace(".", ",")
