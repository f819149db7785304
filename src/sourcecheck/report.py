"""Reports: the versioned JSON document (docs/json-format.md) and the text view for people."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.text import Text

from . import __version__
from .alignment import ELLIPSIS
from .attribution import Attribution, Speaker
from .claims.render import claims_record
from .ingest import Document
from .json_parts import article_dict, difference_dict, passage_dict, source_fields, span_dict
from .pipeline import QuoteAnalysis
from .timeline.render import timeline_record, when

if TYPE_CHECKING:
    from .check import CheckResult, SourceRef, Verification
    from .claims import Claims
    from .quotes import Quote
    from .reported_check import ReportedCheck, ReportedDifference, ReportedPassage
    from .timeline import Timeline
    from .timeline.model import DateCheck
    from .verdict import Edit

JSON = dict[str, Any]

SCHEMA = "sourcecheck.report/1"
KIND_STYLES = {"direct": "bold cyan", "partial": "cyan", "scare": "yellow", "block": "magenta"}


def to_json_dict(analysis: QuoteAnalysis) -> JSON:
    article = analysis.article
    quotes = [_quote_dict(article, a) for a in analysis.attributions]
    kinds = Counter(a.quote.kind for a in analysis.attributions)
    return {
        "schema": SCHEMA,
        "generator": f"sourcecheck {__version__}",
        "article": article_dict(article),
        "quotes": quotes,
        "summary": {
            "quotes": len(quotes),
            "by_kind": {k: kinds.get(k, 0) for k in ("direct", "partial", "scare", "block")},
            "attributed": sum(1 for a in analysis.attributions if a.speaker is not None),
        },
    }



def _quote_dict(doc: Document, a: Attribution) -> JSON:
    q = a.quote
    original = doc.original_span(q.span)
    speaker = _speaker_dict(a.speaker)
    return {
        "id": q.index,
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "segments": [span_dict(s) for s in q.segments],
        "kind": q.kind,
        "group": q.group,
        "inside": q.inside,
        "speaker": speaker,
        "cue": {"text": a.cue.text, **span_dict(a.cue.span)} if a.cue else None,
        "attribution_method": a.method,
        "original": {**span_dict(original), "page": doc.page_of(q.start)},
    }


def _speaker_dict(s: Speaker | None) -> JSON | None:
    if s is None:
        return None
    return {"text": s.text, "name": s.name, "type": s.type, **span_dict(s.span),
            "resolved_from": span_dict(s.resolved_from) if s.resolved_from else None}


def to_json(analysis: QuoteAnalysis) -> str:
    return json.dumps(to_json_dict(analysis), ensure_ascii=False, indent=2) + "\n"


def render_quotes(analysis: QuoteAnalysis, console: Console) -> None:
    doc = analysis.article
    console.print(_title(doc))
    byline = " · ".join(x for x in (doc.metadata.author, doc.metadata.date, doc.metadata.url or doc.path) if x)
    if byline:
        console.print(Text(byline, style="dim"))
    console.print()
    for a in analysis.attributions:
        console.print(_quote_line(a))
    kinds = Counter(a.quote.kind for a in analysis.attributions)
    attributed = sum(1 for a in analysis.attributions if a.speaker)
    console.print()
    console.print(f"{len(analysis.attributions)} quotes ({', '.join(f'{n} {k}' for k, n in kinds.items())}); "
                  f"{attributed} attributed")


def _title(doc: Document) -> Text:
    """The document's title as a Text: printed as markup, Rich's highlighter takes time quadratic in
    its length (a 100,000-character title: 54 s)."""
    return Text(doc.metadata.title or doc.path or doc.metadata.url or "article", style="bold")


def _quote_line(a: Attribution) -> Text:
    q = a.quote
    line = Text()
    line.append(f"{q.index + 1:>3}. ", style="dim")
    line.append(f"[{q.kind}] ", style=KIND_STYLES[q.kind])
    line.append(f"“{q.text}”")
    line.append("\n     — ")
    if a.speaker is None:
        line.append("no speaker", style="dim italic")
    else:
        line.append(a.speaker.name, style="bold green")
        if a.speaker.type:
            line.append(f" ({a.speaker.type})", style="dim")
        if a.speaker.text != a.speaker.name:
            line.append(f" as “{a.speaker.text}”", style="dim")
    if a.cue:
        line.append(f"  cue: {a.cue.text}", style="dim")
    return line


# ---------------------------------------------------------------- check reports

VERDICT_STYLES = {"verbatim": "bold green", "marked_edits": "bold cyan", "altered": "bold red",
                  "not_found": "bold yellow"}
VERDICT_LABELS = {"verbatim": "✔ VERBATIM", "marked_edits": "✎ MARKED EDITS", "altered": "✘ ALTERED",
                  "not_found": "? NOT FOUND"}


def check_to_json_dict(result: CheckResult) -> JSON:
    """The quotes report, each quote extended with its verification."""
    report = to_json_dict(QuoteAnalysis(result.article, [v.attribution for v in result.verifications]))
    for entry, v in zip(report["quotes"], result.verifications, strict=True):
        entry.update({
            "verdict": v.verdict,
            "source": _source_dict(v.ref) if v.ref else None,
            "match": None if v.match is None else {
                "text": v.match.text, **span_dict(v.match.span), "score": round(v.match.score, 3),
                "context": {"text": v.match.context, **span_dict(v.match.context_span)},
            },
            "edits": [_edit_dict(e, v.attribution.quote) for e in v.edits],
            "attribution": v.attribution_check,
            "candidates": [{"source": _source_dict(c.ref), "text": c.text, **span_dict(c.span),
                            "score": round(c.matched_share, 3)} for c in v.candidates],
        })
    report["summary"]["by_verdict"] = result.counts()
    report["summary"]["meaning_changing_edits"] = sum(e.meaning_changing for v in result.verifications
                                                      for e in v.edits)
    reported = result.reported
    report["reported"] = None if reported is None else [_reported_dict(result.article, i, c)
                                                        for i, c in enumerate(reported)]
    report["summary"]["reported"] = None if reported is None else len(reported)
    report["summary"]["by_reported_verdict"] = result.reported_counts()
    report["timeline"] = None if result.timeline is None else timeline_record(result.timeline)
    report["claims"] = None if result.claims is None else claims_record(result.claims)
    return report


def _reported_dict(doc: Document, index: int, check: ReportedCheck) -> JSON:
    """An indirect or mixed attribution, its passage and the compared items that differ."""
    a, passage = check.attribution, check.passage
    return {
        "id": index,
        "kind": a.kind,
        "speaker": _speaker_dict(a.source),
        "cue": None if a.cue is None else {"text": doc.text[a.cue.start : a.cue.end], **span_dict(a.cue)},
        "content": {"text": check.content, **span_dict(a.content)},
        "quotes": [q.index for q in a.quotes],
        "original": {**span_dict(doc.original_span(a.content)), "page": doc.page_of(a.content.start)},
        "verdict": check.verdict,
        "passage": passage_dict(passage),
        "nearest": passage_dict(check.nearest),
        "differences": [difference_dict(d) for d in check.differences],
    }




def _edit_dict(edit: Edit, quote: Quote) -> JSON:
    return {"op": edit.op, "article": edit.article, "source": edit.source, "category": edit.category,
            "meaning_changing": edit.meaning_changing, "marked": edit.marked,
            "article_start": quote.to_document(edit.quote_span.start),
            "article_end": quote.to_document(edit.quote_span.end),
            "source_start": edit.source_span.start, "source_end": edit.source_span.end,
            "moved_to": edit.moved_to}


def _source_dict(ref: SourceRef) -> JSON:
    return source_fields(ref.library, ref.source)



def check_to_json(result: CheckResult) -> str:
    return json.dumps(check_to_json_dict(result), ensure_ascii=False, indent=2) + "\n"


def render_check(result: CheckResult, console: Console) -> None:
    doc = result.article
    console.print(_title(doc))
    console.print()
    ordered = sorted(result.verifications, key=lambda v: (v.attribution.quote.index,))
    for v in ordered:
        _render_verification(v, console)
    if result.reported:
        render_reported(result.article, result.reported, console)
    if result.claims is not None:
        render_claims(result.claims, console)
    if result.timeline is not None:
        render_chronology(result.timeline, console)
    counts = result.counts()
    console.print(
        f"[bold]{len(ordered)} quotes:[/bold] [green]{counts['verbatim']} verbatim[/green], "
        f"[cyan]{counts['marked_edits']} marked[/cyan], [red]{counts['altered']} altered[/red], "
        f"[yellow]{counts['not_found']} not found[/yellow]")
    reported = result.reported_counts()
    if reported is not None:
        console.print(
            f"[bold]{sum(reported.values())} reported:[/bold] [green]{reported['consistent']} consistent[/green], "
            f"[red]{reported['differs']} differs[/red], [dim]{reported['no_passage']} no passage[/dim]")


CHRONOLOGY_LINES = 20  # the text report's section is a glance: `sourcecheck timeline` lists every entry


CLAIM_STYLES = {"consistent": "green", "differs": "red", "no_passage": "yellow"}


def render_claims(claims: Claims, console: Console) -> None:
    """The "Claims" section: the counts of labels, then each claim the libraries speak to, with its
    passage and the items that differ; claims without a passage are counted, not listed."""
    console.print(Text("Claims", style="bold underline"))
    counts, verdicts = claims.counts(), claims.verdict_counts()
    console.print(Text(f"the article's own sentences: {counts['claim']} claims, {counts['fact']} facts, "
                       f"{counts['opinion']} opinion ({claims.labeller}); against the library: "
                       f"{verdicts['consistent']} consistent, {verdicts['differs']} differ, "
                       f"{verdicts['no_passage']} without a passage", style="dim"))
    for check in claims.claims:
        if check.passage is None:
            continue
        line = Text(f"  {check.verdict:<11}", style=CLAIM_STYLES[check.verdict])
        line.append(f"“{_clipped(check.sentence.text)}”")
        console.print(line)
        where = "" if check.passage.library == 0 else " (--sources)"
        source = check.passage.source
        console.print(Text(f"    passage: #{source.id}{where} {source.title or 'untitled'}: "
                           f"“{_clipped(check.passage.text)}”", style="dim"))
        for d in check.differences:
            console.print(Text(f"    {d.kind}: “{d.article_text}” / “{d.passage_text or '—'}”", style="red"))
    console.print(Text("  Labels are a model's reading of the wording; a claim's verdict compares it with the library "
                       "only, never with the world.", style="dim"))
    console.print()


def _clipped(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_chronology(timeline: Timeline, console: Console) -> None:
    """The "Timeline" section: the article's dates in the order they resolve to, unresolved ones last."""
    console.print(Text("Timeline", style="bold underline"))
    entries = timeline.chronology
    dated = f"dated {timeline.dct}" if timeline.dct else "no date of its own: 'yesterday' and the like stay unresolved"
    console.print(Text(f"{len(entries)} dated expressions; the article is {dated}", style="dim"))
    shown = entries[:CHRONOLOGY_LINES]
    width = max((len(when(e.interval)) for e in shown), default=0)
    for entry in shown:
        line = Text(f"  {when(entry.interval):<{width}}  ", style="dim" if entry.interval is None else "bold")
        line.append(f"“{entry.text}”")
        if entry.event is not None:
            line.append(f" — {entry.event.phrase}", style="dim")
        console.print(line)
    if len(entries) > len(shown):
        console.print(Text(f"  … {len(entries) - len(shown)} more: `sourcecheck timeline` lists them all",
                           style="dim"))
    checks = timeline.checks  # the article's dates compared with its sources' (timeline/checks.py)
    if checks:
        console.print(Text(f"  Dates compared with the sources: {len(checks)}", style="bold"))
        for check in checks:
            console.print(Text(f"  {describe_date_check(check)}"))
    console.print()


