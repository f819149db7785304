"""Cue-less conventions of news style: a colon, the sentence before, the quote before, a block quote's lead."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..ingest import Block, Document
from ..quotes import Quote
from ..spans import ArticleSpan
from .coreference import fullest_naming
from .cues import cue_at, is_cue_token, subject_of
from .lexicon import CONTINUED_WORDS, DOCUMENT_NOUNS
from .mentions import mention_for
from .model import Attribution, Cue, Mention, Speaker
from .parsing import sentence_of
from .speakers import speaker_from

if TYPE_CHECKING:
    from spacy.tokens import Doc



def by_colon(doc: Document, parsed: Doc, quote: Quote, mentions: list[Mention]) -> tuple[Speaker, Cue] | None:
    """"Keller was blunt: "..."": the speaker is the subject of the clause before the colon; so for
    a whole sentence quoted after a comma ("Trump defended his decision, "As I have stated ..."")."""
    lead = doc.text[max(0, quote.outer.start - 3) : quote.outer.start]
    comma = "," in lead and quote.kind == "direct" and quote.text[:1].isupper() and quote.words >= 4
    before = _block_before_if_opening(doc, quote)
    if before is not None and doc.text[before.start : before.end].rstrip().endswith(":"):
        lead = ":"  # "He said:" closes the paragraph before the quote
        colon = doc.text.rfind(":", before.start, before.end)
    elif ":" not in lead and not comma:
        return None
    else:
        colon = doc.text.rfind(":" if ":" in lead else ",", 0, quote.outer.start)
    span = parsed.char_span(colon, colon + 1, alignment_mode="expand")
    if span is None:
        return None
    sent = sentence_of(span[0])
    verbs = [t for t in sent if t.idx < colon and t.pos_ in ("VERB", "AUX") and subject_of(t) is not None]
    if not verbs:
        return None
    verb = verbs[-1]
    subject = subject_of(verb)
    speaker = speaker_from(subject, parsed, mentions) if subject is not None else None
    if speaker is None:
        return None
    return speaker, Cue(verb.text, ArticleSpan(verb.idx, verb.idx + len(verb)))


def _block_before_if_opening(doc: Document, quote: Quote) -> Block | None:
    """The paragraph before the quote's, when the quote opens its own paragraph."""
    block = doc.block_at(quote.start)
    if block is None or doc.text[block.start : quote.outer.start].strip():
        return None
    index = doc.blocks.index(block)
    return doc.blocks[index - 1] if index > 0 else None


def by_sentence_before(doc: Document, parsed: Doc, quote: Quote,
                        mentions: list[Mention]) -> tuple[Speaker, Cue] | None:
    """"..., Schiff said. "The other factor ..."": a quoted sentence that follows reported speech
    goes on with its speaker (the cue is the previous sentence's main verb and no quote is in it)."""
    if quote.kind not in ("direct", "block") or not quote.text[:1].isupper():
        return None
    lead_block = doc.block_at(quote.start)
    if lead_block is None:
        return None
    lead = doc.text[lead_block.start : quote.outer.start]
    if lead.strip() and not re.search(r"[.!?]\s*$", lead):
        return None
    if lead.strip():
        at = lead_block.start + len(lead.rstrip()) - 1
    else:
        before = _block_before_if_opening(doc, quote)
        if before is None:
            return None
        at = before.start + len(doc.text[before.start : before.end].rstrip()) - 1
    tokens = parsed.char_span(at, at + 1, alignment_mode="expand") if at >= 0 else None
    if tokens is None or not len(tokens):
        return None
    sent = sentence_of(tokens[0])
    if any(t.is_quote for t in sent):
        return None
    root = sent.root
    for verb in [root, *[c for c in root.children if c.dep_ == "conj"]]:
        if is_cue_token(verb):
            subject = subject_of(verb)
            if subject is not None:
                speaker = speaker_from(subject, parsed, mentions, verb)
                if speaker is not None:
                    return speaker, Cue(verb.text, ArticleSpan(verb.idx, verb.idx + len(verb)))
    return None


