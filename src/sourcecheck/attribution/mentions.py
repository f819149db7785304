"""Everything outside the quotes that could speak: entities and noun phrases, typed person/organisation/document."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..spans import ArticleSpan
from . import layout_cues
from .lexicon import (
    DOCUMENT_NOUNS,
    ENTITY_TYPES,
    NON_SPEAKERS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PERSON_SUFFIXES,
    PLACE_PREPOSITIONS,
    PRONOUNS,
)
from .model import Mention, SpeakerType
from .names import name_words
from .parsing import sentence_of, text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as TokenSpan



def noun_phrase(head: Token) -> ArticleSpan:
    """The head's phrase without relative clauses, appositions or trailing prepositions' clauses."""
    keep = {"compound", "det", "amod", "poss", "case", "nmod", "nummod", "prep", "pobj", "flat", "quantmod"}
    tokens = [head]
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ in keep and not (child.dep_ == "prep" and child.i < head.i):
                if child.dep_ == "prep" and child.lower_ not in ("of", "for", "on", "at", "in"):
                    continue
                tokens.append(child)
                stack.append(child)
    tokens.sort(key=lambda t: t.i)
    # a contiguous run around the head
    start = end = tokens.index(head)
    while start > 0 and tokens[start - 1].i == tokens[start].i - 1:
        start -= 1
    while end + 1 < len(tokens) and tokens[end + 1].i == tokens[end].i + 1:
        end += 1
    first, last = tokens[start], tokens[end]
    while last.is_punct and last.i > first.i:
        last = last.doc[last.i - 1]
    text = text_of(head.doc)
    begin = first.idx
    while begin > 0 and not text[begin - 1].isspace() and text[begin - 1] not in "\"“‘(":
        begin -= 1  # "140-page report", not "page report"
    return ArticleSpan(begin, last.idx + len(last))


def find_mentions(parsed: Doc, quoted: tuple[ArticleSpan, ...] = ()) -> list[Mention]:
    """Every entity and noun phrase outside the quotes that could be a speaker, in order."""
    found: dict[tuple[int, int], Mention] = {}
    for ent in parsed.ents:
        kind = ENTITY_TYPES.get(ent.label_)
        if kind and len(ent) > 1 and ent[0].lower_ in layout_cues.INVERTED_CUES and ent[0].text[:1].isupper():
            ent = ent[1:]  # "Said Roosevelt": the recogniser took the inverted cue into the name
        if kind and ent[-1].lower_ in ("’s", "'s", "’", "'") and len(ent) > 1:
            ent = ent[:-1]  # "Ronald Reagan’s" names Ronald Reagan
        if kind and ent.label_ == "NORP" and (ent.root.pos_ == "ADJ" or ent.root.dep_ in ("amod", "compound")):
            continue  # "Baltic-rim states", "French officials": a description, not a speaker
        if kind:
            start = ent.start_char
            if ent.start > 0 and parsed[ent.start - 1].lower_ == "the" and kind != "person":
                start = parsed[ent.start - 1].idx
            span = ArticleSpan(start, ent.end_char)
            head = ent.root.lower_
            if kind == "organisation" and head in DOCUMENT_NOUNS:
                kind = "document"
            found[(span.start, span.end)] = Mention(span, text_of(parsed)[span.start : span.end], kind, head,
                                                     True, ent.root.tag_ in ("NNS", "NNPS"),
                                                     _is_subject(ent.root), sentence_of(ent.root).start_char,
                                                     text_of(parsed)[span.start : span.end])
    for chunk in parsed.noun_chunks:
        kind = noun_type(chunk.root)
        # a name the recogniser missed keeps type None: a person if the article names one so
        missed_name = kind is None and chunk.root.pos_ == "PROPN" and not chunk.root.ent_type_
        if (kind is None and not missed_name) or chunk.root.lower_ in PRONOUNS:
            continue
        if chunk.root.dep_ == "appos" and chunk.root.head.pos_ == "PROPN":
            continue  # "Lars Henning, a former official": the name is the mention
        span = noun_phrase(chunk.root)
        key = (span.start, span.end)
        root_inside_name = any(start <= chunk.root.idx < end and m.proper for (start, end), m in found.items())
        if root_inside_name and not _has_title(chunk):
            continue  # the entity already stands for it
        proper = any(t.pos_ == "PROPN" for t in chunk)
        text = text_of(parsed)[span.start : span.end]
        people = [e for e in chunk.ents if e.label_ == "PERSON"]
        found[key] = Mention(span, text, kind, chunk.root.lower_, proper, chunk.root.tag_ in ("NNS", "NNPS"),
                              _is_subject(chunk.root), sentence_of(chunk.root).start_char,
                              people[-1].text if people else text)
    outside = [m for m in found.values() if not any(q.overlaps(m.span) for q in quoted)]
    outside = [_person_if_taken_up(m, parsed) for m in outside]
    places = _names_used_only_as_places(outside, parsed)
    outside = [replace(m, type="organisation") if m.type == "person" and m.name in places else m for m in outside]
    outside += _coordinated_people(outside, parsed)
    return _with_consistent_people(sorted(outside, key=lambda m: m.span.start))


def _coordinated_people(mentions: list[Mention], parsed: Doc) -> list[Mention]:
    """"Siblings Colm and Bernadette Dearden-Yusuf ... said": two people joined by "and" are one
    group, which "they" can take up."""
    groups = []
    people = sorted((m for m in mentions if m.type == "person" and m.proper and not m.plural),
                    key=lambda m: m.span.start)
    for first, second in zip(people, people[1:], strict=False):
        between = text_of(parsed)[first.span.end : second.span.start]
        if between.strip() == "and":
            span = ArticleSpan(first.span.start, second.span.end)
            text = text_of(parsed)[span.start : span.end]
            groups.append(Mention(span, text, "person", second.head, True, True, first.subject, first.sentence, text))
    return groups


def _names_used_only_as_places(mentions: list[Mention], parsed: Doc) -> set[str]:
    """One-word names the recogniser took for people that the article only ever uses as a place
    ("in Eastvale", "to Ridgeport"): not a person a pronoun can stand for."""
    as_place: dict[str, bool] = {}
    for mention in mentions:
        if mention.type != "person" or not mention.proper or " " in mention.name.strip():
            continue
        tokens = parsed.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        root = tokens.root if tokens is not None and len(tokens) else None
        place = root is not None and root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS
        as_place[mention.name] = as_place.get(mention.name, True) and place
    return {name for name, place in as_place.items() if place}


def _person_if_taken_up(mention: Mention, parsed: Doc) -> Mention:
    """A name the recogniser missed ("Gwen Halloran-Pike still remembers the first record she ever
    sold") is a person when it is its sentence's subject and "he" or "she" takes it up there or as
    the next sentence's subject."""
    if mention.type not in (None, "organisation") or not mention.subject or not mention.proper:
        return mention
    tokens = parsed.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    if tokens is None or not len(tokens) or tokens[-1].dep_ not in ("nsubj", "nsubjpass") \
            or mention.head in ORG_NOUNS:
        return mention  # "Council leader Graham Pike said he": the council is not who "he" is
    sent = sentence_of(tokens[-1])
    after = [t for t in sent if t.idx >= mention.span.end and t.lower_ in ("he", "she", "his", "her")]
    if not after and sent.end < len(parsed):
        following = sentence_of(parsed[sent.end])
        after = [t for t in following if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in ("he", "she")]
    return replace(mention, type="person") if after else mention


def _with_consistent_people(mentions: list[Mention]) -> list[Mention]:
    """A name that is part of a person's name elsewhere in the article is that person, whatever
    the entity recogniser made of it this time ("Varga" after "Foreign Minister Ilse Varga")."""
    people = [name_words(m.name) for m in mentions if m.type == "person" and m.proper
              and (" " in m.name.strip() or "-" in m.name)]
    fixed = []
    for mention in mentions:
        words = name_words(mention.name)
        if mention.proper and mention.type != "person" and words and any(words <= p for p in people) \
                and mention.head not in ORG_NOUNS:
            mention = replace(mention, type="person")
        if mention.type is not None:
            fixed.append(mention)
    return fixed


def _is_subject(token: Token) -> bool:
    """Subject of its sentence's main clause: the most salient antecedent for a pronoun."""
    while token.dep_ in ("compound", "flat", "appos") and token.head != token:
        token = token.head
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _has_title(chunk: TokenSpan) -> bool:
    return any(t.lower_ in PERSON_NOUNS for t in chunk) and any(t.ent_type_ == "PERSON" for t in chunk)


def noun_type(head: Token) -> SpeakerType | None:
    if head.pos_ == "PROPN" and any(c.dep_ == "appos" and c.lemma_.lower() in PERSON_NOUNS for c in head.children):
        return "person"  # "Lars Henning, a former official"
    if head.ent_type_ in ENTITY_TYPES:
        kind = ENTITY_TYPES[head.ent_type_]
        return "document" if head.lemma_.lower() in DOCUMENT_NOUNS and kind != "person" else kind
    lemma = head.lemma_.lower()
    if lemma in PERSON_NOUNS:
        return "person"
    if lemma in DOCUMENT_NOUNS:
        return "document"
    if lemma in ORG_NOUNS:
        return "organisation"
    return None


def mention_for(span: ArticleSpan, mentions: list[Mention]) -> Mention | None:
    """The mention that is the speaker phrase, or the name inside it."""
    inside = [m for m in mentions if span.contains(m.span)] or [m for m in mentions if m.span.contains(span)]
    if not inside:
        return None
    people = [m for m in inside if m.type == "person" and m.proper]
    # the name ends the phrase ("police Chief Chuck Jordan", "Former US Ambassador Nikki Haley")
    return max(people or inside, key=lambda m: (m.proper, m.span.end, len(m.span)))


def described_mention(head: Token, span: ArticleSpan, parsed: Doc, as_subject: bool = False) -> Mention | None:
    """A speaker phrase no entity covers ("the authors", "one resident"); as a cue's subject, any
    noun phrase ("a narrator in the ad asks"), a capitalised one taken for a name ("Trump boasted")."""
    kind = noun_type(head)
    if kind is None and head.pos_ == "NOUN" and as_subject:
        kind = _guess_speaker_type(head)
    if kind is None and head.pos_ != "PROPN":
        return None
    text = text_of(parsed)[span.start : span.end]
    return Mention(span, text, kind or "person", head.lower_, head.pos_ == "PROPN", head.tag_ in ("NNS", "NNPS"),
                    _is_subject(head), sentence_of(head).start_char, text)


def _guess_speaker_type(head: Token) -> SpeakerType | None:
    """A speaking noun outside the lexicons ("the former first lady", "a narrator"): a person, or
    for a plural a group, unless it names a thing that cannot speak."""
    if head.lemma_.lower() in NON_SPEAKERS:
        return None
    return "organisation" if head.tag_ == "NNS" and not head.lower_.endswith(PERSON_SUFFIXES) else "person"
