"""Which of the words a search matched may be quoted back as the reason for a suggestion.

A word that matched is not always a reason. A place says where, not what («Тверь» matched a
course held in Tver); a word about the family or the calendar matches descriptions without
saying anything about work («мама», «год»); «лучше» is an opinion. Quoting them («Вы
написали: «Тверь»») reads as nonsense, so they are left out; an item left with no true
reason gets none."""

from __future__ import annotations

from bot.services.query_reading import asks_for_courses
from knowledge import Catalogue
from matching.text import get_lemmatizer

# Lemmas that match catalogue texts but never say what a person wants to do.
NOT_A_REASON = frozenset(
    {
        # Opinions and sizes.
        *("лучше", "хороший", "хорошо", "плохо", "лёгкий", "легкий", "сложный", "нужный"),
        *("важный", "главный", "новый", "старый", "большой", "маленький", "свой", "другой"),
        # Time.
        *("год", "лет", "месяц", "неделя", "день", "час", "время", "жизнь"),
        # Family and home life («мама в декрете»); children, people, houses and money are
        # left quotable: they are what teachers, builders and accountants work with.
        *("мама", "папа", "муж", "жена", "сын", "дочь", "семья", "бабушка", "дедушка"),
        *("квартира", "город", "район", "место"),
        # Verbs that say one wants a change or to do something, not what («хочу сменить»,
        # «освоить дизайн», «делать сайты»: the reason is «дизайн», «сайты»).
        *("делать", "сделать", "вести", "освоить", "сменить", "перейти", "уйти", "выучиться"),
    }
)
# Words of region names that are not the place itself.
_PLACE_KINDS = frozenset({"республика", "область", "край", "округ", "автономный", "город", "район"})


class ReasonWords:
    """Built once per catalogue: the lemmas of its places (regions, their other names,
    the cities of centres)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._lemma = get_lemmatizer().lemma
        places: set[str] = set()
        names: list[str] = []
        for region in catalogue.regions.values():
            names += [region.name, *region.aliases]
        names += [centre.city for centre in catalogue.centres.values()]
        for name in names:
            for word in name.lower().replace("-", " ").split():
                lemma = self._lemma(word)
                if lemma not in _PLACE_KINDS and len(lemma) > 2:
                    places.add(lemma)
        self._places = frozenset(places)

    def quotable(self, word: str) -> bool:
        lemma = self._lemma(word.lower())
        if asks_for_courses(word):  # «курсы», «courses» say what kind of thing, not about what
            return False
        return lemma not in NOT_A_REASON and lemma not in self._places
