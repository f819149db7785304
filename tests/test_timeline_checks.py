"""The article's dates compared with its sources' (timeline/checks.py): a document of the library
the article dates, a quoted source dated after the article, a quote placed in a year. The library
is real: speeches of the presidential-speeches data set, added as `sourcecheck add` adds them (the
date and title from the file name, the author from the `President:` line)."""

from __future__ import annotations

import json

import pytest

from sourcecheck.ingest import Metadata, ingest_bytes
from sourcecheck.libraries import open_library
from sourcecheck.pipeline import load
from sourcecheck.spans import ArticleSpan
from sourcecheck.timeline import build_timeline
from sourcecheck.timeline.checks import QuotedSource

from .conftest import EXAMPLES, speeches

LIBRARY = ["1863-01-01-emancipation-proclamation", "1863-11-19-gettysburg-address", "1865-03-04-second-inaugural-address",
           "1941-01-06-state-union-four-freedoms", "1943-01-07-state-union-address", "1861-03-04-first-inaugural-address",
           "2013-02-13-2013-state-union-address", "1913-07-04-address-gettysburg"]  # Wilson's, 50 years on

ARTICLE = (
    "The unfinished work\n\n"
    "Lincoln's Emancipation Proclamation, issued on January 1, 1863, turned a war for the Union into a war against "
    "slavery. In his Gettysburg Address of November 1863, Lincoln asked the living to dedicate themselves to a "
    "\"new birth of freedom\".\n\n"
    "The president's 1862 proclamation is often remembered as the moment the war changed.\n\n"
    "In 1864, Lincoln said: \"With malice toward none, with charity for all, with firmness in the fight as God gives "
    "us to see the right, let us strive on to finish the work we are in.\"\n\n"
    "Roosevelt delivered the Four Freedoms address on January 6, 1941, eleven months before Pearl Harbor. In his 1943 "
    "State of the Union address, he told Congress the tide had turned.\n\n"
    "The president put it plainly: \"After years of grueling recession, our businesses have created over six million "
    "new jobs.\"\n"
)


def speech(name: str):
    return load(str(speeches(f"{name}.txt", 1)[0]))


@pytest.fixture()
def library(library_url):
    opened = open_library(library_url)
    for name in LIBRARY:
        opened.add(speech(name))
    yield opened
    opened.close()


def checks_of(text: str, dct: str, **kwargs):
    return {(c.kind, c.article_text): c for c in build_timeline(text, dct, **kwargs).checks}


def test_the_library_knows_the_speeches_as_add_stores_them(library):
    by_title = {s.title: s for s in library.sources()}
    assert (by_title["Emancipation proclamation"].author, by_title["Emancipation proclamation"].date) == \
        ("Abraham Lincoln", "1863-01-01")


def test_a_document_the_article_dates_is_compared_at_the_coarser_granularity(library):
    checks = checks_of(ARTICLE, "2012-06-01", library=library)
    issued = checks["document_date", "January 1, 1863"]
    assert (issued.verdict, issued.source_title, issued.source_value) == \
        ("agrees", "Emancipation proclamation", "1863-01-01")
    assert ARTICLE[issued.article_span.start:issued.article_span.end] == "January 1, 1863"
    gettysburg = checks["document_date", "November 1863"]  # a month against a day: compared by the month
    assert (gettysburg.verdict, gettysburg.source_title, gettysburg.note) == \
        ("agrees", "Gettysburg address", "compared by the month")
    # "the proclamation" is the Emancipation Proclamation the article named before
    earlier = checks["document_date", "1862"]
    assert (earlier.verdict, earlier.source_title, earlier.article_value, earlier.note) == \
        ("differs", "Emancipation proclamation", "1862", "compared by the year")
    # a title other than the article's words ("State union four freedoms"), found by its author and words
    freedoms = checks["document_date", "January 6, 1941"]
    assert (freedoms.verdict, freedoms.source_value) == ("agrees", "1941-01-06")
    # several State of the Union addresses may be in a library: the one of the article's year
    union = checks["document_date", "1943"]
    assert (union.verdict, union.source_title, union.source_value) == ("agrees", "State union address", "1943-01-07")


