"""The source library: documents in SQLite, with an index for finding altered passages fast.

Tables:
- `sources`: one row per document — canonical text, blocks, metadata, hashes.
- `sources_fts`: FTS5 over title, author and text (external content: the text is stored once),
  for full-text search and for one- and two-word quotes that have no word trigram.
- `segments`: the catalogue of the quote index, word-trigram postings `(gram hash, source id, word
  position)` in immutable segment files beside the database (`NAME.index/`, see segments.py). A
  quote that was altered keeps most of its trigrams, so voting over postings finds the passage
  even when words were inserted, dropped or replaced.
- `removed`: ids of removed sources, filtered out of lookups until their segments are merged.
Documents are added in batches, each one transaction (sources, full text and the segment's row):
an interrupted add leaves the library as it was after the last whole batch.
"""

from __future__ import annotations

import math
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from . import segments
from .errors import LibraryError
from .grams import batch_postings, batch_word_ids, gram_hashes, text_word_ids, trigrams
from .ingest import Document, Metadata
from .library_base import (
    COMMON_GRAM_POSTINGS,
    FALLBACK_POSTINGS,
    SOURCE_COLUMNS,
    AddResult,
    Batch,
    Item,
    Library,
    OnPhase,
    OnResult,
    Region,
    Source,
    StoredSource,
    fts_query,
    near_groups,
    no_source,
    rare_terms,
    regions_from_flat,
    report_results,
    source_from_row,
    store_in_batches,
    stored_from_row,
    text_hash,
)

SCHEMA_VERSION = "3"
# FTS5 flushes its in-memory index to a new on-disk segment whenever it passes 1 MB by default, and
# merging those small segments cost half the full-text indexing time: a batch now flushes once.
FTS_HASH_BYTES = 64 * 1024 * 1024
FULL_TEXT_MERGE_PAGES = 5_000  # FTS5 pages merged per transaction after a bulk add: other writers get turns
# A bulk add lets FTS5's segments (one per batch) pile up to this many, then merges them itself in
# transactions of FULL_TEXT_MERGE_PAGES. FTS5's own "crisis merge" would merge a whole pile inside
# one transaction, whoever's: at a million documents the 64th batch held the write lock for 31 s of
# CPU, and a single add by another user during a bulk add would have paid it. So it is kept out of
# the way (a safety net only: FTS5 allows 2,000 segments); single adds merge as they go
# (automerge), in steps the size of what they write.
FULL_TEXT_PILE = 64
FULL_TEXT_CRISIS = 1_000
SMALL_SEGMENT = 2_000_000  # postings; this many small segments are merged into one
MERGE_AT = 8
# A bulk add's segments (one per batch, ~5M postings) are merged four into one at its end: warm
# verification at a million documents, whose lookups touched pages of each of 113 segment files,
# took a median 105 ms; over 29, 16 ms (docs/benchmarks.md). Merged ones are not merged again.
BULK_MERGE_AT = 4
MERGED_SEGMENT = 12_000_000  # postings from which a segment is not merged again

