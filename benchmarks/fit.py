"""Profile-aware evaluation: does what the bot offers fit the person who asks?

    python benchmarks/fit.py [--cases benchmarks/cases_profile.jsonl] [--show]

A case is a persona (role, grade, region, interests, situations) and, optionally, the words
they send. The bot's own services answer it over the real catalogue and encoders, with the
person stored in memory: the answer to the words (QuestionService), or the person's
suggestion list (RecommendationService, its first 10 items). Every item shown is checked
against hard constraints, written here from the issue rather than taken from the code:

- a schoolchild is offered only programmes for schoolchildren; an adult none meant only for
  people with disabilities, 50+ or parents on leave unless that is them or they asked;
- a programme is held in the person's region (or the place they named) or online;
- «бесплатно» asked: every programme is free; «онлайн» asked: every programme is online.

It also checks that the expected kind of item (a profession or specialty, or a programme)
is among the first three, matching a title pattern when the case gives one; «none» means
nothing in the catalogue fits and the answer must say so rather than offer something.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import time
from pathlib import Path
from typing import Any

from _common import ROOT

from bot.config import Settings
from bot.knowledge_provider import engine_config
from bot.services.knowledge_base import KnowledgeBase
from bot.services.query_reading import read_query
from bot.services.questions import QuestionService
from bot.services.recommendations import RecommendationService
from bot.services.suggestions import Suggestion
from knowledge import load_catalogue
from tests.fakes import FakeUnitOfWork, FixedKnowledge

ASKED = {
    "disabled": re.compile(r"инвалид|овз|слабовид|незряч|глух|колясоч|адаптир", re.I),
    "seniors": re.compile(r"пенсион|пожил|старш\w* возраст|50\s*\+", re.I),
    "parents_on_leave": re.compile(r"декрет|по уходу за реб|с ребёнком|с ребенком", re.I),
}
SITUATION_OF = {
    "disabled": "disability",
    "seniors": "pre_pension",
    "parents_on_leave": "childcare_leave",
}


def violations(
    knowledge: KnowledgeBase, persona: dict[str, Any], words: str, items: list[Suggestion]
) -> list[str]:
    catalogue = knowledge.catalogue
    read = read_query(words)
    place, _ = knowledge.places.found_in(words)
    found: list[str] = []
    for item in items:
        programme = catalogue.programmes.get(item.item_id)
        if programme is None:
            continue
        audiences = {a.value for a in programme.audience}
        if persona.get("role") == "school":
            if "school" not in audiences:
                found.append(f"{item.title}: not for schoolchildren")
        else:
            # Meant only for groups the person is not in and did not ask about.
            open_to = {"adults", "unemployed"}
            for group, pattern in ASKED.items():
                is_them = SITUATION_OF[group] in persona.get("situations", []) or (
                    group == "seniors" and persona.get("role") == "senior"
                )
                if is_them or pattern.search(words):
                    open_to.add(group)
            if not audiences & open_to:
                found.append(f"{item.title}: only for {sorted(audiences)}")
        centre = catalogue.centres.get(programme.centre)
        region = centre.region if centre else None
        if programme.format.value != "online" and region not in {persona.get("region"), place}:
            found.append(f"{item.title}: in {region}, not online")
        if read.free_only and not programme.is_free:
            found.append(f"{item.title}: not free")
        if read.online and programme.format.value != "online":
            found.append(f"{item.title}: not online")
    return found


def expected(case: dict[str, Any], items: list[Suggestion]) -> bool:
    want = case["expect"]
    if want["kind"] == "none":  # nothing fits: an honest «no such courses», not padding
        return not items
    kinds = {"programme"} if want["kind"] == "programme" else {"profession", "specialty"}
    patterns = want.get("any")
    return any(
        item.kind in kinds
        and (not patterns or any(re.search(p, item.title, re.I) for p in patterns))
        for item in items[:3]
    )


async def answer(knowledge: KnowledgeBase, case: dict[str, Any]) -> list[Suggestion]:
    uow = FakeUnitOfWork()
    persona = dict(case["persona"])
    await uow.add_consenting_user(
        1, **{k: tuple(v) if isinstance(v, list) else v for k, v in persona.items()}
    )
    source = FixedKnowledge(knowledge)
    if "q" in case:
        reply = await QuestionService(uow, source).answer(1, case["q"])  # type: ignore[arg-type]
        return list(reply.items)
    service = RecommendationService(uow, source)  # type: ignore[arg-type]
    items: list[Suggestion] = []
    page = 0
    while len(items) < 10:
        shown = await service.recommend(1, page)
        items.extend(shown.items)
        if shown.page + 1 >= shown.pages:
            break
        page += 1
    return items[:10]


async def main(cases: list[dict[str, Any]], show: bool) -> None:
    started = time.perf_counter()
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    knowledge = await asyncio.to_thread(
        KnowledgeBase.build,
        load_catalogue(),
        engine_config(settings),
        index_dir=ROOT / "data" / "index",
    )
    print(f"knowledge base ready in {time.perf_counter() - started:.1f} s")
    broken = hits = 0
    for case in cases:
        items = await answer(knowledge, case)
        problems = violations(knowledge, case["persona"], case.get("q", ""), items)
        ok = expected(case, items)
        broken += bool(problems)
        hits += ok
        if show or problems or not ok:
            print(f"[{case['id']}] {case.get('q', '(the list)')!r}: {len(items)} items")
            for problem in problems:
                print(f"    violation: {problem}")
            if not ok:
                print(f"    expected {case['expect']} in the top 3: {[i.title for i in items[:3]]}")
    print(
        f"\n{len(cases)} personas: {broken} with a constraint violated in the first 10, "
        f"expected kind in the top 3 for {hits} ({hits / len(cases):.2f})"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=ROOT / "benchmarks" / "cases_profile.jsonl")
    parser.add_argument("--show", action="store_true", help="print every case, not only misses")
    arguments = parser.parse_args()
    lines = arguments.cases.read_text(encoding="utf-8").splitlines()
    asyncio.run(main([json.loads(line) for line in lines if line.startswith("{")], arguments.show))
