"""Hostile input: damaged, mutated and pathological documents, bad URLs and arguments, a full disk
and a damaged library. Every one ends in one `error: …` line and exit code 2 (or a normal result),
never a traceback, never exit 1 for a crash, never a hang, and nothing already stored is lost.

The fuzz corpus (tests/hostile/corpus.py) is seeded: a failure here is reproducible by its name.
bench/fuzz.py runs the same generator at length (10,000+ inputs, in watched subprocesses).
"""

from __future__ import annotations

import errno
import random
import signal
import sqlite3
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sourcecheck.errors import IngestError, SourcecheckError
from sourcecheck.library import SqliteLibrary as Library

from .hostile.corpus import (
    all_cases,
    docx_bomb,
    docx_seed,
    docx_with_document_xml,
    pdf_flate_bomb,
    pdf_many_pages,
    pdf_odd_encryption,
    pdf_xref_loop,
    pdf_xref_self,
    text_seed,
)

FUZZ_CASES = 200
CASE_SECONDS = 20  # far above what any case takes; only a real hang reaches it


class Hang(BaseException):
    """Not an Exception: the code under test must not be able to swallow it."""


def _run_guarded(action, seconds: float = CASE_SECONDS):
    def expired(signum, frame):
        raise Hang

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return action()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def seed_library():
    from sourcecheck.ingest import ingest_bytes

    library = Library(":memory:")
    library.add(ingest_bytes(text_seed(), name="accord.txt"))
    yield library
    library.close()


def test_fuzz_corpus_ends_in_a_result_or_a_sourcecheck_error(seed_library, monkeypatch):
    """A few hundred mutated and truncated HTML/PDF/DOCX/Markdown/text files and small versions of
    the pathological ones, through ingest, quotes and check: nothing but SourcecheckError escapes."""
    from sourcecheck.check import check_article
    from sourcecheck.ingest import ingest_bytes
    from sourcecheck.pipeline import analyse_quotes, within_check_limits

    monkeypatch.setenv("SOURCECHECK_MAX_UNPACKED_MB", "20")
    outcomes = {"read": 0, "refused": 0}
    failures = []
    for case in all_cases(FUZZ_CASES, scale=0.02, seed=15):

        def run(case=case):
            doc = ingest_bytes(case.data, name=case.name)
            within_check_limits(doc, case.name)
            analyse_quotes(doc)
            check_article(doc, [seed_library])

        try:
            _run_guarded(run)
            outcomes["read"] += 1
        except SourcecheckError as exc:
            assert "\n" not in str(exc) and str(exc).startswith(case.name), (case.name, str(exc))
            outcomes["refused"] += 1
        except Hang:
            failures.append(f"{case.name}: still running after {CASE_SECONDS} s")
        except Exception as exc:  # noqa: BLE001 - what the test is looking for
            failures.append(f"{case.name}: {exc.__class__.__name__}: {exc}")
    assert not failures, failures
    # the corpus is not all refusals: mutations that keep a document readable are read
    assert outcomes["read"] > 50 and outcomes["refused"] > 50, outcomes


# ---------------------------------------------------------------- one error line, exit 2


def _one_error_line(code: int, err: str) -> str:
    """The error line; `add` follows it with its tally ("1 of 1 could not be added")."""
    assert code == 2, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines[0].startswith("error: ") and all(" could not be added" in line for line in lines[1:]), err
    return lines[0]


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("xref-loop.pdf", pdf_xref_loop(), "cross-reference table loops"),
    ("xref-self.pdf", pdf_xref_self(), "cross-reference table loops"),
    ("odd-encryption.pdf", pdf_odd_encryption(), "encrypted PDF"),
    ("truncated.pdf", pdf_flate_bomb(1)[:400], "not a readable PDF"),
    ("bad-xml.docx", docx_with_document_xml(b"<w:document><w:body><w:p>"), "not a readable DOCX"),
    ("bad-member.docx", docx_seed()[:-300] + bytes(300), "error: "),
    ("lone-surrogates.txt", b"\xed\xa0\x80 text \xed\xb0\x80 \xff", "error: "),
], ids=lambda value: value if isinstance(value, str) and "." in value else "")
def test_a_damaged_document_is_one_error_line(cli, write, name, data, expected):
    path = write(name, data)
    for command in (("quotes", path), ("add", path, "--db", path.parent / "lib.db")):
        code, _, err = cli(*command)
        if code != 2 and name == "lone-surrogates.txt":
            continue  # decoded with replacement characters: a document, not an error
        line = _one_error_line(code, err)
        assert expected in line and name in line


@pytest.mark.parametrize("url", ["http://a:99999/", "http://[::1/", "http://a..b/"])
def test_a_bad_url_is_one_error_line(cli, url):
    code, _, err = cli("quotes", url)
    assert url in _one_error_line(code, err) or "a..b" in err


@pytest.mark.parametrize("args", [("remove", "99999999999999999999999"), ("remove", "0"),
                                  ("serve", "--port", "99999"), ("serve", "--port", "-1")])
def test_an_out_of_range_number_is_a_usage_error(cli, tmp_path, args):
    code, _, err = cli(*args, "--db", tmp_path / "lib.db")
    assert code == 2 and "Traceback" not in err and "Invalid value" in err


def test_a_crash_exits_2_with_one_line_not_1(cli, write, monkeypatch):
    """A pre-publication script reads exit code 1 as "a quote was altered": a bug must not say that."""
    import sourcecheck.cli

    def broken(*args, **kwargs):
        raise RuntimeError("something\nwent wrong")

    monkeypatch.setattr(sourcecheck.cli, "analyse_quotes", broken)
    code, _, err = cli("quotes", write("a.txt", text_seed()))
    line = _one_error_line(code, err)
    assert "unexpected RuntimeError: something went wrong" in line and "SOURCECHECK_DEBUG" in line


# ---------------------------------------------------------------- limits name their setting


@pytest.mark.parametrize(("name", "data", "variable"), [
    ("bomb.docx", docx_bomb(12), "SOURCECHECK_MAX_UNPACKED_MB"),
    ("bomb.pdf", pdf_flate_bomb(12), "SOURCECHECK_MAX_UNPACKED_MB"),
    ("pages.pdf", pdf_many_pages(60), "SOURCECHECK_MAX_PAGES"),
    ("marks.txt", b"He said " + "\u201ca\u201d ".encode() * 300, "SOURCECHECK_MAX_QUOTE_MARKS"),
    ("line.txt", b"word " * 30_000, "SOURCECHECK_MAX_ARTICLE_CHARS"),
    ("nested.md", b"> " * 200 + b"\"deep\"", "SOURCECHECK_MAX_DEPTH"),
    ("brackets.md", b"Intro.\n\n" + b"[" * 3000 + b"](", "SOURCECHECK_MAX_WORD_CHARS"),
    ("big.html", b"<html><body>" + b"<p>Keller said it works.</p>" * 2000, "SOURCECHECK_MAX_HTML_CHARS"),
], ids=lambda value: value if isinstance(value, str) and "." in value else "")
def test_a_document_over_a_limit_is_refused_naming_the_setting(cli, write, monkeypatch, name, data, variable):
    for setting, value in {"SOURCECHECK_MAX_UNPACKED_MB": "10", "SOURCECHECK_MAX_PAGES": "50",
                           "SOURCECHECK_MAX_QUOTE_MARKS": "500", "SOURCECHECK_MAX_ARTICLE_CHARS": "100000",
                           "SOURCECHECK_MAX_HTML_CHARS": "20000"}.items():
        monkeypatch.setenv(setting, value)
    code, _, err = cli("quotes", write(name, data))
    line = _one_error_line(code, err)
    assert variable in line and "over the limit" in line


def test_a_limit_set_to_0_is_no_limit(cli, write, monkeypatch):
    path = write("pages.pdf", pdf_many_pages(60))
    monkeypatch.setenv("SOURCECHECK_MAX_PAGES", "50")
    assert cli("quotes", path)[0] == 2
    monkeypatch.setenv("SOURCECHECK_MAX_PAGES", "0")
    code, out, _ = cli("quotes", path)
    assert code == 0 and "60 quotes" in out


def test_the_time_limit_stops_a_document_and_names_its_setting(cli, write, monkeypatch):
    import sourcecheck.cli

    def slow(*args, **kwargs):
        time.sleep(5)

    monkeypatch.setenv("SOURCECHECK_MAX_SECONDS", "0.5")
    monkeypatch.setattr(sourcecheck.cli, "analyse_quotes", slow)
    code, _, err = cli("quotes", write("a.txt", text_seed()))
    line = _one_error_line(code, err)
    assert "SOURCECHECK_MAX_SECONDS" in line and "a.txt" in line


# ---------------------------------------------------------------- add DIR, full disk, damaged library


def test_add_dir_stores_the_good_files_and_reports_the_bad(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCECHECK_MAX_UNPACKED_MB", "0.5")
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "a-good.txt").write_bytes(text_seed())
    (folder / "b-broken.docx").write_bytes(docx_with_document_xml(b"<w:document><w:body><w:p>"))
    (folder / "c-bomb.pdf").write_bytes(pdf_flate_bomb(1))
    (folder / "d-good.md").write_text("# Notes\n\nThe accord was signed in 2014, its text says.\n")
    db = tmp_path / "lib.db"
    code, _, err = cli("add", folder, "--db", db, "--quiet")
    assert code == 2 and "Traceback" not in err
    assert "b-broken.docx" in err and "2 added" in err and "2 failed" in err
    with Library(db) as library:
        assert sorted(s.title for s in library.sources()) == ["Accord at ten", "Notes"]


