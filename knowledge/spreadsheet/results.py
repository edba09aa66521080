"""What an import gives back: the records that passed and every problem, located as in Excel."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, Literal, TypeVar

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
    """Records that passed every check, and the problems found (rows with errors are left out).

    Past the limit of problems kept, the rest are only counted: a file with a systematic
    mistake would otherwise print one line per row and bury the summary.
    """

    records: list[T]
    problems: list[SheetProblem]
    omitted_errors: int = 0
    omitted_warnings: int = 0

    @property
    def errors(self) -> list[SheetProblem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[SheetProblem]:
        return [p for p in self.problems if p.level == "warning"]

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.omitted_errors

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def report(self) -> list[str]:
        """One line per problem kept, then one line counting the rest."""
        lines = [str(problem) for problem in self.problems]
        omitted = self.omitted_errors + self.omitted_warnings
        if omitted:
            lines.append(
                f"… и ещё {omitted} {_problems_word(omitted)} "
                f"(показаны первые {len(self.problems)})."
            )
        return lines


def _problems_word(count: int) -> str:
    if count % 10 == 1 and count % 100 != 11:
        return "проблема"
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return "проблемы"
    return "проблем"


class ProblemLog:
    """Problems in the order found, keeping at most ``limit`` and counting the rest."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.kept: list[SheetProblem] = []
        self.omitted_errors = 0
        self.omitted_warnings = 0

    def add(self, problem: SheetProblem) -> None:
        if len(self.kept) < self.limit:
            self.kept.append(problem)
        elif problem.level == "error":
            self.omitted_errors += 1
        else:
            self.omitted_warnings += 1

    def extend(self, problems: Iterable[SheetProblem]) -> None:
        for problem in problems:
            self.add(problem)

    def absorb(self, result: ImportResult[Any]) -> None:
        """Add another result's problems, and what it had only counted."""
        self.extend(result.problems)
        self.omitted_errors += result.omitted_errors
        self.omitted_warnings += result.omitted_warnings

    @property
    def has_errors(self) -> bool:
        return self.omitted_errors > 0 or any(p.level == "error" for p in self.kept)

    def result(self, records: list[T]) -> ImportResult[T]:
        return ImportResult(records, self.kept, self.omitted_errors, self.omitted_warnings)
