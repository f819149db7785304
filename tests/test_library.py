"""Each backend's own workings: SQLite's index segments, FTS5 tuning, schema upgrades and locks;
PostgreSQL's connections, schema and transactions. What both must do alike is in
test_library_contract.py."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest

from sourcecheck import library as library_module
from sourcecheck import library_base, library_pg
from sourcecheck.errors import LibraryError
from sourcecheck.ingest import Metadata, ingest_bytes, ingest_path
from sourcecheck.library import SqliteLibrary
from sourcecheck.library_pg import PostgresLibrary, mask_password
from sourcecheck.tokens import normalized_words

from .conftest import missing_shared, postgres_schema_url, speech, speeches


@pytest.fixture
def library(tmp_path):
    """A SQLite library, for the tests of its own index internals."""
    with SqliteLibrary(tmp_path / "lib.db") as lib:
        yield lib


def test_interrupted_add_leaves_library_as_before(library, monkeypatch):
    library.add(ingest_path(speech("1961-01-20-inaugural")))
    counts = "SELECT (SELECT COUNT(*) FROM sources), (SELECT COUNT(*) FROM segments)"
    before = library.db.execute(counts).fetchone()

    def interrupted(*args):
        raise KeyboardInterrupt  # Ctrl-C while the index segment is being built

    monkeypatch.setattr(library_module.segments, "build_flat", interrupted)
    with pytest.raises(KeyboardInterrupt):
        library.add(ingest_path(speech("1933-03-04-first-inaugural")))
    assert library.db.execute(counts).fetchone() == before
    assert library.search('"fear itself"') == []


def test_segment_files_a_crash_left_behind_are_removed_by_the_next_add(library):
    library.add(ingest_path(speech("1961-01-20-inaugural")))
    kept = sorted(p.name for p in library.index_folder.iterdir())
    (library.index_folder / "seg-0123.idx").write_bytes(b"SCSEG001 written, never committed")
    (library.index_folder / "seg-4567.idx.tmp").write_bytes(b"half written")
    with SqliteLibrary(library.path) as again:
        again.add(ingest_path(speech("1933-03-04-first-inaugural")))
        names = sorted(p.name for p in again.index_folder.iterdir())
        assert set(kept) <= set(names) and not any(n in names for n in ("seg-0123.idx", "seg-4567.idx.tmp"))
        assert again.candidates(normalized_words("ask not what your country can do for you"))


def test_a_write_after_creating_a_library_survives_another_user_closing_it(tmp_path):
    """Creating a library must keep SQLite's locks: with them gone, another process closing the
    library took itself for the last user and deleted the WAL, losing this process's next commit."""
    path = tmp_path / "shared.db"
    with SqliteLibrary(path) as creator:  # a new library: this process sets it up
        other_user = "from sourcecheck.library import SqliteLibrary; import sys; SqliteLibrary(sys.argv[1]).close()"
        subprocess.run([sys.executable, "-c", other_user, str(path)], check=True, timeout=120)
        added = creator.add(ingest_bytes(b"Written after the other user left.", "after.txt")).source
        with SqliteLibrary(path) as reader:
            assert reader.sources() == [added]


