"""The JSON shapes shared by the reports (docs/json-format.md): the article, and the evidence of every
report that shows library passages: the check's quotes and reported speech (report.py), the claims
(claims/render.py), the timeline (timeline/render.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .ingest import Document
    from .library_base import Source
    from .reported_check import ReportedDifference, ReportedPassage
    from .spans import Span

JSON = dict[str, Any]


def article_dict(doc: Document) -> JSON:
    meta = doc.metadata
    return {"path": doc.path, "url": meta.url, "title": meta.title, "author": meta.author, "date": meta.date,
            "format": doc.format, "sha256": doc.sha256, "text": doc.text}


def span_dict(span: Span) -> JSON:
    return {"start": span.start, "end": span.end}


def source_fields(library: int, s: Source) -> JSON:
    """A source; `library` is the index of check.SourceRef (0 the library, 1 the --sources)."""
    return {"id": s.id, "library": "sources" if library else "library", "title": s.title, "author": s.author,
            "date": s.date, "path": s.path, "url": s.url}


def passage_dict(passage: ReportedPassage | None) -> JSON | None:
    if passage is None:
        return None
    return {"source": source_fields(passage.library, passage.source), "text": passage.text,
            **span_dict(passage.span), "score": round(passage.score, 3), "by_speaker": passage.by_speaker}


def difference_dict(d: ReportedDifference) -> JSON:
    return {"item": d.kind, "meaning_changing": d.meaning_changing, "in_cue": d.in_cue,
            "article": {"text": d.article_text, **span_dict(d.article)},
            "passage": None if d.passage is None else {"text": d.passage_text, **span_dict(d.passage)}}