def test_a_full_disk_during_add_keeps_what_was_stored(cli, tmp_path, monkeypatch):
    db = tmp_path / "lib.db"
    first = tmp_path / "first.txt"
    first.write_bytes(text_seed())
    assert cli("add", first, "--db", db)[0] == 0

    import sourcecheck.segments

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "lib.db.index" / "seg-x"))

    monkeypatch.setattr(sourcecheck.segments, "write", full)
    second = tmp_path / "second.txt"
    second.write_text("Another source\n\nA text that is not stored because the disk is full today.\n")
    code, _, err = cli("add", second, "--db", db)
    line = _one_error_line(code, err)
    assert "no space left" in line.lower() and "free some space" in line
    monkeypatch.undo()
    with Library(db) as library:
        assert [s.title for s in library.sources()] == ["Accord at ten"]
        assert library.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_full_disk_while_writing_a_report_keeps_the_last_one(cli, write, tmp_path, monkeypatch):
    article = write("a.txt", text_seed())
    report = tmp_path / "report.json"
    assert cli("quotes", article, "--format", "json", "-o", report)[0] == 0
    before = report.read_text()

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_text", full)
    for fmt in ("json", "text"):
        code, _, err = cli("quotes", article, "--format", fmt, "-o", report)
        line = _one_error_line(code, err)
        assert "No space left on device" in line and "report.json" in line
    monkeypatch.undo()
    assert report.read_text() == before and not list(tmp_path.glob("*.part"))


@pytest.fixture
def stored(cli, tmp_path):
    db = tmp_path / "lib.db"
    source = tmp_path / "accord.txt"
    source.write_bytes(text_seed())
    assert cli("add", source, "--db", db)[0] == 0
    article = tmp_path / "article.txt"
    article.write_text("Keller said the accord “has kept the peace for ten years”.\n")
    return db, article


def test_a_damaged_database_file_names_the_check_to_run(cli, stored):
    db, article = stored
    data = bytearray(db.read_bytes())
    flips = random.Random(15)
    for page in range(1, len(data) // 4096):  # flip bytes in every page but the first (the header)
        for _ in range(20):
            data[page * 4096 + flips.randrange(4096)] ^= 0xFF
    db.write_bytes(bytes(data))
    for args in (("sources", "--db", db), ("check", article, "--db", db), ("add", article, "--db", db)):
        code, _, err = cli(*args)
        line = _one_error_line(code, err)
        assert "PRAGMA integrity_check" in line, line


def test_a_missing_index_segment_says_how_to_rebuild(cli, stored):
    db, article = stored
    for segment in Path(str(db) + ".index").glob("seg-*"):
        segment.unlink()
    code, _, err = cli("check", article, "--db", db)
    line = _one_error_line(code, err)
    assert "index" in line and "PRAGMA integrity_check" in line and "new library" in line


def test_a_damaged_full_text_index_says_how_to_rebuild_it(cli, stored):
    db, _ = stored
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE sources_fts_data SET block = x'00ff00ff' WHERE id > 10")
    code, _, err = cli("sources", "--db", db, "--search", "peace")
    line = _one_error_line(code, err)
    assert "PRAGMA integrity_check" in line or "rebuild" in line


def test_bad_json_in_a_row_is_reported_as_damage(cli, stored):
    db, article = stored
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE sources SET blocks = '[[0, 1, \"paragraph\"'")
    code, _, err = cli("check", article, "--db", db)
    line = _one_error_line(code, err)
    assert "damaged" in line and "PRAGMA integrity_check" in line


# ---------------------------------------------------------------- URL fetching


@pytest.fixture
def drip_server():
    """A local server that sends one byte every 0.3 s for 6 s, and counts its requests."""
    hits = []

    class Drip(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(20):
                    self.wfile.write(b"a ")
                    self.wfile.flush()
                    time.sleep(0.3)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Drip)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], hits
    server.shutdown()


def test_the_url_time_limit_is_a_total_not_per_read(drip_server):
    from sourcecheck.fetch import fetch

    port, _ = drip_server
    with pytest.raises(IngestError, match="timed out after 1 s"):
        fetch(f"http://127.0.0.1:{port}/slow", allow_private=True, timeout=1)


def test_the_address_checked_is_the_address_connected_to(drip_server, monkeypatch):
    """A resolver answering a public address to the check and 127.0.0.1 to the connection must not
    reach the local server: the host is resolved once, and that address is connected to."""
    import socket

    from sourcecheck.fetch import fetch

    port, hits = drip_server
    real = socket.getaddrinfo
    answers = iter(["1.1.1.1"] + ["127.0.0.1"] * 10)

    def rebinding(host, *args, **kwargs):
        if host == "rebind.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with pytest.raises(IngestError):  # 1.1.1.1 on that port: refused or timed out, wherever this runs
        fetch(f"http://rebind.example:{port}/", timeout=2)
    assert hits == []
