"""Quotations: find every quoted passage of a document, with its spans and its kind.

Quote marks are paired with a stack per paragraph. Which marks can open or close is decided by
what stands on either side (the CommonMark "flanking" idea), which is also what tells an
apostrophe (Russia’s, ’90s, rock ’n’ roll) or an inch mark (a 6'2" guard) from a quote mark.
Outermost pairs are quotations; a pair nested inside one ("He told me, 'never again'") is a
quotation of its own too, with `inside` naming the quotation that holds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from .ingest import Block, Document
from .spans import ArticleSpan

QuoteKind = Literal["direct", "partial", "scare", "block"]
Family = Literal["double", "single", "guillemet"]

# mark -> (family, can it open, can it close); direction is then confirmed by context.
MARKS: dict[str, tuple[Family, bool, bool]] = {
    '"': ("double", True, True), "“": ("double", True, True), "”": ("double", True, True),
    "„": ("double", True, False), "‟": ("double", True, False),
    "'": ("single", True, True), "‘": ("single", True, True), "’": ("single", True, True),
    "‚": ("single", True, False), "‛": ("single", True, False),
    "«": ("guillemet", True, True), "»": ("guillemet", True, True),
    "‹": ("guillemet", True, True), "›": ("guillemet", True, True),
}
OPENING_PUNCT = "([{—―–-/\u00a0\u200b\u200c\u200d\u2060\ufeff" + "".join(MARKS)
# a closing mark may run into a footnote marker ("…".[25], ”¹) or an invisible character
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
CLOSING_PUNCT = ".,;:!?)]}—―–-/…[¹²³⁰⁴⁵⁶⁷⁸⁹" + INVISIBLE + "".join(MARKS)
SENTENCE_END = (".", "!", "?", "…", ".)")
MAX_INTERRUPTION_WORDS = 12
SCARE_MAX_WORDS = 3


@dataclass(frozen=True)
class Quote:
    index: int
    segments: tuple[ArticleSpan, ...]  # the quoted words, without marks; several when continued
    kind: QuoteKind
    text: str  # the segments joined by one space
    marks: tuple[ArticleSpan, ...]  # the quote marks that enclose it (empty for block quotes)
    group: int  # parts of one utterance interrupted by the attribution share a group
    inside: int | None = None  # index of the quotation this one is nested in

    @property
    def start(self) -> int:
        return self.segments[0].start

    @property
    def end(self) -> int:
        return self.segments[-1].end

    @property
    def span(self) -> ArticleSpan:
        return ArticleSpan(self.start, self.end)

    @property
    def outer(self) -> ArticleSpan:
        """The quote with its marks."""
        points = [self.start, self.end, *(m.start for m in self.marks), *(m.end for m in self.marks)]
        return ArticleSpan(min(points), max(points))

    @property
    def words(self) -> int:
        return len(self.text.split())

    def to_document(self, offset: int) -> int:
        """A position in `text` as an offset into the document (segments are joined by one space)."""
        for segment in self.segments:
            if offset <= len(segment):
                return segment.start + offset
            offset -= len(segment) + 1
        return self.end


@dataclass
class _Open:
    family: Family
    at: int  # offset of the mark
    continued: bool = False  # re-opens a quote carried over from the previous paragraph


@dataclass
class _Unclosed:
    """A quote still open at the end of a paragraph, waiting to see if the next one re-opens it."""

    family: Family
    segments: list[ArticleSpan]
    marks: list[ArticleSpan]


RawQuote = tuple[tuple[ArticleSpan, ...], tuple[ArticleSpan, ...], bool]  # segments, marks, is a block quote


def find_quotes(doc: Document) -> list[Quote]:
    """Every quotation in the document, in reading order."""
    raw: list[RawQuote] = []
    carried: _Unclosed | None = None
    for group in _block_groups(doc.blocks):
        block = group[0]
        reopen = _reopening_mark(doc.text, block, carried) if block.kind != "blockquote" else None
        if carried is not None and reopen is None:
            raw.append((tuple(carried.segments), tuple(carried.marks), False))  # never closed: keep it
            carried = None
        if block.kind == "blockquote":
            block_quote = _block_quote(doc.text, group)
            if block_quote:
                raw.append((*block_quote, True))
                raw += _quotes_within_block_quote(doc.text, group, block_quote[1])
            continue
        pairs, left_open, inner = _pair_marks(doc.text, block, reopen)
        raw += [((_trimmed(doc.text, o.at + 1, close_at),),
                 (ArticleSpan(o.at, o.at + 1), ArticleSpan(close_at, close_at + 1)), False) for o, close_at in inner]
        for opened, close_at in pairs:
            segment = _trimmed(doc.text, opened.at + 1, close_at)
            marks = [ArticleSpan(opened.at, opened.at + 1), ArticleSpan(close_at, close_at + 1)]
            if opened.continued and carried is not None:
                raw.append(((*carried.segments, segment), (*carried.marks, *marks), False))
                carried = None
            elif len(segment):
                raw.append(((segment,), tuple(marks), False))
        if left_open is not None:
            segment = _trimmed(doc.text, left_open.at + 1, block.end)
            mark = ArticleSpan(left_open.at, left_open.at + 1)
            if left_open.continued and carried is not None:
                carried.segments.append(segment)
                carried.marks.append(mark)
            else:
                carried = _Unclosed(left_open.family, [segment], [mark])
    if carried is not None:
        raw.append((tuple(carried.segments), tuple(carried.marks), False))
    raw = [(tuple(s for s in segs if len(s)), marks, is_block) for segs, marks, is_block in raw]
    raw = [item for item in raw if item[0]]
    raw.sort(key=lambda item: item[0][0].start)
    return _assemble(doc, raw)


def _quotes_within_block_quote(text: str, blocks: list[Block], wrapping: tuple[ArticleSpan, ...]) -> list[RawQuote]:
    """Quotations inside a block quote's paragraphs (the marks wrapping a whole paragraph aside)."""
    found: list[RawQuote] = []
    wrap = {m.start for m in wrapping}
    for block in blocks:
        pairs, _, inner = _pair_marks(text, block, None)
        for opened, close_at in pairs + inner:
            if opened.at in wrap or close_at in wrap:
                continue
            found.append(((_trimmed(text, opened.at + 1, close_at),), (ArticleSpan(opened.at, opened.at + 1),
                                                                        ArticleSpan(close_at, close_at + 1)), False))
    return found


