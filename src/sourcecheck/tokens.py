"""Words as sourcecheck compares them: case-folded, typographic variants of one letter unified.

Shared by the library's index and (later) the alignment, so that both see the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"\d+(?:[.,]\d+)*\w*|\w+(?:['’]\w+)*")  # 80,000 and 2.5 are one word
FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    norm: str


def words(text: str) -> list[Word]:
    return [Word(m.start(), m.end(), m.group().translate(FOLD).casefold()) for m in WORD.finditer(text)]


def normalized_words(text: str) -> list[str]:
    return [m.group().translate(FOLD).casefold() for m in WORD.finditer(text)]
