"""Speakers given by the layout (labels, credit lines, inverted cues, quote lists): see layout_cues."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..ingest import Block, Document
from ..quotes import Quote
from . import layout_cues
from .coreference import fullest_naming
from .lexicon import CREDIT_REACH
from .model import Cue, Mention, Speaker
from .parsing import sentence_of
from .speakers import speaker_at

if TYPE_CHECKING:
    from spacy.tokens import Doc



def by_layout(doc: Document, parsed: Doc, quote: Quote,
               mentions: list[Mention]) -> tuple[Speaker, Cue | None, str] | None:
    """A label before the quote, a credit line after it, or an inverted cue (layout_cues)."""
    block = doc.block_at(quote.start)
    if block is None:
        return None
    lead = doc.text[block.start : quote.outer.start]
    opens_block = not lead.strip(" \t*•·-–—>#0123456789.)\u200b\ufeff")
    found = [layout_cues.inverted_cue(doc, block, quote.outer.start),
             layout_cues.label_before(doc, block, quote.outer.start),
             layout_cues.credit_after(doc, block, quote.outer.end, opens_block)]
    for item in found:
        if item is None:
            continue
        speaker = speaker_at(item.span, doc, parsed, mentions, need_name=item.method == "label")
        if speaker is not None:
            cue = Cue(doc.text[item.cue.start : item.cue.end], item.cue) if item.cue else None
            return speaker, cue, item.method
    if opens_block:  # a quote list: "...", toast made by Andrew Jackson at a gala
        return _person_after(doc, parsed, quote, block, mentions)
    return None


def _person_after(doc: Document, parsed: Doc, quote: Quote, block: Block,
                  mentions: list[Mention]) -> tuple[Speaker, Cue | None, str] | None:
    """The first person the rest of the sentence names, after a quote that opens its paragraph and
    is set off by a comma, colon or dash (in a list item, by anything): "...", used by Barack Obama."""
    tail = doc.text[quote.outer.end : block.end]
    set_off = re.match(r"[\s.;!?)\]\d]*[,:–—-]", tail) is not None
    if not set_off and block.kind != "list_item":
        return None
    end = quote.outer.end + min(len(tail), CREDIT_REACH)
    following = parsed.char_span(quote.outer.end, end, alignment_mode="expand")
    words = [t for t in following or [] if not t.is_punct and not t.is_space]
    if words:  # the sentence the credit stands in, which may have begun inside the quote
        end = min(end, sentence_of(words[0]).end_char)
    people = [m for m in mentions if quote.outer.end <= m.span.start < end and m.type == "person" and m.proper]
    if not people:
        return None
    full = fullest_naming(people[0], mentions)
    speaker = Speaker(people[0].text, people[0].span, full.name, full.type,
                      full.span if full is not people[0] else None)
    return speaker, None, "credit_line"
