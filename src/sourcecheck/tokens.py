"""Words as sourcecheck compares them: case-folded, typographic variants of one letter unified.

Shared by the library's index and the alignment, so that both see the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"\d+(?:[.,]\d+)*\w*|\w+(?:'\w+)*")  # 80,000 and 2.5 are one word
FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})  # one character for one: offsets stay valid
# For indexing only: punctuation that is never part of a word becomes a space, so that most
# English text is ASCII after folding and takes the fast path.
INDEX_FOLD = str.maketrans({**{c: "'" for c in "’‘ʼ"}, **{c: " " for c in "—–‐‑‒―“”„‟«»‹›…•·\u00a0\u2009\u202f"}})


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    norm: str


def words(text: str) -> list[Word]:
    return [Word(m.start(), m.end(), m.group().casefold()) for m in WORD.finditer(text.translate(FOLD))]


def normalized_words(text: str) -> list[str]:
    """The `norm` of each of `words(text)`, fast (index building tokenizes gigabytes)."""
    folded = text.translate(INDEX_FOLD)
    if folded.isascii():  # ASCII: lower() is casefold(), and the regex runs on 1-byte strings
        return WORD.findall(folded.lower())
    return [w.casefold() for w in WORD.findall(folded)]
