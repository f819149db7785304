"""The contract of a source library, asserted alike for both backends (SQLite and PostgreSQL)
through the `Library` protocol: what cli, web, corpus and check rely on."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

import pytest

from sourcecheck import library_base
from sourcecheck.errors import LibraryError
from sourcecheck.history import open_history
from sourcecheck.ingest import Document, ingest_bytes, ingest_path
from sourcecheck.libraries import Library, is_postgres_url, open_library
from sourcecheck.tokens import normalized_words

from .conftest import speech, speeches


@pytest.fixture
def library(library_url: str) -> Iterator[Library]:
    with open_library(library_url) as lib:
        yield lib


def _texts(count: int) -> list[Document]:
    """Small distinct documents (a paragraph of a speech each), no dataset needed."""
    words = ("we hold these truths to be self evident that all men are created equal that they are endowed by "
             "their creator with certain unalienable rights that among these are life liberty and the pursuit of "
             "happiness").split()
    return [ingest_bytes(f"Paragraph {i}\n\n{' '.join(words[i % 7:] + words[: i % 7])} number {i}.\n".encode(),
                         f"doc-{i}.txt") for i in range(count)]


# ---------------------------------------------------------------- sources


def test_add_stores_text_metadata_and_is_idempotent(library):
    doc = ingest_path(speech("1961-01-20-inaugural"))
    first = library.add(doc)
    again = library.add(ingest_path(speech("1961-01-20-inaugural")))
    assert first.created and not again.created and again.source.id == first.source.id
    assert library.count() == 1
    stored = library.get(first.source.id)
    assert stored.text == doc.text and stored.blocks == doc.blocks
    assert stored.source.author == "John F. Kennedy" and stored.source.date == "1961-01-20"


def test_user_metadata_overrides_inferred(library, write):
    doc = ingest_path(write("accord.txt", "The Accord\n\nArticle 1. No state shall use force.\n"))
    source = library.add(doc, doc.metadata.merged(title="Harlow Accord", author="Council")).source
    assert (source.title, source.author) == ("Harlow Accord", "Council")


def test_remove_deletes_text_index_and_postings(library):
    kept = library.add(ingest_path(speech("1961-01-20-inaugural"))).source
    gone = library.add(ingest_path(speech("1933-03-04-first-inaugural"))).source
    library.remove(gone.id)
    assert [s.id for s in library.sources()] == [kept.id]
    assert library.search('"fear itself"') == []
    assert library.candidates(normalized_words("the only thing we have to fear is fear itself")) == []
    with pytest.raises(LibraryError, match="no source with id"):
        library.remove(gone.id)
    back = library.add(ingest_path(speech("1933-03-04-first-inaugural")))
    assert back.created
    assert library.candidates(normalized_words("the only thing we have to fear is fear itself"))[0].source_id \
        == back.source.id


def test_full_text_search(library):
    library.add(ingest_path(speech("1961-01-20-inaugural")))
    library.add(ingest_path(speech("1933-03-04-first-inaugural")))
    assert [s.author for s in library.search("ask not what your country")] == ["John F. Kennedy"]
    assert [s.author for s in library.search('"fear itself"')] == ["Franklin D. Roosevelt"]


def test_candidates_find_an_altered_passage(library):
    for name in ("1961-01-20-inaugural", "1933-03-04-first-inaugural", "1863-11-19-gettysburg-address"):
        library.add(ingest_path(speech(name)))
    jfk = library.search("ask not")[0]
    # "full" inserted, "any" replaced, a word dropped: most trigrams survive
    query = normalized_words("we shall pay the full price, bear every burden, meet any hardship, support every "
                             "friend, oppose every foe, to assure the survival and the success of liberty")
    best = library.candidates(query)[0]
    assert best.source_id == jfk.id and best.score > 0.4
    words = normalized_words(library.get(jfk.id).text)
    assert "price" in words[best.word_start : best.word_end]


def test_phrase_lookup_for_short_quotes(library):
    library.add(ingest_path(speech("1961-01-20-inaugural")))
    assert library.phrase_sources(["torch"]) != []
    assert library.phrase_sources(["red", "line"]) == []


def test_a_bulk_add_says_when_every_document_is_read_and_stores_them_all(library, monkeypatch):
    """Once the last document is read, a progress bar stands at 100% while the last batch is
    stored: add_many says so, after every document was read."""
    docs = [ingest_path(p) for p in speeches("19*.txt", 9)]
    monkeypatch.setattr(library_base, "BATCH_CHARS", sum(len(d.text) for d in docs[:-1]))  # a batch, then one
    events: list[str] = []

    def read() -> Iterator[tuple[Document, None]]:
        for doc in docs:
            events.append("read")
            yield doc, None

    assert library.add_many(read(), on_result=lambda _: events.append("stored"), on_phase=events.append) == []
    assert events.index(library_base.STORING_LAST) > max(i for i, e in enumerate(events) if e == "read")
    assert events.count("stored") == len(docs) == library.count()


def test_search_words_are_case_and_accent_insensitive(library):
    doc = ingest_bytes("Dvořák's Largo\n\nThe CAFÉ on the Ōhashi bridge served naïve coffee.\n".encode(), name="c.txt")
    library.add(doc)
    assert len(library.search("cafe ohashi")) == 1 and len(library.search('"NAIVE coffee"')) == 1
    assert len(library.search("dvorak")) == 1
    assert library.search('"coffee naive"') == [] and library.search("caf") == []
    assert len(library.search("caf*")) == 1
    assert library.phrase_sources(["naïve", "coffee"]) != [] and library.phrase_sources(["coffee", "naive"]) == []


def test_search_query_syntax(library):
    for name in ("1961-01-20-inaugural", "1933-03-04-first-inaugural", "1863-11-19-gettysburg-address"):
        library.add(ingest_path(speech(name)))

    def authors(query):
        return sorted(s.author for s in library.search(query))

    assert authors("liberty OR fear") == ["Abraham Lincoln", "Franklin D. Roosevelt", "John F. Kennedy"]
    assert authors("liberty NOT torch") == ["Abraham Lincoln"]
    assert authors('"fear itself" OR "four score"') == ["Abraham Lincoln", "Franklin D. Roosevelt"]
    assert authors('(torch OR "four score") AND liberty') == ["Abraham Lincoln", "John F. Kennedy"]
    assert authors("Kennedy") == ["John F. Kennedy"]  # the author is searched too
    with pytest.raises(LibraryError, match="bad search query"):
        library.search('"fear itself')


def test_word_sources_rank_the_source_richest_in_rare_words(library):
    for name in ("1961-01-20-inaugural", "1933-03-04-first-inaugural", "1863-11-19-gettysburg-address"):
        library.add(ingest_path(speech(name)))
    jfk = library.search("torch")[0].id
    assert library.word_sources(normalized_words("the torch passed to a new generation of americans"))[0] == jfk
    assert library.word_sources(["zyzzyva"]) == []


def test_author_sources_are_the_speakers_own_documents_holding_the_words(library):
    for name in ("1961-01-20-inaugural", "1933-03-04-first-inaugural", "1863-11-19-gettysburg-address"):
        library.add(ingest_path(speech(name)))
    jfk = library.search("torch")[0].id
    fdr = library.search("fear itself")[0].id
    assert library.author_sources(["franklin", "roosevelt"], ["fear", "negotiate"]) == [fdr]
    assert library.author_sources(["john", "kennedy"], ["fear", "negotiate"]) == [jfk]
    assert library.author_sources(["kennedy"], ["zyzzyva"]) == []
    assert library.author_sources(["nobody"], ["fear"]) == []
    assert library.author_sources(['"kennedy'], ['"fear']) == [jfk]  # quote marks are not query syntax
    assert library.author_sources([], ["fear"]) == [] and library.author_sources(["kennedy"], []) == []


def test_near_sources_find_a_short_quote_whose_every_trigram_an_edit_broke(library):
    for name in ("1961-01-20-inaugural", "1933-03-04-first-inaugural", "1863-11-19-gettysburg-address"):
        library.add(ingest_path(speech(name)))
    jfk = library.search("torch")[0].id
    quote = normalized_words("the torch had been passed")  # "has" in the speech: no trigram of it is there
    assert library.candidates(quote) == []
    assert library.near_sources(quote) == [jfk]  # found by the four words around the changed one
    assert library.near_sources(normalized_words("the torch has been passed")) == [jfk]
    assert library.near_sources(["zyzzyva", "torch"]) == []  # one word the library holds: nothing to go on


def test_a_short_altered_quote_is_found_through_the_proximity_fallback(library):
    from sourcecheck.check import check_article

    for name in ("1961-01-20-inaugural", "1933-03-04-first-inaugural"):
        library.add(ingest_path(speech(name)))
    article = ingest_bytes(b'Kennedy said that "the torch had been passed" to a new generation.\n', "a.txt")
    [verification] = check_article(article, [library]).verifications
    assert verification.verdict == "altered"
    assert verification.ref.source.id == library.search("torch")[0].id
    assert verification.match.text == "the torch has been passed"


# ---------------------------------------------------------------- PostgreSQL only


def test_add_many_keeps_input_order_and_stores_each_content_once(library, monkeypatch):
    monkeypatch.setattr(library_base, "BATCH_CHARS", 300)  # several batches: duplicates across batches too
    docs = _texts(8)
    results = library.add_many([(d, None) for d in docs + [docs[2], docs[0]]])
    assert [r.created for r in results] == [True] * 8 + [False, False]
    assert [r.source.path for r in results] == [d.path for d in docs] + [docs[2].path, docs[0].path]
    assert results[8].source == results[2].source and results[9].source == results[0].source
    assert library.count() == 8 and [s.id for s in library.sources()] == sorted(r.source.id for r in results[:8])
    again = library.add_many([(docs[5], None), (docs[5], None)])  # repeated within one batch, and stored
    assert [r.created for r in again] == [False, False] and again[0].source == results[5].source
    seen: list[library_base.AddResult] = []
    assert library.add_many([(d, None) for d in _texts(10)[8:]], on_result=seen.append) == []
    assert [r.created for r in seen] == [True, True] and library.count() == 10


def test_get_and_remove_of_an_unknown_source_are_clear_errors(library):
    assert library.count() == 0 and library.sources() == []
    with pytest.raises(LibraryError, match="no source with id 99"):
        library.get(99)
    with pytest.raises(LibraryError, match="no source with id 99"):
        library.remove(99)
    with pytest.raises(LibraryError, match="no source with id 99999999999999999999999"):
        library.remove(99999999999999999999999)  # past a 64-bit integer


def test_ids_are_not_reused_after_a_remove(library):
    first, second = (library.add(d).source for d in _texts(2))
    assert library.remove(second.id) == second
    third = library.add(_texts(3)[2]).source
    assert third.id > second.id and [s.id for s in library.sources()] == [first.id, third.id]
    assert library.get(third.id).source == third


def test_short_quotes_are_found_by_phrase_and_candidates_by_trigram(library):
    stored = [library.add(d).source for d in _texts(3)]
    words = normalized_words(library.get(stored[1].id).text)
    assert library.phrase_sources(words[3:5]) == [s.id for s in stored]  # every paragraph holds these words
    best = library.candidates(words[:12])[0]
    assert best.source_id == stored[1].id and best.score == 1.0 and best.word_start == 0
    assert library.candidates(["zyzzyva", "quux", "blorp"]) == [] and library.candidates([]) == []


def test_a_read_only_library_reads_and_refuses_writes(library, library_url):
    """Spark executors open libraries read-only: a write there would be a bug, and fails cleanly."""
    kept = library.add(_texts(1)[0]).source
    with open_library(library_url, read_only=True) as reader:
        assert reader.sources() == [kept] and reader.get(kept.id).source == kept
        with pytest.raises(LibraryError):
            reader.add(_texts(2)[1])
        with pytest.raises(LibraryError):
            reader.remove(kept.id)
    assert library.sources() == [kept]


# ---------------------------------------------------------------- history of checks


def test_history_keeps_checks_newest_first(library, library_url):
    with open_history(library_url) as history:
        assert history.recent() == []
        first = history.save("An article", '{"quotes": []}', "<html>one</html>", {"verbatim": 2, "altered": 0})
        second = history.save("Another", '{"quotes": [1]}', "<html>two</html>", {"not_found": 1})
        assert [c.id for c in history.recent()] == [second, first]
        assert [c.id for c in history.recent(limit=1)] == [second]
        assert history.recent()[1].counts == {"verbatim": 2, "altered": 0}
        stored = history.get(first)
        assert (stored.title, stored.report_json, stored.report_html) == ("An article", '{"quotes": []}',
                                                                          "<html>one</html>")
        with pytest.raises(LibraryError, match="no check with id 999"):
            history.get(999)
        with pytest.raises(LibraryError, match="no check with id 99999999999999999999999"):
            history.get(99999999999999999999999)
    with open_history(library_url) as reopened:  # kept, for another process
        assert [c.title for c in reopened.recent()] == ["Another", "An article"]
    assert library.count() == 0  # the history is beside the sources, not among them


def test_reading_the_history_writes_nothing(library, library_url):
    with open_history(library_url) as history:
        assert history.recent() == []
        with pytest.raises(LibraryError, match="no check with id 1"):
            history.get(1)
    assert "checks" not in _tables(library_url)


def test_history_needs_a_library(tmp_path):
    with pytest.raises(LibraryError, match="cannot open"):
        open_history(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()
    foreign = tmp_path / "foreign.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(LibraryError, match="not a sourcecheck library"):
        open_history(foreign)


def test_a_library_written_by_the_old_code_keeps_its_history(library_url):
    """Before history.py the libraries kept the checks in their own tables: the same `checks`
    table, made by the library's schema. A library made then reads as it was, and grows."""
    _write_old_layout(library_url)
    with open_library(library_url) as library:
        assert [s.title for s in library.sources()] == ["Old source"]
        assert library.get(1).text == "The old text was stored before the history moved."
        assert [s.id for s in library.search("history")] == [1]
        assert library.add(_texts(1)[0]).created
    with open_history(library_url) as history:
        [old] = history.recent()
        assert (old.id, old.title, old.created_at, old.counts) == (1, "Old check", "2026-01-02T03:04:05+00:00",
                                                                   {"verbatim": 3})
        assert json.loads(history.get(1).report_json) == {"quotes": ["old"]}
        assert history.get(1).report_html == "<html>old</html>"
        new = history.save("New check", "{}", "<html></html>", {"altered": 1})
        assert new > 1 and [c.id for c in history.recent()] == [new, 1]


