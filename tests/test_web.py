"""The web app through its HTTP interface: pages, JSON API, history, limits and hostile input."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sourcecheck.web import create_app

ACCORD = ("The Harlow Accord\n\nArticle 1. The Parties shall respect the territorial integrity of every member "
          "state.\n\nArticle 2. The Parties pledge to hold accountable any state that violates this Accord.\n")
ARTICLE = ('The Accord commits its members to "the full territorial integrity of every member state". '
           'It pledged to "hold accountable any state that violates this Accord".')


@pytest.fixture
def client(library_url):
    return TestClient(create_app(library_url, max_upload_bytes=64 * 1024))


def test_api_add_check_list_remove(client):
    added = client.post("/api/sources", json={"text": ACCORD, "title": "Harlow Accord", "author": "Council"})
    assert added.status_code == 200 and added.json()["created"]
    source_id = added.json()["source"]["id"]
    again = client.post("/api/sources", json={"text": ACCORD, "title": "Harlow Accord"})
    assert again.json()["created"] is False
    report = client.post("/api/check", json={"text": ARTICLE}).json()
    assert report["schema"] == "sourcecheck.report/1"
    assert [q["verdict"] for q in report["quotes"]] == ["altered", "verbatim"]
    assert client.get(f"/api/checks/{report['check_id']}").json()["quotes"][0]["edits"][0]["article"] == "full"
    assert [s["title"] for s in client.get("/api/sources", params={"q": "accountable"}).json()] == ["Harlow Accord"]
    assert client.delete(f"/api/sources/{source_id}").status_code == 200
    assert client.get("/api/sources").json() == []
    missing = client.delete(f"/api/sources/{source_id}")
    assert missing.status_code == 400 and "no source" in missing.json()["error"]


def test_upload_source_and_article_files(client):
    files = {"file": ("accord.txt", ACCORD.encode(), "text/plain")}
    assert client.post("/api/sources/file", files=files, data={"author": "Council"}).json()["source"]["author"] == \
        "Council"
    report = client.post("/api/check/file", files={"file": ("article.md", ARTICLE.encode(), "text/markdown")}).json()
    assert report["summary"]["by_verdict"]["altered"] == 1


def test_openapi_describes_the_api(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/check", "/api/sources", "/api/sources/{source_id}", "/api/check/file"} <= set(paths)
    assert "delete" in paths["/api/sources/{source_id}"]


def test_pages_form_flow_and_history(client):
    assert client.post("/sources", files={"file": ("accord.txt", ACCORD.encode(), "text/plain")},
                       data={"title": "Harlow Accord"}, follow_redirects=False).status_code == 303
    assert "Harlow Accord" in client.get("/sources").text
    response = client.post("/check", data={"text": ARTICLE, "title": "My article"}, follow_redirects=False)
    assert response.status_code == 303
    report = client.get(response.headers["location"])
    assert report.status_code == 200 and "the full territorial integrity" in report.text
    assert "script-src 'sha256-" in report.headers["content-security-policy"]
    assert "My article" in client.get("/checks").text and "My article" in client.get("/").text


def test_every_page_has_a_content_security_policy(client):
    for path in ("/", "/sources", "/checks", "/openapi.json"):
        assert "default-src 'none'" in client.get(path).headers["content-security-policy"]


def test_upload_limit_and_bad_input_are_clear(client):
    big = client.post("/api/check/file", files={"file": ("big.txt", b"word " * 20_000, "text/plain")})
    assert big.status_code == 413 and "upload limit" in big.json()["error"]
    empty = client.post("/api/check", json={"text": "   "})
    assert empty.status_code == 400 and "give `text` or `url`" in empty.json()["error"]
    binary = client.post("/sources", files={"file": ("x.png", b"\x89PNG\r\n\x1a\n" + bytes(50), "image/png")})
    assert binary.status_code == 400 and "unknown format" in binary.text
    private = client.post("/api/check", json={"url": "http://127.0.0.1:9/"})
    assert private.status_code == 400 and "private or loopback" in private.json()["error"]


def test_hostile_text_is_escaped_in_pages(client):
    payload = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    client.post("/api/sources", json={"text": f"Evil source\n\nIt says {payload} here.", "title": payload})
    listing = client.get("/sources").text
    assert payload not in listing and "&lt;script&gt;alert(1)&lt;/script&gt;" in listing
    response = client.post("/check", data={"text": f'He said "{payload}" and left.', "title": payload},
                           follow_redirects=False)
    page = client.get(response.headers["location"]).text
    assert "<script>alert" not in page and "<img" not in page
    assert payload not in client.get("/checks").text


def test_oversized_request_is_refused_before_it_is_read(client):
    huge = client.post("/check", files={"file": ("huge.txt", b"x" * (300 * 1024), "text/plain")})
    assert huge.status_code == 413 and "upload limit" in huge.text
