"""Catalogue entities: plain pydantic models, framework-free.

Every entity has a stable string id that never changes once published: the bot stores
these ids in callbacks, feedback and subscriptions.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = 1

PROFESSION_CODE = re.compile(r"^\d{2}\.0[12]\.\d{2}$")
GROUP_CODE = re.compile(r"^\d{2}\.00\.00$")
RIASEC_LETTERS = "RIASEC"


def _english_description(value: str) -> str:
    # Empty means "not written yet"; otherwise 1-3 sentences, not a stray word or an essay.
    if value and not 60 <= len(value) <= 600:
        raise ValueError(f"description_en must be 60-600 characters, got {len(value)}")
    return value


EnglishDescription = Annotated[str, AfterValidator(_english_description)]


class _Entity(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Industry(_Entity):
    """An industry of «Профессионалитет» (e.g. металлургия)."""

    id: str
    name: str
    since: int | None = None  # the year it joined the federal project, when known
    source: str


class ProfessionGroup(_Entity):
    """УГПС: an enlarged group, code XX.00.00."""

    code: str
    name: str
    source: str

    @field_validator("code")
    @classmethod
    def _group_code(cls, value: str) -> str:
        if not GROUP_CODE.match(value):
            raise ValueError(f"group code must look like XX.00.00, got {value!r}")
        return value


class Posture(StrEnum):
    sitting = "sitting"
    standing = "standing"
    mixed = "mixed"


class Place(StrEnum):
    indoor = "indoor"
    outdoor = "outdoor"
    mixed = "mixed"


class Load(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"


class WorkingConditions(_Entity):
    posture: Posture
    place: Place
    physical_load: Load
    shifts: bool = False
    risks: str = ""  # plain words: «высота, горячий металл», empty when none worth naming


class Suitability(_Entity):
    """Who the work can suit. False means "usually hard", never "forbidden"."""

    limited_mobility: bool
    hearing_impaired: bool
    visually_impaired: bool
    remote_friendly: bool


class StudyDuration(_Entity):
    """Typical full-time study length in months; None when that entry route does not exist."""

    after_9: int | None = None
    after_11: int | None = None


class Profession(_Entity):
    """A профессия (XX.01.YY) or специальность (XX.02.YY) of the official SPO list."""

    id: str  # the code itself, e.g. "15.01.05"
    code: str
    level: Literal["profession", "specialty"]
    name: str  # the official name
    title: str  # a short plain title a teenager would say, e.g. «Сварщик»
    title_en: str = ""  # the same for English users, e.g. "Welder"; empty when not written yet
    group: str  # XX.00.00
    qualifications: list[str] = Field(min_length=1)
    duration: StudyDuration
    industries: list[str] = Field(default_factory=list)
    description: Annotated[str, Field(min_length=300, max_length=900)]
    description_en: EnglishDescription = ""  # a short English summary of the description
    subjects: list[str] = Field(default_factory=list)  # school subjects that matter
    conditions: WorkingConditions
    suits: Suitability
    synonyms: list[str] = Field(default_factory=list)
    onet: list[str] = Field(min_length=1, max_length=3)  # O*NET-SOC codes the profile comes from
    source: str

    @model_validator(mode="after")
    def _code_consistency(self) -> Profession:
        if not PROFESSION_CODE.match(self.code):
            raise ValueError(f"code must look like XX.01.YY or XX.02.YY, got {self.code!r}")
        if self.id != self.code:
            raise ValueError(f"id must equal the code, got id {self.id!r} for {self.code!r}")
        expected_level = "profession" if self.code[3:5] == "01" else "specialty"
        if self.level != expected_level:
            raise ValueError(f"{self.code} is a {expected_level}, not a {self.level}")
        if self.group != f"{self.code[:2]}.00.00":  # the code's first two digits
            expected_group = f"{self.code[:2]}.00.00"
            raise ValueError(f"{self.code} belongs to group {expected_group}, not {self.group}")
        return self


class Competency(_Entity):
    """A championship discipline of «Профессионалы» or «Абилимпикс»."""

    id: str
    name: str
    championship: Literal["professionals", "abilympics"]
    former_names: list[str] = Field(default_factory=list)  # renames we know of
    professions: list[str] = Field(default_factory=list)  # profession ids
    source: str


class ProgrammeKind(StrEnum):
    vocational_training = "vocational_training"  # профессиональное обучение → свидетельство
    upskilling = "upskilling"  # повышение квалификации → удостоверение
    retraining = "retraining"  # профессиональная переподготовка → диплом
    taster = "taster"  # профпроба for schoolchildren


class Format(StrEnum):
    in_person = "in_person"
    online = "online"
    blended = "blended"


class Audience(StrEnum):
    school = "school"
    adults = "adults"
    seniors = "seniors"  # 50+ and pre-pension
    disabled = "disabled"
    parents_on_leave = "parents_on_leave"
    unemployed = "unemployed"


class Funding(StrEnum):
    paid = "paid"
    employment_support = "employment_support"  # federal project «Содействие занятости»
    regional_budget = "regional_budget"
    free = "free"  # free for other reasons (e.g. профпробы in «Билет в будущее»)


class Programme(_Entity):
    id: str
    kind: ProgrammeKind
    title: str
    title_en: str = ""  # a faithful short English title; empty when not written yet
    description: str = Field(min_length=80, max_length=900)
    description_en: EnglishDescription = ""  # a short English summary of the description
    centre: str  # centre id
    professions: list[str] = Field(default_factory=list)
    hours: int = Field(ge=1, le=2000)
    format: Format
    schedule: str  # plain words: «вечером, 3 раза в неделю»
    audience: list[Audience] = Field(min_length=1)
    min_grade: int | None = Field(default=None, ge=1, le=11)
    requirements: str = ""
    document: str
    price_rub: int | None = Field(default=None, ge=0)  # None when free
    funding: list[Funding] = Field(min_length=1)
    start_dates: list[date] = Field(default_factory=list)
    illustrative: bool
    source: str

    @model_validator(mode="after")
    def _legal_frame(self) -> Programme:
        if self.kind is ProgrammeKind.upskilling and self.hours < 16:
            raise ValueError("повышение квалификации takes at least 16 hours")
        if self.kind is ProgrammeKind.retraining and self.hours < 250:
            raise ValueError("профессиональная переподготовка takes at least 250 hours")
        if Funding.paid in self.funding and self.price_rub is None:
            raise ValueError("a paid programme needs price_rub")
        return self

    @property
    def is_free(self) -> bool:
        return Funding.paid not in self.funding


class WorkingDay(_Entity):
    """Opening hours of one weekday in the centre's local time, with an optional break."""

    weekday: int = Field(ge=0, le=6)  # Monday is 0
    opens: time
    closes: time
    break_start: time | None = None
    break_end: time | None = None