@pytest.mark.parametrize(("text", "verdict", "title"), [
    ("Roosevelt delivered the Four Freedoms address on January 6, 1942, to a nation still at peace.", "differs",
     "State union four freedoms"),
    ("Lincoln said in his Gettysburg Address on November 19, 1863 that the nation would endure.", "agrees",
     "Gettysburg address"),
    ("Both drafts were written in the weeks before his November 19 address at Gettysburg, Lincoln's friends said.",
     "agrees", "Gettysburg address"),  # no year in the article: compared by the day and month
    ("The Gettysburg Address, delivered in November 1864, is among the shortest speeches of the war.", "differs",
     "Gettysburg address"),  # Lincoln's, its words in the article's order; not Wilson's "Address gettysburg"
    ("Lincoln's first inaugural address, delivered in March 1862, appealed to the better angels of our nature.",
     "differs", "First inaugural address"),
])
def test_document_dates_in_other_words(library, text, verdict, title):
    [check] = build_timeline(text, "2012-06-01", library=library).checks
    assert (check.kind, check.verdict, check.source_title) == ("document_date", verdict, title)


@pytest.mark.parametrize("text", [
    "Lincoln first discussed the proclamation with his cabinet in July 1862.",  # dates the discussing
    "Lincoln responded in his letter to Horace Greeley of August 22, 1862.",  # a letter the library lacks
    "Obama's first inaugural address, delivered in January 2009, spoke of a new era of responsibility.",  # not Lincoln's
    "The Nicolay copy of the Gettysburg Address was published in 1894.",  # a copy, not the speech
    "Roosevelt's speech in Chicago in October 1937 called for a quarantine of aggressors.",  # not in the library
])
def test_what_names_no_document_of_the_library_is_not_compared(library, text):
    assert build_timeline(text, "2012-06-01", library=library).checks == ()


@pytest.mark.parametrize(("text", "verdict", "note"), [
    ("Velmaria's new defence strategy, published last week, will be read in the region's capitals as a statement "
     "of intent.", "agrees", "compared by the week"),  # counted from the article's date: 2023-W11
    ("The defence strategy, published by the ministry in January 2023, will be read as a statement of intent. "
     "The National Defence Strategy 2023 sets out three goals.", "differs", "compared by the month"),
    ("It should be read as a test of the Harlow Accord, the 2014 treaty that has kept the northern borders quiet.",
     "agrees", "compared by the year"),  # a short title, and the treaty beside it
])
def test_a_strategy_and_a_treaty_the_article_dates(text, verdict, note):
    library = open_library(":memory:")
    try:
        for name in ("velmaria-defence-strategy.txt", "harlow-accord.md"):
            library.add(load(str(EXAMPLES / "sources" / name)))
        [check] = build_timeline(text, "2023-03-20", library=library).checks
    finally:
        library.close()
    assert (check.kind, check.verdict, check.note) == ("document_date", verdict, note)


def test_a_document_without_a_date_is_unknown(library_url):
    library = open_library(library_url)
    try:
        undated = speeches("1863-11-19-gettysburg-address.txt", 1)[0].read_bytes()
        # as `sourcecheck add speech.txt --title "Gettysburg address"` stores it: no date in its name or its text
        library.add(ingest_bytes(undated, "speech.txt"), Metadata(title="Gettysburg address", author="Abraham Lincoln"))
        [check] = build_timeline("Lincoln's Gettysburg Address, delivered on November 19, 1863, lasted two minutes.",
                                 "2012-06-01", library=library).checks
    finally:
        library.close()
    assert (check.verdict, check.source_title, check.source_value, check.note) == \
        ("unknown", "Gettysburg address", None, "the document has no date")


def quoted(text: str, words: str, source) -> QuotedSource:
    start = text.index(words)
    return QuotedSource(ArticleSpan(start, start + len(words)), source)


