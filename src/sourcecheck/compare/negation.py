"""Negation: a report word and the passage word it paraphrases in opposite polarity (align.py)."""

from __future__ import annotations

from .align import Aligned, polarities
from .model import Difference
from .spans import predicate_span


def negation(report: Aligned, source: Aligned) -> list[Difference]:
    """A report word whose aligned passage words all stand in the other polarity (one per clause)."""
    found: list[Difference] = []
    clauses_done: set[int] = set()
    for token in sorted(report.words, key=lambda t: (t.pos_ not in ("VERB", "ADJ"), t.i)):
        clause = report.clause[token.i]
        if clause in clauses_done or token.pos_ == "PROPN":
            continue
        mine = polarities(token)
        if not mine:
            continue
        theirs = [(t, polarities(t)) for t in source.counterparts(token, report) or source.only_one(token, report)]
        theirs = [(t, p) for t, p in theirs if p]
        if theirs and all(not p & mine for _, p in theirs):
            other = theirs[0][0]
            found.append(Difference("negation", predicate_span(token), predicate_span(other)))
            clauses_done.add(clause)
    return found
