"""A reporting verb or phrase in the quote's own sentence, and the subject that speaks through it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..ingest import Document
from ..quotes import Quote
from ..spans import ArticleSpan
from .lexicon import CUE_NOUNS, CUE_VERBS, DOCUMENT_NOUNS, MAX_TAIL_TOKENS, NAMING_VERBS, PHRASE_CUES, RELATIVE_PRONOUNS
from .mentions import noun_phrase, noun_type
from .model import Cue, Mention, Speaker
from .parsing import sentence_of, text_of, tokens_between
from .speakers import speaker_from

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as TokenSpan



def _sentences_around(parsed: Doc, quote: Quote) -> TokenSpan | None:
    """Tokens of the sentences the quote touches, and the text just around the marks."""
    first = parsed.char_span(quote.outer.start, quote.outer.end, alignment_mode="expand")
    if first is None:
        return None
    sents = {sentence_of(t).start: sentence_of(t) for t in first}
    ordered = sorted(sents.values(), key=lambda s: s.start)
    start, end = ordered[0].start, ordered[-1].end
    # spaCy often ends a sentence inside the quote; the attribution after it belongs with it.
    doc = parsed
    if end < len(doc) and _is_short_attribution_tail(sentence_of(doc[end]), quote):
        end = sentence_of(doc[end]).end
    if start > 0 and (doc[start - 1].text == ":" or sentence_of(doc[start - 1]).text.rstrip().endswith(",")):
        start = sentence_of(doc[start - 1]).start
    return doc[start:end]


def _is_short_attribution_tail(sent: TokenSpan, quote: Quote) -> bool:
    if sent is None or sent.start_char < quote.outer.end:
        return False
    gap = text_of(sent.doc)[quote.outer.end : sent.start_char]
    # ..." a narrator in the Clinton ad asks.: a tail that starts in lower case goes with the quote
    return not gap.strip() and "\n" not in gap and any(is_cue_token(t) for t in sent[:8]) and (
        sent.text[:1].islower() or any(is_cue_token(t) for t in sent[:4]))


def by_cue(doc: Document, parsed: Doc, quote: Quote, quotes: list[Quote], mentions: list[Mention],
            within: ArticleSpan | None = None) -> tuple[Speaker, Cue] | None:
    """The reporting verb whose clause holds the quote, and its subject; for a quote nested in
    another, a verb inside the outer quote (`within`)."""
    region = _sentences_around(parsed, quote)
    if region is None or not len(region):
        return None
    quoted = [q.outer for q in quotes if q.outer.overlaps(ArticleSpan(region.start_char, region.end_char))
              and not (q.outer.contains(quote.outer) and q.outer != quote.outer)]
    outside = [t for t in region if not any(s.start <= t.idx < s.end for s in quoted)
               and (within is None or within.start <= t.idx < within.end)]
    candidates = []
    for token in outside:
        cue = cue_at(token, tuple(quoted))
        if cue is None:
            continue
        cue_tokens, subject = cue
        if subject is None or any(s.start <= subject.idx < s.end for s in quoted):
            continue
        if not _governs_quote(cue_tokens[0], subject, quote, parsed):
            continue
        distance = _distance(cue_tokens[0].idx, quote.outer)
        candidates.append((not _in_subtree(cue_tokens[0], quote), distance, cue_tokens, subject))
    if not candidates:
        return None
    _, _, cue_tokens, subject = min(candidates, key=lambda c: (c[0], c[1]))
    speaker = speaker_from(subject, parsed, mentions, cue_tokens[0])
    if speaker is None:
        return None
    cue_span = ArticleSpan(cue_tokens[0].idx, cue_tokens[-1].idx + len(cue_tokens[-1]))
    return speaker, Cue(doc.text[cue_span.start : cue_span.end], cue_span)


def _distance(offset: int, span: ArticleSpan) -> int:
    return 0 if span.start <= offset < span.end else min(abs(offset - span.start), abs(offset - span.end))


def is_cue_token(token: Token) -> bool:
    return token.lemma_.lower() in CUE_VERBS and token.pos_ in ("VERB", "AUX") or \
        any(_phrase_at(token, phrase) for phrase in PHRASE_CUES)


def _phrase_at(token: Token, phrase: tuple[str, ...]) -> bool:
    doc = token.doc
    if token.i + len(phrase) > len(doc):
        return False
    return all(doc[token.i + k].lower_ == word for k, word in enumerate(phrase))


def cue_at(token: Token, quoted: tuple[ArticleSpan, ...] = ()) -> tuple[list[Token], Token | None] | None:
    """(cue tokens, speaker head token) when `token` starts a cue, else None."""
    if _phrase_at(token, ("according", "to")):
        target = token.doc[token.i + 1]
        objects = [c for c in target.children if c.dep_ == "pobj"]
        return ([token, target], objects[0]) if objects else None
    if _phrase_at(token, ("in", "the", "words", "of")):
        of = token.doc[token.i + 3]
        objects = [c for c in of.children if c.dep_ == "pobj"]
        return ([token, *token.doc[token.i + 1 : token.i + 4]], objects[0]) if objects else None
    misread = _cue_misread_as_noun(token)
    if misread is not None:
        return [token], misread
    owner = _owner_of_cue_noun(token)
    if owner is not None:
        return [token], owner  # "Trump's claim that there have been "thousands of shootings""
    if token.pos_ == "VERB" and token.lemma_.lower() not in CUE_VERBS and _characterises(token, quoted):
        return [token], subject_of(token, quoted)  # "Reid has gone after Trump as a "con artist""
    if token.lemma_.lower() not in CUE_VERBS or token.pos_ not in ("VERB", "AUX"):
        return None
    if token.lemma_.lower() in ("credit", "attribute"):  # credited Kennedy with / attributed to Kennedy
        return _credited(token)
    if token.i >= 2 and token.doc[token.i - 1].text == "-" and token.doc[token.i - 2].lower_ == "so":
        return None  # so-called
    if token.dep_ in ("amod", "compound", "acomp"):
        return None
    return [token], subject_of(token, quoted) or _named_after_quote(token, quoted) or _name_before(token, quoted)


def _owner_of_cue_noun(token: Token) -> Token | None:
    """A noun of saying with its owner: "Trump's claim that ...", "his description of Putin as ...",
    "a remark by the minister"."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in CUE_NOUNS:
        return None
    for child in token.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _cue_misread_as_noun(token: Token) -> Token | None:
    """"the strategy states, ..." is often tagged as a noun compound: a third-person cue right
    after a noun and right before punctuation is the verb, and that noun its subject."""
    if token.pos_ not in ("NOUN", "PROPN") or token.i == 0 or token.i + 1 >= len(token.doc):
        return None
    word = token.lower_
    if not (word.endswith("s") and word[:-1] in CUE_VERBS or word[:-2] in CUE_VERBS and word.endswith("es")):
        return None
    before, after = token.doc[token.i - 1], token.doc[token.i + 1]
    if before.pos_ in ("NOUN", "PROPN") and (after.is_punct or after.is_quote):
        return before
    return None


