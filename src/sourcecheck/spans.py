"""Character spans and the map from canonical offsets back to the original text.

Every stage of sourcecheck speaks in offsets into a canonical text (as spaCy's Doc/Span do).
The canonical text is built piece by piece from the original; `TextBuilder` records where each
piece came from so that any canonical span can be shown where it was in the original file.

A span is only meaningful with the text it points into, so each text has its own span type and
mypy refuses one where another is wanted:

- `ArticleSpan`: the article's canonical text (`Document.text` of the checked article): quotes,
  their marks, speakers, cues;
- `SourceSpan`: a source's canonical text (`Source.text` in the library): matches, candidates,
  the source side of an edit;
- `QuoteSpan`: the quote's own text (`Quote.text`, offset 0 at its first word): the article side
  of an edit (`Quote.to_document` turns an offset into an article offset);
- `OriginalSpan`: the original file as decoded (before markup was stripped), what the JSON
  report's "original" gives.

`Span` is their common base, for code that only reads start and end (report.py).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Self


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Self) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Self) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class ArticleSpan(Span):
    """Offsets into the article's canonical text."""


@dataclass(frozen=True)
class SourceSpan(Span):
    """Offsets into a source's canonical text."""


@dataclass(frozen=True)
class QuoteSpan(Span):
    """Offsets into a quote's own text (`Quote.text`)."""


@dataclass(frozen=True)
class OriginalSpan(Span):
    """Offsets into the original file's decoded text."""


@dataclass(frozen=True)
class OffsetMap:
    """Piecewise map canonical offset -> original offset.

    Run i starts at canonical offset `canon_starts[i]` and original offset `orig_starts[i]`.
    A copied run advances one original character per canonical character; a synthetic run
    (separators the builder inserted, entities decoded to one character) stays on its anchor.
    """

    canon_starts: tuple[int, ...]
    orig_starts: tuple[int, ...]
    copied: tuple[bool, ...]
    orig_lengths: tuple[int, ...]  # of synthetic runs: how much original they stand for

    def to_original(self, offset: int) -> int:
        i = bisect_right(self.canon_starts, offset) - 1
        if i < 0:
            return 0
        delta = offset - self.canon_starts[i] if self.copied[i] else 0
        return self.orig_starts[i] + delta

    def span_to_original(self, span: ArticleSpan | SourceSpan) -> OriginalSpan:
        start = self.to_original(span.start)
        if span.end == span.start:
            return OriginalSpan(start, start)
        i = bisect_right(self.canon_starts, span.end - 1) - 1
        if i >= 0 and not self.copied[i]:
            end = self.orig_starts[i] + self.orig_lengths[i]
        else:
            end = self.to_original(span.end - 1) + 1
        return OriginalSpan(start, max(start, end))


class TextBuilder:
    """Accumulates the canonical text and its offset map."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._canon: list[int] = []
        self._orig: list[int] = []
        self._copied: list[bool] = []
        self._orig_lengths: list[int] = []
        self._orig_cursor = 0

    def __len__(self) -> int:
        return self._length

    def endswith(self, suffix: str) -> bool:
        return "".join(self._parts[-2:]).endswith(suffix)

    def length_without_trailing_spaces(self) -> int:
        trailing = 0
        for part in reversed(self._parts):
            stripped = part.rstrip(" ")
            trailing += len(part) - len(stripped)
            if stripped:
                break
        return self._length - trailing

    def add(self, text: str, orig_start: int | None, orig_len: int | None = None) -> None:
        """Append `text`, taken from the original at `orig_start` (None: inserted by us)."""
        if not text:
            return
        copied = orig_start is not None and (orig_len is None or orig_len == len(text))
        anchor = self._orig_cursor if orig_start is None else orig_start
        if not self._continues(anchor, copied):
            self._canon.append(self._length)
            self._orig.append(anchor)
            self._copied.append(copied)
            self._orig_lengths.append(orig_len if orig_len is not None and orig_start is not None else 0)
        self._parts.append(text)
        self._length += len(text)
        if orig_start is not None:
            self._orig_cursor = orig_start + (len(text) if orig_len is None else orig_len)

    def _continues(self, anchor: int, copied: bool) -> bool:
        """True when the new piece extends the previous copied run without a gap."""
        if not self._canon or not copied or not self._copied[-1]:
            return False
        return self._orig[-1] + (self._length - self._canon[-1]) == anchor

    def build(self) -> tuple[str, OffsetMap]:
        offsets = OffsetMap(tuple(self._canon), tuple(self._orig), tuple(self._copied), tuple(self._orig_lengths))
        return "".join(self._parts), offsets
