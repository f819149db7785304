"""Speakers given by the layout of the text rather than by a reporting verb.

Offsets are into the document's canonical text (`Document.text`). Each function returns the span
of the words that name the speaker; attribution turns them into a `Speaker`.

- a label before the quote: `Obama: "Yes we can."`, `**MR. KALB:** ... "..."`
- a credit after it: `"..." — Abraham Lincoln`, `"...", Thomas Jefferson's First Inaugural.`
- an inverted cue: `Said Sanders: "..."`, `Added the minister, "..."`
- turns of a transcript: the label that opens the paragraph a first-person speaker stands in
  (`THE PRESIDENT:`, `Q:`), or else the document's author.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..ingest import Block, Document
from ..spans import ArticleSpan

NAME_WORD = r"(?:[A-Z][\w.'’-]*|de|van|von|der|la|le|bin|al)"
NAME = rf"{NAME_WORD}(?:[ \u00a0]+{NAME_WORD}){{0,5}}"
# `Name:` opening a paragraph or list item, bold or not (Markdown ** or __ around it)
BOLD = r"(?:\*\*|__)?"
LABEL = re.compile(rf"^[\s>*•·\-–—]*{BOLD}(?P<name>{NAME}|[A-Z][A-Z.'’ -]{{1,40}}){BOLD}\s*[:：]\s*{BOLD}\s*")
QUESTION_LABELS = frozenset({"q", "question", "interviewer", "audience member", "reporter"})
ANSWER_LABELS = frozenset({"a", "answer"})
# `— Name` after the quote (em dash, horizontal bar, en dash, double hyphen)
DASH_CREDIT = re.compile(rf"^[\s,.;:!?)\]\d\u200b]*(?:[—―–]|--)\s*(?P<name>{NAME})")
# `"...", Name ...` after a quote that opens its paragraph or list item
COMMA_CREDIT = re.compile(rf"^[\s.;:!?)\]\d\u200b]*[,–—-]\s*(?P<name>{NAME})")
INVERTED_CUES = frozenset("""
said says added adds asked asks wrote writes explained explains noted notes continued continues declared
declares warned warns insisted insists argued argues replied replies responded responds recalled recalls
concluded concludes tweeted tweets quipped quips joked jokes answered answers remarked remarks observed
observes stated states cautioned cautions urged urges""".split())
INVERTED = re.compile(r"(?:^|[.!?:;]\s+|\n)(?P<cue>[A-Z][a-z]+)\s+"
                      r"(?P<name>(?:the\s+|a\s+|an\s+)?[\w.'’ -]{2,80}?)\s*[:,]\s*$")
NOT_SPEAKERS = frozenset("""
note update updated correction warning source sources photo caption headline quote quotes breaking watch
read listen related tags example transcript summary excerpt background""".split() + ["editor's note", "see also"])
TITLES = frozenset("mr mr. mrs mrs. ms ms. dr dr. prof prof. the president vice senator sen. governor gov. "
                   "secretary general gen. admiral judge justice chairman chairwoman rep. representative "
                   "ambassador speaker mayor minister prime chancellor sir dame lord lady rev. reverend".split())


@dataclass(frozen=True)
class LayoutSpeaker:
    span: ArticleSpan  # the words naming the speaker, in the canonical text
    method: str  # label, credit_line, inverted_cue, turn
    cue: ArticleSpan | None = None  # the inverted cue's verb


def label_before(doc: Document, block: Block, quote_start: int) -> LayoutSpeaker | None:
    """`Name: "..."` — the quote stands right after a label that opens its paragraph."""
    head = doc.text[block.start : quote_start]
    match = LABEL.match(head)
    if match is None or match.end() < len(head.rstrip()) or _is_question_label(match.group("name")):
        return None
    return LayoutSpeaker(_group_span(block.start, match, "name"), "label")


def credit_after(doc: Document, block: Block, quote_end: int, opens_block: bool) -> LayoutSpeaker | None:
    """`"..." — Name` anywhere; `"...", Name` only where the quote opens its paragraph (a quote list)."""
    tail = doc.text[quote_end : block.end]
    match = DASH_CREDIT.match(tail)
    if match is None and opens_block:
        match = COMMA_CREDIT.match(tail)
    if match is None and not tail.strip(" .,\u200b") and opens_block:
        following = _next_block(doc, block)  # the credit on a line of its own: "― Jacklyn Ashley"
        if following is not None and following.end - following.start <= 120:
            quote_end, tail = following.start, doc.text[following.start : following.end]
            match = DASH_CREDIT.match(tail)
    if match is None or _is_question_label(match.group("name")):
        return None
    return LayoutSpeaker(_group_span(quote_end, match, "name"), "credit_line")


def inverted_cue(doc: Document, block: Block, quote_start: int) -> LayoutSpeaker | None:
    """`Said Sanders: "..."` — a reporting verb opening the sentence, its speaker after it."""
    head = doc.text[block.start : quote_start]
    match = INVERTED.search(head)
    if match is None or match.group("cue").lower() not in INVERTED_CUES:
        return None
    cue = _group_span(block.start, match, "cue")
    return LayoutSpeaker(_group_span(block.start, match, "name"), "inverted_cue", cue)


def _next_block(doc: Document, block: Block) -> Block | None:
    index = doc.blocks.index(block)
    return doc.blocks[index + 1] if index + 1 < len(doc.blocks) else None


def transcript_turns(doc: Document) -> list[tuple[int, LayoutSpeaker | None]]:
    """(paragraph start, its speaker) for every paragraph of a transcript that opens with a turn
    label (`MR. KALB:`, `THE PRESIDENT:`); None for a question's or an answer's label (`Q:`, `A:`)."""
    turns: list[tuple[int, LayoutSpeaker | None]] = []
    for block in doc.blocks:
        match = LABEL.match(doc.text[block.start : block.end])
        if match is None or not _looks_like_turn(match.group("name")):
            continue
        name = match.group("name").strip().lower()
        unnamed = _is_question_label(name) or name in ANSWER_LABELS
        turns.append((block.start, None if unnamed else LayoutSpeaker(_group_span(block.start, match, "name"), "turn")))
    return turns


def turn_speaker(turns: list[tuple[int, LayoutSpeaker | None]], offset: int) -> LayoutSpeaker | None:
    """Who speaks at `offset`: the speaker of the last turn opened at or before it (transcript_turns)."""
    index = bisect_right(turns, offset, key=lambda turn: turn[0]) - 1
    return turns[index][1] if index >= 0 else None


def only_titles(label: str) -> bool:
    """`THE PRESIDENT`, `Mr. Speaker`: a label naming a role, not a person."""
    words = label.replace("\u00a0", " ").lower().split()
    return bool(words) and all(w in TITLES for w in words)


def is_heading_word(label: str) -> bool:
    """`Update:`, `Editor's note:`: a label that names no speaker."""
    return label.strip().lower().rstrip(".") in NOT_SPEAKERS


def plain_name(label: str) -> str:
    """`PRESIDENT REAGAN` → `Reagan`, `MR. KALB` → `Kalb`: titles off, capitals as in a name; a
    name runs to its first word in lower case (`Roosevelt in 1933` → `Roosevelt`)."""
    words = label.replace("\u00a0", " ").split()
    lower = next((i for i, w in enumerate(words) if i and not w[:1].isupper()), len(words))
    words = [w for w in words[:lower] if w.lower() not in TITLES] or words[:lower] or words
    return " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in words)


def _looks_like_turn(name: str) -> bool:
    """A speaker's label in a transcript: upper case (`MR. KALB`) or Q/A, not `Note` or `Update`."""
    stripped = name.strip()
    return stripped.lower() in QUESTION_LABELS | ANSWER_LABELS or (stripped.isupper() and len(stripped) > 2)


def _is_question_label(name: str) -> bool:
    return name.strip().lower() in QUESTION_LABELS


def _group_span(base: int, match: re.Match[str], group: str) -> ArticleSpan:
    start, end = match.span(group)
    text = match.group(group)
    trimmed = text.rstrip(" .,'’")
    return ArticleSpan(base + start, base + start + len(trimmed)) if trimmed else ArticleSpan(base + start, base + end)
