"""Text normalisation shared by the retrievers: tokens, lemmas, stop words, truncation."""

from __future__ import annotations

import importlib
import re
import threading
import unicodedata
from functools import lru_cache
from typing import Any, Protocol

MAX_QUERY_WORDS = 100
MAX_QUERY_CHARS = 1000

_TOKEN = re.compile(r"[0-9a-zа-я]+(?:[-+#][0-9a-zа-я+#]+)*")
_CYRILLIC = re.compile(r"[а-я]")
_LATIN = re.compile(r"[a-z]")
_LETTER = re.compile(r"[a-zа-я]")
_VOWELS_RU = set("аеиоуыэюя")
_VOWELS_EN = set("aeiouy")
_KEYBOARD_ROWS = (
    "йцукенгшщзхъ",
    "фывапролджэ",
    "ячсмитьбю",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "ъхзщшгнекуцй",
    "эждлорпавыф",
    "юбьтимсчя",
)

# Latin letters that look like Cyrillic ones: users mix layouts ("cварщик", "1C").
_LOOKALIKES = str.maketrans("aceopxykmthb", "асеорхукмтнв")

# Function words plus words that say the user wants something without saying what.
# They carry no signal for the lexical retrievers and make a query no more specific.
_STOP_TEXT = """
    а без более бы был быть в вам вас весь во вот все всё вы где да даже для до его ее её если
    есть еще ещё же за здесь и из или им их к как какой когда кто ли либо между меня мне мной
    мочь мой на над нам нас не него нее неё нет ни но ну о об один около он она они оно от
    очень по под при про раз с свой себя со так также такой там те тем то тоже только тот
    у уже хоть чем через что чтобы чей эта эти это этот я
    хотеть хотеться стать стану работать работа нравиться любить интересовать интересный
    интересно заниматься знать думать мечтать научиться учиться пойти идти можно нужно надо
    какой-нибудь что-нибудь что-то кто-то вообще просто ещё пока сейчас потом может наверное
    профессия специальность
    привет здравствуйте здравствуй добрый день вечер утро спасибо пожалуйста пока лол кек
    ок окей ага угу хз норм нормально дело дела помогите помочь подсказать подскажите
    равно всё-таки какой-то что-либо после перед потому поэтому тогда затем ранее давно
    раньше недавно сначала теперь уж вроде типа самый сам сама свой своя который которая
    i me my want to be a an the and or of in on at for with like would love work job become
    hello hi ok yes no please thanks help
    """
STOP_WORDS: frozenset[str] = frozenset(_STOP_TEXT.split())
# English function words, for questions in Latin script and the English index only («it»
# too: the pronoun is in every English description, while IT is found in the Russian one). The
# Russian index keeps its stop list (FAQ paraphrases hold English words, and a longer list
# would reorder Russian answers).
_ENGLISH_STOP_TEXT = """
    am is are was were been being do does did doing have has had im s t m d ll re ve don
    you your we our they them their this that these those what which who whom how where
    when why can could should will shall about from into by as but so if then than too very
    just some any all also there here something anything really maybe think know get
    getting go going study studying learn learning switch career profession it its
    """
ENGLISH_STOP_WORDS: frozenset[str] = STOP_WORDS | frozenset(_ENGLISH_STOP_TEXT.split())


def normalise(text: str) -> str:
    """Lower-case, NFKC, ё→е, and Latin look-alikes inside Cyrillic words made Cyrillic."""
    text = unicodedata.normalize("NFKC", text).lower().replace("ё", "е")
    return _TOKEN.sub(_fix_mixed, text)


def _fix_mixed(match: re.Match[str]) -> str:
    word = match.group(0)
    if _CYRILLIC.search(word) and _LATIN.search(word):
        return word.translate(_LOOKALIKES)
    # "1c" typed on a Latin layout means the Russian "1с".
    if len(word) <= 3 and any(ch.isdigit() for ch in word) and _LATIN.search(word):
        return word.translate(_LOOKALIKES)
    return word


def tokens(text: str) -> list[str]:
    """Word tokens of already-normalised or raw text."""
    return _TOKEN.findall(normalise(text))


def truncate_query(text: str) -> str:
    """Keep the first words of a very long message; the meaning is almost always up front."""
    text = text[: MAX_QUERY_CHARS * 4]
    words = text.split()
    if len(words) > MAX_QUERY_WORDS:
        words = words[:MAX_QUERY_WORDS]
    clipped = " ".join(words)
    if len(clipped) > MAX_QUERY_CHARS:
        clipped = clipped[:MAX_QUERY_CHARS].rsplit(" ", 1)[0] or clipped[:MAX_QUERY_CHARS]
    return clipped


def has_letters(text: str) -> bool:
    return _LETTER.search(normalise(text)) is not None