DATE_CHECK_KINDS = {"document_date": "a document's date", "source_after_article": "a quoted source's date",
                    "quote_year": "a quote's date"}


def describe_date_check(check: DateCheck) -> str:
    """"differs · a document's date: “1862” (1862) · source “Emancipation Proclamation”, 1863-01-01 ·
    compared by the year": neutral words, the verdict first (a timeline.model.DateCheck)."""
    article = f"“{check.article_text}”" + (f" ({check.article_value})" if check.article_value
                                          and check.article_value != check.article_text else "")
    source = f"source “{check.source_title or 'untitled'}”, {check.source_value or 'no date'}"
    where = " (--sources)" if check.library == "sources" else ""
    note = f" · {check.note}" if check.note else ""
    return f"{check.verdict} · {DATE_CHECK_KINDS.get(check.kind, check.kind)}: {article} · {source}{where}{note}"


REPORTED_STYLES = {"consistent": "bold green", "differs": "bold red", "no_passage": "bold dim"}
REPORTED_LABELS = {"consistent": "✔ CONSISTENT", "differs": "✘ DIFFERS", "no_passage": "· NO PASSAGE"}
COMPARED = ("numbers, dates, negation, names, quantifiers (all/some/none), modality (will/may/plans to) "
            "and the actor")
