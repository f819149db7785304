"""The source library: documents in SQLite, with an index for finding altered passages fast.

Tables:
- `sources`: one row per document — canonical text, blocks, metadata, hashes.
- `sources_fts`: FTS5 over title, author and text (external content: the text is stored once),
  for full-text search and for one- and two-word quotes that have no word trigram.
- `grams`: word-trigram postings `(gram hash, source id, word position)`, clustered by gram
  (WITHOUT ROWID). A quote that was altered keeps most of its trigrams, so voting over postings
  finds the passage even when words were inserted, dropped or replaced.
Every document is added in one transaction: an interrupted add leaves the library as it was.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from .errors import LibraryError
from .ingest import Block, Document, Metadata
from .tokens import normalized_words

SCHEMA_VERSION = "1"
DEFAULT_DB = "sourcecheck.db"
GRAM_SIZE = 3
COMMON_GRAM_POSTINGS = 20_000  # a trigram this frequent says little about where a quote is

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    text_sha256 TEXT NOT NULL,
    title TEXT, author TEXT, date TEXT, url TEXT, path TEXT,
    format TEXT NOT NULL,
    added_at TEXT NOT NULL,
    n_chars INTEGER NOT NULL,
    n_words INTEGER NOT NULL,
    text TEXT NOT NULL,
    blocks TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS sources_fts USING fts5(
    title, author, text, content='sources', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS checks (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    title TEXT NOT NULL,
    counts TEXT NOT NULL,
    json TEXT NOT NULL,
    html TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS grams (
    gram INTEGER NOT NULL, source_id INTEGER NOT NULL, pos INTEGER NOT NULL,
    PRIMARY KEY (gram, source_id, pos)
) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class Source:
    id: int
    title: str | None
    author: str | None
    date: str | None
    url: str | None
    path: str | None
    format: str
    sha256: str
    added_at: str
    n_chars: int
    n_words: int


@dataclass(frozen=True)
class StoredSource:
    source: Source
    text: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class AddResult:
    source: Source
    created: bool  # False when identical content was already in the library


@dataclass(frozen=True)
class Candidate:
    """A region of a source that shares word trigrams with a query."""

    source_id: int
    word_start: int
    word_end: int  # exclusive
    hits: int  # distinct query trigrams found in the region
    score: float  # hits / query trigrams


def default_db_path() -> str:
    return os.environ.get("SOURCECHECK_DB") or DEFAULT_DB


def is_postgres_url(location: str | Path | None) -> bool:
    return str(location or "").startswith(("postgresql://", "postgres://"))


def library_exists(location: str | Path) -> bool:
    """A PostgreSQL library is created on first use; a SQLite one is a file that may be missing."""
    return is_postgres_url(location) or Path(location).exists()


def open_library(location: str | Path | None = None):
    """The library at a SQLite path or a postgresql:// URL (both have the same methods)."""
    location = str(location or default_db_path())
    if is_postgres_url(location):
        from .library_pg import PostgresLibrary

        return PostgresLibrary(location)
    return Library(location)


