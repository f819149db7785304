"""The web app through its HTTP interface: pages, JSON API, history, limits and hostile input."""

from __future__ import annotations

import asyncio
import json
import re
import threading

import pytest
from fastapi.testclient import TestClient

from sourcecheck import web
from sourcecheck.web import create_app

ACCORD = ("The Harlow Accord\n\nArticle 1. The Parties shall respect the territorial integrity of every member "
          "state.\n\nArticle 2. The Parties pledge to hold accountable any state that violates this Accord.\n")
ARTICLE = ('The Accord commits its members to "the full territorial integrity of every member state". '
           'It pledged to "hold accountable any state that violates this Accord".')


APP = "http://localhost"  # a name the app serves; TestClient's default "testserver" is not
EVIL = "http://evil.example"


@pytest.fixture
def client(library_url):
    return TestClient(create_app(library_url, max_upload_bytes=64 * 1024), base_url=APP)


@pytest.fixture
def local(tmp_path):
    """A client of an app on a SQLite library: for what does not depend on the backend."""
    return TestClient(create_app(str(tmp_path / "lib.db"), max_upload_bytes=64 * 1024), base_url=APP)


def form_token(client) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/sources").text).group(1)


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
    assert missing.status_code == 404 and "no source" in missing.json()["error"]


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
    token = form_token(client)
    assert client.post("/sources", files={"file": ("accord.txt", ACCORD.encode(), "text/plain")},
                       data={"title": "Harlow Accord", "csrf_token": token}, follow_redirects=False).status_code == 303
    assert "Harlow Accord" in client.get("/sources").text
    response = client.post("/check", data={"text": ARTICLE, "title": "My article", "csrf_token": token},
                           follow_redirects=False)
    assert response.status_code == 303
    report = client.get(response.headers["location"])
    assert report.status_code == 200 and "the full territorial integrity" in report.text
    assert "script-src 'sha256-" in report.headers["content-security-policy"]
    assert "My article" in client.get("/checks").text and "My article" in client.get("/").text


REPORTED = ("Council news\n\nThe Accord commits the Parties to hold accountable any state that violates it. "
            "According to Article 1, the Parties need not respect the territorial integrity of every member state.")


def test_a_check_reports_reported_speech_in_json_page_and_history(client):
    token = form_token(client)
    client.post("/api/sources", json={"text": ACCORD, "title": "Harlow Accord", "author": "Council"})
    report = client.post("/api/check", json={"text": REPORTED, "title": "Council news"}).json()
    verdicts = {r["content"]["text"]: r["verdict"] for r in report["reported"]}
    assert verdicts == {"the Parties to hold accountable any state that violates it": "consistent",
                        "the Parties need not respect the territorial integrity of every member state": "differs"}
    differs = next(r for r in report["reported"] if r["verdict"] == "differs")
    assert "negation" in [d["item"] for d in differs["differences"]]
    assert differs["passage"]["source"]["title"] == "Harlow Accord"
    assert client.get(f"/api/checks/{report['check_id']}").json()["reported"] == report["reported"]
    page = client.get(f"/checks/{report['check_id']}").text
    assert 'class="r differs"' in page and 'id="reported-detail-1"' in page and "not an entailment check" in page
    response = client.post("/check", data={"text": REPORTED, "title": "Council form", "csrf_token": token},
                           follow_redirects=False)
    assert 'class="r differs"' in client.get(response.headers["location"]).text
    assert "1 reported differs" in client.get("/checks").text


TREATY = ACCORD + ("\nArticle 3. No Party shall station more than 40,000 troops within 50 kilometres of another "
                   "Party's border.\n")
CLAIMING = ("Border talks\n\nThe Harlow Accord bars any Party from stationing more than 60,000 troops within 50 "
            "kilometres of another Party's border. Velmaria has 45,000 soldiers in the north, according to its own "
            "figures. That is a reckless provocation, and the Council should say so.")


