"""Verification end to end: an article's quotes checked against real speeches and a written source."""

from __future__ import annotations

import json

import pytest

from sourcecheck.alignment import align, quote_tokens, source_words
from sourcecheck.verdict import judge

from .conftest import speech

ACCORD = """The Harlow Accord on Regional Security

Issued by: Council of the Northern States

Article 1. The Parties shall respect the territorial integrity of every member state and shall refrain
from the threat or use of force against it.

Article 2. The Parties recognise the efforts of the Council to secure a lasting peace, and pledge
to hold accountable any state that violates this Accord. No party shall station more than 5,000
troops within fifty kilometres of a common border.
"""

ARTICLE = """The Accord at ten

By Jane Doe

The Harlow Accord commits its members to "the full territorial integrity of every member state". It pledged to "hold accountable any state that violates this Accord." It also recognises "the effort of the Council to secure a lasting peace".

No party may station "more than 15,000 troops" near a border, and the Parties "shall [not] refrain from the threat or use of force". It says "[the Parties] shall respect the territorial integrity of every member state".

President Kennedy promised to "pay any price, bear any burden" for liberty. He said "we shall never negotiate out of fear". He also said "the only thing we have to fear is fear itself".

The Accord "shall respect the territorial integrity ... and shall refrain from the threat or use of force against it." A 2019 white paper warned that "regional deterrence has eroded beyond repair".
"""


@pytest.fixture
def checked(cli, write, tmp_path):
    accord = write("accord.txt", ACCORD)
    article = write("article.txt", ARTICLE)
    code, out, err = cli("check", article, "--sources", accord, "--sources", speech("1961-01-20-inaugural"),
                         "--sources", speech("1933-03-04-first-inaugural"), "--format", "json",
                         "--db", tmp_path / "none.db")
    assert code == 1, err
    return {q["text"]: q for q in json.loads(out)["quotes"]}


def test_inserted_word_is_altered_and_listed(checked):
    quote = checked["the full territorial integrity of every member state"]
    assert quote["verdict"] == "altered"
    assert [(e["op"], e["article"], e["source"]) for e in quote["edits"]] == [("insert", "full", "")]
    assert quote["match"]["context"]["text"].startswith("The Parties shall respect the territorial integrity")


def test_a_source_found_in_sources_is_labelled_sources_when_there_is_no_library(checked):
    sources = {q["source"]["library"] for q in checked.values() if q["source"]}
    assert sources == {"sources"}  # with no library, nothing can come from one


def test_verbatim_with_typography(checked):
    assert checked["hold accountable any state that violates this Accord."]["verdict"] == "verbatim"
    assert checked["pay any price, bear any burden"]["verdict"] == "verbatim"


def test_number_and_morphology_edits(checked):
    number = checked["more than 15,000 troops"]
    assert number["verdict"] == "altered"
    assert [(e["category"], e["meaning_changing"]) for e in number["edits"]] == [("number", True)]
    plural = checked["the effort of the Council to secure a lasting peace"]
    assert plural["verdict"] == "altered"
    assert [(e["category"], e["meaning_changing"]) for e in plural["edits"]] == [("morphology", False)]


def test_brackets_and_ellipsis_are_marked_edits(checked):
    assert checked["[the Parties] shall respect the territorial integrity of every member state"]["verdict"] in (
        "verbatim", "marked_edits")
    stitched = checked["shall respect the territorial integrity ... and shall refrain from the threat or use of "
                       "force against it."]
    assert stitched["verdict"] == "marked_edits"
    assert all(e["marked"] for e in stitched["edits"])


def test_bracketed_negation_is_marked_but_shown(checked):
    quote = checked["shall [not] refrain from the threat or use of force"]
    assert quote["verdict"] == "marked_edits"
    assert [(e["op"], e["article"], e["category"]) for e in quote["edits"]] == [("insert", "not", "negation")]


def test_changed_words_and_misattribution(checked):
    negotiate = checked["we shall never negotiate out of fear"]
    assert negotiate["verdict"] == "altered" and negotiate["attribution"] == "consistent"
    fear = checked["the only thing we have to fear is fear itself"]
    assert fear["verdict"] == "verbatim"
    assert fear["source"]["author"] == "Franklin D. Roosevelt" and fear["attribution"] == "conflict"


def test_quote_from_a_document_not_in_the_library(checked):
    quote = checked["regional deterrence has eroded beyond repair"]
    assert quote["verdict"] == "not_found" and quote["source"] is None


