"""Hostile input, at length: ≥ 10,000 mutated, truncated and pathological documents run through
`sourcecheck quotes`, `check` and `add`, each watched for crashes, hangs and memory peaks.

Inputs come from tests/hostile/corpus.py (seeds in every format, seeded mutations, bombs, loops,
quote-mark floods, deep nesting). A worker process runs the real CLI entry point (`cli.main`)
in-process on one file after another (so spaCy loads once, not 30,000 times); the parent gives
each run 10 s of wall-clock time and kills the worker when it runs over (a hang), and restarts it
when its peak resident memory passes 1 GB (a memory peak). A run counts as a crash when it raises
out of `main`, prints a traceback, exits with a code other than 0/1/2, or exits 2 without an
`error: …` first line on stderr.

    python bench/fuzz.py [--inputs 10000] [--seed 15] [--scale 1.0]   # prints the table
    python bench/run.py --only fuzz                                   # and writes it to docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import resource
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HANG_SECONDS = 10.0
MEMORY_PEAK_MB = 1024
ADDRESS_SPACE_GB = 6  # hard cap on the worker, so a blowup ends in MemoryError, not in the kernel's OOM killer


# ---------------------------------------------------------------- the worker (one process, many runs)


def worker() -> None:
    """Read `{"args": [...]}` lines on stdin, run `sourcecheck ARGS` in-process, answer one JSON line each."""
    limit = ADDRESS_SPACE_GB * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from sourcecheck.attribution import load_nlp
    from sourcecheck.cli import main

    load_nlp()
    protocol = sys.stdout
    protocol.write(json.dumps({"ready": True}) + "\n")
    protocol.flush()
    for line in sys.stdin:
        args = json.loads(line)["args"]
        out, err = io.StringIO(), io.StringIO()
        sys.argv = ["sourcecheck", *args]
        started = time.perf_counter()
        code: object = 0
        raised = None
        with redirect_stdout(out), redirect_stderr(err):
            try:
                main()
            except SystemExit as exc:
                code = exc.code if exc.code is not None else 0
            except BaseException as exc:  # noqa: BLE001 - a crash is what we are counting
                raised = f"{exc.__class__.__name__}: {str(exc)[:200]}"
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        protocol.write(json.dumps({"code": code, "stderr": err.getvalue()[:2000], "raised": raised,
                                   "seconds": seconds, "peak_mb": peak_mb}) + "\n")
        protocol.flush()


# ---------------------------------------------------------------- the parent


class Worker:
    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
        self.process = subprocess.Popen([sys.executable, __file__, "--worker"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        if self._read(120.0) is None:
            raise RuntimeError("fuzz worker did not start")

    def _read(self, timeout: float) -> dict | None:
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not ready:
            return None
        line = self.process.stdout.readline()
        return json.loads(line) if line else None

    def run(self, args: list[str]) -> dict | None:
        """The worker's answer, or None when it ran over the time limit or died (then it is gone)."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"args": args}) + "\n")
        self.process.stdin.flush()
        started = time.perf_counter()
        answer = self._read(HANG_SECONDS)
        if answer is None:
            self.stop()
            return {"dead": True, "seconds": time.perf_counter() - started,
                    "returncode": self.process.returncode}
        return answer

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


def verdict(answer: dict) -> str:
    """ok, crash, hang or memory."""
    if answer.get("dead"):
        return "hang" if answer["seconds"] >= HANG_SECONDS - 0.5 else "crash"
    if answer["peak_mb"] > MEMORY_PEAK_MB:
        return "memory"
    stderr = answer["stderr"]
    if answer["raised"] or "Traceback" in stderr or answer["code"] not in (0, 1, 2):
        return "crash"
    if answer["code"] == 2 and not stderr.startswith("error:"):
        return "crash"  # a warning or anything else before the one error line
    return "ok"