def test_a_check_reports_claims_and_opinion_in_json_page_and_history(client):
    client.post("/api/sources", json={"text": TREATY, "title": "Harlow Accord", "author": "Council"})
    report = client.post("/api/check", json={"text": CLAIMING, "title": "Border talks"}).json()
    labels = {s["text"]: (s["voice"], s["label"]) for s in report["claims"]["sentences"]}
    assert labels["That is a reckless provocation, and the Council should say so."] == ("own", "opinion")
    assert labels["Velmaria has 45,000 soldiers in the north, according to its own figures."] == ("reported", None)
    [claim] = report["claims"]["claims"]
    assert claim["verdict"] == "differs" and claim["passage"]["source"]["title"] == "Harlow Accord"
    assert [(d["item"], d["article"]["text"], d["passage"]["text"]) for d in claim["differences"]] == \
        [("number", "60,000", "40,000")]
    assert client.get(f"/api/checks/{report['check_id']}").json()["claims"] == report["claims"]
    page = client.get(f"/checks/{report['check_id']}").text  # the HTML report: claims underlined, opinion shaded
    assert 'class="c claim differs"' in page and 'id="claim-detail-0"' in page and 'class="o opinion"' in page
    assert '<mark class="diff">60,000</mark>' in page and '<mark class="diff">40,000</mark>' in page
    assert "1 claims differ" in client.get("/checks").text


def test_every_page_has_a_content_security_policy(client):
    for path in ("/", "/sources", "/checks", "/openapi.json"):
        assert "default-src 'none'" in client.get(path).headers["content-security-policy"]


def test_upload_limit_and_bad_input_are_clear(client):
    big = client.post("/api/check/file", files={"file": ("big.txt", b"word " * 20_000, "text/plain")})
    assert big.status_code == 413 and "upload limit" in big.json()["error"]
    empty = client.post("/api/check", json={"text": "   "})
    assert empty.status_code == 400 and "give `text` or `url`" in empty.json()["error"]
    binary = client.post("/sources", files={"file": ("x.png", b"\x89PNG\r\n\x1a\n" + bytes(50), "image/png")},
                         headers={"Origin": APP})
    assert binary.status_code == 400 and "unknown format" in binary.text
    private = client.post("/api/check", json={"url": "http://127.0.0.1:9/"})
    assert private.status_code == 400 and "private or loopback" in private.json()["error"]


def test_hostile_text_is_escaped_in_pages(client):
    payload = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    client.post("/api/sources", json={"text": f"Evil source\n\nIt says {payload} here.", "title": payload})
    listing = client.get("/sources").text
    assert payload not in listing and "&lt;script&gt;alert(1)&lt;/script&gt;" in listing
    response = client.post("/check", data={"text": f'He said "{payload}" and left.', "title": payload},
                           headers={"Origin": APP}, follow_redirects=False)
    page = client.get(response.headers["location"]).text
    assert "<script>alert" not in page and "<img" not in page
    assert payload not in client.get("/checks").text


def test_oversized_request_is_refused_before_it_is_read(client):
    huge = client.post("/check", files={"file": ("huge.txt", b"x" * (300 * 1024), "text/plain")},
                       headers={"Origin": APP})
    assert huge.status_code == 413 and "upload limit" in huge.text and huge.headers["connection"] == "close"


def test_an_article_over_the_check_limits_is_refused_naming_the_setting(client):
    # a list article quoting 3,000 slogans: under the upload and length limits, over the quote marks
    slogans = "\n".join(f'{i}. "Vote for number {i}," the poster said.' for i in range(1500))
    response = client.post("/api/check", json={"text": slogans}, headers={"Origin": APP})
    assert response.status_code == 413
    assert "quotation marks" in response.json()["error"] and "SOURCECHECK_MAX_QUOTE_MARKS" in response.json()["error"]
    assert "Vote for number" not in client.get("/checks").text  # nothing half-checked was saved


