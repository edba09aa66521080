"""The rule «Не нравится» in the quiz → catalogue items ruled out, and the table it reads."""

from __future__ import annotations

from weakref import WeakKeyDictionary

import pytest

from bot.services import disliked_activities
from bot.services.disliked_activities import ruled_out_by_quiz
from bot.services.profiles import QUIZ_ITEMS
from bot.services.vocabulary import QuizActivity, quiz_activities
from knowledge import Catalogue, load_catalogue

CATALOGUE = load_catalogue()


def _disliking(*numbers: int) -> list[int]:
    return [-1 if number in numbers else 0 for number in range(1, len(QUIZ_ITEMS) + 1)]


def test_every_quiz_item_has_an_entry_and_every_id_is_in_the_catalogue() -> None:
    table = quiz_activities()
    assert sorted(table) == list(range(1, len(QUIZ_ITEMS) + 1))
    for number, activity in table.items():
        missing = [code for code in activity.professions if code not in CATALOGUE.professions]
        missing += [pid for pid in activity.programmes if pid not in CATALOGUE.programmes]
        assert not missing, (number, missing)


def test_disliked_teaching_rules_out_the_teachers_and_their_programmes() -> None:
    ruled_out = ruled_out_by_quiz(_disliking(10), CATALOGUE)
    assert "54.02.06" in ruled_out  # Учитель рисования и черчения
    assert "44.02.02" in ruled_out
    assert "prg-copp-krasnoyarsk-pp-pedagog" in ruled_out  # names 44.02.02 only
    assert "prg-gtt-orenburg-master-po" in ruled_out  # names none, listed by id
    assert "54.02.05" not in ruled_out  # the painter: teaching is not his work
    assert "52.02.02" not in ruled_out  # a dance artist who may also teach


def test_a_programme_goes_only_when_all_its_professions_do(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # «Графический дизайнер» in Rostov names 54.01.20 and 54.02.01; Perm's course only 54.01.20.
    monkeypatch.setattr(disliked_activities, "_TABLES", WeakKeyDictionary())
    monkeypatch.setattr(
        disliked_activities,
        "quiz_activities",
        lambda: {1: QuizActivity(professions=("54.01.20",)), 2: QuizActivity(("54.02.01",))},
    )
    only_one = ruled_out_by_quiz(_disliking(1), CATALOGUE)
    assert "prg-copp-perm-graf-dizajn-pk" in only_one
    assert "prg-copp-rostov-graf-dizajner" not in only_one
    both = ruled_out_by_quiz(_disliking(1, 2), CATALOGUE)
    assert "prg-copp-rostov-graf-dizajner" in both


def test_nothing_disliked_or_answers_of_another_quiz_rule_nothing_out() -> None:
    assert ruled_out_by_quiz([0] * len(QUIZ_ITEMS), CATALOGUE) == frozenset()
    assert ruled_out_by_quiz([1] * len(QUIZ_ITEMS), CATALOGUE) == frozenset()
    assert ruled_out_by_quiz((), CATALOGUE) == frozenset()
    assert ruled_out_by_quiz([-1] * (len(QUIZ_ITEMS) - 1), CATALOGUE) == frozenset()
    # Items with nothing under them (own business, leading a team) rule nothing out.
    assert ruled_out_by_quiz(_disliking(5, 11), CATALOGUE) == frozenset()


def test_the_table_is_made_once_per_catalogue() -> None:
    ruled_out_by_quiz(_disliking(7), CATALOGUE)
    table = disliked_activities._TABLES[CATALOGUE]
    ruled_out_by_quiz(_disliking(3), CATALOGUE)
    assert disliked_activities._TABLES[CATALOGUE] is table
    # A changed catalogue (another object) gets its own: a code it lacks rules nothing out.
    smaller = Catalogue.build(
        [e for _, e in CATALOGUE.iter_entities() if getattr(e, "id", None) != "35.01.13"],
        onet=CATALOGUE.onet,
    )
    assert "35.01.13" not in ruled_out_by_quiz(_disliking(7), smaller)
    assert disliked_activities._TABLES[smaller] is not table
