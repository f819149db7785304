from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("SOURCECHECK_SHARED", ROOT.parent / "shared"))
SPEECHES = SHARED / "datasets" / "presidential-speeches"


@pytest.fixture(scope="session")
def nlp():
    from sourcecheck.attribution import load_nlp

    return load_nlp()


@pytest.fixture
def write(tmp_path):
    """Write a file into the test's folder and return its path."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return _write


@pytest.fixture
def cli(monkeypatch, capsys):
    """Run the sourcecheck command in-process: returns (exit code, stdout, stderr)."""
    from sourcecheck.cli import main

    def _run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["sourcecheck", *map(str, args)])
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return _run


def speeches(pattern: str, count: int) -> list[Path]:
    """The first `count` speeches matching `pattern` (sorted by name), or a skip without the dataset."""
    matches = sorted(SPEECHES.glob(pattern))[:count]
    if len(matches) < count:
        pytest.skip(f"{count} speeches {pattern} not in ../shared/datasets")
    return matches


def speech(name_part: str) -> Path:
    matches = sorted(SPEECHES.glob(f"*{name_part}*"))
    if not matches:
        pytest.skip(f"speech {name_part} not in ../shared/datasets")
    return matches[0]


PG_URL = os.environ.get("SOURCECHECK_TEST_PG")
REQUIRE_PG = os.environ.get("SOURCECHECK_REQUIRE_PG") == "1"  # set by `make test`: no silent skip there


def postgres_schema_url(name: str):
    """A fresh schema on the test server, as a library URL; dropped when the generator closes."""
    if not PG_URL:
        if REQUIRE_PG:
            pytest.fail("SOURCECHECK_REQUIRE_PG=1 but SOURCECHECK_TEST_PG is not set (scripts/start-postgres.sh)")
        pytest.skip("no PostgreSQL server: set SOURCECHECK_TEST_PG (make test starts one)")
    import uuid

    import psycopg

    schema = f"t_{name}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in PG_URL else "?"
    try:
        # application_name marks the test's connections: one left open must not block the DROP
        yield f"{PG_URL}{separator}options=-csearch_path%3D{schema}&application_name={schema}"
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name=%s",
                          (schema,))
            admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def library_url(request, tmp_path):
    """An empty library on each backend: the tests that use it run against both."""
    if request.param == "sqlite":
        yield str(tmp_path / "lib.db")
    else:
        yield from postgres_schema_url("lib")
