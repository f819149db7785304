from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

from .hide_modules import hide

# SOURCECHECK_TEST_HIDE=numba runs the suite as if the `fast` extra were not installed (make test
# runs the index tests so): hidden before any test imports sourcecheck.
if os.environ.get("SOURCECHECK_TEST_HIDE"):
    hide(*os.environ["SOURCECHECK_TEST_HIDE"].split(","))



def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:  # hidden (hide_modules)
        return False


# the tests that compare the compiled kernels with their NumPy twins; the rest pass either way
needs_numba = pytest.mark.skipif(not _installed("numba"), reason="Numba is not installed (the fast extra) or hidden")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("SOURCECHECK_SHARED") or ROOT.parent / "shared")
SPEECHES = SHARED / "datasets" / "presidential-speeches"
BUNDLED_SPEECHES = EXAMPLES / "sources"  # five speeches, byte-for-byte copies of files of SPEECHES
REQUIRE_SHARED = os.environ.get("SOURCECHECK_REQUIRE_SHARED") == "1"  # set by `make test`: no silent skip there


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


def missing_shared(what: str) -> None:
    """Skip a test whose data is not in ../shared (SOURCECHECK_SHARED); fail under SOURCECHECK_REQUIRE_SHARED=1."""
    message = f"{what} not in {SHARED / 'datasets'} (set SOURCECHECK_SHARED)"
    if REQUIRE_SHARED:
        pytest.fail(f"SOURCECHECK_REQUIRE_SHARED=1 but {message}")
    pytest.skip(message)


def speeches(pattern: str, count: int) -> list[Path]:
    """The first `count` speeches matching `pattern` (sorted by name): from the data set, else from
    the speeches bundled in examples/sources when they are enough."""
    for folder in (SPEECHES, BUNDLED_SPEECHES):
        matches = sorted(folder.glob(pattern))[:count]
        if len(matches) == count:
            return matches
    missing_shared(f"{count} speeches {pattern}")
    raise AssertionError("unreachable")


def speech(name_part: str) -> Path:
    for folder in (SPEECHES, BUNDLED_SPEECHES):
        matches = sorted(folder.glob(f"*{name_part}*.txt"))
        if matches:
            return matches[0]
    missing_shared(f"speech {name_part}")
    raise AssertionError("unreachable")


def speech_sample(step: int) -> list[Path]:
    """Every `step`-th speech of the data set, or the bundled ones without it."""
    return sorted(SPEECHES.glob("*.txt"))[::step] or sorted(BUNDLED_SPEECHES.glob("*.txt"))


@pytest.fixture
def speech_dataset() -> Path:
    """The whole data set of speeches, for tests that need more than the bundled five."""
    if not SPEECHES.is_dir():
        missing_shared("the presidential speeches")
    return SPEECHES


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


@pytest.fixture(scope="session")
def speeches_db(tmp_path_factory) -> str:
    """A library of all the presidential speeches, built once for the gates that need it
    (tests/test_reported_gate.py, tests/test_claims_gate.py)."""
    if not SPEECHES.is_dir():
        missing_shared("the presidential speeches")
    from sourcecheck.cli import main

    db = str(tmp_path_factory.mktemp("speeches") / "speeches.db")
    sys.argv = ["sourcecheck", "add", str(SPEECHES), "--db", db, "--quiet"]
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 0
    return db


def assert_within_floors(measured: dict[str, float], floors: dict[str, float], ceilings: set[str], split: str) -> None:
    """A gate's measures against the bounds set when its split was scored: floors, and ceilings for
    the measures where lower is better (faithful items called `differs`)."""
    for name, bound in floors.items():
        if name in ceilings:
            assert measured[name] <= bound, (split, name, round(measured[name], 3))
        else:
            assert measured[name] >= bound, (split, name, round(measured[name], 3))
