"""A small hand-written catalogue searched with the fake encoder, an in-memory unit of work
and a fixed clock: service tests that need neither the real encoders nor a database."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime
from typing import Any

import pytest

from bot.services.knowledge_base import KnowledgeBase
from knowledge import Catalogue, load_onet_table
from knowledge.models import Centre, Competency, FaqEntry, Profession, Programme, Region
from matching import EngineConfig, FakeEncoder
from tests.fakes import FakeUnitOfWork, FixedKnowledge

# 10:00 in Moscow, 14:00 in Tomsk: the day is the same everywhere in Russia.
NOW = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
FAKE_ENGINE = EngineConfig(
    encoders=("fake",), weights={"fake": 1.0, "bm25": 0.5, "chargram": 0.5, "needs": 1.0}
)
WELDER = "15.01.05"
PROGRAMMER = "09.02.07"
COOK = "43.01.09"


def _profession(code: str, title: str, onet: str, description: str, **changes: Any) -> Profession:
    data: dict[str, Any] = {
        "id": code,
        "code": code,
        "level": "profession",
        "name": title,
        "title": title,
        "group": f"{code[:2]}.00.00",
        "qualifications": [title],
        "duration": {"after_9": 34, "after_11": 22},
        "description": description,
        "conditions": {"posture": "standing", "place": "indoor", "physical_load": "medium"},
        "suits": {
            "limited_mobility": False,
            "hearing_impaired": True,
            "visually_impaired": False,
            "remote_friendly": False,
        },
        "synonyms": [title.lower()],
        "onet": [onet],
        "source": "test",
    }
    data.update(changes)
    return Profession.model_validate(data)


def _programme(pid: str, title: str, **changes: Any) -> Programme:
    data: dict[str, Any] = {
        "id": pid,
        "kind": "upskilling",
        "title": title,
        "description": f"{title}: практический курс для взрослых в мастерской центра, "
        "теория, техника безопасности и много часов практики.",
        "centre": "copp-tomsk",
        "professions": [WELDER],
        "hours": 72,
        "format": "in_person",
        "schedule": "вечером, 3 раза в неделю",
        "audience": ["adults"],
        "document": "удостоверение",
        "price_rub": 18000,
        "funding": ["paid"],
        "start_dates": [date(2026, 12, 1)],
        "illustrative": True,
        "source": "test",
    }
    data.update(changes)
    return Programme.model_validate(data)


def small_catalogue() -> Catalogue:
    """Three professions, one centre in Tomsk with four programmes, a region with no
    centre, a competency and an FAQ entry: each rule of the services has something to bite."""
    entities = [
        Region(id="RU-TOM", name="Томская область", name_en="Tomsk Oblast", timezone="Asia/Tomsk"),
        Region(id="RU-ORE", name="Оренбургская область", timezone="Asia/Yekaterinburg"),
        Centre.model_validate(
            {
                "id": "copp-tomsk",
                "kind": "copp",
                "name": "Центр опережающей профессиональной подготовки Томской области",
                "short_name": "ЦОПП Томск",
                "region": "RU-TOM",
                "city": "Томск",
                "address": "ул. Тестовая, 1",
                "phone": "+7 000 000-00-00",
                "email": "test@example.org",
                "timezone": "Asia/Tomsk",
                "hours": [{"weekday": d, "opens": "09:00", "closes": "18:00"} for d in range(5)],
                "hours_illustrative": True,
                "source": "test",
            }
        ),
        _profession(
            WELDER,
            "Сварщик",
            "51-4121.00",
            "Сварщик соединяет металлические детали сваркой на заводе, на стройке и в "
            "мастерской. Работа стоя, в цеху, рядом горячий металл и яркая дуга. Нужны "
            "аккуратность, твёрдая рука и внимание к технике безопасности. Подходит тем, "
            "кто любит работать руками, с техникой и металлом, и видеть результат своего "
            "труда: трубы, мосты, машины и станки держатся на сварных швах.",
            synonyms=["сварщик", "электросварщик", "сварка металла"],
        ),
        _profession(
            PROGRAMMER,
            "Программист",
            "15-1252.00",
            "Программист пишет и проверяет программы для компаний, сайтов и приложений. "
            "Работа сидячая, в офисе или из дома, за компьютером, без тяжёлой физической "
            "нагрузки. Нужны внимательность, логика и умение учиться новому. Подходит тем, "
            "кто любит компьютеры, программирование, информационные технологии и сети, "
            "логические задачи и спокойную работу за столом в любом городе.",
            level="specialty",
            conditions={"posture": "sitting", "place": "indoor", "physical_load": "low"},
        ),
        _profession(
            COOK,
            "Повар",
            "35-2014.00",
            "Повар готовит еду в кафе, столовой, ресторане или на фабрике-кухне: супы, "
            "горячие блюда, выпечку и десерты. Работа стоя, на кухне, у плиты, в жару и в "
            "спешке, часто сменами. Нужны чистоплотность, вкус и выносливость. Подходит "
            "тем, кто любит кулинарию, готовить еду для людей и пробовать новые рецепты; "
            "кондитер и пекарь учатся рядом, в общепите работы хватает везде.",
        ),
        Competency(
            id="cmp-svarka",
            name="Сварочные технологии",
            championship="professionals",
            professions=[WELDER],
            source="test",
        ),
        _programme(
            "prg-svarka",
            "Ручная дуговая сварка",
            audience=["adults", "unemployed"],
            funding=["paid", "employment_support"],
            start_dates=[date(2026, 11, 20), date(2026, 12, 1), date(2027, 2, 1)],
        ),
        _programme(
            "prg-argon",
            "Аргонодуговая сварка",
            price_rub=24000,
            start_dates=[date(2027, 3, 1)],
        ),
        _programme(
            "prg-proba",
            "Профпроба: первый шов",
            kind="taster",
            hours=2,
            audience=["school"],
            price_rub=None,
            funding=["free"],
            start_dates=[date(2026, 12, 10)],
        ),
        _programme(
            "prg-python",
            "Программирование на Python",
            kind="retraining",
            professions=[PROGRAMMER],
            hours=256,
            price_rub=45000,
            start_dates=[date(2027, 1, 15)],
        ),
        FaqEntry(
            id="faq-besplatno",
            question="Можно ли учиться бесплатно?",
            paraphrases=["бесплатное обучение", "учиться бесплатно"],
            answer="Да: по проекту «Содействие занятости» обучение бесплатно для безработных, "
            "людей 50+ и мам в декрете.",
            answer_en="Yes: the employment support project pays for eligible people.",
            source="test",
        ),
    ]
    return Catalogue.build(entities, onet=load_onet_table())


@functools.cache
def small_knowledge_base() -> KnowledgeBase:
    """Built once per test run: the index is read-only, so tests can share it."""
    return KnowledgeBase.build(
        small_catalogue(), FAKE_ENGINE, index_dir=None, encoders=[FakeEncoder()]
    )


@pytest.fixture
def knowledge() -> FixedKnowledge:
    return FixedKnowledge(small_knowledge_base())


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


def clock() -> datetime:
    return NOW
