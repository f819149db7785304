"""The documentation cannot drift from the code: every command and option of the CLI is in the
README, and docs/json-format.md describes the JSON reports field by field as they are written
(the reports are validated against a JSON Schema made from the same field list the Parquet
output uses, src/sourcecheck/corpus_schema.py)."""

from __future__ import annotations

import json
import re
import typing

import jsonschema
import pytest
import typer

from sourcecheck import corpus_schema
from sourcecheck.attribution import SpeakerType
from sourcecheck.check import AttributionCheck
from sourcecheck.claims.model import ClaimVerdict, ItemKind, Label, Voice
from sourcecheck.cli import app
from sourcecheck.compare import Kind as ComparedItem
from sourcecheck.compare import Verdict as ReportedVerdict
from sourcecheck.ingest import Format
from sourcecheck.quotes import QuoteKind
from sourcecheck.reported import ReportedKind
from sourcecheck.timeline import AnchorDate
from sourcecheck.timeline.model import DateCheckKind, DateVerdict, EntryKind, Granularity, Relation
from sourcecheck.timex import TimexType
from sourcecheck.verdict import Category, EditOp, Verdict

from .conftest import EXAMPLES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
JSON_FORMAT = (ROOT / "docs" / "json-format.md").read_text(encoding="utf-8")
REPORT_DOCS = JSON_FORMAT.split("\n## `sourcecheck corpus`")[0]  # the sections on the quotes and check reports
SCHEMA_FILE = ROOT / "docs" / "report.schema.json"

# ---------------------------------------------------------------- the CLI and the README


def commands() -> dict[str, typer.core.TyperCommand]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return dict(group.commands)


def synopsis_block() -> str:
    """The README's synopsis of the commands, the first code block under ## Commands."""
    return README.split("## Commands", 1)[1].split("```sh", 1)[1].split("```", 1)[0]


def synopsis(name: str) -> str:
    """The command's line in the synopsis."""
    lines = [line for line in synopsis_block().splitlines() if line.startswith(f"sourcecheck {name} ") or
             line == f"sourcecheck {name}"]
    assert lines, f"`sourcecheck {name}` is not in the README's command synopsis"
    return lines[0]


def test_the_cli_has_the_commands_the_readme_documents():
    assert set(commands()) == {"add", "sources", "remove", "quotes", "check", "timeline", "claims", "serve", "corpus"}


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_command_and_option_is_in_the_readme(name):
    line = synopsis(name)
    options = [p for p in commands()[name].params if isinstance(p, typer.core.TyperOption)]
    assert options or name == "remove"
    for option in options:
        words = re.findall(r"-{1,2}[\w-]+", line)
        assert set(option.opts) & set(words), f"{name} {'/'.join(option.opts)} is not on its README line: {line}"
    prose = README.replace(synopsis_block(), "")
    assert re.search(rf"^- `{name}[` ]|^sourcecheck {name} ", prose, re.M), f"{name} is not described in the README"


# ---------------------------------------------------------------- the JSON reports

ENUMS = {  # field -> the Literal its values come from
    "kind": QuoteKind, "verdict": Verdict, "op": EditOp, "category": Category, "attribution": AttributionCheck,
    "type": SpeakerType, "format": Format,
}
REPORTED_ENUMS = {**ENUMS, "kind": ReportedKind, "verdict": ReportedVerdict, "item": ComparedItem}  # in `reported[]`
TIMELINE_ENUMS = {"kind": typing.Literal[typing.get_args(EntryKind) + typing.get_args(DateCheckKind)],  # in `timeline`
                  "type": TimexType, "granularity": Granularity, "relation": Relation,
                  "evidence": typing.get_type_hints(AnchorDate)["evidence"], "verdict": DateVerdict}
# in `timeline`, by name: `start`/`end` of an anchor date and `end` of an interval may be null there
TIMELINE_ALWAYS_SET = {"", "chronology", "timexes", "anchored", "kind", "text", "type", "value", "relation",
                       "granularity", "evidence", "anchor", "phrase", "checks", "verdict", "source", "note"}
CLAIMS_ENUMS = {"voice": Voice, "label": Label, "kind": ItemKind, "verdict": ClaimVerdict,
                "item": REPORTED_ENUMS["item"]}
# in `claims`: a sentence not in the article's own voice has no label or scores; a claim no passage
CLAIMS_ALWAYS_SET = {"", "labeller", "checked_against_library", "note", "sentences", "claims", "summary", "by_label",
                     "by_claim_verdict", "text", "start", "end", "voice", "items", "kind", "verdict", "differences",
                     "passages", "item", "meaning_changing", "in_cue", "article", "source", "id", "library",
                     "by_speaker", "claim", "fact", "opinion", "consistent", "differs", "no_passage"}
ARTICLE = {"path": "string", "url": "string", "title": "string", "author": "string", "date": "string",
           "format": "string", "sha256": "string", "text": "string"}
VERIFICATION = ("verdict", "source", "match", "edits", "attribution", "candidates")
QUOTES_SUMMARY = {"quotes": "long", "by_kind": {kind: "long" for kind in typing.get_args(QuoteKind)},
                  "attributed": "long"}
CHECK_SUMMARY = {**QUOTES_SUMMARY, "by_verdict": corpus_schema.VERDICTS, "meaning_changing_edits": "long",
                 "reported": "long", "by_reported_verdict": corpus_schema.REPORTED_VERDICTS}
ALWAYS_SET = {"", "schema", "generator", "article", "quotes", "summary", "id", "text", "start", "end", "kind",
              "segments", "group", "attribution_method", "original", "verdict", "edits", "attribution",
              "candidates", "op", "category", "meaning_changing", "marked", "by_kind", "by_verdict", "content",
              "differences", "item", "by_speaker"}


