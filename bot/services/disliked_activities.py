"""What a person said «Не нравится» to in the interest quiz rules catalogue items out.

A hard constraint, not a nudge: the items whose core daily work is a disliked activity
(bot/services/vocabulary/quiz_activities.yaml) are left out of the suggestions and of
«Похожие», as those the person marked «Не подходит» are. Free questions are not filtered:
there the person asks in their own words, and may ask for exactly such a job.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from bot.services.profiles import QUIZ_ANSWERS, QUIZ_ITEMS
from bot.services.vocabulary import quiz_activities
from knowledge import Catalogue

DISLIKE = QUIZ_ANSWERS["dislike"]


@dataclass(frozen=True, slots=True)
class _Table:
    """The rule over one catalogue: what each item rules out by itself, and which
    programmes go once all the professions they name are ruled out."""

    by_item: Mapping[int, frozenset[str]]
    programmes: tuple[tuple[str, frozenset[str]], ...]


# One table per catalogue object: the knowledge base is rebuilt when the catalogue changes,
# and the old catalogue's table goes with it.
_TABLES: WeakKeyDictionary[Catalogue, _Table] = WeakKeyDictionary()


def _table(catalogue: Catalogue) -> _Table:
    table = _TABLES.get(catalogue)
    if table is None:
        # Codes a centre's catalogue does not have are simply not there to rule out.
        by_item = {
            number: frozenset(
                [code for code in activity.professions if code in catalogue.professions]
                + [pid for pid in activity.programmes if pid in catalogue.programmes]
            )
            for number, activity in quiz_activities().items()
        }
        programmes = tuple(
            (programme.id, frozenset(programme.professions))
            for programme in catalogue.programmes.values()
            if programme.professions
        )
        table = _Table(by_item, programmes)
        _TABLES[catalogue] = table
    return table


def ruled_out_by_quiz(answers: Sequence[int], catalogue: Catalogue) -> frozenset[str]:
    """The ids of the professions and programmes the quiz answers rule out. A programme goes
    when it names professions and all of them are ruled out. Answers not of this quiz (an
    old row, another number of items) rule nothing out."""
    if len(answers) != len(QUIZ_ITEMS):
        return frozenset()
    disliked = [number for number, answer in enumerate(answers, start=1) if answer == DISLIKE]
    if not disliked:
        return frozenset()
    table = _table(catalogue)
    ids: set[str] = set()
    for number in disliked:
        ids |= table.by_item.get(number, frozenset())
    professions = frozenset(ids)
    ids.update(pid for pid, named in table.programmes if named <= professions)
    return frozenset(ids)


def activities_left_out(answers: Sequence[int]) -> tuple[int, ...]:
    """The quiz items (numbers from 1) answered «Не нравится» that do leave work out: an
    activity the table maps to nothing (one's own business) leaves nothing out."""
    if len(answers) != len(QUIZ_ITEMS):
        return ()
    table = quiz_activities()
    return tuple(
        number
        for number, answer in enumerate(answers, start=1)
        if answer == DISLIKE
        and (activity := table.get(number)) is not None
        and (activity.professions or activity.programmes)
    )
