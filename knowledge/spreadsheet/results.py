"""What an import gives back: the records that passed and every problem, located as in Excel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel

CellValue = str | int | float | bool | date | datetime | None
T = TypeVar("T", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class SheetProblem:
    """One problem of an imported file, located the way Excel shows it."""

    file: str
    sheet: str | None
    row: int | None  # 1-based, as Excel numbers rows; None for the whole file
    column: str | None  # column letter, e.g. "C"
    header: str | None  # the column's header in the file (or the one expected)
    message: str  # plain Russian
    level: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"лист «{self.sheet}»")
        if self.row is not None:
            parts.append(f"строка {self.row}")
        if self.column or self.header:
            letter = self.column or "—"
            parts.append(
                f"столбец {letter} («{self.header}»)" if self.header else f"столбец {letter}"
            )
        prefix = "предупреждение: " if self.level == "warning" else ""
        return ", ".join(parts) + f": {prefix}{self.message}"


@dataclass(frozen=True)
class ImportResult(Generic[T]):
    """Records that passed every check, and every problem found (rows with errors are left out)."""

    records: list[T]
    problems: list[SheetProblem]

    @property
    def errors(self) -> list[SheetProblem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[SheetProblem]:
        return [p for p in self.problems if p.level == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors
