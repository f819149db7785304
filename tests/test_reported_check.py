"""Reported speech checked end to end: `sourcecheck check` lists every indirect and mixed
attribution with its passage and comparison (text, JSON, HTML, exit code), on the example news
piece that paraphrases the bundled sources (examples/PLANTED.md, "Reported speech")."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import EXAMPLES

ARTICLE = EXAMPLES / "reported-speech.txt"
SOURCES = EXAMPLES / "sources"


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    import sys

    from sourcecheck.cli import main

    db = tmp_path_factory.mktemp("reported") / "examples.db"
    sys.argv = ["sourcecheck", "add", str(SOURCES), "--db", str(db), "--quiet"]
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 0
    return db


@pytest.fixture(scope="module")
def report(library, tmp_path_factory) -> dict:
    import sys

    from sourcecheck.cli import main

    out = tmp_path_factory.mktemp("json") / "report.json"
    sys.argv = ["sourcecheck", "check", str(ARTICLE), "--db", str(library), "--format", "json", "-o", str(out)]
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 1  # no quote in the piece: reported speech that differs is enough
    return json.loads(out.read_text(encoding="utf-8"))


def entry(report: dict, start_of_content: str) -> dict:
    found = [r for r in report["reported"] if r["content"]["text"].startswith(start_of_content)]
    assert found, f"no reported content starting {start_of_content!r}"
    return found[0]


def source_text(name: str) -> str:
    from sourcecheck.pipeline import load

    return load(str(SOURCES / name)).text


@pytest.mark.parametrize("content", [
    "three and a half million men and women were directly engaged",  # tense shifted
    "in West Germany and in Berlin there had been an economic miracle",  # two sentences condensed
])
def test_faithful_paraphrases_of_speeches_are_consistent(report, content):
    r = entry(report, content)
    assert r["verdict"] == "consistent" and r["passage"]["by_speaker"]


def test_a_faithful_paraphrase_is_consistent_with_the_speakers_own_passage(report):
    r = entry(report, "its strategy will expand the country's reserve forces by 8,000")
    assert r["kind"] == "indirect" and r["verdict"] == "consistent" and r["differences"] == []
    assert r["speaker"]["name"] == "Ministry of Defence" and r["cue"]["text"] == "says"
    passage = r["passage"]
    assert passage["source"]["title"] == "National Defence Strategy 2023" and passage["by_speaker"]
    assert "expand its reserve forces by 8,000 personnel" in passage["text"]
    assert source_text("velmaria-defence-strategy.txt")[passage["start"] : passage["end"]] == passage["text"]


def test_a_changed_number_differs_with_both_sides_located(report):
    r = entry(report, "Velmaria will propose that every exercise involving more than 5,000 troops")
    assert r["verdict"] == "differs"
    (difference,) = r["differences"]
    assert difference["item"] == "number" and difference["meaning_changing"]
    article, passage = difference["article"], difference["passage"]
    assert report["article"]["text"][article["start"] : article["end"]] == article["text"] == "5,000"
    assert source_text("velmaria-defence-strategy.txt")[passage["start"] : passage["end"]] == passage["text"] == \
        "2,000"


@pytest.mark.parametrize("content, item, report_words, passage_words", [
    ("the Parties to exchange information", "date", "June", "March"),
    ("the findings of the Accord's arbitration panel are not binding", "negation", "are not binding", "binding"),
    ("pay for the lower ranks may be reviewed", "modality", "may be reviewed", "will be reviewed"),
    ("pay for the lower ranks may be reviewed", "quantifier", "some reservists", "every reservist"),
    ("Secretary of State Dean Acheson had announced", "actor", "Secretary of State Dean Acheson", "George Marshall"),
    ("the Council would publish an annual report", "actor", "the Council", "The Ministry"),
    ("in the 1950s Brezhnev had predicted", "actor", "Brezhnev", "Khrushchev"),  # who predicted it
])
def test_each_planted_change_is_reported(report, content, item, report_words, passage_words):
    r = entry(report, content)
    assert r["verdict"] == "differs"
    assert (item, report_words, passage_words) in [(d["item"], d["article"]["text"], d["passage"]["text"])
                                                   for d in r["differences"]]


def test_what_no_source_said_has_no_passage(report):
    r = entry(report, "the idea on Monday")
    assert r["verdict"] == "no_passage" and r["passage"] is None and r["differences"] == []


def test_a_claim_the_library_does_not_hold_has_no_passage_but_shows_the_nearest(report, library, cli):
    # R8 of examples/PLANTED.md: nothing in the sources says it; the nearest window is shown, not compared
    r = entry(report, "her government would ask the Council for emergency talks")
    assert r["verdict"] == "no_passage" and r["passage"] is None and r["differences"] == []
    nearest = r["nearest"]
    assert nearest is not None and nearest["score"] < 0.3 and not nearest["by_speaker"]
    assert source_text("1987-06-12-address-brandenburg-gate-berlin-wall.txt")[nearest["start"]:nearest["end"]] \
        == nearest["text"]
    assert all(e["nearest"] is None for e in report["reported"] if e["verdict"] != "no_passage")
    _, out, _ = cli("check", ARTICLE, "--db", library)
    assert "nearest, not taken for the passage: Address brandenburg gate berlin wall" in " ".join(out.split())


def test_summary_counts_the_reported_verdicts(report):
    counts = report["summary"]["by_reported_verdict"]
    assert report["summary"]["reported"] == len(report["reported"]) == sum(counts.values())
    assert counts == {v: sum(r["verdict"] == v for r in report["reported"]) for v in counts}
    assert counts["differs"] >= 5 and counts["consistent"] >= 2 and counts["no_passage"] >= 1
    assert {r["kind"] for r in report["reported"]} == {"indirect"}  # direct quotes are checked in quotes[]


def test_a_mixed_attribution_points_to_its_quote(library, cli):
    code, out, _ = cli("check", EXAMPLES / "opinion-piece.txt", "--db", library, "--format", "json")
    checked = json.loads(out)
    mixed = [r for r in checked["reported"] if r["kind"] == "mixed"]
    assert mixed and all(r["quotes"] for r in mixed)
    nuclear = next(r for r in mixed if "station nuclear weapons" in r["content"]["text"])
    assert checked["quotes"][nuclear["quotes"][0]]["text"].startswith("will station nuclear weapons")
    assert nuclear["verdict"] == "differs" and [d["item"] for d in nuclear["differences"]] == ["negation"]
    assert code == 1


def test_text_report_has_a_reported_speech_section_that_says_what_was_compared(library, cli):
    code, out, _ = cli("check", ARTICLE, "--db", library)
    assert code == 1
    section = out.split("Reported speech", 1)[1]
    assert "not an entailment check" in section.lower()
    for item in ("numbers", "dates", "negation", "names", "quantifiers", "modality", "actor"):
        assert item in section
    assert "✘ DIFFERS" in section and "✔ CONSISTENT" in section and "· NO PASSAGE" in section
    assert "! number (a figure the passage does not give): report “5,000” · passage “2,000”" in section
    assert "National Defence Strategy 2023 — Ministry of Defence of Velmaria" in section
    listed = section.count("DIFFERS") + section.count("CONSISTENT") + section.count("NO PASSAGE")
    assert out.splitlines()[-1].startswith(f"{listed} reported:")


def test_no_reported_checks_the_quotes_only(library, cli):
    code, out, _ = cli("check", ARTICLE, "--db", library, "--format", "json", "--no-reported", "--no-claims")
    checked = json.loads(out)
    assert code == 0  # nothing is quoted, and neither reported speech nor the article's own claims were checked
    assert checked["reported"] is None and checked["summary"]["by_reported_verdict"] is None
    assert checked["claims"] is None
    code, out, _ = cli("check", ARTICLE, "--db", library, "--no-reported", "--no-claims")
    assert code == 0 and "Reported speech" not in out and "Claims" not in out


def test_sources_given_on_the_command_line_are_searched_too(cli, tmp_path):
    code, out, _ = cli("check", ARTICLE, "--sources", SOURCES, "--db", tmp_path / "none.db", "--format", "json")
    r = entry(json.loads(out), "Velmaria will propose that every exercise")
    assert code == 1 and r["verdict"] == "differs"
    assert r["passage"]["source"]["path"] == str(SOURCES / "velmaria-defence-strategy.txt")


# ---------------------------------------------------------------- HTML


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


@pytest.fixture(scope="module")
def html(library) -> str:
    from sourcecheck.check import check_article
    from sourcecheck.library import SqliteLibrary
    from sourcecheck.pipeline import load
    from sourcecheck.report_html import render_html

    with SqliteLibrary(str(library)) as opened:
        return render_html(check_article(load(str(EXAMPLES / "opinion-piece.txt")), [opened]))


def test_html_marks_reported_speech_apart_from_quotes(html):
    page = Tags()
    page.feed(html)
    reported = [a for t, a in page.tags if t == "mark" and "r" in a.get("class", "").split()]
    quotes = [a for t, a in page.tags if t == "mark" and "q" in a.get("class", "").split()]
    assert reported and quotes and not any("q" in a["class"].split() for a in reported)
    ids = {a["data-r"] for a in reported}
    panels = {a["id"] for t, a in page.tags if t == "section" and a.get("id", "").startswith("reported-detail-")}
    assert panels == {f"reported-detail-{i}" for i in ids}
    # the opinion piece's reports of the 2019 white paper (not in the library) have no passage
    assert {a["class"].split()[1] for a in reported} >= {"no_passage", "differs"}


def test_html_keeps_the_article_text_whole_and_ids_unique_where_marks_nest(html):
    from sourcecheck.pipeline import load

    page = Tags()
    page.feed(html)
    ids = [a["id"] for _, a in page.tags if "id" in a]
    assert len(ids) == len(set(ids))
    text = load(str(EXAMPLES / "opinion-piece.txt")).text
    sentence = "But the document then promises to \"expand its reserve forces by 80,000 personnel\""
    assert sentence in text  # a quote inside reported speech: both marked, no word lost or doubled
    shown = html.split('<article class="text">', 1)[1].split("</article>", 1)[0]
    plain = re.sub(r'<span class="badge"[^>]*>.*?</span>', "", shown)
    plain = unescape(re.sub(r"<[^>]+>", "", plain))
    assert sentence in plain


def test_html_panel_shows_the_passage_beside_the_report_with_the_differences_marked(html):
    panel = html.split('id="reported-detail-0"', 1)[1].split("</section>", 1)[0]
    article_side, passage_side = panel.split("<h4>", 2)[1:]
    assert '<mark class="diff">80,000</mark>' in article_side
    assert '<mark class="diff">2 percent</mark>' in passage_side and "National Defence Strategy 2023" in passage_side
    assert "not an entailment check" in html


def test_html_escapes_hostile_reported_text(tmp_path):
    from sourcecheck.check import check_article
    from sourcecheck.library import SqliteLibrary
    from sourcecheck.pipeline import load
    from sourcecheck.report_html import render_html

    source = tmp_path / "statement.txt"
    source.write_text("Statement\n\nThe board will close the <script>alert(1)</script> quay for 18 months.\n")
    article = tmp_path / "article.txt"
    article.write_text("Quay news\n\nThe board said it would close the <script>alert(1)</script> quay for 36 "
                       "months.\n")
    with SqliteLibrary(":memory:") as library:
        library.add(load(str(source)))
        page = render_html(check_article(load(str(article)), [library]))
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert '<mark class="diff">36</mark>' in page and '<mark class="diff">18</mark>' in page


def test_reported_speech_has_its_own_time_limit_naming_the_way_out(library, cli, monkeypatch):
    import time

    import sourcecheck.check

    def slow(result, libraries, reranker=None):
        time.sleep(5)

    monkeypatch.setenv("SOURCECHECK_MAX_REPORTED_SECONDS", "0.5")
    monkeypatch.setattr(sourcecheck.check, "with_reported", slow)
    code, out, err = cli("check", ARTICLE, "--db", library)
    assert code == 2 and out == ""
    assert err.startswith("error: checking the reported speech of") and err.count("\n") == 1
    assert "SOURCECHECK_MAX_REPORTED_SECONDS" in err and "--no-reported skips it" in err


def test_an_attribution_nested_in_another_is_checked_once(report):
    # "The strategy also says Velmaria will propose that ...": "Velmaria will propose" is an
    # attribution inside the strategy's content; its change is listed once, under the outer one
    contents = [r["content"]["text"] for r in report["reported"]]
    outer = [c for c in contents if c.startswith("Velmaria will propose that every exercise")]
    inner = [c for c in contents if c.startswith("every exercise involving more than 5,000 troops")]
    assert len(outer) == 1 and inner == []
    assert [d["item"] for d in entry(report, "Velmaria will propose")["differences"]] == ["number"]


def test_semantic_reranking_is_an_option_that_keeps_the_findings(library, cli):
    # check --semantic (the semantic extra, installed by make install): candidate passages the words
    # leave unsure about are reranked by sentence embeddings; the planted change is still found
    code, out, _ = cli("check", ARTICLE, "--db", library, "--format", "json", "--semantic")
    checked = json.loads(out)
    assert code == 1
    assert entry(checked, "its strategy will expand the country's reserve forces by 8,000")["verdict"] == "consistent"
    changed = entry(checked, "Velmaria will propose that every exercise")
    assert changed["verdict"] == "differs" and [d["item"] for d in changed["differences"]] == ["number"]
