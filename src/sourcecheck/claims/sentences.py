"""The article's sentences and whose voice each is in: the article's own, or words it gives to
someone else (a quotation, reported speech), which keep their own checks and get no label."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ..quotes import Quote
from ..reported import ReportedAttribution
from ..spans import ArticleSpan
from .model import Voice

MIN_WORDS = 4  # shorter "sentences" are headings, bylines, datelines: nothing to label
QUOTING = ("direct", "partial", "block")  # a scare quote ("the so-called 'reform'") keeps the voice the article's


def article_sentences(text: str, parsed: Doc, quotes: Sequence[Quote],
                      attributions: Sequence[ReportedAttribution]) -> list[tuple[ArticleSpan, Voice]]:
    """Each sentence of the parse (offsets into `text`, the article's canonical text, which the parse
    was made from) with its voice, leaving out those of fewer than MIN_WORDS words."""
    quoted = [segment for q in quotes if q.kind in QUOTING for segment in q.segments]
    reported = [span for a in attributions if a.kind != "direct"
                for span in (a.content, a.cue) if span is not None]
    found: list[tuple[ArticleSpan, Voice]] = []
    for sent in parsed.sents:
        span = _trimmed(text, sent.start_char, sent.end_char)
        if span is None or sum(any(c.isalpha() for c in w) for w in text[span.start:span.end].split()) < MIN_WORDS:
            continue
        found.append((span, _voice(span, quoted, reported)))
    return found


def _trimmed(text: str, start: int, end: int) -> ArticleSpan | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return ArticleSpan(start, end) if start < end else None


def _voice(span: ArticleSpan, quoted: Sequence[ArticleSpan], reported: Sequence[ArticleSpan]) -> Voice:
    if any(_overlaps(span, q) for q in quoted):
        return "quote"
    if any(_overlaps(span, r) for r in reported):
        return "reported"
    return "own"


def _overlaps(a: ArticleSpan, b: ArticleSpan) -> bool:
    return a.start < b.end and b.start < a.end
