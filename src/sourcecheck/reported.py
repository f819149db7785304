"""Reported speech: every attribution in an article, with quotation marks or without (PARC-style).

An attribution is a source (a person, an organisation, a document), a cue (the reporting verb,
noun or phrase) and a content (what is reported). Direct quotes keep what quote attribution found
for them; indirect ones are read off the dependency parse:

- a cue verb with a clausal complement: "X said (that) ...", "X told reporters (that) ...",
  "X believes ...", "..., X said." (the clause the cue interrupts or follows);
- a cue verb whose object or infinitive is what is reported: "X denied the claims",
  "X pledged to ...", "the strategy commits the government to ...";
- "according to X, ...": the clause the phrase stands in;
- a cue noun with its owner and a that-clause: "X's claim that ...".

The source is the cue's subject made a `Speaker` by the attribution package (its coreference and
names), so a pronoun or a surname resolves as it does for quotes. Attributions nest: the content
of one may hold another ("X said Y had warned that ..."), and each is reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .attribution import Attribution, Speaker
from .attribution.chooser import attribute_prepared, prepare
from .attribution.cues import subject_of
from .attribution.lexicon import CUE_NOUNS, CUE_VERBS
from .attribution.mentions import noun_phrase, noun_type
from .attribution.parsing import text_of
from .attribution.speakers import speaker_from
from .ingest import Document
from .quotes import Quote, find_quotes
from .spans import ArticleSpan

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

    from .attribution.model import Mention
    from .pipeline import QuoteAnalysis

ReportedKind = Literal["direct", "indirect", "mixed"]

# Besides the verbs of saying that attribution knows: verbs of thinking, knowing, agreeing and
# proposing, which report a stance or a content as PARC counts them. Verbs of saying that report
# a quotation's wording rather than a content ("described it as", "continued") are left out.
COGNITION_VERBS = frozenset("""
believe think know feel hope expect fear doubt understand consider assume suspect worry guess imagine
realize realise recognize recognise decide want plan intend agree disagree support oppose endorse reject
deny pledge vow promise show indicate suggest find conclude reveal learn hear predict acknowledge argue
insist maintain contend estimate project forecast anticipate envision determine calculate figure prove
demonstrate confirm allege accuse blame criticize criticise praise urge call propose announce threaten
commit order rule recommend request demand note observe explain direct instruct proclaim decree
""".split())
NOT_REPORTING = frozenset("continue put set record provide establish require describe call dub label term "
                          "brand name refer quote credit attribute talk speak answer".split())
REPORT_VERBS = (CUE_VERBS | COGNITION_VERBS) - NOT_REPORTING
# verbs whose direct object or infinitive is the reported content ("denied the charges", "pledged to")
OBJECT_VERBS = frozenset("""
deny pledge vow promise endorse support oppose reject announce propose predict warn urge demand
acknowledge admit confirm dispute criticize criticise praise blame allege threaten commit recommend
question concede call show cite mention want plan agree back discuss attack refuse decline offer outline
unveil defend bemoan lament tout chronicle document seek prefer favor favour welcome applaud condemn
denounce decry slam blast accuse charge challenge dismiss hail highlight emphasize emphasise stress
describe detail list reveal disclose release report estimate project forecast expect hope intend aim
vote insist know learn hear believe decide accept mock publish issue address express consider recognize
recognise order direct instruct authorize authorise
""".split())
# "called for ...", "pointed to ...", "warned against ...": the preposition's object is the content
PREP_VERBS = {"call": ("for", "on"), "point": ("to",), "warn": ("against", "of", "about"),
              "complain": ("about", "of"), "speak": ("of", "about"), "talk": ("about",), "argue": ("for", "against"),
              "push": ("for",), "press": ("for",), "advocate": ("for",), "vote": ("for", "against"),
              "comment": ("on",), "insist": ("on",), "agree": ("on",), "focus": ("on",)}
ALL_VERBS = REPORT_VERBS | OBJECT_VERBS | frozenset(PREP_VERBS)
TRIM = " \t\n,;:—–-\"“”'‘’."
CONSEQUENCE_MARKS = frozenset({"so", "because", "since", "unless", "although", "though", "if"})


@dataclass(frozen=True)
class ReportedAttribution:
    source: Speaker | None
    cue: ArticleSpan | None
    content: ArticleSpan
    kind: ReportedKind
    quotes: tuple[Quote, ...] = ()  # the direct quotes the content holds


def find_reported(article: Document, nlp: Language | None = None,
                  analysis: QuoteAnalysis | None = None) -> list[ReportedAttribution]:
    """Every attribution in the article, in text order (by content, then cue). Given the quotes'
    analysis, its attributions are kept (the article is parsed again); without it, see
    `analyse_reported`."""
    if analysis is None:
        return analyse_reported(article, nlp)[1]
    parsed, mentions = prepare(article, [a.quote for a in analysis.attributions], nlp)
    return reported_in(article, parsed, mentions, analysis.attributions)


def analyse_reported(article: Document, nlp: Language | None = None,
                     ) -> tuple[list[Attribution], list[ReportedAttribution]]:
    """The quotes' attributions (as `analyse_quotes` gives them) and every attribution, from one parse."""
    quotes = find_quotes(article)
    parsed, mentions = prepare(article, quotes, nlp)
    attributions = attribute_prepared(article, parsed, mentions, quotes)
    return attributions, reported_in(article, parsed, mentions, attributions)


