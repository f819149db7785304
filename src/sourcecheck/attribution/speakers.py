"""A speaker phrase (a cue's subject, a layout's label) made into a `Speaker` with its resolved name."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..ingest import Document
from ..spans import ArticleSpan
from . import layout_cues
from .coreference import find_antecedent, fullest_naming, person_named
from .lexicon import FIRST_PERSON, GENDERED_PRONOUNS, PART_NOUNS, PRONOUNS
from .mentions import described_mention, mention_for, noun_phrase
from .model import Mention, Speaker
from .parsing import sentence_of, text_of, tokens_between

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token



def speaker_from(head: Token, parsed: Doc, mentions: list[Mention], verb: Token | None = None) -> Speaker | None:
    head = _part_owner(head)
    span = noun_phrase(head)
    if verb is not None:
        span = _through_to_verb(span, verb)
    text = text_of(parsed)[span.start : span.end]
    lower = head.lower_
    if lower in FIRST_PERSON:
        speaker = _first_person(head, span, parsed, mentions)
        if speaker is not None:
            return speaker
    if lower in PRONOUNS:
        antecedent = find_antecedent(PRONOUNS[lower], span.start, sentence_of(head).start_char, mentions,
                                 parsed.user_data.get("pronoun_sentences", frozenset()),
                                 GENDERED_PRONOUNS.get(lower), parsed.user_data.get("genders", {}))
        if antecedent is None:
            return Speaker(text, span, text, "person" if PRONOUNS[lower] == "person" else None)
        return Speaker(text, span, antecedent.name, antecedent.type, antecedent.span)
    mention = mention_for(span, mentions)
    if mention is not None and head.pos_ == "NOUN" and _name_only_modifies(head, mention, parsed):
        mention = described_mention(head, span, parsed, as_subject=True) or mention  # "a Coolidge biographer"
    mention = mention or described_mention(head, span, parsed, as_subject=verb is not None)
    if mention is None:
        return None
    full = fullest_naming(mention, mentions)
    return Speaker(text, span, full.name, full.type, full.span if full is not mention else None)


def _name_only_modifies(head: Token, mention: Mention, parsed: Doc) -> bool:
    """The name is not the speaker but part of a description: before the head ("a Coolidge
    biographer", "the Trump campaign") or inside a phrase after it ("a narrator in the Clinton ad");
    a name right after a title is the speaker ("tax historian Joseph Thorndike")."""
    if mention.span.start <= head.idx < mention.span.end:
        return False
    if mention.span.end <= head.idx:
        return True
    between = text_of(parsed)[head.idx + len(head) : mention.span.start]
    return bool(re.search(r"\b(?:in|of|for|at|from|with|on|by)\b", between))


def _through_to_verb(span: ArticleSpan, verb: Token) -> ArticleSpan:
    """A subject the parser split ("Tulsa police Chief Chuck Jordan said", "Tulsa" taken for the
    subject): when only nouns and names stand between the phrase and its verb, they are the phrase."""
    between = tokens_between(span.end, verb)
    if between and len(between) <= 6 and all(t.pos_ in ("PROPN", "NOUN") or t.text in ("-", ".") for t in between):
        return ArticleSpan(span.start, between[-1].idx + len(between[-1]))
    return span


def _part_owner(head: Token) -> Token:
    """"A passage in the document reads" -> the document; "Keller's letter says" -> Keller."""
    if head.lemma_.lower() in PART_NOUNS:
        owners = [c for c in head.children if c.dep_ == "poss"]
        if owners:
            return owners[0]
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "from"):
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                if objects:
                    return _part_owner(objects[0])
    if head.lemma_.lower() in ("statement", "letter", "email", "message", "post", "tweet", "words"):
        owners = [c for c in head.children if c.dep_ == "poss"]
        if owners and owners[0].lower_ not in PRONOUNS:
            return owners[0]
    return head


def speaker_at(span: ArticleSpan, doc: Document, parsed: Doc, mentions: list[Mention],
                need_name: bool = False) -> Speaker | None:
    """The speaker a layout names: the mention there, else a name known from elsewhere in the text."""
    text = doc.text[span.start : span.end]
    mention = mention_for(span, mentions)
    if mention is not None:
        full = fullest_naming(mention, mentions)
        return Speaker(text, span, full.name, full.type, full.span if full is not mention else None)
    plain = layout_cues.plain_name(text)
    known = person_named(plain, mentions)
    if known is not None:
        return Speaker(text, span, known.name, known.type, known.span)
    if need_name and layout_cues.is_heading_word(text):
        return None  # "Update:", "Note:": not a speaker
    if not plain or plain[:1].islower():
        return None
    return Speaker(text, span, plain, "person")


def _first_person(head: Token, span: ArticleSpan, parsed: Doc, mentions: list[Mention]) -> Speaker | None:
    """"I" and "we" outside quotes: the speaker of the transcript's turn, else the document's author."""
    doc = parsed.user_data.get("document")
    text = text_of(parsed)[span.start : span.end]
    if doc is None:
        return None
    if "turns" not in parsed.user_data:
        parsed.user_data["turns"] = layout_cues.transcript_turns(doc)
    turn = layout_cues.turn_speaker(parsed.user_data["turns"], span.start)
    if turn is not None:
        speaker = speaker_at(turn.span, doc, parsed, mentions)
        if speaker is not None:
            if layout_cues.only_titles(speaker.name) and doc.metadata.author:
                return Speaker(text, span, doc.metadata.author, "person", turn.span)  # THE PRESIDENT: the author
            name = layout_cues.plain_name(speaker.name) if speaker.name.isupper() else speaker.name
            return Speaker(text, span, name, speaker.type, turn.span)
    if doc.metadata.author:
        return Speaker(text, span, doc.metadata.author, "person")
    if head.lower_ in ("i", "me", "my"):
        return Speaker(text, span, text, "person")  # the writer: nobody the article names
    return None
