"""The article's timeline in what `check` gives: the JSON and text reports, the HTML report's SVG
strip (linked to the text, usable by keyboard), the web app, and the corpus job's rows."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient
from rich.console import Console

from sourcecheck.check import check_article
from sourcecheck.corpus import check_one, summarise, timeline_records_of
from sourcecheck.corpus_schema import ARTICLE_RECORD, TIMELINE_RECORD
from sourcecheck.ingest import ingest_bytes
from sourcecheck.library import SqliteLibrary
from sourcecheck.pipeline import load
from sourcecheck.report import check_to_json_dict, render_check
from sourcecheck.report_html import render_html
from sourcecheck.report_timeline import timeline_strip
from sourcecheck.spans import ArticleSpan
from sourcecheck.timeline import Entry, Interval, Timeline
from sourcecheck.timeline.model import DateCheck
from sourcecheck.web import create_app

from .conftest import EXAMPLES

NEWS = EXAMPLES / "news-article.html"  # dated 2025-01-20 in its metadata; Kennedy's inaugural is in the sources
# No date in its metadata, and "yesterday", "on Monday", "the next day" that count from one
UNDATED = ("Ministry defends strategy\n\n"
           "The defence ministry published its new strategy on 12 March 2021. Two days after the publication, "
           "the opposition called for a debate. Yesterday the minister said the plan \"will not change\". "
           "On Monday officials met the council, and the next day the talks resumed.\n")


@pytest.fixture(scope="module")
def sources():
    library = SqliteLibrary(":memory:")
    for path in sorted((EXAMPLES / "sources").iterdir()):
        if path.name != "README.md":
            library.add(load(str(path)))
    yield library
    library.close()


@pytest.fixture(scope="module")
def news(sources, nlp):
    return check_article(load(str(NEWS)), [sources], nlp)


def entry(timeline: dict, text: str) -> dict:
    return next(e for e in timeline["chronology"] if e["text"] == text)


def test_the_check_report_has_the_articles_timeline_linked_to_its_words(news):
    report = check_to_json_dict(news)
    timeline, text = report["timeline"], report["article"]["text"]
    assert timeline["dct"] == "2025-01-20"  # the article's metadata date
    for item in timeline["chronology"] + timeline["timexes"] + timeline["anchored"]:
        assert text[item["start"]:item["end"]] == item["text"]
    assert entry(timeline, "March 1933")["interval"] == {"begin": "1933-03", "end": "1933-03", "granularity": "month"}
    assert entry(timeline, "last week")["interval"]["begin"] == "2025-W03"  # counted from the article's date
    # dated by the library: the anchor "Kennedy spoke" names Kennedy's inaugural address (1961-01-20)
    three_days = entry(timeline, "Three days before Kennedy spoke")
    assert three_days["interval"] == {"begin": "1961-01-17", "end": "1961-01-17", "granularity": "day"}
    anchored = next(a for a in timeline["anchored"] if a["text"] == "Three days before Kennedy spoke")
    assert anchored["anchor_date"]["evidence"] == "library" and anchored["relation"] == "before"
    assert "inaugural" in anchored["anchor_date"]["source_title"].lower()


def test_the_check_command_takes_a_date_and_can_leave_the_timeline_out(cli, tmp_path, nlp, monkeypatch):
    from sourcecheck import attribution

    monkeypatch.setattr(attribution, "load_nlp", lambda: nlp)
    common = ("check", NEWS, "--sources", EXAMPLES / "sources", "--db", tmp_path / "none.db", "--format", "json")
    code, out, err = cli(*common, "--date", "2025-02-03")
    assert code == 1, err
    timeline = json.loads(out)["timeline"]
    assert timeline["dct"] == "2025-02-03" and entry(timeline, "last week")["interval"]["begin"] == "2025-W05"
    code, out, _ = cli(*common, "--no-timeline")
    assert code == 1 and json.loads(out)["timeline"] is None
    code, out, err = cli(*common, "--date", "2025-02-30")
    assert code == 2 and out == "" and err.strip() == "error: --date '2025-02-30' is not a date: give it as YYYY-MM-DD"


def test_an_undated_article_gets_an_unresolved_timeline_not_an_error(sources, nlp):
    article = ingest_bytes(UNDATED.encode(), "undated.txt")
    assert article.metadata.date is None
    result = check_article(article, [sources], nlp)
    timeline = check_to_json_dict(result)["timeline"]
    assert timeline["dct"] is None
    assert entry(timeline, "12 March 2021")["interval"]["begin"] == "2021-03-12"
    assert entry(timeline, "Two days after the publication")["interval"]["begin"] == "2021-03-14"
    for words in ("Yesterday", "Monday", "the next day"):
        unresolved = entry(timeline, words)
        assert unresolved["interval"] is None, words
        timex = next(t for t in timeline["timexes"] if t["text"] == words)
        assert timex["value"] == "XXXX-XX-XX" and timex["interval"] is None, timex
    assert [e["interval"] is None for e in timeline["chronology"]][-3:] == [True] * 3  # unresolved ones last
    console = Console(record=True, width=120)
    render_check(result, console)
    shown = console.export_text()
    assert "Timeline" in shown and "no date of its own" in shown and "unresolved" in shown
    assert "2021-03-14 (day)" in shown


def test_the_html_report_draws_the_timeline_as_svg_linked_to_the_text(news):
    page = render_html(news)
    svg = re.search(r'<svg class="tl".*?</svg>', page, re.S)
    assert svg is not None and "<script" not in svg.group() and "http" not in svg.group().replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    links = re.findall(r'<a href="#t(\d+)" tabindex="0" aria-label="([^"]+)" class="(date|anchored)">(.*?)</a>',
                       svg.group(), re.S)
    chronology = news.timeline.chronology
    placed = [i for i, e in enumerate(chronology) if e.interval is not None]
    assert sorted(int(i) for i, _, _, _ in links) == placed
    article = page.split('<article class="text">', 1)[1]
    for index, label, kind, _ in links:
        words = re.search(rf'<span class="t [a-z]+" id="t{index}"[^>]*>([^<]*)</span>', article)
        assert words is not None, f"no words in the text carry the id t{index}"
        assert chronology[int(index)].text.startswith(words.group(1))
        assert f"“{chronology[int(index)].text}”" in label
        assert kind == chronology[int(index)].kind
    shapes = {chronology[int(i)].text: body for i, _, _, body in links}
    assert "<circle" in shapes["Three days before Kennedy spoke"]  # a day: a dot
    assert "<rect" in shapes["March 1933"] and "<circle" not in shapes["March 1933"]  # a month: a bar
    unresolved = [e for e in chronology if e.interval is None]
    assert unresolved and all(f"“{e.text}”" in page for e in unresolved)  # listed, not drawn


def test_an_open_interval_is_an_arrow(sources, nlp):
    article = ingest_bytes(b"Talks\n\nThe accord was signed on 3 May 2019. After the signing, sanctions were "
                           b"lifted, and in June 2019 trade resumed.\n", "talks.txt")
    page = render_html(check_article(article, [sources], nlp, dct="2019-07-01"))
    after = re.search(r'<a href="#t\d+"[^>]*aria-label="[^"]*After the signing[^"]*"[^>]*>(.*?)</a>', page, re.S)
    assert after is not None and "<polygon" in after.group(1)


def test_the_web_app_report_shows_the_timeline(tmp_path):
    client = TestClient(create_app(str(tmp_path / "lib.db")), base_url="http://localhost")
    report = client.post("/api/check", json={"text": UNDATED, "title": "Ministry", "date": "2021-03-20"}).json()
    timeline = report["timeline"]
    assert timeline["dct"] == "2021-03-20" and entry(timeline, "Yesterday")["interval"]["begin"] == "2021-03-19"
    page = client.get(f"/checks/{report['check_id']}").text
    assert '<svg class="tl"' in page and 'href="#t0" tabindex="0"' in page and 'id="t0"' in page
    assert client.get(f"/api/checks/{report['check_id']}").json()["timeline"] == timeline
    refused = client.post("/api/check", json={"text": UNDATED, "date": "20 March"})
    assert refused.status_code == 400 and "is not a date" in refused.text
    undated = client.post("/api/check", json={"text": UNDATED}).json()["timeline"]
    assert undated["dct"] is None and entry(undated, "Yesterday")["interval"] is None


def test_the_corpus_rows_of_an_articles_timeline(sources, nlp, tmp_path):
    result = check_one(0, "articles/news-article.html", str(NEWS), [sources], nlp)
    rows = timeline_records_of(result)
    report = check_to_json_dict(check_article(load(str(NEWS)), [sources], nlp))
    assert [row["entry"]["id"] for row in rows] == list(range(len(report["timeline"]["chronology"]))) != []
    for row, expected in zip(rows, report["timeline"]["chronology"], strict=True):
        assert set(row) == set(TIMELINE_RECORD) and set(row["entry"]) == set(TIMELINE_RECORD["entry"])
        assert {k: v for k, v in row["entry"].items() if k != "id"} == expected
        assert row["dct"] == "2025-01-20" and row["article"]["path"] == "articles/news-article.html"
    assert set(result.article) == set(ARTICLE_RECORD) and result.article["timeline"] == len(rows)
    without = check_one(1, "articles/news-article.html", str(NEWS), [sources], nlp, timeline=False)
    assert timeline_records_of(without) == [] and without.article["timeline"] is None
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"")
    failed = check_one(2, "articles/broken.txt", str(broken), [sources], nlp)
    assert failed.article["error"] and timeline_records_of(failed) == [] and set(failed.article) == set(ARTICLE_RECORD)
    assert summarise([result.article, failed.article], [])["timeline"] == len(rows)
    assert summarise([without.article], [], timeline=False)["timeline"] is None


def test_date_checks_are_shown_in_plain_words_when_the_timeline_has_them(news):
    """The timeline's comparison of the article's dates with its sources' (timeline/checks.py) is
    listed in the text and HTML reports, the verdict in words."""
    check = DateCheck("document_date", ArticleSpan(0, 4), "1862", "1862", 3, "Emancipation Proclamation",
                      "1863-01-01", "differs", note="compared by the year")
    result = replace(news, timeline=replace(news.timeline, checks=(check,)))
    line = "differs · a document's date: “1862” · source “Emancipation Proclamation”, 1863-01-01 · compared by the year"
    console = Console(record=True, width=200)
    render_check(result, console)
    shown = console.export_text()
    assert "Dates compared with the sources: 1" in shown and line in shown
    assert f"<li>{line}</li>" in render_html(result).replace("&#39;", "'")
    assert "Dates compared with the sources" not in render_html(replace(news, timeline=replace(news.timeline,
                                                                                                checks=())))


def test_check_compares_the_articles_dates_with_its_sources(news):
    """In `check`, the date checks see the libraries and the sources the quotes were found in."""
    report = check_to_json_dict(news)
    quoted = [c for c in report["timeline"]["checks"] if c["kind"] == "source_after_article"]
    assert quoted and all(c["verdict"] == "agrees" for c in quoted)  # every speech is older than the article
    text = report["article"]["text"]
    assert all(text[c["start"]:c["end"]] == c["text"] for c in report["timeline"]["checks"])


def test_the_strip_draws_each_granularity_and_keeps_to_the_calendar():
    def dated(text: str, begin: str | None, end: str | None, granularity: str, kind: str = "date") -> Entry:
        return Entry(kind, ArticleSpan(0, len(text)), text, Interval(begin, end, granularity), None)

    entries = (dated("in 0001", "0001", "0001", "year"), dated("on 3 May 2019", "2019-05-03", "2019-05-03", "day"),
               dated("after the signing", "2019-05-03", None, "day", "anchored"),
               dated("until the vote", None, "2019-06", "month", "anchored"), dated("in 9999", "9999", "9999", "year"),
               Entry("date", ArticleSpan(0, 5), "later", None, None))
    strip = timeline_strip(Timeline("2019-07-01", (), (), entries))
    shapes = {entries[m.index].text: m.shape for m in strip.marks}
    assert shapes == {"in 0001": "bar", "on 3 May 2019": "dot", "after the signing": "later",
                      "until the vote": "earlier", "in 9999": "bar"}
    assert strip.unplaced == (5,) and all(0 <= m.x1 <= m.x2 <= strip.width for m in strip.marks)
    assert strip.ticks and all(t.label.isdigit() for t in strip.ticks)  # years, over ten thousand of them
    assert [m.index for m in strip.marks if m.anchored] == [2, 3]
