"""A small, fully consistent catalogue written as YAML into a temporary data folder."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge import Catalogue, load_catalogue

TODAY = date(2026, 11, 1)
TOMSK = timezone(timedelta(hours=7))
DESCRIPTION = (
    "Сварщик соединяет металлические детали на заводе, на стройке и в мастерской. "
    "Работа идёт стоя или в неудобной позе, часто в помещении цеха, иногда на улице. "
    "Нужны аккуратность, твёрдая рука и внимание к безопасности: рядом горячий металл "
    "и яркая дуга. Подходит тем, кто любит делать вещи руками и видеть результат. "
)
IT_DESCRIPTION = (
    "Программист пишет и проверяет программы для компаний, сайтов и приложений. "
    "Работа сидячая, в офисе или из дома, без тяжёлой физической нагрузки. "
    "Нужны внимательность, умение разбираться в задаче и учиться новому. "
    "Подходит тем, кто любит логические задачи, компьютеры и спокойную работу за столом. "
    "Можно работать в любом городе."
)


def _profession(code: str, name: str, title: str, description: str, onet: str) -> dict[str, Any]:
    return {
        "id": code,
        "code": code,
        "level": "profession" if code[3:5] == "01" else "specialty",
        "name": name,
        "title": title,
        "group": f"{code[:2]}.00.00",
        "qualifications": [title],
        "duration": {"after_9": 34, "after_11": 22},
        "industries": ["mechanical_engineering"] if code.startswith("15") else ["it"],
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


def _centre(cid: str, region: str, tz: str, name: str) -> dict[str, Any]:
    return {
        "id": cid,
        "kind": "copp" if cid.startswith("copp") else "college",
        "name": name,
        "short_name": name.split()[0],
        "region": region,
        "city": "Город",
        "address": "ул. Тестовая, 1",
        "phone": "+7 000 000-00-00",
        "email": "test@example.org",
        "timezone": tz,
        "hours": [
            {
                "weekday": d,
                "opens": "09:00",
                "closes": "18:00",
                "break_start": "13:00",
                "break_end": "14:00",
            }
            for d in range(5)
        ],
        "industries": ["it"],
        "hours_illustrative": True,
        "source": "test",
    }


def programme_data(pid: str = "prg-copp-tomsk-svarka", **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": pid,
        "kind": "upskilling",
        "title": "Ручная дуговая сварка",
        "description": "Практический курс сварки для взрослых: теория, техника безопасности "
        "и много часов в мастерской.",
        "centre": "copp-tomsk",
        "professions": ["15.01.05"],
        "hours": 72,
        "format": "in_person",
        "schedule": "вечером, 3 раза в неделю",
        "audience": ["adults", "unemployed"],
        "document": "удостоверение о повышении квалификации",
        "price_rub": 18000,
        "funding": ["paid", "employment_support"],
        "start_dates": [date(2026, 12, 1), date(2027, 2, 1)],
        "illustrative": True,
        "source": "test",
    }
    data.update(changes)
    return data


def catalogue_files() -> dict[str, list[dict[str, Any]]]:
    """File name (relative to the data folder) → records."""
    return {
        "industries.yaml": [
            {"id": "mechanical_engineering", "name": "Машиностроение", "source": "test"},
            {"id": "it", "name": "Информационные технологии", "source": "test"},
        ],
        "groups.yaml": [
            {"code": "15.00.00", "name": "Машиностроение", "source": "test"},
            {"code": "09.00.00", "name": "Информатика и вычислительная техника", "source": "test"},
        ],
        "regions.yaml": [
            {
                "id": "RU-TOM",
                "name": "Томская область",
                "timezone": "Asia/Tomsk",
                "aliases": ["томск", "tomsk"],
            },
            {"id": "RU-ORE", "name": "Оренбургская область", "timezone": "Asia/Yekaterinburg"},
            {"id": "RU-MOW", "name": "Москва", "timezone": "Europe/Moscow", "aliases": ["мск"]},
            {"id": "RU-MOS", "name": "Московская область", "timezone": "Europe/Moscow"},
        ],
        "professions/15.yaml": [
            _profession(
                "15.01.05",
                "Сварщик (ручной и частично механизированной сварки (наплавки))",
                "Сварщик",
                DESCRIPTION,
                "51-4121.00",
            )
        ],
        "professions/09.yaml": [
            _profession(
                "09.02.07",
                "Информационные системы и программирование",
                "Программист",
                IT_DESCRIPTION,
                "15-1252.00",
            )
        ],
        "competencies.yaml": [
            {
                "id": "cmp-svarka",
                "name": "Сварочные технологии",
                "championship": "professionals",
                "professions": ["15.01.05"],
                "source": "test",
            },
            {
                "id": "cmp-svarka-abilympics",
                "name": "Сварочные технологии",
                "championship": "abilympics",
                "professions": ["15.01.05"],
                "source": "test",
            },
        ],
        "centres.yaml": [
            _centre("copp-tomsk", "RU-TOM", "Asia/Tomsk", "ЦОПП Томской области"),
            _centre("college-orenburg", "RU-ORE", "Asia/Yekaterinburg", "Оренбургский колледж"),
        ],
        "programmes/copp-tomsk.yaml": [
            programme_data(),
            programme_data(
                "prg-copp-tomsk-proba",
                kind="taster",
                title="Профпроба: первый шов",
                hours=2,
                audience=["school"],
                min_grade=8,
                document="сертификат участника",
                price_rub=None,
                funding=["free"],
                start_dates=[date(2026, 11, 10)],
            ),
        ],
        "programmes/college-orenburg.yaml": [
            programme_data(
                "prg-college-orenburg-python",
                kind="retraining",
                title="Программирование на Python",
                centre="college-orenburg",
                professions=["09.02.07"],
                hours=256,
                format="online",
                price_rub=45000,
                funding=["paid"],
                start_dates=[date(2027, 1, 15)],
                illustrative=False,
            )
        ],
        "events.yaml": [
            {
                "id": "ev-dod-tomsk",
                "kind": "open_day",
                "title": "День открытых дверей",
                "starts_at": datetime(2026, 12, 5, 11, 0, tzinfo=TOMSK),
                "ends_at": datetime(2026, 12, 5, 14, 0, tzinfo=TOMSK),
                "registration_deadline": datetime(2026, 12, 3, 18, 0, tzinfo=TOMSK),
                "region": "RU-TOM",
                "centre": "copp-tomsk",
                "audience": ["school", "adults"],
                "competencies": ["cmp-svarka"],
                "illustrative": True,
                "source": "test",
            },
            {
                "id": "ev-final-online",
                "kind": "final_stage",
                "title": "Финал чемпионата",
                "starts_at": datetime(2027, 5, 20, 9, 0, tzinfo=timezone(timedelta(hours=3))),
                "ends_at": datetime(2027, 5, 25, 18, 0, tzinfo=timezone(timedelta(hours=3))),
                "online": True,
                "audience": ["adults"],
                "illustrative": False,
                "source": "test",
            },
        ],
        "faq.yaml": [
            {
                "id": "faq-besplatno",
                "question": "Можно ли учиться бесплатно?",
                "paraphrases": ["бесплатное обучение"],
                "answer": "Да: по проекту «Содействие занятости» обучение бесплатно для "
                "безработных, людей 50+ и мам в декрете.",
                "answer_en": "Yes, the employment support project pays for eligible people.",
                "source": "test",
            }
        ],
    }


def write_data(root: Path, files: dict[str, list[dict[str, Any]]]) -> Path:
    for name, records in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), "utf-8")
    return root


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return write_data(tmp_path / "data", catalogue_files())


@pytest.fixture
def catalogue(data_dir: Path) -> Catalogue:
    return load_catalogue(data_dir)
