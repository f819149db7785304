"""Opening a source library: a SQLite file or a postgresql:// URL, behind one `Library` protocol.

Front ends (cli, web, corpus) import from here; the backends know nothing of this module.
"""

from __future__ import annotations

import os
from pathlib import Path

from .extras import require_extra
from .library import SqliteLibrary
from .library_base import AddResult, Library, Region, Source, StoredSource
from .library_pg import PostgresLibrary

__all__ = ["AddResult", "Library", "Region", "Source", "StoredSource", "default_db_path", "is_postgres_url",
           "library_exists", "open_library"]

DEFAULT_DB = "sourcecheck.db"


def default_db_path() -> str:
    return os.environ.get("SOURCECHECK_DB") or DEFAULT_DB


def is_postgres_url(location: str | Path | None) -> bool:
    return str(location or "").startswith(("postgresql://", "postgres://"))


def library_exists(location: str | Path) -> bool:
    """A PostgreSQL library is created on first use; a SQLite one is a file that may be missing."""
    return is_postgres_url(location) or Path(location).exists()


def require_backend(location: str | Path | None) -> None:
    """Refuse early, naming the extra, when a postgresql:// library's driver is not installed."""
    if is_postgres_url(location or default_db_path()):
        require_extra("postgres", "a PostgreSQL library (--db postgresql://...)")


def open_library(location: str | Path | None = None, read_only: bool = False) -> Library:
    """The library at a SQLite path or a postgresql:// URL (the default: $SOURCECHECK_DB or
    ./sourcecheck.db). `read_only`: a connection that refuses writes (Spark executors only read)."""
    where = str(location or default_db_path())
    require_backend(where)
    if is_postgres_url(where):
        return PostgresLibrary(where, read_only=read_only)
    return SqliteLibrary(where, read_only=read_only)