REPORTED_NOTE = (f"Compared item by item: {COMPARED}. Not an entailment check: a report that agrees on "
                 "these items may still say something the passage does not.")


def render_reported(article: Document, checks: list[ReportedCheck], console: Console) -> None:
    """The "Reported speech" section: each indirect or mixed attribution, its passage, what differs."""
    console.print(Text("Reported speech", style="bold underline"))
    console.print(Text(REPORTED_NOTE, style="dim"))
    console.print()
    for index, check in enumerate(checks):
        _render_reported_one(article, index, check, console)


DIFFERENCE_NOTES = {
    "number": "a figure the passage does not give",
    "date": "a date the passage does not give",
    "negation": "negated on one side only",
    "name": "a name the passage does not use",
    "quantifier": "another quantifier",
    "modality": "another modality or hedge",
    "actor": "someone else does it",
}


def describe_difference(d: ReportedDifference) -> str:
    """"negation (negated on one side only): report “station” · passage “station”"."""
    passage = f" · passage “{d.passage_text}”" if d.passage_text is not None else " · nothing in the passage"
    side = "cue" if d.in_cue else "report"
    return f"{d.kind} ({DIFFERENCE_NOTES.get(d.kind, 'differs')}): {side} “{d.article_text}”{passage}"


def _passage_title(passage: ReportedPassage) -> str:
    source = passage.source
    return (source.title or source.path or "source") + (f" — {source.author}" if source.author else "")


