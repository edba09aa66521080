from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone
from datetime import time as clock
from pathlib import Path

import pytest
from pydantic import BaseModel

from knowledge import (
    DATA_DIR,
    Catalogue,
    CatalogueError,
    Problem,
    check_data,
    load_catalogue,
    validate,
)
from knowledge.models import WorkingDay

from .conftest import TODAY, catalogue_files, programme_data, write_data


def _rebuild(catalogue: Catalogue, *changed: BaseModel, drop: tuple[str, ...] = ()) -> Catalogue:
    """The same catalogue with some records replaced (by id) or added, others dropped."""
    replaced = {(type(e), getattr(e, "id", getattr(e, "code", None))): e for e in changed}
    entities: list[BaseModel] = []
    files: list[str] = []
    for kind, entity in catalogue.iter_entities():
        key = (type(entity), getattr(entity, "id", getattr(entity, "code", None)))
        if key[1] in drop:
            continue
        entities.append(replaced.pop(key, entity))
        files.append(catalogue.origin(kind, str(key[1])))
    entities += replaced.values()
    files += ["extra.yaml"] * len(replaced)
    return Catalogue.build(entities, onet=catalogue.onet, files=files)


def _messages(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems]


def test_fixture_catalogue_is_valid(catalogue: Catalogue) -> None:
    assert validate(catalogue, today=TODAY) == []
    assert len(catalogue.professions) == 2
    assert len(catalogue.programmes) == 3
    assert catalogue.origin("programmes", "prg-copp-tomsk-svarka") == "programmes/copp-tomsk.yaml"


def test_load_is_cached_until_a_file_changes(data_dir: Path) -> None:
    first = load_catalogue(data_dir)
    assert load_catalogue(data_dir) is first
    path = data_dir / "faq.yaml"
    path.write_text(path.read_text("utf-8") + "\n", "utf-8")
    assert load_catalogue(data_dir) is not first


def test_missing_files_mean_empty_kinds(tmp_path: Path) -> None:
    catalogue = load_catalogue(tmp_path)
    assert catalogue.professions == {}
    assert validate(catalogue) == []


