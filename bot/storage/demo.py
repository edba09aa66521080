"""A realistic, clearly marked demo database for trying /stats, its charts and exports:
people over the last months with their funnel, answers, votes, bookings, waitlist,
subscriptions, reminders, broadcasts and catalogue gaps, drawn from a seeded generator.

Marked as demo everywhere a person could look: every demo person's «source» (the deep-link
tag /stats lists) is `demo-data` and their Telegram ids start at DEMO_FIRST_ID (far above
real ids), broadcast texts and booking topics start with «[ДЕМО]». Only an empty database
(or one with demo data alone) is filled: real people's data is never mixed with it."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import (
    Activity,
    Booking,
    Broadcast,
    BroadcastDelivery,
    CatalogueGap,
    Consent,
    Feedback,
    Reminder,
    Subscription,
    User,
    WaitlistEntry,
)
from knowledge import Catalogue

DEMO_SOURCE = "demo-data"
DEMO_MARK = "[ДЕМО]"
DEMO_FIRST_ID = 10**12
POLICY = "2026-11"

ROLES = {
    "school": 45,
    "college_student": 10,
    "career_change": 15,
    "job_seeker": 12,
    "senior": 8,
    "teacher": 5,
    "employer": 2,
    "": 3,
}
ROLE_INTERESTS = {
    "school": ["it", "science", "creative", "technology", "medicine", "beauty", "transport"],
    "college_student": ["it", "technology", "construction", "business"],
    "career_change": ["it", "business", "people", "construction", "food_service"],
    "job_seeker": ["construction", "transport", "food_service", "technology", "people"],
    "senior": ["people", "nature", "medicine", "creative"],
    "teacher": ["people", "science", "it"],
    "employer": ["business", "technology"],
    "": ["it", "people"],
}
QUESTIONS = {
    "хочу стать пилотом дронов": [
        "пилот дронов",
        "оператор беспилотника",
        "хочу управлять дронами",
    ],
    "где учат на бариста": ["бариста курсы", "хочу варить кофе"],
    "косметолог без медицинского образования": ["курсы косметолога", "хочу делать маникюр"],
    "как стать блогером": ["блогер", "хочу снимать видео для ютуба"],
    "работа вахтой на севере": ["вахта", "вахтовый метод"],
    "курсы массажа": ["массажист", "хочу делать массаж"],
    "профессия для мамы в декрете из дома": ["удалённая работа в декрете", "работа из дома"],
    "ветеринар для кошек": ["хочу лечить животных", "ветеринария"],
    "нейросети промпт инженер": ["prompt engineer", "работа с нейросетями"],
    "тату мастер": ["хочу бить татуировки"],
}


@dataclass(frozen=True, slots=True)
class DemoSummary:
    people: int
    bookings: int
    broadcasts: int
    questions: int


class DemoRefusedError(Exception):
    """The database holds real people: demo data is never mixed with them."""


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _moment(rng: random.Random, start: datetime, days: int) -> datetime:
    """A moment of the `days` after `start`, more of them lately (the bot grows), by day."""
    day = min(days - 1, int(days * (1 - rng.random() ** 1.6)))
    return start + timedelta(days=day, hours=rng.choice(range(5, 19)), minutes=rng.randrange(60))


class DemoBuilder:
    def __init__(self, catalogue: Catalogue, now: datetime, seed: int) -> None:
        self._catalogue = catalogue
        self._now = now
        self._rng = random.Random(seed)
        self.rows: dict[type[Any], list[dict[str, Any]]] = {}
        centres = list(catalogue.centres.values())
        self._regions = {c.region: [x.id for x in centres if x.region == c.region] for c in centres}
        professions = sorted(catalogue.professions)
        self._popular = self._rng.sample(professions, 40)
        self._booking_id = 0
        self._created: dict[int, datetime] = {}
        # Each broadcast with its deliveries: inserted one by one for their ids.
        self.broadcasts: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []

    def add(self, model: type[Any], **values: Any) -> None:
        self.rows.setdefault(model, []).append(values)

    def build(self, people: int, days: int) -> DemoSummary:
        start = self._now - timedelta(days=days)
        regions = list(self._regions)
        region_weights = [30, 15, 12, 10, 8, 8, 6, 5, 4, 2][: len(regions)]
        for number in range(people):
            uid = DEMO_FIRST_ID + number
            created = min(self._now - timedelta(hours=1), _moment(self._rng, start, days))
            self._created[uid] = created
            region = self._rng.choices(regions, weights=region_weights)[0]
            self._person(uid, created, region)
        self._broadcasts(start, days)
        self._questions(start, days, regions)
        return DemoSummary(
            people=people,
            bookings=len(self.rows.get(Booking, [])),
            broadcasts=len(self.broadcasts),
            questions=len(self.rows.get(CatalogueGap, [])),
        )

    def _later(self, moment: datetime, hours: float) -> datetime:
        return min(self._now, moment + timedelta(hours=self._rng.uniform(0.01, hours)))

    def _person(self, uid: int, created: datetime, region: str) -> None:
        rng = self._rng
        role = _weighted(rng, ROLES)
        consented = rng.random() < 0.82
        onboarded = consented and rng.random() < 0.85
        interests = rng.sample(
            ROLE_INTERESTS[role], k=min(len(ROLE_INTERESTS[role]), rng.randint(1, 3))
        )
        self.add(
            User,
            telegram_id=uid,
            language="ru",
            role=(role or None) if consented else None,
            region=region if consented else None,
            timezone=self._catalogue.regions[region].timezone if consented else None,
            created_at=created,
            last_seen_at=created,
            is_blocked=False,
            interests=interests if onboarded else [],
            source=DEMO_SOURCE,
            notifications=True,
            onboarded_at=self._later(created, 0.2) if onboarded else None,
        )
        self.add(Activity, user_id=uid, step="start", item_id="", at=created)
        if not consented:
            return
        at = self._later(created, 0.05)
        self.add(Consent, user_id=uid, kind="personal_data", version=POLICY, given_at=at)
        self.add(Activity, user_id=uid, step="consent", item_id="", at=at)
        if rng.random() < 0.4:
            self.add(Consent, user_id=uid, kind="mailing", version=POLICY, given_at=at)
        if not onboarded:
            return
        at = self._later(at, 0.2)
        self.add(Activity, user_id=uid, step="onboarded", item_id="", at=at)
        if rng.random() > 0.95:
            return
        self._suggestions(uid, at, region)

    def _suggestions(self, uid: int, at: datetime, region: str) -> None:
        rng = self._rng
        at = self._later(at, 0.1)
        self.add(Activity, user_id=uid, step="suggestions", item_id="", at=at)
        weights = [1 / (rank + 1) for rank in range(len(self._popular))]
        shown: list[str] = []
        while len(shown) < 5:
            pick = rng.choices(self._popular, weights=weights)[0]
            if pick not in shown:
                shown.append(pick)
        for item in shown:
            self.add(Activity, user_id=uid, step="suggested", item_id=item, at=at)
        if rng.random() > 0.7:
            return
        opened = shown[: rng.randint(1, 3)]
        for item in opened:
            self.add(Activity, user_id=uid, step="card", item_id=item, at=self._later(at, 1))
            if rng.random() < 0.35:
                vote = 1 if rng.random() < 0.75 else -1
                self.add(Feedback, user_id=uid, item_id=item, vote=vote, reason=None, created_at=at)
        if rng.random() < 0.2:
            self._subscribe(uid, at, region)
        if rng.random() < 0.22:
            self._booking(uid, at, region)
        elif rng.random() < 0.03:
            centre = rng.choice(self._regions[region])
            self.add(
                WaitlistEntry,
                user_id=uid,
                centre=centre,
                format=None,
                topic=f"{DEMO_MARK} Консультация",
                status="waiting",
                created_at=at,
                updated_at=at,
            )

    def _subscribe(self, uid: int, at: datetime, region: str) -> None:
        events = [e.id for e in self._catalogue.events.values() if e.region in (region, None)]
        picked = self._rng.sample(events, k=min(len(events), self._rng.randint(1, 2)))
        for event in picked:
            self.add(
                Subscription, user_id=uid, topic_kind="event", topic_value=event, created_at=at
            )
            if self._rng.random() < 0.8:
                self.add(
                    Reminder,
                    kind="event_start_1d",
                    subject=event,
                    user_id=uid,
                    due_at=at,
                    status="sent",
                    attempts=1,
                    sent_at=self._later(at, 72),
                )
        if self._rng.random() < 0.3:
            kind = self._rng.choice(["abilympics", "open_days", "professionals"])
            self.add(
                Subscription, user_id=uid, topic_kind="event_kind", topic_value=kind, created_at=at
            )

    def _booking(self, uid: int, at: datetime, region: str) -> None:
        rng = self._rng
        self._booking_id += 1
        centre = rng.choice(self._regions[region])
        starts = at + timedelta(days=rng.randint(1, 10), hours=rng.randint(0, 6))
        starts = starts.replace(minute=0, second=0, microsecond=0)
        if starts > self._now:
            status = "booked" if rng.random() < 0.85 else "cancelled_user"
        else:
            status = rng.choices(
                ["attended", "no_show", "cancelled_user", "cancelled_staff"],
                weights=[65, 20, 10, 5],
            )[0]
        self.add(
            Booking,
            user_id=uid,
            centre=centre,
            seat=f"demo-{self._booking_id}",
            seat_no=1,
            starts_at=starts,
            ends_at=starts + timedelta(minutes=30),
            format=rng.choice(["in_person", "online", "phone"]),
            topic=f"{DEMO_MARK} Консультация",
            phone=None,
            status=status,
            created_at=at,
            updated_at=at,
        )
        self.add(Activity, user_id=uid, step="booking", item_id="", at=at)
        if status == "attended":
            self.add(Activity, user_id=uid, step="attended", item_id="", at=starts)
        if starts - timedelta(hours=24) < self._now and status != "cancelled_user":
            self.add(
                Reminder,
                kind="booking_24h",
                subject=f"demo-{self._booking_id}",
                user_id=uid,
                due_at=starts - timedelta(hours=24),
                status="sent",
                attempts=1,
                sent_at=starts - timedelta(hours=24),
            )

    def _broadcasts(self, start: datetime, days: int) -> None:
        subscribers = [
            row["user_id"] for row in self.rows.get(Consent, []) if row["kind"] == "mailing"
        ]
        texts = [
            "День открытых дверей в колледже",
            "Регистрация на «Абилимпикс» открыта",
            "Новые бесплатные курсы по «Содействию занятости»",
            "Профпробы на каникулах",
            "Чемпионат «Профессионалы»: региональный этап",
            "Итоги месяца и новые программы",
        ]
        for number, text in enumerate(texts):
            created = start + timedelta(days=days * (number + 1) / (len(texts) + 1))
            reached = [u for u in subscribers if self._created[u] < created]
            deliveries = []
            for uid in reached:
                status = self._rng.choices(
                    ["sent", "blocked", "failed", "unknown"], weights=[92, 5, 2, 1]
                )[0]
                deliveries.append(
                    {
                        "user_id": uid,
                        "status": status,
                        "attempts": 1,
                        "sent_at": created if status == "sent" else None,
                    }
                )
            broadcast: dict[str, Any] = {
                "author_id": None,
                "kind": "text",
                "text": f"{DEMO_MARK} {text}",
                "entities": [],
                "segment": {},
                "paid": False,
                "status": "done",
                "total": len(reached),
                "created_at": created,
                "finished_at": created,
            }
            self.broadcasts.append((broadcast, deliveries))

    def _questions(self, start: datetime, days: int, regions: Sequence[str]) -> None:
        groups = list(QUESTIONS.items())
        for rank, (text, variants) in enumerate(groups):
            for _ in range(int(40 / (rank + 1)) + 2):
                self.add(
                    CatalogueGap,
                    text=self._rng.choice([text, *variants]),
                    region=self._rng.choice(regions),
                    at=_moment(self._rng, start, days),
                )


async def fill_demo(
    session: AsyncSession, catalogue: Catalogue, now: datetime, people: int, days: int, seed: int
) -> DemoSummary:
    """Add the demo people and everything they did, in one transaction."""
    real = await session.scalar(
        select(func.count()).select_from(User).where(User.telegram_id < DEMO_FIRST_ID)
    )
    if real:
        raise DemoRefusedError(f"the database holds {real} real people")
    demo = await session.scalar(select(func.count()).select_from(User))
    if demo:
        raise DemoRefusedError(f"the database already holds {demo} demo people")
    builder = DemoBuilder(catalogue, now, seed)
    summary = builder.build(people, days)
    order = [User, Consent, Activity, Feedback, Booking, WaitlistEntry, Subscription, Reminder]
    order.append(CatalogueGap)
    for model in order:
        rows = builder.rows.get(model, [])
        for chunk in range(0, len(rows), 2000):
            await session.execute(insert(model), rows[chunk : chunk + 2000])
    for broadcast, deliveries in builder.broadcasts:
        broadcast_id = await session.scalar(insert(Broadcast).returning(Broadcast.id), broadcast)
        rows = [{"broadcast_id": broadcast_id, **delivery} for delivery in deliveries]
        if rows:
            await session.execute(insert(BroadcastDelivery), rows)
    await session.commit()
    return summary