def previous_speaker(doc: Document, quote: Quote, earlier: list[Attribution]) -> Attribution | None:
    """A quote standing as a sentence of its own continues the speaker of the quote just before it,
    in the same paragraph ("...," said Keller. "We will ...") or, for a paragraph that is only a
    quote, in the paragraph before."""
    block = doc.block_at(quote.start)
    earlier = [a for a in earlier if a.quote.inside is None]
    if block is None or not earlier or earlier[-1].speaker is None:
        return None
    previous = earlier[-1]
    previous_block = doc.block_at(previous.quote.start)
    if previous_block is None:
        return None
    before = doc.text[block.start : quote.outer.start]
    after = doc.text[quote.outer.end : block.end]
    if previous_block is block:
        own_sentence = re.search(r"[.!?][\"”’]?\s*$", before) is not None
        if own_sentence and re.match(r"\s*($|[A-Z\"“‘])", after):
            return previous
        # 'Adams reported that "...". Among Union sympathizers, "the growing hope is ..."': a
        # sentence-long stretch of the same paragraph, nobody else named in between
        between = doc.text[previous.quote.outer.end : quote.outer.start]
        if quote.words >= CONTINUED_WORDS and len(between) <= 200 and not re.search(r"\b[A-Z][a-z]+\b", between[1:]):
            return previous
        return None
    index = doc.blocks.index(block)
    only_quote = len((before + after).split()) <= 1
    return previous if only_quote and index > 0 and doc.blocks[index - 1] is previous_block else None


def attribute_block(doc: Document, parsed: Doc, quote: Quote, mentions: list[Mention]) -> Attribution:
    """A block quote: a "— Name" credit, or the paragraph before it ("the letter reads:")."""
    block = doc.block_at(quote.start)
    if block is None:
        return Attribution(quote, None, None, "none")
    index = doc.blocks.index(block)
    group_blocks = [b for b in doc.blocks if b.group == block.group]
    last = group_blocks[-1]
    credit_text = doc.text[quote.end : last.end]
    credit = re.search(r"[—–―-]+\s*([A-Z][^,\n]{1,80})", credit_text)
    if credit:
        start = quote.end + credit.start(1)
        span = ArticleSpan(start, start + len(credit.group(1).strip()))
        name = doc.text[span.start : span.end]
        mention = mention_for(span, mentions)
        full = fullest_naming(mention, mentions) if mention else None
        speaker = Speaker(name, span, full.name if full else name, full.type if full else None,
                          full.span if full and full.span != span else None)
        return Attribution(quote, speaker, None, "credit_line")
    if index > 0:
        before = doc.blocks[index - 1]
        lead = doc.text[before.start : before.end].rstrip()
        named = _document_before_colon(parsed, before, lead, mentions)
        if named is not None:
            return Attribution(quote, named, None, "colon")
        if lead.endswith((":", ",")) or re.search(r"\b(?:reads|read|wrote|writes|said|says|states)\W*$", lead):
            tail = parsed.char_span(before.start, before.end, alignment_mode="expand")
            cues = [cue for cue in map(cue_at, tail) if cue is not None and cue[1] is not None] if tail else []
            if cues:
                cue_tokens, subject = cues[-1]
                cued = speaker_from(subject, parsed, mentions) if subject is not None else None
                if cued:
                    span = ArticleSpan(cue_tokens[0].idx, cue_tokens[-1].idx + len(cue_tokens[-1]))
                    return Attribution(quote, cued, Cue(doc.text[span.start : span.end], span), "cue")
            found = by_colon(doc, parsed, replace(quote, marks=(ArticleSpan(before.end, before.end),)), mentions)
            if found:
                return Attribution(quote, *found, "colon")
    return Attribution(quote, None, None, "none")


def _document_before_colon(parsed: Doc, block: Block, lead: str, mentions: list[Mention]) -> Speaker | None:
    """"... the ministers agreed a one-line communiqué:" introduces the communiqué itself."""
    if not lead.endswith(":"):
        return None
    tokens = parsed.char_span(block.start, block.start + len(lead), alignment_mode="expand")
    if tokens is None or len(tokens) < 2:
        return None
    noun = tokens[-2]
    if noun.pos_ not in ("NOUN", "PROPN") or noun.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    return speaker_from(noun, parsed, mentions)