def test_another_site_cannot_add_delete_or_check(local):
    source_id = local.post("/api/sources", json={"text": ACCORD, "title": "Harlow Accord"}).json()["source"]["id"]
    token = form_token(local)
    upload = {"file": ("accord2.txt", (ACCORD + "Article 3.\n").encode(), "text/plain")}
    foreign = [{"Origin": EVIL}, {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"},
               {"Sec-Fetch-Site": "same-site", "Origin": "http://localhost:3000"}]  # another port is another origin
    for headers in foreign:
        attempts = [local.post(f"/sources/{source_id}/delete", data={"csrf_token": token}, headers=headers),
                    local.post("/sources", files=upload, data={"csrf_token": token}, headers=headers),
                    local.post("/check", data={"text": ARTICLE, "csrf_token": token}, headers=headers),
                    local.post("/api/sources/file", files=upload, headers=headers),
                    local.post("/api/check", json={"text": ARTICLE}, headers=headers),
                    local.delete(f"/api/sources/{source_id}", headers=headers)]
        for response in attempts:
            assert response.status_code == 403, (headers, response.request.url)
            assert "another web site" in response.text
            assert "default-src 'none'" in response.headers["content-security-policy"]
    assert [s["id"] for s in local.get("/api/sources").json()] == [source_id]
    assert local.get("/api/checks/1").status_code == 404  # no check was run
    same = local.post(f"/sources/{source_id}/delete", headers={"Origin": APP, "Sec-Fetch-Site": "same-origin"},
                      follow_redirects=False)
    assert same.status_code == 303 and local.get("/api/sources").json() == []


def test_a_form_without_origin_must_carry_the_page_token(local):
    source_id = local.post("/api/sources", json={"text": ACCORD, "title": "Harlow Accord"}).json()["source"]["id"]
    for token in ("", "forged"):
        refused = local.post(f"/sources/{source_id}/delete", data={"csrf_token": token})
        assert refused.status_code == 403 and "reload the page" in refused.text
    assert local.post(f"/sources/{source_id}/delete", data={"csrf_token": form_token(local)},
                      follow_redirects=False).status_code == 303


def test_unknown_host_names_are_refused(tmp_path):
    app = create_app(str(tmp_path / "lib.db"), allowed_hosts=["sourcecheck.lan"])
    for host, status in [("localhost:8000", 200), ("127.0.0.1:8000", 200), ("[::1]:8000", 200),
                         ("192.168.1.20:8000", 200), ("sourcecheck.lan", 200), ("attacker.example:8000", 400),
                         ("localhost.attacker.example", 400)]:
        response = TestClient(app, base_url=f"http://{host}").get("/sources")
        assert response.status_code == status, host
    refused = TestClient(app, base_url="http://attacker.example:8000").get("/api/sources")
    assert "--allowed-host attacker.example" in refused.json()["error"]


def test_a_full_check_queue_answers_busy_while_pages_stay_open(tmp_path, monkeypatch):
    started, release = threading.Event(), threading.Event()
    real_check = web.check_article

    def slow_check(doc, libraries, **options):
        started.set()
        release.wait(30)
        return real_check(doc, libraries, **options)

    monkeypatch.setattr(web, "check_article", slow_check)
    client = TestClient(create_app(str(tmp_path / "lib.db"), max_checks=1), base_url=APP)
    first: list = []
    running = threading.Thread(target=lambda: first.append(client.post("/api/check", json={"text": ARTICLE})))
    running.start()
    try:
        assert started.wait(30)
        busy = client.post("/api/check", json={"text": ARTICLE})
        assert busy.status_code == 503 and int(busy.headers["retry-after"]) >= 1
        assert "busy" in busy.json()["error"] and "retry" in busy.json()["error"]
        page = client.post("/check", data={"text": ARTICLE}, headers={"Origin": APP})
        assert page.status_code == 503 and "busy" in page.text and "retry-after" in page.headers
        assert client.get("/sources").status_code == 200 and client.get("/").status_code == 200
    finally:
        release.set()
        running.join(60)
    assert first[0].status_code == 200
    assert client.post("/api/check", json={"text": ARTICLE}).status_code == 200  # the slot was given back


MULTIPART_HEAD = (b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n'
                  b"Content-Type: text/plain\r\n\r\n")


def _stream(app, path: str, content_type: str, head: bytes, chunks: int,
            chunk_size: int = 64 * 1024) -> tuple[int, int, bytes]:
    """Send a body in chunks without Content-Length (as a chunked upload does): (status, bytes read, body)."""
    read = 0
    sent: list[dict] = []

    async def receive():
        nonlocal read
        if read >= chunks * chunk_size:
            return {"type": "http.request", "body": b"", "more_body": False}
        chunk = head if read == 0 else b"x" * chunk_size
        read += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"host", b"localhost"), (b"content-type", content_type.encode()),
                         (b"transfer-encoding", b"chunked")], "client": ("127.0.0.1", 5000),
             "server": ("127.0.0.1", 8000)}
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    assert (b"content-security-policy", web.APP_CSP.encode()) in start["headers"]
    if start["status"] == 413:
        assert (b"connection", b"close") in start["headers"]  # the server stops reading what the client still sends
    return start["status"], read, body


