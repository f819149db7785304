"""A claim's checkable items, from the parse the rest of the check made: figures and quantities,
dates, and the people, places and organisations it names (spaCy's entities of the pinned model),
each with the relation it stands in: the predicate of its clause with subject and object (the
timeline's event phrase: "the standard tripled" for "1950")."""

from __future__ import annotations

from spacy.tokens import Doc

from ..spans import ArticleSpan
from ..timeline.events import event_of
from .model import ClaimItem, ItemKind

KIND_OF_ENTITY: dict[str, ItemKind] = {
    "CARDINAL": "number", "PERCENT": "number", "MONEY": "number", "QUANTITY": "number",
    "DATE": "date", "TIME": "date",
    "PERSON": "name", "ORG": "name", "GPE": "name", "LOC": "name", "NORP": "name", "FAC": "name",
    "EVENT": "name", "LAW": "name",
}


def claim_items(parsed: Doc, span: ArticleSpan) -> tuple[ClaimItem, ...]:
    """The entities of the parse inside `span` (offsets into the text the parse was made from)."""
    found: list[ClaimItem] = []
    sentence = parsed.char_span(span.start, span.end, alignment_mode="expand")
    if sentence is None:  # a span that no token covers
        return ()
    for entity in sentence.ents:
        kind = KIND_OF_ENTITY.get(entity.label_)
        if kind is not None:
            event = event_of(entity.root)
            found.append(ClaimItem(kind, ArticleSpan(entity.start_char, entity.end_char), entity.text,
                                   event.phrase if event is not None else None))
    return tuple(found)
