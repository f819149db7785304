"""The constants of the word and trigram hashes (`grams`, and its compiled twin `kernels`).

Every stored index is made of these hashes: changing one makes every library's index unreadable
until it is rebuilt. They live here, once, so that the two implementations cannot drift apart.
"""

from __future__ import annotations

from typing import Final

WORD_BASE: Final = 0x100000001B3  # a word's polynomial hash over its UTF-8 bytes; odd, so invertible mod 2**64
WORD_SPREAD: Final = 0xBF58476D1CE4E5B9  # spreads a word hash's low bits before the trigram mixing
TRIGRAM_MIX: Final = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9)  # one per word of a trigram
