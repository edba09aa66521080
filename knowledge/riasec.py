"""RIASEC (Holland) interest profiles derived from O*NET interest scores.

O*NET rates each occupation on six interest types from 1 to 7. A profession of the
catalogue lists one to three O*NET-SOC codes; its profile is the mean of theirs,
normalised to 0–1 so that quiz answers and professions share one scale.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

ONET_CSV = Path(__file__).with_name("data") / "onet_riasec.csv"
RIASEC_TYPES = ("Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional")
_LETTERS = "RIASEC"
_ONET_MIN = 1.0
_ONET_MAX = 7.0

RiasecTuple = tuple[float, float, float, float, float, float]


@dataclass(frozen=True, slots=True)
class RiasecProfile:
    """Six interest scores in 0–1 (O*NET's 1–7 mapped linearly)."""

    realistic: float
    investigative: float
    artistic: float
    social: float
    enterprising: float
    conventional: float

    # 0.25 of the 0–1 scale is 1.5 points on O*NET's 7-point scale: close enough to the top
    # that a counsellor would name the type alongside it.
    MARGIN: ClassVar[float] = 0.25

    def __post_init__(self) -> None:
        for letter, value in zip(_LETTERS, self.as_tuple(), strict=True):
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"RIASEC score {letter} must be within 0..1, got {value}")

    @classmethod
    def from_onet(cls, scores: Iterable[float]) -> RiasecProfile:
        """Build a profile from six O*NET scores on the 1–7 scale."""
        values = [float(v) for v in scores]
        if len(values) != len(_LETTERS):
            raise ValueError(f"need six scores, got {len(values)}")
        span = _ONET_MAX - _ONET_MIN
        normalised = [min(1.0, max(0.0, (v - _ONET_MIN) / span)) for v in values]
        return cls(*normalised)

    @classmethod
    def from_tuple(cls, values: Iterable[float]) -> RiasecProfile:
        """Build a profile from six scores already in 0–1."""
        items = [float(v) for v in values]
        if len(items) != len(_LETTERS):
            raise ValueError(f"need six scores, got {len(items)}")
        return cls(*items)

    def as_tuple(self) -> RiasecTuple:
        return (
            self.realistic,
            self.investigative,
            self.artistic,
            self.social,
            self.enterprising,
            self.conventional,
        )

    def as_dict(self) -> dict[str, float]:
        return dict(zip(_LETTERS, self.as_tuple(), strict=True))

    @property
    def holland_code(self) -> str:
        """Letters of the top one to three types within MARGIN of the highest score.

        Ties keep the canonical R-I-A-S-E-C order so the code is deterministic.
        """
        scores = self.as_tuple()
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
        top = scores[order[0]]
        return "".join(_LETTERS[i] for i in order[:3] if top - scores[i] <= self.MARGIN + 1e-9)


OnetTable = Mapping[str, RiasecProfile]


def read_onet_table(path: Path) -> dict[str, RiasecProfile]:
    """Read an O*NET interest CSV: one row per O*NET-SOC code with six 1–7 scores."""
    table: dict[str, RiasecProfile] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            code = (row.get("O*NET-SOC Code") or "").strip()
            if not code:
                continue
            table[code] = RiasecProfile.from_onet(float(row[name]) for name in RIASEC_TYPES)
    return table


@lru_cache(maxsize=4)
def load_onet_table(path: Path = ONET_CSV) -> OnetTable:
    """The shipped O*NET table, parsed once per process."""
    return read_onet_table(path)


def derive_profile(onet_codes: Iterable[str], table: OnetTable | None = None) -> RiasecProfile:
    """Mean profile of the listed O*NET occupations.

    Raises KeyError for a code missing from the table and ValueError for an empty list.
    """
    source = load_onet_table() if table is None else table
    profiles = []
    for code in onet_codes:
        if code not in source:
            raise KeyError(f"O*NET code {code} is not in the interest table")
        profiles.append(source[code].as_tuple())
    if not profiles:
        raise ValueError("at least one O*NET code is needed to derive a profile")
    count = len(profiles)
    return RiasecProfile.from_tuple(sum(column) / count for column in zip(*profiles, strict=True))
