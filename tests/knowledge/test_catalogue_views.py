from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from knowledge import Catalogue, catalogue_stats, content_hash_of
from knowledge.models import ProgrammeKind

from .conftest import TODAY


def test_catalogue_repr_is_short(catalogue: Catalogue) -> None:
    assert repr(catalogue).startswith("Catalogue(industries=2, groups=2, regions=4")


def test_catalogue_is_read_only(catalogue: Catalogue) -> None:
    with pytest.raises(TypeError):
        catalogue.programmes["x"] = catalogue.programmes["prg-copp-tomsk-svarka"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        catalogue.faq = {}  # type: ignore[misc]


def test_profile_of(catalogue: Catalogue) -> None:
    assert catalogue.profile_of("15.01.05").holland_code.startswith("R")
    assert "I" in catalogue.profile_of("09.02.07").holland_code
    with pytest.raises(KeyError):
        catalogue.profile_of("00.01.00")


def test_programmes_and_competencies_for_profession(catalogue: Catalogue) -> None:
    ids = [p.id for p in catalogue.programmes_for_profession("15.01.05")]
    assert ids == ["prg-copp-tomsk-proba", "prg-copp-tomsk-svarka"]  # soonest start first
    competencies = catalogue.competencies_for_profession("15.01.05")
    assert [c.id for c in competencies] == ["cmp-svarka", "cmp-svarka-abilympics"]
    assert catalogue.competencies_for_profession("09.02.07") == []
    assert catalogue.programmes_for_profession("99.01.01") == []


def test_centres_in_region(catalogue: Catalogue) -> None:
    assert [c.id for c in catalogue.centres_in_region("RU-TOM")] == ["copp-tomsk"]
    assert catalogue.centres_in_region("RU-MOW") == []


def test_upcoming_programmes(catalogue: Catalogue) -> None:
    upcoming = catalogue.upcoming_programmes(TODAY)
    assert [(u.start, u.programme.id) for u in upcoming] == [
        (date(2026, 11, 10), "prg-copp-tomsk-proba"),
        (date(2026, 12, 1), "prg-copp-tomsk-svarka"),
        (date(2027, 1, 15), "prg-college-orenburg-python"),
    ]
    later = catalogue.upcoming_programmes(date(2026, 12, 2), region="RU-TOM")
    assert [(u.start, u.programme.id) for u in later] == [
        (date(2027, 2, 1), "prg-copp-tomsk-svarka")
    ]
    assert [u.programme.id for u in catalogue.upcoming_programmes(TODAY, within_days=14)] == [
        "prg-copp-tomsk-proba"
    ]
    retraining = catalogue.upcoming_programmes(TODAY, kind=ProgrammeKind.retraining)
    assert [u.programme.id for u in retraining] == ["prg-college-orenburg-python"]
    assert catalogue.upcoming_programmes(TODAY, profession="09.02.07")[0].programme.hours == 256


def test_upcoming_events(catalogue: Catalogue) -> None:
    now = datetime(2026, 12, 5, 12, 0, tzinfo=timezone(timedelta(hours=7)))
    assert [e.id for e in catalogue.upcoming_events(now)] == ["ev-dod-tomsk", "ev-final-online"]
    assert [e.id for e in catalogue.upcoming_events(now, region="RU-ORE")] == ["ev-final-online"]
    assert catalogue.upcoming_events(now + timedelta(days=400)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("томск", "RU-TOM"),
        ("Томская", "RU-TOM"),
        ("  ТОМСКАЯ ОБЛАСТЬ ", "RU-TOM"),
        ("tomsk", "RU-TOM"),
        ("Tomskaya", "RU-TOM"),
        ("оренбург", "RU-ORE"),
        ("orenburg", "RU-ORE"),
        ("мск", "RU-MOW"),
        ("ru-tom", "RU-TOM"),
        ("бургская", "RU-ORE"),
    ],
)
def test_region_search(catalogue: Catalogue, text: str, expected: str) -> None:
    assert catalogue.region_search(text)[0].id == expected


def test_region_search_ranks_exact_before_prefix(catalogue: Catalogue) -> None:
    assert [r.id for r in catalogue.region_search("москва")] == ["RU-MOW"]
    assert [r.id for r in catalogue.region_search("моск")] == ["RU-MOW", "RU-MOS"]
    assert catalogue.region_search("") == []
    assert catalogue.region_search("атлантида") == []


def test_content_hash_of_record(catalogue: Catalogue) -> None:
    faq = catalogue.faq["faq-besplatno"]
    assert content_hash_of(faq) == content_hash_of(faq.model_copy())
    assert content_hash_of(faq) != content_hash_of(faq.model_copy(update={"question": "Другое?"}))


def test_catalogue_stats(catalogue: Catalogue) -> None:
    stats = catalogue_stats(catalogue)
    assert stats["counts"]["professions"] == 2
    assert stats["counts"]["programmes"] == 3
    assert stats["regions"]["RU-TOM"] == {"centres": 1, "programmes": 2, "events": 1}
    assert stats["regions"]["RU-MOW"] == {"centres": 0, "programmes": 0, "events": 0}
    assert stats["regions"]["—"]["events"] == 1  # the online final has no region
    assert stats["groups"] == {"09.00.00": 1, "15.00.00": 1}
    assert stats["programme_kinds"] == {"retraining": 1, "taster": 1, "upskilling": 1}
    assert stats["illustrative"] == {"programmes": 2, "events": 1, "centres": 2}
    assert stats["content_hash"] == catalogue.content_hash()
