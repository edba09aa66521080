"""Turn catalogue entities into the plain documents the search engine indexes.

The text says in words what users ask about: working conditions (sitting or standing,
indoors or out, physical load), who the work suits, who a programme is for, and whether
it is free. A query like «мне 45, спина болит, хочу сидячее» can only match what the
document text actually says.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from statistics import fmean

from knowledge import Catalogue
from knowledge.models import Audience, Centre, FaqEntry, Profession, Programme
from matching import Document

RiasecTuple = tuple[float, float, float, float, float, float]

INDUSTRY_NAMES: Mapping[str, str] = {
    "metallurgy": "металлургия",
    "mechanical_engineering": "машиностроение",
    "chemical": "химическая промышленность",
    "construction": "строительство",
    "pharma": "фармацевтика",
    "transport": "транспорт",
    "railway": "железная дорога",
    "fuel_energy": "энергетика",
    "oil_gas": "нефть и газ",
    "mining": "горное дело, добыча полезных ископаемых",
    "nuclear": "атомная промышленность",
    "shipbuilding": "судостроение",
    "aviation": "авиастроение и авиация",
    "agriculture": "сельское хозяйство",
    "food": "пищевая промышленность",
    "forestry": "лесная промышленность",
    "light_industry": "лёгкая промышленность",
    "it": "информационные технологии",
    "electronics": "электроника и приборостроение",
    "robotics": "робототехника и автоматизация",
    "education": "образование и педагогика",
    "healthcare": "здравоохранение и медицина",
    "tourism": "туризм и гостеприимство",
    "utilities": "ЖКХ, коммунальное хозяйство",
    "culture_media": "культура, искусство и медиа",
    "social": "социальная сфера",
    "finance_trade": "финансы и торговля",
}

_POSTURE = {
    "sitting": "работа сидячая, в основном сидя",
    "standing": "работа стоя, на ногах",
    "mixed": "работа то сидя, то стоя",
}
_PLACE = {
    "indoor": "в помещении",
    "outdoor": "на улице, на открытом воздухе",
    "mixed": "и в помещении, и на улице",
}
_LOAD = {
    "low": "физическая нагрузка низкая, труд лёгкий",
    "medium": "физическая нагрузка средняя",
    "high": "физическая нагрузка высокая, тяжёлый физический труд",
}
_PROGRAMME_KIND = {
    "vocational_training": (
        "профессиональное обучение, курсы рабочей профессии, свидетельство о профессии"
    ),
    "upskilling": "повышение квалификации, курсы для тех, у кого уже есть профессия",
    "retraining": "профессиональная переподготовка, новая профессия, переобучение, диплом",
    "taster": "профпроба для школьников, попробовать профессию руками",
}
_AUDIENCE: dict[str, str] = {
    Audience.school: "для школьников",
    Audience.adults: "для взрослых",
    Audience.seniors: "для людей старше 50 лет и предпенсионеров, пенсионеров",
    Audience.disabled: "для людей с инвалидностью и ОВЗ",
    Audience.parents_on_leave: "для мам в декрете и родителей в отпуске по уходу за ребёнком",
    Audience.unemployed: "для безработных и ищущих работу",
}
_FORMAT = {
    "in_person": "очно, на занятиях в центре",
    "online": "онлайн, дистанционно, из дома",
    "blended": "смешанный формат: часть онлайн, часть очно",
}
_FUNDING = {
    "paid": "платно",
    "employment_support": "бесплатно по федеральному проекту «Содействие занятости»",
    "regional_budget": "бесплатно за счёт бюджета региона",
    "free": "бесплатно",
}

# The English lexical index (questions written in Latin script) reads these words.
_PROGRAMME_KIND_EN = {
    "vocational_training": "vocational training course for a working trade, certificate",
    "upskilling": "upskilling course for those who already have a trade",
    "retraining": "retraining course for a new profession, diploma",
    "taster": "taster session for schoolchildren, try a trade with your hands",
}
_AUDIENCE_EN: dict[str, str] = {
    Audience.school: "for schoolchildren",
    Audience.adults: "for adults",
    Audience.seniors: "for people over 50, pre-retirement and retired",
    Audience.disabled: "for people with disabilities",
    Audience.parents_on_leave: "for parents on childcare leave",
    Audience.unemployed: "for the unemployed and job seekers",
}
_FORMAT_EN = {
    "in_person": "in person at the centre",
    "online": "online, remote, from home",
    "blended": "blended: partly online, partly in person",
}
_POSTURE_EN = {
    "sitting": "sitting work",
    "standing": "work on your feet",
    "mixed": "sitting and standing",
}
_PLACE_EN = {
    "indoor": "indoors",
    "outdoor": "outdoors, outside in the open air",
    "mixed": "indoors and outdoors",
}
_LOAD_EN = {"low": "light work", "medium": "medium physical load", "high": "heavy physical work"}


def _join(parts: Iterable[str]) -> str:
    """Sentences joined with a full stop, skipping empty ones."""
    cleaned = [part.strip().rstrip(".") for part in parts if part and part.strip()]
    return ". ".join(cleaned) + ("." if cleaned else "")


def conditions_words(profession: Profession) -> str:
    """Working conditions and suitability said in plain words."""
    conditions = profession.conditions
    parts = [
        _POSTURE[conditions.posture.value],
        _PLACE[conditions.place.value],
        _LOAD[conditions.physical_load.value],
    ]
    if conditions.shifts:
        parts.append("сменный график, бывают ночные смены")
    if conditions.risks:
        parts.append(f"риски: {conditions.risks}")
    suits = profession.suits
    if suits.limited_mobility:
        parts.append("подходит людям с ограниченной подвижностью, с ОВЗ")
    if suits.hearing_impaired:
        parts.append("подходит людям с нарушением слуха")
    if suits.visually_impaired:
        parts.append("подходит людям с нарушением зрения")
    if suits.remote_friendly:
        parts.append("можно работать удалённо, из дома")
    return ", ".join(parts)


def conditions_words_en(profession: Profession) -> str:
    """The same in English, for the English word index."""
    conditions, suits = profession.conditions, profession.suits
    parts = [
        _POSTURE_EN[conditions.posture.value],
        _PLACE_EN[conditions.place.value],
        _LOAD_EN[conditions.physical_load.value],
        "shifts, night shifts" if conditions.shifts else "",
        "suits people with limited mobility" if suits.limited_mobility else "",
        "suits people with hearing impairment" if suits.hearing_impaired else "",
        "suits people with visual impairment" if suits.visually_impaired else "",
        "remote work from home possible" if suits.remote_friendly else "",
    ]
    return ", ".join(part for part in parts if part)


def _onet_profile(codes: Sequence[str]) -> RiasecTuple | None:
    try:
        from knowledge.riasec import derive_profile
    except ImportError:  # pragma: no cover - the module ships with knowledge
        return None
    try:
        return derive_profile(codes).as_tuple()
    except (KeyError, ValueError):
        return None


def _mean_profile(profiles: Sequence[RiasecTuple]) -> RiasecTuple | None:
    if not profiles:
        return None
    columns = [fmean(column) for column in zip(*profiles, strict=True)]
    return (columns[0], columns[1], columns[2], columns[3], columns[4], columns[5])


def profession_document(
    profession: Profession, industry_names: Mapping[str, str] = INDUSTRY_NAMES
) -> Document:
    industries = [industry_names.get(industry, industry) for industry in profession.industries]
    level_words = (
        "профессия СПО, рабочая профессия"
        if profession.level == "profession"
        else "специальность СПО"
    )
    # The most telling parts come first: e5 reads only the first few hundred characters.
    text = _join(
        [
            profession.title,
            profession.name,
            ", ".join(profession.synonyms),
            f"Условия работы: {conditions_words(profession)}",
            f"Отрасль: {', '.join(industries)}" if industries else "",
            profession.description,
            f"{level_words}, квалификация: {', '.join(profession.qualifications)}",
        ]
    )
    keywords = " ".join(
        [
            profession.code,
            profession.name,
            *profession.synonyms,
            *profession.qualifications,
            *profession.subjects,
        ]
    )
    facets = _condition_facets(profession)
    facets["industry"] = frozenset(profession.industries)
    facets["level"] = frozenset({profession.level})
    return Document(
        id=profession.id,
        kind="profession" if profession.level == "profession" else "specialty",
        title=profession.title,
        text=text,
        keywords=keywords,
        facets=facets,
        riasec=_onet_profile(profession.onet),
        title_en=profession.title_en,
        text_en=_join([profession.description_en, conditions_words_en(profession)])
        if profession.title_en
        else "",
    )


def _condition_facets(profession: Profession) -> dict[str, frozenset[str]]:
    suits = profession.suits
    suit_values = {
        name
        for name, flag in (
            ("limited_mobility", suits.limited_mobility),
            ("hearing_impaired", suits.hearing_impaired),
            ("visually_impaired", suits.visually_impaired),
            ("remote_friendly", suits.remote_friendly),
        )
        if flag
    }
    facets: dict[str, frozenset[str]] = {
        "posture": frozenset({profession.conditions.posture.value}),
        "load": frozenset({profession.conditions.physical_load.value}),
    }
    if suit_values:
        facets["suits"] = frozenset(suit_values)
    return facets


def programme_document(
    programme: Programme,
    centres: Mapping[str, Centre],
    professions: Mapping[str, Profession],
    profiles: Mapping[str, RiasecTuple | None],
) -> Document:
    centre = centres.get(programme.centre)
    linked = [professions[pid] for pid in programme.professions if pid in professions]
    audience = [item.value for item in programme.audience]
    funding = [item.value for item in programme.funding]
    text = _join(
        [
            programme.title,
            f"Профессии: {', '.join(profession.title for profession in linked)}" if linked else "",
            _PROGRAMME_KIND[programme.kind.value],
            ", ".join(_AUDIENCE[value] for value in audience),
            _FORMAT[programme.format.value],
            ", ".join(_FUNDING[value] for value in funding),
            programme.description,
            f"{centre.short_name}, {centre.city}" if centre else "",
        ]
    )
    keywords = " ".join(
        [
            *(profession.name for profession in linked),
            *(s for p in linked for s in p.synonyms),
            programme.document,
        ]
    )
    industries = {industry for profession in linked for industry in profession.industries}
    facets: dict[str, frozenset[str]] = {
        "programme_kind": frozenset({programme.kind.value}),
        "audience": frozenset(audience),
        "centre": frozenset({programme.centre}),
        "format": frozenset({programme.format.value}),
        "funding": frozenset(funding),
        "free": frozenset({"yes" if programme.is_free else "no"}),
    }
    if centre is not None:
        facets["region"] = frozenset({centre.region})
    if industries:
        facets["industry"] = frozenset(industries)
    # A course leads to its professions' work, so it shares their conditions.
    for key in ("posture", "load", "suits"):
        inherited = frozenset(
            value for profession in linked for value in _condition_facets(profession).get(key, ())
        )
        if inherited:
            facets[key] = inherited
    linked_profiles = [
        profile for pid in programme.professions if (profile := profiles.get(pid)) is not None
    ]
    text_en = (
        _join(
            [
                ", ".join(p.title_en for p in linked if p.title_en),
                _PROGRAMME_KIND_EN[programme.kind.value],
                ", ".join(_AUDIENCE_EN[value] for value in audience),
                _FORMAT_EN[programme.format.value],
                "free" if programme.is_free else "",
                programme.description_en,
            ]
        )
        if programme.title_en
        else ""
    )
    return Document(
        id=programme.id,
        kind="programme",
        title=programme.title,
        text=text,
        keywords=keywords,
        facets=facets,
        dates=tuple(programme.start_dates),
        riasec=_mean_profile(linked_profiles),
        title_en=programme.title_en,
        text_en=text_en,
    )


def faq_document(entry: FaqEntry) -> Document:
    return Document(
        id=entry.id,
        kind="faq",
        title=entry.question,
        text=_join([entry.question, *entry.paraphrases, entry.answer]),
        keywords=" ".join(entry.paraphrases),
        text_en=entry.answer_en,
    )


def documents_from_catalogue(
    professions: Iterable[Profession],
    programmes: Iterable[Programme],
    centres: Iterable[Centre],
    faq: Iterable[FaqEntry],
    *,
    industry_names: Mapping[str, str] | None = None,
) -> list[Document]:
    """Every profession, specialty, programme and FAQ entry as a search document."""
    names = industry_names or INDUSTRY_NAMES
    profession_list = list(professions)
    documents = [profession_document(profession, names) for profession in profession_list]
    by_id = {profession.id: profession for profession in profession_list}
    profiles = {document.id: document.riasec for document in documents}
    centre_map = {centre.id: centre for centre in centres}
    documents.extend(
        programme_document(programme, centre_map, by_id, profiles) for programme in programmes
    )
    documents.extend(faq_document(entry) for entry in faq)
    return documents


def catalogue_documents(catalogue: Catalogue) -> list[Document]:
    """The one way the bot, the CLI and the benchmarks turn a catalogue into documents;
    any difference would make them rebuild each other's index."""
    names = {key: industry.name.lower() for key, industry in catalogue.industries.items()}
    return documents_from_catalogue(
        catalogue.professions.values(),
        catalogue.programmes.values(),
        catalogue.centres.values(),
        catalogue.faq.values(),
        industry_names=names or None,
    )