def reported_in(article: Document, parsed: Doc, mentions: list[Mention],
                attributions: list[Attribution]) -> list[ReportedAttribution]:
    """Every attribution of a parsed article whose quotes `attributions` attributed, in text order."""
    quoted = [a.quote for a in attributions]
    outers = tuple(q.outer for q in quoted)
    inside_quotes = _tokens_in_quotes(parsed, quoted)
    found: list[ReportedAttribution] = []
    covered: set[int] = set()
    for token in parsed:
        if token.i in inside_quotes:
            continue
        indirect = _indirect_at(token, article.text, parsed, mentions, outers)
        if indirect is None:
            continue
        held = tuple(q for q in quoted if indirect.content.start <= q.start < indirect.content.end)
        covered.update(q.index for q in held)
        found.append(_with_quotes(indirect, held, article.text))
    for a in attributions:
        if a.quote.index not in covered and a.speaker is not None:
            found.append(ReportedAttribution(a.speaker, a.cue.span if a.cue else None, a.quote.span, "direct",
                                             (a.quote,)))
    return sorted(found, key=lambda r: (r.content.start, r.cue.start if r.cue else -1))


def _with_quotes(found: ReportedAttribution, held: tuple[Quote, ...], text: str) -> ReportedAttribution:
    if not held:
        return found
    outside = text[found.content.start : found.content.end]
    for q in sorted(held, key=lambda q: q.outer.start, reverse=True):
        a, b = q.outer.start - found.content.start, q.outer.end - found.content.start
        outside = outside[:max(a, 0)] + outside[b:]
    kind: ReportedKind = "direct" if not any(c.isalnum() for c in outside) else "mixed"
    return ReportedAttribution(found.source, found.cue, found.content, kind, held)


def _indirect_at(token: Token, text: str, parsed: Doc, mentions: list[Mention],
                 quoted: tuple[ArticleSpan, ...]) -> ReportedAttribution | None:
    if token.lower_ == "according" and token.i + 1 < len(parsed) and parsed[token.i + 1].lower_ == "to":
        return _according_to(token, text, parsed, mentions)
    if token.pos_ == "NOUN" and token.lemma_.lower() in CUE_NOUNS:
        return _cue_noun(token, text, parsed, mentions)
    if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in ALL_VERBS:
        return None
    if token.dep_ in ("amod", "compound", "acomp", "auxpass", "aux") or _infinitive(token) or _addressed(token):
        return None
    content = _verb_content(token)
    if content is None:
        return None
    span = _trimmed(parsed, content, text)
    if span is None:
        return None
    subject = subject_of(token, quoted)
    if subject is None or not _can_speak(subject) or span.start <= subject.idx < span.end:
        return None
    return ReportedAttribution(_source(subject, parsed, mentions, token), _token_span(token), span, "indirect")


