"""Word-trigram hashes, the keys of the quote index — fast enough to index gigabytes.

A word's id is a polynomial hash of its UTF-8 bytes (after `tokens.normalized_words`' folding),
so that it can be computed either per word (queries, any text) or for a whole ASCII text at once
with NumPy prefix sums, without making a Python string per word. Both give the same ids: the
property tests hold them to it. Ids are stable across runs and machines.
"""

from __future__ import annotations

import functools
import re

import numpy as np

from .hashing import TRIGRAM_MIX, WORD_BASE, WORD_SPREAD
from .tokens import INDEX_FOLD, normalized_words

GRAM_SIZE = 3
_BASE_INVERSE = pow(WORD_BASE, -1, 2**64)
_MIX = tuple(np.uint64(mix) for mix in TRIGRAM_MIX)

_IS_WORD = np.zeros(256, dtype=bool)
_IS_DIGIT = np.zeros(256, dtype=bool)
for _c in b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_":
    _IS_WORD[_c] = True
for _c in b"0123456789":
    _IS_DIGIT[_c] = True
_IS_JOINER = np.zeros(256, dtype=bool)
_IS_JOINER[[39, 44, 46]] = True  # ' , .
_FOLD_CODES = np.array(sorted(INDEX_FOLD), dtype=np.int64)  # code points INDEX_FOLD maps (all below U+10000)
_FOLD_TO = np.array([ord(INDEX_FOLD[c]) for c in sorted(INDEX_FOLD)], dtype=np.uint8)
COMPILED_FROM = 1_000_000  # bytes from which the compiled twin (`kernels`) takes over, when Numba is installed
COMPILED_FROM_WORDS = 200_000  # ... and words, for the trigram postings
_powers = np.ones(1, dtype=np.uint64)
_inverse_powers = np.ones(1, dtype=np.uint64)


def gram_hashes(words: list[str]) -> np.ndarray:
    """Hashes (int64) of the word trigrams of normalized words."""
    return trigrams(word_ids(words))


def text_gram_hashes(text: str) -> np.ndarray:
    """`gram_hashes(normalized_words(text))`, vectorised for text that is ASCII once folded."""
    return trigrams(text_word_ids(text))


def text_word_ids(text: str) -> np.ndarray:
    """`word_ids(normalized_words(text))`, vectorised for text that is ASCII once folded."""
    return texts_word_ids([text])[0]


def texts_word_ids(texts: list[str], chunk_chars: int = 4_000_000) -> list[np.ndarray]:
    """Word ids of many texts, one array each (see `batch_word_ids`)."""
    ids, offsets = batch_word_ids(texts, chunk_chars)
    return [ids[offsets[i] : offsets[i + 1]] for i in range(len(texts))]


def batch_word_ids(texts: list[str], chunk_chars: int = 4_000_000) -> tuple[np.ndarray, np.ndarray]:
    """Word ids of many texts laid end to end, and where each text's begin: text i's words are
    ids[offsets[i]:offsets[i + 1]]. Hashed together in chunks (a NumPy call costs as much for a
    short text as for a long one); a text that is not ASCII once folded goes word by word."""
    parts: list[np.ndarray] = []
    lengths: list[np.ndarray] = []
    chunk: list[int] = []
    size = 0
    for i, text in enumerate(texts):
        chunk.append(i)
        size += len(text) + 1
        if size >= chunk_chars:
            _hash_together(texts, chunk, parts, lengths)
            chunk, size = [], 0
    _hash_together(texts, chunk, parts, lengths)
    counts = np.concatenate(lengths) if lengths else np.zeros(0, np.int64)
    ids = np.concatenate(parts) if parts else np.zeros(0, np.uint64)
    return ids, np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)


