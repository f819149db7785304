"""The timeline as text (a chronology, one line per entry, granularity shown) and as JSON
(`sourcecheck.timeline/1`, documented in docs/json-format.md)."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..ingest import Document
from ..json_parts import article_dict
from .model import AnchoredExpression, DateCheck, DatedEvent, Entry, Event, Interval, Timeline

SCHEMA = "sourcecheck.timeline/1"


def when(interval: Interval | None) -> str:
    """"2015-02-14 (day)", "2015-02 (month)", "from 2016-11-13 (day)", "2016-11-02 .. 2016-11-04 (day)"."""
    if interval is None:
        return "unresolved"
    begin, end, granularity = interval.begin, interval.end, interval.granularity
    if begin is not None and end is not None:
        return f"{begin} ({granularity})" if begin == end else f"{begin} .. {end} ({granularity})"
    if begin is not None:
        return f"from {begin} on ({granularity})"
    return f"up to {end} ({granularity})"


def render_text(timeline: Timeline) -> str:
    lines = [f"timeline (creation date {timeline.dct or 'none'}): {len(timeline.chronology)} entries"]
    width = max((len(when(e.interval)) for e in timeline.chronology), default=0)
    for entry in timeline.chronology:
        what = f"{entry.text!r}"
        if entry.event is not None:
            what += f" — {entry.event.phrase}"
        lines.append(f"{when(entry.interval):<{width}}  {what}")
    if timeline.checks:
        lines += ["", f"dates compared with the sources: {len(timeline.checks)}"]
        lines += [_check_line(c) for c in timeline.checks]
    return "\n".join(lines) + "\n"


_KIND_LABELS = {"document_date": "document's date", "source_after_article": "quoted source",
                "quote_year": "quote's date"}


def _check_line(check: DateCheck) -> str:
    """"differs  document's date  '1862' (1862) — #225 Emancipation proclamation, 1863-01-01; compared by the year"."""
    words = check.article_text if len(check.article_text) <= 60 else check.article_text[:57] + "..."
    article = f"{words!r}" if check.kind != "source_after_article" else f"{words!r} (article of {check.article_value})"
    if check.kind != "source_after_article" and check.article_value != check.article_text:
        article += f" ({check.article_value})"
    where = "" if check.library == "library" else " in --sources"
    source = f"#{check.source_id}{where} {check.source_title or 'untitled'}, {check.source_value or 'no date'}"
    return f"{check.verdict:<8} {_KIND_LABELS[check.kind]:<15} {article} — {source}; {check.note}"


def to_json(timeline: Timeline, article: Document) -> str:
    record = {
        "schema": SCHEMA,
        "generator": f"sourcecheck {__version__}",
        "article": article_dict(article),
        "timeline": timeline_record(timeline),
    }
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def timeline_record(timeline: Timeline) -> dict[str, Any]:
    return {
        "dct": timeline.dct,
        "chronology": [_entry(e) for e in timeline.chronology],
        "timexes": [_timex(d) for d in timeline.timexes],
        "anchored": [_anchored(a) for a in timeline.anchored],
        "checks": [_check(c) for c in timeline.checks],
    }


def _check(check: DateCheck) -> dict[str, Any]:
    return {"kind": check.kind, "verdict": check.verdict, "text": check.article_text, "start": check.article_span.start,
            "end": check.article_span.end, "article_value": check.article_value,
            "source": {"id": check.source_id, "library": check.library, "title": check.source_title,
                       "date": check.source_value},
            "note": check.note}


def _event(event: Event | None) -> dict[str, Any] | None:
    return None if event is None else {"phrase": event.phrase, "start": event.span.start, "end": event.span.end}


def _interval(interval: Interval | None) -> dict[str, Any] | None:
    if interval is None:
        return None
    return {"begin": interval.begin, "end": interval.end, "granularity": interval.granularity}


def _entry(entry: Entry) -> dict[str, Any]:
    return {"kind": entry.kind, "text": entry.text, "start": entry.span.start, "end": entry.span.end,
            "interval": _interval(entry.interval), "event": _event(entry.event)}


def _timex(item: DatedEvent) -> dict[str, Any]:
    t = item.timex
    return {"text": t.text, "start": t.start, "end": t.end, "type": t.type, "value": t.value, "mod": t.mod or None,
            "anchored_to": t.anchor or None, "interval": _interval(item.interval), "event": _event(item.event)}


def _anchored(item: AnchoredExpression) -> dict[str, Any]:
    date = item.anchor_date
    return {
        "text": item.text, "start": item.span.start, "end": item.span.end, "relation": item.relation,
        "offset": item.offset, "mod": item.mod, "anchor": _event(item.anchor),
        "anchor_date": None if date is None else {
            "value": date.value, "granularity": date.granularity, "evidence": date.evidence,
            "start": None if date.span is None else date.span.start,
            "end": None if date.span is None else date.span.end,
            "source_id": date.source_id, "source_title": date.source_title},
        "interval": _interval(item.interval), "event": _event(item.event),
    }