def _block_groups(blocks: tuple[Block, ...]) -> list[list[Block]]:
    groups: list[list[Block]] = []
    for block in blocks:
        if groups and block.kind == "blockquote" and groups[-1][0].kind == "blockquote" \
                and groups[-1][0].group == block.group:
            groups[-1].append(block)
        else:
            groups.append([block])
    return groups


def _block_quote(text: str, blocks: list[Block]) -> tuple[tuple[ArticleSpan, ...], tuple[ArticleSpan, ...]] | None:
    """A block quote's paragraphs, minus a trailing "— Name" credit line and wrapping marks."""
    if len(blocks) > 1 and _is_credit_line(text[blocks[-1].start : blocks[-1].end]):
        blocks = blocks[:-1]
    segments, marks = [], []
    for block in blocks:
        start, end = block.start, block.end
        credit = re.search(r"\s+[—–―]\s*[A-Z][^—–―]{1,80}$", text[start:end])
        if credit and block is blocks[-1]:
            end = start + credit.start()
        if end - start >= 2 and text[start] in MARKS and text[end - 1] in MARKS \
                and not _has_unpaired_inner(text[start + 1 : end - 1], text[start]):
            marks += [ArticleSpan(start, start + 1), ArticleSpan(end - 1, end)]
            start, end = start + 1, end - 1
        segments.append(_trimmed(text, start, end))
    segments = [s for s in segments if len(s)]
    return (tuple(segments), tuple(marks)) if segments else None


def _is_credit_line(line: str) -> bool:
    return re.match(r"^\s*(?:[—–―]|--)\s*\S", line) is not None


def _has_unpaired_inner(inner: str, mark: str) -> bool:
    return mark == '"' and inner.count('"') % 2 == 1


def _trimmed(text: str, start: int, end: int) -> ArticleSpan:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return ArticleSpan(start, end)


# ---------------------------------------------------------------- pairing marks


def _reopening_mark(text: str, block: Block, carried: _Unclosed | None) -> int | None:
    """The mark that opens a paragraph continuing the previous paragraph's unclosed quote."""
    if carried is None:
        return None
    first = _first_mark(text, block)
    if first is None or MARKS[text[first]][0] != carried.family:
        return None
    return first if _role(text, first, block, []) in ("open", "either") else None


