"""Views of the replies to free questions, and the topic buttons of the clarifying question."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translate, translator
from bot.services.onboarding import Step
from bot.services.questions import QUESTION_LIMIT, Answer
from bot.services.vocabulary import interest_words
from bot.ui.callbacks import OnboardingCallback
from bot.ui.cards import faq_text
from bot.ui.catalogue_parts import button, consult_button, rec_data
from bot.ui.recommendations import items_keyboard, items_text


class TopicCallback(CallbackData, prefix="topic"):
    interest: str


def topics_rows(t: Translate) -> list[list[InlineKeyboardButton]]:
    buttons = [
        button(t(f"interest-{key}"), TopicCallback(interest=key).pack()) for key in interest_words()
    ]
    return [buttons[index : index + 2] for index in range(0, len(buttons), 2)]


def clarify_keyboard(t: Translate, answer: Answer) -> InlineKeyboardMarkup:
    label = "ask-button-restart" if answer.onboarded else "ask-button-onboarding"
    rows = [[button(t(label), OnboardingCallback(action="restart").pack())]]
    if answer.onboarded:
        rows.append([button(t("ask-button-list"), rec_data("list"))])
    rows.extend(topics_rows(t))
    rows.append([consult_button(t)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def unsure_keyboard(t: Translate, answer: Answer) -> InlineKeyboardMarkup:
    """«Не знаю»: the quiz first, the suggestions so far, the interests to pick from, then a
    person."""
    quiz = OnboardingCallback(action="edit", value=Step.QUIZ.value).pack()
    rows = [[button(t("ask-button-quiz"), quiz)]]
    if answer.onboarded:
        rows.append([button(t("ask-button-list"), rec_data("list"))])
    rows.extend([*topics_rows(t), [consult_button(t)]])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def answer_view(
    t: Translate, answer: Answer, language: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The reply to a free question: text and keyboard."""
    if answer.faq is not None:
        return faq_text(answer.faq, language), None
    if answer.kind == "catalogue":
        return items_text(t, t("ask-results"), answer.items), items_keyboard(t, answer.items)
    if answer.kind == "consent":
        return t("ask-consent"), None
    if not answer.has_consent:
        return t("ask-clarify-no-consent"), None
    if answer.kind == "unsure":
        return t("ask-unsure"), unsure_keyboard(t, answer)
    if answer.kind == "nothing":
        return t(f"ask-nothing-{answer.missing}"), clarify_keyboard(t, answer)
    return t("ask-clarify"), clarify_keyboard(t, answer)


Reply = tuple[str, InlineKeyboardMarkup | None]


def language_hint(written_in: str, interface: str) -> str:
    """How to switch the language, first in the language the user wrote in, then in the bot's."""
    key = f"language-written-{written_in}"
    return f"{translator(written_in)(key)}\n\n{translator(interface)(key)}"


def answer_messages(t: Translate, answer: Answer, language: str) -> list[Reply]:
    """Every message of the reply to a free question, in order."""
    replies: list[Reply] = []
    if answer.truncated:
        replies.append((t("too-long", limit=str(QUESTION_LIMIT)), None))
    if answer.written_in is not None:
        replies.append((language_hint(answer.written_in, language), None))
        # A found answer is worth having, so it still follows; the FAQ has both languages and
        # answers in the one the person wrote in. «I didn't understand, let's narrow it down»
        # in a language they may not read is only noise: they want to switch first.
        if answer.faq is not None:
            replies.append((faq_text(answer.faq, answer.written_in), None))
            return replies
        if answer.kind in ("clarify", "unsure", "nothing") and answer.has_consent:
            return replies
    replies.append(answer_view(t, answer, language))
    return replies
