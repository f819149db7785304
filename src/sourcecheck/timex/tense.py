"""Which way a relative expression points: the tense of the verb that governs it.

"Bombs exploded Friday" means the Friday before the document's date, "talks will resume Friday"
the one after. The verb is the nearest verb above the expression in spaCy's parse (the pinned
model of sourcecheck.attribution.parsing)."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from ..attribution.parsing import text_of
from .calendar import Direction

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

FUTURE_AUX = {"will", "'ll", "shall", "wo", "going", "would"}
FUTURE_VERBS = {"expect", "schedule", "plan", "set", "due", "slate", "intend", "hope", "aim"}
REPORTING_VERBS = {"say", "tell", "announce", "report", "confirm", "deny", "add", "note", "claim", "state",
                   "predict", "warn", "insist", "acknowledge", "explain", "write", "quote", "show"}


class TenseReader:
    """Answers `direction(start, end)` for any span of the text. Reads `parsed` (spaCy's parse of
    the same text, e.g. the one attribution made) when given; else parses, on first need, only the
    line that holds the span, without the entity recogniser: most lines name no day that needs it."""

    def __init__(self, text: str, parsed: Doc | None = None) -> None:
        self.text = text
        self._lines: dict[int, tuple[Doc, list[int]]] = {}
        if parsed is not None:
            self._lines[0] = (parsed, [token.idx for token in parsed])

    def _line_of(self, start: int) -> tuple[int, Doc, list[int]]:
        if 0 in self._lines and len(text_of(self._lines[0][0])) == len(self.text):
            doc, starts = self._lines[0]
            return 0, doc, starts
        line_start = self.text.rfind("\n", 0, start) + 1
        if line_start not in self._lines:
            from ..attribution.parsing import load_nlp

            line_end = self.text.find("\n", start)
            line = self.text[line_start:line_end if line_end >= 0 else len(self.text)]
            nlp = load_nlp()
            nlp.max_length = max(nlp.max_length, len(line) + 1)
            doc = nlp(line, disable=["ner"])
            self._lines[line_start] = (doc, [token.idx for token in doc])
        doc, starts = self._lines[line_start]
        return line_start, doc, starts

    def direction(self, start: int, end: int) -> Direction:
        offset, doc, starts = self._line_of(start)
        if not len(doc):
            return "none"
        index = max(0, bisect.bisect_right(starts, start - offset) - 1)
        token = doc[index]
        end_index = max(0, bisect.bisect_left(starts, end - offset))
        if end_index < len(doc) and doc[end_index].lower_ in ("'s", "’s"):
            return "past"  # "Wednesday's ruling": a day already talked about
        verb = _governing_verb(token)
        return verb_direction(verb) if verb is not None else "none"


def _governing_verb(token: Token) -> Token | None:
    seen = 0
    while seen < 20:
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            return token
        if token.head == token:
            return None
        token = token.head
        seen += 1
    return None


def verb_direction(verb: Token) -> Direction:
    auxes = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & FUTURE_AUX or verb.lemma_ in ("will",):
        return "future"
    if "to" in lowers:
        # "plans to meet Friday" looks ahead; "went there to meet Friday" does not.
        parent = verb.head
        if parent is verb or parent.pos_ not in ("VERB", "AUX"):
            return "future"
        if parent.lemma_ in FUTURE_VERBS or parent.lemma_ == "be":
            return "future"  # "is to resume trading Tuesday"
        return verb_direction(parent)
    if verb.tag_ == "VBG" and lowers & {"is", "are", "'s", "'re"}:
        return "future"  # "is meeting Friday": an arrangement ahead
    if verb.tag_ == "VBN" and lowers & {"has", "have", "'ve"} and verb.lemma_ in FUTURE_VERBS:
        return "future"  # "has scheduled a news conference Thursday"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or lowers & {"has", "have", "'ve"}:
        return "past"
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl", "advcl"):
        return "future" if verb.lemma_ in FUTURE_VERBS else "past"
    if verb.lemma_ in FUTURE_VERBS or verb.lemma_ == "be" and any(c.lemma_ in FUTURE_VERBS for c in verb.children):
        return "future"
    if verb.tag_ in ("VBP", "VBZ") and verb.lemma_ not in REPORTING_VERBS and verb.lemma_ != "be":
        return "future"  # news in the present tense with a day named is news of arrangements: "meet Monday"
    return "none"
