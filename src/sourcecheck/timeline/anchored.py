"""Event-anchored expressions: "two days after the signing", "weeks before the invasion", "since
the annexation", "during the summit". Found by their preposition (a closed list), their anchor
read from spaCy's parse (the preposition's object, or the clause it introduces), their amount from
the temporal expression just before them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..attribution.parsing import text_of
from ..timex import Timex
from .model import Relation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# The words that place something relative to an event, longest first; the last word is the one
# whose object is the anchor.
_TRIGGERS: dict[str, Relation] = {
    "around the same time as": "around", "at the same time as": "around", "in the wake of": "after",
    "in the aftermath of": "after", "in advance of": "before", "in the run-up to": "before",
    "in the lead-up to": "before", "leading up to": "before", "in the days before": "before",
    "at the time of": "around", "at the end of": "around", "at the conclusion of": "around",
    "at the point of": "around", "at the start of": "around", "at the beginning of": "around",
    "on the eve of": "before", "in the course of": "during", "prior to": "before", "ahead of": "before",
    "after": "after", "following": "after", "upon": "after", "before": "before", "preceding": "before",
    "since": "since", "until": "until", "till": "until", "pending": "until", "during": "during",
    "amid": "during", "amidst": "during", "throughout": "during",
    "the day of": "around", "the next day of": "around", "the morning of": "around", "the night of": "around",
    "the evening of": "around", "the afternoon of": "around", "the eve of": "before",
}
_TRIGGER = re.compile(r"\b(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in
                                           sorted(_TRIGGERS, key=len, reverse=True)) + r")\b", re.I)
_WITHIN = re.compile(r"\bwithin\s+(?=\S+\s+\S+\s+of\b|\S+\s+of\b)", re.I)
_DAY_OF = re.compile(r"\b(?:on\s+)?the\s+(?P<next>next\s+|following\s+|previous\s+)?(?P<part>day|morning|afternoon|"
                     r"evening|night)\s+(?P<prep>before|after|following|of)\s*$", re.I)
# The parts of a day that follow a daytime event on its own day; "the morning after" is the next day.
_LATER_PARTS = {"afternoon", "evening"}
_IMMEDIATE = re.compile(r"\b(?P<word>shortly|immediately|just|soon|right|directly|moments|minutes|seconds|"
                        r"instants?)\s+$", re.I)
_VAGUE_UNITS = {"hours": "PXH", "days": "PXD", "weeks": "PXW", "months": "PXM", "years": "PXY",
                "decades": "PXE"}
_VAGUE = re.compile(r"\b(?:(?:just|only|a\s+few|few|several|some|many|long)\s+)?(?P<unit>hours|days|weeks|"
                    r"months|years|decades)\s+$", re.I)
_FOCUS = re.compile(r"\b(?:just|only|even|well|long|not\s+long|exactly|some|about|around|roughly|approximately|"
                    r"nearly|almost)\s+$", re.I)
_FOR = re.compile(r"\b(?:for|in)\s+$", re.I)
# A "before" whose object is a person or a body is a place: "appeared before the court".
_SPATIAL = {"court", "judge", "jury", "committee", "congress", "senate", "parliament", "crowd", "audience",
            "camera", "cameras", "tribunal", "panel", "board", "council", "magistrate", "him", "her", "them",
            "us", "me", "you", "eyes", "house", "public", "assembly", "commission", "lawmakers", "god"}
# Anchors that are anaphora or no event: "since then", "after all", "during which".
_NOT_ANCHORS = {"then", "that", "this", "which", "whom", "what", "all", "now", "later", "long", "so", "it all",
                "whatever", "those", "these", "everything", "today", "tonight", "yesterday", "tomorrow",
                "request", "the request"}
_CALENDAR_WORDS = {"summer", "winter", "spring", "autumn", "fall", "weekend", "week", "month", "year", "day", "night",
                   "morning", "evening", "afternoon", "noon", "midnight", "dawn", "dusk", "decade", "century",
                   "season", "quarter", "hour", "minute", "today", "tonight", "yesterday", "tomorrow"}
_RANKS = {"second", "third", "fourth", "fifth", "next", "only", "behind", "runner-up"}
_NO_ANCHOR_DEPS = ("relcl", "appos", "punct", "cc", "conj")


@dataclass(frozen=True)
class Found:
    """An event-anchored expression as read from the text, before its anchor is dated."""

    start: int
    end: int
    relation: Relation
    offset: str | None
    mod: str | None
    anchor_start: int
    anchor_end: int
    anchor_head: int  # token index of the anchor's head word
    trigger: int  # token index of the preposition
    form: str  # "immediate", "for" (the whole stretch), "day", "superlative" or ""


def find_anchored(doc: Doc, timexes: list[Timex]) -> list[Found]:
    starts = {token.idx: token for token in doc}
    found: list[Found] = []
    for match in _trigger_matches(text_of(doc)):
        item = _read(doc, starts, match, timexes)
        if item is not None and not any(item.start < f.end and f.start < item.end for f in found):
            found.append(item)
    return found


def _trigger_matches(text: str) -> list[tuple[int, int, Relation, bool]]:
    """(start, end, relation, within) of every trigger, in reading order."""
    matches = [(m.start(), m.end(), _TRIGGERS[" ".join(m.group().lower().split())], False)
               for m in _TRIGGER.finditer(text)]
    taken = [(s, e) for s, e, _, _ in matches]
    for m in _WITHIN.finditer(text):
        of = re.compile(r"\bof\b", re.I).search(text, m.end())
        if of is not None and not any(s < of.end() and of.start() < e for s, e in taken):
            matches.append((m.start(), of.end(), "after", True))
    return sorted(matches)


def _read(doc: Doc, starts: dict[int, Token], match: tuple[int, int, Relation, bool],
          timexes: list[Timex]) -> Found | None:
    start, end, relation, within = match
    prep = _token_ending_at(doc, end)
    if prep is None:
        return None
    text = text_of(doc)
    if prep.lower_ == "until" and text[end:end + 7].lstrip().lower().startswith("after"):
        return None  # "until after the crash": the "after" reading is the one kept
    anchor = _anchor_tokens(prep)
    if anchor is None:
        return None
    head, first, last = anchor
    anchor_start, anchor_end = first.idx, last.idx + len(last.text)
    anchor_end = _with_its_date(prep, last, anchor_end, timexes)
    anchor_text = text[anchor_start:anchor_end].lower()
    if anchor_text in _NOT_ANCHORS or head.lower_ in ("which", "whom", "then", "now"):
        return None
    if _is_calendar(head, timexes, anchor_start, anchor_end):
        return None  # "since 1958", "until October 10": an ordinary temporal expression
    if relation == "before" and head.lower_ in _SPATIAL:
        return None
    if head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() in _CALENDAR_WORDS:
        return None  # "before the summer", "until the first day of June": a date, not an event
    if prep.lower_ == "upon" and not _event_like(head):
        return None  # "depend upon our strength": no time
    if prep.lower_ == "since" and not _temporal_since(prep):
        return None
    if prep.lower_ == "after" and _ranking_after(prep, head):
        return None
    offset, mod, begin, form = _amount(text, start, timexes)
    if within:
        mod, begin = "EQUAL_OR_LESS", start
        offset = next((t.value for t in timexes if start < t.start < end and t.type == "DURATION"), offset)
    day = _DAY_OF.search(text, max(0, end - 40), end)
    if day is not None and offset is None:
        begin, form = day.start(), "day"
        prep_word = day["prep"].lower()
        if prep_word == "of" and not day["next"]:
            relation = "around"
        elif prep_word in ("after", "following") and not day["next"] and day["part"].lower() in _LATER_PARTS:
            form = "immediate"  # "the evening following the crash": the first evening after it, that day's
        else:
            offset = "P1D"
            relation = "before" if prep_word == "before" or (day["next"] or "").lower().startswith("prev") \
                else "after"
    if relation == "since" and _superlative(prep):
        form = "superlative"
    if prep.lower_ == "upon" and offset is None:
        form = "immediate"  # "upon impact": at that moment
    return Found(begin, anchor_end, relation, offset, mod, anchor_start, anchor_end, head.i, prep.i, form)


def _with_its_date(prep: Token, last: Token, anchor_end: int, timexes: list[Timex]) -> int:
    """"During Prime Minister's Questions Wednesday": a date the preposition also governs, right
    after the anchor, says when the anchor happened and belongs to it."""
    nxt = last.nbor(1) if last.i + 1 < len(last.doc) else None
    if nxt is None or nxt.head.i != prep.i or nxt.dep_ not in ("pobj", "npadvmod"):
        return anchor_end
    timex = next((t for t in timexes if t.start == nxt.idx and t.type in ("DATE", "TIME")), None)
    return timex.end if timex is not None else anchor_end


def _event_like(head: Token) -> bool:
    """"upon arrival", "upon impact", "upon hearing the news": a happening, not a thing relied on."""
    lemma = head.lemma_.lower()
    return head.pos_ == "VERB" or lemma.endswith(("tion", "sion", "ment", "al", "ure", "ing", "ance", "ence")) \
        or lemma in {"impact", "death", "return", "entry", "exit", "landing", "release", "receipt", "completion"}


def _token_ending_at(doc: Doc, end: int) -> Token | None:
    span = doc.char_span(end - 1, end, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _anchor_tokens(prep: Token) -> tuple[Token, Token, Token] | None:
    """(head, first, last) of what `prep` governs: its object, the gerund or clause it introduces."""
    objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp", "dobj") and c.i > prep.i]
    if objects:
        head = objects[0]
    elif prep.dep_ == "mark" and prep.head.i > prep.i:
        head = prep.head  # "after he left": the clause's verb
        subject = next((c for c in head.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)
        if head.tag_ == "VBG" and subject is not None and not any(c.dep_ == "aux" for c in head.children):
            head = subject  # "after the attacks saying ...": a noun and a participle, not a clause
    else:
        nxt = prep.nbor(1) if prep.i + 1 < len(prep.doc) else None
        if nxt is None or nxt.is_punct or nxt.head is not prep and nxt.head.i < prep.i:
            return None
        if nxt.pos_ not in ("VERB", "NOUN", "PROPN", "PRON"):
            return None
        head = nxt
    tokens = _kept_subtree(head, prep)
    if not tokens:
        return None
    return head, tokens[0], tokens[-1]


def _kept_subtree(head: Token, prep: Token) -> list[Token]:
    """The anchor's words, from the one after the preposition, leaving out a trailing relative
    clause or apposition and what follows it, and stopping at the sentence's end."""
    dropped: set[int] = set()
    for token in head.subtree:
        participle = token.dep_ == "acl" and token.tag_ == "VBG"  # "the attacks, saying ...": who said what
        if token.i > head.i and (token.dep_ in ("relcl", "appos") or participle) or token.i != head.i \
                and token.head.i == head.i \
                and token.i > head.i and token.dep_ in _NO_ANCHOR_DEPS:
            dropped.update(t.i for t in token.subtree)
    if head.pos_ in ("VERB", "AUX"):
        for child in head.children:  # "shot dead after wounding three officers": a second anchored expression
            nested = child.dep_ in ("advcl", "prep") and child.i > head.i and (
                child.lower_ in _TRIGGERS or any(c.dep_ == "mark" and c.lower_ in _TRIGGERS for c in child.children))
            if nested:
                dropped.update(t.i for t in child.subtree)
    kept: list[Token] = []
    for token in head.subtree:
        if token.i <= prep.i:
            continue
        if token.i in dropped or token.sent.start != head.sent.start or "\n" in token.text_with_ws[:-1] \
                or kept and "\n" in kept[-1].text_with_ws:
            break
        if kept and token.i != kept[-1].i + 1:
            break
        kept.append(token)
    while kept and (kept[-1].is_punct or kept[-1].dep_ in ("cc",)):
        kept.pop()
    return kept


