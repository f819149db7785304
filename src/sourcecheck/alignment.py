"""Alignment: line a quote up with a passage of a source, word by word.

The quote must be aligned whole; the source passage may start and end anywhere (semi-global
alignment). Words are compared case-folded with typographic variants unified (tokens.words).
What the writer marked is cheap: an ellipsis may leave out any run of source words, and words
in [square brackets] may be added or stand in for source words. A word split across a line
break in either text ("inter- national") matches the whole word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

import numpy as np

from .tokens import FOLD, WORD

Op = Literal["match", "minor", "replace", "insert", "delete", "gap"]
ELLIPSIS = re.compile(r"\[\s*(?:\.\s*){3}\]|\[\s*…\s*\]|(?:\.\s*){3}|…")
BRACKETED = re.compile(r"\[([^\]]*)\]")

# Scores as costs (lower is better), in twentieths so that sums are exact and ties break the same
# way however the sums are grouped. A match earns, so that a passage is not cut short to dodge a
# gap; gaps are affine (open + extend per word), so one dropped clause costs less than scattered
# replacements.
SCALE = 20  # Alignment.cost is in whole units: the sum over SCALE
MATCH = -20
MINOR = -10  # same word, other form: effort/efforts, defence/defense
REPLACE = 10
GAP_OPEN = 20
GAP_EXTEND = 6
MARKED = 1  # a bracketed word added or replacing source words
MAX_BRACKETED_RUN = 4  # source words one [bracketed] word may stand for ("[the Parties]" for "they")
INF = 10**15  # an unreachable cell; exact in int64 with any number of gaps added


@dataclass(frozen=True)
class QuoteWord:
    norm: str
    text: str
    start: int  # offsets into the quote text
    end: int
    bracketed: bool = False


@dataclass(frozen=True)
class QuoteToken:
    """A quote word, or an ellipsis (word is None) that may skip source words."""

    word: QuoteWord | None
    ellipsis_at: int = -1


class SourceWord(NamedTuple):  # a tuple: a long source makes thousands, and a frozen dataclass is slow to build
    norm: str
    start: int  # offsets into the source text
    end: int


@dataclass(frozen=True)
class Step:
    op: Op
    quote: int | None  # index into the quote tokens
    source_start: int | None  # source word range [start, end) this step covers (both None: an insert)
    source_end: int | None

    @property
    def source_words(self) -> range:
        """The indices of the source words this step covers (none for an insert)."""
        if self.source_start is None or self.source_end is None:
            return range(0)
        return range(self.source_start, self.source_end)


@dataclass(frozen=True)
class Alignment:
    steps: tuple[Step, ...]
    cost: float
    source_start: int  # first and last+1 source word the quote covers
    source_end: int
    matched_words: int  # quote words matched exactly or nearly


def quote_tokens(text: str) -> list[QuoteToken]:
    """The quote's words and ellipses, bracketed words flagged."""
    ellipses = [m.span() for m in ELLIPSIS.finditer(text)]
    brackets = [m.span() for m in BRACKETED.finditer(text) if not any(s <= m.start() < e for s, e in ellipses)]
    tokens: list[QuoteToken] = []
    cursor = 0
    folded = text.translate(FOLD)  # same length: offsets hold
    for start, end in [*ellipses, (len(text), len(text))]:
        for match in WORD.finditer(folded, cursor, start):
            inside = any(s < match.start() < e for s, e in brackets)
            word = QuoteWord(match.group().casefold(), text[match.start():match.end()], match.start(), match.end(),
                             inside)
            tokens.append(QuoteToken(word))
        if start < len(text):
            tokens.append(QuoteToken(None, start))
        cursor = end
    return tokens


def source_words(text: str) -> list[SourceWord]:
    new, cls = tuple.__new__, SourceWord  # skips NamedTuple's generated __new__: twice as fast
    return [new(cls, (m.group().casefold(), m.start(), m.end())) for m in WORD.finditer(text.translate(FOLD))]


@lru_cache(maxsize=200_000)  # the alignment asks about the same word pairs cell after cell
def is_minor_variant(a: str, b: str) -> bool:
    """Same word in another form: a plural, a tense, a spelling (defence/defense, effort/efforts)."""
    if a == b or a.isdigit() or b.isdigit():
        return False
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 3 and longer.startswith(shorter) and len(longer) - len(shorter) <= 3:
        return True
    if len(shorter) >= 4:
        stem = 0
        while stem < len(shorter) and a[stem] == b[stem]:
            stem += 1
        if stem >= max(4, len(shorter) - 2) and abs(len(a) - len(b)) <= 3:
            return True
        return _spelling_variant(a, b)
    return False


