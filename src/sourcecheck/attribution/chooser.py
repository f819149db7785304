"""The order in which the ways of finding a speaker are tried, for every quote of a document."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..ingest import Document
from ..quotes import Quote, QuoteKind
from .conventions import attribute_block, by_colon, by_sentence_before, previous_speaker
from .coreference import genders_of_people, pronoun_subject_sentences
from .cues import by_cue
from .layout import by_layout
from .lexicon import FIRST_PERSON, SO_CALLED
from .mentions import find_mentions
from .model import Attribution, Mention
from .parsing import load_nlp, parse

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc



def attribute(doc: Document, quotes: list[Quote], nlp: Language | None = None) -> list[Attribution]:
    """An attribution for every quote, in the quotes' order."""
    parsed, mentions = prepare(doc, quotes, nlp)
    return attribute_prepared(doc, parsed, mentions, quotes)


def prepare(doc: Document, quotes: list[Quote], nlp: Language | None = None) -> tuple[Doc, list[Mention]]:
    """The parse and the mentions that could speak, with what coreference needs stored on the parse;
    shared by the quotes' attribution and reported speech (src/sourcecheck/reported.py)."""
    nlp = nlp or load_nlp()
    parsed = parse(doc, nlp)
    parsed.user_data["pronoun_sentences"] = pronoun_subject_sentences(parsed)
    parsed.user_data["document"] = doc
    mentions = find_mentions(parsed, tuple(q.outer for q in quotes))
    parsed.user_data["genders"] = genders_of_people(parsed, mentions)
    return parsed, mentions


def attribute_prepared(doc: Document, parsed: Doc, mentions: list[Mention], quotes: list[Quote]) -> list[Attribution]:
    results: list[Attribution] = []
    for quote in quotes:
        found = _attribute_one(doc, parsed, quote, quotes, mentions, results)
        results.append(found)
    results = _share_within_groups(results)
    return [replace(r, quote=replace(r.quote, kind=_final_kind(doc, r))) for r in results]


def _attribute_one(doc: Document, parsed: Doc, quote: Quote, quotes: list[Quote], mentions: list[Mention],
                   earlier: list[Attribution]) -> Attribution:
    if quote.inside is not None:
        return _attribute_nested(doc, parsed, quote, quotes, mentions, earlier)
    if quote.kind == "block":
        return attribute_block(doc, parsed, quote, mentions)
    if SO_CALLED.search(doc.text[max(0, quote.outer.start - 12) : quote.outer.start]):
        return Attribution(quote, None, None, "none")  # the writer's own distancing: a scare quote
    found = by_cue(doc, parsed, quote, quotes, mentions)
    if found:
        return Attribution(quote, *found, "cue")
    found = by_colon(doc, parsed, quote, mentions)
    if found:
        return Attribution(quote, *found, "colon")
    layout = by_layout(doc, parsed, quote, mentions)
    if layout:
        return Attribution(quote, *layout)
    previous = previous_speaker(doc, quote, earlier)
    if previous is not None:
        return Attribution(quote, previous.speaker, None, "previous_quote")
    found = by_sentence_before(doc, parsed, quote, mentions)
    if found:
        return Attribution(quote, *found, "previous_sentence")
    return Attribution(quote, None, None, "none")


def _attribute_nested(doc: Document, parsed: Doc, quote: Quote, quotes: list[Quote], mentions: list[Mention],
                      earlier: list[Attribution]) -> Attribution:
    """A quote inside a quote: the person the outer speaker quotes ("He told me, 'never again'"),
    found by a cue inside the outer quote; "I" there is the outer speaker; with no cue, the outer
    speaker's own words (a phrase they use or quote without naming anyone)."""
    container = next(a for a in earlier if a.quote.index == quote.inside)
    if quote.kind == "scare" and SO_CALLED.search(doc.text[max(0, quote.outer.start - 12) : quote.outer.start]):
        return Attribution(quote, None, None, "none")
    found = by_cue(doc, parsed, quote, quotes, mentions, within=container.quote.outer)
    if found is not None:
        speaker, cue = found
        if speaker.text.lower() in FIRST_PERSON and container.speaker is not None:
            speaker = replace(container.speaker, text=speaker.text, span=speaker.span)
        return Attribution(quote, speaker, cue, "cue")
    if container.speaker is not None:
        return Attribution(quote, container.speaker, None, "outer_quote")
    return Attribution(quote, None, None, "none")


def _share_within_groups(results: list[Attribution]) -> list[Attribution]:
    """The parts of an interrupted quote share the speaker found for any of them."""
    by_group: dict[int, Attribution] = {}
    for result in results:
        if result.speaker is not None and result.quote.group not in by_group:
            by_group[result.quote.group] = result
    shared = []
    for result in results:
        source = by_group.get(result.quote.group)
        if result.speaker is None and source is not None:
            result = replace(result, speaker=source.speaker, cue=source.cue, method="group")
        shared.append(result)
    return shared


def _final_kind(doc: Document, result: Attribution) -> QuoteKind:
    quote = result.quote
    if quote.kind != "scare" or result.speaker is None:
        return quote.kind
    standalone = quote.text[:1].isupper() and re.search(r"(^|[.!?:]\s*)\W?$", doc.text[:quote.outer.start])
    return "direct" if standalone else "partial"
