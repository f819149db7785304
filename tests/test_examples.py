"""The bundled examples: every planted case in examples/PLANTED.md gets its verdict."""

from __future__ import annotations

import json

import pytest

from .conftest import EXAMPLES

PLANTED = {
    "news-article.html": [
        ("the torch has been passed to a new generation of Americans.", "verbatim", []),
        ("ask not what your country can do for you -- ask what you can do for your country.", "verbatim", []),
        ("that civility is a sign of weakness.", "altered", ["negation"]),
        ("we must guard against the acquisition of unwarranted influence … by the military-industrial complex.",
         "marked_edits", []),
        ("military-industrial complex", "verbatim", []),
        ("the only thing we have to fear is fear itself.", "verbatim", []),
        ("Plenty is at our doorstep, and always has been, but a generous use of it languishes in the very sight of "
         "the supply.", "altered", ["content_word"]),
        ("the full territorial integrity and political independence of every other Party.", "altered",
         ["content_word"]),
        ("a permanent northern command under joint control.", "not_found", []),
    ],
    "opinion-piece.txt": [
        ("The Parties shall respect the territorial integrity and political independence of every other Party.",
         "verbatim", []),
        ("Should deterrence fail,", "verbatim", []),
        ("the armed forces are prepared to defend every part of the national territory.", "verbatim", []),
        ("expand its reserve forces by 80,000 personnel", "altered", ["number"]),
        ("will station nuclear weapons on Velmarian soil.", "altered", ["negation"]),
        ("[Velmaria] will not seek confrontation with any state,", "marked_edits", []),
        ("the effort of the Council to build confidence between the Parties", "altered", []),
        ("a decade of permanent brinkmanship", "not_found", []),
    ],
}


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    import sys

    from sourcecheck.cli import main

    db = tmp_path_factory.mktemp("lib") / "examples.db"
    results = {}
    for args in [["add", str(EXAMPLES / "sources"), "--db", str(db)]] + [
            ["check", str(EXAMPLES / name), "--db", str(db), "--format", "json", "-o", str(db.with_suffix(f".{i}.json"))]
            for i, name in enumerate(PLANTED)]:
        sys.argv = ["sourcecheck", *args]
        try:
            main()
        except SystemExit:
            pass
    for i, name in enumerate(PLANTED):
        results[name] = {q["text"]: q for q in json.loads(db.with_suffix(f".{i}.json").read_text())["quotes"]}
    return results


@pytest.mark.parametrize("article, quote, verdict, meaning", [
    (article, *case) for article, cases in PLANTED.items() for case in cases])
def test_planted_case(reports, article, quote, verdict, meaning):
    found = reports[article][quote]
    assert found["verdict"] == verdict
    assert sorted({e["category"] for e in found["edits"] if e["meaning_changing"]}) == sorted(set(meaning))


def test_misattributed_quote_is_flagged(reports):
    fear = reports["news-article.html"]["the only thing we have to fear is fear itself."]
    assert fear["speaker"]["name"].endswith("Kennedy")
    assert fear["source"]["author"] == "Franklin D. Roosevelt" and fear["attribution"] == "conflict"


def test_marked_edits_show_what_was_left_out(reports):
    quote = reports["news-article.html"][
        "we must guard against the acquisition of unwarranted influence … by the military-industrial complex."]
    assert [(e["op"], e["source"], e["marked"]) for e in quote["edits"]] == [("delete", "whether sought or unsought",
                                                                               True)]


def test_the_speaker_shapes_example_credits_every_quote(nlp):
    """examples/speaker-shapes.md: a quote list's credits, a `― Name` line, a label, an inverted cue,
    a nested quote and a transcript's first person."""
    from sourcecheck.ingest import ingest_path
    from sourcecheck.pipeline import analyse_quotes

    found = [(a.speaker.name if a.speaker else None, a.method)
             for a in analyse_quotes(ingest_path(EXAMPLES / "speaker-shapes.md"), nlp).attributions]
    assert found == [("Abraham Lincoln", "credit_line"), ("John F. Kennedy", "credit_line"),
                     ("Ronald Reagan", "credit_line"), ("Eisenhower", "label"), ("Roosevelt", "inverted_cue"),
                     ("A retired history teacher", "cue"), ("My father", "cue"), ("Historian", "cue")]
