"""A newcomer's first start: no index folder yet, from process start to the first answer.

    python benchmarks/first_start.py [--runs 3] [--no-seed] [--chat]

Each run is a fresh process with an empty temporary index folder, so the engine has to
embed the catalogue: from the vectors shipped in `bot/search_seed/` (the default) or, with
`--no-seed`, by encoding every document as before they were shipped. Prints each run with
its phases and the median of the runs.

`--chat` times the whole bot instead: `careerbot chat` on a fresh SQLite file and index
folder (migrations, loading the catalogue into the database, the engine) until the reply
to /start is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT

CHILD = """
import sys, time, json
started = time.perf_counter()
sys.path.insert(0, {benchmarks!r})
from _common import catalogue_documents, SUGGESTION_KINDS
from matching import SearchEngine
imported = time.perf_counter()
documents = catalogue_documents()
loaded = time.perf_counter()
options = {{}}
if {seed!r}:
    from bot.search_seed import SEED_DIR
    options["seed_dir"] = SEED_DIR
engine = SearchEngine(documents, index_dir={index_dir!r}, **options)
built = time.perf_counter()
result = engine.search("хочу стать сварщиком", filters=SUGGESTION_KINDS)
answered = time.perf_counter()
print(json.dumps({{
    "imports": imported - started,
    "catalogue": loaded - imported,
    "engine": built - loaded,
    "search": answered - built,
    "encoded": sum(report.encoded for report in engine.load_reports),
    "top": result.hits[0].title if result.hits else None,
}}))
"""


def _engine_run(*, seed: bool) -> tuple[float, dict[str, object]]:
    with tempfile.TemporaryDirectory(prefix="careerbot-first-start-") as folder:
        code = CHILD.format(
            benchmarks=str(ROOT / "benchmarks"), index_dir=str(Path(folder) / "index"), seed=seed
        )
        started = time.perf_counter()
        output = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        )
        wall = time.perf_counter() - started
    return wall, json.loads(output.stdout.strip().splitlines()[-1])


def _chat_run() -> tuple[float, dict[str, object]]:
    """Wall time until `careerbot chat` prints its first reply on a fresh install."""
    with tempfile.TemporaryDirectory(prefix="careerbot-first-chat-") as folder:
        env = {
            **os.environ,
            "BOT_TOKEN": "",
            "DATABASE_URL": f"sqlite+aiosqlite:///{folder}/careerbot.sqlite3",
            "MATCHING__INDEX_DIR": f"{folder}/index",
        }
        errors = Path(folder) / "stderr.txt"
        started = time.perf_counter()
        # stderr to a file: a pipe nobody reads would block the bot once its progress bars
        # filled it.
        with errors.open("w", encoding="utf-8") as stderr:
            process = subprocess.Popen(
                [str(Path(sys.executable).with_name("careerbot")), "chat"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
                env=env,
                cwd=folder,
            )
        assert process.stdout is not None
        # The console builds the knowledge base, then sends /start itself: the first line
        # from the bot is the reply a newcomer would get.
        first = ""
        for line in process.stdout:
            if line.startswith("Бот:"):
                first = line.strip()
                break
        wall = time.perf_counter() - started
        process.kill()
        process.wait()
        if not first:
            tail = errors.read_text(encoding="utf-8").strip().splitlines()[-3:]
            raise SystemExit(f"careerbot chat gave no reply: {' / '.join(tail)}")
    return wall, {"first line": first[:60]}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-seed", action="store_true", help="encode every document")
    parser.add_argument("--chat", action="store_true", help="time `careerbot chat` to /start")
    args = parser.parse_args()

    walls: list[float] = []
    for run in range(1, args.runs + 1):
        wall, phases = _chat_run() if args.chat else _engine_run(seed=not args.no_seed)
        walls.append(wall)
        details = ", ".join(
            f"{key} {value:.1f} s" if isinstance(value, float) else f"{key}: {value}"
            for key, value in phases.items()
        )
        print(f"run {run}: {wall:6.1f} s to the first answer  ({details})", flush=True)
    label = "careerbot chat" if args.chat else ("no seed" if args.no_seed else "shipped seed")
    print(f"median of {len(walls)} ({label}): {statistics.median(walls):.1f} s")


if __name__ == "__main__":
    main()
