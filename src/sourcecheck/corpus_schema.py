"""The corpus output records as Spark types, for `--format parquet` (docs/json-format.md).

Written out field by field rather than inferred from the data, so a column keeps its type from
one run to the next (a corpus with no moved words must not turn `moved_to` into a string column).
The JSON records and these schemas must agree: tests/test_corpus_spark.py compares them whole.
"""

from __future__ import annotations

from typing import Any

SPAN: dict[str, Any] = {"start": "long", "end": "long"}
SOURCE = {"id": "long", "library": "string", "title": "string", "author": "string", "date": "string",
          "path": "string", "url": "string"}
EDIT = {"op": "string", "article": "string", "source": "string", "category": "string",
        "meaning_changing": "boolean", "marked": "boolean", "article_start": "long", "article_end": "long",
        "source_start": "long", "source_end": "long", "moved_to": "long"}
QUOTE = {
    "id": "long", "text": "string", "start": "long", "end": "long", "segments": [SPAN], "kind": "string",
    "group": "long",
    "inside": "long",
    "speaker": {"text": "string", "name": "string", "type": "string", **SPAN, "resolved_from": SPAN},
    "cue": {"text": "string", **SPAN},
    "attribution_method": "string",
    "original": {**SPAN, "page": "long"},
    "verdict": "string",
    "source": SOURCE,
    "match": {"text": "string", **SPAN, "score": "double", "context": {"text": "string", **SPAN}},
    "edits": [EDIT],
    "attribution": "string",
    "candidates": [{"source": SOURCE, "text": "string", **SPAN, "score": "double"}],
}
QUOTE_ARTICLE = {"path": "string", "url": "string", "title": "string", "author": "string", "date": "string"}
QUOTE_RECORD = {"article": QUOTE_ARTICLE, "quote": QUOTE}

VERDICTS = {"verbatim": "long", "marked_edits": "long", "altered": "long", "not_found": "long"}
ARTICLE_RECORD = {**QUOTE_ARTICLE, "format": "string", "sha256": "string", "quotes": "long",
                  "by_verdict": VERDICTS, "meaning_changing_edits": "long", "error": "string"}

REUSE_ARTICLE = {"path": "string", "title": "string", "date": "string"}
REUSE_SIDE = {**SPAN, "text": "string"}
REUSE_RECORD = {"first": REUSE_ARTICLE, "second": REUSE_ARTICLE, "order": "string", "shared_words": "long",
                "passages": [{"first": REUSE_SIDE, "second": REUSE_SIDE}]}


def spark_type(spec):
    """A nested spec (dict: struct, one-item list: array, str: atomic type) as a Spark DataType."""
    from pyspark.sql import types as T

    if isinstance(spec, dict):
        return T.StructType([T.StructField(name, spark_type(inner), nullable=True) for name, inner in spec.items()])
    if isinstance(spec, list):
        return T.ArrayType(spark_type(spec[0]), containsNull=True)
    return {"string": T.StringType(), "long": T.LongType(), "double": T.DoubleType(),
            "boolean": T.BooleanType()}[spec]
