"""The labeller's sentence features, shared by training (bench/train_labeller.py) and use:

- dense: a static sentence embedding (model2vec, distilled from all-MiniLM-L6-v2) and a few surface
  cues the embedding averages away (figures, years, percentages, money, first and second person,
  modals, "!" or "?", length);
- lexical: the words themselves, TF-IDF weighted as scikit-learn's TfidfVectorizer does (lower-cased
  tokens of 2+ word characters, tf = 1 + ln(count), times the head's idf, L2-normalised), over each
  head's own vocabulary. Written out here so that using the labeller needs no scikit-learn; a test
  checks it against TfidfVectorizer."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

FIGURE = re.compile(r"\d")
YEAR = re.compile(r"\b(1[6-9]|20)\d\d\b")
PERCENT = re.compile(r"%|\bper ?cent\b|\bpercent", re.IGNORECASE)
MONEY = re.compile(r"[$£€]\s?\d|\b(million|billion|trillion)\b", re.IGNORECASE)
FIRST_SECOND = re.compile(r"\b(I|me|my|we|us|our|you|your)\b")
MODAL = re.compile(r"\b(should|must|ought|need to|would|could|might|may|will)\b", re.IGNORECASE)
EXCLAIM_OR_ASK = re.compile(r"[!?]")
SURFACE = ("figure", "year", "percent", "money", "first_second_person", "modal", "exclaim_or_ask", "length")
TOKEN = re.compile(r"(?u)\b\w\w+\b")  # TfidfVectorizer's default token_pattern


def surface(sentence: str) -> list[float]:
    words = len(sentence.split())
    return [float(bool(FIGURE.search(sentence))), float(bool(YEAR.search(sentence))),
            float(bool(PERCENT.search(sentence))), float(bool(MONEY.search(sentence))),
            float(bool(FIRST_SECOND.search(sentence))), float(bool(MODAL.search(sentence))),
            float(bool(EXCLAIM_OR_ASK.search(sentence))), min(words, 60) / 60]


def dense(embedder: Any, sentences: Sequence[str]) -> npt.NDArray[np.float32]:
    """One row per sentence: the embedding, then `SURFACE`. `embedder` is a model2vec StaticModel."""
    embedded = np.asarray(embedder.encode(list(sentences)), dtype=np.float32)
    cues = np.array([surface(s) for s in sentences], dtype=np.float32).reshape(len(sentences), len(SURFACE))
    return np.hstack([embedded.reshape(len(sentences), -1), cues])


class Lexicon:
    """A head's vocabulary and idf: `score(sentence, coef)` is the TF-IDF row's dot product with coef."""

    def __init__(self, terms: Sequence[str], idf: Sequence[float]) -> None:
        self.index = {term: i for i, term in enumerate(terms)}
        self.idf = np.asarray(idf, dtype=np.float64)

    def row(self, sentence: str) -> dict[int, float]:
        counts = Counter(i for i in map(self.index.get, TOKEN.findall(sentence.lower())) if i is not None)
        weights = {i: (1.0 + math.log(n)) * float(self.idf[i]) for i, n in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {i: w / norm for i, w in weights.items()}

    def scores(self, sentences: Sequence[str], coef: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.array([sum(w * float(coef[i]) for i, w in self.row(s).items()) for s in sentences])