def _spelling_variant(a: str, b: str) -> bool:
    """British and American spellings: one or two letters moved or swapped (-our/-or, -ce/-se, -re/-er)."""
    if abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    pairs = (("our", "or"), ("ce", "se"), ("re", "er"), ("ise", "ize"), ("isation", "ization"), ("ll", "l"),
             ("ogue", "og"), ("yse", "yze"))
    for british, american in pairs:
        for x, y in ((a, b), (b, a)):
            if british in x and x.replace(british, american, 1) == y:
                return True
    return False


def shifted(alignment: Alignment, delta: int) -> Alignment:
    """The same alignment against the same words found `delta` words further on (a repeated passage)."""
    def move(step: Step) -> Step:
        if step.source_start is None or step.source_end is None:
            return step
        return Step(step.op, step.quote, step.source_start + delta, step.source_end + delta)

    return Alignment(tuple(move(s) for s in alignment.steps), alignment.cost, alignment.source_start + delta,
                     alignment.source_end + delta, alignment.matched_words)


# States of a cell: the alignment ends on a pair (M), on skipped source words (D) or on quote words
# the source lacks (I). Kinds of move into M:
_M, _D, _I = 0, 1, 2
_DIAG, _SPLIT, _JOIN, _GAP, _BRACKET = 0, 1, 2, 3, 4


def align(tokens: list[QuoteToken], source: list[SourceWord], lo: int = 0, hi: int | None = None) -> Alignment:
    """Best semi-global alignment of all quote tokens against source words [lo, hi).

    Gotoh's affine-gap dynamic programming over (quote token, source word) with three states
    (_M, _D, _I). Source words before and after the passage are free; an ellipsis absorbs any run
    of source words at no cost; a [bracketed] word stands for up to MAX_BRACKETED_RUN source words.
    Each quote token's row is computed at once with NumPy (the run of skipped source words, the
    one dependency along a row, is a running minimum), so a quote against a window of thousands
    of words takes milliseconds. Ties break as in the row-by-row original (tests hold it to it).
    """
    hi = len(source) if hi is None else hi
    words = source[lo:hi]
    n, m = len(words), len(tokens)
    norms = [w.norm for w in words]
    table = _WindowWords(norms)
    rows_m = [np.zeros(n + 1, np.int64)]  # the passage may start at any source word
    rows_d = [np.full(n + 1, INF, np.int64)]
    rows_i = [np.full(n + 1, INF, np.int64)]
    back: list[_RowPointers | None] = [None]
    for i in range(1, m + 1):
        token = tokens[i - 1]
        pm, pd, pi_ = rows_m[i - 1], rows_d[i - 1], rows_i[i - 1]
        if token.word is None:
            rm, pointers = _ellipsis_row(pm, pd, pi_)
            rd = ri = np.full(n + 1, INF, np.int64)
        elif token.word.bracketed:
            rm, pointers = _bracket_row(pm, pd, pi_, table.positions(token.word.norm))
            rd = ri = np.full(n + 1, INF, np.int64)
        else:
            previous = tokens[i - 2].word if i >= 2 else None
            split_at = table.positions(previous.norm + token.word.norm) \
                if previous is not None and not previous.bracketed else np.zeros(0, np.int64)
            two_back = (rows_m[i - 2], rows_d[i - 2], rows_i[i - 2]) if len(split_at) else None
            rm, rd, ri, pointers = _word_row(pm, pd, pi_, table.steps(token.word.norm), split_at, two_back,
                                             table.joins(token.word.norm))
        rows_m.append(rm)
        rows_d.append(rd)
        rows_i.append(ri)
        back.append(pointers)
    last_m, last_i = rows_m[m], rows_i[m]
    best = np.minimum(last_m, last_i)
    end = int(np.flatnonzero(best == best.min())[-1])  # on a tie, the passage that runs furthest
    end_state = _M if last_m[end] <= last_i[end] else _I
    total = int(best[end])
    steps = _trace(tokens, words, back, m, end, end_state, lo)
    covered = [(s.source_start, s.source_end) for s in steps
               if s.source_start is not None and s.source_end is not None and s.op != "gap"]
    start_word = covered[0][0] if covered else lo + end
    end_word = covered[-1][1] if covered else lo + end
    matched = sum(1 for s in steps if s.op in ("match", "minor"))
    return Alignment(tuple(steps), total / SCALE, start_word, end_word, matched)


class _RowPointers(NamedTuple):
    m_kind: np.ndarray  # per cell: how M was reached (_DIAG, _SPLIT, _JOIN, _GAP, _BRACKET)
    m_from: np.ndarray  # ... from which column
    m_state: np.ndarray  # ... and which state there
    d_state: np.ndarray  # D: from D (one more skipped word) or the state it opened from
    i_state: np.ndarray