def _pair_marks(text: str, block: Block, reopen: int | None) \
        -> tuple[list[tuple[_Open, int]], _Open | None, list[tuple[_Open, int]]]:
    """Outermost quote pairs (opening, close offset) in a paragraph, the quote left open at its end,
    and the pairs nested inside others."""
    stack: list[_Open] = []
    pairs: list[tuple[_Open, int]] = []
    inner: list[tuple[_Open, int]] = []
    for at in range(block.start, block.end):
        char = text[at]
        if char not in MARKS:
            continue
        family = MARKS[char][0]
        if at == reopen:
            stack.append(_Open(family, at, continued=True))
            continue
        role = _role(text, at, block, stack)
        if role in ("close", "either") and any(o.family == family for o in stack):
            while stack[-1].family != family:  # unclosed inner marks were apostrophes
                stack.pop()
            opened = stack.pop()
            (inner if stack else pairs).append((opened, at))
        elif role in ("open", "either"):
            stack.append(_Open(family, at))
    left_open = stack[0] if stack else None
    if left_open is not None and left_open.family == "single" and not left_open.continued \
            and not _is_quote_start(text, left_open.at):
        left_open = None  # a stray apostrophe, not a quote running to the paragraph's end
    return pairs, left_open, inner


def _first_mark(text: str, block: Block) -> int | None:
    head = text[block.start : min(block.end, block.start + 3)]
    for i, char in enumerate(head):
        if char in MARKS:
            return block.start + i
        if not (char.isspace() or char in "—–-([*"):
            return None
    return None


def _is_quote_start(text: str, at: int) -> bool:
    after = text[at + 1 : at + 2]
    return after.isalpha() and after.isupper()


def _role(text: str, at: int, block: Block, stack: list[_Open]) -> str:
    """'open', 'close', 'either' or 'none' (an apostrophe, an inch or foot mark)."""
    char = text[at]
    family, can_open, can_close = MARKS[char]
    before = text[at - 1] if at > block.start else " "
    after = text[at + 1] if at + 1 < block.end else " "
    # French sets guillemets off with a (thin) space inside: « Non »
    if family == "guillemet" and not _opened_reversed(text, at, block):
        if char in "«‹" and after.isspace() and at + 2 < block.end and not text[at + 2].isspace():
            after = text[at + 2]
        if char in "»›" and before.isspace() and at - 2 >= block.start and not text[at - 2].isspace():
            before = text[at - 2]
    left_flanking = not after.isspace() and (before.isspace() or before in OPENING_PUNCT)
    right_flanking = not before.isspace() and (after.isspace() or after in CLOSING_PUNCT)
    if family == "single" and _is_apostrophe(text, at, block, before, after, stack):
        return "none"
    if char in "\"'" and before.isdigit() and _is_measure(text, at, block, stack):
        return "none"
    if char in "»›" and not _opened_reversed(text, at, block):
        return "close" if right_flanking or not left_flanking else "none"
    if char in "«‹" and _opened_reversed(text, at, block):
        return "close" if right_flanking else "none"
    open_ok = can_open and left_flanking
    close_ok = can_close and right_flanking
    if char in "“‘" and close_ok and not open_ok:
        return "close"  # German „…“ closes with “
    if char in "”’" and open_ok and not close_ok:
        return "open"  # Swedish ”…” and typos
    if open_ok and close_ok:
        return "either"
    return "open" if open_ok else "close" if close_ok else "none"


def _opened_reversed(text: str, at: int, block: Block) -> bool:
    """German uses »…«: a paragraph whose first guillemet is » pairs them the other way."""
    first = re.search(r"[«»‹›]", text[block.start : block.end])
    return first is not None and first.group() in "»›"


def _is_apostrophe(text: str, at: int, block: Block, before: str, after: str, stack: list[_Open]) -> bool:
    if before.isalnum() and after.isalnum():
        return True  # don't, Russia’s, O’Brien
    if after.isdigit() and re.match(r"\d\ds?\b", text[at + 1 : at + 4]):
        return True  # ’90s, '24
    if re.match(r"[’']n[’']", text[at : at + 3]) or re.match(r"[’']n[’']", text[max(0, at - 2) : at + 1]):
        return True  # rock ’n’ roll
    if (before.isalpha() and text[max(block.start, at - 1)].lower() == "s" and after.isspace()
            and not any(o.family == "single" for o in stack)):
        return True  # the workers' union
    if re.match(r"[’'](?:tis|twas|em|cause|til)\b", text[at : at + 6], re.I) and (before.isspace()):
        return True
    return False