def _is_calendar(head: Token, timexes: list[Timex], start: int, end: int) -> bool:
    for timex in timexes:
        if timex.start <= head.idx < timex.end:
            return True
        if timex.start <= start and end <= timex.end:
            return True
    return False


def _temporal_since(prep: Token) -> bool:
    """"since the annexation" is time; "since he is ill" is a reason. A clause after "since" is a
    time when the main clause is perfect ("has lived there since he left") or the clause's verb is
    past."""
    if prep.dep_ != "mark":
        return True
    main = prep.head.head if prep.head.dep_ == "advcl" else prep.head
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in main.children)
    return perfect or prep.head.tag_ in ("VBD", "VBN")


def _ranking_after(prep: Token, head: Token) -> bool:
    """"the second-largest retailer, after Wal-Mart": a place in a ranking, not a time."""
    if head.pos_ != "PROPN" or head.ent_type_ == "EVENT":
        return False
    ranked = prep.head.pos_ in ("NOUN", "ADJ") or any(
        c.tag_ in ("JJS", "RBS") or c.lower_ in _RANKS or c.lower_.endswith("-largest") for c in prep.head.children)
    return ranked


def _superlative(prep: Token) -> bool:
    """"the deadliest since X", "for the first time since X": the stretch ends at the sentence's event."""
    sentence = prep.sent
    return any(t.tag_ in ("JJS", "RBS") or t.lower_ == "first" for t in sentence if t.i < prep.i)


def _amount(text: str, start: int, timexes: list[Timex]) -> tuple[str | None, str | None, int, str]:
    """(offset, mod, where the expression begins, form) from the words before the preposition."""
    before = text[max(0, start - 60):start]
    window_start = start - len(before)
    for timex in timexes:
        if timex.type == "DURATION" and timex.end <= start and not text[timex.end:start].strip():
            begin, form = timex.start, ""
            pre = _FOR.search(text, max(0, begin - 6), begin)
            if pre is not None:
                begin, form = pre.start(), "for"
            focus = _FOCUS.search(text, max(0, begin - 15), begin)
            if focus is not None and form != "for":
                begin = focus.start()
            return timex.value, timex.mod or None, begin, form
    vague = _VAGUE.search(before)
    if vague is not None:
        return _VAGUE_UNITS[vague["unit"].lower()], None, window_start + vague.start(), ""
    immediate = _IMMEDIATE.search(before)
    if immediate is not None:
        begin = window_start + immediate.start()
        focus = _FOCUS.search(text, max(0, begin - 15), begin)
        return None, None, focus.start() if focus else begin, "immediate"
    focus = _FOCUS.search(before)
    if focus is not None:
        return None, None, window_start + focus.start(), ""
    return None, None, start, ""