class _WindowWords:
    """The window's words as NumPy ids, with the per-word lookups the rows need."""

    def __init__(self, norms: list[str]) -> None:
        self.norms = norms
        ids: dict[str, int] = {}
        self.ids = np.array([ids.setdefault(w, len(ids)) for w in norms], dtype=np.int64)
        self.unique = list(ids)
        self._index = ids
        self._by_initial: dict[str, list[tuple[int, str]]] = {}
        for word, number in ids.items():
            self._by_initial.setdefault(word[:1], []).append((number, word))
        self._joined: dict[str, list[int]] = {}
        for j in range(2, len(norms) + 1):  # "inter- national" in the source: two words, one quote word
            self._joined.setdefault(norms[j - 2] + norms[j - 1], []).append(j)

    def positions(self, norm: str) -> np.ndarray:
        """Columns j (1-based) whose source word is `norm`."""
        number = self._index.get(norm)
        return np.zeros(0, np.int64) if number is None else np.flatnonzero(self.ids == number) + 1

    def joins(self, norm: str) -> np.ndarray:
        return np.array(self._joined.get(norm, ()), dtype=np.int64)

    def steps(self, norm: str) -> np.ndarray:
        """Cost of pairing the quote word with each source word: match, minor variant or replacement."""
        costs = np.full(len(self.norms), REPLACE, np.int64)
        minor = [number for number, word in self._by_initial.get(norm[:1], ()) if is_minor_variant(norm, word)]
        if minor:
            costs[np.isin(self.ids, minor)] = MINOR
        number = self._index.get(norm)
        if number is not None:
            costs[self.ids == number] = MATCH
        return costs