OLD_CHECKS = """CREATE TABLE checks (id {id} PRIMARY KEY, created_at TEXT NOT NULL, title TEXT NOT NULL,
    counts TEXT NOT NULL, json TEXT NOT NULL, html TEXT NOT NULL)"""
OLD_SQLITE = ["CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
              """CREATE TABLE sources (id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL, text_sha256 TEXT NOT NULL,
    title TEXT, author TEXT, date TEXT, url TEXT, path TEXT, format TEXT NOT NULL, added_at TEXT NOT NULL,
    n_chars INTEGER NOT NULL, n_words INTEGER NOT NULL, text TEXT NOT NULL, blocks TEXT NOT NULL,
    sha_key INTEGER NOT NULL DEFAULT 0)""",
              """CREATE VIRTUAL TABLE sources_fts USING fts5(title, author, text, content='sources',
    content_rowid='id', tokenize='unicode61 remove_diacritics 2')""",
              OLD_CHECKS.format(id="INTEGER"),
              "CREATE TABLE segments (id INTEGER PRIMARY KEY, file TEXT NOT NULL UNIQUE, n_keys INTEGER NOT NULL,"
              " n_postings INTEGER NOT NULL)",
              "CREATE TABLE removed (source_id INTEGER PRIMARY KEY)",
              "CREATE INDEX sources_sha_key ON sources (sha_key)",
              "INSERT INTO meta VALUES ('schema_version', '3')",
              "INSERT INTO sources_fts (rowid, title, author, text) VALUES (1, 'Old source', NULL, '{text}')"]