def _credited(verb: Token) -> tuple[list[Token], Token] | None:
    """The person a quote is credited to is the object, not the subject."""
    for child in verb.children:
        if child.dep_ == "dobj" and verb.lemma_.lower() == "credit":
            return [verb], child
        if child.dep_ in ("prep", "dative") and child.lower_ == "to":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return [verb], objects[0]
    return None


def _characterises(verb: Token, quoted: tuple[ArticleSpan, ...]) -> bool:
    """"X regards / rated / went after Y as "...": a verb with an object and an "as" phrase that holds
    a quote characterises the object in the words of its subject, a person or a body."""
    if verb.lemma_.lower() in NAMING_VERBS or verb.dep_ in ("acl", "amod"):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ != "as"
                for g in c.children if g.dep_ == "pobj"]
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if not objects or subject is None or not _can_speak(subject):
        return False
    for head in (verb, *objects):
        for child in head.children:
            if child.lower_ == "as" and child.dep_ == "prep":
                phrase = ArticleSpan(child.idx, child.right_edge.idx + len(child.right_edge))
                if any(phrase.start <= q.start < phrase.end + 2 for q in quoted):
                    return True
    return False


def _can_speak(token: Token) -> bool:
    """A name, a pronoun, or a noun of the person, organisation or document lexicons."""
    return token.pos_ in ("PROPN", "PRON") or noun_type(token) is not None


def _name_before(verb: Token, quoted: tuple[ArticleSpan, ...]) -> Token | None:
    """A cue the parser left without a subject ("On January 21, Sean Spicer, Trump's press secretary,
    stated that ..."): the nearest person named before it in its clause, not a possessor, with no
    other verb in between."""
    if verb.dep_ not in ("ROOT", "conj", "ccomp"):
        return None
    sentence = sentence_of(verb)
    for token in reversed(list(verb.doc[sentence.start : verb.i])):
        if verb.i - token.i > MAX_TAIL_TOKENS or token.pos_ in ("VERB", "AUX") or token.is_quote:
            return None
        if any(span.start <= token.idx < span.end for span in quoted):
            return None
        if token.ent_type_ == "PERSON" and token.ent_iob_ in ("B", "I") and token.dep_ != "poss" \
                and not (token.i + 1 < len(verb.doc) and verb.doc[token.i + 1].tag_ == "POS"):
            return token
    return None