class Lemmatizer:
    """pymorphy3 lemmas with a cache; unknown words stay as typed.

    pymorphy3 guesses a lemma for unknown words, and the guess is often wrong for
    abbreviations («бпла» → «бпнуть»), so only dictionary words are lemmatised.
    """

    stop_words = STOP_WORDS

    def __init__(self) -> None:
        # pymorphy3 ships no type hints; loading its dictionaries costs ~0.1 s.
        self._morph: Any = importlib.import_module("pymorphy3").MorphAnalyzer()
        self._lock = threading.Lock()
        self.lemma = lru_cache(maxsize=200_000)(self._lemma)
        self.is_known = lru_cache(maxsize=200_000)(self._is_known)

    def _lemma(self, word: str) -> str:
        if not _CYRILLIC.search(word) or len(word) < 3:
            return word
        with self._lock:
            if not self._morph.word_is_known(word):
                return word
            parsed = self._morph.parse(word)
        return str(parsed[0].normal_form).replace("ё", "е")

    def _is_known(self, word: str) -> bool:
        if not _CYRILLIC.search(word):
            return False
        with self._lock:
            return bool(self._morph.word_is_known(word))

    def lemmas(self, text: str) -> list[str]:
        return [self.lemma(token) for token in tokens(text)]


class Lemmas(Protocol):
    """What the lexical retrievers need of a language's word forms."""

    stop_words: frozenset[str]

    def lemma(self, word: str) -> str: ...

    def lemmas(self, text: str) -> list[str]: ...

    def is_known(self, word: str) -> bool: ...


class EnglishStemmer:
    """Snowball (Porter 2) stems of Latin-script words, for the English lexical index:
    «welding», «welder's» and «welds» meet at «weld». Stop words stay as typed, so that the
    stop list still finds them; Cyrillic words stay as typed too."""

    stop_words = ENGLISH_STOP_WORDS

    def __init__(self) -> None:
        # snowballstemmer ships no type hints.
        stemmer: Any = importlib.import_module("snowballstemmer").stemmer("english")
        self._stem = stemmer.stemWord
        self._lock = threading.Lock()
        self.lemma = lru_cache(maxsize=100_000)(self._lemma)

    def _lemma(self, word: str) -> str:
        if word in self.stop_words or not _LATIN.search(word) or _CYRILLIC.search(word):
            return word
        with self._lock:  # the stemmer object keeps state between calls
            stem = str(self._stem(word.replace("'", "")))
        # Porter keeps the doer apart from the deed («welder» / «weld», «teacher» / «teach»,
        # «driver» / «drive»), and people ask for either: both meet at one coarser stem.
        if stem.endswith("er") and len(stem) >= 5:
            stem = stem[:-2]
        if stem.endswith("e") and len(stem) > 3:
            stem = stem[:-1]
        if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
            stem = stem[:-1]  # «programm(er)» / «program(ming)»
        return stem

    def is_known(self, word: str) -> bool:
        return False  # no dictionary: whether a Latin word is real is left to its letters

    def lemmas(self, text: str) -> list[str]:
        return [self.lemma(token) for token in tokens(text)]


def is_latin_only(text: str) -> bool:
    """Whether the words are all in Latin script: an English question, or a brand name
    («Python», «Excel») typed alone. A single Cyrillic letter makes the text Russian."""
    clean = normalise(text)
    return _LATIN.search(clean) is not None and _CYRILLIC.search(clean) is None


@lru_cache(maxsize=1)
def get_english_stemmer() -> EnglishStemmer:
    """The process-wide English stemmer (two threads racing at start build it twice, and
    one is kept: harmless)."""
    return EnglishStemmer()


_LEMMATIZER: Lemmatizer | None = None
_LEMMATIZER_LOCK = threading.Lock()


def get_lemmatizer() -> Lemmatizer:
    """The process-wide lemmatizer (the dictionaries are loaded once)."""
    global _LEMMATIZER
    with _LEMMATIZER_LOCK:
        if _LEMMATIZER is None:
            _LEMMATIZER = Lemmatizer()
        return _LEMMATIZER


def looks_like_word(token: str, lemmatizer: Lemmas) -> bool:
    """A cheap test of whether a token could be a real word rather than keyboard mashing."""
    if lemmatizer.is_known(token):
        return True
    letters = [ch for ch in token if ch.isalpha()]
    if not letters:
        return False
    vowels = _VOWELS_RU if _CYRILLIC.search(token) else _VOWELS_EN
    share = sum(ch in vowels for ch in letters) / len(letters)
    if len(letters) >= 4 and not 0.2 <= share <= 0.7:
        return False
    # A run along a keyboard row («фывапролдж», «qwerty»).
    if len(letters) >= 4 and any(token[:4] in row for row in _KEYBOARD_ROWS):
        return False
    # The same few letters over and over («ываыва», «лололо», «ааааа»).
    if len(letters) >= 4 and len(set(letters)) <= max(2, len(letters) // 3):
        return False
    return not _is_repetition(token)


def _is_repetition(token: str) -> bool:
    """Whether the token is a short chunk typed again and again («ываыва», «пвапвапва»)."""
    for period in range(1, len(token) // 2 + 1):
        chunk = token[:period]
        if (chunk * (len(token) // period + 1))[: len(token)] == token:
            return True
    return False


def content_words(text: str, lemmatizer: Lemmas) -> list[tuple[str, str]]:
    """(surface token, lemma) pairs of the query that are not stop words."""
    pairs: list[tuple[str, str]] = []
    for token in tokens(text):
        lemma = lemmatizer.lemma(token)
        if token in lemmatizer.stop_words or lemma in lemmatizer.stop_words:
            continue
        if token.isdigit():
            continue
        pairs.append((token, lemma))
    return pairs
