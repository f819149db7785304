"""In a real browser (Debian's Chromium, driven by Playwright): the report and the web app.

Screenshots go to test-output/ for review."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "test-output"
ACCORD = ("The Harlow Accord\n\nArticle 1. The Parties shall respect the territorial integrity of every member "
          "state.\n\nArticle 2. The Parties pledge to hold accountable any state that violates this Accord.\n")
ARTICLE = ('The Accord commits its members to "the full territorial integrity of every member state". '
           'It pledged to "hold accountable any state that violates this Accord".')
XSS = ('<script>alert("x")</script> <img src=x onerror=alert(1)> <svg onload=alert(2)></svg> '
       '<a href="javascript:alert(3)">link</a>')


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: run scripts/install-chromium.sh (make test does)")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


@pytest.fixture
def server(tmp_path):
    import uvicorn

    from sourcecheck.web import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(str(tmp_path / "app.db")), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not instance.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


def test_report_click_shows_diff_and_source(page, cli, tmp_path):
    report = tmp_path / "report.html"
    code, _, _ = cli("check", EXAMPLES / "news-article.html", "--sources", EXAMPLES / "sources", "--db",
                     tmp_path / "none.db", "--format", "html", "-o", report)
    assert code == 1
    page.goto(report.as_uri())
    page.click("mark.q.altered >> nth=0")
    detail = page.locator(".detail.shown")
    detail.wait_for()
    assert "ALTERED" in detail.locator("h3").inner_text()
    assert detail.locator("del").first.inner_text() == "not"
    assert "civility is not a sign of weakness" in detail.locator("mark").inner_text()
    page.screenshot(path=str(SHOTS / "report-altered-quote.png"), full_page=False)
    page.hover("mark.q.marked_edits >> nth=0")
    assert "MARKED EDITS" in page.locator(".detail.shown h3").inner_text()
    assert page.dialogs == []


def test_report_click_on_reported_speech_shows_the_passage_beside_it(page, cli, tmp_path):
    report = tmp_path / "report.html"
    code, _, _ = cli("check", EXAMPLES / "opinion-piece.txt", "--sources", EXAMPLES / "sources", "--db",
                     tmp_path / "none.db", "--format", "html", "-o", report)
    assert code == 1
    page.goto(report.as_uri())
    page.click("#r0")  # "Article 2 promises to "expand its reserve forces by 80,000 personnel" …"
    detail = page.locator(".detail.shown")
    assert "DIFFERS" in detail.locator("h3").inner_text() and "reported speech" in detail.locator("h3").inner_text()
    assert [m.inner_text() for m in detail.locator("mark.diff").all()] == ["80,000", "2 percent"]
    assert "national defence strategy 2023" in detail.inner_text().lower()
    page.screenshot(path=str(SHOTS / "report-reported-speech.png"), full_page=False)
    page.click("mark.q.altered >> nth=0")  # a quote inside reported speech opens the quote's panel
    assert "ALTERED" in page.locator(".detail.shown h3").inner_text()
    assert page.locator(".detail.shown").count() == 1
    assert page.dialogs == []


def test_report_claim_shows_its_passages_on_click_and_by_keyboard(page, cli, tmp_path):
    report = tmp_path / "report.html"
    code, _, _ = cli("check", EXAMPLES / "news-article.html", "--sources", EXAMPLES / "sources", "--db",
                     tmp_path / "none.db", "--format", "html", "-o", report)
    assert code == 1
    page.goto(report.as_uri())
    page.click("mark.c.differs")  # "Three days before Kennedy spoke, ..."
    detail = page.locator(".detail.shown")
    assert "DIFFERS" in detail.locator("h3").inner_text() and "claim" in detail.locator("h3").inner_text()
    assert [m.inner_text() for m in detail.locator("mark.diff").all()] == ["days", "years"]
    page.screenshot(path=str(SHOTS / "report-claim.png"), full_page=False)
    page.focus("#c0")  # in the tab order: focus alone shows its panel
    assert page.locator(".detail.shown").get_attribute("id") == "claim-detail-0"
    page.locator("#c4").press("Enter")
    assert page.locator(".detail.shown").get_attribute("id") == "claim-detail-4"
    page.locator("#c1").press(" ")
    assert page.locator(".detail.shown").get_attribute("id") == "claim-detail-1"
    page.mouse.move(0, 0)  # off the text: a mark scrolled under the pointer would show its own panel
    page.locator("a.goto[data-c]").press("Enter")  # the summary's list of claims that differ opens its panel
    assert "DIFFERS" in page.locator(".detail.shown h3").inner_text()
    assert page.locator(".detail.shown").count() == 1
    # opinion is shaded with a pattern and labelled, not told by colour alone
    assert "repeating-linear-gradient" in page.evaluate(
        "getComputedStyle(document.querySelector('mark.o')).backgroundImage")
    assert page.locator("mark.o .badge").first.inner_text() == "◐ opinion"
    assert page.dialogs == []


def test_report_timeline_strip_is_usable_by_keyboard(page, cli, tmp_path):
    report = tmp_path / "report.html"
    code, _, _ = cli("check", EXAMPLES / "news-article.html", "--sources", EXAMPLES / "sources", "--db",
                     tmp_path / "none.db", "--format", "html", "-o", report)
    assert code == 1
    page.goto(report.as_uri())
    page.focus("svg.tl a >> nth=0")
    focused = "document.activeElement.getAttribute('aria-label')"
    assert page.evaluate(focused).startswith("1. “March 1933”: 1933-03 (month)")
    page.keyboard.press("Tab")  # the marks are in the tab order, one after another
    assert page.evaluate(focused).startswith("2. ")
    width = page.evaluate("getComputedStyle(document.activeElement.querySelector('.m')).strokeWidth")
    assert width == "4px"  # the focused mark is drawn thicker, not only in another colour
    page.locator("section.timeline").screenshot(path=str(SHOTS / "report-timeline-focus.png"))
    page.keyboard.press("Enter")
    target = page.evaluate("location.hash")
    assert target == "#t1" and page.locator(target).inner_text() == "The ’60s"
    assert page.dialogs == []


def test_web_app_add_source_and_check_article(page, server, tmp_path):
    source = tmp_path / "accord.txt"
    source.write_text(ACCORD, encoding="utf-8")
    page.goto(f"{server}/sources")
    page.set_input_files("#source-file", str(source))
    page.fill("#source-title", "Harlow Accord")
    page.click("#add-source")
    page.wait_for_url(f"{server}/sources")
    assert "Harlow Accord" in page.locator("table").inner_text()
    page.screenshot(path=str(SHOTS / "app-library.png"))
    page.goto(server)
    page.fill("#title", "Accord op-ed")
    page.fill("#text", ARTICLE)
    page.click("#check")
    page.wait_for_url(f"{server}/checks/*")
    page.click("mark.q.altered")
    detail = page.locator(".detail.shown")
    assert detail.locator("ins").first.inner_text() == "full"
    assert "harlow accord" in detail.inner_text().lower()
    page.screenshot(path=str(SHOTS / "app-report.png"))
    page.goto(f"{server}/checks")
    assert "Accord op-ed" in page.locator("table").inner_text()


def test_no_script_runs_from_hostile_text(page, server):
    page.goto(f"{server}/sources")
    page.evaluate("() => 0")  # the page works at all
    import httpx

    httpx.post(f"{server}/api/sources", json={"text": f"Hostile source\n\nIt says {XSS} here.", "title": XSS})
    report = httpx.post(f"{server}/api/check", json={"text": f'He said "{XSS}" and "It says {XSS} here."',
                                                    "title": XSS}).json()
    for path in ("/sources", "/checks", f"/checks/{report['check_id']}", "/"):
        page.goto(f"{server}{path}")
        page.wait_for_load_state("load")
        for mark in page.locator("mark.q").all():
            mark.click()
    page.screenshot(path=str(SHOTS / "app-hostile-report.png"))
    assert page.dialogs == []
    assert page.evaluate("() => document.querySelectorAll('img, svg, iframe, script:not([src])').length") <= 1


ATTACK_PAGE = """<!DOCTYPE html><html><body><h1>A page on another origin</h1>
<form id="form" method="post" enctype="multipart/form-data" action="{action}">
<input type="hidden" name="text" value="{article}"><input type="hidden" name="title" value="planted">
<input type="file" name="file" id="file"></form>
<script>
const planted = new File(["Planted\\n\\nWords the user never added to the library.\\n"], "planted.txt",
                         {{type: "text/plain"}});
