"""Search quality on the shared dev set and the project's own cases, per retriever.

    python benchmarks/quality.py [--dev ../shared/eval/dev.jsonl] [--cases benchmarks/cases.jsonl]
                                 [--index-dir data/index] [--misses] [--read]

Prints hit@1, hit@3 and MRR (top 10) for e5 alone, USE alone, lexical alone and the fusion,
overall and per persona, side by side.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from _common import ROOT, SUGGESTION_KINDS, catalogue_documents

from bot.services.query_reading import read_query
from matching import LEXICAL, SearchEngine
from matching.evaluation import Report, evaluate, load_cases

SETUPS: dict[str, tuple[str, ...] | None] = {
    "e5": ("e5",),
    "use": ("use",),
    "lexical": LEXICAL,
    "fusion": None,
}


def _row(label: str, reports: dict[str, Report], persona: str | None) -> str:
    cells = [f"{label:<22}"]
    n = 0
    for report in reports.values():
        scores = report.overall if persona is None else report.by_persona.get(persona)
        if scores is None:
            cells.append(f"{'-':>17}")
            continue
        n = scores.n
        cells.append(f"{scores.hit1:5.2f} {scores.hit3:5.2f} {scores.mrr:5.2f}")
    return f"{cells[0]} n={n:<4}" + " | ".join(cells[1:])


def print_table(title: str, reports: dict[str, Report]) -> None:
    print(f"\n{title}")
    header = " | ".join(f"{name:^17}" for name in reports)
    print(f"{'':<29}{header}")
    print(f"{'':<29}" + " | ".join(f"{'h@1   h@3   MRR':^17}" for _ in reports))
    print(_row("all", reports, None))
    personas = sorted({p for report in reports.values() for p in report.by_persona})
    for persona in personas:
        print(_row(f"  {persona}", reports, persona))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dev", type=Path, default=ROOT / ".." / "shared" / "eval" / "dev.jsonl")
    parser.add_argument("--cases", type=Path, default=ROOT / "benchmarks" / "cases.jsonl")
    parser.add_argument("--index-dir", type=Path, default=ROOT / "data" / "index")
    parser.add_argument("--misses", action="store_true", help="list the cases fusion misses at 3")
    parser.add_argument(
        "--read",
        action="store_true",
        help="read each query as the bot reads a free question first (refusals, the past job "
        "and filter words left out; bot.services.query_reading) and search what is left",
    )
    args = parser.parse_args()

    documents = catalogue_documents()
    kinds: dict[str, int] = {}
    for document in documents:
        kinds[document.kind] = kinds.get(document.kind, 0) + 1
    print(f"catalogue: {len(documents)} documents {dict(sorted(kinds.items()))}")
    started = time.perf_counter()
    engine = SearchEngine(documents, index_dir=args.index_dir)
    print(f"engine ready in {time.perf_counter() - started:.1f} s")

    for label, path in (("shared dev set", args.dev), ("project cases", args.cases)):
        if not path.exists():
            print(f"\n{label}: {path} not found, skipped")
            continue
        cases = load_cases(path)
        reports: dict[str, Report] = {}
        for name, retrievers in SETUPS.items():

            def titles(query: str, retrievers: tuple[str, ...] | None = retrievers) -> list[str]:
                if args.read:
                    read = read_query(query)
                    query = read.topic if read.has_topic else query
                result = engine.search(
                    query, filters=SUGGESTION_KINDS, top_n=10, retrievers=retrievers
                )
                return [hit.title for hit in result.hits]

            reports[name] = evaluate(cases, titles)
        print_table(f"{label} ({path.name}, {len(cases)} cases)", reports)
        if args.misses:
            for outcome in reports["fusion"].misses(at=3):
                rank = outcome.rank or "-"
                top3 = list(outcome.titles[:3])
                print(f"  miss [{outcome.case.id}] {outcome.case.q!r} rank={rank} top3={top3}")


if __name__ == "__main__":
    main()
