"""The search vocabulary files: shipped, read once, and in step with the keys the bot stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.services import vocabulary
from bot.services.catalogue_rules import ELIGIBLE_SITUATIONS
from bot.services.profiles import INTERESTS, SITUATIONS
from bot.services.recommendations import SITUATION_AUDIENCE
from bot.services.vocabulary import (
    VocabularyError,
    interest_words,
    load_vocabulary,
    quiz_activities,
    riasec_words,
    situation_words,
)
from matching import DEFAULT_NEED_RULES


def test_keys_match_what_the_bot_stores() -> None:
    # Topic buttons are drawn in the file's order: the same order as onboarding's.
    assert tuple(interest_words()) == INTERESTS
    assert "".join(riasec_words()) == "RIASEC"
    assert set(situation_words()) == set(SITUATIONS) == set(ELIGIBLE_SITUATIONS)
    assert set(SITUATION_AUDIENCE) == set(SITUATIONS)


def test_situation_words_are_words_the_needs_rules_know() -> None:
    triggers = set().union(*(rule.triggers for rule in DEFAULT_NEED_RULES))
    for words in situation_words().values():
        assert set(words.split()) <= triggers, words


def test_every_file_says_what_it_is_for() -> None:
    files = sorted(vocabulary.VOCABULARY_DIR.glob("*.yaml"))
    assert [path.stem for path in files] == [
        "interests",
        "quiz_activities",
        "riasec",
        "situations",
    ]
    for path in files:
        assert path.read_text(encoding="utf-8").startswith("# "), path.name


def test_read_once_and_read_only() -> None:
    words = interest_words()

    assert words is interest_words()
    with pytest.raises(TypeError):
        words["it"] = "астрология"  # type: ignore[index]


@pytest.mark.parametrize("text", ["- a list\n", "no: words\n", "it: ''\n", "it: [a, b]\n"])
def test_a_malformed_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    (tmp_path / "broken.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(vocabulary, "VOCABULARY_DIR", tmp_path)
    load_vocabulary.cache_clear()
    try:
        with pytest.raises(VocabularyError, match=r"broken\.yaml"):
            load_vocabulary("broken")
    finally:
        load_vocabulary.cache_clear()


@pytest.mark.parametrize(
    "text",
    [
        "- a list\n",
        "one: {professions: []}\n",
        "0: {professions: []}\n",
        "yes: {professions: []}\n",
        "1: [a]\n",
        "1: {teachers: [a]}\n",
        "1: {professions: '44.02.02'}\n",
        "1: {professions: [44]}\n",
    ],
)
def test_a_malformed_quiz_table_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    (tmp_path / "quiz_activities.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(vocabulary, "VOCABULARY_DIR", tmp_path)
    quiz_activities.cache_clear()
    try:
        with pytest.raises(VocabularyError, match=r"quiz_activities\.yaml"):
            quiz_activities()
    finally:
        quiz_activities.cache_clear()
