"""The HTML report: one self-contained file, the article with every quote highlighted,
reported speech (indirect and mixed attributions) underlined apart from the quotes, the article's
own claims underlined and its opinion shaded (each claim's passages shown on click), and the
article's timeline as an inline SVG strip whose marks link to the dates' words in the text.

Article and source text are hostile input: everything is escaped by Jinja2's autoescaping, the
page carries a Content-Security-Policy that allows no network access and only the page's own
script (by hash), and no text is ever inserted as HTML by the script.
"""

from __future__ import annotations

import base64
import hashlib
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from . import __version__
from .check import CheckResult, Verification
from .claims.model import ClaimCheck, Claims
from .claims.render import NOTE as CLAIMS_NOTE
from .ingest import Block, Document
from .report import COMPARED, VERDICT_LABELS, describe_date_check, describe_difference
from .report_timeline import timeline_strip
from .reported_check import ReportedCheck, ReportedDifference, ReportedPassage
from .timeline.render import when

if TYPE_CHECKING:
    from rich.text import Text

VERDICT_ICONS = {"verbatim": "✔", "marked_edits": "✎", "altered": "✘", "not_found": "?"}
VERDICT_NAMES = {"verbatim": "verbatim", "marked_edits": "marked edits", "altered": "altered",
                 "not_found": "not found"}
REPORTED_ICONS = {"consistent": "✔", "differs": "✘", "no_passage": "·"}
REPORTED_NAMES = {"consistent": "consistent", "differs": "differs", "no_passage": "no passage"}
# a claim's badge names its verdict against the library; an opinion's says "opinion" (label, not colour alone)
CLAIM_ICONS = {"consistent": "✔", "differs": "✘", "no_passage": "·"}
OPINION_ICON = "◐"

_environment = Environment(loader=PackageLoader("sourcecheck", "templates"),
                           autoescape=select_autoescape(default=True, default_for_string=True))


@dataclass(frozen=True)
class _Piece:
    """A run of article text: plain, or (part of) a quote, or of reported speech, or both (a quote
    inside a mixed attribution's content). `*_first` pieces carry the element's id, `*_last` its badge."""

    text: str
    quote: int | None = None
    verdict: str | None = None
    quote_first: bool = False
    quote_last: bool = False
    reported: int | None = None
    reported_verdict: str | None = None
    reported_first: bool = False
    reported_last: bool = False
    dates: tuple[int, ...] = ()  # the timeline entries (chronology indices) this text is part of
    date_starts: tuple[int, ...] = ()  # those beginning here: the piece carries their ids (t{index})
    # where the <mark> elements open and close: a quote's mark is not cut where a date begins inside it
    opens_reported: bool = False
    closes_reported: bool = False
    opens_quote: bool = False
    closes_quote: bool = False
    # the article's own sentence this text is part of, when labelled claim or opinion: its mark is the
    # outermost (a claim holds a scare quote or a date); a claim's index into Claims.claims, or for an
    # opinion a negative number of its own (so that two opinion sentences in a row stay two marks)
    sentence: int | None = None
    sentence_kind: str | None = None  # the claim's verdict, or "opinion"
    sentence_first: bool = False
    sentence_last: bool = False
    opens_sentence: bool = False
    closes_sentence: bool = False


# start, end, index, verdict: a quote segment or a reported content
_Marked = tuple[int, int, int, str]


def render_claims_html(claims: Claims, article: Document) -> str:
    """`sourcecheck claims --format html`: the same page with the claims and opinion alone (no quote
    was verified, so none is counted)."""
    return render_html(CheckResult(article, [], claims=claims), quotes_checked=False)