def test_quoted_sources_against_the_article_date_and_the_year_it_gives(library):
    by_title = {s.title: s for s in library.sources()}
    quotes = [quoted(ARTICLE, "With malice toward none", by_title["Second inaugural address"]),
              quoted(ARTICLE, "After years of grueling recession", by_title["2013 state union address"]),
              quoted(ARTICLE, "new birth of freedom", by_title["Gettysburg address"])]
    checks = checks_of(ARTICLE, "2012-06-01", quoted=quotes)  # no library: the quotes' sources only
    assert {kind for kind, _ in checks} == {"source_after_article", "quote_year"}
    later = checks["source_after_article", "After years of grueling recession"]
    assert (later.verdict, later.article_value, later.source_value) == ("differs", "2012-06-01", "2013-02-13")
    assert later.note == "the source is dated after the article"
    assert checks["source_after_article", "new birth of freedom"].verdict == "agrees"
    placed = checks["quote_year", "1864"]  # "In 1864, Lincoln said: ..." of a speech of March 1865
    assert (placed.verdict, placed.source_title, placed.source_value) == \
        ("differs", "Second inaugural address", "1865-03-04")


def test_a_year_that_dates_something_else_in_the_quote_sentence_is_not_the_quote_year(library):
    source = {s.title: s for s in library.sources()}["Second inaugural address"]
    text = ("Lincoln, who had been elected in 1860, said: \"With malice toward none, with charity for all, with "
            "firmness in the right.\"")
    checks = build_timeline(text, "2012-06-01", quoted=[quoted(text, "With malice toward none", source)]).checks
    assert [c.kind for c in checks] == ["source_after_article"]


def test_a_date_of_someone_else_quoting_is_not_the_quote_year(library):
    source = {s.title: s for s in library.sources()}["Second inaugural address"]
    text = ("At a rally in 1998, a candidate credited Jefferson with the words \"With malice toward none, with "
            "charity for all.\"")
    checks = build_timeline(text, "2012-06-01", quoted=[quoted(text, "With malice toward none", source)]).checks
    assert [c.kind for c in checks] == ["source_after_article"]


def test_nothing_to_compare_without_sources():
    assert build_timeline(ARTICLE, "2012-06-01").checks == ()


# ------------------------------------------------------------------ the command


@pytest.fixture()
def sources_folder(tmp_path):
    folder = tmp_path / "sources"
    folder.mkdir()
    for name in LIBRARY:
        path = speeches(f"{name}.txt", 1)[0]
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def test_cli_compares_with_sources_and_the_quotes_it_finds(cli, write, sources_folder):
    article = write("unfinished-work.txt", ARTICLE)
    code, out, err = cli("timeline", article, "--date", "2012-06-01", "--sources", sources_folder, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    checks = data["timeline"]["checks"]
    assert set(checks[0]) == {"kind", "verdict", "text", "start", "end", "article_value", "source", "note"}
    assert set(checks[0]["source"]) == {"id", "library", "title", "date"}
    text = data["article"]["text"]
    for check in checks:
        assert text[check["start"]:check["end"]] == check["text"]
        assert check["source"]["library"] == "sources"
    after = [c for c in checks if c["kind"] == "source_after_article" and c["verdict"] == "differs"]
    assert [c["source"]["date"] for c in after] == ["2013-02-13"]
    assert text[after[0]["start"]:].startswith("After years of grueling recession")
    assert {(c["kind"], c["text"], c["verdict"]) for c in checks} >= {
        ("document_date", "1862", "differs"), ("quote_year", "1864", "differs"),
        ("document_date", "January 1, 1863", "agrees")}


def test_cli_text_lists_the_comparisons(cli, write, sources_folder):
    article = write("unfinished-work.txt", ARTICLE)
    code, out, err = cli("timeline", article, "--date", "2012-06-01", "--sources", sources_folder)
    assert code == 0, err
    lines = out.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("dates compared with the sources:")))
    compared = lines[start + 1:]
    assert any(line.startswith("differs") and "'1862'" in line and "Emancipation proclamation, 1863-01-01" in line
               and "compared by the year" in line for line in compared)
    assert any(line.startswith("differs") and "quoted source" in line and "dated after the article" in line
               for line in compared)


def test_cli_sources_that_cannot_be_read_is_one_line_and_exit_2(cli, write, tmp_path):
    article = write("unfinished-work.txt", ARTICLE)
    code, out, err = cli("timeline", article, "--date", "2012-06-01", "--sources", tmp_path / "nowhere.txt")
    assert code == 2 and out == ""
    assert err.startswith("error:") and len(err.strip().splitlines()) == 1
