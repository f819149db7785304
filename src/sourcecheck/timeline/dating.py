"""Dating an anchor event, and the interval an anchored expression resolves to.

The anchor's date is looked for, in order: a date inside the anchor ("the passage of the Act on
July 9, 1790"); for "this attack", the last date before it; for a clause or gerund anchor, the date
of its sentence ("In 2007, Paris left the ship after a confrontation", also through a participle or
infinitive without a subject of its own, "ruled from 1973, gaining power after a coup") unless it
tells of a rule, plan or counterfactual; the same event dated before it in the article ("the
shootings" after "the shootings ... in the early hours of November 2, 2016"; a date dates the words
of its own clause, not of the clauses embedded in it; a singular anchor does not corefer with a
plural mention; "the attack" may have been told as the shooting it was); a library document the
anchor names, when a library is given; for "during"/"around" and for the next step of someone the
story follows ("after leaving the ground"), the last day its paragraph reached; and the article's
first day-precise date for a noun that names the article's own event ("the attack", "impact"),
not one its modifiers name as another ("the Sewol ferry sinking")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..attribution.parsing import text_of
from ..spans import ArticleSpan
from .calendar import FINER, first_day, interval_of_range, last_day, moved, parse_duration, written_at
from .events import governing_verb
from .model import AnchorDate, DatedEvent, Granularity, Interval, Relation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..library_base import Library, Source

# Words naming one kind of event, so that "the blast" finds the date given for "the bombing".
_FAMILIES = [
    {"attack", "bombing", "bomb", "blast", "explosion", "explode", "detonate", "detonation", "assault", "ambush"},
    {"shooting", "shoot", "shot", "gunfire", "fire"},
    {"crash", "accident", "collision", "collide", "impact"},
    {"contest", "competition", "tournament", "championship", "challenge"},
    {"sign", "signing", "agreement", "treaty", "accord"},
    {"election", "elect", "vote", "poll", "ballot", "referendum"},
    {"arrest", "detention", "detain", "capture", "apprehend"},
    {"die", "death", "dead", "kill", "killing", "succumb"},
    {"invade", "invasion"}, {"annex", "annexation"}, {"meet", "meeting", "summit", "talk"},
    {"publish", "publication"}, {"announce", "announcement"}, {"resign", "resignation"},
    {"found", "founding", "foundation", "inception", "establish", "establishment", "create", "creation"},
    {"impeach", "impeachment"}, {"launch", "launching"}, {"release", "free"}, {"ouster", "oust", "overthrow"},
    {"pass", "passage", "enact", "enactment", "adopt", "adoption"}, {"record", "recording"},
    {"open", "opening"}, {"close", "closing", "closure"}, {"take-off", "takeoff", "lift"},
    {"verdict", "ruling", "rule", "judgment", "sentence", "sentencing"}, {"indict", "indictment", "charge"},
    {"strike", "raid", "airstrike"}, {"quake", "earthquake"}, {"storm", "hurricane", "typhoon"},
    {"riot", "protest", "demonstration", "clash"}, {"exchange", "exchanged"}, {"incident"},
]
_FAMILY_OF = {word: index for index, family in enumerate(_FAMILIES) for word in family}
# A general word names an event told by a more specific one: an attack was a shooting or a bombing.
_HYPONYMS = {"family:0": {"family:1"}}
# Nouns that, with "the" or "this", name the article's own event when nothing else dates them.
_MAIN_EVENT_NOUNS = set().union(*_FAMILIES[:3]) | {"incident", "tragedy", "disaster", "event", "events",
                                                   "stabbing", "massacre", "fire", "wildfire", "derailment"}
_DAY_GRANULAR = ("day", "time")
_OPENING = 600  # characters: a headline, a dateline and the lead's first sentences
_EVENT_SUFFIXES = ("tion", "sion", "ing", "ment", "ure", "off")
_TITLE_WORD = re.compile(r"[a-z0-9]+")
_SPEAKING = {"speak", "say", "address", "write", "publish", "issue", "deliver", "announce", "release", "sign",
             "declare", "testify", "tell"}
_STOP = {"the", "a", "an", "of", "and", "in", "on", "for", "to", "its", "his", "her", "their", "this", "that"}


# "first victory in an opening match since 1958": a date after "since" or "until" bounds a stretch
# of time; it does not say when the clause's event happened.
_BOUNDARY = re.compile(r"\b(?:since|until|till|by)\s+$", re.I)


@dataclass(frozen=True)
class Mention:
    """A word of the text that a dated expression dates: a key of its event family, and the date."""

    key: str
    token: int
    dated: DatedEvent


def event_key(token: Token) -> str:
    lemma = token.lemma_.lower()
    for word in (lemma, token.lower_):
        if word in _FAMILY_OF:
            return f"family:{_FAMILY_OF[word]}"
    return lemma


def dated_mentions(doc: Doc, dated: Sequence[DatedEvent]) -> list[Mention]:
    """The content words of each calendar date's clause, each with that date: "the agreement was
    signed on 12 February" dates "agreement" and "signed"."""
    mentions: list[Mention] = []
    text = text_of(doc)  # spaCy joins the whole text anew on each `doc.text`
    for item in dated:
        if item.interval is None or item.timex.type not in ("DATE", "TIME"):
            continue
        span = doc.char_span(item.timex.start, item.timex.end, alignment_mode="expand")
        if span is None or not len(span) or _BOUNDARY.search(text, max(0, item.timex.start - 8), item.timex.start):
            continue
        clause = _clause_tokens(span.root)
        line_start = text.rfind("\n", 0, item.timex.start) + 1
        line_end = text.find("\n", item.timex.end) % (len(text) + 1)
        for token in clause:
            if not line_start <= token.idx < line_end:
                continue  # a headline above a dateline is not what the dateline dates
            if token.pos_ in ("NOUN", "VERB", "PROPN") and not (item.timex.start <= token.idx < item.timex.end):
                mentions.append(Mention(event_key(token), token.i, item))
    return mentions


