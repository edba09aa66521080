"""Catalogue gaps: what is cut out of a question, and how similar questions are grouped."""

from __future__ import annotations

from bot.services.analytics.gaps import group, scrub


def test_contacts_links_and_long_numbers_are_cut_out() -> None:
    text = "Мой телефон +7 (913) 123-45-67, ivan@mail.ru, @ivan_t, https://vk.com/x — хочу в IT"
    assert scrub(text) == "Мой телефон …, …, …, … — хочу в IT"
    assert scrub("  12345 678  ") is None  # nothing but numbers: nothing to keep
    assert scrub("хочу на 2 курса") == "хочу на 2 курса"  # short numbers say something


def test_similar_questions_are_one_group_named_by_the_most_frequent_wording() -> None:
    texts = ["Пилот дронов", "пилот дронов", "хочу стать пилотом дрона", "пилот дрона"]
    texts += ["хочу управлять дронами"]  # «дронами» is not in the dictionary: cut to «дрон»
    texts += ["хочу в полицию", "работа в полиции", "ываываыва"]
    gaps = group(texts)
    assert [(g.text, g.count) for g in gaps] == [
        ("пилот дронов", 5),
        ("хочу в полицию", 2),
        ("ываываыва", 1),
    ]
    assert gaps[0].examples == ("хочу стать пилотом дрона", "пилот дрона")
    assert len(group(texts, limit=2)) == 2
