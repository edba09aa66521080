from __future__ import annotations

import pytest

from knowledge import RiasecProfile, derive_profile, load_onet_table


def test_from_onet_normalises_one_to_seven() -> None:
    profile = RiasecProfile.from_onet([1, 7, 4, 1, 1, 1])
    assert profile.as_tuple() == (0.0, 1.0, 0.5, 0.0, 0.0, 0.0)


def test_holland_code_takes_types_close_to_the_top() -> None:
    assert RiasecProfile(1.0, 0.2, 0.1, 0.0, 0.0, 0.3).holland_code == "R"
    assert RiasecProfile(0.9, 0.1, 0.0, 0.0, 0.0, 0.8).holland_code == "RC"
    assert RiasecProfile(0.8, 0.8, 0.8, 0.8, 0.1, 0.1).holland_code == "RIA"  # at most three


def test_holland_code_breaks_ties_in_riasec_order() -> None:
    assert RiasecProfile(0.0, 0.0, 0.0, 0.5, 0.5, 0.0).holland_code == "SE"


def test_scores_outside_zero_one_are_refused() -> None:
    with pytest.raises(ValueError, match=r"0\.\.1"):
        RiasecProfile(1.5, 0, 0, 0, 0, 0)


def test_shipped_table_loads_once() -> None:
    table = load_onet_table()
    assert load_onet_table() is table
    welders = table["51-4121.00"]
    assert welders.holland_code.startswith("R")


def test_derive_profile_is_the_mean() -> None:
    table = {
        "a": RiasecProfile(1.0, 0.0, 0.0, 0.0, 0.0, 0.0),
        "b": RiasecProfile(0.0, 1.0, 0.0, 0.0, 0.0, 0.5),
    }
    assert derive_profile(["a", "b"], table).as_tuple() == (0.5, 0.5, 0.0, 0.0, 0.0, 0.25)


def test_derive_profile_rejects_unknown_and_empty() -> None:
    with pytest.raises(KeyError):
        derive_profile(["99-9999.99"])
    with pytest.raises(ValueError, match="at least one"):
        derive_profile([])
