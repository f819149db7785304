"""The web app under load, small enough for CI: `sourcecheck serve` keeps answering pages while
clients check articles (before issue 15 no page was answered while a check ran), with no errors and
a "busy, retry" 503 instead of a pile-up. The full run with timings is bench/load.py (make bench)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

load = pytest.importorskip("load")


def test_pages_are_answered_while_checks_run(tmp_path):
    db = tmp_path / "lib.db"
    args, env = load.command(ROOT / "src", "add", str(ROOT / "examples" / "sources"), "--db", str(db), "--quiet")
    subprocess.run(args, env=env, check=True, capture_output=True)
    texts = load.articles()[:6]
    server, base = load.start_server(db, ROOT / "src")
    try:
        for name, data in texts[:2]:  # the history pages browsed below: /checks/1 and /checks/2
            load.httpx.post(f"{base}/api/check/file", files={"file": (name, data)}, timeout=300).raise_for_status()
        tally = load.run_phase(base, seconds=8, checkers=4, browsers=2, texts=texts)
    finally:
        server.terminate()
        server.wait(30)
    assert tally.errors == []
    assert tally.check_s, "no check finished"
    assert len(tally.browse_ms) >= 20, f"only {len(tally.browse_ms)} pages answered in 8 s of checks"
