"""Quality metrics of a ranked search: hit@1, hit@3 and MRR over the top 10.

A case is {"q": text, "any": [regex, ...], "persona": ...}; a suggestion is a hit when its
title matches any of the regular expressions (case-insensitive).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MRR_DEPTH = 10

SearchTitles = Callable[[str], Sequence[str]]


@dataclass(frozen=True, slots=True)
class Case:
    q: str
    any: tuple[str, ...]
    persona: str = "all"
    id: str = ""

    def matches(self, title: str) -> bool:
        return any(re.search(pattern, title, flags=re.IGNORECASE) for pattern in self.any)


@dataclass(frozen=True, slots=True)
class CaseOutcome:
    case: Case
    rank: int | None  # 1-based rank of the first hit within the top 10
    titles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Scores:
    n: int
    hit1: float
    hit3: float
    mrr: float


@dataclass(frozen=True, slots=True)
class Report:
    overall: Scores
    by_persona: Mapping[str, Scores]
    outcomes: tuple[CaseOutcome, ...] = field(default=())

    def misses(self, at: int = 3) -> list[CaseOutcome]:
        return [outcome for outcome in self.outcomes if outcome.rank is None or outcome.rank > at]


def load_cases(path: Path | str) -> list[Case]:
    """Read a JSONL file of cases; blank lines and lines starting with # are skipped."""
    cases: list[Case] = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        data: Any = json.loads(line)
        patterns = data.get("any")
        if not isinstance(data.get("q"), str) or not isinstance(patterns, list) or not patterns:
            raise ValueError(f"{path}:{number}: a case needs a string q and a non-empty list any")
        cases.append(
            Case(
                q=data["q"],
                any=tuple(str(pattern) for pattern in patterns),
                persona=str(data.get("persona", "all")),
                id=str(data.get("id", number)),
            )
        )
    return cases


def _scores(outcomes: Sequence[CaseOutcome]) -> Scores:
    n = len(outcomes)
    if n == 0:
        return Scores(0, 0.0, 0.0, 0.0)
    hit1 = sum(1 for outcome in outcomes if outcome.rank == 1) / n
    hit3 = sum(1 for outcome in outcomes if outcome.rank is not None and outcome.rank <= 3) / n
    mrr = sum(1.0 / outcome.rank for outcome in outcomes if outcome.rank is not None) / n
    return Scores(n, hit1, hit3, mrr)


def evaluate(cases: Iterable[Case], search: SearchTitles) -> Report:
    """Run every case through `search` (query → ranked titles) and score the rankings."""
    outcomes: list[CaseOutcome] = []
    for case in cases:
        titles = tuple(search(case.q))[:MRR_DEPTH]
        rank = next(
            (index for index, title in enumerate(titles, start=1) if case.matches(title)), None
        )
        outcomes.append(CaseOutcome(case, rank, titles))
    personas = sorted({outcome.case.persona for outcome in outcomes})
    by_persona = {
        persona: _scores([outcome for outcome in outcomes if outcome.case.persona == persona])
        for persona in personas
    }
    return Report(overall=_scores(outcomes), by_persona=by_persona, outcomes=tuple(outcomes))
