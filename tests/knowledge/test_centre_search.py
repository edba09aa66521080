"""Centre search by the city or region a person types, on the shipped catalogue: ten centres
in nine regions (two in Voronezh), one city each."""

from __future__ import annotations

import pytest

from knowledge import DATA_DIR, Catalogue, load_catalogue

VORONEZH_BOTH = ["copp-voronezh-vpt", "copp-voronezh"]  # the order of centres_in_region


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    return load_catalogue(DATA_DIR)


def _ids(catalogue: Catalogue, text: str) -> list[str]:
    return [centre.id for centre in catalogue.centre_search(text)]


def test_the_shipped_centres_are_the_ones_these_tests_expect(shipped: Catalogue) -> None:
    cities = {centre.id: (centre.city, centre.region) for centre in shipped.centres.values()}
    assert cities["copp-tomsk"] == ("Томск", "RU-TOM")
    assert cities["copp-tver"] == ("Тверь", "RU-TVE")
    assert cities["gtt-orenburg"] == ("Оренбург", "RU-ORE")
    assert cities["copp-rostov"] == ("Ростов-на-Дону", "RU-ROS")
    assert [c.id for c in shipped.centres_in_region("RU-VOR")] == VORONEZH_BOTH


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the city as written, in any letter case, with «г.» or «город»
        ("Тверь", "copp-tver"),
        ("ТВЕРЬ", "copp-tver"),
        ("г. Тверь", "copp-tver"),
        ("г.Тверь", "copp-tver"),
        ("город Пермь", "copp-perm"),
        ("Томск", "copp-tomsk"),
        ("Красноярск", "copp-krasnoyarsk"),
        ("Ростов-на-Дону", "copp-rostov"),
        # in Latin letters
        ("tomsk", "copp-tomsk"),
        ("Tver", "copp-tver"),
        ("Orenburg", "gtt-orenburg"),
        ("Krasnoyarsk", "copp-krasnoyarsk"),
        ("Kemerovo", "copp-kuzbass"),
        ("Rostov-on-Don", "copp-rostov"),
        # the city in the cases of a sentence
        ("в оренбурге", "gtt-orenburg"),
        ("из томска", "copp-tomsk"),
        ("в твери", "copp-tver"),
        ("в перми", "copp-perm"),
        ("в Тамбове", "copp-tambov"),
        ("под Тамбовом", "copp-tambov"),
        ("в кемерове", "copp-kuzbass"),
        ("в ростове-на-дону", "copp-rostov"),
        ("в Красноярске", "copp-krasnoyarsk"),
        ("я живу в томске", "copp-tomsk"),
        # the region, in its own name, adjective forms and aliases
        ("Томская область", "copp-tomsk"),
        ("томской области", "copp-tomsk"),
        ("из Тверской области", "copp-tver"),
        ("пермского края", "copp-perm"),
        ("Пермский край", "copp-perm"),
        ("красноярский край", "copp-krasnoyarsk"),
        ("Тамбовская обл.", "copp-tambov"),
        ("тамбовской", "copp-tambov"),
        ("Ростов", "copp-rostov"),
        ("Кузбасс", "copp-kuzbass"),
        # another town of a region that has a centre
        ("Северск", "copp-tomsk"),
        ("Таганрог", "copp-rostov"),
        ("Норильск", "copp-krasnoyarsk"),
        # a typo that region_search forgives
        ("оренбуг", "gtt-orenburg"),
    ],
)
def test_one_centre_is_found(shipped: Catalogue, text: str, expected: str) -> None:
    assert _ids(shipped, text) == [expected]


@pytest.mark.parametrize(
    "text", ["Воронеж", "в воронеже", "Voronezh", "воронежской области", "Воронежская область"]
)
def test_both_centres_of_voronezh(shipped: Catalogue, text: str) -> None:
    assert _ids(shipped, text) == VORONEZH_BOTH


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "в",
        "г.",
        "атлантида",
        "Москва",  # a region without a centre
        "в Москве",
        "Омск",  # a substring of «Томск», but another region, which has no centre
        "моск",
        "Новосибирск",
        "12345",
    ],
)
def test_nothing_is_found(shipped: Catalogue, text: str) -> None:
    assert shipped.centre_search(text) == []


def test_a_named_city_comes_before_a_named_region(shipped: Catalogue) -> None:
    # By region alone Кемеровская would come first (regions are ordered by name).
    assert _ids(shipped, "Кемеровская область, Тверь") == ["copp-tver", "copp-kuzbass"]
    assert _ids(shipped, "Тверь, Кемеровская область") == ["copp-tver", "copp-kuzbass"]


def test_cities_come_in_the_order_they_are_named(shipped: Catalogue) -> None:
    assert _ids(shipped, "Томск или Тверь") == ["copp-tomsk", "copp-tver"]
    assert _ids(shipped, "Тверь или Томск") == ["copp-tver", "copp-tomsk"]


def test_the_centre_in_the_named_city_comes_before_others_of_its_region(
    shipped: Catalogue,
) -> None:
    catalogue = _with_vpt_in_borisoglebsk(shipped)
    assert _ids(catalogue, "в Борисоглебске") == ["copp-voronezh-vpt"]
    assert _ids(catalogue, "Воронеж") == ["copp-voronezh", "copp-voronezh-vpt"]
    assert _ids(catalogue, "Борисоглебск, Воронежская область") == [
        "copp-voronezh-vpt",
        "copp-voronezh",
    ]
    assert _ids(catalogue, "воронежской области") == VORONEZH_BOTH


@pytest.mark.parametrize(
    "text",
    ["Борисоглебск", "в Борисоглебске", "из Борисоглебска", "под Борисоглебском", "Borisoglebsk"],
)
def test_a_town_no_region_alias_names_is_found_by_its_centre_city(
    shipped: Catalogue, text: str
) -> None:
    # Only the centre's own city names Borisoglebsk: the region search knows no such town.
    assert shipped.region_search(text, typos=True) == []
    assert _ids(_with_vpt_in_borisoglebsk(shipped), text) == ["copp-voronezh-vpt"]


def _with_vpt_in_borisoglebsk(shipped: Catalogue) -> Catalogue:
    """The shipped catalogue with the second Voronezh centre moved to another town."""
    moved = shipped.centres["copp-voronezh-vpt"].model_copy(update={"city": "Борисоглебск"})
    entities = [
        moved if getattr(entity, "id", None) == moved.id else entity
        for _, entity in shipped.iter_entities()
    ]
    return Catalogue.build(entities, onet=shipped.onet)


def test_each_centre_appears_once(shipped: Catalogue) -> None:
    # The city, the region by name and the region by alias all name the same centre.
    assert _ids(shipped, "Томск Томская область tomsk") == ["copp-tomsk"]


def test_every_shipped_centre_is_found_by_its_city(shipped: Catalogue) -> None:
    for centre in shipped.centres.values():
        found = shipped.centre_search(centre.city)
        assert centre.id in [other.id for other in found], centre.city
        assert {other.region for other in found} == {centre.region}, centre.city
