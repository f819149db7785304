"""Compiled loops for building the quote index (Numba): word ids and trigram postings of gigabytes.

Each kernel is an exact twin of a NumPy function in `grams` (property tests hold them equal): it
scans the bytes once instead of making a dozen passes of whole-array temporaries, which is what
bounded the build. Used for large inputs only (numba is imported and the kernels loaded from
their on-disk cache on first use), so a query pays nothing for them.
"""

from __future__ import annotations

import numba
import numpy as np

_BASE = np.uint64(0x100000001B3)
_SPREAD = np.uint64(0xBF58476D1CE4E5B9)
_APOSTROPHE, _COMMA, _PERIOD = 39, 44, 46


@numba.njit(cache=True, nogil=True, inline="always")
def _is_word(c: int) -> bool:
    return (97 <= c <= 122) or (48 <= c <= 57) or c == 95 or (65 <= c <= 90)


@numba.njit(cache=True, nogil=True, inline="always")
def _is_digit(c: int) -> bool:
    return 48 <= c <= 57


@numba.njit(cache=True, nogil=True)
def word_ids(data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`grams._ascii_word_ids`: ids and start offsets of the words `tokens.WORD` finds in
    lower-cased bytes (non-ASCII bytes never part of a word). A word starting with a digit
    continues across `.` or `,` between an all-digit run and a digit; any other across an
    apostrophe followed by a word character."""
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
    return ids[:count].copy(), starts[:count].copy()
