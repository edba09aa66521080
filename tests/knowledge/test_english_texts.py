"""The shipped catalogue's English titles and descriptions (issue 14): every profession,
specialty and programme has them, in English, of a sensible length; records without them
still load."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from knowledge import load_catalogue
from knowledge.models import Profession, Programme

CATALOGUE = load_catalogue()
# Proper names kept as the catalogue writes them: the championships.
PROPER_NAMES = re.compile("«Профессионалы»|«Абилимпикс»")
CYRILLIC = re.compile("[А-Яа-яЁё]")


def _records() -> list[Profession | Programme]:
    return [*CATALOGUE.professions.values(), *CATALOGUE.programmes.values()]


def test_every_profession_and_programme_has_english_text() -> None:
    missing = [
        record.id for record in _records() if not record.title_en or not record.description_en
    ]
    assert not missing, missing
    assert len(CATALOGUE.professions) >= 340 and len(CATALOGUE.programmes) >= 170


def test_english_texts_are_english_and_short() -> None:
    for record in _records():
        for text in (record.title_en, record.description_en):
            assert not CYRILLIC.search(PROPER_NAMES.sub("", text)), (record.id, text)
        assert len(record.title_en) <= 90, record.id
        assert 60 <= len(record.description_en) <= 600, record.id


def test_an_english_description_of_a_stray_word_is_refused() -> None:
    welder = CATALOGUE.professions["15.01.05"]
    data = welder.model_dump()
    with pytest.raises(ValidationError, match="description_en"):
        Profession.model_validate({**data, "description_en": "Welds."})
    bare = Profession.model_validate(
        {key: value for key, value in data.items() if key not in ("title_en", "description_en")}
    )
    assert bare.title_en == "" and bare.description_en == ""
