"""Quantifiers (all / most / many / some / few / none), per aligned noun or clause."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .align import Aligned, concept, same
from .lexicon import FREQUENCIES, QUANTIFIER_AGREE, QUANTIFIERS
from .modality import aligned_clauses
from .model import Difference, TextSpan
from .numbers import number_value

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


SIZES = ("large", "great", "small", "greater")  # of a portion: "a large share of"
PORTIONS = frozenset({"portion", "part", "share", "number", "percentage", "proportion", "majority", "minority",
                      "handful", "bulk"})


def _quantifier(noun: Token) -> str | None:
    """The quantifier over a noun: its determiner or "all of" / "most of" above it, or a portion
    word ("a large share of", "a handful of")."""
    for child in noun.children:
        low = child.lower_
        if low in ("single", "one") and child.i > 1 and noun.doc[child.i - 2].lower_ == "not":
            return "none"  # "not a single soldier", "not one"
        if child.dep_ in ("det", "amod", "nummod", "predet") and low in QUANTIFIERS and low not in SIZES:
            return QUANTIFIERS[low]
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "PRON", "ADJ", "DET", "NUM"):
        portion = head.head
        if portion.lower_ in QUANTIFIERS and portion.lower_ not in ("large", "small", "great", "number"):
            return QUANTIFIERS[portion.lower_]
        if portion.lower_ == "one":  # "every one of these proposals"
            det = next((c.lower_ for c in portion.children if c.dep_ == "det" and c.lower_ in QUANTIFIERS), None)
            if det is not None:
                return QUANTIFIERS[det]
        if portion.pos_ == "NUM" and portion.dep_ not in ("nummod", "compound"):
            return _share(portion, noun)  # "eight of the States", "eleven of the thirty-six States"
        if portion.lemma_.casefold() in PORTIONS:
            if portion.lemma_.casefold() in QUANTIFIERS and portion.lemma_.casefold() != "number":
                return QUANTIFIERS[portion.lemma_.casefold()]
            size = next((c.lower_ for c in portion.children if c.lower_ in SIZES), None)
            return {"large": "many", "great": "many", "greater": "most", "small": "few"}.get(size or "", "some")
    if noun.lemma_.casefold() in PORTIONS:
        size = next((c.lower_ for c in noun.children if c.lower_ in SIZES), None)
        if size:
            return {"large": "many", "great": "many", "greater": "most", "small": "few"}[size]
    return None


def _share(part: Token, whole: Token) -> str:
    """The class of "N of the [M] X": a part ("some"), or by N / M when the whole is counted."""
    counted = next((c for c in whole.children if c.dep_ == "nummod"), None)
    n = number_value(part.text)
    m = number_value(" ".join(t.text for t in counted.subtree)) if counted is not None else None
    if n is None or m is None or m <= 0:
        return "some"
    share = n / m
    return "all" if share >= 1 else "most" if share > 0.5 else "some" if share >= 0.2 else "few"


NOT_QUANTIFIED = {"many": "few", "all": "some", "most": "few", "some": "none"}


def _quantified(doc: Doc) -> list[tuple[str, Token, Token]]:
    """(class, the quantifier's word, the noun or pronoun it quantifies) of a text: "all our citizens",
    "most of them", "a handful of aides", "the whole of the United States", "only that conspirator"."""
    found = []
    for token in doc:
        if token.pos_ in ("NOUN", "PROPN", "PRON"):
            sort = _quantifier(token) if token.pos_ != "PRON" or token.dep_ == "pobj" else None
            if sort is None and any(c.lower_ == "only" for c in token.children):
                sort = "few"
            if sort is not None:
                word = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else token
                if word.lower_ == "all" and word.i > 0 and doc[word.i - 1].lower_ in ("almost", "nearly"):
                    sort = "most"
                if word.i > 1 and doc[word.i - 2].lower_ == "if" and doc[word.i - 1].lower_ == "not":
                    continue  # "most if not all": the hedge, not a second quantifier
                said = next((c for c in token.children if c.lower_ in QUANTIFIERS), word)
                if said.i > 0 and doc[said.i - 1].lower_ == "not":
                    sort = NOT_QUANTIFIED.get(sort, sort)  # "not many" = few, "not all" = some
                elif sort == "all" and token.dep_ in ("nsubj", "nsubjpass") and any(
                        c.dep_ == "neg" for c in token.head.children):
                    sort = "some"  # "every difference of opinion is not a difference of principle": not every
                found.append((sort, said, token))
    return found


def quantifier(report: Aligned, source: Aligned) -> list[Difference]:
    """A quantifier of the report whose counterparts in the passage (the same noun quantified, or any
    quantifier of the passage clause the report's clause paraphrases) all fall in classes that do not
    agree ("all the conspirators" / "only that conspirator", "all of them" / "most of them")."""
    found: list[Difference] = []
    theirs = _quantified(source.doc)
    for sort, word, noun in _quantified(report.doc):
        nouns = _counterparts(noun, report, source)
        if nouns:
            matched = [(s, w, n) for s, w, n in theirs if n in nouns]
            if not matched and noun.i in report.concepts:  # the closest occurrence unquantified: any that shares
                sharing = {n for _, n in source.sharing(noun, report, nominal=True)}
                matched = [(s, w, n) for s, w, n in theirs if n in sharing]
        else:  # the noun paraphrased or a pronoun: the quantifiers of the aligned clause on nouns the report leaves out
            clauses = {c.i for c in aligned_clauses(report.doc[report.clause_of(noun)], report, source,
                                                    least=1 if noun.pos_ == "PRON" else 2)}
            told = [c.key for c in report.concepts.values()]
            matched = [(s, w, n) for s, w, n in theirs if source.clause_of(n) in clauses
                       and not (n.i in source.concepts and any(same(source.concepts[n.i].key, k) for k in told))]
        if matched and all(s != sort and frozenset({s, sort}) not in QUANTIFIER_AGREE for s, _, _ in matched):
            found.append(Difference("quantifier", _phrase(report.doc, word, noun),
                                    _phrase(source.doc, matched[0][1], matched[0][2])))
    return found + _frequency(report, source)


def _frequencies(doc: Doc) -> list[tuple[str, Token]]:
    """(class, adverb) of each "always", "seldom", "never" ... modifying a predicate or a figure ("never
    more than 10"); "never" over a verb that negates ("never forget") is "always" ("always remember").
    How many agreed is a share too: "unanimously" all of them, "by a narrow majority" most."""
    found = []
    for t in doc:
        if t.lower_ in FREQUENCIES and t.dep_ in ("advmod", "neg") and t.head.pos_ in ("VERB", "AUX", "ADJ", "NOUN",
                                                                                          "NUM"):
            sort = FREQUENCIES[t.lower_]
            negating = concept(t.head).flip == 1
            if negating and sort in ("all", "none"):
                sort = "none" if sort == "all" else "all"
            found.append((sort, t))
        elif t.lower_ in ("unanimously", "unanimous") or t.lower_ == "majority" and t.head.lower_ == "by":
            found.append(("all" if t.lower_.startswith("unanim") else "most", t))
    return found


def _frequency(report: Aligned, source: Aligned) -> list[Difference]:
    """How often, per aligned clause: the report's "sometimes" where the passage clause it paraphrases
    (or a predicate of the same concept: "by a narrow majority recommended" / "unanimously recommended")
    says "always" ("never" / "seldom"); a clause saying how often on one side only is not compared."""
    found: list[Difference] = []
    theirs = _frequencies(source.doc)
    for sort, word in _frequencies(report.doc):
        clauses = {c.i for c in aligned_clauses(report.doc[report.clause_of(word.head)], report, source, least=1)}
        predicate = concept(_predicate(word)).key
        matched = [(s, w) for s, w in theirs
                   if source.clause_of(w.head) in clauses or same(concept(_predicate(w)).key, predicate)]
        if matched and all(s != sort and frozenset({s, sort}) not in QUANTIFIER_AGREE for s, _ in matched):
            found.append(Difference("quantifier", _said(report.doc, word), _said(source.doc, matched[0][1])))
    return found


def _predicate(word: Token) -> Token:
    """The verb or adjective a frequency or share word bears on ("never more than 10": "is")."""
    node = word.head
    while node.pos_ not in ("VERB", "AUX", "ADJ") and node.head.i != node.i:
        node = node.head
    return node


def _said(doc: Doc, word: Token) -> TextSpan:
    """The words saying how often or how many: the adverb, or the whole "by a narrow majority"."""
    first = word.head if word.lower_ == "majority" else word
    start = min(first.idx, *(t.idx for t in word.subtree))
    end = word.idx + len(word.text)
    return TextSpan(start, end, doc.text[start:end])


def _counterparts(noun: Token, report: Aligned, source: Aligned) -> set[Token]:
    """The passage nouns the report's quantified noun paraphrases (nouns, not a verb of its stem:
    "conspirator" / "conspire"), and "the country" for the passage's named country."""
    found = set(source.counterparts(noun, report, nominal=True)) if noun.i in report.concepts else set()
    if noun.i in report.concepts and report.concepts[noun.i].key == "=country":
        found |= {t for t in source.doc if t.ent_type_ == "GPE" and t.pos_ == "PROPN"}
    return found


def _phrase(doc: Doc, word: Token, noun: Token) -> TextSpan:
    """From the quantifier's word to the noun it quantifies ("some reservists", "all of them")."""
    start = min(word.idx, noun.idx)
    end = max(word.idx + len(word.text), noun.idx + len(noun.text))
    return TextSpan(start, end, doc.text[start:end])
