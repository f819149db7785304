"""The web app under load: clients checking articles while others browse (issue 15).

Starts `sourcecheck serve` on a library of the presidential speeches ($SOURCECHECK_SHARED, default
../shared), then for LOAD_SECONDS (default 60) runs LOAD_CHECKERS clients (default 20) that check
articles through the JSON API one after another — a 503 "busy" is waited out for its Retry-After and
tried again — while LOAD_BROWSERS clients (default 4) open the pages a user browses. Browsing is
also timed alone first, for comparison. Run alone: `python bench/load.py` (prints the section), or
`python bench/run.py --only load` (puts it in docs/benchmarks.md).
"""

from __future__ import annotations

import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from shared_data import ROOT, SPEECHES

SERVED_SRC = Path(os.environ.get("LOAD_SRC", ROOT / "src"))  # another tree's src/ to compare versions
SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
CHECKERS = int(os.environ.get("LOAD_CHECKERS", "20"))
BROWSERS = int(os.environ.get("LOAD_BROWSERS", "4"))
TARGET_P95_MS = 200
SEARCHES = ["liberty", "tariff", "Union", "depression", "communism", "taxes", "\"government of the people\"", "peace"]


def articles() -> list[tuple[str, bytes]]:
    """Real articles that quote presidents: the wild gold texts and the examples."""
    paths = sorted((ROOT / "tests" / "gold" / "wild").glob("*/*.txt")) + \
        sorted((ROOT / "tests" / "gold" / "wild").glob("*/*.md")) + \
        [ROOT / "examples" / "news-article.html", ROOT / "examples" / "opinion-piece.txt"]
    return [(p.name, p.read_bytes()) for p in paths]


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    browse_ms: list[float] = field(default_factory=list)
    browse_by_path: dict[str, list[float]] = field(default_factory=dict)
    check_s: list[float] = field(default_factory=list)
    busy: int = 0
    errors: list[str] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0

    def count(self, browsed: tuple[str, float] | None = None, checked: float | None = None, busy: bool = False,
              error: str | None = None) -> None:
        with self.lock:
            self.requests += 1
            if browsed is not None:
                self.browse_ms.append(browsed[1])
                self.browse_by_path.setdefault(browsed[0], []).append(browsed[1])
            if checked is not None:
                self.check_s.append(checked)
            self.busy += busy
            if error is not None:
                self.errors.append(error)


