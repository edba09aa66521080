"""Lexical retrievers: BM25 over pymorphy3 lemmas, and TF-IDF over character n-grams.

BM25 catches exact words in any grammatical form («сварщиком» → «сварщик») and
abbreviations («1С», «ЧПУ», «БПЛА»); character n-grams catch typos («пограмист») and
word parts («электро…»).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from matching.files import UnreadableFileError, atomic_write, describe, read_arrays
from matching.text import STOP_WORDS, Lemmas, tokens

Scores = NDArray[np.float32]


class _Postings:
    """An inverted index: term → (document positions, weights), scored with bincount."""

    def __init__(
        self, n_documents: int, table: dict[str, tuple[NDArray[np.int64], NDArray[np.float32]]]
    ) -> None:
        self.n_documents = n_documents
        self.table = table

    def score(self, weighted_terms: Iterable[tuple[str, float]]) -> Scores:
        scores = np.zeros(self.n_documents, dtype=np.float64)
        for term, weight in weighted_terms:
            posting = self.table.get(term)
            if posting is None:
                continue
            positions, values = posting
            scores += np.bincount(positions, weights=values * weight, minlength=self.n_documents)
        return scores.astype(np.float32)

    def dump(self, prefix: str, out: dict[str, NDArray[Any]]) -> list[str]:
        """Arrays of this table into `out` under `prefix`; returns the terms in order."""
        terms = sorted(self.table)
        lengths = np.array([len(self.table[term][0]) for term in terms], dtype=np.int64)
        out[f"{prefix}_lengths"] = lengths
        out[f"{prefix}_positions"] = (
            np.concatenate([self.table[term][0] for term in terms])
            if terms
            else np.zeros(0, np.int64)
        )
        out[f"{prefix}_values"] = (
            np.concatenate([self.table[term][1] for term in terms])
            if terms
            else np.zeros(0, np.float32)
        )
        return terms

    @classmethod
    def load(
        cls, prefix: str, data: Mapping[str, NDArray[Any]], terms: Sequence[str], n_documents: int
    ) -> _Postings:
        lengths = data[f"{prefix}_lengths"]
        if len(lengths) != len(terms):
            raise ValueError("postings do not match their terms")
        bounds = np.concatenate([[0], np.cumsum(lengths)])
        positions = data[f"{prefix}_positions"].astype(np.int64)
        values = data[f"{prefix}_values"].astype(np.float32)
        # A position out of range would only fail later, inside a user's search.
        if len(positions) != bounds[-1] or len(values) != bounds[-1]:
            raise ValueError("postings have the wrong length")
        if len(positions) and (positions.min() < 0 or positions.max() >= n_documents):
            raise ValueError("postings point outside the documents")
        table = {
            term: (positions[bounds[i] : bounds[i + 1]], values[bounds[i] : bounds[i + 1]])
            for i, term in enumerate(terms)
        }
        return cls(n_documents, table)


def _postings(per_document: Sequence[dict[str, float]], n_documents: int) -> _Postings:
    # One pass in Python gives each (term, document, weight) a term number; a stable sort by
    # term then cuts one array per term, in document order: the same table as appending
    # term by term, in a fraction of the time (tens of thousands of character n-grams).
    term_ids: dict[str, int] = {}
    ids: list[int] = []
    values: list[float] = []
    sizes: list[int] = []
    for weights in per_document:
        ids.extend([term_ids.setdefault(term, len(term_ids)) for term in weights])
        values.extend(weights.values())
        sizes.append(len(weights))
    by_term = np.array(ids, dtype=np.int64)
    order = np.argsort(by_term, kind="stable")
    positions = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)[order]
    weights_of = np.array(values, dtype=np.float32)[order]
    bounds = np.concatenate(([0], np.cumsum(np.bincount(by_term, minlength=len(term_ids)))))
    table = {
        term: (positions[bounds[i] : bounds[i + 1]], weights_of[bounds[i] : bounds[i + 1]])
        for term, i in term_ids.items()
    }
    return _Postings(n_documents, table)


class Bm25Index:
    """Okapi BM25 over lemmas. Title and keywords count several times: they say what it is."""

    def __init__(
        self,
        fields: Sequence[tuple[str, str, str]],
        lemmatizer: Lemmas,
        *,
        k1: float = 1.2,
        b: float = 0.75,
        title_boost: int = 3,
        keyword_boost: int = 2,
    ) -> None:
        self._lemmatizer = lemmatizer
        bags: list[Counter[str]] = []
        self.lemma_sets: list[frozenset[str]] = []
        for title, text, keywords in fields:
            bag: Counter[str] = Counter()
            for lemma in self._content(title):
                bag[lemma] += title_boost
            for lemma in self._content(keywords):
                bag[lemma] += keyword_boost
            for lemma in self._content(text):
                bag[lemma] += 1
            bags.append(bag)
            self.lemma_sets.append(frozenset(bag))
        n = len(bags)
        lengths = np.array([sum(bag.values()) for bag in bags], dtype=np.float64)
        average = float(lengths.mean()) if n else 1.0
        frequency: Counter[str] = Counter()
        for bag in bags:
            frequency.update(bag.keys())
        self._idf = {
            term: math.log(1.0 + (n - df + 0.5) / (df + 0.5)) for term, df in frequency.items()
        }
        weights: list[dict[str, float]] = []
        for bag, length in zip(bags, lengths, strict=True):
            norm = k1 * (1.0 - b + b * length / max(average, 1.0))
            weights.append({term: tf * (k1 + 1.0) / (tf + norm) for term, tf in bag.items()})
        self._postings = _postings(weights, n)

    def _content(self, text: str) -> list[str]:
        lemmas = self._lemmatizer.lemmas(text)
        stop = self._lemmatizer.stop_words
        return [lemma for lemma in lemmas if lemma not in stop and not lemma.isdigit()]

    def score(self, query_lemmas: Sequence[str]) -> Scores:
        stop = self._lemmatizer.stop_words
        terms = Counter(lemma for lemma in query_lemmas if lemma not in stop)
        return self._postings.score(
            (term, self._idf.get(term, 0.0) * count) for term, count in terms.items()
        )

    def knows(self, lemma: str) -> bool:
        return lemma in self._idf


def char_ngrams(
    text: str,
    sizes: tuple[int, ...] = (3, 4),
    stop_words: frozenset[str] = STOP_WORDS,
    memo: dict[str, tuple[str, ...]] | None = None,
) -> Counter[str]:
    """Character n-grams of each word, padded so that word starts and ends count.

    `memo` keeps each word's n-grams (of these sizes) for the next texts: a catalogue
    repeats its words many times."""
    grams: Counter[str] = Counter()
    for token in tokens(text):
        if token in stop_words:
            continue
        cut = memo.get(token) if memo is not None else None
        if cut is None:
            padded = f" {token} "
            cut = tuple(
                padded[start : start + size]
                for size in sizes
                if len(padded) >= size
                for start in range(len(padded) - size + 1)
            )
            if memo is not None:
                memo[token] = cut
        grams.update(cut)
    return grams


class CharNgramIndex:
    """TF-IDF cosine over character 3- and 4-grams (sublinear tf, smooth idf).

    Long descriptions would drown the short title in a single vector, so a document's
    score is the mean of its title-and-keywords score and its full-text score.
    """

    def __init__(
        self, fields: Sequence[tuple[str, str, str]], stop_words: frozenset[str] = STOP_WORDS
    ) -> None:
        n = len(fields)
        self._stop_words = stop_words
        memo: dict[str, tuple[str, ...]] = {}
        short = [
            char_ngrams(f"{title} {keywords}", stop_words=stop_words, memo=memo)
            for title, _, keywords in fields
        ]
        full = [
            char_ngrams(f"{title} {keywords} {text}", stop_words=stop_words, memo=memo)
            for title, text, keywords in fields
        ]
        frequency: Counter[str] = Counter()
        for bag in full:
            frequency.update(bag.keys())
        self._idf = {gram: math.log((1.0 + n) / (1.0 + df)) + 1.0 for gram, df in frequency.items()}
        # A gram no document has is as rare as can be: it still counts in the query's norm,
        # so keyboard mashing scores low instead of matching on its one common gram.
        self._unseen_idf = math.log(1.0 + n) + 1.0
        self._short = _postings([self._vector(bag) for bag in short], n)
        self._full = _postings([self._vector(bag) for bag in full], n)

    def _vector(self, bag: Counter[str]) -> dict[str, float]:
        weights = {
            gram: (1.0 + math.log(tf)) * self._idf.get(gram, self._unseen_idf)
            for gram, tf in bag.items()
        }
        norm = math.sqrt(sum(value * value for value in weights.values())) or 1.0
        return {gram: value / norm for gram, value in weights.items()}

    def score(self, query: str) -> Scores:
        vector = self._vector(char_ngrams(query, stop_words=self._stop_words))
        if not vector:
            return np.zeros(self._full.n_documents, dtype=np.float32)
        terms = list(vector.items())
        return ((self._short.score(terms) + self._full.score(terms)) / 2.0).astype(np.float32)


LEXICAL_FORMAT = 1  # raise it when the way words are cut into terms changes


def lexical_hash(fields: Sequence[tuple[str, str, str]], forms: Lemmas) -> str:
    """Identity of what the lexical indexes were built from (and how: the word forms and
    the stop list of their language)."""
    import hashlib

    digest = hashlib.sha256(f"lexical-{LEXICAL_FORMAT}-{type(forms).__name__}".encode())
    digest.update(" ".join(sorted(forms.stop_words)).encode("utf-8"))
    for title, text, keywords in fields:
        for part in (title, text, keywords):
            digest.update(part.encode("utf-8"))
            digest.update(b"\x1f")
        digest.update(b"\x1e")
    return digest.hexdigest()


def save_lexical(path: Path, fields_hash: str, bm25: Bm25Index, chargram: CharNgramIndex) -> None:
    """Persist both lexical indexes: building them lemmatises every word, which is slow."""
    arrays: dict[str, NDArray[Any]] = {}
    bm25_terms = bm25._postings.dump("bm25", arrays)
    short_terms = chargram._short.dump("short", arrays)
    full_terms = chargram._full.dump("full", arrays)
    idf_terms = sorted(bm25._idf)
    gram_terms = sorted(chargram._idf)
    arrays.update(
        {
            "hash": np.array([fields_hash]),
            "n": np.array([bm25._postings.n_documents], dtype=np.int64),
            "bm25_terms": np.array(bm25_terms, dtype=str),
            "short_terms": np.array(short_terms, dtype=str),
            "full_terms": np.array(full_terms, dtype=str),
            "bm25_idf_terms": np.array(idf_terms, dtype=str),
            "bm25_idf": np.array([bm25._idf[t] for t in idf_terms], dtype=np.float64),
            "gram_idf_terms": np.array(gram_terms, dtype=str),
            "gram_idf": np.array([chargram._idf[t] for t in gram_terms], dtype=np.float64),
            "unseen_idf": np.array([chargram._unseen_idf], dtype=np.float64),
        }
    )
    savez: Any = np.savez  # its stubs cannot type a ** of arrays

    def write(tmp: Path) -> None:
        with tmp.open("wb") as handle:
            savez(handle, **arrays)

    atomic_write(path, write)


class LexicalLoad(NamedTuple):
    """The persisted indexes, or None and why they cannot be used."""

    indexes: tuple[Bm25Index, CharNgramIndex] | None
    reason: str
    damaged: bool  # the file is unreadable, not merely built from other documents


def load_lexical(path: Path, fields_hash: str, lemmatizer: Lemmas, n_documents: int) -> LexicalLoad:
    """The persisted indexes when they were built from exactly these fields."""
    if not path.exists():
        return LexicalLoad(None, "no saved lexical index", False)
    try:
        data = read_arrays(path, ("hash", "n"))
        if str(data["hash"][0]) != fields_hash:
            return LexicalLoad(None, "documents changed", False)
        indexes = _unpack(data, lemmatizer, n_documents)
    except UnreadableFileError as error:
        return LexicalLoad(None, str(error), True)
    except (KeyError, ValueError, IndexError, TypeError) as error:
        return LexicalLoad(None, describe(error), True)
    return LexicalLoad(indexes, "up to date", False)


def _unpack(
    data: Mapping[str, NDArray[Any]], lemmatizer: Lemmas, n_documents: int
) -> tuple[Bm25Index, CharNgramIndex]:
    n = int(data["n"][0])
    if n != n_documents:
        raise ValueError(f"it holds {n} documents, not {n_documents}")
    bm25 = Bm25Index.__new__(Bm25Index)
    bm25._lemmatizer = lemmatizer
    bm25._postings = _Postings.load("bm25", data, [str(t) for t in data["bm25_terms"]], n)
    bm25._idf = dict(
        zip((str(t) for t in data["bm25_idf_terms"]), map(float, data["bm25_idf"]), strict=True)
    )
    sets: list[set[str]] = [set() for _ in range(n)]
    for term, (positions, _) in bm25._postings.table.items():
        for position in positions:
            sets[int(position)].add(term)
    bm25.lemma_sets = [frozenset(items) for items in sets]
    chargram = CharNgramIndex.__new__(CharNgramIndex)
    chargram._stop_words = lemmatizer.stop_words
    chargram._idf = dict(
        zip((str(t) for t in data["gram_idf_terms"]), map(float, data["gram_idf"]), strict=True)
    )
    chargram._unseen_idf = float(data["unseen_idf"][0])
    chargram._short = _Postings.load("short", data, [str(t) for t in data["short_terms"]], n)
    chargram._full = _Postings.load("full", data, [str(t) for t in data["full_terms"]], n)
    return bm25, chargram
