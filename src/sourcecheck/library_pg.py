"""The source library on a PostgreSQL server: the same methods and results as the SQLite library,
for teams that add sources and check articles at the same time.

Tables: `sources` (with a `tsvector` of title, author and text, 'simple' configuration, GIN
index), `grams` (word-trigram postings, B-tree on the trigram and on the source for removal),
`checks`, `meta`. Candidate regions are scored by `library.regions_from_postings`, as for SQLite,
with the same cut-off for common trigrams, so both rank passages alike. Each batch of an add is
one transaction; identical content is stored once even when two users add it at the same moment
(a unique sha256, `ON CONFLICT DO NOTHING`); source ids come from a sequence and are never reused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

import numpy as np

from .errors import LibraryError
from .grams import gram_hashes, texts_word_ids, trigrams
from .ingest import Block, Document, Metadata
from .library import (
    _SOURCE_COLUMNS,
    BATCH_CHARS,
    COMMON_GRAM_POSTINGS,
    FALLBACK_POSTINGS,
    RARE_TERMS,
    SCHEMA_VERSION,
    AddResult,
    Candidate,
    Source,
    StoredSource,
    _kept,
    _text_hash,
    regions_from_postings,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    id BIGSERIAL PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    text_sha256 TEXT NOT NULL,
    title TEXT, author TEXT, date TEXT, url TEXT, path TEXT,
    format TEXT NOT NULL,
    added_at TEXT NOT NULL,
    n_chars INTEGER NOT NULL,
    n_words INTEGER NOT NULL,
    text TEXT NOT NULL,
    blocks TEXT NOT NULL,
    tsv TSVECTOR NOT NULL,
    text_tsv TSVECTOR NOT NULL
);
CREATE INDEX IF NOT EXISTS sources_tsv ON sources USING GIN (tsv);
CREATE INDEX IF NOT EXISTS sources_text_tsv ON sources USING GIN (text_tsv);
CREATE TABLE IF NOT EXISTS grams (gram BIGINT NOT NULL, source_id BIGINT NOT NULL, pos INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS grams_gram ON grams (gram);
CREATE INDEX IF NOT EXISTS grams_source ON grams (source_id);
CREATE TABLE IF NOT EXISTS checks (
    id BIGSERIAL PRIMARY KEY,
    created_at TEXT NOT NULL,
    title TEXT NOT NULL,
    counts TEXT NOT NULL,
    json TEXT NOT NULL,
    html TEXT NOT NULL
);
"""
SCHEMA_LOCK = 7_402_113  # advisory lock: two processes creating the schema at once must not collide
_TSV = "to_tsvector('simple', %s)"


def _masked(url: str) -> str:
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


