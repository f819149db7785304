"""The event a word belongs to: the predicate of its clause with its subject and object, read
from spaCy's parse, as a short phrase with its span."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..attribution.parsing import text_of
from ..spans import ArticleSpan
from .model import Event

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
_OBJECTS = ("dobj", "attr", "oprd", "dative")
_NP_MODIFIERS = ("det", "poss", "compound", "amod", "nummod", "nmod", "case", "quantmod")
_VERB_PARTS = ("aux", "auxpass", "neg", "prt")
_MAX_CLIMB = 20


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above `token` (itself if it is one), not counting auxiliaries."""
    for _ in range(_MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            return token
        if token.head == token:
            return None
        token = token.head
    return None


def event_of(token: Token) -> Event | None:
    """The event of the clause that holds `token`: "police arrested the suspect"."""
    verb = governing_verb(token)
    return predicate_event(verb) if verb is not None else None


def predicate_event(verb: Token) -> Event:
    tokens = [verb, *(child for child in verb.children if child.dep_ in _VERB_PARTS)]
    subject = _argument(verb, _SUBJECTS) or _inherited_subject(verb)
    if subject is not None:
        tokens.extend(_compact_np(subject))
    obj = _argument(verb, _OBJECTS)
    if obj is not None:
        tokens.extend(_compact_np(obj))
    return _event(tokens)


def phrase_event(doc: Doc, start: int, end: int) -> Event:
    """A stretch of the text as an event: an anchor ("the signing", "he left the Sea Org")."""
    text = text_of(doc)[start:end]
    return Event(ArticleSpan(start, end), " ".join(text.split()))


def _argument(verb: Token, deps: tuple[str, ...]) -> Token | None:
    return next((child for child in verb.children if child.dep_ in deps), None)


def _inherited_subject(verb: Token) -> Token | None:
    """"He was arrested and charged": the second verb's subject is the first's."""
    head = verb.head
    if verb.dep_ in ("conj", "xcomp", "advcl") and head != verb:
        return _argument(head, _SUBJECTS)
    return None


def _compact_np(head: Token) -> list[Token]:
    """A noun phrase without its clauses: "the two police officers", not who they were."""
    left = [t for child in head.lefts if child.dep_ in _NP_MODIFIERS for t in child.subtree]
    return [*left, head]


def _event(tokens: list[Token]) -> Event:
    ordered = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    start = ordered[0].idx
    end = ordered[-1].idx + len(ordered[-1].text)
    return Event(ArticleSpan(start, end), _joined(ordered))


def _joined(ordered: list[Token]) -> str:
    """The tokens as the text writes them: "Reagan's challenge", not "Reagan 's challenge"; one
    space where the phrase skips words."""
    words = []
    for token, after in zip(ordered, [*ordered[1:], None], strict=True):
        adjacent = after is not None and after.i == token.i + 1
        words.append(token.text_with_ws if adjacent else token.text + (" " if after is not None else ""))
    return " ".join("".join(words).split())