def render_html(result: CheckResult, *, quotes_checked: bool = True) -> str:
    script = _environment.get_template("report.js").render()
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; img-src data:; "
           "base-uri 'none'; form-action 'none'")
    verifications = sorted(result.verifications, key=lambda v: v.attribution.quote.index)
    counts = result.counts()
    meaning = [v for v in verifications if any(e.meaning_changing for e in v.edits)]
    reported = result.reported or []
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
        reported=reported,
        reported_checked=result.reported is not None,
        reported_counts=result.reported_counts(),
        reported_differs=[(i, c) for i, c in enumerate(reported) if c.verdict == "differs"],
        quotes_checked=quotes_checked,
        claims=result.claims,
        claims_differ=[] if result.claims is None else [(i, c) for i, c in enumerate(result.claims.claims)
                                                         if c.verdict == "differs"],
        claim_icons=CLAIM_ICONS,
        opinion_icon=OPINION_ICON,
        claims_note=CLAIMS_NOTE,
        claim_html=claim_html,
        claim_passage_html=claim_passage_html,
        reported_icons=REPORTED_ICONS,
        reported_names=REPORTED_NAMES,
        compared=COMPARED,
        content_html=reported_content_html,
        passage_html=reported_passage_html,
        describe=describe_difference,
        timeline=result.timeline,
        strip=None if result.timeline is None else timeline_strip(result.timeline),
        when=when,
        date_checks=() if result.timeline is None else result.timeline.checks,
        describe_date_check=describe_date_check,
        version=__version__,
    )


def _blocks(result: CheckResult) -> list[tuple[str, list[_Piece]]]:
    """The article's blocks, each cut into pieces at quote and reported-speech boundaries."""
    doc = result.article
    quotes: list[_Marked] = sorted((segment.start, segment.end, v.attribution.quote.index, v.verdict)
                                   for v in result.verifications for segment in v.attribution.quote.segments)
    reported: list[_Marked] = sorted((c.attribution.content.start, c.attribution.content.end, index, c.verdict)
                                     for index, c in enumerate(result.reported or []))
    entries = result.timeline.chronology if result.timeline is not None else ()
    dates: list[_Marked] = sorted((e.span.start, e.span.end, index, e.kind) for index, e in enumerate(entries))
    sentences = _labelled_sentences(result)
    blocks: list[tuple[str, list[_Piece]]] = []
    per_block = zip(doc.blocks, _spans_per_block(doc.blocks, quotes), _spans_per_block(doc.blocks, reported),
                    _spans_per_block(doc.blocks, dates), _spans_per_block(doc.blocks, sentences), strict=True)
    for block, block_quotes, block_reported, block_dates, block_sentences in per_block:
        shown = _outermost(block_quotes, block.start, block.end)
        pieces = _pieces(doc.text, block.start, block.end, shown, block_reported, block_dates, block_sentences)
        blocks.append((block.kind, pieces))
    return blocks


def _labelled_sentences(result: CheckResult) -> list[_Marked]:
    """The claims (index into Claims.claims, verdict) and the opinion sentences (-1, -2, ...,
    "opinion"); fact sentences are left plain. Sentences never overlap one another."""
    if result.claims is None:
        return []
    claims = {c.sentence.span: (i, c.verdict) for i, c in enumerate(result.claims.claims)}
    marked: list[_Marked] = []
    for n, s in enumerate(result.claims.sentences):
        if s.label == "claim" and s.span in claims:
            marked.append((s.span.start, s.span.end, *claims[s.span]))
        elif s.label == "opinion":
            marked.append((s.span.start, s.span.end, -1 - n, "opinion"))
    return marked


def _outermost(spans: list[_Marked], start: int, end: int) -> list[_Marked]:
    """The quote segments clipped to a block, one never inside another: a quote nested in one
    already shown is listed beside the text, not marked twice."""
    kept: list[_Marked] = []
    cursor = start
    for s, e, index, verdict in spans:
        s, e = max(s, start, cursor), min(e, end)
        if s < e:
            kept.append((s, e, index, verdict))
            cursor = e
    return kept


