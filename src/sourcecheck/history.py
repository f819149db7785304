"""The web app's history of checks: each check's report kept so that it can be reopened.

It lives beside the sources, in the library's database (SQLite file or PostgreSQL schema), in its
own `checks` table — the table and layout the library itself kept before this module, so a
library's old history reads as it was. The library knows nothing of it; the table is made at the
first check saved, so that reading a library never writes to it. One implementation for both
backends: they differ only in the placeholder, the id column and how a transaction begins.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, Self

from .errors import LibraryError, NotFoundError
from .libraries import default_db_path, is_postgres_url
from .library_pg import connect, describe_error, mask_password

TABLE = """CREATE TABLE IF NOT EXISTS checks (
    id {id_column},
    created_at TEXT NOT NULL,
    title TEXT NOT NULL,
    counts TEXT NOT NULL,
    json TEXT NOT NULL,
    html TEXT NOT NULL
)"""
CREATE_LOCK = 7_402_114  # PostgreSQL advisory lock: two first checks at once must not both create the table


@dataclass(frozen=True)
class CheckSummary:
    id: int
    created_at: str  # ISO 8601, UTC, to the second
    title: str
    counts: dict[str, int]  # quotes per verdict, reported speech that differs (reported_differs), claims_differ


@dataclass(frozen=True)
class StoredCheck:
    id: int
    created_at: str
    title: str
    report_json: str
    report_html: str


class _Cursor(Protocol):
    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class _Connection(Protocol):
    def execute(self, sql: str, parameters: tuple[Any, ...] = ..., /) -> _Cursor: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class _Dialect:
    placeholder: str
    id_column: str
    table_exists: str  # a statement giving a row when the checks table is there
    begin: str
    lock: str | None  # run first in the transaction that creates the table
    errors: type[Exception]
    describe: Callable[[Exception], str]


_SQLITE = _Dialect("?", "INTEGER PRIMARY KEY", "SELECT 1 FROM sqlite_master WHERE type='table' AND name='checks'",
                   "BEGIN IMMEDIATE", None, sqlite3.Error, str)


def _postgres_dialect() -> _Dialect:
    import psycopg

    return _Dialect("%s", "BIGSERIAL PRIMARY KEY", "SELECT 1 WHERE to_regclass('checks') IS NOT NULL", "BEGIN",
                    f"SELECT pg_advisory_xact_lock({CREATE_LOCK})", psycopg.Error, describe_error)


class CheckHistory:
    """Past checks of a library, newest first. Open with `open_history`; close when done."""

    def __init__(self, db: _Connection, dialect: _Dialect, location: str) -> None:
        self._db, self._dialect, self.path = db, dialect, location
        self._has_table = False

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def save(self, title: str, report_json: str, report_html: str, counts: dict[str, int]) -> int:
        """Keep a check's report; returns its id."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._translated(), self._transaction():
            self._create_table()
            row = self._execute("INSERT INTO checks (created_at, title, counts, json, html) VALUES (?,?,?,?,?)"
                                " RETURNING id", (now, title, json.dumps(counts), report_json, report_html)).fetchone()
        return int(row[0])

    def recent(self, limit: int = 100) -> list[CheckSummary]:
        with self._translated():
            if not self._table_exists():
                return []
            rows = self._execute("SELECT id, created_at, title, counts FROM checks ORDER BY id DESC LIMIT ?",
                                 (limit,)).fetchall()
        return [CheckSummary(int(r[0]), r[1], r[2], json.loads(r[3])) for r in rows]

    def get(self, check_id: int) -> StoredCheck:
        """A past check; a LibraryError when there is none with that id."""
        with self._translated():
            row = None
            if -(2**63) <= check_id < 2**63 and self._table_exists():  # beyond: no row could have it
                row = self._execute("SELECT id, created_at, title, json, html FROM checks WHERE id=?",
                                    (check_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no check with id {check_id}")
        return StoredCheck(int(row[0]), row[1], row[2], row[3], row[4])

    def is_library(self) -> bool:
        """Whether the database holds a sourcecheck library (a history is kept only beside one)."""
        try:
            return self._execute("SELECT 1 FROM meta WHERE key='schema_version'").fetchone() is not None
        except self._dialect.errors:  # no meta table
            return False

    def _execute(self, sql: str, parameters: tuple[Any, ...] = ()) -> _Cursor:
        return self._db.execute(sql.replace("?", self._dialect.placeholder), parameters)

    def _table_exists(self) -> bool:
        self._has_table = self._has_table or self._execute(self._dialect.table_exists).fetchone() is not None
        return self._has_table

    def _create_table(self) -> None:
        if self._table_exists():
            return
        if self._dialect.lock:
            self._execute(self._dialect.lock)
        self._execute(TABLE.format(id_column=self._dialect.id_column))

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._execute(self._dialect.begin)
        try:
            yield
        except BaseException:
            self._execute("ROLLBACK")
            raise
        self._execute("COMMIT")

    @contextmanager
    def _translated(self) -> Iterator[None]:
        """Database errors become one LibraryError line."""
        try:
            yield
        except self._dialect.errors as exc:
            raise LibraryError(f"{self.path}: {self._dialect.describe(exc)}") from None


def open_history(location: str | Path | None = None) -> CheckHistory:
    """The history of checks of the library at a SQLite path or a postgresql:// URL. The library
    must exist: the history never creates a database."""
    where = str(location or default_db_path())
    if is_postgres_url(where):
        db: _Connection = connect(where)
        history = CheckHistory(db, _postgres_dialect(), mask_password(where))
    else:
        history = CheckHistory(_sqlite_connection(where), _SQLITE, where)
    if not history.is_library():
        history.close()
        raise LibraryError(f"{history.path}: not a sourcecheck library")
    return history


def _sqlite_connection(path: str) -> sqlite3.Connection:
    if path == ":memory:":
        raise LibraryError("an in-memory library keeps no history of checks")
    try:
        # mode=rw: a missing file is an error, not a new empty database; transactions by hand
        return sqlite3.connect(Path(path).resolve().as_uri() + "?mode=rw", uri=True, timeout=60,
                               isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise LibraryError(f"{path}: cannot open the library ({exc})") from None