if ({with_file}) {{
  const files = new DataTransfer();
  files.items.add(planted);
  document.getElementById("file").files = files.files;
}}
const body = new FormData();
body.append("file", planted);
// the multipart API needs no preflight: without the app's guard this adds a source
fetch("{server}/api/sources/file", {{method: "POST", mode: "no-cors", body}})
  .finally(() => document.getElementById("form").submit());
</script></body></html>"""


@pytest.fixture
def other_origin(tmp_path):
    """A web server on another port of 127.0.0.1: another origin of the same site, the closest an attacker gets."""
    import http.server
    from functools import partial

    folder = tmp_path / "attacker"
    folder.mkdir()
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_a_page_on_another_origin_cannot_add_delete_or_check(page, server, other_origin):
    import httpx

    folder, attacker = other_origin
    source_id = httpx.post(f"{server}/api/sources", json={"text": ACCORD, "title": "Harlow Accord"}).json()[
        "source"]["id"]
    attacks = {"delete": (f"/sources/{source_id}/delete", False), "add": ("/sources", True),
               "check": ("/check", False)}
    for name, (path, with_file) in attacks.items():
        (folder / f"{name}.html").write_text(ATTACK_PAGE.format(action=f"{server}{path}", server=server,
                                                                article=ARTICLE.replace('"', "&quot;"),
                                                                with_file="true" if with_file else "false"))
        page.goto(f"{attacker}/{name}.html")
        page.wait_for_url(f"{server}/**")  # the browser sent the form and shows the app's answer
        assert "another web site" in page.content(), (name, page.url)
    assert [s["title"] for s in httpx.get(f"{server}/api/sources").json()] == ["Harlow Accord"]
    assert httpx.get(f"{server}/api/checks/1").status_code == 404  # no check was run or stored
    page.goto(f"{server}/sources")  # the same forms from the app's own page do work
    page.click("button:text('Remove')")
    page.wait_for_url(f"{server}/sources")
    assert httpx.get(f"{server}/api/sources").json() == []