def _pieces(text: str, start: int, end: int, quotes: list[_Marked], reported: list[_Marked],
            dates: list[_Marked], sentences: list[_Marked]) -> list[_Piece]:
    """The block [start, end) cut wherever a quote, a reported content, a timeline entry or a
    labelled sentence begins or ends; where reported contents nest, the innermost (the latest to
    begin) marks the text."""
    marked = quotes + reported + dates + sentences
    cuts = sorted({start, end} | {p for s, e, _, _ in marked for p in (s, e) if start < p < end})
    pieces: list[_Piece] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        quote = next((q for q in quotes if q[0] <= a and b <= q[1]), None)
        inside = [r for r in reported if r[0] <= a and b <= r[1]]
        report = max(inside, key=lambda r: (r[0], -r[1])) if inside else None
        sentence = next((s for s in sentences if s[0] <= a and b <= s[1]), None)
        pieces.append(_Piece(
            text[a:b],
            None if quote is None else quote[2], None if quote is None else quote[3],
            quote is not None and a == quote[0], quote is not None and b == quote[1],
            None if report is None else report[2], None if report is None else report[3],
            report is not None and a == report[0], report is not None and b == report[1],
            tuple(d[2] for d in dates if d[0] <= a and b <= d[1]),
            tuple(d[2] for d in dates if d[0] == a),
            sentence=None if sentence is None else sentence[2],
            sentence_kind=None if sentence is None else sentence[3],
            sentence_first=sentence is not None and a == sentence[0],
            sentence_last=sentence is not None and b == sentence[1]))
    return _with_marks(pieces)


def _with_marks(pieces: list[_Piece]) -> list[_Piece]:
    """Each piece told whether a sentence, reported or quote mark opens or closes on it: a mark spans
    the pieces that share its sentence, reported content and quote (a sentence mark holds the
    others, a reported mark the quote marks)."""
    marked: list[_Piece] = []
    for i, piece in enumerate(pieces):
        before = pieces[i - 1] if i else None
        after = pieces[i + 1] if i + 1 < len(pieces) else None
        sentence_changes_before = before is None or before.sentence != piece.sentence
        sentence_changes_after = after is None or after.sentence != piece.sentence
        # an inner mark reopens wherever a mark around it does
        reported_changes_before = sentence_changes_before or before is None or before.reported != piece.reported
        reported_changes_after = sentence_changes_after or after is None or after.reported != piece.reported
        marked.append(replace(
            piece,
            opens_sentence=piece.sentence is not None and sentence_changes_before,
            closes_sentence=piece.sentence is not None and sentence_changes_after,
            opens_reported=piece.reported is not None and reported_changes_before,
            closes_reported=piece.reported is not None and reported_changes_after,
            opens_quote=piece.quote is not None and (reported_changes_before or before is None
                                                     or before.quote != piece.quote),
            closes_quote=piece.quote is not None and (reported_changes_after or after is None
                                                      or after.quote != piece.quote)))
    return marked


def _spans_per_block(blocks: tuple[Block, ...], spans: list[_Marked]) -> list[list[_Marked]]:
    """The sorted spans that overlap each block, found by bisection: not every span for every block
    (an article of 50,000 paragraphs and 1,000 quotes)."""
    starts = [block.start for block in blocks]
    found: list[list[_Marked]] = [[] for _ in blocks]
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


def reported_content_html(check: ReportedCheck) -> Markup:
    """The reported content, each item that differs from the passage marked."""
    start = check.attribution.content.start
    return _marked(check.content, [(d.article.start - start, d.article.end - start) for d in check.differences])


def reported_passage_html(check: ReportedCheck) -> Markup:
    """The passage, each item standing for one that differs marked."""
    return _passage_marked(check.passage, check.differences)


def _passage_marked(passage: ReportedPassage | None, differences: Sequence[ReportedDifference]) -> Markup:
    if passage is None:
        return Markup("")
    start = passage.span.start
    return _marked(passage.text, [(d.passage.start - start, d.passage.end - start)
                                  for d in differences if d.passage is not None])


def _marked(text: str, spans: list[tuple[int, int]]) -> Markup:
    out, cursor = [], 0
    for start, end in sorted(spans):
        start, end = max(start, cursor), min(end, len(text))
        if start >= end:
            continue
        out += [escape(text[cursor:start]), Markup('<mark class="diff">{}</mark>').format(text[start:end])]
        cursor = end
    out.append(escape(text[cursor:]))
    return Markup("").join(out)


def claim_html(check: ClaimCheck) -> Markup:
    """The claim, each item that differs from the passage marked."""
    start = check.sentence.span.start
    return _marked(check.sentence.text, [(d.article.start - start, d.article.end - start) for d in check.differences])


def claim_passage_html(check: ClaimCheck) -> Markup:
    """The claim's passage, each item standing for one that differs marked."""
    return _passage_marked(check.passage, check.differences)