def test_unreadable_records_raise_with_every_problem(tmp_path: Path) -> None:
    files = catalogue_files()
    files["professions/15.yaml"][0]["code"] = "15.1.05"
    files["programmes/copp-tomsk.yaml"][0]["hours"] = 8  # upskilling needs 16
    files["faq.yaml"] = {"not": "a list"}  # type: ignore[assignment]
    data_dir = write_data(tmp_path, files)
    (data_dir / "groups.yaml").write_text("- code: [unclosed", "utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(data_dir)
    problems = caught.value.problems
    files_named = {p.file for p in problems}
    assert {
        "professions/15.yaml",
        "programmes/copp-tomsk.yaml",
        "faq.yaml",
        "groups.yaml",
    } <= files_named
    assert any(p.entity_id == "15.01.05" for p in problems)
    assert "problem" in str(caught.value)
    assert check_data(data_dir) == problems


def test_unquoted_times_are_refused(tmp_path: Path) -> None:
    data_dir = write_data(tmp_path, {"centres.yaml": catalogue_files()["centres.yaml"]})
    text = (data_dir / "centres.yaml").read_text("utf-8").replace("09:00", "9:00", 1)
    (data_dir / "centres.yaml").write_text(text, "utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(data_dir)
    assert "quotes" in caught.value.problems[0].message


def test_duplicate_ids_are_reported_with_the_repeat_file(tmp_path: Path) -> None:
    files = catalogue_files()
    files["programmes/college-orenburg.yaml"].append(programme_data())
    catalogue = load_catalogue(write_data(tmp_path, files))
    problems = validate(catalogue, today=TODAY)
    duplicate = [p for p in problems if "duplicate id" in p.message]
    assert len(duplicate) == 1
    # folder files load in name order: college-orenburg.yaml first, so copp-tomsk.yaml repeats
    assert duplicate[0].file == "programmes/copp-tomsk.yaml"
    assert "programmes/college-orenburg.yaml" in duplicate[0].message
    assert duplicate[0].entity_id == "prg-copp-tomsk-svarka"


def test_duplicate_names_within_a_kind(catalogue: Catalogue) -> None:
    region = catalogue.regions["RU-MOS"].model_copy(update={"name": "москва"})
    problems = validate(_rebuild(catalogue, region), today=TODAY)
    assert [(p.kind, p.field) for p in problems] == [("regions", "name")]


def test_same_competency_name_in_two_championships_is_fine(catalogue: Catalogue) -> None:
    names = {c.name for c in catalogue.competencies.values()}
    assert len(names) == 1
    assert validate(catalogue, today=TODAY) == []


def test_dangling_references(catalogue: Catalogue) -> None:
    profession = catalogue.professions["15.01.05"].model_copy(update={"industries": ["space"]})
    competency = catalogue.competencies["cmp-svarka"].model_copy(
        update={"professions": ["99.01.01"]}
    )
    centre = catalogue.centres["copp-tomsk"].model_copy(
        update={"region": "RU-XXX", "industries": ["x"]}
    )
    programme = catalogue.programmes["prg-copp-tomsk-svarka"].model_copy(
        update={"professions": ["15.01.99"]}
    )
    event = catalogue.events["ev-dod-tomsk"].model_copy(
        update={"centre": "copp-nowhere", "competencies": ["cmp-none"]}
    )
    broken = _rebuild(
        catalogue, profession, competency, centre, programme, event, drop=("09.00.00",)
    )
    found = {(p.kind, p.entity_id, p.field) for p in validate(broken, today=TODAY)}
    assert ("professions", "15.01.05", "industries") in found
    assert ("professions", "09.02.07", "group") in found
    assert ("competencies", "cmp-svarka", "professions") in found
    assert ("centres", "copp-tomsk", "region") in found
    assert ("centres", "copp-tomsk", "industries") in found
    assert ("programmes", "prg-copp-tomsk-svarka", "professions") in found
    assert ("events", "ev-dod-tomsk", "centre") in found
    assert ("events", "ev-dod-tomsk", "competencies") in found


def test_programme_centre_and_event_region(catalogue: Catalogue) -> None:
    programme = catalogue.programmes["prg-copp-tomsk-proba"].model_copy(
        update={"centre": "nowhere"}
    )
    event = catalogue.events["ev-final-online"].model_copy(update={"region": "RU-ZZZ"})
    found = {
        (p.entity_id, p.field) for p in validate(_rebuild(catalogue, programme, event), today=TODAY)
    }
    assert ("prg-copp-tomsk-proba", "centre") in found
    assert ("ev-final-online", "region") in found


def test_unknown_onet_code(catalogue: Catalogue) -> None:
    profession = catalogue.professions["15.01.05"].model_copy(update={"onet": ["00-0000.00"]})
    problems = validate(_rebuild(catalogue, profession), today=TODAY)
    assert [(p.entity_id, p.field) for p in problems] == [("15.01.05", "onet")]
    assert problems[0].file == "professions/15.yaml"


def test_invalid_time_zones(catalogue: Catalogue) -> None:
    centre = catalogue.centres["copp-tomsk"].model_copy(update={"timezone": "Asia/Tomskk"})
    region = catalogue.regions["RU-TOM"].model_copy(update={"timezone": "UTC+7"})
    found = {(p.kind, p.field) for p in validate(_rebuild(catalogue, centre, region), today=TODAY)}
    assert found == {("centres", "timezone"), ("regions", "timezone")}


def test_dates_outside_the_window(catalogue: Catalogue) -> None:
    programme = catalogue.programmes["prg-copp-tomsk-svarka"].model_copy(
        update={"start_dates": [date(2062, 9, 1), date(2016, 9, 1)]}
    )
    tz = timezone(timedelta(hours=7))
    event = catalogue.events["ev-dod-tomsk"].model_copy(
        update={
            "starts_at": datetime(2000, 1, 1, 10, tzinfo=tz),
            "registration_deadline": datetime(2027, 1, 1, tzinfo=tz),
        }
    )
    problems = validate(_rebuild(catalogue, programme, event), today=TODAY)
    fields = sorted(p.field or "" for p in problems)
    assert fields == ["registration_deadline", "start_dates", "start_dates", "starts_at"]


def test_programme_in_another_centres_file(tmp_path: Path) -> None:
    files = catalogue_files()
    moved = files["programmes/copp-tomsk.yaml"].pop()
    files["programmes/college-orenburg.yaml"].append(moved)
    problems = validate(load_catalogue(write_data(tmp_path, files)), today=TODAY)
    assert [(p.entity_id, p.field) for p in problems] == [("prg-copp-tomsk-proba", "centre")]


def test_opening_hours_checks(catalogue: Catalogue) -> None:
    bad_day = WorkingDay(weekday=5, opens=clock(18), closes=clock(9))
    odd_break = WorkingDay(
        weekday=6, opens=clock(9), closes=clock(12), break_start=clock(13), break_end=clock(14)
    )
    hours = [*catalogue.centres["copp-tomsk"].hours, bad_day, odd_break, bad_day]
    centre = catalogue.centres["copp-tomsk"].model_copy(update={"hours": hours})
    messages = _messages(validate(_rebuild(catalogue, centre), today=TODAY))
    assert any("listed 2 times" in m for m in messages)
    assert any("closes before it opens" in m for m in messages)
    assert any("within opening hours" in m for m in messages)


def test_check_mode_raises(tmp_path: Path) -> None:
    files = catalogue_files()
    files["events.yaml"][0]["centre"] = "copp-none"
    with pytest.raises(CatalogueError):
        load_catalogue(write_data(tmp_path, files), check=True)


def test_content_hash_is_stable_and_sensitive(data_dir: Path, tmp_path: Path) -> None:
    first = load_catalogue(data_dir)
    files = catalogue_files()
    files["faq.yaml"][0]["question"] = "Можно ли учиться бесплатно и без экзаменов?"
    changed = load_catalogue(write_data(tmp_path / "other", files))
    again = load_catalogue(write_data(tmp_path / "again", catalogue_files()))
    assert first is not again
    assert first.content_hash() == again.content_hash()
    assert first.content_hash() != changed.content_hash()
    assert len(first.content_hash()) == 64


def test_shipped_catalogue_validates() -> None:
    """The real data under knowledge/data: loads fast, and validate() finds nothing."""
    started = time.perf_counter()
    try:
        catalogue = load_catalogue(DATA_DIR)
    except CatalogueError as error:
        pytest.fail(str(error))
    elapsed = time.perf_counter() - started
    assert elapsed < 5  # well under 1 s in practice; a generous floor for slow CI machines
    problems = validate(catalogue)
    assert problems == [], "\n".join(str(p) for p in problems[:50])


def test_an_id_held_by_two_kinds(tmp_path: Path) -> None:
    # The search engine indexes professions and programmes together: «15.01.05» twice stops it.
    files = catalogue_files()
    files["programmes/copp-tomsk.yaml"].append(programme_data("15.01.05"))
    catalogue = load_catalogue(write_data(tmp_path, files))
    assert catalogue.conflicting_ids() == {"15.01.05": ("professions", "programmes")}
    problems = [p for p in validate(catalogue, today=TODAY) if p.field == "id"]
    assert [(p.kind, p.entity_id) for p in problems] == [("programmes", "15.01.05")]
    assert "also the id of a profession" in problems[0].message
    assert problems[0].file == "programmes/copp-tomsk.yaml"