class Library:
    def __init__(self, path: str | Path | None = None) -> None:
        self.path = str(path or default_db_path())
        if Path(self.path).is_dir():
            raise LibraryError(f"{self.path}: is a directory, not a library database")
        try:
            self.db = sqlite3.connect(self.path, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")  # WAL stays consistent; a crash loses at most the last add
            self.db.execute("PRAGMA cache_size=-262144")  # 256 MB of page cache for index inserts
            self._ensure_schema()
        except sqlite3.DatabaseError as exc:
            raise LibraryError(f"{self.path}: not a sourcecheck library ({exc})") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _ensure_schema(self) -> None:
        with self.db:
            self.db.executescript(SCHEMA)
            row = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if row is None:
                self.db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
            elif row[0] != SCHEMA_VERSION:
                raise LibraryError(f"{self.path}: library schema {row[0]}, this sourcecheck reads {SCHEMA_VERSION}")

    # ------------------------------------------------------------ writing

    def add(self, doc: Document, metadata: Metadata | None = None) -> AddResult:
        """Store a document (one transaction). Identical content already stored is a no-op."""
        existing = self._find_by_hash(doc.sha256)
        if existing is not None:
            return AddResult(existing, created=False)
        meta = metadata or doc.metadata
        words = normalized_words(doc.text)
        grams = gram_hashes(words)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        blocks = json.dumps([[b.start, b.end, b.kind, b.group] for b in doc.blocks])
        try:
            with self.db:
                cursor = self.db.execute(
                    "INSERT INTO sources (sha256, text_sha256, title, author, date, url, path, format, added_at,"
                    " n_chars, n_words, text, blocks) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (doc.sha256, _text_hash(doc.text), meta.title, meta.author, meta.date, meta.url, doc.path,
                     doc.format, now, len(doc.text), len(words), doc.text, blocks),
                )
                source_id = cursor.lastrowid
                self.db.execute("INSERT INTO sources_fts (rowid, title, author, text) VALUES (?,?,?,?)",
                                (source_id, meta.title, meta.author, doc.text))
                self.db.executemany("INSERT OR IGNORE INTO grams (gram, source_id, pos) VALUES (?,?,?)",
                                    _postings(grams, source_id))
        except sqlite3.DatabaseError as exc:
            raise LibraryError(f"{self.path}: could not store the document ({exc})") from None
        return AddResult(self.get(source_id).source, created=True)

    def remove(self, source_id: int) -> Source:
        stored = self.get(source_id)
        grams = gram_hashes(normalized_words(stored.text))
        s = stored.source
        with self.db:
            self.db.executemany("DELETE FROM grams WHERE gram=? AND source_id=? AND pos=?",
                                ((int(g), source_id, pos) for pos, g in enumerate(grams)))
            self.db.execute("INSERT INTO sources_fts (sources_fts, rowid, title, author, text) VALUES"
                            " ('delete', ?, ?, ?, ?)", (source_id, s.title, s.author, stored.text))
            self.db.execute("DELETE FROM sources WHERE id=?", (source_id,))
        return s

    def save_check(self, title: str, report_json: str, report_html: str, counts: str) -> int:
        """Keep a check's report so that it can be reopened (the web app's history)."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.db:
            cursor = self.db.execute("INSERT INTO checks (created_at, title, counts, json, html) VALUES (?,?,?,?,?)",
                                     (now, title, counts, report_json, report_html))
        return cursor.lastrowid

    def checks(self, limit: int = 100) -> list[dict]:
        rows = self.db.execute("SELECT id, created_at, title, counts FROM checks ORDER BY id DESC LIMIT ?", (limit,))
        return [{"id": r[0], "created_at": r[1], "title": r[2], "counts": json.loads(r[3])} for r in rows]

    def get_check(self, check_id: int) -> dict:
        row = self.db.execute("SELECT id, created_at, title, json, html FROM checks WHERE id=?", (check_id,)).fetchone()
        if row is None:
            raise LibraryError(f"no check with id {check_id}")
        return {"id": row[0], "created_at": row[1], "title": row[2], "json": row[3], "html": row[4]}

    # ------------------------------------------------------------ reading

    def sources(self) -> list[Source]:
        rows = self.db.execute(f"SELECT {_SOURCE_COLUMNS} FROM sources ORDER BY id").fetchall()
        return [Source(*row) for row in rows]

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM sources").fetchone()[0]

    def get(self, source_id: int) -> StoredSource:
        row = self.db.execute(f"SELECT {_SOURCE_COLUMNS}, text, blocks FROM sources WHERE id=?",
                              (source_id,)).fetchone()
        if row is None:
            raise LibraryError(f"no source with id {source_id} in {self.path}")
        blocks = tuple(Block(*b) for b in json.loads(row[-1]))
        return StoredSource(Source(*row[:-2]), row[-2], blocks)

    def _find_by_hash(self, sha256: str) -> Source | None:
        row = self.db.execute(f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE sha256=?", (sha256,)).fetchone()
        return Source(*row) if row else None

    def search(self, query: str, limit: int = 20) -> list[Source]:
        """Full-text search (FTS5 query syntax, or plain words)."""
        try:
            rows = self.db.execute(
                f"SELECT {_prefixed('s.')} FROM sources_fts JOIN sources s ON s.id = sources_fts.rowid"
                " WHERE sources_fts MATCH ? ORDER BY rank LIMIT ?", (_fts_query(query), limit)).fetchall()
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
        terms = list(dict.fromkeys(w.replace('"', "") for w in query_words if w.replace('"', "")))
        if not terms:
            return []
        query = " OR ".join(f'"{t}"' for t in terms)
        rows = self.db.execute("SELECT rowid FROM sources_fts WHERE text MATCH ? ORDER BY bm25(sources_fts) LIMIT ?",
                               (query, limit))
        return [row[0] for row in rows]

    def candidates(self, query_words: list[str], limit: int = 10, slack: int = 10) -> list[Candidate]:
        """Regions of sources sharing word trigrams with the query, best first.

        Postings of each query trigram are gathered per source; hits closer together than the
        query's length plus `slack` words form one region; a region scores by the distinct query
        trigrams it holds.
        """
        grams = gram_hashes(query_words)
        if len(grams) == 0:
            return []
        postings = []
        for qi, gram in enumerate(dict.fromkeys(int(g) for g in grams)):
            rows = self.db.execute("SELECT source_id, pos FROM grams WHERE gram=? LIMIT ?",
                                   (gram, COMMON_GRAM_POSTINGS + 1)).fetchall()
            if 0 < len(rows) <= COMMON_GRAM_POSTINGS:
                found = np.array(rows, dtype=np.int64)
                postings.append((qi, found[:, 0], found[:, 1]))
        return regions_from_postings(postings, len(grams), len(query_words) + slack, limit)


def _postings(grams: np.ndarray, source_id: int):
    """Rows in gram order: B-tree inserts that walk forward instead of jumping about."""
    order = np.argsort(grams, kind="stable")
    return zip(grams[order].tolist(), [source_id] * len(order), order.tolist(), strict=True)


def regions_from_postings(postings: list[tuple[int, np.ndarray, np.ndarray]], n_grams: int, span: int,
                          limit: int) -> list[Candidate]:
    """Candidate regions from the postings of a query's trigrams, best first — shared by every backend
    so that they rank alike.

    `postings` holds, per query trigram kept (common ones already dropped), its index among the
    query's distinct trigrams and the source ids and word positions where it occurs. Hits of one
    source closer together than `span` words form a region; a region scores by the distinct query
    trigrams it holds, out of `n_grams`.
    """
    postings = [p for p in postings if len(p[1])]
    if not postings:
        return []
    sources = np.concatenate([p[1] for p in postings]).astype(np.int64)
    positions = np.concatenate([p[2] for p in postings]).astype(np.int64)
    which = np.concatenate([np.full(len(p[1]), p[0], dtype=np.int64) for p in postings])
    order = np.lexsort((which, positions, sources))
    sources, positions, which = sources[order], positions[order], which[order]
    starts = np.ones(len(sources), dtype=bool)
    starts[1:] = (sources[1:] != sources[:-1]) | (positions[1:] - positions[:-1] > span)
    cluster = np.cumsum(starts) - 1
    width = int(which.max()) + 1
    distinct = np.bincount(np.unique(cluster * width + which) // width, minlength=int(cluster[-1]) + 1)
    first = np.flatnonzero(starts)
    last = np.append(first[1:] - 1, len(sources) - 1)
    ranked = np.lexsort((positions[first], sources[first], -distinct))[:limit]
    return [Candidate(int(sources[first[i]]), int(positions[first[i]]), int(positions[last[i]]) + GRAM_SIZE,
                      int(distinct[i]), float(distinct[i]) / n_grams) for i in ranked]


_SOURCE_COLUMNS = "id, title, author, date, url, path, format, sha256, added_at, n_chars, n_words"


def _prefixed(prefix: str) -> str:
    return ", ".join(prefix + c.strip() for c in _SOURCE_COLUMNS.split(","))


def _fts_query(query: str) -> str:
    """Plain words are searched as words; text with FTS5 operators or quotes is passed through."""
    if any(op in query for op in ('"', " AND ", " OR ", " NOT ", "NEAR(", "*")):
        return query
    return " ".join('"' + w.replace('"', "") + '"' for w in query.split())


def _text_hash(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_WORD_HASHES: dict[str, int] = {}


def gram_hashes(words: list[str]) -> np.ndarray:
    """64-bit hashes of the word trigrams (stable across runs and machines)."""
    if len(words) < GRAM_SIZE:
        return np.zeros(0, dtype=np.int64)
    cache = _WORD_HASHES
    if len(cache) > 2_000_000:
        cache.clear()
    ids = np.fromiter((cache.get(w) or cache.setdefault(w, zlib.crc32(w.encode("utf-8")) | 1) for w in words),
                      dtype=np.uint64, count=len(words))
    with np.errstate(over="ignore"):
        mixed = (ids[:-2] * np.uint64(0x9E3779B97F4A7C15)
                 ^ ids[1:-1] * np.uint64(0xC2B2AE3D27D4EB4F)
                 ^ ids[2:] * np.uint64(0x165667B19E3779F9))
    return mixed.view(np.int64)
