"""Speed and memory of the search engine over the real catalogue.

    python benchmarks/speed.py [--queries 300] [--index-dir /tmp/careerbot-speed] [--skip-build]

Prints: p50/p95 of one warm search call, cold start (load models and index → first
answer, in a fresh process), full index build time, incremental re-index after one
document changes, and RSS memory. Run it three times and take medians.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import ROOT, SUGGESTION_KINDS, catalogue_documents

from matching import SearchEngine
from matching.evaluation import load_cases

COLD_START = """
import sys, time, json
started = time.perf_counter()
sys.path.insert(0, {benchmarks!r})
from _common import catalogue_documents, SUGGESTION_KINDS
from matching import SearchEngine
engine = SearchEngine(catalogue_documents(), index_dir={index_dir!r}, allow_rebuild=False)
engine.search("хочу стать сварщиком", filters=SUGGESTION_KINDS)
cold = time.perf_counter() - started
import psutil
print(json.dumps({{"cold": cold, "rss": psutil.Process().memory_info().rss / 2**20}}))
"""


def _queries(count: int) -> list[str]:
    texts: list[str] = []
    for path in (
        ROOT / ".." / "shared" / "eval" / "dev.jsonl",
        ROOT / "benchmarks" / "cases.jsonl",
    ):
        if path.exists():
            texts.extend(case.q for case in load_cases(path))
    suffixes = ["", " пожалуйста", " в Томске", " бесплатно", " после 9 класса", " онлайн"]
    queries = [f"{text}{suffix}" for suffix in suffixes for text in texts]
    return (queries * (count // max(len(queries), 1) + 1))[:count]


def _rss_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--index-dir", type=Path, default=Path("/tmp/careerbot-speed-index"))
    parser.add_argument("--skip-build", action="store_true", help="reuse the index (no full build)")
    args = parser.parse_args()

    documents = catalogue_documents()
    print(f"catalogue: {len(documents)} documents")

    if not args.skip_build:
        shutil.rmtree(args.index_dir, ignore_errors=True)
        started = time.perf_counter()
        SearchEngine(documents, index_dir=args.index_dir)
        print(f"full index build:        {time.perf_counter() - started:8.1f} s")

    changed_id = sorted(document.id for document in documents)[0]
    changed = [
        dataclasses.replace(document, text=document.text + " Дополнение.")
        if document.id == changed_id
        else document
        for document in documents
    ]
    started = time.perf_counter()
    engine = SearchEngine(changed, index_dir=args.index_dir)
    incremental = time.perf_counter() - started
    encoded = {report.encoder: report.encoded for report in engine.load_reports}
    print(f"re-index, one doc changed:{incremental:8.2f} s  (texts encoded: {encoded})")
    SearchEngine(documents, index_dir=args.index_dir)  # back to the real catalogue

    output = subprocess.run(
        [
            sys.executable,
            "-c",
            COLD_START.format(benchmarks=str(ROOT / "benchmarks"), index_dir=str(args.index_dir)),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    fresh = json.loads(output.stdout.strip().splitlines()[-1])
    print(f"cold start → first answer:{fresh['cold']:8.2f} s  (fresh process, index on disk)")
    print(f"RSS of that process:     {fresh['rss']:8.0f} MB  (serving, after the first answer)")

    engine = SearchEngine(documents, index_dir=args.index_dir)
    queries = _queries(args.queries)
    for query in queries[:20]:
        engine.search(query, filters=SUGGESTION_KINDS)
    timings: list[float] = []
    for query in queries:
        started = time.perf_counter()
        engine.search(query, filters=SUGGESTION_KINDS, top_n=5)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(
        f"warm search, {len(timings)} queries: p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   "
        f"max {timings[-1]:6.1f} ms"
    )
    print(f"RSS of this process:     {_rss_mb():8.0f} MB  (it also built several engines)")


if __name__ == "__main__":
    main()