def test_a_chunked_body_over_the_limit_is_cut_off_while_it_streams(tmp_path):
    limit = 64 * 1024
    app = create_app(str(tmp_path / "lib.db"), max_upload_bytes=limit)
    most = limit + web.MULTIPART_SLACK + 64 * 1024  # the limit, the form's slack and the chunk that crossed it
    for path, content_type, head in [("/api/check", "application/json", b'{"text": "'),
                                     ("/api/sources", "application/json", b'{"text": "'),
                                     ("/api/sources/file", "multipart/form-data; boundary=b", MULTIPART_HEAD),
                                     ("/check", "multipart/form-data; boundary=b", MULTIPART_HEAD)]:
        status, read, body = _stream(app, path, content_type, head, chunks=300 * 16)  # 300 MB offered
        assert status == 413 and b"upload limit" in body, path
        assert read <= most, path


def test_an_article_over_the_check_limit_is_refused_with_the_limit_named(tmp_path):
    client = TestClient(create_app(str(tmp_path / "lib.db"), max_article_chars=2_000), base_url=APP)
    long_text = ARTICLE + " Filler words go on." * 200
    refused = client.post("/api/check", json={"text": long_text})
    assert refused.status_code == 413
    assert "at most 2,000" in refused.json()["error"] and "--max-article-chars" in refused.json()["error"]
    file = client.post("/api/check/file", files={"file": ("long.txt", long_text.encode(), "text/plain")})
    assert file.status_code == 413 and "at most 2,000" in file.json()["error"]


def test_a_crash_is_a_500_that_still_carries_the_security_headers(tmp_path, monkeypatch):
    def broken(doc, libraries, **options):
        raise RuntimeError("a bug")

    monkeypatch.setattr(web, "check_article", broken)
    client = TestClient(create_app(str(tmp_path / "lib.db")), base_url=APP, raise_server_exceptions=False)
    for response in (client.post("/api/check", json={"text": ARTICLE}),
                     client.post("/check", data={"text": ARTICLE}, headers={"Origin": APP})):
        assert response.status_code == 500 and "internal error" in response.text and "a bug" not in response.text
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"


def test_bad_input_is_a_4xx_with_a_clear_message(local):
    assert local.get("/checks/not-a-number").status_code == 422
    huge_id = local.delete("/api/sources/99999999999999999999999")
    assert huge_id.status_code == 422 and "source_id" in huge_id.json()["error"]
    not_json = local.post("/api/check", content=b"{not json", headers={"Content-Type": "application/json"})
    assert not_json.status_code == 422 and "JSON" in not_json.json()["error"]
    wrong_type = local.post("/api/sources", content=json.dumps({"text": 5}), headers={"Content-Type": "application/json"})
    assert wrong_type.status_code == 422 and "text" in wrong_type.json()["error"]
    missing = local.get("/nowhere")
    assert missing.status_code == 404 and "no such page" in missing.text


def test_serve_answers_to_its_host_and_the_allowed_hosts_only(cli, tmp_path, monkeypatch):
    import uvicorn

    served = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: served.update(app=app, **options))
    code, _, _ = cli("serve", "--db", tmp_path / "lib.db", "--host", "box.lan", "--allowed-host", "checker.lan")
    assert code == 0 and served["host"] == "box.lan"
    for host, status in [("box.lan:8000", 200), ("checker.lan", 200), ("localhost", 200), ("rebound.example", 400)]:
        assert TestClient(served["app"], base_url=f"http://{host}").get("/").status_code == status, host
    code, _, err = cli("serve", "--db", tmp_path / "lib.db", "--port", "99999")
    assert code == 2 and "65535" in err
