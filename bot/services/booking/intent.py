"""Whether a free message asks to book a consultation: «хочу записаться на консультацию»,
«запишите меня к специалисту», "book a consultation". Pure, so it is tested on its own."""

from __future__ import annotations

import re

_BOOK = re.compile(r"\b(запис|запиш|book|appointment)", re.IGNORECASE)
_WHAT = re.compile(
    r"(консульт|при[её]м|специалист|профориентолог|консультант|встреч|consult|appointment)",
    re.IGNORECASE,
)
# «записаться на курс» asks about training, which the catalogue answers, not the desk.
_COURSE = re.compile(r"(курс|программ|обучени|учёб|учеб|course|programme|program)", re.IGNORECASE)


def wants_booking(text: str) -> bool:
    text = text.strip()
    if len(text) > 300:
        return False  # a long story is a question for the guidance, not a booking request
    return bool(_BOOK.search(text) and _WHAT.search(text) and not _COURSE.search(text))
