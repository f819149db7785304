"""The source library on a PostgreSQL server (`--db postgresql://…`): the same methods and results as
the SQLite library, for teams that add sources and check articles at the same time.

Tables (created on first use, under an advisory lock so that two processes may start together):
- `sources`: one row per document, as in SQLite, plus what full-text search needs: `tsv`, a
  tsvector (GIN) of the title (weight A), author (B) and text (D) words, and `words`/`meta_words`,
  the same words as one string for exact phrase checks. Words are cut and folded here in Python as
  FTS5's unicode61 tokenizer (remove_diacritics 2) does — runs of letters and digits, case and
  accents folded — so that both backends find the same documents whatever the server's locale or
  extensions, and phrases are found anywhere in long texts (a tsvector's positions stop at 16,383).
- `grams`: word-trigram postings (B-tree on the trigram, and on the source for removal), loaded by
  binary COPY. Candidate regions are scored by `library_base.regions_from_postings` with the same cut-off
  for common trigrams as SQLite, so both rank passages alike.
- `meta`: as in SQLite. (The web app's history of checks is history.py's, in the same schema.)
Each batch of an add is one transaction; identical content is stored once even when two users add
it at the same moment (a unique sha256, `ON CONFLICT DO NOTHING`); ids come from a sequence and are
never reused. Every server error reaches the user as one LibraryError line.
"""

from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

from .errors import LibraryError
from .grams import gram_hashes, texts_word_ids, trigrams
from .ingest import Document, Metadata
from .library_base import (
    COMMON_GRAM_POSTINGS,
    FALLBACK_POSTINGS,
    SOURCE_COLUMNS,
    AddResult,
    Batch,
    Int64s,
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
    regions_from_postings,
    report_results,
    source_from_row,
    store_in_batches,
    stored_from_row,
    text_hash,
)

if TYPE_CHECKING:
    import psycopg