def test_text_report_and_exit_codes(cli, write, tmp_path):
    accord = write("accord.txt", ACCORD)
    clean = write("clean.txt", 'The Accord says the Parties "shall respect the territorial integrity of every '
                               'member state".\n')
    code, out, _ = cli("check", clean, "--sources", accord, "--db", tmp_path / "none.db")
    assert code == 0 and "VERBATIM" in out and "1 verbatim" in out
    code, out, _ = cli("check", write("bad.txt", ARTICLE), "--sources", accord, "--db", tmp_path / "none.db")
    assert code == 1 and "ALTERED" in out and "NOT FOUND" in out


def test_check_against_the_library(cli, write, library_url):
    db = library_url
    cli("add", write("accord.txt", ACCORD), "--db", db)
    code, out, _ = cli("check", write("a.txt", 'It pledged to "hold accountable any state that violates '
                                                'this Accord".\n'), "--db", db, "--format", "json")
    quote = json.loads(out)["quotes"][0]
    assert code == 0 and quote["verdict"] == "verbatim" and quote["source"]["library"] == "library"


@pytest.mark.parametrize("quote, verdict", [
    ("Ask not what your country can do for you", "verbatim"),
    ("ask not what your country can do for you--ask what you can do", "verbatim"),
    ("ask what your country can do for you", "altered"),
    ("ask not what [America] can do for you", "marked_edits"),
    ("Let us begin anew … civility is not a sign of weakness", "marked_edits"),
    ("Let us begin anew … remembering on both sides", "verbatim"),  # the ellipsis stands for a dash only
    ("civility is a sign of weakness", "altered"),
])
def test_verdicts_on_a_real_speech(quote, verdict):
    text = speech("1961-01-20-inaugural").read_text(encoding="utf-8")
    tokens, words = quote_tokens(quote), source_words(text)
    assert judge(quote, tokens, text, words, align(tokens, words)).verdict == verdict


@pytest.mark.parametrize("quote", [
    "we must guard against the acquisition of unearned profits by a few",  # the end reworded: a look-alike
    "the councils of government shall decide",  # a common opening, then its own way
    "ask not what your nation can do for the poor",  # half of it replaced in one place
])
def test_a_chance_look_alike_is_not_found_rather_than_altered(quote):
    text = speech("1961-01-17-farewell-address").read_text(encoding="utf-8") + "\n\n" + \
        speech("1961-01-20-inaugural").read_text(encoding="utf-8")
    tokens, words = quote_tokens(quote), source_words(text)
    assert judge(quote, tokens, text, words, align(tokens, words)).verdict == "not_found"


def test_a_look_alike_is_shown_as_nearest_not_a_match(cli, write, tmp_path):
    source = write("farewell.txt", speech("1961-01-17-farewell-address").read_text(encoding="utf-8"))
    article = write("a.txt", 'The mayor said: "We must guard against the acquisition of unearned profits by a few."\n')
    code, out, _ = cli("check", article, "--sources", source, "--db", tmp_path / "none.db")
    assert code == 1 and "NOT FOUND" in out and "nearest, not a match" in out
    report = tmp_path / "report.html"
    cli("check", article, "--sources", source, "--db", tmp_path / "none.db", "--format", "html", "-o", report)
    assert "Nearest, not a match" in report.read_text(encoding="utf-8")


def test_a_short_common_phrase_in_someone_elses_speech_raises_no_misattribution(cli, write, tmp_path):
    gettysburg = write("gettysburg.txt", speech("1863-11-19-gettysburg").read_text(encoding="utf-8"))
    article = write("a.txt", 'Kennedy said the country was in "a great civil war" over civil rights. '
                             'Kennedy also said "we are met on a great battle-field of that war".\n')
    code, out, _ = cli("check", article, "--sources", gettysburg, "--db", tmp_path / "none.db", "--format", "json")
    short, long = json.loads(out)["quotes"]
    assert short["verdict"] == "verbatim" and short["attribution"] == "unknown"  # four common words
    assert long["verdict"] == "verbatim" and long["attribution"] == "conflict"  # ten words: Lincoln's


@pytest.mark.parametrize("quote, source", [
    ("the defence of inter- national borders", "It commits the forces to the defence of international borders."),
    ("the defence of international borders", "It commits the forces to the defence of inter-\nnational borders."),
    ("“We will not yield,” the minister’s aide said — 'never'", 'We will not yield, the minister\'s aide said -- "never"'),
])
def test_typography_and_line_breaks_are_not_changes(quote, source):
    from sourcecheck.ingest import ingest_bytes

    text = ingest_bytes(source.encode(), name="s.txt").text
    tokens, words = quote_tokens(quote), source_words(text)
    assert judge(quote, tokens, text, words, align(tokens, words)).verdict == "verbatim"