def _render_reported_one(article: Document, index: int, check: ReportedCheck, console: Console) -> None:
    a = check.attribution
    head = Text()
    head.append(f"{index + 1:>3}. ", style="dim")
    head.append(REPORTED_LABELS[check.verdict], style=REPORTED_STYLES[check.verdict])
    head.append(f"  [{a.kind}] ", style="dim")
    head.append(a.source.name if a.source else "no source", style="green" if a.source else "dim italic")
    if a.cue is not None:
        head.append(f"  cue: {article.text[a.cue.start : a.cue.end]}", style="dim")
    console.print(head)
    console.print(Text(f"     {check.content}"))
    passage = check.passage
    if passage is None:
        console.print(Text("     no passage of the library close enough to compare with", style="dim"))
        if check.nearest is not None:
            near = check.nearest
            console.print(Text(f"     nearest, not taken for the passage: {_passage_title(near)} "
                               f"(similarity {near.score:.2f}): “{near.text}”", style="dim"))
    else:
        source = passage.source
        title = source.title or source.path or "source"
        by = f" — {source.author}" if source.author else ""
        own = ", the speaker's own" if passage.by_speaker else ""
        console.print(Text(f"     passage: {title}{by} (#{source.id}{own}, similarity {passage.score:.2f})",
                           style="dim"))
        console.print(Text(f"     “{passage.text}”", style="italic"))
    for d in check.differences:
        mark = "!" if d.meaning_changing else "·"
        console.print(Text(f"     {mark} {describe_difference(d)}", style="red" if d.meaning_changing else "yellow"))
    console.print()