def batch_trigrams(ids: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The word trigrams of every text of a batch (`batch_word_ids`): hashes, the text each
    belongs to and its word position there — none spanning two texts."""
    per_text = np.maximum(np.diff(offsets) - (GRAM_SIZE - 1), 0)
    total = int(per_text.sum())
    text_index = np.repeat(np.arange(len(per_text)), per_text)
    positions = np.arange(total) - np.repeat(np.cumsum(per_text) - per_text, per_text)
    return trigrams(ids)[offsets[:-1][text_index] + positions] if total else np.zeros(0, np.int64), \
        text_index, positions


def batch_postings(ids: np.ndarray, offsets: np.ndarray, source_of_text: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The trigram postings of a batch's texts (`batch_word_ids`) whose `source_of_text` is not 0:
    trigram hashes, source ids (uint32) and word positions (uint32)."""
    if len(ids) >= COMPILED_FROM_WORDS and _compiled_kernels():
        from . import kernels

        return kernels.trigram_postings(ids, offsets, source_of_text.astype(np.int64, copy=False))
    keys, text_index, positions = batch_trigrams(ids, offsets)
    kept = source_of_text[text_index] != 0
    return keys[kept], source_of_text[text_index[kept]].astype(np.uint32), positions[kept].astype(np.uint32)


def _compiled_kernels() -> bool:
    """Whether Numba is installed (the `fast` extra). Asked only of large inputs: importing Numba
    takes a moment that a query should not pay."""
    from . import kernels

    return kernels.AVAILABLE


def _hash_together(texts: list[str], chunk: list[int], parts: list[np.ndarray], lengths: list[np.ndarray]) -> None:
    if not chunk:
        return
    # NUL separates the texts: never part of a word, so no word spans two texts
    joined = "\0".join(texts[i] for i in chunk).encode("utf-8")
    if joined.count(b"\0") != len(chunk) - 1:  # a text holds NUL itself: take them one by one
        alone = [word_ids(normalized_words(texts[i])) for i in chunk]
        parts.append(np.concatenate(alone))
        lengths.append(np.array([len(a) for a in alone], np.int64))
        return
    if len(joined) < COMPILED_FROM or not _compiled_kernels():
        data = np.frombuffer(joined.lower(), dtype=np.uint8)  # bytes.lower() leaves non-ASCII bytes alone
        if not joined.isascii():
            data = _folded(data)
        text_starts = np.concatenate([[0], np.flatnonzero(data == 0) + 1])
        ids, word_starts = _ascii_word_ids(data)
        non_ascii = _texts_with_non_ascii(data, text_starts)
    else:
        ids, word_starts, text_starts, non_ascii = _compiled_word_ids(np.frombuffer(joined, dtype=np.uint8))
    cuts = np.searchsorted(word_starts, text_starts)
    if non_ascii.any():
        pieces = np.split(ids, cuts[1:])
        for position in np.flatnonzero(non_ascii).tolist():
            pieces[position] = word_ids(normalized_words(texts[chunk[position]]))
        ids = np.concatenate(pieces)
        parts.append(ids)
        lengths.append(np.array([len(p) for p in pieces], np.int64))
        return
    parts.append(ids)
    lengths.append(np.diff(np.append(cuts, len(ids))).astype(np.int64))


def _folded(data: np.ndarray) -> np.ndarray:
    """UTF-8 bytes with INDEX_FOLD applied: each folded character (two or three bytes: dashes,
    typographic quotes, no-break spaces) becomes its one ASCII byte. Other non-ASCII is left."""
    high = np.flatnonzero(data >= 0x80)
    lead = high[(data[high] >= 0xC2) & (data[high] <= 0xEF)]
    if len(lead) == 0:
        return data
    padded = np.concatenate([data, np.zeros(2, np.uint8)])  # a character's bytes past the end read as 0
    b0, b1, b2 = (padded[lead + k].astype(np.int64) for k in range(3))
    three = b0 >= 0xE0
    code = np.where(three, (b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F), (b0 & 0x1F) << 6 | (b1 & 0x3F))
    at = np.minimum(np.searchsorted(_FOLD_CODES, code), len(_FOLD_CODES) - 1)
    hit = _FOLD_CODES[at] == code
    if not hit.any():
        return data
    lead, three, at = lead[hit], three[hit], at[hit]
    data = data.copy()
    data[lead] = _FOLD_TO[at]
    keep = np.ones(len(data), dtype=bool)
    keep[lead + 1] = False
    keep[lead[three] + 2] = False
    return data[keep]


def _texts_with_non_ascii(data: np.ndarray, text_starts: np.ndarray) -> np.ndarray:
    where = np.flatnonzero(data >= 128)
    if len(where) == 0:
        return np.zeros(len(text_starts), dtype=bool)
    flagged = np.zeros(len(text_starts), dtype=bool)
    flagged[np.searchsorted(text_starts, where, side="right") - 1] = True
    return flagged


def word_ids(words: list[str]) -> np.ndarray:
    encoded = [w.encode("utf-8") for w in words]
    lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
    ends = np.cumsum(lengths)
    return _span_hashes(np.frombuffer(b"".join(encoded), dtype=np.uint8), ends - lengths, ends)


def trigrams(ids: np.ndarray) -> np.ndarray:
    if len(ids) < GRAM_SIZE:
        return np.zeros(0, dtype=np.int64)
    with np.errstate(over="ignore"):
        mixed: np.ndarray = ids[:-2] * _MIX[0] ^ ids[1:-1] * _MIX[1] ^ ids[2:] * _MIX[2]
    return mixed.view(np.int64)


def _span_hashes(data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Polynomial hash of each data[start:end], independent of where the span lies."""
    powers, inverse = _power_tables(len(data) + 1)
    with np.errstate(over="ignore"):
        prefix = np.zeros(len(data) + 1, dtype=np.uint64)
        np.cumsum(data.astype(np.uint64) * powers[:-1], out=prefix[1:])
        hashed: np.ndarray = (prefix[ends] - prefix[starts]) * inverse[starts]
        hashed ^= hashed >> np.uint64(29)  # spread the low bits before the trigram mixing
        hashed *= np.uint64(WORD_SPREAD)
    return hashed | np.uint64(1)


def _power_tables(n: int) -> tuple[np.ndarray, np.ndarray]:
    global _powers, _inverse_powers
    if len(_powers) < n:
        size = max(n, 2 * len(_powers))
        with np.errstate(over="ignore"):
            _powers = np.cumprod(np.full(size, WORD_BASE, dtype=np.uint64), dtype=np.uint64)
            _inverse_powers = np.cumprod(np.full(size, _BASE_INVERSE, dtype=np.uint64), dtype=np.uint64)
        _powers = np.concatenate([[np.uint64(1)], _powers[:-1]])
        _inverse_powers = np.concatenate([[np.uint64(1)], _inverse_powers[:-1]])
    return _powers[:n], _inverse_powers[:n]


def _compiled_word_ids(data: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The compiled twins of the steps above, for UTF-8 bytes of NUL-separated texts: word ids,
    where words start and texts start (in the folded bytes), and which texts need the exact
    tokenizer (a non-ASCII digit, a character beyond U+FFFF). Accented and non-Latin letters
    are handled here: archives of names and quotations in other languages are not slow."""
    from . import kernels

    folded, text_starts, non_ascii = kernels.fold_index(data, *_index_fold_table())
    ids, word_starts = kernels.word_ids(folded)
    return ids, word_starts, text_starts, non_ascii


@functools.cache
def _index_fold_table() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For `kernels.fold_index`, what `normalized_words` makes of each character from U+0080 to
    U+FFFF, worked out with the very regex and `str.casefold` it uses (so the two cannot drift):
    INDEX_FOLD's replacement; a word character's case folding (case folding is per character);
    a space for any other. Flagged, for the exact tokenizer: digits (`\\d` joins numbers by its
    own rule) and letters folding to ASCII other than a-z. A tenth of a second, once, on a first large add."""
    word, digit = re.compile(r"\w").fullmatch, re.compile(r"\d").fullmatch
    pieces: list[bytes] = []
    flagged = np.zeros(0x10000, dtype=bool)
    for code in range(0x10000):
        char = chr(code)
        piece = b""
        if code < 0x80:
            pass  # ASCII is folded by the kernel itself
        elif 0xD800 <= code <= 0xDFFF or digit(char):
            flagged[code] = True  # surrogates never stand in UTF-8
        elif code in INDEX_FOLD:
            piece = INDEX_FOLD[code].encode("utf-8")
        elif word(char):
            piece = char.casefold().encode("utf-8")
            flagged[code] = any(b < 0x80 and not 97 <= b <= 122 for b in piece)
        else:
            piece = b" "
        pieces.append(piece)
    replaced_from = np.zeros(0x10001, dtype=np.int64)
    np.cumsum([len(p) for p in pieces], out=replaced_from[1:])
    return replaced_from, np.frombuffer(b"".join(pieces), dtype=np.uint8), flagged


def _ascii_word_ids(data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Word ids of lower-cased ASCII text (bytes as uint8), words as tokens.WORD finds them, and
    where words start."""
    if len(data) == 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    word = _IS_WORD[data]
    edges = np.diff(np.concatenate([[False], word, [False]]).astype(np.int8))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    joins = _joins(data, starts, ends)
    if joins.any():
        starts = starts[np.concatenate([[True], ~joins])]
        ends = ends[np.concatenate([~joins, [True]])]
    return _span_hashes(data, starts, ends), starts


def _joins(data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """For each pair of neighbouring runs of word characters, whether one word spans both:
    `\\w+(?:'\\w+)*` joins across an apostrophe, `\\d+(?:[.,]\\d+)*\\w*` across a digit separator."""
    joins = np.zeros(max(len(starts) - 1, 0), dtype=bool)
    if len(joins) == 0:
        return joins
    gap_one = starts[1:] - ends[:-1] == 1
    between = data[np.minimum(ends[:-1], len(data) - 1)]
    candidates = np.flatnonzero(gap_one & _IS_JOINER[between])
    if len(candidates) == 0:
        return joins
    digit_run = np.zeros(len(starts), dtype=bool)
    digit_run[candidates] = _all_digits(data, starts[candidates], ends[candidates])
    digit_start = _IS_DIGIT[data[starts]]
    apostrophe = data[ends[:-1]] == 39
    # joins[k] depends on joins[k-1] only: the word's first character decides which separators
    # join (a digit: . and , between digits; otherwise: apostrophes), so a chain never mixes them.
    # A candidate whose left neighbour is not one starts a word: all of those at once.
    chained = np.zeros(len(joins), dtype=bool)
    chained[candidates[1:][np.diff(candidates) == 1]] = True
    alone = candidates[~chained[candidates]]
    joins[alone] = np.where(apostrophe[alone], ~digit_start[alone],
                            digit_run[alone] & digit_start[alone + 1])
    for k in np.flatnonzero(chained).tolist():
        head_digit = (not apostrophe[k - 1]) if joins[k - 1] else bool(digit_start[k])
        if apostrophe[k]:
            joins[k] = not head_digit
        else:
            joins[k] = head_digit and bool(digit_run[k]) and bool(digit_start[k + 1])
    return joins


def _all_digits(data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """For each run data[start:end] (never empty), whether it is all digits."""
    if len(starts) == 0:
        return np.zeros(0, dtype=bool)
    lengths = ends - starts
    offsets = np.cumsum(lengths) - lengths
    index = np.repeat(starts - offsets, lengths) + np.arange(int(lengths.sum()))
    digits: np.ndarray = np.add.reduceat(_IS_DIGIT[data[index]].astype(np.int64), offsets)
    all_digits: np.ndarray = digits == lengths
    return all_digits
