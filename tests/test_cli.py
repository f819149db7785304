"""The sourcecheck command end to end: add, sources, remove, quotes; errors exit 2 without tracebacks."""

from __future__ import annotations

import json
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sourcecheck.library import SqliteLibrary

from .conftest import EXAMPLES, speech

ARTICLE = ("Accord at ten\nBy Jane Doe\nMarch 3, 2024\n\n"
           "Interior Minister Dana Keller defended the Harlow Accord on Monday. "
           "“It has kept the peace for ten years,” Keller said, “and it will keep it for ten more.”\n\n"
           "Critics call the accord's enforcement clause a \"paper tiger\".\n")


def test_add_list_remove(cli, library_url):
    db = library_url
    code, out, err = cli("add", speech("1961-01-20-inaugural"), "--db", db)
    assert code == 0 and "added #1" in out
    code, out, _ = cli("add", speech("1961-01-20-inaugural"), "--db", db)
    assert code == 0 and "already in the library" in out
    code, out, _ = cli("sources", "--db", db, "--format", "json")
    rows = json.loads(out)
    assert [r["author"] for r in rows] == ["John F. Kennedy"]
    code, out, _ = cli("sources", "--db", db, "--search", "torch")
    assert "Inaugural address" in out
    code, out, _ = cli("remove", "1", "--db", db)
    assert code == 0 and "removed #1" in out
    code, _, err = cli("remove", "1", "--db", db)
    assert code == 2 and "no source with id 1" in err and "Traceback" not in err


def test_add_a_directory_keeps_going_past_bad_files(cli, tmp_path, write):
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "good.txt").write_text("The Accord\n\nArticle 1. No state shall use force.\n")
    (folder / "empty.txt").write_text("")
    (folder / "notes.md").write_text("# Notes\n\nSome notes on the accord and its history.\n")
    db = tmp_path / "lib.db"
    code, out, err = cli("add", folder, "--db", db)
    assert code == 2 and "empty.txt: empty file" in out + err and "could not be added" in err
    with SqliteLibrary(db) as library:
        assert sorted(s.title for s in library.sources()) == ["Notes", "The Accord"]


def test_sourcecheck_db_environment_variable(cli, tmp_path, monkeypatch, write):
    monkeypatch.setenv("SOURCECHECK_DB", str(tmp_path / "env.db"))
    code, _, _ = cli("add", write("a.txt", "Some source\n\nText of the source document.\n"))
    assert code == 0 and (tmp_path / "env.db").exists()


def test_metadata_options_for_one_document_only(cli, tmp_path, write):
    db = tmp_path / "lib.db"
    a, b = write("a.txt", "First\n\nText one.\n"), write("b.txt", "Second\n\nText two.\n")
    code, _, err = cli("add", a, b, "--title", "X", "--db", db)
    assert code == 2 and "describe one document" in err
    code, _, _ = cli("add", a, "--title", "The Charter", "--author", "UN", "--date", "1945-06-26", "--db", db)
    with SqliteLibrary(db) as library:
        (source,) = library.sources()
    assert (source.title, source.author, source.date) == ("The Charter", "UN", "1945-06-26")