def _addressed(verb: Token) -> bool:
    """"Asked whether ..., the president said": a passive participle with no subject of its own makes
    the sentence's subject the one addressed, not the one who speaks."""
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and \
        not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass", "aux") for c in verb.children)


def _infinitive(verb: Token) -> bool:
    """"refused to release ...": the infinitive is what the outer verb reports, not a report of its own
    (its subject is the outer verb's, whose attribution holds it)."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _verb_content(verb: Token) -> tuple[int, int] | None:
    """Token range [first, last] of what the verb reports, or None."""
    # the clause right after the verb; one before it when there is none ("The deal is dead, she says")
    clauses = sorted((c for c in verb.children if c.dep_ == "ccomp"), key=lambda c: (c.i < verb.i, abs(c.i - verb.i)))
    if clauses:
        return _clause_start(verb, clauses[0]), _coordinated_end(verb, clauses[0])
    has_own = any(c.dep_ in ("dobj", "xcomp") for c in verb.children)  # "..., as he urged citizens to help"
    if not has_own and (verb.dep_ == "parataxis" or (verb.dep_ in ("advcl", "conj") and _after_comma(verb)
                                                     and verb.i > verb.head.i)):
        head = verb.head  # "The deal is dead, he said." / "The deal, he said, is dead."
        before = (head.left_edge.i, verb.left_edge.i - 1)
        after = (verb.right_edge.i + 1, head.right_edge.i)
        return max(before, after, key=lambda side: side[1] - side[0])
    word = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in PREP_VERBS.get(word, ()):
            objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            if objects:
                return objects[0].left_edge.i, _object_end(verb, child)
    if word in OBJECT_VERBS:
        for child in verb.children:
            if child.dep_ in ("xcomp", "dobj") and not (child.dep_ == "dobj" and child.pos_ == "PRON"):
                return child.left_edge.i, _object_end(verb, child)
    return None


def _clause_start(verb: Token, clause: Token) -> int:
    """A reported clause the parser left without a subject starts at the verb's object before it
    ("charged that evidence gathered by officials showed ...", where "that evidence" was read as the
    object of "charged")."""
    if verb.i < clause.i and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children):
        objects = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < clause.i]
        if objects:
            return objects[0].left_edge.i
    return clause.left_edge.i


def _coordinated_end(verb: Token, clause: Token) -> int:
    """A second reported clause the parser hung on the verb ("said A, and that B", "informed Congress
    that A, so B") belongs to the same content: it runs on to that clause's end."""
    last = clause.right_edge.i
    if clause.i < verb.i:
        return last
    for other in verb.children:
        if other.dep_ == "conj" and other.i > clause.i and \
                any(c.dep_ == "mark" and c.lower_ == "that" for c in other.children):
            last = max(last, other.right_edge.i)
        elif other.dep_ == "ccomp" and other.i > clause.i or \
                other.dep_ == "advcl" and other.i > clause.i and _consequence(other):
            last = max(last, other.right_edge.i)
    return last


def _consequence(clause: Token) -> bool:
    """", so the privileges would lapse on July 1": a clause of its own, with a subject, that goes on
    with what was said (the parser hangs it on the verb of saying)."""
    return any(c.dep_ == "mark" and c.lower_ in CONSEQUENCE_MARKS for c in clause.children) and \
        any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children)


def _object_end(verb: Token, child: Token) -> int:
    """An object runs on through the verb's own phrases after it ("committed the government to ...")."""
    last = child.right_edge.i
    for other in verb.children:
        if other.i > child.i and other.dep_ in ("prep", "xcomp", "ccomp", "dative"):
            last = max(last, other.right_edge.i)
    return last


def _after_comma(verb: Token) -> bool:
    first = verb.left_edge
    return first.i > 0 and verb.doc[first.i - 1].text in (",", "—", "–")


