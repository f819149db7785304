"""What the claims cost next to a check, on the 50 real articles of the event-anchoring gold set
(tests/gold/timeline/docs): `check_quotes` (keeping its parse) + `with_reported`, then `with_claims` on
that check's own parse (what `check` pays for the claims: labels, and each claim's passages looked up
and compared), against a library of all the presidential speeches (SPEECHES_DB) and against an
empty one (the labels alone, no lookups). Seconds summed over the articles, the spaCy model and the
labeller loaded first; the labeller's cold load (import and files, in a fresh process) measured apart.

    PYTHONPATH=src python bench/claims_cost.py SPEECHES_DB
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from sourcecheck.attribution.parsing import load_nlp
from sourcecheck.check import check_quotes, with_claims, with_reported
from sourcecheck.claims import load_labeller
from sourcecheck.ingest import ingest_bytes
from sourcecheck.libraries import open_library

DOCS = Path(__file__).resolve().parent.parent / "tests" / "gold" / "timeline" / "docs"
COLD = "import time; t = time.perf_counter(); from sourcecheck.claims import load_labeller; load_labeller(); " \
       "print(time.perf_counter() - t)"


def main() -> None:
    cold = float(subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True).stdout)
    load_nlp()
    load_labeller()
    speeches, empty = open_library(sys.argv[1], read_only=True), open_library(":memory:")
    seconds = {"check": 0.0, "claims_empty": 0.0, "claims_speeches": 0.0}
    sentences = claims = 0
    paths = sorted(DOCS.glob("*.txt"))
    for path in paths:
        article = ingest_bytes(path.read_text(encoding="utf-8").split("\n", 2)[2].encode(), path.name)
        started = time.perf_counter()
        result = with_reported(check_quotes(article, [speeches], keep_parse=True), [speeches])
        seconds["check"] += time.perf_counter() - started
        for name, library in (("claims_empty", empty), ("claims_speeches", speeches)):
            started = time.perf_counter()
            found = with_claims(result, [library]).claims
            seconds[name] += time.perf_counter() - started
        assert found is not None
        sentences += sum(s.label is not None for s in found.sentences)
        claims += len(found.claims)
    check = seconds["check"]
    print(f"{len(paths)} articles, {sentences} own sentences labelled, {claims} claims: check (quotes and reported "
          f"speech, speeches library) {check:.1f} s; claims with no library (labels only) "
          f"{seconds['claims_empty']:.2f} s ({seconds['claims_empty'] / check:.1%} of the check); claims against "
          f"the speeches {seconds['claims_speeches']:.1f} s ({seconds['claims_speeches'] / check:.0%} of the check); "
          f"the labeller's cold load (fresh process: import and files) {cold:.2f} s")


if __name__ == "__main__":
    main()
