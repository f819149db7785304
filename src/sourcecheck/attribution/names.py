"""Names of people as words to compare: one home for the title words a name is read without."""

from __future__ import annotations

import re

NAME_PARTICLES = frozenset("de da van von der den la le du bin al ibn y s ’s 's".split())
TITLE_WORDS = frozenset("mr mrs ms dr prof sir dame lord lady rev".split())


def last_word(name: str) -> str:
    words = re.findall(r"[\w’'-]+", name.lower())
    return re.sub(r"['’]s$", "", words[-1]) if words else ""


def all_name_words(name: str) -> bool:
    """Every word capitalised (particles aside): "Donald J. Trump", not "Trump's managing director"."""
    words = re.findall(r"[\w’'-]+", name)
    return all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words)


def name_words(text: str) -> set[str]:
    words = re.findall(r"[\w’'-]+", text.lower())
    return {w.rstrip("’'s") if w.endswith(("’s", "'s")) else w for w in words
            if w not in TITLE_WORDS and w not in ("the", "a", "an")}
