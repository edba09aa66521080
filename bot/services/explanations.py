"""Say in one line why an item was suggested; the phrases live in recommendations.ftl.

`render_reason(reason, "ru")` is what `careerbot match` prints; the bot passes its
translator and the user's own answers that led to the item.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.i18n import translator
from knowledge.models import Audience
from matching import Reason

TranslateText = Callable[..., str]

SEPARATOR = " · "
MAX_WORDS = 4
MAX_FACETS = 2

# Facet values worth saying, and their locale keys (reason-facet-<key>-<value>).
SPOKEN_FACETS: frozenset[tuple[str, str]] = frozenset(
    {
        ("funding", "employment_support"),
        ("funding", "regional_budget"),
        ("free", "yes"),
        ("audience", Audience.seniors),
        ("audience", Audience.disabled),
        ("audience", Audience.parents_on_leave),
        ("audience", Audience.unemployed),
        ("format", "online"),
        ("posture", "sitting"),
        ("load", "low"),
        ("suits", "limited_mobility"),
        ("suits", "hearing_impaired"),
        ("suits", "visually_impaired"),
        ("suits", "remote_friendly"),
    }
)
RIASEC_LETTERS = "RIASEC"


def facet_phrases(facets: Sequence[tuple[str, str]], t: TranslateText) -> list[str]:
    """The facets worth telling, in words; «бесплатно» once even when two facets say it."""
    phrases: list[str] = []
    # Money first: whether one can study for free matters most to most users.
    ordered = sorted(facets, key=lambda pair: pair[0] not in ("funding", "free"))
    for key, value in ordered:
        if (key, value) not in SPOKEN_FACETS:
            continue
        # A named free funding already says «бесплатно»; don't say it twice.
        named_free = {("funding", "employment_support"), ("funding", "regional_budget")}
        if (key, value) == ("free", "yes") and named_free & set(facets):
            continue
        # «Содействие занятости» is the one to tell; a regional budget adds nothing more.
        if (key, value) == ("funding", "regional_budget") and (
            "funding",
            "employment_support",
        ) in facets:
            continue
        phrase = t(f"reason-facet-{key}-{value}")
        if phrase not in phrases:
            phrases.append(phrase)
    return phrases


def render_reason(
    reason: Reason,
    t: TranslateText | str | None = None,
    *,
    interests: Sequence[str] = (),
    own_words: Sequence[str] = (),
    like: str | None = None,
) -> str:
    """One short line: the user's own answers first, then matched words, type and facets.

    `t` is a translator or a language code. `interests` are the interest keys that led to
    the item, `own_words` what the user wrote (already shortened), `like` the title an item
    is similar to.
    """
    if t is None or isinstance(t, str):
        t = translator(t or "ru")
    parts: list[str] = []
    if like:
        parts.append(t("reason-like", title=like))
    if interests:
        names = ", ".join(f"«{t(f'interest-{key}')}»" for key in interests)
        parts.append(t("reason-interests", interests=names))
    if own_words:
        parts.append(t("reason-own-words", words=", ".join(own_words[:MAX_WORDS])))
    elif reason.matched_words and not like:
        words = ", ".join(f"«{word}»" for word in reason.matched_words[:MAX_WORDS])
        parts.append(t("reason-matched", words=words))
    letters = [letter for letter in reason.riasec_types if letter in RIASEC_LETTERS]
    if letters:
        types = ", ".join(t(f"reason-type-{letter}") for letter in letters)
        parts.append(t("reason-riasec", types=types))
    parts.extend(facet_phrases(reason.facets, t)[:MAX_FACETS])
    if not parts:
        return t("reason-close-to-query")
    text = SEPARATOR.join(parts)
    return text[:1].upper() + text[1:]