class ConsultationFormat(StrEnum):
    in_person = "in_person"
    online = "online"
    phone = "phone"


class ConsultationSeat(_Entity):
    """One thing a consultation needs and only one person can use at a time: a consultant,
    a room or a phone line. It receives during the centre's hours."""

    id: str = Field(min_length=1, max_length=24, pattern=r"^[a-z0-9-]+$")
    name: str  # a role, never a person's name: «Профконсультант, кабинет 101»
    formats: list[ConsultationFormat] = Field(min_length=1)


class ConsultationRules(_Entity):
    """How a centre cuts its hours into consultation slots."""

    duration_minutes: int = Field(default=45, ge=10, le=240)
    buffer_minutes: int = Field(default=15, ge=0, le=120)
    min_notice_hours: int = Field(default=3, ge=0, le=168)
    horizon_days: int = Field(default=14, ge=1, le=60)
    cancel_cutoff_hours: int = Field(default=3, ge=0, le=72)
    places_per_slot: int = Field(default=1, ge=1, le=50)  # a group профпроба takes several
    seats: list[ConsultationSeat] = Field(default_factory=list)
    illustrative: bool  # True unless a centre published or sent these rules

    @model_validator(mode="after")
    def _unique_seats(self) -> ConsultationRules:
        ids = [seat.id for seat in self.seats]
        if len(ids) != len(set(ids)):
            raise ValueError("consultation seat ids must be unique within a centre")
        return self

    def formats(self) -> list[ConsultationFormat]:
        """The formats some seat offers, in the order of the enum."""
        offered = {fmt for seat in self.seats for fmt in seat.formats}
        return [fmt for fmt in ConsultationFormat if fmt in offered]


class Centre(_Entity):
    id: str
    kind: Literal["copp", "college"]
    name: str
    short_name: str
    region: str  # region id
    city: str
    address: str
    phone: str
    email: str
    website: str = ""
    timezone: str  # IANA, e.g. Asia/Tomsk
    hours: list[WorkingDay] = Field(min_length=1)
    industries: list[str] = Field(default_factory=list)
    hours_illustrative: bool  # True unless the schedule comes from a public page
    source: str
    # None: the centre takes no bookings through the bot, only requests for a call back.
    consultations: ConsultationRules | None = None


class Region(_Entity):
    id: str
    name: str  # «Томская область»
    name_en: str = ""  # "Tomsk Oblast", for English-speaking users
    timezone: str
    aliases: list[str] = Field(default_factory=list)  # «томск», «tomsk»


class EventKind(StrEnum):
    regional_stage = "regional_stage"
    qualifying_stage = "qualifying_stage"
    final_stage = "final_stage"
    abilympics = "abilympics"
    master_of_year = "master_of_year"
    open_day = "open_day"
    taster_day = "taster_day"


class Event(_Entity):
    id: str
    kind: EventKind
    title: str
    description: str = ""
    starts_at: datetime
    ends_at: datetime
    registration_deadline: datetime | None = None
    region: str | None = None  # None means online / nationwide
    centre: str | None = None
    online: bool = False
    audience: list[Audience] = Field(min_length=1)
    competencies: list[str] = Field(default_factory=list)
    link: str = ""
    illustrative: bool
    source: str

    @model_validator(mode="after")
    def _aware_and_ordered(self) -> Event:
        for value in (self.starts_at, self.ends_at, self.registration_deadline):
            if value is not None and value.tzinfo is None:
                raise ValueError("event datetimes must carry a UTC offset")
        if self.ends_at < self.starts_at:
            raise ValueError("an event cannot end before it starts")
        return self


class FaqEntry(_Entity):
    id: str
    question: str
    paraphrases: list[str] = Field(min_length=1)
    answer: str = Field(min_length=40, max_length=1500)
    answer_en: str = Field(min_length=20, max_length=1500)
    source: str
