"""Negation: a report word and the passage word it paraphrases in opposite polarity (align.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .align import Aligned, concept, polarities
from .model import Difference
from .spans import predicate_span

if TYPE_CHECKING:
    from spacy.tokens import Token


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
        theirs = [(t, p) for t, p in theirs if p and not (_bare_noun(token) and _bare_noun(t))]
        if theirs and all(not p & mine for _, p in theirs):
            other = theirs[0][0]
            found.append(Difference("negation", predicate_span(token), predicate_span(other)))
            clauses_done.add(clause)
    return found


def _bare_noun(token: Token) -> bool:
    """A noun standing in its predicate's polarity, with none of its own (as "no troops", "halted the
    sales", "the cities rather than the States" have): two of them are compared at their predicates
    ("for our children" under "will not be the same" is no negated child)."""
    if token.pos_ not in ("NOUN", "PRON") or token.dep_ in ("attr", "ROOT"):
        return False
    predicate = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX", "ADJ")), None)
    own = any(c.dep_ in ("neg", "det") and c.lower_ in ("no", "not", "neither", "never") for c in token.children)
    negated_by_verb = concept(token.head).flip > 0  # "suspend the sale" / "continue sales"
    return (predicate is not None and not own and not negated_by_verb
            and polarities(token) == polarities(predicate))