def run(inputs: int, seed: int, scale: float, log: Path | None = None) -> dict:
    from tests.hostile.corpus import all_cases, seeds

    counts: Counter[str] = Counter()
    exit_codes: Counter[str] = Counter()
    peak_mb = 0.0
    findings: list[dict] = []
    slowest: list[tuple[float, str]] = []
    total = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        sources = base / "sources"
        sources.mkdir()
        for case in seeds():
            (sources / case.name).write_bytes(case.data)
        worker = Worker()
        n_pathological = sum(1 for _ in all_cases(0, scale, seed)) - len(seeds())
        for number, case in enumerate(all_cases(inputs - len(seeds()) - n_pathological, scale, seed)):
            path = base / f"input{case.suffix}"
            path.write_bytes(case.data)
            db = base / f"add{number}.db"
            for args in (["quotes", str(path)], ["check", str(path), "--sources", str(sources)],
                         ["add", str(path), "--db", str(db)]):
                if worker.process.poll() is not None:
                    worker = Worker()
                answer = worker.run(args)
                outcome = verdict(answer)
                counts[outcome] += 1
                exit_codes[f"{args[0]} {answer.get('code')}"] += 1
                peak_mb = max(peak_mb, answer.get("peak_mb", 0.0))
                command = f"{args[0]} {case.name}"
                slowest.append((answer.get("seconds", 0.0), command))
                slowest = sorted(slowest, reverse=True)[:5]
                if outcome != "ok":
                    findings.append({"case": case.name, "command": args[0], "outcome": outcome,
                                     **{k: answer.get(k) for k in ("code", "raised", "seconds", "peak_mb")},
                                     "stderr": (answer.get("stderr") or "")[:300]})
                    if log is not None:
                        failed = log.parent / "fuzz-failures"
                        failed.mkdir(exist_ok=True)
                        (failed / case.name).write_bytes(case.data)
                if outcome in ("memory",) or answer.get("peak_mb", 0) > MEMORY_PEAK_MB:
                    worker.stop()
            for leftover in base.glob(f"add{number}.db*"):
                shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
            total += 1
            if total % 500 == 0:
                print(f"{total} inputs, {dict(counts)}, {time.perf_counter() - started:.0f} s", file=sys.stderr)
        worker.stop()
    result = {"inputs": total, "runs": sum(counts.values()), "counts": dict(counts),
              "exit_codes": dict(sorted(exit_codes.items())), "peak_mb": peak_mb,
              "seconds": time.perf_counter() - started, "slowest": slowest, "findings": findings}
    if log is not None:
        log.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return result


def section(result: dict, command: str) -> list[str]:
    counts = result["counts"]
    crashes, hangs, memory = (counts.get(k, 0) for k in ("crash", "hang", "memory"))
    lines = ["## Hostile input (fuzz)", "",
             f"`{command}` on {time.strftime('%Y-%m-%d')}, {platform.machine()}, Python {platform.python_version()}, "
             "one worker process (one core). Inputs from tests/hostile/corpus.py: the five seed articles (text, "
             "Markdown, HTML, PDF, DOCX), hand-made worst cases (DOCX and PDF decompression bombs, a PDF whose "
             "xref /Prev loops or points to itself, 3,000 pages sharing one stream, 10^5 quote marks balanced "
             "and not, 5 MB single-line files, 200,000 paragraphs, 8 MB of HTML, 50,000-deep nesting, XML "
             "entity expansion, odd and lying encodings) and seeded mutations of the seeds (bit flips, cuts, "
             "truncation, inserted quote marks, markup and PDF tokens, duplicated runs; DOCX members mutated "
             "inside a valid zip). Each input goes through `quotes`, `check --sources SEEDS` and `add --db "
             "NEW` via `cli.main`. A crash: an exception out of `main`, a traceback, an exit code other than "
             f"0/1/2, or exit 2 without `error: …` as the first stderr line. A hang: over {HANG_SECONDS:g} s "
             f"(the worker is killed). A memory peak: the worker's peak RSS over {MEMORY_PEAK_MB} MB.", "",
             "| inputs | runs | ok | crashes | hangs (> 10 s) | memory peaks (> 1 GB) | wall time |",
             "| --- | --- | --- | --- | --- | --- | --- |",
             f"| {result['inputs']:,} | {result['runs']:,} | {counts.get('ok', 0):,} | {crashes} | {hangs} | {memory} "
             f"| {result['seconds'] / 60:.0f} min |", "",
             "Slowest runs: " + "; ".join(f"{command} {seconds:.1f} s" for seconds, command in result["slowest"]) + ".",
             "",
             f"Highest peak RSS of the worker (spaCy loaded): {result['peak_mb']:,.0f} MB. Exit codes (0 faithful, 1 "
             "altered or not found, 2 error): " + ", ".join(f"`{key}` {value:,}" for key, value in
                                                          result["exit_codes"].items()) + ".",
             ""]
    for finding in result["findings"][:20]:
        lines.append(f"- {finding['outcome']}: `{finding['command']} {finding['case']}` "
                     f"({finding.get('raised') or finding.get('stderr', '')[:120]!r})")
    return lines + [""] if result["findings"] else lines


def main() -> None:
    if "--worker" in sys.argv:
        worker()
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--scale", type=float, default=1.0, help="size of the pathological files (1 = full)")
    parser.add_argument("--log", type=Path, default=ROOT / "build" / "fuzz.json")
    options = parser.parse_args()
    options.log.parent.mkdir(parents=True, exist_ok=True)
    result = run(options.inputs, options.seed, options.scale, options.log)
    print("\n".join(section(result, f"python bench/fuzz.py --inputs {options.inputs}")))


if __name__ == "__main__":
    main()
