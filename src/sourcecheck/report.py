"""Reports: the versioned JSON document (docs/json-format.md) and the text view for people."""

from __future__ import annotations

import json
from collections import Counter

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from . import __version__
from .attribution import Attribution
from .ingest import Document
from .pipeline import QuoteAnalysis
from .spans import Span

SCHEMA = "sourcecheck.report/1"
KIND_STYLES = {"direct": "bold cyan", "partial": "cyan", "scare": "yellow", "block": "magenta"}


def to_json_dict(analysis: QuoteAnalysis) -> dict:
    article = analysis.article
    quotes = [_quote_dict(article, a) for a in analysis.attributions]
    kinds = Counter(a.quote.kind for a in analysis.attributions)
    return {
        "schema": SCHEMA,
        "generator": f"sourcecheck {__version__}",
        "article": _article_dict(article),
        "quotes": quotes,
        "summary": {
            "quotes": len(quotes),
            "by_kind": {k: kinds.get(k, 0) for k in ("direct", "partial", "scare", "block")},
            "attributed": sum(1 for a in analysis.attributions if a.speaker is not None),
        },
    }


def _article_dict(doc: Document) -> dict:
    meta = doc.metadata
    return {"path": doc.path, "url": meta.url, "title": meta.title, "author": meta.author, "date": meta.date,
            "format": doc.format, "sha256": doc.sha256, "text": doc.text}


def _span_dict(span: Span) -> dict:
    return {"start": span.start, "end": span.end}


def _quote_dict(doc: Document, a: Attribution) -> dict:
    q = a.quote
    original = doc.original_span(q.span)
    speaker = None
    if a.speaker is not None:
        s = a.speaker
        speaker = {"text": s.text, "name": s.name, "type": s.type, **_span_dict(s.span),
                   "resolved_from": _span_dict(s.resolved_from) if s.resolved_from else None}
    return {
        "id": q.index,
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "segments": [_span_dict(s) for s in q.segments],
        "kind": q.kind,
        "group": q.group,
        "speaker": speaker,
        "cue": {"text": a.cue.text, **_span_dict(a.cue.span)} if a.cue else None,
        "attribution_method": a.method,
        "original": {**_span_dict(original), "page": doc.page_of(q.start)},
    }


def to_json(analysis: QuoteAnalysis) -> str:
    return json.dumps(to_json_dict(analysis), ensure_ascii=False, indent=2) + "\n"


def render_quotes(analysis: QuoteAnalysis, console: Console) -> None:
    doc = analysis.article
    title = doc.metadata.title or doc.path or doc.metadata.url or "article"
    console.print(f"[bold]{escape(title)}[/bold]")
    byline = " · ".join(x for x in (doc.metadata.author, doc.metadata.date, doc.metadata.url or doc.path) if x)
    if byline:
        console.print(f"[dim]{escape(byline)}[/dim]")
    console.print()
    for a in analysis.attributions:
        console.print(_quote_line(a))
    kinds = Counter(a.quote.kind for a in analysis.attributions)
    attributed = sum(1 for a in analysis.attributions if a.speaker)
    console.print()
    console.print(f"{len(analysis.attributions)} quotes ({', '.join(f'{n} {k}' for k, n in kinds.items())}); "
                  f"{attributed} attributed")


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
