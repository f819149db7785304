"""The claims as text (one line per labelled sentence, each claim with its passage) and as JSON
(`sourcecheck.claims/1`, documented in docs/json-format.md)."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..ingest import Document
from ..json_parts import article_dict, difference_dict, passage_dict, span_dict
from .model import ClaimCheck, Claims, SentenceLabel

SCHEMA = "sourcecheck.claims/1"
NOTE = ("Labels are a model's reading of the wording, not judgements of truth; a claim's verdict only says "
        "whether the library's passages speak to it and whether its figures, dates and names agree with them.")


def claims_record(claims: Claims) -> dict[str, Any]:
    return {
        "labeller": claims.labeller,
        "checked_against_library": claims.checked,
        "note": NOTE,
        "sentences": [_sentence(s) for s in claims.sentences],
        "claims": [_claim(c) for c in claims.claims],
        "summary": {"by_label": claims.counts(), "by_claim_verdict": claims.verdict_counts()},
    }


def to_json(claims: Claims, article: Document) -> str:
    record = {
        "schema": SCHEMA,
        "generator": f"sourcecheck {__version__}",
        "article": article_dict(article),
        **claims_record(claims),
    }
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def _sentence(s: SentenceLabel) -> dict[str, Any]:
    return {"text": s.text, **span_dict(s.span), "voice": s.voice, "label": s.label, "score": s.score,
            "subjective": s.subjective, "checkworthy": s.checkworthy}


def _claim(c: ClaimCheck) -> dict[str, Any]:
    return {"text": c.sentence.text, **span_dict(c.sentence.span), "score": c.sentence.score,
            "items": [{"kind": i.kind, "text": i.text, **span_dict(i.span), "relation": i.relation}
                      for i in c.items],
            "verdict": c.verdict, "passage": passage_dict(c.passage),
            "differences": [difference_dict(d) for d in c.differences],
            "passages": [passage_dict(p) for p in c.passages]}


def render_text(claims: Claims) -> str:
    counts = claims.counts()
    lines = [f"{sum(counts.values())} sentences in the article's own voice: {counts['claim']} claims, "
             f"{counts['fact']} facts, {counts['opinion']} opinion ({claims.labeller})", ""]
    for s in claims.sentences:
        if s.label is not None:
            lines.append(f"{s.label:<8} {s.score:.2f}  {_short(s.text)}")
    if claims.claims and claims.checked:
        verdicts = claims.verdict_counts()
        lines += ["", f"claims against the library: {verdicts['consistent']} consistent, "
                      f"{verdicts['differs']} differ, {verdicts['no_passage']} without a passage"]
        for c in claims.claims:
            lines.append(_claim_line(c))
    elif claims.claims:
        lines += ["", "no library given (--db or --sources): claims not compared with any source"]
    lines += ["", NOTE]
    return "\n".join(lines) + "\n"


def _claim_line(c: ClaimCheck) -> str:
    line = f"{c.verdict:<10} {_short(c.sentence.text)}"
    if c.passage is not None:
        where = "" if c.passage.library == 0 else " in --sources"
        line += f"\n           passage: #{c.passage.source.id}{where} {c.passage.source.title or 'untitled'}: " \
                f"{_short(c.passage.text)}"
    for d in c.differences:
        line += f"\n           {d.kind}: {d.article_text!r} / {d.passage_text!r}"
    return line


def _short(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."