def _according_to(token: Token, text: str, parsed: Doc, mentions: list[Mention]) -> ReportedAttribution | None:
    to = parsed[token.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    phrase_start, phrase_end = token.i, max(token.right_edge.i, to.right_edge.i)
    head = token.head if token.head != token else to.head
    while head.dep_ in ("prep", "pobj") and head.head != head:
        head = head.head
    phrase_end = _source_phrase_end(objects[0], head, phrase_end)
    left, right = head.left_edge.i, head.right_edge.i
    if left >= phrase_start:  # "According to X, ..."
        left = phrase_end + 1
    elif right <= phrase_end:  # the clause ends with the phrase: the parse gives nothing to report
        return None
    elif phrase_start - left >= right - phrase_end:  # inside the clause: the longer side
        right = phrase_start - 1
    else:
        left = phrase_end + 1
    span = _trimmed(parsed, (left, right), text)
    if span is None:
        return None
    cue = ArticleSpan(token.idx, to.idx + len(to))
    return ReportedAttribution(_source(objects[0], parsed, mentions), cue, span, "indirect")


def _source_phrase_end(source: Token, clause: Token, end: int) -> int:
    """"According to Harding, a popular government ... would do more": the parser made the clause's
    subject an apposition of the source; a clause left without a subject takes it back."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children):
        return end
    appositions = [c for c in source.children if c.dep_ == "appos"]
    if appositions and source.doc[appositions[0].left_edge.i - 1].text == ",":
        return appositions[0].left_edge.i - 2
    return end


def _cue_noun(token: Token, text: str, parsed: Doc, mentions: list[Mention]) -> ReportedAttribution | None:
    """"X's claim that ...", "a warning by X that ..."."""
    clause = next((c for c in token.children if c.dep_ in ("acl", "ccomp")
                   and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)), None)
    if clause is None:
        return None
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is None:
        owner = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "by"
                      for g in c.children if g.dep_ == "pobj"), None)
    if owner is None:
        return None
    span = _trimmed(parsed, (clause.left_edge.i, clause.right_edge.i), text)
    if span is None:
        return None
    return ReportedAttribution(_source(owner, parsed, mentions), _token_span(token), span, "indirect")


def _trimmed(parsed: Doc, tokens: tuple[int, int], text: str) -> ArticleSpan | None:
    """The character span of a token range without a leading "that", edge punctuation and spaces."""
    first, last = tokens
    if last < first:
        return None
    return _strip(text, parsed[first].idx, parsed[last].idx + len(parsed[last]))


def _strip(text: str, start: int, end: int) -> ArticleSpan | None:
    while start < end and text[start] in TRIM:
        start += 1
    if text[start : start + 5].lower() in ("that ", "that,"):
        start += 5
        while start < end and text[start] in TRIM:
            start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    if len(text[start:end].split()) < 2:
        return None
    return ArticleSpan(start, end)


def _source(head: Token, parsed: Doc, mentions: list[Mention], verb: Token | None = None) -> Speaker | None:
    """The speaker the attribution package makes of the phrase; else the phrase itself, for sources
    it does not take for speakers ("federal data", "the poll", "each")."""
    speaker = speaker_from(head, parsed, mentions, verb)
    relative = _relative_pronoun(verb) if verb is not None else None
    if speaker is not None and relative is not None:  # "Democrats, who have argued": "who", as for "he"
        return Speaker(relative.text, _token_span(relative), speaker.name, speaker.type, speaker.span)
    if speaker is not None or head.lower_ in ("which", "that", "what"):
        return speaker
    span = noun_phrase(head)
    text = text_of(parsed)[span.start : span.end]
    return Speaker(text, span, text, noun_type(head))


def _relative_pronoun(verb: Token) -> Token | None:
    if verb.dep_ != "relcl":
        return None
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("who", "which", "that")),
                None)


def _token_span(token: Token) -> ArticleSpan:
    return ArticleSpan(token.idx, token.idx + len(token))


def _can_speak(token: Token) -> bool:
    return token.pos_ in ("PROPN", "PRON") and token.lower_ not in ("it", "that", "which", "this") \
        or noun_type(token) is not None or token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")


def _tokens_in_quotes(parsed: Doc, quotes: list[Quote]) -> set[int]:
    """The tokens inside quotation marks: what a quote's speaker says, left to quote attribution."""
    inside: set[int] = set()
    for quote in quotes:
        for segment in quote.segments:
            tokens = parsed.char_span(segment.start, segment.end, alignment_mode="expand")
            if tokens is not None:
                inside.update(range(tokens.start, tokens.end))
    return inside
