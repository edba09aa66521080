from __future__ import annotations

import json
from pathlib import Path

import pytest

from matching.evaluation import Case, evaluate, load_cases


def test_metrics_and_persona_breakdown() -> None:
    cases = [
        Case(q="a", any=("свар",), persona="school"),
        Case(q="b", any=("повар",), persona="school"),
        Case(q="c", any=("программ",), persona="adult"),
        Case(q="d", any=("пилот",), persona="adult"),
    ]
    ranked = {
        "a": ["Сварщик", "Повар"],
        "b": ["Сварщик", "Пекарь", "Повар, кондитер"],
        "c": ["x", "ПРОГРАММИСТ"],
        "d": ["x"] * 12 + ["Пилот"],
    }
    report = evaluate(cases, lambda q: ranked[q])
    assert report.overall.hit1 == pytest.approx(0.25)
    assert report.overall.hit3 == pytest.approx(0.75)
    assert report.overall.mrr == pytest.approx((1 + 1 / 3 + 1 / 2 + 0) / 4)
    assert report.by_persona["school"].hit3 == 1.0
    assert report.by_persona["adult"].hit1 == 0.0
    assert [o.case.q for o in report.misses(at=3)] == ["d"]


def test_load_cases(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text(
        json.dumps(
            {"id": "x1", "persona": "senior", "q": "хочу шить", "any": ["шв"]}, ensure_ascii=False
        )
        + "\n\n# comment\n",
        encoding="utf-8",
    )
    [case] = load_cases(path)
    assert case.persona == "senior" and case.matches("Швея")
    path.write_text('{"q": "x", "any": []}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="any"):
        load_cases(path)


def test_project_cases_file_is_well_formed() -> None:
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "cases.jsonl"
    cases = load_cases(path)
    assert len(cases) >= 60
    assert {c.persona for c in cases} >= {"school", "adult", "senior", "disabled"}
    assert len({c.id for c in cases}) == len(cases)
