"""The HTML report: one self-contained file, the article with every quote highlighted.

Article and source text are hostile input: everything is escaped by Jinja2's autoescaping, the
page carries a Content-Security-Policy that allows no network access and only the page's own
script (by hash), and no text is ever inserted as HTML by the script.
"""

from __future__ import annotations

import base64
import hashlib
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from . import __version__
from .check import CheckResult, Verification
from .ingest import Block
from .report import VERDICT_LABELS
from .verdict import Verdict

if TYPE_CHECKING:
    from rich.text import Text

VERDICT_ICONS = {"verbatim": "✔", "marked_edits": "✎", "altered": "✘", "not_found": "?"}
VERDICT_NAMES = {"verbatim": "verbatim", "marked_edits": "marked edits", "altered": "altered",
                 "not_found": "not found"}

_environment = Environment(loader=PackageLoader("sourcecheck", "templates"),
                           autoescape=select_autoescape(default=True, default_for_string=True))


@dataclass(frozen=True)
class _Piece:
    """A run of article text: plain, or (part of) a quote."""

    text: str
    quote: int | None = None
    verdict: str | None = None


def render_html(result: CheckResult) -> str:
    script = _environment.get_template("report.js").render()
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; img-src data:; "
           "base-uri 'none'; form-action 'none'")
    verifications = sorted(result.verifications, key=lambda v: v.attribution.quote.index)
    counts = result.counts()
    meaning = [v for v in verifications if any(e.meaning_changing for e in v.edits)]
    return _environment.get_template("report.html").render(
        csp=csp,
        script=Markup(script),
        article=result.article,
        blocks=_blocks(result),
        verifications=verifications,
        counts=counts,
        meaning_first=meaning + [v for v in verifications if v not in meaning and (
            v.verdict in ("altered", "not_found") or v.attribution_check == "conflict")],
        kinds=Counter(v.attribution.quote.kind for v in verifications),
        icons=VERDICT_ICONS,
        names=VERDICT_NAMES,
        labels=VERDICT_LABELS,
        diff=diff_html,
        context=context_html,
        version=__version__,
    )


def _blocks(result: CheckResult) -> list[tuple[str, list[_Piece]]]:
    """The article's blocks, each cut into pieces at quote boundaries."""
    doc = result.article
    spans = []
    for v in result.verifications:
        for segment in v.attribution.quote.segments:
            spans.append((segment.start, segment.end, v.attribution.quote.index, v.verdict))
    spans.sort()
    blocks: list[tuple[str, list[_Piece]]] = []
    for block, block_spans in zip(doc.blocks, _spans_per_block(doc.blocks, spans), strict=True):
        pieces, cursor = [], block.start
        for start, end, index, verdict in block_spans:
            start, end = max(start, block.start, cursor), min(end, block.end)
            if start >= end:
                continue  # a quote nested in one already shown: listed beside the text, not marked twice
            if start > cursor:
                pieces.append(_Piece(doc.text[cursor:start]))
            pieces.append(_Piece(doc.text[start:end], index, verdict))
            cursor = end
        if cursor < block.end:
            pieces.append(_Piece(doc.text[cursor : block.end]))
        blocks.append((block.kind, pieces))
    return blocks


_QuoteSpan = tuple[int, int, int, Verdict]  # start, end, quote index, verdict


def _spans_per_block(blocks: tuple[Block, ...], spans: list[_QuoteSpan]) -> list[list[_QuoteSpan]]:
    """The sorted spans that overlap each block, found by bisection: not every span for every block
    (an article of 50,000 paragraphs and 1,000 quotes)."""
    starts = [block.start for block in blocks]
    found: list[list[_QuoteSpan]] = [[] for _ in blocks]
    for span in spans:
        start, end = span[0], span[1]
        i = max(0, bisect_right(starts, start) - 1)
        while i < len(blocks) and blocks[i].start < end:
            if blocks[i].end > start:
                found[i].append(span)
            i += 1
    return found


def diff_html(v: Verification) -> Markup:
    """The quote as written: inserted words in <ins>, the source's removed words in <del>."""
    from .report import diff_text

    text = diff_text(v)
    out = []
    for start, end, style in _styled_runs(text):
        chunk = escape(text.plain[start:end])
        if "strike" in style:
            out.append(Markup("<del>{}</del>").format(chunk))
        elif "underline" in style:
            kind = "minor" if "yellow" in style else "added"
            out.append(Markup('<ins class="{}">{}</ins>').format(kind, chunk))
        elif "cyan" in style:
            out.append(Markup('<span class="ellipsis">{}</span>').format(chunk))
        else:
            out.append(chunk)
    return Markup("").join(out)


def _styled_runs(text: Text) -> Iterator[tuple[int, int, str]]:
    """(start, end, style) runs of a Rich Text, unstyled gaps included."""
    marks = sorted((s.start, s.end, str(s.style)) for s in text.spans)
    cursor = 0
    for start, end, style in marks:
        if start > cursor:
            yield cursor, start, ""
        if end > start:
            yield start, end, style
        cursor = max(cursor, end)
    if cursor < len(text.plain):
        yield cursor, len(text.plain), ""


def context_html(v: Verification) -> Markup:
    """The source sentence with the quoted passage marked."""
    if v.match is None:
        return Markup("")
    context, offset = v.match.context, v.match.context_span.start
    start = max(0, v.match.span.start - offset)
    end = min(len(context), v.match.span.end - offset)
    return Markup("{}<mark>{}</mark>{}").format(context[:start], context[start:end], context[end:])
