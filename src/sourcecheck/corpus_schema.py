"""The corpus output records as Spark types, for `--format parquet` (docs/json-format.md).

Written out field by field rather than inferred from the data, so a column keeps its type from
one run to the next (a corpus with no moved words must not turn `moved_to` into a string column).
The JSON records and these schemas must agree: tests/test_corpus_spark.py compares them whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from pyspark.sql.types import DataType, StructType

# A nested spec: a dict is a struct, a one-item list an array, a string an atomic type.
Spec: TypeAlias = "str | list[Spec] | dict[str, Spec]"

SPAN: dict[str, Spec] = {"start": "long", "end": "long"}
SOURCE: dict[str, Spec] = {"id": "long", "library": "string", "title": "string", "author": "string", "date": "string",
          "path": "string", "url": "string"}
EDIT: dict[str, Spec] = {"op": "string", "article": "string", "source": "string", "category": "string",
        "meaning_changing": "boolean", "marked": "boolean", "article_start": "long", "article_end": "long",
        "source_start": "long", "source_end": "long", "moved_to": "long"}
SPEAKER: dict[str, Spec] = {"text": "string", "name": "string", "type": "string", **SPAN, "resolved_from": SPAN}
TEXT_SPAN: dict[str, Spec] = {"text": "string", **SPAN}
QUOTE: dict[str, Spec] = {
    "id": "long", "text": "string", "start": "long", "end": "long", "segments": [SPAN], "kind": "string",
    "group": "long",
    "inside": "long",
    "speaker": SPEAKER,
    "cue": TEXT_SPAN,
    "attribution_method": "string",
    "original": {**SPAN, "page": "long"},
    "verdict": "string",
    "source": SOURCE,
    "match": {"text": "string", **SPAN, "score": "double", "context": {"text": "string", **SPAN}},
    "edits": [EDIT],
    "attribution": "string",
    "candidates": [{"source": SOURCE, "text": "string", **SPAN, "score": "double"}],
}
# reported speech (`reported[]` of the check report): an indirect or mixed attribution and its comparison
DIFFERENCE: dict[str, Spec] = {"item": "string", "meaning_changing": "boolean", "in_cue": "boolean",
                               "article": TEXT_SPAN, "passage": TEXT_SPAN}
REPORTED_PASSAGE: dict[str, Spec] = {"source": SOURCE, "text": "string", **SPAN, "score": "double",
                                    "by_speaker": "boolean"}
REPORTED: dict[str, Spec] = {
    "id": "long", "kind": "string", "speaker": SPEAKER, "cue": TEXT_SPAN, "content": TEXT_SPAN, "quotes": ["long"],
    "original": {**SPAN, "page": "long"},
    "verdict": "string",
    "passage": REPORTED_PASSAGE,
    "nearest": REPORTED_PASSAGE,
    "differences": [DIFFERENCE],
}
# the article's timeline (`timeline` of the check report, `timeline` of `sourcecheck timeline --format json`)
INTERVAL: dict[str, Spec] = {"begin": "string", "end": "string", "granularity": "string"}
EVENT: dict[str, Spec] = {"phrase": "string", **SPAN}
TIMELINE_ENTRY: dict[str, Spec] = {"kind": "string", "text": "string", **SPAN, "interval": INTERVAL, "event": EVENT}
TIMEX: dict[str, Spec] = {"text": "string", **SPAN, "type": "string", "value": "string", "mod": "string",
                          "anchored_to": "string", "interval": INTERVAL, "event": EVENT}
ANCHOR_DATE: dict[str, Spec] = {"value": "string", "granularity": "string", "evidence": "string", **SPAN,
                                "source_id": "long", "source_title": "string"}
ANCHORED: dict[str, Spec] = {"text": "string", **SPAN, "relation": "string", "offset": "string", "mod": "string",
                             "anchor": EVENT, "anchor_date": ANCHOR_DATE, "interval": INTERVAL, "event": EVENT}
DATE_CHECK: dict[str, Spec] = {"kind": "string", "verdict": "string", "text": "string", **SPAN,
                               "article_value": "string",
                               "source": {"id": "long", "library": "string", "title": "string", "date": "string"},
                               "note": "string"}
TIMELINE: dict[str, Spec] = {"dct": "string", "chronology": [TIMELINE_ENTRY], "timexes": [TIMEX],
                             "anchored": [ANCHORED], "checks": [DATE_CHECK]}
# the article's claims (`claims` of the check report and of `sourcecheck claims --format json`)
SENTENCE: dict[str, Spec] = {"text": "string", **SPAN, "voice": "string", "label": "string", "score": "double",
                             "subjective": "double", "checkworthy": "double"}
CLAIM: dict[str, Spec] = {"text": "string", **SPAN, "score": "double",
                          "items": [{"kind": "string", "text": "string", **SPAN, "relation": "string"}],
                          "verdict": "string",
                          "passage": REPORTED_PASSAGE, "differences": [DIFFERENCE], "passages": [REPORTED_PASSAGE]}
REPORTED_VERDICTS: dict[str, Spec] = {"consistent": "long", "differs": "long", "no_passage": "long"}
LABEL_COUNTS: dict[str, Spec] = {"claim": "long", "fact": "long", "opinion": "long"}
CLAIMS: dict[str, Spec] = {"labeller": "string", "checked_against_library": "boolean", "note": "string",
                           "sentences": [SENTENCE], "claims": [CLAIM],
                           "summary": {"by_label": LABEL_COUNTS, "by_claim_verdict": REPORTED_VERDICTS}}
QUOTE_ARTICLE: dict[str, Spec] = {"path": "string", "url": "string", "title": "string", "author": "string",
                                  "date": "string"}
QUOTE_RECORD: dict[str, Spec] = {"article": QUOTE_ARTICLE, "quote": QUOTE}
REPORTED_RECORD: dict[str, Spec] = {"article": QUOTE_ARTICLE, "reported": REPORTED}
# one row per entry of an article's chronology: `id` its place in `timeline.chronology`
TIMELINE_RECORD: dict[str, Spec] = {"article": QUOTE_ARTICLE, "dct": "string",
                                    "entry": {"id": "long", **TIMELINE_ENTRY}}
# one row per sentence of an article's own voice (claim, fact or opinion): `id` its place in
# `claims.sentences`, `claim` the entry of `claims.claims` for it when it is a claim, else null
CLAIM_RECORD: dict[str, Spec] = {"article": QUOTE_ARTICLE, "labeller": "string", "sentence": {"id": "long", **SENTENCE},
                                 "claim": CLAIM}

VERDICTS: dict[str, Spec] = {"verbatim": "long", "marked_edits": "long", "altered": "long", "not_found": "long"}
ARTICLE_RECORD: dict[str, Spec] = {**QUOTE_ARTICLE, "format": "string", "sha256": "string", "quotes": "long",
                  "by_verdict": VERDICTS, "meaning_changing_edits": "long", "reported": "long",
                  "by_reported_verdict": REPORTED_VERDICTS, "error": "string", "timeline": "long",
                  "by_label": LABEL_COUNTS, "by_claim_verdict": REPORTED_VERDICTS}

REUSE_ARTICLE: dict[str, Spec] = {"path": "string", "title": "string", "date": "string"}
REUSE_SIDE: dict[str, Spec] = {**SPAN, "text": "string"}
REUSE_RECORD: dict[str, Spec] = {"first": REUSE_ARTICLE, "second": REUSE_ARTICLE, "order": "string",
                                 "shared_words": "long", "passages": [{"first": REUSE_SIDE, "second": REUSE_SIDE}]}


def struct_type(spec: dict[str, Spec]) -> StructType:
    """A record's spec as the Spark type of its rows."""
    from pyspark.sql import types as T

    return T.StructType([T.StructField(name, spark_type(inner), nullable=True) for name, inner in spec.items()])


def spark_type(spec: Spec) -> DataType:
    """A nested spec (dict: struct, one-item list: array, str: atomic type) as a Spark DataType."""
    from pyspark.sql import types as T

    if isinstance(spec, dict):
        return struct_type(spec)
    if isinstance(spec, list):
        return T.ArrayType(spark_type(spec[0]), containsNull=True)
    return {"string": T.StringType(), "long": T.LongType(), "double": T.DoubleType(),
            "boolean": T.BooleanType()}[spec]