def _is_measure(text: str, at: int, block: Block, stack: list[_Open]) -> bool:
    """A 6'2" guard, a 12" pipe: a mark right after a number is a unit unless it clearly closes."""
    family = MARKS[text[at]][0]
    if not any(o.family == family for o in stack):
        return True
    following = text[at + 1 : at + 3]
    if re.match(r"\d+'$", text[max(block.start, at - 4) : at]) or re.match(r"\s?[-a-z0-9x]", following):
        return True
    return False


# ---------------------------------------------------------------- kinds and groups


def _assemble(doc: Document, raw: list[RawQuote]) -> list[Quote]:
    quotes: list[Quote] = []
    for segments, marks, is_block in raw:
        text = " ".join(doc.text[s.start : s.end] for s in segments)
        kind: QuoteKind = "block" if is_block else _formal_kind(doc.text, segments[0], text, marks)
        quotes.append(Quote(len(quotes), tuple(segments), kind, text, tuple(marks), len(quotes)))
    quotes = _with_nesting(quotes)
    top = [q.index for q in quotes if q.inside is None]
    for before, i in zip(top, top[1:], strict=False):
        if _is_interruption(doc, quotes[before], quotes[i]):
            first = quotes[before]
            kind = first.kind if first.kind == "direct" else quotes[i].kind
            quotes[i] = replace(quotes[i], group=first.group, kind=kind)
            if first.kind != kind and first.kind != "block":
                quotes[before] = replace(first, kind=kind)
    return quotes


def _with_nesting(quotes: list[Quote]) -> list[Quote]:
    """Each quote's `inside`: the innermost earlier quote whose marks enclose it (quotes come sorted by start)."""
    open_quotes: list[Quote] = []
    nested = []
    for quote in quotes:
        while open_quotes and open_quotes[-1].outer.end <= quote.start:
            open_quotes.pop()
        container = open_quotes[-1] if open_quotes and open_quotes[-1].outer.contains(quote.outer) else None
        quote = replace(quote, inside=container.index if container else None)
        nested.append(quote)
        open_quotes.append(quote)
    return nested


def _formal_kind(text: str, first: ArticleSpan, content: str, marks: tuple[ArticleSpan, ...]) -> QuoteKind:
    """direct (a quoted sentence), partial (a fragment) or scare (a short phrase), from form alone."""
    words = content.split()
    after = text[marks[-1].end : marks[-1].end + 2] if marks else ""
    lead = text[max(0, first.start - 3) : first.start]
    starts_sentence = content[:1].isupper() or content[:1].isdigit()
    introduced = re.search(r"(?:[:,.!?]\s*|\n)\W?$", lead) is not None or first.start <= 1
    ends_sentence = (content.rstrip().endswith(SENTENCE_END + (",",)) or after.startswith(",")) and len(words) > 1
    if starts_sentence and (introduced or ends_sentence) and len(words) > SCARE_MAX_WORDS:
        return "direct"
    if starts_sentence and introduced and ends_sentence:
        return "direct"
    if len(words) <= SCARE_MAX_WORDS and not content.rstrip().endswith(SENTENCE_END):
        return "scare"
    return "partial"


def _is_interruption(doc: Document, first: Quote, second: Quote) -> bool:
    """"Should deterrence fail," the summary states, "the Joint Force is prepared to win." """
    if first.kind == "block" or second.kind == "block":
        return False
    first_block, second_block = doc.block_at(first.end), doc.block_at(second.start)
    if first_block is None or first_block is not second_block:
        return False
    between = doc.text[first.outer.end : second.outer.start]
    words = between.split()
    if not 1 <= len(words) <= MAX_INTERRUPTION_WORDS or any(c in between for c in MARKS):
        return False
    ends_open = first.text.rstrip().endswith((",", "—", "–", "...", "…", "-"))
    ends_with_cue = re.search(r"[,:]\s*$", between) is not None
    closes_sentence = re.search(r"\.\s*$", between) is not None and re.search(r"[.!?]", between[:-2]) is None
    return (ends_open and ends_with_cue) or (closes_sentence and ends_open and second.text[:1].isupper())
