"""The HTML report: self-contained, every quote highlighted with its verdict, hostile text inert."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

XSS = [
    '<script>alert("article")</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">click</a>',
    '<svg onload=alert(1)><script>alert(2)</script></svg>',
    '"><iframe src="https://evil.example/"></iframe>',
    "</mark></p><script>alert(3)</script>",
]


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def parsed(html: str) -> _Collect:
    collector = _Collect()
    collector.feed(html)
    return collector


@pytest.fixture
def hostile_report(cli, write, tmp_path):
    source_text = "Hostile source\n\n" + " ".join(f"Sentence {i} says {payload} plainly." for i, payload in enumerate(XSS))
    article = "Hostile article\n\n" + "\n\n".join(
        f'The writer says "{payload}" and quotes "Sentence {i} says {payload} plainly."' for i, payload in enumerate(XSS))
    out = tmp_path / "report.html"
    code, _, err = cli("check", write("article.txt", article), "--sources", write("source.txt", source_text),
                       "--db", tmp_path / "none.db", "--format", "html", "-o", out)
    assert code in (0, 1), err
    return out.read_text(encoding="utf-8")


def test_hostile_text_is_inert(hostile_report):
    page = parsed(hostile_report)
    assert [t for t, _ in page.tags].count("script") == 1  # only the report's own script
    for tag, attrs in page.tags:
        assert tag not in ("iframe", "img", "svg", "object", "embed"), tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not any("javascript:" in (value or "") for value in attrs.values()), (tag, attrs)
    assert "alert" not in "".join(page.scripts)
    assert "&lt;script&gt;" in hostile_report


def test_content_security_policy_allows_only_the_report_script(hostile_report):
    import base64
    import hashlib

    page = parsed(hostile_report)
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp


@pytest.fixture(scope="module")
def example_report(tmp_path_factory):
    import sys

    from sourcecheck.cli import main

    from .conftest import EXAMPLES

    folder = tmp_path_factory.mktemp("html")
    out = folder / "report.html"
    sys.argv = ["sourcecheck", "check", str(EXAMPLES / "news-article.html"), "--sources", str(EXAMPLES / "sources"),
                "--db", str(folder / "none.db"), "--format", "html", "-o", str(out)]
    with pytest.raises(SystemExit):
        main()
    return out.read_text(encoding="utf-8")


def test_report_is_self_contained(example_report):
    page = parsed(example_report)
    for tag, attrs in page.tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not re.match(r"(https?:)?//", value), (tag, attrs)
    assert "<link" not in example_report


def test_every_quote_is_highlighted_with_label_and_detail(example_report):
    page = parsed(example_report)
    marks = [a for t, a in page.tags if t == "mark" and "q" in a.get("class", "").split()]
    ids = {a["data-q"] for a in marks}
    details = {a["id"] for t, a in page.tags if t == "section" and a.get("id", "").startswith("detail-")}
    assert ids and details == {f"detail-{i}" for i in ids}
    verdicts = {a["class"].split()[1] for a in marks}
    assert {"verbatim", "altered", "not_found", "marked_edits"} <= verdicts
    assert "altered</span>" in example_report or "ALTERED" in example_report  # a label, not colour alone
    assert "<del>not</del>" in example_report  # the dropped negation, struck through


def test_summary_lists_meaning_changing_quotes_first(example_report):
    summary = example_report.split('aria-label="Summary"')[1].split("</section>")[0]
    assert "Look at these first" in summary and "negation" in summary


class _Nesting(HTMLParser):
    VOID = {"meta", "br", "img", "input", "link", "hr"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.misnested: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        else:
            self.misnested.append(tag)


def test_claims_underlined_opinion_shaded_each_with_a_label(example_report):
    page = parsed(example_report)
    claims = [a for t, a in page.tags if t == "mark" and "c" in a.get("class", "").split()]
    opinions = [a for t, a in page.tags if t == "mark" and "o" in a.get("class", "").split()]
    assert claims and opinions
    ids = {a["data-c"] for a in claims}
    details = {a["id"] for t, a in page.tags if t == "section" and a.get("id", "").startswith("claim-detail-")}
    assert details == {f"claim-detail-{i}" for i in ids}
    for mark in claims:  # reachable by keyboard, announced as a control of its passage panel
        assert mark["tabindex"] == "0" and mark["role"] == "button"
        assert mark["aria-controls"] == f"claim-detail-{mark['data-c']}"
    # a label in the text, not colour alone
    assert example_report.count('<span class="badge">◐ opinion</span>') == len(opinions)
    assert '<span class="badge">✘ claim: differs</span>' in example_report
    assert {a["class"].split()[2] for a in claims} == {"consistent", "differs", "no_passage"}


def test_claim_detail_shows_its_passage_and_what_differs(example_report):
    detail = example_report.split('id="claim-detail-3"')[1].split("</section>")[0]
    assert "DIFFERS" in detail and 'Three <mark class="diff">days</mark> before Kennedy spoke' in detail
    assert "Address brandenburg gate berlin wall" in detail  # the passage's source
    assert '<mark class="diff">years</mark>' in detail  # the passage's side of the date that differs
    assert "Not a verdict of truth" in detail


def test_summary_counts_labels_and_claim_verdicts_and_lists_claims_that_differ(example_report):
    summary = example_report.split('aria-label="Summary"')[1].split("</section>")[0]
    assert "14 sentences in the article's own voice" in summary
    assert re.search(r'<span class="count">5</span> claims.*<span class="count">6</span> facts.*'
                     r'<span class="count">3</span> opinion', summary)
    claims = summary.split("claims against the library")[1]
    assert "✔ 1 consistent" in claims and "✘ 1 differs" in claims and "· 3 no passage" in claims
    listed = summary.split("Claims that differ from their passage")[1]
    assert 'href="#c3"' in listed and "Three days before Kennedy spoke" in listed and "(date)" in listed


@pytest.mark.parametrize("name", ["news-article.html", "opinion-piece.txt"])
def test_marks_nest_properly_around_claims_quotes_and_reported_speech(name, cli, tmp_path):
    from .conftest import EXAMPLES

    out = tmp_path / "report.html"
    code, _, err = cli("check", EXAMPLES / name, "--sources", EXAMPLES / "sources", "--db", tmp_path / "none.db",
                       "--format", "html", "-o", out)
    assert code in (0, 1), err
    html = out.read_text(encoding="utf-8")
    checker = _Nesting()
    checker.feed(html)
    assert checker.misnested == [] and checker.stack == []
    assert 'class="c claim' in html and 'class="o opinion"' in html


def test_without_claims_the_report_has_no_claim_marks_or_counts(cli, write, tmp_path):
    article = write("talks.txt", "Border talks\n\nThe Harlow Accord bars any Party from stationing more than "
                                 "60,000 troops within 50 kilometres of another Party's border. That is a reckless "
                                 "provocation, and the Council should say so.\n")
    for flags, shown in (((), True), (("--no-claims",), False)):
        out = tmp_path / "report.html"
        code, _, err = cli("check", article, "--db", tmp_path / "none.db", "--sources", article, "--format", "html",
                           "-o", out, *flags)
        assert code in (0, 1), err
        html = out.read_text(encoding="utf-8")
        assert ('class="c claim' in html) is shown and ('class="o opinion"' in html) is shown
        assert ("sentences in the article's own voice" in html) is shown


def test_claims_command_html_is_the_report_with_the_claims_alone(cli, write, tmp_path):
    source = write("accord.txt", "The Harlow Accord\n\nArticle 3. No Party shall station more than 40,000 troops "
                                 "within 50 kilometres of another Party's border.\n")
    article = write("talks.txt", "Border talks\n\nThe Harlow Accord bars any Party from stationing more than "
                                 "60,000 troops within 50 kilometres of another Party's border. That is a reckless "
                                 "provocation, and the Council should say so.\n")
    out = tmp_path / "claims.html"
    code, _, err = cli("claims", article, "--sources", source, "--db", tmp_path / "none.db", "--format", "html",
                       "-o", out)
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert 'class="c claim differs"' in html and 'class="o opinion"' in html and 'id="claim-detail-0"' in html
    assert '<mark class="diff">60,000</mark>' in html and '<mark class="diff">40,000</mark>' in html
    assert "quotations</strong>" not in html and "quotations and reported speech are not checked here" in html
    page = parsed(html)
    assert [t for t, _ in page.tags].count("script") == 1