def _named_after_quote(verb: Token, quoted: tuple[ArticleSpan, ...]) -> Token | None:
    """"...," Flynn, a top Trump surrogate, said: the parser took the name into the quote's sentence;
    the words between the closing mark and the verb name the speaker (the first noun there)."""
    before = [span for span in quoted if span.end <= verb.idx]
    if not before:
        return None
    start = max(span.end for span in before)
    between = tokens_between(start, verb)
    if not between or len(between) > MAX_TAIL_TOKENS or any(t.pos_ in ("VERB", "AUX") for t in between):
        return None
    nouns = [t for t in between if t.pos_ in ("PROPN", "NOUN", "PRON") and not t.is_punct]
    if not nouns:
        return None
    head = nouns[0]
    while head.i + 1 < verb.i and verb.doc[head.i + 1].pos_ == "PROPN":
        head = verb.doc[head.i + 1]  # the name's last word: "Chuck Jordan"
    return head


def subject_of(verb: Token, quoted: tuple[ArticleSpan, ...] = ()) -> Token | None:
    """The verb's subject outside any quote ("Cooperation," Lindqvist said: Lindqvist), through
    relative clauses ("the letter, which reads") and coordination ("paused and added")."""
    def outside(token: Token) -> bool:
        return not any(span.start <= token.idx < span.end for span in quoted)

    for child in verb.children:  # passive with an agent: "was described by X as", "described as ... by X"
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj" and outside(c)]
            if objects:
                return objects[0]
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj") and outside(child):
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            return child
    for child in verb.children:  # "the strategy states": the parser took the noun for a compound
        if child.dep_ == "compound" and child.i == verb.i - 1 and child.pos_ in ("NOUN", "PROPN") and outside(child):
            return child
    if verb.dep_ == "acl" and verb.head != verb:
        if verb.lemma_.lower() in NAMING_VERBS:
            return None  # "a book called "Profiles in Courage"": a title, nobody's words
        return _signer(verb.head)  # "a letter saying ...": the letter, or who signed it
    after_comma = verb.i > 0 and verb.doc[verb.i - 1].text == ","
    if verb.tag_ == "VBG" and after_comma and verb.dep_ in ("advcl", "xcomp", "conj"):
        root = sentence_of(verb).root  # "An eyewitness described how the attack unfolded, stating, ..."
        if root != verb:
            return subject_of(root, quoted)
    if verb.dep_ == "pcomp" and verb.head.head != verb.head:  # "After saying ..., she was"
        return subject_of(verb.head.head, quoted)
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head != verb:
        return subject_of(verb.head, quoted)
    if verb.dep_ == "relcl" and verb.head != verb:
        return verb.head
    return None


def _signer(noun: Token) -> Token:
    """A document that speaks ("a letter saying"), or the subject who signed, issued or released it."""
    if noun.lemma_.lower() in DOCUMENT_NOUNS and noun.dep_ == "dobj":
        subjects = [c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and subjects[0].lower_ not in RELATIVE_PRONOUNS:
            return subjects[0]
    return noun


def _governs_quote(verb: Token, subject: Token, quote: Quote, parsed: Doc) -> bool:
    """The quote is what the cue reports: in the verb's clause but not part of its subject.

    Short quotes must sit in the verb's subtree (so "the "experts" said" gets no speaker);
    a longer quote may also stand beside the attribution clause, set off by punctuation.
    """
    subject_span = noun_phrase(subject)  # without its relative clause: "McConnell, who said ..."
    if subject_span.overlaps(quote.span):
        return False
    # "according to X" and a parenthetical "X said" both speak for the clause they stand in
    root = verb.head if verb.dep_ in ("prep", "parataxis") else verb
    while root.dep_ in ("conj", "xcomp") and root.head != root:
        root = root.head
    subtree = ArticleSpan(root.left_edge.idx, root.right_edge.idx + len(root.right_edge))
    inside = subtree.start <= quote.start and quote.end <= subtree.end + 2
    if quote.words <= 3 and quote.kind == "scare":
        return inside and _quote_in_complement(verb, quote)
    if inside:
        return True
    between = text_of(parsed)[min(quote.outer.end, subtree.end) : max(quote.outer.start, subtree.start)]
    return bool(re.fullmatch(r"[\s,:;—–-]*", between))  # set off by punctuation only


def _in_subtree(verb: Token, quote: Quote) -> bool:
    root = verb.head if verb.dep_ in ("prep", "parataxis") else verb
    return root.left_edge.idx <= quote.start and quote.end <= root.right_edge.idx + len(root.right_edge) + 2


def _quote_in_complement(verb: Token, quote: Quote) -> bool:
    """The quote lies in what the verb governs after it (its objects and complements together:
    "called it "a non-starter"" is parsed as three complements)."""
    complements = [c for c in verb.children
                   if c.dep_ not in ("nsubj", "nsubjpass", "csubj", "aux", "auxpass", "neg", "punct")]
    for child in complements:
        start, end = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
        if start <= quote.start and quote.end <= end + 1:
            return True
    after = [c for c in complements if c.i > verb.i]
    if not after:
        return False
    start = min(c.left_edge.idx for c in after)
    end = max(c.right_edge.idx + len(c.right_edge) for c in after)
    return start <= quote.start and quote.end <= end + 1