# what add_many says it is doing once every document is read (see its on_phase)
MERGING_QUOTE_INDEX = "merging the quote index"
MERGING_FULL_TEXT = "merging the full-text index"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    title TEXT, author TEXT, date TEXT, url TEXT, path TEXT,
    format TEXT NOT NULL,
    added_at TEXT NOT NULL,
    n_chars INTEGER NOT NULL,
    n_words INTEGER NOT NULL,
    text TEXT NOT NULL,
    blocks TEXT NOT NULL,
    sha_key INTEGER NOT NULL DEFAULT 0
);
CREATE VIRTUAL TABLE IF NOT EXISTS sources_fts USING fts5(
    title, author, text, content='sources', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS segments (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL UNIQUE,
    n_keys INTEGER NOT NULL,
    n_postings INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS removed (source_id INTEGER PRIMARY KEY);
"""
# Duplicates are found by the first 64 bits of the content hash, the full hash compared after. A
# unique index of the 64-character hashes took 75 bytes per source in random order: a batch of
# 9,000 added to a million rewrote ~90 MB of index pages (twice, with the WAL's checkpoint); this
# one is a quarter of that. Writers hold the write lock while they look up and insert.
INDEXES = "CREATE INDEX IF NOT EXISTS sources_sha_key ON sources (sha_key)"


class SqliteLibrary(Library):
    """A library in a SQLite file (`:memory:` for one that lives as long as the object)."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        if Path(self.path).is_dir():
            raise LibraryError(f"{self.path}: is a directory, not a library database")
        in_memory = self.path == ":memory:" or self.path.startswith("file::memory:")
        self.index_folder = None if in_memory else Path(self.path + ".index")
        self._memory_segments: dict[str, segments.SegmentArrays] = {}  # an in-memory library's index
        self._open: dict[str, segments.SegmentArrays] = {}
        self._removed = np.zeros(0, np.int64)
        self._seen_version: tuple[int, int] | None = None
        self._own_writes = 0
        self._frequencies: dict[str, int] = {}
        self._common_terms: set[str] = set()
        self._frequency_version: tuple[int, int] | None = None
        self._orphans_checked = False  # segment files left by a crash are removed at this connection's first add
        try:
            # transactions by hand; add_many stores from one worker thread while the caller waits
            self.db = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA synchronous=NORMAL")  # WAL stays consistent; a crash loses at most the last add
            self.db.execute("PRAGMA cache_size=-131072")  # 128 MB of page cache
            if self._schema_version() != SCHEMA_VERSION:  # readers of an up-to-date library skip this
                with _set_up_alone(self.index_folder):
                    self.db.execute("PRAGMA page_size=16384")  # new libraries: long texts span fewer pages
                    self.db.execute("PRAGMA journal_mode=WAL")
                    self._ensure_schema()
            if read_only:
                self.db.execute("PRAGMA query_only=ON")
        except sqlite3.DatabaseError as exc:
            raise LibraryError(f"{self.path}: not a sourcecheck library ({exc})") from None

    def close(self) -> None:
        self.db.close()
        self._open.clear()

    def _ensure_schema(self) -> None:
        if self._schema_version() == SCHEMA_VERSION:
            return  # nothing to write: readers (a web app, Spark executors) need no write lock
        with self._write():
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    self.db.execute(statement)
            row = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            version = SCHEMA_VERSION if row is None else row[0]
            if version == "1":
                self._upgrade_from_1()
                version = "2"
            if version == "2":
                self._upgrade_from_2()
                version = "3"
            if version != SCHEMA_VERSION:
                raise LibraryError(f"{self.path}: library schema {row[0]}, this sourcecheck reads {SCHEMA_VERSION}")
            self.db.execute(INDEXES)
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))

    def _schema_version(self) -> str | None:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.OperationalError:  # no meta table yet: a new library
            return None
        return row[0] if row else None

    def _upgrade_from_1(self) -> None:
        """Version 1 kept postings in a `grams` table: rebuild them as a segment from the stored texts."""
        ids = [r[0] for r in self.db.execute("SELECT id FROM sources ORDER BY id")]
        per_source = [(i, trigrams(text_word_ids(self.db.execute("SELECT text FROM sources WHERE id=?",
                                                                     (i,)).fetchone()[0]))) for i in ids]
        if per_source:
            self._register(segments.build(per_source, COMMON_GRAM_POSTINGS))
        self.db.execute("DROP TABLE IF EXISTS grams")

    def _upgrade_from_2(self) -> None:
        """Version 2 found duplicates by a unique index of the hashes: add their 64-bit keys (the
        old index stays: SQLite drops a UNIQUE constraint only by copying the table)."""
        if "sha_key" not in {row[1] for row in self.db.execute("PRAGMA table_info(sources)")}:
            self.db.execute("ALTER TABLE sources ADD COLUMN sha_key INTEGER NOT NULL DEFAULT 0")
        self.db.create_function("sha_key", 1, _sha_key, deterministic=True)
        self.db.execute("UPDATE sources SET sha_key = sha_key(sha256)")

    # ------------------------------------------------------------ writing

    def add_many(self, items: Iterable[Item], on_result: OnResult | None = None,
                 on_phase: OnPhase | None = None) -> list[AddResult]:
        """Library.add_many: each batch also one index segment; a bulk add (more than one batch)
        merges its segments and FTS5's at the end, saying so through `on_phase`."""
        results, bulk = store_in_batches(items, self._store, on_result, on_phase)
        phase = on_phase or (lambda _description: None)
        if bulk:
            phase(MERGING_QUOTE_INDEX)
            try:
                self._merge_bulk_segments()
                with self._write():
                    self._tune_full_text(bulk=False)
            except (sqlite3.DatabaseError, OSError) as exc:  # each merge is its own transaction: nothing is lost
                raise self._merge_failed(exc) from None
            phase(MERGING_FULL_TEXT)
            self._merge_full_text_or_explain()
        return results

    def _merge_failed(self, exc: Exception, during_add: bool = False) -> LibraryError:
        if during_add:
            return LibraryError(f"{self.path}: merging the full-text index failed ({exc}); the documents added"
                                " before it are stored and found, the others were not added")
        return LibraryError(f"{self.path}: the documents are stored, but merging their index failed ({exc});"
                            " lookups still find them")

    def _store(self, batch: Batch, on_result: OnResult | None, bulk: bool = False) -> list[AddResult]:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        ids, offsets = batch_word_ids([doc.text for doc, _ in batch])
        n_words = np.diff(offsets).tolist()
        stored_as = np.zeros(len(batch), np.int64)  # the new source id of each document, 0 if it was there
        try:
            with self._write():
                if not self._orphans_checked:
                    self._remove_orphan_segments()
                    self._orphans_checked = True
                self._tune_full_text(bulk)
                next_id = self.db.execute("SELECT MAX(COALESCE((SELECT MAX(id) FROM sources), 0),"
                                          " COALESCE((SELECT MAX(source_id) FROM removed), 0)) + 1").fetchone()[0]
                # ids are never reused: a removed source's postings linger in the index until merged
                results = self._insert_sources(batch, n_words, next_id, now, stored_as)
                if stored_as.any():
                    self._register(segments.build_flat(*batch_postings(ids, offsets, stored_as),
                                                       COMMON_GRAM_POSTINGS))
        except sqlite3.DatabaseError as exc:
            self._orphans_checked = False  # the segment file of the batch rolled back is one
            raise LibraryError(f"{self.path}: could not store the documents ({exc})") from None
        except BaseException:
            self._orphans_checked = False
            raise
        report_results(results, on_result)
        if bulk and full_text_segments(self.db) >= FULL_TEXT_PILE:
            self._merge_full_text_or_explain(during_add=True)
        self._merge_small_segments()
        return results

    def _tune_full_text(self, bulk: bool) -> None:
        """FTS5 settings, for this transaction. Its index flushes a segment per batch (hashsize) and
        by default merges segments four at a time as they come, rewriting each posting once per
        level; a bulk add lets them pile up instead (a NEAR query over 33 of them measured no
        slower) and merges each pile in one pass: FTS5's cost per MB at 300k documents fell by a
        third. The settings are the library's, shared by every user: they are read in each write
        transaction and set when another writer left them otherwise, so that a bulk add by one
        user and single adds by another each run with their own, and a bulk add that crashed
        leaves no library in bulk mode."""
        wanted = {"hashsize": FTS_HASH_BYTES, "automerge": 0 if bulk else 4, "crisismerge": FULL_TEXT_CRISIS}
        stored = dict(self.db.execute("SELECT k, v FROM sources_fts_config WHERE k IN (?, ?, ?)", tuple(wanted)))
        changed = [(key, value) for key, value in wanted.items() if stored.get(key) != value]
        if changed:
            self.db.executemany("INSERT INTO sources_fts (sources_fts, rank) VALUES (?, ?)", changed)

    def _merge_full_text_or_explain(self, during_add: bool = False) -> None:
        try:
            self._merge_full_text()
        except (sqlite3.DatabaseError, OSError) as exc:  # each merge is its own transaction: nothing is lost
            raise self._merge_failed(exc, during_add) from None

    def _merge_full_text(self) -> None:
        """Merge the FTS5 segments a bulk add made (one per batch), FULL_TEXT_MERGE_PAGES pages a
        transaction. This is the bulk add's own work: left undone, the next users' single adds would
        do it a step at a time (FTS5's automerge), each paying for it, and every full-text query
        would read each of the segments meanwhile."""
        while True:
            with self._write():
                before = self.db.total_changes
                self.db.execute("INSERT INTO sources_fts (sources_fts, rank) VALUES ('merge', ?)",
                                (FULL_TEXT_MERGE_PAGES,))
                if self.db.total_changes - before < 2:  # FTS5's sign that no merge work was left
                    return

    def _insert_sources(self, batch: list[tuple[Document, Metadata]], n_words: list[int], next_id: int, now: str,
                        stored_as: np.ndarray) -> list[AddResult]:
        """Store the batch's documents not stored yet (by content hash, this batch's own repeats
        included) under ids from `next_id` on, noting each one's new id in `stored_as`. Two
        statements for the whole batch (the write lock is held, so what was looked up holds)."""
        known = self._sources_by_hash(list({doc.sha256 for doc, _ in batch}))
        results, rows, full_text = [], [], []
        for k, (doc, meta) in enumerate(batch):
            source = known.get(doc.sha256)
            if source is not None:  # the same content is there already (perhaps added by another user just now)
                results.append(AddResult(source, False))
                continue
            source = Source(next_id, meta.title, meta.author, meta.date, meta.url, doc.path, doc.format, doc.sha256,
                            now, len(doc.text), n_words[k])
            known[doc.sha256] = source
            blocks = "[" + ",".join(f'[{b.start},{b.end},"{b.kind}",{b.group}]' for b in doc.blocks) + "]"  # json, fast
            rows.append((next_id, doc.sha256, _sha_key(doc.sha256), text_hash(doc.text), meta.title, meta.author,
                         meta.date, meta.url, doc.path, doc.format, now, len(doc.text), n_words[k], doc.text, blocks))
            full_text.append((next_id, meta.title, meta.author, doc.text))
            stored_as[k] = next_id
            next_id += 1
            results.append(AddResult(source, True))
        self.db.executemany(
            "INSERT INTO sources (id, sha256, sha_key, text_sha256, title, author, date, url, path, format, added_at,"
            " n_chars, n_words, text, blocks) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        self._index_full_text(full_text)
        return results

    def _index_full_text(self, rows: list[tuple[int, str | None, str | None, str]]) -> None:
        """FTS5 rows (id, title, author, text) of sources just stored, in the caller's transaction."""
        self.db.executemany("INSERT INTO sources_fts (rowid, title, author, text) VALUES (?,?,?,?)", rows)

    def _sources_by_hash(self, hashes: list[str]) -> dict[str, Source]:
        found: dict[str, Source] = {}
        for i in range(0, len(hashes), 500):  # SQLite takes up to 32,766 parameters; keep statements small
            keys = [_sha_key(h) for h in hashes[i : i + 500]]
            marks = ",".join("?" * len(keys))
            rows = self.db.execute(f"SELECT {SOURCE_COLUMNS} FROM sources WHERE sha_key IN ({marks})", keys)
            found.update((row[7], Source(*row)) for row in rows)  # by the whole hash: keys may collide
        return found

    def _register(self, arrays: segments.SegmentArrays) -> None:
        """Write a segment and add it to the catalogue (inside the caller's transaction)."""
        if self.index_folder is None:
            name = f"memory-{len(self._memory_segments)}-{id(arrays)}"
            self._memory_segments[name] = arrays
        else:
            name = segments.write(self.index_folder, arrays)
        self.db.execute("INSERT INTO segments (file, n_keys, n_postings) VALUES (?,?,?)",
                        (name, len(arrays.keys), arrays.n_postings))

    def _merge_small_segments(self) -> None:
        """Single adds make small segments; MERGE_AT of about one size (a tier: sizes within a
        factor MERGE_AT) are merged into one, a tier up. So a posting is rewritten once per tier,
        not at every MERGE_AT-th add, and lookups stay at a few binary searches per tier."""
        query = "SELECT id, file, n_postings FROM segments WHERE n_postings < ? ORDER BY id"
        while _tier_to_merge(self.db.execute(query, (SMALL_SEGMENT,)).fetchall()):  # a merge may fill the next tier
            with self._write():  # re-read under the write lock: another process may have merged them
                rows = _tier_to_merge(self.db.execute(query, (SMALL_SEGMENT,)).fetchall())
                if not rows:
                    return
                self._replace_by_merge(rows)
            for _, name, _ in rows:
                self._forget(name)

    def _merge_bulk_segments(self) -> None:
        """After a bulk add: its segments (and any an earlier one left), BULK_MERGE_AT at a time in
        the order they were added, each merge one transaction."""
        query = "SELECT id, file, n_postings FROM segments WHERE n_postings >= ? AND n_postings < ? ORDER BY id"
        while True:
            with self._write():  # read under the write lock: another process may be merging them
                rows = self.db.execute(query, (SMALL_SEGMENT, MERGED_SEGMENT)).fetchall()[:BULK_MERGE_AT]
                if len(rows) < BULK_MERGE_AT:
                    return
                self._replace_by_merge(rows)
            for _, name, _ in rows:
                self._forget(name)

    def _replace_by_merge(self, rows: list[tuple[int, str, int]]) -> None:
        """Inside the caller's transaction: one segment for the segments of `rows` (id, file, postings)."""
        parts = [self._segment(name) for _, name, _ in rows]
        removed = np.array([r[0] for r in self.db.execute("SELECT source_id FROM removed")], np.int64)
        self._register(segments.merge(parts, removed, COMMON_GRAM_POSTINGS))
        self.db.executemany("DELETE FROM segments WHERE id=?", [(i,) for i, _, _ in rows])

    def _remove_orphan_segments(self) -> None:
        """Delete segment files no catalogue row names: left by a crash between writing a segment
        and committing its batch, or between a merge's commit and deleting what it merged. Called
        under the write lock, when no other writer can be between the two."""
        if self.index_folder is None or not self.index_folder.exists():
            return
        named = {r[0] for r in self.db.execute("SELECT file FROM segments")}
        for path in self.index_folder.glob("seg-*"):
            if path.name not in named:
                path.unlink(missing_ok=True)

    def _forget(self, name: str) -> None:
        self._open.pop(name, None)
        self._memory_segments.pop(name, None)
        if self.index_folder is not None:
            (self.index_folder / name).unlink(missing_ok=True)  # open maps of other readers stay valid

    def remove(self, source_id: int) -> Source:
        stored = self.get(source_id)
        s = stored.source
        try:
            with self._write():
                self.db.execute("INSERT INTO sources_fts (sources_fts, rowid, title, author, text) VALUES"
                                " ('delete', ?, ?, ?, ?)", (source_id, s.title, s.author, stored.text))
                self.db.execute("DELETE FROM sources WHERE id=?", (source_id,))
                self.db.execute("INSERT OR IGNORE INTO removed (source_id) VALUES (?)", (source_id,))
        except sqlite3.DatabaseError as exc:  # one transaction: nothing was removed
            raise LibraryError(f"{self.path}: could not remove source {source_id} ({exc})") from None
        return s

    @contextmanager
    def _write(self) -> Iterator[None]:
        """A write transaction taken at once (BEGIN IMMEDIATE): writers queue instead of failing."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        self._own_writes += 1

    # ------------------------------------------------------------ reading

    def sources(self) -> list[Source]:
        rows = self.db.execute(f"SELECT {SOURCE_COLUMNS} FROM sources ORDER BY id").fetchall()
        return [source_from_row(row) for row in rows]

    def count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM sources").fetchone()[0])

    def get(self, source_id: int) -> StoredSource:
        if not -(2**63) <= source_id < 2**63:  # SQLite's integers: no row could have it
            raise no_source(source_id, self.path)
        row = self.db.execute(f"SELECT {SOURCE_COLUMNS}, text, blocks FROM sources WHERE id=?",
                              (source_id,)).fetchone()
        return stored_from_row(row, source_id, self.path)

    def search(self, query: str, limit: int = 20) -> list[Source]:
        """Full-text search (FTS5 query syntax, or plain words)."""
        try:
            rows = self.db.execute(
                f"SELECT {_prefixed('s.')} FROM sources_fts JOIN sources s ON s.id = sources_fts.rowid"
                " WHERE sources_fts MATCH ? ORDER BY rank LIMIT ?", (fts_query(query), limit)).fetchall()
        except sqlite3.OperationalError as exc:
            raise LibraryError(f"bad search query {query!r} ({exc})") from None
        return [Source(*row) for row in rows]

    def phrase_sources(self, phrase_words: list[str], limit: int = 50) -> list[int]:
        """Ids of sources holding the words as a phrase (for quotes too short for trigrams)."""
        if not phrase_words:
            return []
        query = '"' + " ".join(w.replace('"', "") for w in phrase_words) + '"'
        rows = self.db.execute("SELECT rowid FROM sources_fts WHERE text MATCH ? LIMIT ?", (query, limit))
        return [row[0] for row in rows]

    def word_sources(self, query_words: list[str], limit: int = 20) -> list[int]:
        """Sources richest in the query's words (FTS5 bm25, any of the words): the fallback for
        quotes too short or too changed to keep a word trigram intact."""
        terms = rare_terms(list(dict.fromkeys(w.replace('"', "") for w in query_words if w.replace('"', ""))),
                           self._capped_frequency)
        if not terms:
            return []
        query = " OR ".join(f'"{t}"' for t in terms)
        rows = self.db.execute("SELECT rowid FROM sources_fts WHERE text MATCH ? ORDER BY bm25(sources_fts) LIMIT ?",
                               (query, limit))
        return [row[0] for row in rows]

    def author_sources(self, author_words: list[str], query_words: list[str], limit: int = 12) -> list[int]:
        """Sources whose author holds every one of the names and whose title or text holds any of
        the words, by bm25 (FTS5 column filters)."""
        names = [w.replace('"', "") for w in author_words if w.replace('"', "")]
        words = list(dict.fromkeys(w.replace('"', "") for w in query_words if w.replace('"', "")))
        if not names or not words:
            return []
        query = (" AND ".join(f'author:"{n}"' for n in names)
                 + " AND {title text}:(" + " OR ".join(f'"{w}"' for w in words) + ")")
        try:
            rows = self.db.execute("SELECT rowid FROM sources_fts WHERE sources_fts MATCH ?"
                                   " ORDER BY bm25(sources_fts) LIMIT ?", (query, limit)).fetchall()
        except sqlite3.OperationalError as exc:
            raise LibraryError(f"bad author search {author_words!r} ({exc})") from None
        return [row[0] for row in rows]

    def near_sources(self, query_words: list[str], limit: int = 16) -> list[int]:
        """Sources where the quote's words, all of them or else all but one, stand close together
        (FTS5 NEAR). The fallback for a short quote whose every trigram an edit broke, and for a
        passage so common that the index keeps no postings for its trigrams. Found in id order and
        cut at `limit`: the query stops early, so a million documents cost milliseconds."""
        found: list[int] = []
        for query in near_queries(query_words, self._capped_frequency):
            rows = self.db.execute("SELECT rowid FROM sources_fts WHERE text MATCH ? LIMIT ?", (query, limit))
            found += [row[0] for row in rows if row[0] not in found]
            if len(found) >= limit:
                break
        return found[:limit]

    def _capped_frequency(self, term: str) -> int:
        """Documents holding the word, counted up to FALLBACK_POSTINGS + 1. Cached: a word found
        common stays common as sources are added; other counts are redone after any change."""
        if term in self._common_terms:
            return FALLBACK_POSTINGS + 1
        version = self.db.execute("PRAGMA data_version").fetchone()[0], self._own_writes
        if self._frequency_version != version:
            self._frequencies.clear()
            self._frequency_version = version
        if term not in self._frequencies:
            count = self.db.execute("SELECT COUNT(*) FROM (SELECT rowid FROM sources_fts WHERE text MATCH ? LIMIT ?)",
                                    (f'"{term}"', FALLBACK_POSTINGS + 1)).fetchone()[0]
            if count > FALLBACK_POSTINGS:
                self._common_terms.add(term)
            self._frequencies[term] = count
        return self._frequencies[term]

    def candidates(self, query_words: list[str], limit: int = 10, slack: int = 10) -> list[Region]:
        """Regions of sources sharing word trigrams with the query, best first (regions_from_postings)."""
        grams = gram_hashes(query_words)
        if len(grams) == 0:
            return []
        distinct = np.array(list(dict.fromkeys(grams.tolist())), dtype=np.int64)
        which, sources, positions = self._lookup(distinct)
        return regions_from_flat(which, sources, positions, len(grams), len(query_words) + slack, limit)

    def _lookup(self, grams: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        for _attempt in range(3):
            self._refresh()
            try:
                return segments.lookup_flat(list(self._open.values()), grams, COMMON_GRAM_POSTINGS, self._removed)
            except FileNotFoundError:  # merged away by another process since our refresh
                self._seen_version = None
        raise LibraryError(f"{self.path}: the index keeps changing under this reader; try again")

    def _refresh(self) -> None:
        """Follow segments added, merged or removed by any connection since the last lookup."""
        version = (self.db.execute("PRAGMA data_version").fetchone()[0], self._own_writes)
        if version == self._seen_version:
            return
        names = [r[0] for r in self.db.execute("SELECT file FROM segments ORDER BY id")]
        self._open = {name: self._open.get(name) or self._segment(name) for name in names}
        self._removed = np.array([r[0] for r in self.db.execute("SELECT source_id FROM removed")], np.int64)
        self._seen_version = version

    def _segment(self, name: str) -> segments.SegmentArrays:
        if self.index_folder is None:
            return self._memory_segments[name]
        try:
            return segments.read(self.index_folder / name)
        except ValueError as exc:
            raise LibraryError(str(exc)) from None


@contextmanager
def _set_up_alone(index_folder: Path | None) -> Iterator[None]:
    """One process at a time creates or upgrades a library. Users opening a new library at the same
    moment could otherwise deadlock in SQLite's lock upgrades (switching to WAL wants the file to
    itself) and wait out the busy timeout. The flock is on the library's index folder, never on the
    database file: closing any descriptor of that file drops all of the process's SQLite (POSIX)
    locks on it, and a process whose WAL lock is gone can have its WAL deleted under it by another
    user closing the library (its later commits were lost)."""
    if index_folder is None:
        yield
        return
    import fcntl

    try:
        index_folder.mkdir(exist_ok=True)
        handle = os.open(index_folder, os.O_RDONLY)
    except OSError:  # no place for it (a read-only folder): SQLite will say what is wrong
        yield
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # releases the flock


def _tier_to_merge(rows: list[tuple[int, str, int]]) -> list[tuple[int, str, int]]:
    """The small segments (id, file, postings) of the lowest size tier that has MERGE_AT of them."""
    tiers: dict[int, list[tuple[int, str, int]]] = {}
    for row in rows:
        tiers.setdefault(int(math.log(max(row[2], 1), MERGE_AT)), []).append(row)
    full = sorted(tier for tier, members in tiers.items() if len(members) >= MERGE_AT)
    return tiers[full[0]] if full else []


def _prefixed(prefix: str) -> str:
    return ", ".join(prefix + c.strip() for c in SOURCE_COLUMNS.split(","))


def near_queries(query_words: list[str], frequency: Callable[[str], int]) -> list[str]:
    rounds, distance = near_groups(query_words, frequency)
    return [" OR ".join("NEAR(" + " ".join(f'"{w}"' for w in group) + f", {distance})" for group in groups)
            for groups in rounds]


def full_text_segments(db: sqlite3.Connection) -> int:
    """Segments of the FTS5 index, from its structure record: a 4-byte cookie (and, in FTS5's
    newer format, a 4-byte marker), then SQLite varints: levels, segments, ..."""
    row = db.execute("SELECT block FROM sources_fts_data WHERE id=10").fetchone()
    if row is None:  # nothing indexed yet
        return 0
    blob = row[0]
    at = 8 if blob[4:8] == b"\xff\x00\x00\x01" else 4
    values: list[int] = []
    while len(values) < 2:
        value = 0
        for _ in range(9):  # 7 bits a byte, high bit set on all but the last
            byte = blob[at]
            at += 1
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        values.append(value)
    return values[1]


def _sha_key(sha256: str) -> int:
    """The first 64 bits of a hex SHA-256, as SQLite's signed integer."""
    return int.from_bytes(bytes.fromhex(sha256[:16]), "big", signed=True)