def test_quotes_text_and_json(cli, write):
    path = write("article.txt", ARTICLE)
    code, out, _ = cli("quotes", path)
    assert code == 0 and "Dana Keller" in out and "paper tiger" in out
    code, out, _ = cli("quotes", path, "--format", "json")
    report = json.loads(out)
    assert report["schema"] == "sourcecheck.report/1"
    text = report["article"]["text"]
    assert report["article"]["author"] == "Jane Doe"
    found = [(q["text"], q["kind"], q["speaker"] and q["speaker"]["name"]) for q in report["quotes"]]
    assert found == [
        ("It has kept the peace for ten years,", "direct", "Dana Keller"),
        ("and it will keep it for ten more.", "direct", "Dana Keller"),
        ("paper tiger", "partial", "Critics"),
    ]
    for quote in report["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
    assert report["quotes"][0]["group"] == report["quotes"][1]["group"]


def test_quotes_output_file(cli, write, tmp_path):
    out_file = tmp_path / "out.json"
    code, out, _ = cli("quotes", write("article.txt", ARTICLE), "--format", "json", "-o", out_file)
    assert code == 0 and out == "" and json.loads(out_file.read_text())["summary"]["quotes"] == 3


@pytest.mark.parametrize("args, message", [
    (["quotes", "/nonexistent/article.txt"], "no such file"),
    (["add", "/nonexistent/source.txt"], "no such file"),
    (["quotes", "https://127.0.0.1:9/x.html"], "refusing private or loopback"),
    (["quotes", "ftp://example.org/x"], "no such file"),
])
def test_bad_input_exits_2_with_one_line(cli, tmp_path, args, message):
    code, out, err = cli(*args, *(["--db", tmp_path / "x.db"] if args[0] == "add" else []))
    assert code == 2 and message in out + err and "Traceback" not in out + err


def test_unknown_format_and_bad_db(cli, write, tmp_path):
    code, _, err = cli("quotes", write("x.png", b"\x89PNG\r\n\x1a\n" + bytes(100)))
    assert code == 2 and "unknown format" in err
    bad_db = write("bad.db", b"not sqlite" * 200)
    code, _, err = cli("sources", "--db", bad_db)
    assert code == 2 and "not a sourcecheck library" in err


@pytest.fixture
def web_server(tmp_path):
    (tmp_path / "story.html").write_text(
        "<html><head><title>Story</title></head><body><article><p>"
        + "Filler sentence for the article body. " * 5
        + "The mayor said “we are ready” on Tuesday.</p></article></body></html>", encoding="utf-8")
    (tmp_path / "big.txt").write_text("x" * 100)
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_url_needs_allow_private_for_loopback(cli, web_server, tmp_path):
    code, _, err = cli("quotes", f"{web_server}/story.html")
    assert code == 2 and "refusing private or loopback" in err
    code, out, _ = cli("quotes", f"{web_server}/story.html", "--allow-private", "--format", "json")
    report = json.loads(out)
    assert code == 0 and [q["text"] for q in report["quotes"]] == ["we are ready"]
    assert report["article"]["url"] == f"{web_server}/story.html"
    code, out, _ = cli("add", f"{web_server}/story.html", "--allow-private", "--db", tmp_path / "l.db")
    assert code == 0 and "added #1" in out


def test_url_size_limit_and_http_errors(web_server):
    from sourcecheck.errors import IngestError
    from sourcecheck.fetch import ingest_url

    with pytest.raises(IngestError, match="limit"):
        ingest_url(f"{web_server}/big.txt", allow_private=True, max_bytes=50)
    with pytest.raises(IngestError, match="HTTP 404"):
        ingest_url(f"{web_server}/missing.html", allow_private=True)


@pytest.mark.skipif(not (EXAMPLES / "news-article.html").exists(), reason="examples not bundled")
def test_bundled_examples_show_quotes_and_speakers(cli):
    for name in ("news-article.html", "opinion-piece.txt"):
        code, out, _ = cli("quotes", EXAMPLES / name, "--format", "json")
        report = json.loads(out)
        assert code == 0 and report["summary"]["quotes"] >= 8
        assert report["summary"]["attributed"] >= report["summary"]["quotes"] // 2


def test_reading_commands_never_create_a_library(cli, tmp_path, write):
    missing = tmp_path / "missing.db"
    for args in (["sources"], ["remove", "1"], ["check", write("a.txt", 'He said "hello there" to us.\n')]):
        code, _, err = cli(*args, "--db", missing)
        assert code == 2 and "no library at" in err
    assert not missing.exists()


def test_add_directory_skips_folder_notes(cli, tmp_path):
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "README.md").write_text("# Sources\n\nWhere these files came from.\n")
    (folder / "speech.txt").write_text("A speech\n\nFour score and seven years ago.\n")
    db = tmp_path / "lib.db"
    code, _, _ = cli("add", folder, "--db", db)
    with SqliteLibrary(db) as library:
        assert code == 0 and [s.title for s in library.sources()] == ["A speech"]


def test_unreachable_postgres_is_one_line(cli):
    code, out, err = cli("sources", "--db", "postgresql://me:hunter2@127.0.0.1:9/lib")
    assert code == 2 and "cannot connect to PostgreSQL" in err and "Traceback" not in out + err
    assert "hunter2" not in err and "me:***@127.0.0.1:9" in err
