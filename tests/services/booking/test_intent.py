import pytest

from bot.services.booking.intent import wants_booking


@pytest.mark.parametrize(
    "text",
    [
        "хочу записаться на консультацию",
        "Запишите меня к специалисту",
        "как записаться на приём в центр?",
        "можно записаться на прием к профориентологу",
        "I want to book a consultation",
        "book an appointment",
    ],
)
def test_booking_requests(text: str) -> None:
    assert wants_booking(text)


@pytest.mark.parametrize(
    "text",
    [
        "хочу записаться на курс сварщика",
        "как записаться на программу обучения",
        "что такое консультация",
        "хочу стать сварщиком",
        "запись",
        "записаться на консультацию " + "очень " * 80,
    ],
)
def test_not_booking_requests(text: str) -> None:
    assert not wants_booking(text)
