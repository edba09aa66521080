"""A small catalogue of plain documents, written for the engine's tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from matching import Document, EngineConfig, FakeEncoder, SearchEngine

FAKE_CONFIG = EngineConfig(
    encoders=("fake",), weights={"fake": 1.0, "bm25": 0.5, "chargram": 0.5, "needs": 1.0}
)


def _doc(
    doc_id: str,
    kind: str,
    title: str,
    text: str,
    keywords: str = "",
    riasec: tuple[float, float, float, float, float, float] | None = None,
    dates: tuple[date, ...] = (),
    **facets: set[str],
) -> Document:
    return Document(
        id=doc_id,
        kind=kind,  # type: ignore[arg-type]
        title=title,
        text=f"{title}. {text}",
        keywords=keywords,
        facets={key: frozenset(values) for key, values in facets.items()},
        dates=dates,
        riasec=riasec,
    )


def fixture_documents() -> list[Document]:
    return [
        _doc(
            "15.01.05",
            "profession",
            "Сварщик",
            "Соединяет металлические детали электрической дугой и газом в цеху и на стройке. Работа стоя, физическая нагрузка высокая.",
            "сварка варить металл welder",
            (0.9, 0.4, 0.1, 0.1, 0.2, 0.4),
            posture={"standing"},
            load={"high"},
            industry={"metallurgy"},
        ),
        _doc(
            "43.01.09",
            "profession",
            "Повар, кондитер",
            "Готовит блюда, печёт торты и пирожные на кухне ресторана или столовой. Работа стоя.",
            "кухня готовить cook торт",
            (0.7, 0.2, 0.5, 0.3, 0.3, 0.3),
            posture={"standing"},
            load={"medium"},
            industry={"food"},
        ),
        _doc(
            "09.02.07",
            "specialty",
            "Программист",
            "Пишет программы и сайты, работает за компьютером, можно удалённо. Работа сидячая.",
            "программирование код python 1С сайты developer",
            (0.4, 0.8, 0.3, 0.1, 0.2, 0.7),
            posture={"sitting"},
            load={"low"},
            suits={"remote_friendly", "limited_mobility"},
            industry={"it"},
        ),
        _doc(
            "15.02.16",
            "specialty",
            "Оператор станков с ЧПУ",
            "Настраивает станки с числовым программным управлением и вытачивает детали на заводе.",
            "ЧПУ токарь фрезеровщик",
            (0.9, 0.5, 0.1, 0.1, 0.2, 0.5),
            posture={"standing"},
            load={"medium"},
            industry={"mechanical_engineering"},
        ),
        _doc(
            "25.02.08",
            "specialty",
            "Оператор БПЛА",
            "Управляет беспилотниками и дронами, снимает местность с воздуха.",
            "БПЛА дрон квадрокоптер drone",
            (0.8, 0.5, 0.2, 0.1, 0.2, 0.4),
            posture={"mixed"},
            load={"low"},
            industry={"aviation"},
        ),
        _doc(
            "34.02.01",
            "specialty",
            "Медицинская сестра",
            "Помогает врачам, ухаживает за больными в больнице, делает уколы.",
            "медсестра больница nurse",
            (0.4, 0.5, 0.1, 0.9, 0.2, 0.4),
            posture={"standing"},
            load={"medium"},
            industry={"healthcare"},
        ),
        _doc(
            "38.02.01",
            "specialty",
            "Бухгалтер",
            "Ведёт учёт денег компании, считает налоги, работает в 1С за компьютером. Работа сидячая.",
            "бухучёт 1С налоги accountant",
            (0.2, 0.3, 0.1, 0.2, 0.4, 0.9),
            posture={"sitting"},
            load={"low"},
            suits={"remote_friendly", "limited_mobility", "hearing_impaired"},
            industry={"finance_trade"},
        ),
        _doc(
            "35.01.27",
            "profession",
            "Тракторист",
            "Управляет трактором и комбайном в поле, пашет и убирает урожай.",
            "трактор комбайн механизатор",
            (0.9, 0.2, 0.1, 0.1, 0.2, 0.3),
            posture={"sitting"},
            load={"high"},
            industry={"agriculture"},
        ),
        _doc(
            "prg-copp-tomsk-welder",
            "programme",
            "Сварщик ручной дуговой сварки",
            "Курс профессионального обучения для взрослых, бесплатно по проекту «Содействие занятости».",
            "сварка",
            None,
            (date(2026, 3, 1),),
            audience={"adults", "seniors", "unemployed"},
            region={"RU-TOM"},
            centre={"copp-tomsk"},
            format={"in_person"},
            funding={"employment_support"},
            free={"yes"},
        ),
        _doc(
            "prg-copp-tver-1c",
            "programme",
            "1С:Бухгалтерия",
            "Курс повышения квалификации онлайн: учёт в программе 1С для начинающих.",
            "1С бухучёт",
            None,
            (date(2026, 9, 1),),
            audience={"adults", "parents_on_leave"},
            region={"RU-TVE"},
            centre={"copp-tver"},
            format={"online"},
            funding={"paid"},
            free={"no"},
        ),
        _doc(
            "prg-copp-perm-smart",
            "programme",
            "Смартфон и Госуслуги",
            "Курс для старшего поколения: как пользоваться смартфоном, интернетом и Госуслугами.",
            "цифровая грамотность телефон",
            None,
            (date(2025, 1, 10),),
            audience={"seniors"},
            region={"RU-PER"},
            centre={"copp-perm"},
            format={"in_person"},
            funding={"free"},
            free={"yes"},
        ),
        _doc(
            "prg-copp-tomsk-taster-cook",
            "programme",
            "Профпроба «Повар»",
            "Профпроба для школьников: приготовить десерт своими руками на кухне колледжа.",
            "повар",
            None,
            (),
            audience={"school"},
            region={"RU-TOM"},
            centre={"copp-tomsk"},
            format={"in_person"},
            funding={"free"},
            free={"yes"},
        ),
        _doc(
            "faq-free",
            "faq",
            "Можно ли учиться бесплатно?",
            "Да, по проекту «Содействие занятости» обучение бесплатное для многих групп.",
            "бесплатно",
        ),
    ]


@pytest.fixture
def documents() -> list[Document]:
    return fixture_documents()


@pytest.fixture
def fake_engine(documents: list[Document], tmp_path: Path) -> SearchEngine:
    return SearchEngine(
        documents, FAKE_CONFIG, index_dir=tmp_path / "index", encoders=[FakeEncoder()]
    )