def _best_of_three(m: np.ndarray, d: np.ndarray, i: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cellwise min of three states, a tie going to D, then I, then M (as min over (value, name))."""
    value = np.minimum(np.minimum(m, d), i)
    state = np.where(d == value, _D, np.where(i == value, _I, _M)).astype(np.int8)
    return value, state


def _word_row(pm: np.ndarray, pd: np.ndarray, pi_: np.ndarray, steps: np.ndarray, split_at: np.ndarray,
              two_back: tuple[np.ndarray, np.ndarray, np.ndarray] | None,
              join_at: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, _RowPointers]:
    n1 = len(pm)
    i_value, i_state = _best_of_three(pm + GAP_OPEN + GAP_EXTEND, pd + GAP_OPEN + GAP_EXTEND, pi_ + GAP_EXTEND)
    rm = np.full(n1, INF, np.int64)
    m_kind = np.zeros(n1, np.int8)
    m_from = np.arange(-1, n1 - 1, dtype=np.int64)
    before, m_state = _best_of_three(pm[:-1], pd[:-1], pi_[:-1])
    rm[1:] = before + steps
    m_state = np.concatenate([[_M], m_state]).astype(np.int8)
    if len(split_at) and two_back is not None:  # "inter- national" in the quote: two quote words, one source word
        value, state = _best_of_three(*(row[split_at - 1] for row in two_back))
        better = value + MATCH < rm[split_at]
        at = split_at[better]
        rm[at], m_kind[at], m_from[at], m_state[at] = value[better] + MATCH, _SPLIT, at - 1, state[better]
    if len(join_at):
        value, state = _best_of_three(pm[join_at - 2], pd[join_at - 2], pi_[join_at - 2])
        better = value + MATCH < rm[join_at]
        at = join_at[better]
        rm[at], m_kind[at], m_from[at], m_state[at] = value[better] + MATCH, _JOIN, at - 2, state[better]
    rd, d_state = _skip_source_words(rm, i_value)
    return rm, rd, i_value, _RowPointers(m_kind, m_from, m_state, d_state, i_state)


def _skip_source_words(rm: np.ndarray, ri: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """D along the row: rd[j] = min(rd[j-1] + extend, min(rm, ri)[j-1] + open + extend). Unrolled,
    rd[j] = j*extend + min over k <= j of (opened[k-1] - k*extend): a running minimum."""
    n1 = len(rm)
    rd = np.full(n1, INF, np.int64)
    d_state = np.full(n1, _M, np.int8)
    if n1 < 2:
        return rd, d_state
    from_m, from_i = rm[:-1] + GAP_OPEN + GAP_EXTEND, ri[:-1] + GAP_OPEN + GAP_EXTEND
    opened = np.minimum(from_m, from_i)
    opened_state = np.where(from_i == opened, _I, _M).astype(np.int8)  # a tie: "I" before "M"
    k = np.arange(1, n1, dtype=np.int64)
    shifted = opened - k * GAP_EXTEND
    running = np.minimum.accumulate(shifted)
    rd[1:] = running + k * GAP_EXTEND
    extends = np.zeros(n1 - 1, dtype=bool)
    extends[1:] = running[:-1] <= shifted[1:]  # extending the gap ties with opening one: D wins
    d_state[1:] = np.where(extends, _D, opened_state)
    return rd, d_state


def _ellipsis_row(pm: np.ndarray, pd: np.ndarray, pi_: np.ndarray) -> tuple[np.ndarray, _RowPointers]:
    """An ellipsis skips any run of source words: the best cell so far along the previous row (the
    first one on a tie, M before D before I)."""
    n1 = len(pm)
    value = np.minimum(np.minimum(pm, pd), pi_)
    state = np.where(pm == value, _M, np.where(pd == value, _D, _I)).astype(np.int8)
    running = np.minimum.accumulate(value)
    new_best = np.ones(n1, dtype=bool)
    new_best[1:] = value[1:] < running[:-1]
    where = np.maximum.accumulate(np.where(new_best, np.arange(n1), 0))
    pointers = _RowPointers(np.full(n1, _GAP, np.int8), where, state[where], np.full(n1, _M, np.int8),
                            np.full(n1, _M, np.int8))
    return running, pointers


def _bracket_row(pm: np.ndarray, pd: np.ndarray, pi_: np.ndarray,
                 same_word_at: np.ndarray) -> tuple[np.ndarray, _RowPointers]:
    """The writer's [word] stands for up to MAX_BRACKETED_RUN source words, or none (on a tie the
    fewest, I before D before M); or for the same word where the source has it."""
    n1 = len(pm)
    value = np.minimum(np.minimum(pm, pd), pi_)
    state = np.where(pi_ == value, _I, np.where(pd == value, _D, _M)).astype(np.int8)
    best = np.full(n1, INF, np.int64)
    best_from = np.arange(n1, dtype=np.int64)
    for run in range(MAX_BRACKETED_RUN, -1, -1):  # k = j - run, from the longest run: a later k wins ties
        candidate = np.full(n1, INF + 1, np.int64)
        if run < n1:
            candidate[run:] = value[: n1 - run]
        take = candidate <= best
        best[take] = candidate[take]
        best_from[take] = (np.arange(n1) - run)[take]
    rm = best + MARKED
    m_kind = np.full(n1, _BRACKET, np.int8)
    m_state = state[best_from]
    if len(same_word_at):
        diag, diag_state = _best_of_three(pm[same_word_at - 1], pd[same_word_at - 1], pi_[same_word_at - 1])
        better = diag + MATCH < rm[same_word_at]
        at = same_word_at[better]
        rm[at], m_kind[at], best_from[at], m_state[at] = diag[better] + MATCH, _DIAG, at - 1, diag_state[better]
    return rm, _RowPointers(m_kind, best_from, m_state, np.full(n1, _M, np.int8), np.full(n1, _M, np.int8))


def _trace(tokens: list[QuoteToken], words: list[SourceWord], back: list[_RowPointers | None], i: int, j: int,
           state: int, lo: int) -> list[Step]:
    steps: list[Step] = []
    while i > 0:
        pointers = back[i]
        assert pointers is not None  # only row 0, the start, has none
        if state == _M:
            how, from_j, previous = int(pointers.m_kind[j]), int(pointers.m_from[j]), int(pointers.m_state[j])
            if how == _GAP:
                steps.append(Step("gap", i - 1, lo + from_j, lo + j))
            elif how == _BRACKET:
                word, covered = tokens[i - 1].word, [w.norm for w in words[from_j:j]]
                assert word is not None  # a bracket row is a word's
                op: Op = "match" if covered == [word.norm] else "replace" if covered else "insert"
                steps.append(Step(op, i - 1, lo + from_j if covered else None, lo + j if covered else None))
            elif how == _JOIN:
                steps.append(Step("match", i - 1, lo + from_j, lo + j))
            elif how == _SPLIT:  # two quote tokens, one source word
                steps.append(Step("match", i - 1, lo + j, lo + j))
                steps.append(Step("match", i - 2, lo + from_j, lo + j))
                i -= 1
            else:
                word, source_norm = tokens[i - 1].word, words[j - 1].norm
                assert word is not None  # a word row is a word's
                op = "match" if source_norm == word.norm else \
                    "minor" if is_minor_variant(word.norm, source_norm) else "replace"
                steps.append(Step(op, i - 1, lo + from_j, lo + j))
            i, j, state = i - 1, from_j, previous
        elif state == _D:
            steps.append(Step("delete", None, lo + j - 1, lo + j))
            j, state = j - 1, int(pointers.d_state[j])
        else:
            steps.append(Step("insert", i - 1, None, None))
            i, state = i - 1, int(pointers.i_state[j])
    steps.reverse()
    return steps