def _clause_tokens(token: Token) -> list[Token]:
    """The words of the clause a date stands in, and the noun it modifies if it is inside a noun
    phrase ("the crash ... in 1975")."""
    verb = governing_verb(token)
    if verb is None:
        return list(token.sent)
    words = [t for t in _own_clause(verb) if t.sent.start == token.sent.start]
    nominal = token.head
    while nominal.pos_ == "ADP" and nominal.head.i != nominal.i:
        nominal = nominal.head
    if nominal.pos_ in ("NOUN", "PROPN"):
        words = [nominal, *(t for t in words if t.i != nominal.i)]  # the nearest noun first
    return words


# Clauses inside a clause tell of events of their own: "In November 2016, prosecutors decided not to
# charge Vinson, concluding that the shooting was justified" dates the decision, not the shooting.
_EMBEDDED = ("ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "parataxis")


_SIMULTANEOUS = {"when", "as", "while", "whilst"}


def _own_clause(verb: Token) -> list[Token]:
    """The words of `verb`'s clause without the clauses embedded in it. Kept: a coordinated verb
    ("was arrested and charged on 3 May") and a "when"/"as"/"while" clause, which share the date;
    the noun a relative clause describes ("a terrorist attack that occurred on 13 November") and,
    when that noun is what a subject is said to be, the subject ("The BOMBING was an attack that
    occurred ...")."""
    skipped = {t.i for child in verb.children if child.dep_ in _EMBEDDED and not _simultaneous(child)
               for t in child.subtree}
    words = [t for t in verb.subtree if t.i not in skipped]
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        described = verb.head
        words.append(described)
        if described.dep_ == "attr":
            words.extend(c for c in described.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    return words


def _simultaneous(clause: Token) -> bool:
    return clause.dep_ == "advcl" and any(c.dep_ == "advmod" and c.lower_ in _SIMULTANEOUS or
                                          c.dep_ == "mark" and c.lower_ in _SIMULTANEOUS for c in clause.children)


def anchor_date(doc: Doc, head: Token, anchor: ArticleSpan, expression: ArticleSpan,
                dated: Sequence[DatedEvent], mentions: Sequence[Mention],
                library: Library | None = None, narrative: DatedEvent | None = None,
                trigger_verb: Token | None = None) -> AnchorDate | None:
    """`narrative` is the last day the text reached before the expression in its paragraph (a
    date, or an anchored expression already resolved to a day)."""
    inside = [d for d in dated if d.interval is not None and anchor.start <= d.timex.start
              and d.timex.end <= anchor.end and d.timex.type in ("DATE", "TIME")]
    if inside:
        same = [m.dated for m in mentions if m.key == event_key(head)]
        return _from_text(_refined(inside[-1], same))
    described = _described(head, dated)
    if described is not None:
        return _from_text(described)
    if _demonstrative(head):
        last = _nearest_before(anchor, dated)
        if last is not None:
            return _from_text(last)
    clausal = head.pos_ in ("VERB", "AUX") and not _nominal_gerund(head)
    if clausal and _unreal(head, trigger_verb):
        return None  # "two years after the proposed state is admitted": no event to date yet
    if clausal:
        # a clause's own sentence dates it more surely than an earlier use of its verb ("became")
        sentence = _sentence_date(head, expression, dated, trigger_verb)
        if sentence is not None:
            return _from_text(sentence)
    head = _aspect_of(head)  # "the beginning of the Hajj" is dated as the Hajj
    own = _same_event(head, anchor, expression, mentions)
    if own is not None:
        return _from_text(own)
    if library is not None:
        named = _library_date(head, text_of(doc)[anchor.start:anchor.end], library)
        if named is not None:
            return named
    if narrative is not None:
        return _from_text(narrative)
    if _names_main_event(head):
        main = main_event_date(dated, text_of(doc))
        if main is not None:
            return _from_text(main)
    return None


def _from_text(item: DatedEvent) -> AnchorDate:
    assert item.interval is not None and item.interval.begin is not None
    value = item.interval.begin[:10] if item.interval.granularity == "time" else item.interval.begin
    granularity: Granularity = "day" if item.interval.granularity == "time" else item.interval.granularity
    return AnchorDate(value, granularity, "text", ArticleSpan(item.timex.start, item.timex.end))


def _same_event(head: Token, anchor: ArticleSpan, expression: ArticleSpan,
                mentions: Sequence[Mention]) -> DatedEvent | None:
    """The date given to the anchor's event before it: its first dated mention. A dated mention
    only after the anchor is more often another occurrence ("after another game", a week later)."""
    key = event_key(head)
    if head.pos_ == "PRON":
        return None
    # "the attack" after "a militant shot 8 people on 9 October": told first as the kind of attack it was
    keys = {key} | _HYPONYMS.get(key, set())
    found = [m for m in mentions if m.key in keys and _agrees(head, head.doc[m.token])
             and not (expression.start <= m.dated.timex.start < expression.end)]
    if not found:
        return None
    before = [m for m in found if m.dated.timex.start < anchor.start]
    if not before:
        before = [m for m in found if _same_predication(head, head.doc[m.token])]
    if not before:
        return None
    first = min(before, key=lambda m: m.dated.timex.start).dated
    return _refined(first, [m.dated for m in found])


def _same_predication(anchor: Token, mention: Token) -> bool:
    """"after he brought a digital clock he had made to school" and, later, "Mohamed brought the
    digital clock he made to school on September 14": the same verb with the same object tells the
    same event, told again with its date."""
    def obj(verb: Token) -> str | None:
        return next((c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"), None)
    return anchor.pos_ == "VERB" and mention.pos_ == "VERB" and anchor.lemma_ == mention.lemma_ \
        and obj(anchor) is not None and obj(anchor) == obj(mention)


def _agrees(anchor: Token, mention: Token) -> bool:
    """"the attack" is not "attacks on Israelis in 2015/16": a singular noun names one event, not a
    plural's many (a plural anchor, "the attacks", may gather events told one by one, and a verb
    mention, "shot", agrees with either)."""
    return not (anchor.tag_ == "NN" and mention.tag_ == "NNS")


def _refined(date: DatedEvent, others: Sequence[DatedEvent]) -> DatedEvent:
    """"the 2016 Samarinda church bombing ... occurred on 13 November 2016": the finer date of the
    same event, where another mention gives one inside the first."""
    assert date.interval is not None and date.interval.begin is not None
    outer = (first_day(date.interval.begin), last_day(date.interval.end or date.interval.begin))
    finer = [o for o in others if o.interval is not None and o.interval.begin is not None
             and FINER.index(o.interval.granularity) < FINER.index(date.interval.granularity)
             and outer[0] <= first_day(o.interval.begin) <= outer[1]]
    return min(finer, key=lambda o: o.timex.start) if finer else date


_ASPECTS = {"beginning", "start", "end", "conclusion", "middle", "close", "height", "outbreak", "onset", "eve"}


def _aspect_of(head: Token) -> Token:
    """"the beginning of the Hajj", "the start of the strike": a phase of an event is dated as the
    event its "of" names."""
    if head.pos_ != "NOUN" or head.lemma_.lower() not in _ASPECTS:
        return head
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    event = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return event if event is not None else head


def _described(head: Token, dated: Sequence[DatedEvent]) -> DatedEvent | None:
    """"the orbiter's last flight, which launches June 28": a relative clause on the anchor that
    dates it (the extent leaves the clause out, its date still tells when the event is)."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    for item in dated:
        if item.interval is None or item.timex.type not in ("DATE", "TIME"):
            continue
        span = head.doc.char_span(item.timex.start, item.timex.end, alignment_mode="expand")
        verb = governing_verb(span.root) if span is not None and len(span) else None
        if verb is not None and verb.dep_ in ("relcl", "acl") and verb.head.i == head.i:
            return item
    return None


def _demonstrative(head: Token) -> bool:
    return any(c.lower_ in ("this", "that", "these", "those") for c in head.children)


def _nearest_before(anchor: ArticleSpan, dated: Sequence[DatedEvent]) -> DatedEvent | None:
    """"this incident", "this Act": the event last dated before it."""
    before = [d for d in dated if d.interval is not None and d.timex.end <= anchor.start
              and d.timex.type in ("DATE", "TIME")]
    return before[-1] if before else None


def _sentence_date(head: Token, expression: ArticleSpan, dated: Sequence[DatedEvent],
                   trigger_verb: Token | None) -> DatedEvent | None:
    """The date of the clause the expression modifies, or of the anchor's own clause: "In 2007,
    Paris left the ship after a confrontation". A date in another clause of the sentence ("a
    warning that is quoted even more widely today") dates something else."""
    verbs = {head.i} | ({trigger_verb.i} if trigger_verb is not None else set())
    if trigger_verb is not None and _participial_adjunct(trigger_verb):
        verbs.add(trigger_verb.head.i)  # "ruled from 1973, gaining power after a coup": the matrix clause's date
    on_date = _when_after_date(trigger_verb if trigger_verb is not None else head, dated)
    if on_date is not None:
        return on_date
    text = text_of(head.doc)
    for item in dated:
        if item.interval is None or item.timex.type not in ("DATE", "TIME"):
            continue
        if expression.start <= item.timex.start < expression.end:
            continue
        span = head.doc.char_span(item.timex.start, item.timex.end, alignment_mode="expand")
        if span is None or not len(span) or span.root.sent.start != head.sent.start:
            continue
        if "\n" in text[min(item.timex.end, head.idx):max(item.timex.start, head.idx)]:
            continue  # a dateline the parser ran into the first sentence dates the article, not the clause
        verb = governing_verb(span.root)
        if verb is not None and verb.i in verbs:
            return item
    return None


def _participial_adjunct(verb: Token) -> bool:
    """"gaining power" in "ruled Chile from 1973, gaining power after a coup", "resign" in "In May,
    he was forced to resign after ...": a participle or infinitive with no subject of its own,
    which happens in its matrix clause's time."""
    nonfinite = verb.tag_ in ("VBG", "VBN") or verb.tag_ == "VB" and verb.dep_ == "xcomp"
    return verb.dep_ in ("advcl", "conj", "xcomp") and nonfinite and verb.head.i != verb.i \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children)


def _when_after_date(clause: Token, dated: Sequence[DatedEvent]) -> DatedEvent | None:
    """"on September 11, 2001, when, after the U.S. closed its airspace, flights were diverted":
    a "when" right after a date is a relative adverb, and its clause happens on that date."""
    when = next((c for c in clause.children if c.dep_ == "advmod" and c.lower_ == "when"), None)
    if when is None:
        return None
    text = text_of(clause.doc)
    for item in dated:
        if item.interval is not None and item.timex.type in ("DATE", "TIME") and item.timex.end <= when.idx \
                and not text[item.timex.end:when.idx].strip(" ,"):
            return item
    return None


_MODALS = {"would", "could", "should", "may", "might", "will", "can", "must", "shall", "'d", "'ll"}


def _unreal(head: Token, trigger_verb: Token | None) -> bool:
    """A clause in the present tense ("after the office becomes vacant") or under a modal ("would
    have pitched down before rapidly pitching up") tells of a rule, a plan or a counterfactual."""
    tags = {head.tag_, *(c.tag_ for c in head.children if c.dep_ in ("aux", "auxpass"))}
    if tags & {"VBZ", "VBP", "MD"}:
        return True
    verbs = [head] if trigger_verb is None else [head, trigger_verb]
    return any(c.lower_ in _MODALS for verb in verbs for c in verb.children if c.dep_ == "aux")


def next_step(head: Token) -> bool:
    """"after leaving the ground", "after being spotted": a clause with no subject of its own tells
    the next step of someone the story follows, on the day the story has reached."""
    return head.pos_ in ("VERB", "AUX") and not _nominal_gerund(head) and not _has_subject(head)


def _nominal_gerund(head: Token) -> bool:
    """"the Sewol ferry sinking", "his bombing": a gerund with a determiner is a noun phrase."""
    return head.pos_ == "VERB" and any(c.dep_ in ("det", "poss") for c in head.children)


def _has_subject(verb: Token) -> bool:
    """"after another sympathiser was shot dead" tells an event of its own; "after leaving the
    ground" and "after he fell into the river" are the next step of someone the story follows."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.pos_ != "PRON" for c in verb.children)


def _names_main_event(head: Token) -> bool:
    """"the attack", "impact", "rotation": a definite or bare event noun (a family's word, or a
    noun made from a verb) with no date of its own names what the article is about."""
    lemma = head.lemma_.lower()
    if head.pos_ != "NOUN" and not _nominal_gerund(head):
        return False  # a clause ("another sympathiser was shot dead") tells an event of its own
    indefinite = any(c.lower_ in ("a", "an", "another", "some", "any", "each", "every") for c in head.children)
    if indefinite or _named_elsewhere(head):
        return False
    return lemma in _MAIN_EVENT_NOUNS or lemma.endswith(_EVENT_SUFFIXES)


def _named_elsewhere(head: Token) -> bool:
    """"the Sewol ferry sinking", "the football game incident": a noun its modifiers name as one
    event among others, unless the article's opening (headline and lead) names it so ("the
    Samarinda attack")."""
    names = [c for c in head.children if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")]
    if not names:
        return False
    opening = text_of(head.doc)[:_OPENING].lower()
    return not any(re.search(rf"\b{re.escape(c.lower_)}\b", opening) for c in names)


def main_event_date(dated: Sequence[DatedEvent], text: str = "") -> DatedEvent | None:
    """The article's first day-precise date: news and encyclopaedia articles open on their event.
    A dateline (a date alone on its line) is when the article was written, not its event."""
    return next((d for d in dated if d.interval is not None and d.interval.granularity in _DAY_GRANULAR
                 and not _alone_on_its_line(text, d)), None)


def _alone_on_its_line(text: str, item: DatedEvent) -> bool:
    if not text:
        return False
    start = text.rfind("\n", 0, item.timex.start) + 1
    end = text.find("\n", item.timex.end)
    line = text[start:end if end >= 0 else len(text)]
    return len(line.split()) - len(item.timex.text.split()) <= 2


def _library_date(head: Token, anchor_text: str, library: Library) -> AnchorDate | None:
    """A library document the anchor names: by its title ("the Harlow Accord": every word of the
    title stands in the anchor, or the anchor's words all stand in the title), or by its author
    speaking or writing ("before Kennedy spoke": the one dated document of an author so named)."""
    words = set(_TITLE_WORD.findall(anchor_text.lower())) - _STOP
    if not words:
        return None
    candidates: list[Source] = library.search(" OR ".join(f'"{w}"' for w in sorted(words)), limit=20)
    for source in candidates:
        if not source.date or not source.title:
            continue
        title_words = set(_TITLE_WORD.findall(source.title.lower())) - _STOP
        if title_words and (title_words <= words or (len(words) >= 2 and words <= title_words)):
            return _library_anchor(source)
    author = _speaking_author(head)
    if author is not None:
        by_author = [s for s in library.search(f'"{author}"', limit=50)
                     if s.date and s.author and author in _TITLE_WORD.findall(s.author.lower())]
        if len(by_author) == 1:
            return _library_anchor(by_author[0])
    return None


def _speaking_author(head: Token) -> str | None:
    """"Kennedy spoke", "the ministry published": the surname of who spoke or wrote, lower case."""
    if head.lemma_.lower() not in _SPEAKING:
        return None
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN"), None)
    return subject.lower_ if subject is not None else None


def _library_anchor(source: Source) -> AnchorDate:
    assert source.date is not None
    value = source.date[:10]
    granularity: Granularity = "day" if len(value) == 10 else "month" if len(value) == 7 else "year"
    return AnchorDate(value, granularity, "library", None, source.id, source.title)


# ------------------------------------------------------------------ resolution


def resolve(relation: Relation, offset: str | None, mod: str | None, form: str, anchor: AnchorDate,
            dct: dt.date | None, sentence_end: str | None = None) -> Interval | None:
    """The interval an anchored expression stands for, given its anchor's date."""
    span = interval_of_range(anchor.value)
    if span is None or span.begin is None or span.end is None:
        return None
    granularity = span.granularity if span.granularity != "time" else "day"
    start, stop = span.begin, span.end
    if relation in ("during", "around"):
        return Interval(start, stop, granularity)
    if relation == "until":
        return Interval(None, stop, granularity)
    if relation == "since":
        end = sentence_end if form == "superlative" and sentence_end else (dct.isoformat() if dct else None)
        return Interval(start, end, granularity)
    sign = 1 if relation == "after" else -1
    base = stop if sign > 0 else start
    amount = parse_duration(offset) if offset else None
    if form == "immediate" or (amount is not None and amount[1].islower()):
        return Interval(base, base, granularity)  # "shortly after", "four hours after": the same day
    if amount is None or amount[0] is None:
        return Interval(base, None, granularity) if sign > 0 else Interval(None, base, granularity)
    value, unit = amount[0], amount[1]
    moved_granularity = _granularity_after_move(granularity, unit)
    origin = last_day(base) if sign > 0 else first_day(base)
    bounded = mod in ("LESS_THAN", "EQUAL_OR_LESS")
    if granularity not in ("day", "week") and unit in ("D", "W") and not bounded:
        target = base  # "two days after" an event known to the month: the same month
    elif granularity not in ("day", "week") and unit in ("D", "W"):
        # "less than two weeks before the start of the May 1974 strike": back into April at most
        target = written_at(moved(origin, value, unit, sign), granularity)
    else:
        target = written_at(moved(origin, value, unit, sign), moved_granularity)
    if form == "for" and mod != "MORE_THAN":
        return Interval(base, target, moved_granularity) if sign > 0 else Interval(target, base, moved_granularity)
    if mod == "MORE_THAN" and form == "for":
        return Interval(base, None, granularity) if sign > 0 else Interval(None, base, granularity)
    if mod in ("LESS_THAN", "EQUAL_OR_LESS"):
        return Interval(base, target, moved_granularity) if sign > 0 else Interval(target, base, moved_granularity)
    return Interval(target, target, moved_granularity)


def counted_back(offset: str | None, dct: dt.date | None) -> AnchorDate | None:
    """"20 years since the first single", the single undated: the creation date less the amount."""
    amount = parse_duration(offset) if offset else None
    if dct is None or amount is None or amount[0] is None or amount[1] not in ("Y", "M", "W", "D"):
        return None
    value, unit = amount[0], amount[1]
    granularity: Granularity = "year" if unit == "Y" else "month" if unit == "M" else "day"
    return AnchorDate(written_at(moved(dct, value, unit, -1), granularity), granularity, "creation")


def _granularity_after_move(granularity: Granularity, unit: str) -> Granularity:
    if unit in ("D", "W"):
        return granularity if granularity not in ("week", "time") else "day"
    if unit == "M":
        return "month" if granularity in ("day", "week", "month", "time") else granularity
    if unit == "Y":
        return "month" if granularity in ("day", "week", "month", "time") else granularity
    return granularity
