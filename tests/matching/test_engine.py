"""Search behaviour with the fake encoder: filters, fusion, reasons, odd input, threads."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import numpy as np
import pytest

from matching import Document, FakeEncoder, Filters, SearchEngine
from matching.fusion import fuse, profile_similarity, standardise
from matching.text import get_lemmatizer, looks_like_word, normalise, truncate_query
from tests.matching.conftest import FAKE_CONFIG


def _ids(engine: SearchEngine, query: str, **kwargs: object) -> list[str]:
    return [hit.id for hit in engine.search(query, **kwargs).hits]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("хочу стать сварщиком", "15.01.05"),
        ("оператор ЧПУ", "15.02.16"),
        ("БПЛА", "25.02.08"),
        ("хочу стать пограмистом", "09.02.07"),
        ("cварщик", "15.01.05"),  # Latin «c» inside a Cyrillic word
        ("welder", "15.01.05"),
    ],
)
def test_lexical_retrievers_catch_words_abbreviations_and_typos(
    fake_engine: SearchEngine, query: str, expected: str
) -> None:
    assert (
        _ids(fake_engine, query, filters=Filters(kinds=frozenset({"profession", "specialty"})))[0]
        == expected
    )


def test_filters_are_applied_before_taking_top_n() -> None:
    # 40 documents about welding, 6 about cooking in Tomsk: a welding query with a Tomsk
    # filter must still fill all five places with Tomsk documents.
    documents = [
        Document(
            id=f"w{i:02d}",
            kind="programme",
            title=f"Сварщик {i}",
            text=f"Сварка металла, курс {i}",
            facets={"region": frozenset({"RU-MOW"})},
        )
        for i in range(40)
    ] + [
        Document(
            id=f"c{i}",
            kind="programme",
            title=f"Повар {i}",
            text=f"Кулинария, курс {i}",
            facets={"region": frozenset({"RU-TOM"})},
        )
        for i in range(6)
    ]
    engine = SearchEngine(documents, FAKE_CONFIG, encoders=[FakeEncoder()])
    hits = engine.search("сварщик", filters=Filters(regions=frozenset({"RU-TOM"})), top_n=5).hits
    assert len(hits) == 5
    assert all(hit.id.startswith("c") for hit in hits)
    assert ("region", "RU-TOM") in hits[0].reason.facets


def test_filters_on_kind_format_free_audience_and_dates(fake_engine: SearchEngine) -> None:
    only_programmes = Filters(kinds=frozenset({"programme"}))
    assert {h.kind for h in fake_engine.search("курс", filters=only_programmes, top_n=10).hits} == {
        "programme"
    }

    online = fake_engine.search(
        "бухгалтер", filters=Filters(kinds=frozenset({"programme"}), formats=frozenset({"online"}))
    ).hits
    assert [h.id for h in online] == ["prg-copp-tver-1c"]

    free = fake_engine.search(
        "курс", filters=Filters(kinds=frozenset({"programme"}), free_only=True), top_n=10
    ).hits
    assert "prg-copp-tver-1c" not in {h.id for h in free} and free

    seniors = fake_engine.search(
        "смартфон",
        filters=Filters(audience=frozenset({"seniors"}), kinds=frozenset({"programme"})),
        top_n=10,
    ).hits
    assert {h.id for h in seniors} == {"prg-copp-tomsk-welder", "prg-copp-perm-smart"}

    later = fake_engine.search(
        "курс",
        filters=Filters(kinds=frozenset({"programme"}), starts_after=date(2025, 6, 1)),
        top_n=10,
    ).hits
    assert "prg-copp-perm-smart" not in {h.id for h in later}
    # A programme without known dates is not excluded unless the filter is strict.
    assert "prg-copp-tomsk-taster-cook" in {h.id for h in later}
    strict = Filters(kinds=frozenset({"programme"}), starts_after=date(2025, 6, 1), strict=True)
    assert "prg-copp-tomsk-taster-cook" not in {
        h.id for h in fake_engine.search("курс", filters=strict, top_n=10).hits
    }


def test_region_filter_keeps_professions_unless_strict(fake_engine: SearchEngine) -> None:
    loose = _ids(fake_engine, "сварщик", filters=Filters(regions=frozenset({"RU-TOM"})), top_n=20)
    assert "15.01.05" in loose and "prg-copp-tver-1c" not in loose
    strict = _ids(
        fake_engine,
        "сварщик",
        filters=Filters(regions=frozenset({"RU-TOM"}), strict=True),
        top_n=20,
    )
    assert "15.01.05" not in strict


def test_filter_that_nothing_passes_gives_no_hits(fake_engine: SearchEngine) -> None:
    result = fake_engine.search(
        "сварщик", filters=Filters(regions=frozenset({"RU-XXX"}), strict=True)
    )
    assert result.hits == [] and not result.confident


def test_standardise_and_fuse() -> None:
    scores = np.array([1.0, 2.0, 3.0, 100.0], dtype=np.float32)
    mask = np.array([True, True, True, False])
    z = standardise(scores, mask)
    assert z[3] == 0.0
    plain = np.array([-1.2247, 0.0, 1.2247])
    np.testing.assert_allclose(z[:3], 4.0 * np.tanh(plain / 4.0), atol=1e-3)  # soft cap at 4
    flat = standardise(np.ones(4, dtype=np.float32), mask)
    assert not flat.any()
    # A peaked score is softly capped, and keeps its order.
    peaked = standardise(
        np.array([0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 6], dtype=np.float32), np.ones(11, dtype=bool)
    )
    assert peaked[10] > peaked[9] and peaked[10] < 4.0
    fused, parts = fuse(
        {"a": scores, "b": -scores, "c": np.zeros(4, np.float32)},
        {"a": 3.0, "b": 1.0, "c": 5.0},
        mask,
    )
    np.testing.assert_allclose(fused[:3], (3 * parts["a"][:3] + parts["b"][:3]) / 4, atol=1e-6)


def test_profile_similarity_is_centred() -> None:
    matrix = np.array(
        [[0.9, 0.2, 0.1, 0.1, 0.2, 0.3], [0.1, 0.2, 0.9, 0.8, 0.2, 0.1], [0.0] * 6],
        dtype=np.float32,
    )
    present = np.array([True, True, False])
    similarity = profile_similarity([1.0, 0.3, 0.0, 0.0, 0.1, 0.2], matrix, present)
    assert similarity[0] > 0.8 > similarity[1] and similarity[2] == 0.0


def test_riasec_profile_nudges_the_ranking_and_explains(fake_engine: SearchEngine) -> None:
    social = (0.1, 0.3, 0.2, 1.0, 0.3, 0.2)
    plain = fake_engine.search("работа в помещении", top_n=13)
    nudged = fake_engine.search("работа в помещении", top_n=13, riasec=social)
    rank = lambda result, doc_id: [h.id for h in result.hits].index(doc_id)  # noqa: E731
    assert rank(nudged, "34.02.01") <= rank(plain, "34.02.01")
    nurse = next(h for h in nudged.hits if h.id == "34.02.01")
    assert "S" in nurse.reason.riasec_types


def test_reasons_name_the_users_words_and_notable_facets(fake_engine: SearchEngine) -> None:
    hit = fake_engine.search(
        "хочу учиться на сварщика бесплатно", filters=Filters(kinds=frozenset({"programme"}))
    ).hits[0]
    assert hit.id == "prg-copp-tomsk-welder"
    assert "сварщика" in hit.reason.matched_words
    assert ("funding", "employment_support") in hit.reason.facets
    assert ("audience", "seniors") in hit.reason.facets


def test_situation_words_call_for_facets(fake_engine: SearchEngine) -> None:
    result = fake_engine.search(
        "спина болит, хочу сидячую работу",
        filters=Filters(kinds=frozenset({"profession", "specialty"})),
        top_n=3,
    )
    assert result.hits[0].id in {"09.02.07", "38.02.01"}
    assert ("posture", "sitting") in result.hits[0].reason.facets
    assert "спина" not in result.hits[0].reason.matched_words


@pytest.mark.parametrize("query", ["", "   \n\t ", "🙂🙂🙂", "👍", "...", "123", "!!!???"])
def test_empty_emoji_and_symbol_queries_return_nothing(
    fake_engine: SearchEngine, query: str
) -> None:
    result = fake_engine.search(query)
    assert result.hits == [] and result.confident is False


@pytest.mark.parametrize(
    "query", ["ываыва", "фывапролдж", "не знаю", "хочу работать", "привет", "ааааааа"]
)
def test_gibberish_and_vague_queries_are_not_confident(
    fake_engine: SearchEngine, query: str
) -> None:
    assert fake_engine.search(query).confident is False


def test_clear_query_is_confident(fake_engine: SearchEngine) -> None:
    assert fake_engine.search("хочу стать сварщиком").confident


def test_very_long_query_is_truncated_not_fatal(fake_engine: SearchEngine) -> None:
    query = "хочу стать сварщиком " + "очень " * 10_000
    result = fake_engine.search(query)
    assert result.hits and len(result.query) <= 1000
    assert len(truncate_query("слово " * 5000).split()) <= 100
    assert truncate_query("x" * 10_000) == "x" * 1000


def test_english_and_mixed_input_do_not_raise(fake_engine: SearchEngine) -> None:
    for query in [
        "I want to be a cook",
        "хочу work с computers",
        "1C бухгалтерия",
        "ЧПУ!!!",
        "ëлка",
    ]:
        assert fake_engine.search(query).hits


def test_normalise_fixes_mixed_layouts() -> None:
    assert normalise("Cварщик") == "сварщик"
    assert normalise("1C") == "1с"
    assert normalise("Ёлка") == "елка"
    assert normalise("python") == "python"


def test_looks_like_word() -> None:
    lemmatizer = get_lemmatizer()
    assert looks_like_word("пограмист", lemmatizer)
    assert looks_like_word("сварщик", lemmatizer)
    assert not looks_like_word("ываыва", lemmatizer)
    assert not looks_like_word("qwerty", lemmatizer)


def test_identical_input_identical_output(documents: list[Document]) -> None:
    first = SearchEngine(documents, FAKE_CONFIG, encoders=[FakeEncoder()])
    shuffled = documents[:]
    random.Random(7).shuffle(shuffled)
    second = SearchEngine(shuffled, FAKE_CONFIG, encoders=[FakeEncoder()])
    for query in ["сварщик", "курс", "работа", "бухгалтер онлайн"]:
        a = first.search(query, top_n=13)
        assert a == first.search(query, top_n=13)
        assert [(h.id, h.score) for h in a.hits] == [
            (h.id, h.score) for h in second.search(query, top_n=13).hits
        ]


def test_concurrent_searches_match_serial_ones(fake_engine: SearchEngine) -> None:
    queries = [
        "сварщик",
        "повар",
        "программист",
        "бухгалтер",
        "дрон",
        "трактор",
        "смартфон",
        "ЧПУ",
    ] * 25
    serial = [fake_engine.search(q, top_n=5) for q in queries]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(lambda q: fake_engine.search(q, top_n=5), queries))
    assert parallel == serial


def test_collapse_repeated_titles() -> None:
    documents = [
        Document(
            id=f"p{i}",
            kind="programme",
            title="Сварщик",
            text="Курс сварки",
            facets={"centre": frozenset({f"c{i}"})},
        )
        for i in range(3)
    ] + [Document(id="x", kind="programme", title="Повар", text="Курс кулинарии")]
    engine = SearchEngine(documents, FAKE_CONFIG, encoders=[FakeEncoder()])
    assert [h.title for h in engine.search("сварщик", top_n=5).hits] == ["Сварщик", "Повар"]
    assert len(engine.search("сварщик", top_n=5, collapse_titles=False).hits) == 4


def test_document_validation() -> None:
    with pytest.raises(ValueError, match="kind"):
        Document(id="a", kind="course", title="t", text="t")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="riasec"):
        Document(id="a", kind="faq", title="t", text="t", riasec=(2.0, 0, 0, 0, 0, 0))
    doc = Document(id="a", kind="faq", title="t", text="t", facets={"k": {"v"}})  # type: ignore[dict-item]
    assert doc.facets["k"] == frozenset({"v"})


def _bilingual(english: bool) -> list[Document]:
    rows = [
        (
            "w",
            "Сварщик",
            "Сварка металла: трубы, балки, корпуса судов.",
            "Welder",
            "Welding metal.",
        ),
        ("c", "Повар", "Готовит блюда в кафе и столовой.", "Cook", "Cooking meals in a cafe."),
        ("d", "Водитель", "Возит людей и грузы на автомобиле.", "Driver", "Drives a car or a bus."),
        ("t", "Учитель", "Учит детей в школе.", "Teacher", "Teaches children at school."),
    ]
    return [
        Document(
            id=doc_id,
            kind="profession",
            title=title,
            text=text,
            title_en=title_en if english else "",
            text_en=text_en if english else "",
        )
        for doc_id, title, text, title_en, text_en in rows
    ]


def test_english_words_find_english_texts_and_their_forms() -> None:
    engine = SearchEngine(_bilingual(english=True), FAKE_CONFIG)
    for query, expected in (
        ("I want to be a welder", "w"),  # «welder» and «welding» share a stem
        ("welding courses", "w"),
        ("cooking", "c"),
        ("I like driving", "d"),
        ("teaching kids", "t"),
    ):
        # The lexical retrievers alone: the fake encoder's vectors are noise.
        hits = engine.search(query, top_n=1, retrievers=("bm25", "chargram")).hits
        assert hits[0].id == expected, query
        assert hits[0].reason.matched_words, query  # the word that matched can be quoted


def test_english_texts_leave_russian_questions_as_they_were() -> None:
    """The English index is searched only for text in Latin script: a Russian question
    gets the very same scores with the English texts as without them."""
    with_english = SearchEngine(_bilingual(english=True), FAKE_CONFIG)
    russian_only = SearchEngine(_bilingual(english=False), FAKE_CONFIG)
    for query in ("хочу варить металл", "готовить еду", "водить машину, а не welding"):
        first = with_english.search(query, top_n=4).hits
        second = russian_only.search(query, top_n=4).hits
        assert [(h.id, h.score) for h in first] == [(h.id, h.score) for h in second], query
    # ...while an English question differs: it finds the English words.
    assert with_english.search("cooking", top_n=1).hits[0].reason.matched_words == ("cooking",)
    assert not russian_only.search("cooking", top_n=1).hits[0].reason.matched_words
