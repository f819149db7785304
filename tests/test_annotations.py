"""`--format annotations`: the check as W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/),
one Annotation per quote verdict, reported-speech check and claim or opinion sentence, each target
selecting its words by TextQuoteSelector and by TextPositionSelector into the canonical text."""

from __future__ import annotations

import json
import re

import pytest

from sourcecheck.check import check_article
from sourcecheck.libraries import open_library
from sourcecheck.pipeline import load
from sourcecheck.report import check_to_json_dict
from sourcecheck.report_annotations import CONTEXT_CHARS, check_annotations

from .conftest import EXAMPLES

NEWS = EXAMPLES / "news-article.html"
NEWS_URL = "https://northernledger.example/culture/2025/01/20/words-that-outlived-their-speakers"
UUID_URN = re.compile(r"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


@pytest.fixture(scope="module")
def checked(nlp):
    library = open_library(":memory:")
    for path in sorted((EXAMPLES / "sources").iterdir()):
        if path.name != "README.md":
            library.add(load(str(path)))
    result = check_article(load(str(NEWS)), [library], nlp)
    library.close()
    return result, check_to_json_dict(result), check_annotations(result)


def targets(annotation: dict) -> list[dict]:
    return annotation["target"] if isinstance(annotation["target"], list) else [annotation["target"]]


def bodies(annotation: dict) -> list[dict]:
    return annotation["body"] if isinstance(annotation["body"], list) else [annotation["body"]]


def test_a_collection_of_annotations_with_the_models_required_keys(checked):
    _, _, collection = checked
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection" and UUID_URN.match(collection["id"])
    page = collection["first"]
    assert page["type"] == "AnnotationPage" and collection["total"] == len(page["items"]) > 30
    ids = [a["id"] for a in page["items"]]
    assert len(set(ids)) == len(ids) and all(UUID_URN.match(i) for i in ids)
    for annotation in page["items"]:
        assert annotation["type"] == "Annotation"
        assert annotation["motivation"] in ("assessing", "classifying")
        for body in bodies(annotation):
            assert body["type"] == "TextualBody" and body["format"] == "text/plain" and body["value"].strip()
            assert body["purpose"] in ("assessing", "classifying")
        for target in targets(annotation):
            assert target["source"] == NEWS_URL  # the article's URL, from its metadata
            assert [s["type"] for s in target["selector"]] == ["TextQuoteSelector", "TextPositionSelector"]
    json.dumps(collection)  # plain JSON all through


def test_selectors_pick_the_same_words_of_the_canonical_text(checked):
    _, report, collection = checked
    text = report["article"]["text"]  # what `check --format json` gives as the canonical text
    for annotation in collection["first"]["items"]:
        for target in targets(annotation):
            quote, position = target["selector"]
            start, end = position["start"], position["end"]
            assert 0 <= start < end <= len(text)
            assert quote["exact"] == text[start:end]
            assert quote["prefix"] == text[max(0, start - CONTEXT_CHARS):start]
            assert quote["suffix"] == text[end:end + CONTEXT_CHARS]
            # the quote selector alone finds the words: its context makes it unique in the article
            assert text.count(quote["prefix"] + quote["exact"] + quote["suffix"]) == 1


def test_one_annotation_per_quote_reported_check_and_claim_or_opinion(checked):
    result, report, collection = checked
    items = collection["first"]["items"]
    assessing = [a for a in items if a["motivation"] == "assessing"]
    classifying = [a for a in items if a["motivation"] == "classifying"]
    assert len(assessing) == len(report["quotes"]) + len(report["reported"])
    labelled = [s for s in report["claims"]["sentences"] if s["label"] in ("claim", "opinion")]
    assert [targets(a)[0]["selector"][1]["start"] for a in classifying] == [s["start"] for s in labelled]
    quote_starts = [[seg["start"] for seg in q["segments"]] for q in report["quotes"]]
    assert [[t["selector"][1]["start"] for t in targets(a)] for a in assessing[:len(quote_starts)]] == quote_starts


def test_bodies_say_the_verdict_and_what_differs(checked):
    _, _, collection = checked
    items = collection["first"]["items"]
    by_exact = {targets(a)[0]["selector"][0]["exact"]: a for a in items}
    altered = next(a for e, a in by_exact.items() if e.startswith("that civility is a sign of weakness"))
    assert altered["body"]["value"].startswith("Quotation of John F. Kennedy: altered (Inaugural address")
    assert "meaning changed · delete (negation): “not”" in altered["body"]["value"]
    claim = next(a for e, a in by_exact.items() if e.startswith("Three days before Kennedy spoke"))
    label, check = bodies(claim)
    assert label["purpose"] == "classifying" and label["value"].startswith("Claim: ")
    assert check["purpose"] == "assessing" and check["value"].startswith("Claim: differs from the library")
    assert "date" in check["value"] and "“years”" in check["value"] and "Not a verdict of truth" in check["value"]
    opinion = next(a for a in items if a["motivation"] == "classifying" and len(bodies(a)) == 1
                   and a["body"]["value"].startswith("Opinion: "))
    assert "not judgements of truth" in opinion["body"]["value"]


def test_check_and_claims_commands_write_annotations(cli, write, tmp_path):
    source = write("accord.txt", "The Harlow Accord\n\nArticle 3. No Party shall station more than 40,000 troops "
                                 "within 50 kilometres of another Party's border.\n")
    article = write("talks.txt", "Border talks\n\nThe Harlow Accord bars any Party from stationing more than "
                                 "60,000 troops within 50 kilometres of another Party's border. That is a reckless "
                                 "provocation, and the Council should say so.\n")
    code, out, err = cli("check", article, "--sources", source, "--db", tmp_path / "none.db", "--format", "annotations")
    assert code == 1, err  # the claim differs from the treaty
    first = json.loads(out)
    again = json.loads(cli("check", article, "--sources", source, "--db", tmp_path / "none.db",
                           "--format", "annotations")[1])
    assert [a["id"] for a in again["first"]["items"]] == [a["id"] for a in first["first"]["items"]]  # stable ids
    code, out, err = cli("claims", article, "--sources", source, "--db", tmp_path / "none.db",
                         "--format", "annotations", "-o", tmp_path / "claims.jsonld")
    assert code == 0, err
    claims = json.loads((tmp_path / "claims.jsonld").read_text(encoding="utf-8"))
    assert claims["label"].startswith("sourcecheck claims of")
    items = claims["first"]["items"]
    assert [a["motivation"] for a in items] == ["classifying", "classifying"]
    assert {t["source"] for a in items for t in targets(a)} == {article.resolve().as_uri()}  # a file: its file: URI
    assert "“60,000” · passage “40,000”" in bodies(items[0])[1]["value"]
