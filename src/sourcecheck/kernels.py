"""Compiled loops for building the quote index (Numba): word ids and trigram postings of gigabytes.

Each kernel gives exactly what the NumPy code in `grams`/`segments` gives for the same input, and
`fold_index` + `word_ids` what the exact tokenizer (`tokens.normalized_words`) gives on any text
(property tests hold them to it): a kernel scans the bytes once instead of making a dozen passes
of whole-array temporaries, which is what bounded the build. Used for large inputs only (numba
is imported and the kernels loaded from their on-disk cache on first use), so a query pays
nothing for them.

Numba is optional (the `fast` extra). Without it this module still imports, `AVAILABLE` is False
and `grams`/`segments` take their NumPy paths at any size: the same index, built more slowly and
with more memory.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import numpy as np

from .hashing import TRIGRAM_MIX, WORD_BASE, WORD_SPREAD

try:
    import numba
except ImportError:
    AVAILABLE = False
else:
    AVAILABLE = True

_Function = TypeVar("_Function", bound=Callable[..., Any])


def _compiled(**options: Any) -> Callable[[_Function], _Function]:
    """`numba.njit` with the on-disk cache; without Numba the plain Python function, which the
    package never calls (it checks `AVAILABLE`): defining it keeps this module importable."""
    if not AVAILABLE:
        return lambda function: function
    return cast(Callable[[_Function], _Function], numba.njit(cache=True, nogil=True, **options))


_BASE = np.uint64(WORD_BASE)
_SPREAD = np.uint64(WORD_SPREAD)
_APOSTROPHE, _COMMA, _PERIOD = 39, 44, 46


@_compiled(inline="always")
def _is_word(c: int) -> bool:
    # bytes from 0x80 are parts of letters: `fold_index` leaves no other non-ASCII in unflagged texts
    return (97 <= c <= 122) or (48 <= c <= 57) or c == 95 or (65 <= c <= 90) or c >= 0x80


@_compiled(inline="always")
def _is_digit(c: int) -> bool:
    return 48 <= c <= 57


@_compiled()
def word_ids(data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ids and start offsets of the words `tokens.WORD` finds in `fold_index`'s output, where
    bytes from 0x80 are parts of letters (on ASCII, the twin of `grams._ascii_word_ids`). A word
    starting with a digit continues across `.` or `,` between an all-digit run and a digit; any
    other across an apostrophe followed by a word character."""
    n = len(data)
    ids = np.empty(n // 2 + 1, np.uint64)
    starts = np.empty(n // 2 + 1, np.int64)
    count = 0
    i = 0
    while i < n:
        if not _is_word(data[i]):
            i += 1
            continue
        start = i
        digit_head = _is_digit(data[i])
        h = np.uint64(0)
        power = np.uint64(1)
        while True:
            run_digits = True
            while i < n and _is_word(data[i]):
                run_digits = run_digits and _is_digit(data[i])
                h += np.uint64(data[i]) * power
                power *= _BASE
                i += 1
            if i + 1 >= n or not _is_word(data[i + 1]):
                break
            sep = data[i]
            if digit_head:
                joined = (sep == _PERIOD or sep == _COMMA) and run_digits and _is_digit(data[i + 1])
            else:
                joined = sep == _APOSTROPHE
            if not joined:
                break
            h += np.uint64(sep) * power
            power *= _BASE
            i += 1
        h ^= h >> np.uint64(29)
        h *= _SPREAD
        ids[count] = h | np.uint64(1)
        starts[count] = start
        count += 1
    return ids[:count], starts[:count]  # views: the pages never written take no memory, and a copy cost 1.6 ms/MB


@_compiled()
def fold_index(data: np.ndarray, replaced_from: np.ndarray, replacements: np.ndarray, flagged: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """UTF-8 bytes of NUL-separated texts made ready for `word_ids`: ASCII letters lower-cased,
    each other character of the Basic Multilingual Plane replaced by its bytes in `grams`' table
    (`replacements[replaced_from[code]:replaced_from[code + 1]]`: a letter's case folding, a space
    for what is no part of a word, INDEX_FOLD's ASCII). A text holding a `flagged` character (see
    `grams._index_fold_table`) or one beyond that plane keeps it and is flagged, for the exact tokenizer.
    Returns the folded bytes, where each text starts in them, and the flags."""
    n = len(data)
    out = np.empty(3 * n, np.uint8)  # a replacement is at most three times as long (the table holds to it)
    n_texts = 1
    for i in range(n):
        if data[i] == 0:
            n_texts += 1
    starts = np.zeros(n_texts, np.int64)
    non_ascii = np.zeros(n_texts, np.bool_)
    text = 0
    i = 0
    j = 0
    while i < n:
        c = data[i]
        if c < 0x80:
            if c == 0:
                text += 1
                starts[text] = j + 1
            elif 65 <= c <= 90:
                c += 32
            out[j] = c
            i += 1
            j += 1
            continue
        width = 1
        code = np.int64(-1)
        if 0xC2 <= c <= 0xDF and i + 1 < n:
            width = 2
            code = (np.int64(c) & 0x1F) << 6 | (np.int64(data[i + 1]) & 0x3F)
        elif 0xE0 <= c <= 0xEF and i + 2 < n:
            width = 3
            code = (np.int64(c) & 0x0F) << 12 | (np.int64(data[i + 1]) & 0x3F) << 6 | (np.int64(data[i + 2]) & 0x3F)
        elif 0xF0 <= c <= 0xF4:
            width = 4
        if code < 0 or flagged[code]:
            non_ascii[text] = True
            for k in range(min(width, n - i)):
                out[j] = data[i + k]
                j += 1
            i += width
            continue
        for k in range(replaced_from[code], replaced_from[code + 1]):
            out[j] = replacements[k]
            j += 1
        i += width
    return out[:j], starts, non_ascii  # a view (see word_ids)


_MIX0, _MIX1, _MIX2 = (np.uint64(mix) for mix in TRIGRAM_MIX)


@_compiled()
def trigram_postings(ids: np.ndarray, offsets: np.ndarray, source_of_text: np.ndarray
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`grams.batch_trigrams` kept to the texts whose `source_of_text` is not 0: the trigram
    hashes (`grams.trigrams`) of those texts, each one's source id and word position."""
    total = 0
    for t in range(len(offsets) - 1):
        if source_of_text[t] != 0:
            total += max(offsets[t + 1] - offsets[t] - 2, 0)
    keys = np.empty(total, np.int64)
    sources = np.empty(total, np.uint32)
    positions = np.empty(total, np.uint32)
    k = 0
    for t in range(len(offsets) - 1):
        source = source_of_text[t]
        if source == 0:
            continue
        first = offsets[t]
        for p in range(max(offsets[t + 1] - first - 2, 0)):
            w = first + p
            keys[k] = np.int64(ids[w] * _MIX0 ^ ids[w + 1] * _MIX1 ^ ids[w + 2] * _MIX2)
            sources[k] = source
            positions[k] = p
            k += 1
    return keys, sources, positions


@_compiled()
def packed_records(keys: np.ndarray, sources: np.ndarray, positions: np.ndarray, bits: int
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Each key's top bits in int64 order (as uint64) with its index in the low `bits` bits
    (`segments.sorted_keys` sorts these), and each posting as one 16-byte record (key; source
    and position) for `segment_layout` to gather from."""
    n = len(keys)
    packed = np.empty(n, np.uint64)
    records = np.empty((n, 2), np.int64)
    sign = np.uint64(1) << np.uint64(63)
    shift = np.uint64(bits)
    for i in range(n):
        packed[i] = (((np.uint64(keys[i]) ^ sign) >> shift) << shift) | np.uint64(i)
        records[i, 0] = keys[i]
        records[i, 1] = (np.int64(sources[i]) << 32) | np.int64(positions[i])
    return packed, records


@_compiled()
def segment_layout(packed: np.ndarray, bits: int, records: np.ndarray, common: int
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """`segments._sorted` from the sorted packed keys and the records (`packed_records`): keys and
    postings gathered in that order, distinct keys that share their top bits put in key order
    (stable), then the distinct keys, their counts, and the postings of those occurring at most
    `common` times. Overwrites `packed`."""
    n = len(packed)
    mask = (np.uint64(1) << np.uint64(bits)) - np.uint64(1)
    shift = np.uint64(bits)
    # gathers in a loop without branches, so that the processor overlaps their cache misses: one
    # record (one cache line) per posting; each packed key is read for its index and overwritten
    # with the key itself (no array of indices). Three separate arrays cost a third more.
    sign = np.uint64(1) << np.uint64(63)
    ordered = packed.view(np.int64)
    gathered_sources = np.empty(n, np.uint32)
    gathered_positions = np.empty(n, np.uint32)
    for i in range(n):
        at = np.int64(packed[i] & mask)
        ordered[i] = records[at, 0]
        payload = records[at, 1]
        gathered_sources[i] = np.uint32(payload >> 32)
        gathered_positions[i] = np.uint32(payload & 0xFFFFFFFF)
    for i in range(1, n):
        if ordered[i] < ordered[i - 1]:  # distinct keys sharing their top bits (rare): insertion sort, stable
            key, source, position = ordered[i], gathered_sources[i], gathered_positions[i]
            b = i - 1
            top = (np.uint64(key) ^ sign) >> shift
            while b >= 0 and (np.uint64(ordered[b]) ^ sign) >> shift == top and ordered[b] > key:
                ordered[b + 1] = ordered[b]
                gathered_sources[b + 1] = gathered_sources[b]
                gathered_positions[b + 1] = gathered_positions[b]
                b -= 1
            ordered[b + 1] = key
            gathered_sources[b + 1] = source
            gathered_positions[b + 1] = position
    n_keys = 1 if n > 0 else 0
    for i in range(1, n):
        n_keys += ordered[i] != ordered[i - 1]
    unique = np.empty(n_keys, np.int64)
    counts = np.empty(n_keys, np.int64)
    starts = np.empty(n_keys + 1, np.int64)
    starts[0] = 0
    k = 0
    p = 0  # postings kept so far: compacted in place (p never passes i)
    i = 0
    while i < n:
        j = i + 1
        while j < n and ordered[j] == ordered[i]:
            j += 1
        unique[k] = ordered[i]
        counts[k] = j - i
        if j - i <= common:
            if p != i:
                for a in range(i, j):
                    gathered_sources[p + a - i] = gathered_sources[a]
                    gathered_positions[p + a - i] = gathered_positions[a]
            p += j - i
        k += 1
        starts[k] = p
        i = j
    if p == n:
        return unique, counts, starts, gathered_sources, gathered_positions
    return unique, counts, starts, gathered_sources[:p], gathered_positions[:p]  # views: no second copy


@_compiled(inline="always")
def _smallest_next(keys: tuple[np.ndarray, ...], at: np.ndarray) -> tuple[np.int64, bool]:
    """The smallest key at the segments' cursors, and whether any segment has keys left."""
    smallest, found = np.int64(0), False
    for p in range(len(keys)):
        if at[p] < len(keys[p]) and (not found or keys[p][at[p]] < smallest):
            smallest, found = keys[p][at[p]], True
    return smallest, found


@_compiled()
def merge_segments(keys: tuple[np.ndarray, ...], counts: tuple[np.ndarray, ...], starts: tuple[np.ndarray, ...],
                   sources: tuple[np.ndarray, ...], positions: tuple[np.ndarray, ...], common: int
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """`segments.merge` of segments none of whose sources were removed, given as tuples of their
    arrays: a k-way merge of their sorted keys, no sort. A key's count is the sum of its counts;
    its postings are kept, in segment order, when none was dropped and there are at most `common`."""
    k = len(keys)
    at = np.zeros(k, np.int64)
    n_keys = 0
    n_kept = np.int64(0)
    while True:  # pass one: sizes
        smallest, found = _smallest_next(keys, at)
        if not found:
            break
        total, kept = np.int64(0), np.int64(0)
        for p in range(k):
            if at[p] < len(keys[p]) and keys[p][at[p]] == smallest:
                total += counts[p][at[p]]
                kept += starts[p][at[p] + 1] - starts[p][at[p]]
                at[p] += 1
        n_keys += 1
        if kept == total and total <= common:
            n_kept += kept
    unique = np.empty(n_keys, np.int64)
    merged_counts = np.empty(n_keys, np.int64)
    merged_starts = np.empty(n_keys + 1, np.int64)
    merged_sources = np.empty(n_kept, np.uint32)
    merged_positions = np.empty(n_kept, np.uint32)
    merged_starts[0] = 0
    at[:] = 0
    q = 0
    for u in range(n_keys):  # pass two: the same walk, writing
        smallest, found = _smallest_next(keys, at)
        total, kept = np.int64(0), np.int64(0)
        for p in range(k):
            if at[p] < len(keys[p]) and keys[p][at[p]] == smallest:
                total += counts[p][at[p]]
                kept += starts[p][at[p] + 1] - starts[p][at[p]]
        keep = kept == total and total <= common
        for p in range(k):
            if at[p] < len(keys[p]) and keys[p][at[p]] == smallest:
                if keep:
                    for i in range(starts[p][at[p]], starts[p][at[p] + 1]):
                        merged_sources[q] = sources[p][i]
                        merged_positions[q] = positions[p][i]
                        q += 1
                at[p] += 1
        unique[u] = smallest
        merged_counts[u] = total
        merged_starts[u + 1] = q
    return unique, merged_counts, merged_starts, merged_sources, merged_positions