class PostgresLibrary:
    def __init__(self, url: str) -> None:
        import psycopg

        self._psycopg = psycopg
        self.path = _masked(url)
        try:
            self.db = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise LibraryError(f"{self.path}: cannot connect to PostgreSQL ({_first_line(exc)})") from None
        try:
            self._ensure_schema()
        except psycopg.Error as exc:
            self.db.close()
            raise LibraryError(f"{self.path}: not a usable sourcecheck library ({_first_line(exc)})") from None
        self._frequencies: dict[str, int] = {}
        self._common_terms: set[str] = set()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> PostgresLibrary:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _ensure_schema(self) -> None:
        with self.db.transaction():
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            self.db.execute(SCHEMA)
            row = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if row is None:
                self.db.execute("INSERT INTO meta VALUES ('schema_version', %s)", (SCHEMA_VERSION,))
            elif row[0] != SCHEMA_VERSION:
                raise LibraryError(f"{self.path}: library schema {row[0]}, this sourcecheck reads {SCHEMA_VERSION}")

    def _run(self, what: str, function, *args):
        """Run a database step; a server error becomes one clear line, not a traceback."""
        try:
            return function(*args)
        except self._psycopg.Error as exc:
            raise LibraryError(f"{self.path}: could not {what} ({_first_line(exc)})") from None

    # ------------------------------------------------------------ writing

    def add(self, doc: Document, metadata: Metadata | None = None) -> AddResult:
        return self.add_many([(doc, metadata)])[0]

    def add_many(self, items: Iterable[tuple[Document, Metadata | None]],
                 on_result: Callable[[AddResult], None] | None = None) -> list[AddResult]:
        results: list[AddResult] = []
        batch: list[tuple[Document, Metadata]] = []
        size = 0
        for doc, metadata in items:
            batch.append((doc, metadata or doc.metadata))
            size += len(doc.text)
            if size >= BATCH_CHARS:
                results += _kept(self._run("store the documents", self._store, batch, on_result), on_result)
                batch, size = [], 0
        if batch:
            results += _kept(self._run("store the documents", self._store, batch, on_result), on_result)
        return results

    def _store(self, batch, on_result) -> list[AddResult]:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        word_ids = texts_word_ids([doc.text for doc, _ in batch])
        results = []
        with self.db.transaction():
            postings = []
            for (doc, meta), ids in zip(batch, word_ids, strict=True):
                source, created = self._insert_source(doc, meta, len(ids), now)
                results.append(AddResult(source, created))
                if created:
                    postings.append((source.id, trigrams(ids)))
            self._copy_postings(postings)
        if on_result is not None:
            for result in results:
                on_result(result)
        return results

    def _insert_source(self, doc: Document, meta: Metadata, n_words: int, now: str) -> tuple[Source, bool]:
        blocks = json.dumps([[b.start, b.end, b.kind, b.group] for b in doc.blocks])
        heading = " ".join(x for x in (meta.title, meta.author) if x)
        row = self.db.execute(
            "INSERT INTO sources (sha256, text_sha256, title, author, date, url, path, format, added_at,"
            f" n_chars, n_words, text, blocks, tsv, text_tsv) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,"
            f" {_TSV}, {_TSV}) ON CONFLICT (sha256) DO NOTHING RETURNING id",
            (doc.sha256, _text_hash(doc.text), meta.title, meta.author, meta.date, meta.url, doc.path, doc.format,
             now, len(doc.text), n_words, doc.text, blocks, _fold(heading + " " + doc.text), _fold(doc.text)),
        ).fetchone()
        if row is None:  # the same content is there (perhaps committed by another user a moment ago)
            return self._find_by_hash(doc.sha256), False
        return Source(row[0], meta.title, meta.author, meta.date, meta.url, doc.path, doc.format, doc.sha256, now,
                      len(doc.text), n_words), True

    def _copy_postings(self, postings: list[tuple[int, np.ndarray]]) -> None:
        """Binary COPY built with NumPy: millions of rows without a Python object per row."""
        rows = sum(len(g) for _, g in postings)
        if not rows:
            return
        record = np.dtype([("fields", ">i2"), ("l1", ">i4"), ("gram", ">i8"), ("l2", ">i4"), ("source", ">i8"),
                           ("l3", ">i4"), ("pos", ">i4")])
        table = np.empty(rows, dtype=record)
        table["fields"], table["l1"], table["l2"], table["l3"] = 3, 8, 8, 4
        table["gram"] = np.concatenate([g for _, g in postings])
        table["source"] = np.repeat([s for s, _ in postings], [len(g) for _, g in postings])
        table["pos"] = np.concatenate([np.arange(len(g)) for _, g in postings])
        payload = b"PGCOPY\n\xff\r\n\x00" + b"\x00" * 8 + table.tobytes() + b"\xff\xff"
        with self.db.cursor().copy("COPY grams (gram, source_id, pos) FROM STDIN WITH (FORMAT BINARY)") as copy:
            copy.write(payload)

    def remove(self, source_id: int) -> Source:
        source = self.get(source_id).source

        def delete():
            with self.db.transaction():
                self.db.execute("DELETE FROM grams WHERE source_id=%s", (source_id,))
                self.db.execute("DELETE FROM sources WHERE id=%s", (source_id,))

        self._run("remove the source", delete)
        return source

    def save_check(self, title: str, report_json: str, report_html: str, counts: str) -> int:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        row = self._run("save the check", lambda: self.db.execute(
            "INSERT INTO checks (created_at, title, counts, json, html) VALUES (%s,%s,%s,%s,%s) RETURNING id",
            (now, title, counts, report_json, report_html)).fetchone())
        return row[0]

    def checks(self, limit: int = 100) -> list[dict]:
        rows = self.db.execute("SELECT id, created_at, title, counts FROM checks ORDER BY id DESC LIMIT %s",
                               (limit,)).fetchall()
        return [{"id": r[0], "created_at": r[1], "title": r[2], "counts": json.loads(r[3])} for r in rows]

    def get_check(self, check_id: int) -> dict:
        row = self.db.execute("SELECT id, created_at, title, json, html FROM checks WHERE id=%s",
                              (check_id,)).fetchone()
        if row is None:
            raise LibraryError(f"no check with id {check_id}")
        return {"id": row[0], "created_at": row[1], "title": row[2], "json": row[3], "html": row[4]}

    # ------------------------------------------------------------ reading

    def sources(self) -> list[Source]:
        return [Source(*r) for r in self.db.execute(f"SELECT {_SOURCE_COLUMNS} FROM sources ORDER BY id")]

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM sources").fetchone()[0]

    def get(self, source_id: int) -> StoredSource:
        row = self.db.execute(f"SELECT {_SOURCE_COLUMNS}, text, blocks FROM sources WHERE id=%s",
                              (source_id,)).fetchone()
        if row is None:
            raise LibraryError(f"no source with id {source_id} in {self.path}")
        blocks = tuple(Block(*b) for b in json.loads(row[-1]))
        return StoredSource(Source(*row[:-2]), row[-2], blocks)

    def _find_by_hash(self, sha256: str) -> Source | None:
        row = self.db.execute(f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE sha256=%s", (sha256,)).fetchone()
        return Source(*row) if row else None

    def search(self, query: str, limit: int = 20) -> list[Source]:
        """Full-text search: words (all of them), "a phrase", or OR / -word (PostgreSQL's web syntax)."""
        rows = self._run("search", lambda: self.db.execute(
            f"SELECT {_SOURCE_COLUMNS} FROM sources, websearch_to_tsquery('simple', %s) q WHERE tsv @@ q"
            " ORDER BY ts_rank(tsv, q) DESC, id LIMIT %s", (_fold(query), limit)).fetchall())
        return [Source(*r) for r in rows]

    def phrase_sources(self, phrase_words: list[str], limit: int = 50) -> list[int]:
        if not phrase_words:
            return []
        rows = self.db.execute("SELECT id FROM sources WHERE text_tsv @@ phraseto_tsquery('simple', %s)"
                               " ORDER BY id LIMIT %s", (_fold(" ".join(phrase_words)), limit))
        return [r[0] for r in rows]

    def word_sources(self, query_words: list[str], limit: int = 20) -> list[int]:
        """Sources richest in the quote's rarer words (as the SQLite library: words held by many
        documents are left out), ranked by PostgreSQL's ts_rank."""
        terms = [t for t in dict.fromkeys(_fold(w) for w in query_words) if t.strip()]
        chosen, postings = [], 0
        frequency = {t: self._capped_frequency(t) for t in terms}
        for term in sorted((t for t in terms if frequency[t]), key=lambda t: (frequency[t], t))[:RARE_TERMS]:
            if chosen and postings + frequency[term] > FALLBACK_POSTINGS:
                break
            chosen.append(term)
            postings += frequency[term]
        if not chosen:
            return []
        query = " | ".join(f"({' <-> '.join(_lexemes(t))})" for t in chosen if _lexemes(t))
        rows = self.db.execute("SELECT id FROM sources, to_tsquery('simple', %s) q WHERE text_tsv @@ q"
                               " ORDER BY ts_rank(text_tsv, q) DESC, id LIMIT %s", (query, limit))
        return [r[0] for r in rows]

    def _capped_frequency(self, term: str) -> int:
        if term in self._common_terms:
            return FALLBACK_POSTINGS + 1
        lexemes = _lexemes(term)
        if not lexemes:
            return 0
        count = self.db.execute("SELECT COUNT(*) FROM (SELECT 1 FROM sources WHERE text_tsv @@ to_tsquery('simple', %s)"
                                " LIMIT %s) c", (" <-> ".join(lexemes), FALLBACK_POSTINGS + 1)).fetchone()[0]
        if count > FALLBACK_POSTINGS:
            self._common_terms.add(term)
        return count

    def candidates(self, query_words: list[str], limit: int = 10, slack: int = 10) -> list[Candidate]:
        grams = gram_hashes(query_words)
        if len(grams) == 0:
            return []
        distinct = list(dict.fromkeys(grams.tolist()))
        counts = dict(self.db.execute(
            "SELECT q.gram, (SELECT COUNT(*) FROM (SELECT 1 FROM grams g WHERE g.gram = q.gram LIMIT %s) c)"
            " FROM unnest(%s::bigint[]) AS q(gram)", (COMMON_GRAM_POSTINGS + 1, distinct)).fetchall())
        wanted = [g for g in distinct if 0 < counts.get(g, 0) <= COMMON_GRAM_POSTINGS]
        if not wanted:
            return []
        rows = self.db.execute("SELECT gram, source_id, pos FROM grams WHERE gram = ANY(%s)", (wanted,)).fetchall()
        found = np.array(rows, dtype=np.int64).reshape(-1, 3)
        index = {g: i for i, g in enumerate(distinct)}
        postings = []
        for gram in wanted:
            mine = found[found[:, 0] == gram]
            postings.append((index[gram], mine[:, 1], mine[:, 2]))
        return regions_from_postings(postings, len(grams), len(query_words) + slack, limit)

    def index_bytes(self) -> int:
        return self.db.execute("SELECT pg_database_size(current_database())").fetchone()[0]


def _fold(text: str) -> str:
    """Case and typographic apostrophes as the rest of sourcecheck sees them."""
    return text.replace("’", "'").replace("‘", "'").casefold()


def _lexemes(word: str) -> list[str]:
    """A word as the 'simple' parser splits it ("don't" is two lexemes), quoted for to_tsquery."""
    return [f"'{p}'" for p in re.findall(r"\w+", word)]


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