SCHEMA_VERSION = "2"  # its own: the SQLite layout moved on to 3 (hash keys) without it
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
    words TEXT NOT NULL,
    meta_words TEXT NOT NULL,
    tsv TSVECTOR NOT NULL
);
CREATE INDEX IF NOT EXISTS sources_tsv ON sources USING GIN (tsv);
CREATE TABLE IF NOT EXISTS grams (gram BIGINT NOT NULL, source_id BIGINT NOT NULL, pos INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS grams_gram ON grams (gram);
CREATE INDEX IF NOT EXISTS grams_source ON grams (source_id);
"""
SCHEMA_LOCK = 7_402_113  # advisory lock: two processes creating the schema at once must not collide
TSVECTOR_MAX_BYTES = 1_000_000  # PostgreSQL's limit is 1 MB per tsvector
MAX_LEXEME_BYTES = 2000  # PostgreSQL refuses longer words in a tsvector
BM25_K1, BM25_B = 1.2, 0.75  # FTS5's bm25() constants


P = ParamSpec("P")
R = TypeVar("R")


Method = Callable[Concatenate["PostgresLibrary", P], R]


def _translate_errors(method: Method[P, R]) -> Method[P, R]:
    """Server and SQL errors become LibraryError: one line for the user, never a traceback."""

    def wrapper(self: PostgresLibrary, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except self._psycopg.Error as exc:
            raise LibraryError(f"{self.path}: {describe_error(exc)}") from None

    functools.update_wrapper(wrapper, method)
    return wrapper


def connect(url: str) -> psycopg.Connection[tuple[Any, ...]]:
    """An autocommit connection to the server (a read is one statement with its own snapshot;
    writes open explicit transactions); a LibraryError naming the URL without its password."""
    import psycopg

    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        raise LibraryError(f"{mask_password(url)}: cannot connect to PostgreSQL ({describe_error(exc)})") from None


class PostgresLibrary(Library):
    def __init__(self, url: str, read_only: bool = False) -> None:
        import psycopg

        self._psycopg = psycopg
        self.path = mask_password(url)  # printed in messages: never the password
        self.db = connect(url)
        self._common_terms: set[str] = set()
        try:
            self._ensure_schema()
            if read_only:
                self.db.execute("SET default_transaction_read_only = on")
        except BaseException:
            self.db.close()
            raise

    def close(self) -> None:
        self.db.close()

    @_translate_errors
    def _ensure_schema(self) -> None:
        # An existing library is only read: CREATE INDEX IF NOT EXISTS would wait for every open add
        # transaction (its lock conflicts with their inserts), stalling each user who opens the library.
        if _one(self.db.execute("SELECT to_regclass('meta') IS NOT NULL")):
            self._check_version()
            if self._has_column("text_tsv"):
                self._upgrade_search_columns()
            return
        with self.db.transaction():
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            self.db.execute(SCHEMA)
            self.db.execute("INSERT INTO meta VALUES ('schema_version', %s) ON CONFLICT (key) DO NOTHING",
                            (SCHEMA_VERSION,))
        self._check_version()

    def _has_column(self, column: str) -> bool:
        return self.db.execute("SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('sources') AND attname=%s"
                               " AND NOT attisdropped", (column,)).fetchone() is not None

    def _upgrade_search_columns(self) -> None:
        """Libraries made by the first PostgreSQL layout (to_tsvector columns, no accent folding):
        the search columns are rebuilt from the stored texts, once, under the schema lock."""
        with self.db.transaction():
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            if not self._has_column("text_tsv"):
                return  # another process upgraded it while we waited
            self.db.execute("ALTER TABLE sources ADD COLUMN IF NOT EXISTS words TEXT,"
                            " ADD COLUMN IF NOT EXISTS meta_words TEXT")
            rows = self.db.execute("SELECT id, title, author, text FROM sources").fetchall()
            for source_id, title_text, author_text, text in rows:
                title, author, words = fts_tokens(title_text or ""), fts_tokens(author_text or ""), fts_tokens(text)
                self.db.execute("UPDATE sources SET words=%s, meta_words=%s, tsv=%s::tsvector WHERE id=%s",
                                (_phrase_text(words), _phrase_text(title) + "|" + _phrase_text(author),
                                 tsvector_literal(title, author, words), source_id))
            self.db.execute("ALTER TABLE sources ALTER COLUMN words SET NOT NULL, ALTER COLUMN meta_words SET NOT NULL,"
                            " DROP COLUMN text_tsv")

    def _check_version(self) -> None:
        row = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if row is None:
            raise LibraryError(f"{self.path}: not a sourcecheck library (its meta table has no schema_version)")
        if row[0] != SCHEMA_VERSION:
            raise LibraryError(f"{self.path}: library schema {row[0]}, this sourcecheck reads {SCHEMA_VERSION}")

    # ------------------------------------------------------------ writing

    def add_many(self, items: Iterable[Item], on_result: OnResult | None = None,
                 on_phase: OnPhase | None = None) -> list[AddResult]:
        """Library.add_many (PostgreSQL's indexes need no merging at the end)."""
        return store_in_batches(items, self._store, on_result, on_phase)[0]

    @_translate_errors
    def _store(self, batch: Batch, on_result: OnResult | None, bulk: bool = False) -> list[AddResult]:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        word_ids = texts_word_ids([doc.text for doc, _ in batch])
        results: list[AddResult] = []
        with self.db.transaction():
            postings: list[tuple[int, Int64s]] = []
            for (doc, meta), ids in zip(batch, word_ids, strict=True):
                source, created = self._insert_source(doc, meta, len(ids), now)
                results.append(AddResult(source, created))
                if created:
                    postings.append((source.id, trigrams(ids)))
            with self.db.cursor() as cursor, \
                    cursor.copy("COPY grams (gram, source_id, pos) FROM STDIN WITH (FORMAT BINARY)") as copy:
                for chunk in _postings_copy(postings):
                    copy.write(chunk)
        report_results(results, on_result)
        return results

    def _insert_source(self, doc: Document, meta: Metadata, n_words: int, now: str) -> tuple[Source, bool]:
        blocks = json.dumps([[b.start, b.end, b.kind, b.group] for b in doc.blocks])
        title, author, text = fts_tokens(meta.title or ""), fts_tokens(meta.author or ""), fts_tokens(doc.text)
        for _attempt in range(3):
            # a concurrent add of the same content waits here for the other transaction, then stores nothing
            row = self.db.execute(
                "INSERT INTO sources (sha256, text_sha256, title, author, date, url, path, format, added_at,"
                " n_chars, n_words, text, blocks, words, meta_words, tsv)"
                " VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s::tsvector)"
                " ON CONFLICT (sha256) DO NOTHING RETURNING id",
                (doc.sha256, text_hash(doc.text), meta.title, meta.author, meta.date, meta.url, doc.path, doc.format,
                 now, len(doc.text), n_words, doc.text, blocks, _phrase_text(text),
                 _phrase_text(title) + "|" + _phrase_text(author), tsvector_literal(title, author, text)),
            ).fetchone()
            if row is not None:
                return Source(row[0], meta.title, meta.author, meta.date, meta.url, doc.path, doc.format, doc.sha256,
                              now, len(doc.text), n_words), True
            existing = self._find_by_hash(doc.sha256)  # the same content, perhaps committed by another user just now
            if existing is not None:
                return existing, False
            # ... and removed again by a third before we read it: try the insert once more
        raise LibraryError(f"{self.path}: {doc.path or 'a document'} keeps being added and removed by other users;"
                           " try again")

    @_translate_errors
    def remove(self, source_id: int) -> Source:
        with self.db.transaction():
            row = self.db.execute(f"SELECT {SOURCE_COLUMNS} FROM sources WHERE id=%s FOR UPDATE",
                                  (source_id,)).fetchone()  # a second remover waits, then finds it gone
            if row is None:
                raise no_source(source_id, self.path)
            self.db.execute("DELETE FROM grams WHERE source_id=%s", (source_id,))
            self.db.execute("DELETE FROM sources WHERE id=%s", (source_id,))
        return source_from_row(row)

    # ------------------------------------------------------------ reading

    @_translate_errors
    def sources(self) -> list[Source]:
        return [source_from_row(r) for r in self.db.execute(f"SELECT {SOURCE_COLUMNS} FROM sources ORDER BY id")]

    @_translate_errors
    def count(self) -> int:
        return int(_one(self.db.execute("SELECT COUNT(*) FROM sources")))

    @_translate_errors
    def get(self, source_id: int) -> StoredSource:
        row = self.db.execute(f"SELECT {SOURCE_COLUMNS}, text, blocks FROM sources WHERE id=%s",
                              (source_id,)).fetchone()
        return stored_from_row(row, source_id, self.path)

    def _find_by_hash(self, sha256: str) -> Source | None:
        row = self.db.execute(f"SELECT {SOURCE_COLUMNS} FROM sources WHERE sha256=%s", (sha256,)).fetchone()
        return Source(*row) if row else None

    @_translate_errors
    def search(self, query: str, limit: int = 20) -> list[Source]:
        """Full-text search over title, author and text in FTS5's query syntax, as the SQLite library
        takes it: plain words, "phrases", prefix*, AND, OR, NOT, parentheses, NEAR(…)."""
        try:
            expression = _FtsParser(fts_query(query)).parse()
        except _QuerySyntaxError as exc:
            raise LibraryError(f"bad search query {query!r} ({exc})") from None
        condition, params = expression.sql()
        prefilter = expression.prefilter()
        if prefilter is None:  # nothing the index can narrow (only empty phrases, say)
            sql = f"SELECT {SOURCE_COLUMNS} FROM sources WHERE {condition} ORDER BY id LIMIT %s"
            return [Source(*row) for row in self.db.execute(sql, (*params, limit))]
        sql = (f"SELECT {SOURCE_COLUMNS} FROM sources WHERE tsv @@ %s::tsquery AND {condition}"
               " ORDER BY ts_rank(tsv, %s::tsquery) DESC, id LIMIT %s")
        return [Source(*row) for row in self.db.execute(sql, (prefilter, *params, prefilter, limit))]

    @_translate_errors
    def phrase_sources(self, phrase_words: list[str], limit: int = 50) -> list[int]:
        """Ids of sources holding the words as a phrase in their text (for quotes too short for trigrams)."""
        tokens = [t for w in phrase_words for t in fts_tokens(w)]
        if not tokens:
            return []
        query = " & ".join(_lexeme(t) + ":D" for t in dict.fromkeys(tokens))  # :D, the text's words
        rows = self.db.execute("SELECT id FROM sources WHERE tsv @@ %s::tsquery AND strpos(words, %s) > 0"
                               " ORDER BY id LIMIT %s", (query, _phrase_text(tokens), limit))
        return [r[0] for r in rows]

    @_translate_errors
    def near_sources(self, query_words: list[str], limit: int = 16) -> list[int]:
        """Sources holding the quote's words, all or all but one (`near_groups`, as SQLite picks
        them), in id order. Unlike FTS5's NEAR the words' distance is not checked: the caller
        scores where they cluster."""
        tokens = [t for w in query_words for t in fts_tokens(w)]
        rounds, _distance = near_groups(tokens, self._capped_frequency)
        found: list[int] = []
        for groups in rounds:
            query = " | ".join("(" + " & ".join(_lexeme(t) + ":D" for t in group) + ")" for group in groups)
            rows = self.db.execute("SELECT id FROM sources WHERE tsv @@ %s::tsquery ORDER BY id LIMIT %s",
                                   (query, limit))
            found += [r[0] for r in rows if r[0] not in found]
            if len(found) >= limit:
                break
        return found[:limit]

    @_translate_errors
    def author_sources(self, author_words: list[str], query_words: list[str], limit: int = 12) -> list[int]:
        """Sources whose author (weight B) holds every one of the names and whose title (A) or text
        (D) holds any of the words, by ts_rank."""
        names = list(dict.fromkeys(t for w in author_words for t in fts_tokens(w)))
        words = list(dict.fromkeys(t for w in query_words for t in fts_tokens(w)))
        if not names or not words:
            return []
        query = (" & ".join(_lexeme(n) + ":B" for n in names) + " & ("
                 + " | ".join(_lexeme(w) + ":AD" for w in words) + ")")
        rows = self.db.execute("SELECT id FROM sources WHERE tsv @@ %s::tsquery"
                               " ORDER BY ts_rank(tsv, %s::tsquery) DESC, id LIMIT %s", (query, query, limit))
        return [r[0] for r in rows]

    @_translate_errors
    def word_sources(self, query_words: list[str], limit: int = 20) -> list[int]:
        """Sources richest in the quote's rarer words, as the SQLite library picks them (RARE_TERMS
        words, held together by at most FALLBACK_POSTINGS documents), ranked by FTS5's bm25."""
        terms = list(dict.fromkeys(t for w in query_words for t in fts_tokens(w)))
        frequency = {t: self._capped_frequency(t) for t in terms}
        chosen = rare_terms(terms, frequency.__getitem__)
        if not chosen:
            return []
        n_docs, avg_words = _row(self.db.execute("SELECT COUNT(*), COALESCE(AVG(n_words), 0) FROM sources"))
        idf = [max(1e-6, math.log((n_docs - frequency[t] + 0.5) / (frequency[t] + 0.5))) for t in chosen]
        # tf: the text's positions (weight D) of the chosen words only, by marking them A and keeping A
        rows = self.db.execute(
            """
            WITH q(term, idf) AS (SELECT * FROM unnest(%(terms)s::text[], %(idf)s::float8[])),
            c AS (SELECT id, n_words,
                         ts_filter(setweight(ts_filter(tsv, '{d}'), 'a', %(terms)s::text[]), '{a}') AS hits
                  FROM sources WHERE tsv @@ %(any)s::tsquery)
            SELECT c.id, SUM(q.idf * (u.tf * (%(k1)s + 1))
                             / (u.tf + %(k1)s * (1 - %(b)s + %(b)s * c.n_words / %(avg)s))) AS score
            FROM c CROSS JOIN LATERAL (SELECT lexeme, greatest(cardinality(positions), 1) AS tf
                                       FROM unnest(c.hits)) u
            JOIN q ON q.term = u.lexeme
            GROUP BY c.id ORDER BY score DESC, c.id LIMIT %(limit)s
            """,
            {"terms": chosen, "idf": idf, "any": " | ".join(_lexeme(t) + ":D" for t in chosen),
             "k1": BM25_K1, "b": BM25_B, "avg": max(float(avg_words), 1.0), "limit": limit})
        return [r[0] for r in rows]

    def _capped_frequency(self, term: str) -> int:
        """Documents whose text holds the word, counted up to FALLBACK_POSTINGS + 1 (a word found
        common stays common as sources are added)."""
        if term in self._common_terms:
            return FALLBACK_POSTINGS + 1
        count = int(_one(self.db.execute("SELECT COUNT(*) FROM (SELECT 1 FROM sources WHERE tsv @@ %s::tsquery"
                                         " LIMIT %s) c", (_lexeme(term) + ":D", FALLBACK_POSTINGS + 1))))
        if count > FALLBACK_POSTINGS:
            self._common_terms.add(term)
        return count

    @_translate_errors
    def candidates(self, query_words: list[str], limit: int = 10, slack: int = 10) -> list[Region]:
        """Regions of sources sharing word trigrams with the query, best first (regions_from_postings;
        a trigram with more than COMMON_GRAM_POSTINGS postings is skipped, as in SQLite)."""
        grams = gram_hashes(query_words)
        if len(grams) == 0:
            return []
        distinct = list(dict.fromkeys(grams.tolist()))
        # one round trip: each trigram's postings up to one past the cut-off, to tell the common ones
        rows = self.db.execute(
            "SELECT u.i - 1, g.source_id, g.pos FROM unnest(%s::bigint[]) WITH ORDINALITY AS u(gram, i)"
            " CROSS JOIN LATERAL (SELECT source_id, pos FROM grams WHERE gram = u.gram LIMIT %s) g",
            (distinct, COMMON_GRAM_POSTINGS + 1)).fetchall()
        postings = []
        if rows:
            found = np.array(rows, dtype=np.int64)
            found = found[np.argsort(found[:, 0], kind="stable")]
            for part in np.split(found, np.flatnonzero(np.diff(found[:, 0])) + 1):
                if len(part) <= COMMON_GRAM_POSTINGS:
                    postings.append((int(part[0, 0]), part[:, 1], part[:, 2]))
        return regions_from_postings(postings, len(grams), len(query_words) + slack, limit)


# ---------------------------------------------------------------- words as FTS5 sees them

_TOKEN = re.compile(r"[^\W_]+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def fts_tokens(text: str) -> list[str]:
    """Words as FTS5's unicode61 tokenizer with remove_diacritics 2 makes them: runs of letters and
    digits, lower case, accents removed (Dvořák, dvorak and DVORAK are one word)."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFD", text)))
    return _TOKEN.findall(text.lower())


def _phrase_text(tokens: list[str]) -> str:
    """Words between single spaces, with one at each end: ' a b ' is in it exactly when the phrase is."""
    return " " + " ".join(tokens) + " "


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(title: list[str], author: list[str], text: list[str]) -> str:
    """A tsvector of the words, each with as many positions as it has occurrences (up to PostgreSQL's
    256): positions only carry weights (title A, author B, text D) and counts for ranking, so they are
    numbered per word and never reach the 16,383 cap of long texts. Fewer positions are kept when the
    vector would pass PostgreSQL's 1 MB limit."""
    counts: dict[str, list[int]] = {}
    for weight, tokens in enumerate((title, author, text)):
        for token, n in Counter(tokens).items():
            if len(token.encode("utf-8")) <= MAX_LEXEME_BYTES:
                counts.setdefault(token, [0, 0, 0])[weight] = n
    for cap in (256, 32, 4, 1):
        size = sum(len(t.encode("utf-8")) + 8 + 2 * min(sum(c), cap) for t, c in counts.items())
        if size < TSVECTOR_MAX_BYTES * 0.9:
            break
    parts = []
    for token, (n_title, n_author, n_text) in counts.items():
        marks = (["A"] * n_title + ["B"] * n_author + [""] * n_text)[:cap]
        parts.append(_lexeme(token) + ":" + ",".join(f"{i}{m}" for i, m in enumerate(marks, 1)))
    return " ".join(parts)


# ---------------------------------------------------------------- postings

_COPY_ROW = np.dtype([("fields", ">i2"), ("l1", ">i4"), ("gram", ">i8"), ("l2", ">i4"), ("source", ">i8"),
                      ("l3", ">i4"), ("pos", ">i4")])
_COPY_CHUNK_ROWS = 1 << 20


def _postings_copy(postings: list[tuple[int, Int64s]]) -> Iterator[bytes]:
    """COPY BINARY data built with NumPy (millions of rows without a Python object per row), in chunks."""
    rows = sum(len(g) for _, g in postings)
    if not rows:
        return
    table = np.empty(rows, dtype=_COPY_ROW)
    table["fields"], table["l1"], table["l2"], table["l3"] = 3, 8, 8, 4
    table["gram"] = np.concatenate([g for _, g in postings])
    table["source"] = np.repeat([s for s, _ in postings], [len(g) for _, g in postings])
    table["pos"] = np.concatenate([np.arange(len(g)) for _, g in postings])
    yield b"PGCOPY\n\xff\r\n\x00" + b"\x00" * 8
    for start in range(0, rows, _COPY_CHUNK_ROWS):
        yield table[start : start + _COPY_CHUNK_ROWS].tobytes()
    yield b"\xff\xff"


# ---------------------------------------------------------------- FTS5 queries


class _QuerySyntaxError(ValueError):
    pass


class _Phrase:
    def __init__(self, tokens: list[str], prefix: bool) -> None:
        self.tokens, self.prefix = tokens, prefix

    def prefilter(self) -> str | None:
        if not self.tokens:
            return None
        lexemes = [_lexeme(t) for t in self.tokens]
        if self.prefix:
            lexemes[-1] += ":*"
        return "(" + " & ".join(lexemes) + ")"

    def sql(self) -> tuple[str, list[str]]:
        query = self.prefilter()
        if query is None:
            return "false", []  # FTS5: a phrase with no word matches nothing
        if len(self.tokens) == 1:
            return "tsv @@ %s::tsquery", [query]
        pattern = _phrase_text(self.tokens)
        if self.prefix:
            pattern = pattern[:-1]  # ' a b' also finds ' a bc '
        return ("(tsv @@ %s::tsquery AND (strpos(words, %s) > 0 OR strpos(meta_words, %s) > 0))",
                [query, pattern, pattern])


class _Boolean:
    def __init__(self, op: str, left: _Expression, right: _Expression) -> None:
        self.op, self.left, self.right = op, left, right

    def prefilter(self) -> str | None:
        left, right = self.left.prefilter(), self.right.prefilter()
        if self.op == "NOT":
            return left  # a document must match the left side; the right one only takes some away
        if self.op == "AND":
            return f"({left} & {right})" if left and right else (left or right)
        return f"({left} | {right})" if left and right else None

    def sql(self) -> tuple[str, list[str]]:
        (left, lp), (right, rp) = self.left.sql(), self.right.sql()
        joined = {"AND": f"({left} AND {right})", "OR": f"({left} OR {right})", "NOT": f"({left} AND NOT {right})"}
        return joined[self.op], lp + rp


_Expression = _Phrase | _Boolean


class _FtsParser:
    """FTS5's query grammar: OR binds loosest, then AND (or juxtaposition), then NOT."""

    TOKEN = re.compile(r'\s*(?:"((?:[^"]|"")*)"|(\()|(\))|(\*)|(,)|([^\s"()*,]+))')

    def __init__(self, query: str) -> None:
        self.tokens: list[tuple[str, str]] = []
        at = 0
        while at < len(query):
            match = self.TOKEN.match(query, at)
            if match is None:
                if query[at:].strip():
                    raise _QuerySyntaxError(f"unterminated string near {query[at:at + 20]!r}")
                break
            at = match.end()
            phrase, opening, closing, star, comma, word = match.groups()
            if phrase is not None:
                self.tokens.append(("phrase", phrase.replace('""', '"')))
            elif opening:
                self.tokens.append(("(", opening))
            elif closing:
                self.tokens.append((")", closing))
            elif star:
                self.tokens.append(("*", star))
            elif comma:
                self.tokens.append((",", comma))
            elif word in ("AND", "OR", "NOT"):
                self.tokens.append((word, word))
            elif word.startswith("NEAR") and not word[4:] and self._next_is(query, at, "("):
                self.tokens.append(("NEAR", word))
            else:
                if not all(c.isalnum() or c == "_" or ord(c) > 127 for c in word):
                    raise _QuerySyntaxError(f"syntax error near {word!r}")
                self.tokens.append(("phrase", word))
        self.at = 0

    @staticmethod
    def _next_is(query: str, at: int, char: str) -> bool:
        return query[at:].lstrip().startswith(char)

    def parse(self) -> _Expression:
        if not self.tokens:
            raise _QuerySyntaxError("empty query")
        expression = self._or()
        if self.at < len(self.tokens):
            raise _QuerySyntaxError(f"syntax error near {self.tokens[self.at][1]!r}")
        return expression

    def _peek(self) -> str | None:
        return self.tokens[self.at][0] if self.at < len(self.tokens) else None

    def _take(self, kind: str) -> str:
        if self._peek() != kind:
            found = self.tokens[self.at][1] if self.at < len(self.tokens) else "the end"
            raise _QuerySyntaxError(f"expected {kind!r}, found {found!r}")
        self.at += 1
        return self.tokens[self.at - 1][1]

    def _or(self) -> _Expression:
        left = self._and()
        while self._peek() == "OR":
            self.at += 1
            left = _Boolean("OR", left, self._and())
        return left

    def _and(self) -> _Expression:
        left = self._not()
        while self._peek() in ("AND", "phrase", "(", "NEAR"):
            if self._peek() == "AND":
                self.at += 1
            left = _Boolean("AND", left, self._not())
        return left

    def _not(self) -> _Expression:
        left = self._primary()
        while self._peek() == "NOT":
            self.at += 1
            left = _Boolean("NOT", left, self._primary())
        return left

    def _primary(self) -> _Expression:
        kind = self._peek()
        if kind == "(":
            self.at += 1
            inner = self._or()
            self._take(")")
            return inner
        if kind == "NEAR":  # NEAR(a b, N): every phrase in the document (distance not checked)
            self.at += 1
            self._take("(")
            phrases = [self._phrase()]
            while self._peek() == "phrase":
                phrases.append(self._phrase())
            if self._peek() == ",":
                self.at += 1
                if not self._take("phrase").isdigit():
                    raise _QuerySyntaxError("NEAR distance must be a number")
            self._take(")")
            expression: _Expression = phrases[0]
            for phrase in phrases[1:]:
                expression = _Boolean("AND", expression, phrase)
            return expression
        return self._phrase()

    def _phrase(self) -> _Phrase:
        text = self._take("phrase")
        prefix = self._peek() == "*"
        if prefix:
            self.at += 1
        return _Phrase(fts_tokens(text), prefix)


# ---------------------------------------------------------------- URLs and messages


def mask_password(url: str) -> str:
    """The URL with any password replaced by ***, in the user part or as a `password=` parameter."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            user, _, host = netloc.rpartition("@")
            if ":" in user:
                user = user.split(":", 1)[0] + ":***"
            netloc = f"{user}@{host}"
        query = parts.query
        if "password" in query:
            query = urlencode([(k, "***" if k == "password" else v) for k, v in parse_qsl(query,
                                                                                          keep_blank_values=True)],
                              safe="*")
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except ValueError:
        return "postgresql://(unreadable URL)"


def describe_error(exc: Exception) -> str:
    """The server's first line, without the connection details it repeats."""
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    message = lines[0]
    if message.startswith("connection failed:") or message.startswith("connection to server"):
        message = " ".join(lines[:2]) if len(lines) > 1 else message
    return message


def _row(cursor: psycopg.Cursor[tuple[Any, ...]]) -> tuple[Any, ...]:
    """The one row a statement returns (an aggregate)."""
    row = cursor.fetchone()
    if row is None:
        raise LibraryError("the server returned no row")
    return row


def _one(cursor: psycopg.Cursor[tuple[Any, ...]]) -> Any:
    """The single value a statement returns (COUNT, EXISTS)."""
    return _row(cursor)[0]