def test_not_a_library(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(LibraryError, match="not a sourcecheck library"):
        SqliteLibrary(junk)
    with pytest.raises(LibraryError, match="is a directory"):
        SqliteLibrary(tmp_path)


def test_schema_version_is_checked(tmp_path):
    path = tmp_path / "old.db"
    SqliteLibrary(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value='0' WHERE key='schema_version'")
    with pytest.raises(LibraryError, match="schema 0"):
        SqliteLibrary(path)


def test_metadata_merge_keeps_inferred_values():
    meta = Metadata(title="T", author="A")
    assert meta.merged(author="B", date=None) == Metadata(title="T", author="B")


def test_a_document_repeated_within_one_batch_is_stored_once(library):
    a, b = (ingest_path(p) for p in speeches("19*.txt", 2))
    first = library.add_many([(a, None), (b, None), (a, None)])
    assert [r.created for r in first] == [True, True, False] and first[2].source == first[0].source
    again = library.add_many([(b, None), (a, None)])  # a later batch finds both stored
    assert [r.created for r in again] == [False, False] and [r.source for r in again] == [first[1].source, first[0].source]
    assert library.count() == 2
    assert library.db.execute("SELECT COUNT(*) FROM sources_fts WHERE sources_fts MATCH 'the'").fetchone()[0] == 2


def test_bulk_add_in_batches_keeps_order_and_skips_duplicates(library, monkeypatch):
    monkeypatch.setattr(library_base, "BATCH_CHARS", 20_000)  # a segment every few speeches
    paths = speeches("19*.txt", 12)
    docs = [ingest_path(p) for p in paths]
    seen = []
    assert library.add_many([(d, None) for d in docs + docs[:3]], on_result=seen.append) == []
    results = seen
    assert [r.created for r in results] == [True] * 12 + [False] * 3
    assert [r.source.id for r in results[12:]] == [r.source.id for r in results[:3]]
    assert library.count() == 12
    assert library.db.execute("SELECT COUNT(*) FROM segments").fetchone()[0] > 2
    for doc, result in zip(docs, results, strict=False):
        words = normalized_words(doc.text)[200:230]
        best = library.candidates(words)[0]
        assert best.source_id == result.source.id and best.score == 1.0


def _assert_found_by_search(library, docs) -> None:
    """Each document is found by full-text search for six words from its middle."""
    for doc in docs:
        words = normalized_words(doc.text)
        middle = [w for w in words[len(words) // 2 : len(words) // 2 + 6] if "'" not in w]
        assert library.search(" ".join(middle)), middle


def test_a_bulk_adds_segments_are_merged_four_into_one_at_its_end(library, monkeypatch, tmp_path):
    monkeypatch.setattr(library_base, "BATCH_CHARS", 20_000)  # a segment every few speeches
    monkeypatch.setattr(library_module, "SMALL_SEGMENT", 100)  # ... each one large enough to count as bulk
    docs = [ingest_path(p) for p in speeches("19*.txt", 40)]
    merged_sizes = []
    original_merge = library_module.segments.merge
    monkeypatch.setattr(library_module.segments, "merge",
                        lambda parts, *a: merged_sizes.append(len(parts)) or original_merge(parts, *a))
    monkeypatch.setattr(library_module, "MERGED_SEGMENT", 30_000)  # a batch has ~15k postings: merged ones stay
    results = library.add_many([(d, None) for d in docs])
    sizes = [r[0] for r in library.db.execute("SELECT n_postings FROM segments ORDER BY id")]
    assert len(merged_sizes) >= 2 and set(merged_sizes) == {4}
    assert len([n for n in sizes if 100 <= n < 30_000]) < 4  # what is left over waits for the next bulk add
    assert sum(sizes) == sum(max(len(normalized_words(d.text)) - 2, 0) for d in docs)  # every trigram kept
    assert sorted(p.name for p in library.index_folder.iterdir()) == \
        sorted(r[0] for r in library.db.execute("SELECT file FROM segments"))  # merged files deleted
    monkeypatch.setattr(library_module, "BULK_MERGE_AT", 10_000)  # never: the same library unmerged
    with SqliteLibrary(tmp_path / "unmerged.db") as unmerged:
        unmerged.add_many([(d, None) for d in docs])
        assert unmerged.db.execute("SELECT COUNT(*) FROM segments").fetchone()[0] == len(merged_sizes) * 3 + len(sizes)
        for doc, result in zip(docs, results, strict=True):  # lookups find what they found before merging
            words = normalized_words(doc.text)[100:130]
            assert library.candidates(words) == unmerged.candidates(words)
            assert result.source.id in {c.source_id for c in library.candidates(words)}


def test_bulk_add_defers_full_text_merges_and_restores_settings_after(library, monkeypatch):
    """A bulk add lets FTS5 segments pile up (no merge per batch) and collects garbage rarely;
    both return to normal afterwards, and searching finds every document."""
    import gc

    monkeypatch.setattr(library_base, "BATCH_CHARS", 20_000)
    docs = [ingest_path(p) for p in speeches("19*.txt", 8)]
    automerge = "SELECT v FROM sources_fts_config WHERE k='automerge'"
    reader = sqlite3.connect(library.path)  # sees what the batches committed
    seen_during = []

    def items():
        for doc in docs:
            seen_during.append((gc.get_threshold()[0], reader.execute(automerge).fetchone()))
            yield doc, None

    gc.set_threshold(700, 10, 10)
    library.add_many(items())
    assert gc.get_threshold() == (700, 10, 10)
    assert seen_during[0][0] >= library_base.GC_EVERY
    assert (0,) in [fts for _, fts in seen_during]  # bulk mode once the first batch went to the writer
    assert library.db.execute(automerge).fetchone() == (4,)
    assert library.db.execute("SELECT COUNT(*) FROM sources_fts_idx").fetchone()[0] > 0
    _assert_found_by_search(library, docs)


def test_a_bulk_add_merges_the_full_text_segments_it_made(library, monkeypatch):
    """A bulk add flushes an FTS5 segment per batch; it merges them before it returns. Left as
    they were, the next single add would pass `crisismerge` and rewrite the whole full-text index
    in its own transaction (20 s at a million documents)."""
    monkeypatch.setattr(library_base, "BATCH_CHARS", 20_000)  # a batch every few speeches: ~40 segments
    docs = [ingest_path(p) for p in speeches("19*.txt", 60)]
    library.add_many([(d, None) for d in docs[:-1]])
    assert library_module.full_text_segments(library.db) <= 3
    before = library.db.total_changes
    library.add(docs[-1])
    assert library.db.total_changes - before < 100  # its own rows and one small segment, no merge of others
    _assert_found_by_search(library, docs[::7])


def test_a_bulk_add_says_it_merges_the_indexes_once_every_document_is_stored(library, monkeypatch):
    """After the last batch a bulk add merges its index segments and FTS5's: a minute at a million
    documents, which add_many names, in order, once every document is stored."""
    docs = [ingest_path(p) for p in speeches("19*.txt", 9)]
    monkeypatch.setattr(library_base, "BATCH_CHARS", sum(len(d.text) for d in docs[:-1]))  # a batch, then one
    events: list[str] = []
    library.add_many([(d, None) for d in docs], on_result=lambda _: events.append("stored"), on_phase=events.append)
    phases = [e for e in events if e != "stored"]
    assert phases == [library_base.STORING_LAST, library_module.MERGING_QUOTE_INDEX, library_module.MERGING_FULL_TEXT]
    assert events.index(library_module.MERGING_QUOTE_INDEX) > max(i for i, e in enumerate(events) if e == "stored")


def test_a_bulk_add_never_merges_the_full_text_index_inside_a_batch(library, monkeypatch):
    """FTS5 merges a pile of `crisismerge` segments inside the transaction that makes one too
    many: at a million documents that batch held the write lock for half a minute, and every other
    user's add waited. A bulk add merges the pile itself, in short transactions of their own."""
    monkeypatch.setattr(library_base, "BATCH_CHARS", 1)  # a batch (and an FTS5 segment) per speech
    docs = [ingest_path(p) for p in speeches("19*.txt", 75)]
    events: list = []
    merge = SqliteLibrary._merge_full_text

    def logged_merge(self):
        events.append("merge")
        merge(self)

    monkeypatch.setattr(SqliteLibrary, "_merge_full_text", logged_merge)
    library.add_many([(d, None) for d in docs],
                     on_result=lambda _: events.append(library_module.full_text_segments(library.db)))
    counts = [e for e in events if e != "merge"]
    assert max(counts) <= library_module.FULL_TEXT_PILE
    first_merge = events.index("merge")
    assert any(e != "merge" for e in events[first_merge:])  # the pile was merged during the add, not only after
    for before, after in zip(events, events[1:], strict=False):
        if before != "merge" and after != "merge":
            assert after == before + 1  # a batch's transaction added its segment and merged nothing
    assert library_module.full_text_segments(library.db) <= 3
    _assert_found_by_search(library, docs[::9])


def test_a_bulk_add_keeps_its_full_text_settings_while_another_user_adds(library, monkeypatch, tmp_path):
    """FTS5's merge settings are the library's, and each write transaction runs with what is stored
    when it starts. Another user's single add sets them to merging as segments come; the bulk add's
    next batches must still run with its own (every batch is checked, not only the first). And no
    one's transaction may merge a whole pile of segments at once (FTS5's crisis merge): a single
    add during a bulk add of a million documents would have merged the bulk add's pile."""
    monkeypatch.setattr(library_base, "BATCH_CHARS", 1)  # a batch (and an FTS5 segment) per speech
    docs = [ingest_path(p) for p in speeches("19*.txt", 24)]
    other_user = SqliteLibrary(tmp_path / "lib.db")
    settings = "SELECT k, v FROM sources_fts_config WHERE k IN ('automerge', 'crisismerge') ORDER BY k"
    seen: list[tuple[list, list]] = []  # (after a batch of the bulk add, after the other user's add)

    def between_batches(_result) -> None:
        after_batch = library.db.execute(settings).fetchall()
        other_user.add(docs[12 + len(seen)])
        seen.append((after_batch, library.db.execute(settings).fetchall()))

    library.add_many([(d, None) for d in docs[:12]], on_result=between_batches)
    other_user.close()
    assert len(seen) == 12 and library.count() == 24
    crisis = library_module.FULL_TEXT_CRISIS
    assert all(bulk == [("automerge", 0), ("crisismerge", crisis)] for bulk, _ in seen)
    assert all(single == [("automerge", 4), ("crisismerge", crisis)] for _, single in seen)
    _assert_found_by_search(library, docs[::4])


@pytest.mark.parametrize("batch_chars, pile, stored, message", [
    # the merge at the end of the add: every document is in
    (20_000, library_module.FULL_TEXT_PILE, 12, "the documents are stored, but merging their index failed"),
    # the merge of a pile between batches (after the 4th): the add stops there
    (1, 4, 4, "the documents added before it are stored and found, the others were not added"),
])
def test_a_failed_full_text_merge_is_a_clear_error_and_keeps_what_was_added(library, monkeypatch, batch_chars,
                                                                            pile, stored, message):
    monkeypatch.setattr(library_base, "BATCH_CHARS", batch_chars)
    monkeypatch.setattr(library_module, "FULL_TEXT_PILE", pile)
    docs = [ingest_path(p) for p in speeches("19*.txt", 12)]

    def disk_full(self):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(SqliteLibrary, "_merge_full_text", disk_full)
    with pytest.raises(LibraryError, match=message):
        library.add_many([(d, None) for d in docs])
    assert library.count() == stored
    for doc in docs[:stored]:
        words = normalized_words(doc.text)[100:130]
        assert library.candidates(words)[0].score == 1.0


def _pieces(count: int, words: int) -> list:
    """Documents of about one size: consecutive runs of words of the 1800s speeches."""
    text = " ".join(p.read_text(encoding="utf-8").split("\n", 2)[-1] for p in speeches("18*.txt", 40))
    runs = text.split()
    if len(runs) < count * words:
        missing_shared("enough speeches of the 1800s")
    return [ingest_bytes(" ".join(runs[i * words : (i + 1) * words]).encode(), f"piece-{i}.txt") for i in range(count)]


def test_small_segments_are_merged_and_lookups_unchanged(library):
    docs = _pieces(10, 300)
    for doc in docs[:9]:
        library.add(doc)  # one small segment each: the first MERGE_AT, of one size, merged into one
    library.remove(library.sources()[0].id)
    queries = [normalized_words(d.text)[50:70] for d in docs]
    before = [library.candidates(q, limit=100) for q in queries]
    new = library.add(docs[9]).source.id
    assert library.db.execute("SELECT COUNT(*) FROM segments").fetchone()[0] < library_module.MERGE_AT
    after = [library.candidates(q, limit=100) for q in queries]
    assert [[c for c in found if c.source_id != new] for found in after[:9]] == before[:9]
    assert after[9][0].source_id == new
    assert len(list(library.index_folder.iterdir())) == library.db.execute("SELECT COUNT(*) FROM segments").fetchone()[0]


def test_single_adds_merge_by_size_tier(library, monkeypatch):
    """64 adds of one size: eight merges into the next tier, then one of those eight — not a merge of
    everything small at every eighth add (which made a posting rewritten over and over)."""
    docs = _pieces(64, 120)
    merged_postings = []
    original = library_module.segments.merge

    def counting(parts, removed, common):
        merged_postings.append(sum(p.n_postings for p in parts))
        return original(parts, removed, common)

    monkeypatch.setattr(library_module.segments, "merge", counting)
    ids = [library.add(doc).source.id for doc in docs]
    sizes = [r[0] for r in library.db.execute("SELECT n_postings FROM segments")]
    total = sum(len(normalized_words(d.text)) - 2 for d in docs)
    assert len(merged_postings) == 9 and sum(merged_postings) == 2 * total  # each posting merged twice
    assert sizes == [total]
    for doc, source_id in list(zip(docs, ids, strict=True))[::7]:
        assert library.candidates(normalized_words(doc.text)[40:60])[0].source_id == source_id


def test_version_1_library_is_upgraded_in_place(tmp_path):
    path = tmp_path / "v1.db"
    with SqliteLibrary(path) as lib:
        lib.add(ingest_path(speech("1961-01-20-inaugural")))
        lib.db.execute("DELETE FROM segments")
        lib.db.execute("CREATE TABLE grams (gram INTEGER, source_id INTEGER, pos INTEGER)")
        lib.db.execute("UPDATE meta SET value='1' WHERE key='schema_version'")
    with SqliteLibrary(path) as lib:
        assert lib.candidates(normalized_words("ask not what your country can do for you"))[0].score == 1.0
        assert lib.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == library_module.SCHEMA_VERSION


def test_version_2_library_is_upgraded_in_place_and_still_finds_duplicates(tmp_path):
    path = tmp_path / "v2.db"
    inaugural, first = ingest_path(speech("1961-01-20-inaugural")), ingest_path(speech("1933-03-04-first-inaugural"))
    with SqliteLibrary(path) as lib:  # made as version 2 made them: a unique index of the hashes, no keys
        lib.add(inaugural)
        lib.db.execute("DROP INDEX sources_sha_key")
        lib.db.execute("ALTER TABLE sources DROP COLUMN sha_key")
        lib.db.execute("CREATE UNIQUE INDEX v2_unique_sha256 ON sources (sha256)")
        lib.db.execute("UPDATE meta SET value='2' WHERE key='schema_version'")
    with SqliteLibrary(path) as lib:
        assert lib.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == "3"
        assert not lib.add(inaugural).created and lib.add(first).created
        assert [s.sha256 for s in lib.sources()] == [inaugural.sha256, first.sha256]
        assert lib.candidates(normalized_words("ask not what your country can do for you"))[0].score == 1.0


def test_documents_whose_hash_keys_collide_are_told_apart_by_the_whole_hash(library, monkeypatch):
    monkeypatch.setattr(library_module, "_sha_key", lambda sha256: 7)  # every document gets the same key
    docs = [ingest_path(speech(name)) for name in ("1961-01-20-inaugural", "1933-03-04-first-inaugural")]
    assert [library.add(doc).created for doc in docs] == [True, True]
    assert [library.add(doc).created for doc in docs] == [False, False]
    assert [r.created for r in library.add_many([(doc, None) for doc in docs])] == [False, False]
    assert sorted(s.sha256 for s in library.sources()) == sorted(doc.sha256 for doc in docs)


def test_postgres_errors_are_clear_and_hide_the_password():
    with pytest.raises(LibraryError, match="cannot connect to PostgreSQL") as refused:
        PostgresLibrary("postgresql://someone:s3cret@127.0.0.1:9/nowhere")
    assert "s3cret" not in str(refused.value) and "someone:***@127.0.0.1:9" in str(refused.value)
    with pytest.raises(LibraryError, match="cannot connect"):
        PostgresLibrary("postgresql://127.0.0.1:9/x?nonsense=1")
    assert mask_password("postgresql://u:p@h/db?password=q&sslmode=require") == \
        "postgresql://u:***@h/db?password=***&sslmode=require"


@pytest.fixture
def pg_url():
    yield from postgres_schema_url("pg")


def test_postgres_schema_version_is_checked(pg_url):
    with PostgresLibrary(pg_url) as library:
        library.db.execute("UPDATE meta SET value='0' WHERE key='schema_version'")
    with pytest.raises(LibraryError, match="schema 0"):
        PostgresLibrary(pg_url)


def test_postgres_wrong_password(pg_url):
    parts = urlsplit(pg_url)
    with pytest.raises(LibraryError) as denied:
        PostgresLibrary(f"postgresql://sourcecheck:wrong-one@{parts.hostname}:{parts.port}{parts.path}?{parts.query}"
                        "&options=-csearch_path%3Dnowhere_at_all")
    assert "wrong-one" not in str(denied.value) and "Traceback" not in str(denied.value)


def test_postgres_opening_does_not_wait_for_an_add_in_progress(pg_url):
    """Opening runs no DDL once the tables exist: its locks would queue behind every open add."""
    import psycopg

    PostgresLibrary(pg_url).close()
    with psycopg.connect(pg_url) as writer:  # a transaction holding inserts, as a long add batch does
        writer.execute("INSERT INTO grams VALUES (1, 1, 1)")
        started = time.monotonic()
        with PostgresLibrary(pg_url.replace("options=", "options=-clock_timeout%3D2000%20")) as reader:
            assert reader.count() == 0
        assert time.monotonic() - started < 2
        writer.rollback()


def test_postgres_interrupted_add_leaves_library_as_before(pg_url, monkeypatch):
    with PostgresLibrary(pg_url) as library:
        library.add(ingest_path(speech("1961-01-20-inaugural")))
        counts = "SELECT (SELECT COUNT(*) FROM sources), (SELECT COUNT(*) FROM grams)"
        before = library.db.execute(counts).fetchone()
        real = library_pg._postings_copy

        def interrupted(postings):
            for i, chunk in enumerate(real(postings)):
                if i == 1:
                    raise KeyboardInterrupt  # Ctrl-C while the postings are copied
                yield chunk

        monkeypatch.setattr(library_pg, "_postings_copy", interrupted)
        with pytest.raises(KeyboardInterrupt):
            library.add(ingest_path(speech("1933-03-04-first-inaugural")))
        assert library.db.execute(counts).fetchone() == before
        assert library.search('"fear itself"') == []
        monkeypatch.undo()
        assert library.add(ingest_path(speech("1933-03-04-first-inaugural"))).created


def test_postgres_first_layout_is_upgraded_in_place(pg_url):
    """A library made before the search columns were folded like FTS5's gets them from its texts."""
    with PostgresLibrary(pg_url) as library:
        kept = library.add(ingest_path(speech("1933-03-04-first-inaugural"))).source
        library.db.execute("ALTER TABLE sources DROP COLUMN words, DROP COLUMN meta_words,"
                           " ADD COLUMN text_tsv TSVECTOR NOT NULL DEFAULT ''")
        library.db.execute("UPDATE sources SET tsv = ''")
    with PostgresLibrary(pg_url) as library:
        assert [s.id for s in library.search('"fear itself"')] == [kept.id]
        assert library.phrase_sources(["fear", "itself"]) == [kept.id]
        assert library.add(ingest_path(speech("1961-01-20-inaugural"))).created
