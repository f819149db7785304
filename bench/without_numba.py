"""The index build with and without Numba (the `fast` extra): the same library built twice from the
scale benchmark's synthetic archive, each in its own process, once with Numba hidden so that
`grams`/`segments` take their NumPy twins. Prints a Markdown section for docs/benchmarks.md.

    python bench/without_numba.py [--documents 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BUILD = """
import hashlib, json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
sys.path.insert(0, {bench!r})
if {hide!r}:
    from tests.hide_modules import hide
    hide("numba")
import numpy as np
import corpus
from sourcecheck import kernels, segments
from sourcecheck.ingest import ingest_bytes
from sourcecheck.library import SqliteLibrary

docs = [ingest_bytes(text.encode(), name) for name, text in corpus.documents({n}, 1)]
mb = sum(len(d.text.encode()) for d in docs) / 1e6
if kernels.AVAILABLE:
    import scale
    scale.warm_up()  # loading the compiled kernels is start-up, not build
library = SqliteLibrary({db!r})
cpu, wall = time.process_time(), time.perf_counter()
library.add_many((d, None) for d in docs)
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
digests = []
for path in sorted(Path({db!r} + ".index").glob("seg-*")):
    arrays = segments.read(path)
    digest = hashlib.sha256()
    for name in ("keys", "counts", "starts", "sources", "positions"):
        digest.update(np.ascontiguousarray(getattr(arrays, name)).tobytes())
    digests.append(digest.hexdigest())
library.close()
print(json.dumps({{"numba": kernels.AVAILABLE, "mb": mb, "cpu": cpu, "wall": wall,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "index": hashlib.sha256("".join(sorted(digests)).encode()).hexdigest()}}))
"""


def build(n: int, hide: bool) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        code = BUILD.format(root=str(ROOT), bench=str(ROOT / "bench"), hide=hide, n=n,
                            db=str(Path(folder) / "library.db"))
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        return json.loads(run.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    n = parser.parse_args().documents
    runs = [build(n, hide=False), build(n, hide=True)]
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True).stdout.strip()
    lines = ["## The index without Numba (issue 15)", "",
             f"Produced by `python bench/without_numba.py --documents {n}` on {time.strftime('%Y-%m-%d')}, "
             f"{platform.system()} {platform.machine()}, Python {platform.python_version()}, commit {head}; "
             "shared, noisy machine.", "",
             f"`Library.add_many` of {n:,} documents of the Scale section's synthetic archive into a new SQLite "
             "library, each build in its own process: with Numba, and with `import numba` failing as without the "
             "`fast` extra (`grams` and `segments` then take their NumPy twins at every size). MB/s: text over "
             "the add's CPU time. Index: SHA-256 over the segment files' arrays.", "",
             "| Numba | text | add CPU s | MB/s of CPU | wall s | peak RSS | index |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for run in runs:
        lines.append(f"| {'yes' if run['numba'] else 'hidden'} | {run['mb']:.1f} MB | {run['cpu']:.1f} | "
                     f"{run['mb'] / run['cpu']:.2f} | {run['wall']:.1f} | {run['peak_mb']:,.0f} MB | "
                     f"`{run['index'][:12]}` |")
    same = runs[0]["index"] == runs[1]["index"]
    lines += ["", f"The two indexes are {'identical' if same else 'DIFFERENT'}. The index tests pass with Numba "
              "hidden: `make test` runs them a second time so (`SOURCECHECK_TEST_HIDE=numba`).", ""]
    print("\n".join(lines))
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
