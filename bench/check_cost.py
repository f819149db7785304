"""What one check costs by article length: the ground for `serve --max-article-chars` (default 150,000).

Each size runs in a fresh process (peak memory is per process): the presidential speeches glued
together and cut to N characters, as paragraphs and as one single line, checked against an empty
library (the cost measured is reading the article: spaCy's parse and the quote rules). Run:
`python bench/check_cost.py` (prints a markdown section; sizes from CHECK_COST_SIZES).
"""

from __future__ import annotations

import os
import subprocess
import sys

from shared_data import ROOT, SPEECHES

SIZES = [int(n) for n in os.environ.get("CHECK_COST_SIZES", "50000,150000,300000").split(",")]

PROBE = """
import resource, sys, tempfile, time
from pathlib import Path
from sourcecheck.check import check_article
from sourcecheck.ingest import ingest_bytes
from sourcecheck.libraries import open_library

size, one_line, folder = int(sys.argv[1]), sys.argv[2] == "1", Path(sys.argv[3])
text = ""
for path in sorted(folder.glob("*.txt")):
    if len(text) >= size:
        break
    text += path.read_text(encoding="utf-8") + "\\n\\n"
text = text[:size].replace("\\n", " ") if one_line else text[:size]
doc = ingest_bytes(text.encode(), name="article.txt")
with tempfile.TemporaryDirectory() as tmp:
    library = open_library(str(Path(tmp) / "empty.db"))
    started = time.perf_counter()
    result = check_article(doc, [library])
    seconds = time.perf_counter() - started
    library.close()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{len(result.verifications)} {seconds:.1f} {peak:.0f}")
"""


def run() -> list[str]:
    lines = ["## What a check costs by article length (web app limit)", ""]
    if not SPEECHES.is_dir():
        return [*lines, f"Skipped: {SPEECHES} not found (set SOURCECHECK_SHARED).", ""]
    lines += ["Presidential speeches glued together and cut to N characters, checked against an empty library in a "
              "fresh process each (spaCy's parse and the quote rules; the lookups are not in this). Peak = the "
              "process's maximum resident memory, the model included. Command: `python bench/check_cost.py`.", "",
              "| characters | layout | quotes | seconds | peak memory (MB) |", "| --- | --- | --- | --- | --- |"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    for size in SIZES:
        for one_line in (False, True):
            out = subprocess.run([sys.executable, "-c", PROBE, str(size), "1" if one_line else "0", str(SPEECHES)],
                                 capture_output=True, text=True, env=env, check=True).stdout.split()
            lines.append(f"| {size:,} | {'one line' if one_line else 'paragraphs'} | {out[0]} | {out[1]} | {out[2]} |")
            print(lines[-1], file=sys.stderr)
    return [*lines, ""]


if __name__ == "__main__":
    print("\n".join(run()))