OLD_POSTGRES = ["CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                """CREATE TABLE sources (id BIGSERIAL PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE,
    text_sha256 TEXT NOT NULL, title TEXT, author TEXT, date TEXT, url TEXT, path TEXT, format TEXT NOT NULL,
    added_at TEXT NOT NULL, n_chars INTEGER NOT NULL, n_words INTEGER NOT NULL, text TEXT NOT NULL,
    blocks TEXT NOT NULL, words TEXT NOT NULL, meta_words TEXT NOT NULL, tsv TSVECTOR NOT NULL)""",
                "CREATE INDEX sources_tsv ON sources USING GIN (tsv)",
                "CREATE TABLE grams (gram BIGINT NOT NULL, source_id BIGINT NOT NULL, pos INTEGER NOT NULL)",
                "CREATE INDEX grams_gram ON grams (gram)",
                "CREATE INDEX grams_source ON grams (source_id)",
                OLD_CHECKS.format(id="BIGSERIAL"),
                "INSERT INTO meta VALUES ('schema_version', '2')",
                "UPDATE sources SET words = ' ' || lower(text) || ' ', meta_words = ' old source | ',"
                " tsv = 'old:1A source:2A the:1 text:1 was:1 stored:1 before:1 history:1 moved:1'",
                "SELECT setval('sources_id_seq', 1)"]


def _write_old_layout(url: str) -> None:
    """The tables as the library code before history.py made them, with a source and a check."""
    text = "The old text was stored before the history moved."
    source = ("INSERT INTO sources (id, sha256, text_sha256, title, format, added_at, n_chars, n_words, text, blocks"
              "{extra_columns}) VALUES (1, '{sha}', '{sha}', 'Old source', 'text', '2026-01-02T03:04:05+00:00',"
              " {n}, 9, '{text}', '[[0, {n}, \"paragraph\", 0]]'{extra_values})")
    check = ("INSERT INTO checks (created_at, title, counts, json, html) VALUES ('2026-01-02T03:04:05+00:00',"
             " 'Old check', '{\"verbatim\": 3}', '{\"quotes\": [\"old\"]}', '<html>old</html>')")
    sha = "ab" * 32
    if is_postgres_url(url):
        import psycopg

        row = source.format(extra_columns=", words, meta_words, tsv", sha=sha, n=len(text), text=text,
                            extra_values=", '', '', ''")
        with psycopg.connect(url, autocommit=True) as db:
            for statement in OLD_POSTGRES[:-2] + [row, check] + OLD_POSTGRES[-2:]:
                db.execute(statement)
        return
    row = source.format(extra_columns=", sha_key", sha=sha, n=len(text), text=text, extra_values=", 1")
    with sqlite3.connect(url) as db:
        for statement in OLD_SQLITE[:-1] + [row, check, OLD_SQLITE[-1].format(text=text)]:
            db.execute(statement)
    db.close()


def _tables(url: str) -> set[str]:
    if is_postgres_url(url):
        import psycopg

        with psycopg.connect(url) as db:
            return {r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}
    with sqlite3.connect(url) as db:
        return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
