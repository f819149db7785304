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


def speech(name_part: str) -> Path:
    matches = sorted(SPEECHES.glob(f"*{name_part}*"))
    if not matches:
        pytest.skip(f"speech {name_part} not in ../shared/datasets")
    return matches[0]
