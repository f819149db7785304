"""Negation: a report word and the passage word it paraphrases in opposite polarity (align.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .align import Aligned, concept, polarities, set_aside
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
        if _nominal(token):  # two nouns differ by what negates them where they stand, not above
            theirs = [(t, p) for t, p in theirs if p and (not _nominal(t) or _local(t) != _local(token))]
        else:
            theirs = [(t, p) for t, p in theirs if p]
        if theirs and all(not p & mine for _, p in theirs):
            other = theirs[0][0]
            found.append(Difference("negation", predicate_span(token), predicate_span(other)))
            clauses_done.add(clause)
    return found


def _nominal(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PRON") and token.dep_ != "ROOT"


def _local(noun: Token) -> int:
    """The negation a noun carries where it stands: its own "no" ("no cancellation of any orders"),
    a negating verb over it ("suspend the sale"), a phrase setting it aside ("the cities rather than
    the States"); not a negation further up ("happiness lies not in money [...] but in the joy")."""
    own = any(c.dep_ in ("neg", "det") and c.lower_ in ("no", "not", "neither", "never") and c.i < noun.i
              for c in noun.children)
    left = noun.left_edge.i
    own = own or left > 0 and noun.doc[left - 1].lower_ == "not"  # "is not nostrums", wherever the parse hangs it
    return (own + (concept(noun.head).flip > 0) + set_aside(noun)) % 2