def json_schema(spec, name: str = "", enums: dict = ENUMS, always: frozenset[str] | set[str] = ALWAYS_SET) -> dict:
    """A JSON Schema from a field spec of corpus_schema (dict: object, one-item list: array, str:
    an atomic type). Every field is required and no other is allowed; a field may be null unless
    it is always set (`always`). `enums`: the values a field of that name takes (`reported[]` and
    `timeline` have their own)."""
    nullable = name not in always
    if name == "reported" and isinstance(spec, list):
        enums = REPORTED_ENUMS
    if name == "timeline" and isinstance(spec, dict):
        enums, always = TIMELINE_ENUMS, TIMELINE_ALWAYS_SET
    if name == "claims" and isinstance(spec, dict):
        enums, always = CLAIMS_ENUMS, CLAIMS_ALWAYS_SET
    if isinstance(spec, dict):
        schema = {"type": "object", "properties": {key: json_schema(inner, key, enums, always)
                                                   for key, inner in spec.items()},
                  "required": list(spec), "additionalProperties": False}
    elif isinstance(spec, list):
        schema = {"type": "array", "items": json_schema(spec[0], "", enums, always)}
    else:
        schema = {"type": {"string": "string", "long": "integer", "double": "number", "boolean": "boolean"}[spec]}
        if name in enums:
            schema["enum"] = list(typing.get_args(enums[name]))
    if nullable:
        schema["type"] = [schema["type"], "null"]
        if "enum" in schema:
            schema["enum"].append(None)
    return schema


def report_schema(verification: bool) -> dict:
    quote = {k: v for k, v in corpus_schema.QUOTE.items() if verification or k not in VERIFICATION}
    spec = {"schema": "string", "generator": "string", "article": ARTICLE, "quotes": [quote],
            **({"reported": [corpus_schema.REPORTED], "timeline": corpus_schema.TIMELINE,
                "claims": corpus_schema.CLAIMS} if verification else {}),
            "summary": CHECK_SUMMARY if verification else QUOTES_SUMMARY}
    schema = json_schema(spec)
    schema["properties"]["schema"]["const"] = "sourcecheck.report/1"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"sourcecheck {'check' if verification else 'quotes'} --format json", **schema}


def schema_document() -> str:
    return json.dumps({"quotes": report_schema(False), "check": report_schema(True)}, indent=1) + "\n"


def field_names(schema: dict) -> set[str]:
    names = set()
    for key, inner in schema.get("properties", {}).items():
        names |= {key} | field_names(inner)
    return names | (field_names(schema["items"]) if "items" in schema else set())


def test_the_published_schema_is_the_one_the_reports_are_held_to():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_document(), \
        "docs/report.schema.json is stale: python -m tests.test_docs > docs/report.schema.json"


@pytest.fixture(scope="module")
def reports() -> list[tuple[str, dict]]:
    """Real output: `quotes` and `check --sources examples/sources` of every example article."""
    from sourcecheck.check import check_article
    from sourcecheck.library import SqliteLibrary
    from sourcecheck.pipeline import analyse_quotes, load
    from sourcecheck.report import check_to_json, to_json

    sources = SqliteLibrary(":memory:")
    for path in sorted((EXAMPLES / "sources").iterdir()):
        if path.name != "README.md":
            sources.add(load(str(path)))
    made = []
    for article in ("news-article.html", "opinion-piece.txt", "speaker-shapes.md", "reported-speech.txt"):
        doc = load(str(EXAMPLES / article))
        made.append(("quotes", json.loads(to_json(analyse_quotes(doc)))))
        made.append(("check", json.loads(check_to_json(check_article(doc, [sources])))))
    sources.close()
    return made


def test_real_reports_follow_the_schema(reports):
    schemas = json.loads(schema_document())
    for command, report in reports:
        jsonschema.validate(report, schemas[command])
    verdicts = {q["verdict"] for command, r in reports if command == "check" for q in r["quotes"]}
    assert verdicts == set(typing.get_args(Verdict))  # the examples exercise every verdict, edits and all
    reported = {r["verdict"] for command, report in reports if command == "check" for r in report["reported"]}
    assert reported == set(typing.get_args(ReportedVerdict))  # and every verdict of reported speech


def test_the_example_in_the_docs_follows_the_schema():
    example = json.loads(re.search(r"```json\n(.*?)```", JSON_FORMAT, re.S).group(1))
    jsonschema.validate(example, json.loads(schema_document())["quotes"])


def documented_names(text: str) -> set[str]:
    return {part for token in re.findall(r"`([^`\n]+)`", text) for part in re.split(r"[./ ]", token) if part}


def test_every_field_of_the_reports_is_documented():
    documented = documented_names(REPORT_DOCS)
    missing = field_names(report_schema(True)) - documented
    assert not missing, f"fields not in docs/json-format.md: {sorted(missing)}"
    values = {v for literal in [*ENUMS.values(), *REPORTED_ENUMS.values(), *TIMELINE_ENUMS.values(),
                                *CLAIMS_ENUMS.values()]
              for v in typing.get_args(literal)}
    assert not values - documented, f"values not in docs/json-format.md: {sorted(values - documented)}"


def test_every_field_the_docs_describe_is_in_the_reports():
    first_column = [row.split("|")[1] for row in REPORT_DOCS.splitlines() if row.startswith("| `")]
    described = documented_names("\n".join(first_column))
    unknown = described - field_names(report_schema(True))
    assert not unknown, f"docs/json-format.md describes fields the reports do not have: {sorted(unknown)}"


if __name__ == "__main__":
    print(schema_document(), end="")