def _render_verification(v: Verification, console: Console) -> None:
    q, a = v.attribution.quote, v.attribution
    head = Text()
    head.append(f"{q.index + 1:>3}. ", style="dim")
    head.append(VERDICT_LABELS[v.verdict], style=VERDICT_STYLES[v.verdict])
    head.append(f"  [{q.kind}] ", style="dim")
    head.append(a.speaker.name if a.speaker else "no speaker", style="green" if a.speaker else "dim italic")
    if v.attribution_check == "conflict" and v.ref is not None:
        head.append(f"  ⚠ source is by {v.ref.source.author or v.ref.source.title}", style="bold magenta")
    console.print(head)
    console.print(Text("     “") + diff_text(v) + Text("”"))
    if v.ref is not None and v.match is not None:
        title = v.ref.source.title or v.ref.source.path or "source"
        by = f" — {v.ref.source.author}" if v.ref.source.author else ""
        loose = f", {v.match.score:.0%} of the quote's words" if v.match.score < 1 else ""
        console.print(Text(f"     source: {title}{by} (#{v.ref.source.id}{loose})", style="dim"))
        console.print(Text(f"     “{v.match.context}”", style="italic"))
    for edit in v.edits:
        if edit.meaning_changing:
            console.print(Text(f"     ! {edit.category.replace('_', ' ')}: {_describe_edit(edit)}", style="red"))
    for c in [c for c in v.candidates if c.matched_share > 0][:2]:
        console.print(Text(f"     nearest, not a match: {c.ref.source.title} ({c.matched_share:.0%} of words): "
                           f"“{c.text[:120]}”", style="dim"))
    console.print()


def _describe_edit(edit: Edit) -> str:
    if edit.op == "insert":
        return f"added “{edit.article}”"
    if edit.op == "delete":
        return f"left out “{edit.source}”"
    if edit.op == "move":
        return f"moved “{edit.article}”"
    return f"“{edit.source}” became “{edit.article}”"


def diff_text(v: Verification) -> Text:
    """The quote as written, inserted words underlined and the source's removed words struck through."""
    quote_text = v.attribution.quote.text
    if v.alignment is None:
        return Text(quote_text)
    source_of = _source_words_text(v)
    styles: dict[int | None, str] = {}
    removed_before: dict[int | None, list[str]] = {}
    omitted_at: dict[int | None, str] = {}
    pending: list[str] = []
    for step in v.alignment.steps:
        source = source_of(step.source_start, step.source_end)
        if step.op == "delete":
            pending.append(source)
        elif step.op == "gap":
            omitted_at[step.quote] = source
        else:
            removed_before[step.quote] = pending + ([source] if step.op in ("replace", "minor") else [])
            pending = []
            styles[step.quote] = {"insert": "bold green underline", "replace": "bold green underline",
                                  "minor": "yellow underline"}.get(step.op, "")
    out, cursor = Text(), 0
    for index, token in enumerate(v.tokens):
        if token.word is None:
            ellipsis = ELLIPSIS.match(quote_text, token.ellipsis_at)
            end = ellipsis.end() if ellipsis else token.ellipsis_at
            out.append(quote_text[cursor : token.ellipsis_at])
            out.append(quote_text[token.ellipsis_at : end], style="cyan")
            if omitted_at.get(index):
                out.append(f" {omitted_at[index]} ", style="dim strike")
            cursor = end
            continue
        out.append(quote_text[cursor : token.word.start])
        for removed in removed_before.get(index, []):
            if removed:
                out.append(removed, style="red strike")
                out.append(" ")
        out.append(token.word.text, style=styles.get(index, ""))
        cursor = token.word.end
    for removed in pending:
        out.append(" ")
        out.append(removed, style="red strike")
    out.append(quote_text[cursor:])
    return out


def _source_words_text(v: Verification) -> Callable[[int | None, int | None], str]:
    """Source words [start, end) as the source writes them (from the match's context)."""
    words = v.source_words
    context = v.match.context if v.match else ""
    offset = v.match.context_span.start if v.match else 0

    def text(start: int | None, end: int | None) -> str:
        if start is None or end is None or end <= start or not words:
            return ""
        first, last = words[start], words[end - 1]
        if offset <= first.start and last.end - offset <= len(context):
            return context[first.start - offset : last.end - offset]
        return " ".join(w.norm for w in words[start:end])

    return text
