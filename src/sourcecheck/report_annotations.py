"""The check as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), JSON-LD: an
AnnotationCollection whose one page holds an Annotation per quote verdict (motivation `assessing`),
per reported-speech check (`assessing`) and per sentence the labeller calls a claim or opinion
(`classifying`, a claim's comparison with the library a second, `assessing` body), so that
annotation clients (Hypothesis and the like) can show the results on the article.

Each target names the article (its URL, else its file as a file: URI) and selects the words twice:
a TextQuoteSelector (the exact words, 32 characters either side) and a TextPositionSelector whose
offsets are into the article's canonical text (`article.text` of `check --format json`), not into
the page a browser shows: a client on the original page anchors by the quote selector and may use
the positions only as a hint (docs/json-format.md, "sourcecheck check --format annotations").
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import __version__
from .check import CheckResult, Verification
from .claims.model import ClaimCheck, Claims, SentenceLabel
from .claims.render import NOTE as CLAIMS_NOTE
from .ingest import Document
from .report import REPORTED_NOTE, describe_difference
from .reported_check import ReportedCheck, ReportedPassage
from .spans import ArticleSpan

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32  # prefix and suffix of a TextQuoteSelector, as Hypothesis makes them
VERDICT_WORDS = {"verbatim": "verbatim", "marked_edits": "changed only where marked", "altered": "altered",
                 "not_found": "not found in the library"}
CHECK_WORDS = {"consistent": "consistent with", "differs": "differs from", "no_passage": "no passage found in"}
Record = dict[str, Any]


def check_annotations(result: CheckResult) -> Record:
    """The whole check: quotes, reported speech (when checked) and the claims and opinion (when built)."""
    article = result.article
    source = article_iri(article)
    items = [_quote_annotation(article, source, v) for v in sorted(result.verifications,
                                                                  key=lambda v: v.attribution.quote.index)]
    items += [_reported_annotation(article, source, i, c) for i, c in enumerate(result.reported or [])]
    if result.claims is not None:
        items += list(_claims_annotations(article, source, result.claims))
    return _collection(article, source, "check", items)


def claims_annotations(claims: Claims, article: Document) -> Record:
    """`sourcecheck claims`: the claim and opinion sentences only."""
    source = article_iri(article)
    return _collection(article, source, "claims", list(_claims_annotations(article, source, claims)))


def to_jsonld(record: Record) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def article_iri(article: Document) -> str:
    """What the annotations target: the article's URL, else its file as a file: URI, else (pasted
    text) a URN of the hash of its bytes."""
    if article.metadata.url:
        return article.metadata.url
    if article.path and "://" in article.path:
        return article.path
    if article.path:
        return Path(article.path).resolve().as_uri()
    return f"urn:sha256:{article.sha256}"


def target(article: Document, source: str, span: ArticleSpan) -> Record:
    text = article.text
    prefix, suffix = text[max(0, span.start - CONTEXT_CHARS):span.start], text[span.end:span.end + CONTEXT_CHARS]
    return {"source": source, "selector": [
        {"type": "TextQuoteSelector", "exact": text[span.start:span.end], "prefix": prefix, "suffix": suffix},
        {"type": "TextPositionSelector", "start": span.start, "end": span.end},
    ]}


def _collection(article: Document, source: str, what: str, items: list[Record]) -> Record:
    title = article.metadata.title or article.path or "article"
    return {
        "@context": CONTEXT,
        "id": _urn(article, what),
        "type": "AnnotationCollection",
        "label": f"sourcecheck {what} of {title}",
        "total": len(items),
        "generator": _generator(),
        "first": {"id": _urn(article, what, "page-0"), "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def _annotation(article: Document, name: str, motivation: str, bodies: list[Record],
                targets: list[Record]) -> Record:
    return {"id": _urn(article, name), "type": "Annotation", "motivation": motivation,
            "generator": _generator(), "body": bodies[0] if len(bodies) == 1 else bodies,
            "target": targets[0] if len(targets) == 1 else targets}


def _body(value: str, purpose: str) -> Record:
    return {"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain", "language": "en"}


def _quote_annotation(article: Document, source: str, v: Verification) -> Record:
    q = v.attribution.quote
    speaker = v.attribution.speaker.name if v.attribution.speaker else None
    lines = [f"Quotation{f' of {speaker}' if speaker else ''}: {VERDICT_WORDS[v.verdict]}"
             + (f" ({_source_title(v.ref.source)})" if v.ref is not None else "") + "."]
    for e in v.edits:
        change = " → ".join(f"“{side}”" for side in (e.source, e.article) if side)
        lines.append(f"{'meaning changed · ' if e.meaning_changing else ''}{e.op} ({e.category.replace('_', ' ')}"
                     f"{', marked by the writer' if e.marked else ''}): {change}")
    if v.attribution_check == "conflict" and v.ref is not None:
        credited = v.ref.source.author or v.ref.source.title
        lines.append(f"The library has these words from {credited}, not from {speaker}.")
    if v.match is not None:
        lines.append(f"Source: “{v.match.context}”")
    targets = [target(article, source, segment) for segment in q.segments] or [target(article, source, q.span)]
    return _annotation(article, f"quote-{q.index}", "assessing", [_body("\n".join(lines), "assessing")], targets)


def _reported_annotation(article: Document, source: str, index: int, c: ReportedCheck) -> Record:
    a = c.attribution
    who = f" ({a.source.name})" if a.source is not None else ""
    lines = [f"Reported speech{who}: {CHECK_WORDS[c.verdict]} the library"
             + (f": {_passage_line(c.passage)}" if c.passage is not None else ".")]
    lines += [describe_difference(d) for d in c.differences]
    lines.append(REPORTED_NOTE)
    return _annotation(article, f"reported-{index}", "assessing", [_body("\n".join(lines), "assessing")],
                       [target(article, source, a.content)])


def _claims_annotations(article: Document, source: str, claims: Claims) -> Iterable[Record]:
    checks = {c.sentence.span: c for c in claims.claims}
    for index, sentence in enumerate(claims.sentences):
        if sentence.label not in ("claim", "opinion"):
            continue
        bodies = [_body(_label_line(sentence, claims.labeller), "classifying")]
        check = checks.get(sentence.span)
        if check is not None and claims.checked:
            bodies.append(_body(_claim_check_lines(check), "assessing"))
        yield _annotation(article, f"sentence-{index}", "classifying", bodies, [target(article, source, sentence.span)])


LABEL_WORDS = {"claim": "Claim: the labeller reads this sentence as a factual claim worth checking",
               "opinion": "Opinion: the labeller reads this sentence as subjective (evaluation, prediction, "
                          "recommendation or loaded wording)"}


def _label_line(sentence: SentenceLabel, labeller: str) -> str:
    return f"{LABEL_WORDS[sentence.label or 'claim']}, score {sentence.score or 0:.2f} ({labeller}). {CLAIMS_NOTE}"


def _claim_check_lines(check: ClaimCheck) -> str:
    lines = [f"Claim: {CHECK_WORDS[check.verdict]} the library"
             + (f": {_passage_line(check.passage)}" if check.passage is not None else ".")]
    lines += [describe_difference(d) for d in check.differences]
    lines.append("Not a verdict of truth: the library is the only evidence.")
    return "\n".join(lines)


def _passage_line(passage: ReportedPassage) -> str:
    return f"{_source_title(passage.source)}, “{passage.text}”"


def _source_title(source: Any) -> str:
    return (source.title or source.path or f"source {source.id}") + (f" — {source.author}" if source.author else "")


def _generator() -> Record:
    return {"type": "Software", "name": f"sourcecheck {__version__}"}


def _urn(article: Document, *parts: str) -> str:
    """A stable IRI: the same article (its bytes) and item give the same id in every run."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, '/'.join(('sourcecheck', article.sha256, *parts)))}"