def command(src: Path, *args: str) -> tuple[list[str], dict[str, str]]:
    """The `sourcecheck` command of a source tree, and its environment."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")])}
    return [sys.executable, "-c", "from sourcecheck.cli import app; app()", *args], env


def build_library(db: Path, src: Path) -> int:
    """Built by the tree that serves it: each version reads and writes its own schema."""
    args, env = command(src, "add", str(SPEECHES), "--db", str(db), "--quiet")
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return len(list(SPEECHES.glob("*.txt")))


def start_server(db: Path, src: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    args, env = command(src, "serve", "--db", str(db), "--port", str(port))
    server = subprocess.Popen(args, env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            httpx.get(f"{base}/api/sources?q=x", timeout=5)
            return server, base
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("sourcecheck serve did not start")


def browse(base: str, tally: Tally, stop: threading.Event, seed: int) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=60) as client:
        while not stop.is_set():
            search = rng.choice(SEARCHES)
            path = rng.choice(["/", "/sources", "/checks", f"/sources?q={search}", f"/api/sources?q={search}",
                               "/api/sources", f"/checks/{rng.randint(1, 2)}"])  # the two checks run first
            started = time.perf_counter()
            try:
                response = client.get(path)
            except httpx.HTTPError as exc:
                tally.count(error=f"GET {path}: {exc!r}")
                continue
            ms = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                tally.count(error=f"GET {path}: {response.status_code}")
            else:
                tally.count(browsed=(path.split("?")[0] + ("?q" if "?" in path else ""), ms))


def check(base: str, tally: Tally, stop: threading.Event, seed: int, texts: list[tuple[str, bytes]]) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=120) as client:
        while not stop.is_set():
            name, data = rng.choice(texts)
            started = time.perf_counter()
            try:
                response = client.post("/api/check/file", files={"file": (name, data)})
            except httpx.HTTPError as exc:
                tally.count(error=f"check {name}: {exc!r}")
                continue
            if response.status_code == 503:
                tally.count(busy=True)
                stop.wait(float(response.headers.get("retry-after", "1")))
            elif response.status_code != 200 or "quotes" not in response.json():
                tally.count(error=f"check {name}: {response.status_code} {response.text[:200]}")
            else:
                tally.count(checked=time.perf_counter() - started)


def run_phase(base: str, seconds: float, checkers: int, browsers: int, texts: list[tuple[str, bytes]]) -> Tally:
    """Clients run for `seconds`, then finish the request they are on; rates are over the whole phase."""
    tally, stop = Tally(), threading.Event()
    threads = [threading.Thread(target=check, args=(base, tally, stop, i, texts)) for i in range(checkers)]
    threads += [threading.Thread(target=browse, args=(base, tally, stop, 1000 + i)) for i in range(browsers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    tally.seconds = time.perf_counter() - started
    return tally


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else float("nan")


def measure(db: Path, src: Path, texts: list[tuple[str, bytes]]) -> tuple[Tally, Tally]:
    """Browsing alone, then browsing while checks run, on the server of one source tree."""
    server, base = start_server(db, src)
    try:
        for name, data in texts[:2]:  # loads the spaCy model and fills the history browsed below
            httpx.post(f"{base}/api/check/file", files={"file": (name, data)}, timeout=300).raise_for_status()
        alone = run_phase(base, min(20.0, SECONDS), 0, BROWSERS, texts)
        loaded = run_phase(base, SECONDS, CHECKERS, BROWSERS, texts)
    finally:
        server.terminate()
        server.wait(30)
    return alone, loaded


def run() -> list[str]:
    title = ["## Web app under load", ""]
    if not SPEECHES.is_dir():
        return [*title, f"Skipped: {SPEECHES} not found (set SOURCECHECK_SHARED).", ""]
    texts = articles()
    versions = [("this version", SERVED_SRC)]
    if os.environ.get("LOAD_BEFORE"):
        versions.insert(0, ("before (LOAD_BEFORE)", Path(os.environ["LOAD_BEFORE"])))
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for i, (label, src) in enumerate(versions):  # each server starts on a fresh library, no history
            db = Path(folder) / f"speeches{i}.db"
            n_speeches = build_library(db, src)
            results.append((label, *measure(db, src, texts)))
    return [*title, *report(n_speeches, texts, results), ""]


def report(n_speeches: int, texts: list[tuple[str, bytes]], results: list[tuple[str, Tally, Tally]]) -> list[str]:
    loaded = results[-1][2]
    p95 = percentile(loaded.browse_ms, 0.95)
    verdict = "met" if p95 <= TARGET_P95_MS and not loaded.errors else "NOT met"
    rows = ["| server | phase | seconds | requests/s | browsing requests | browsing p50 / p95 / max (ms) | checks done "
            "| check seconds p50 / max | 503 busy | errors |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for label, alone, during in results:
        for phase, tally in [("browsing alone", alone), (f"{CHECKERS} checking + {BROWSERS} browsing", during)]:
            check_s = f"{statistics.median(tally.check_s):.1f} / {max(tally.check_s):.1f}" if tally.check_s else "–"
            rows.append(f"| {label} | {phase} | {tally.seconds:.0f} | {tally.requests / tally.seconds:.1f} | "
                        f"{len(tally.browse_ms)} | {percentile(tally.browse_ms, 0.5):.0f} / "
                        f"{percentile(tally.browse_ms, 0.95):.0f} / {max(tally.browse_ms, default=float('nan')):.0f} "
                        f"| {len(tally.check_s)} ({len(tally.check_s) / tally.seconds:.2f}/s) | {check_s} | "
                        f"{tally.busy} | {len(tally.errors)} |")
            if tally.errors:
                rows.append(f"| | first errors: {'; '.join(tally.errors[:2])} | | | | | | | | |")
    per_path = ["", "This version, browsing during the checks, per page (p50 / p95 ms): " + "; ".join(
        f"`{path}` {percentile(ms, 0.5):.0f} / {percentile(ms, 0.95):.0f}"
        for path, ms in sorted(loaded.browse_by_path.items()))]
    return [f"`sourcecheck serve` (default settings: check queue = cores, at least 2) on a library of all "
            f"{n_speeches} presidential speeches; {CHECKERS} clients check articles through `POST /api/check/file` "
            f"one after another for {SECONDS:.0f} s (the {len(texts)} wild gold texts and examples, 2–60 KB, "
            "chosen at random; a 503 is waited out for its Retry-After) while "
            f"{BROWSERS} clients open `/`, `/sources` (all {n_speeches} rows), `/sources?q=`, `/checks`, "
            "`/checks/{id}` (a stored report) and `/api/sources` with and without a search, one after another "
            "with no pause (far more browsing than people do). Seconds: until the last client's last request "
            "ended; rates are over that. Clients and server share the machine. Command: `python bench/run.py "
            "--only load` (LOAD_SECONDS, LOAD_CHECKERS, LOAD_BROWSERS; LOAD_BEFORE=another tree's src/ adds "
            "its rows first).", "", *rows, *per_path, "",
            f"Target p95 of browsing ≤ {TARGET_P95_MS} ms during checks with 0 errors: {verdict}."]


if __name__ == "__main__":
    print("\n".join(run()))
