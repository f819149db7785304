"""What the timeline costs next to a check, on the 50 articles of the event-anchoring gold set
(tests/gold/timeline): `check_quotes` (keeping its parse) + `with_reported` against a one-document
in-memory library; then `with_timeline` on that check's own parse (what `check` pays for the
timeline); then `build_timeline` parsing the text itself, and `build_timeline` given a parse made
beforehand with `nlp(text)`. Seconds summed over the articles, model loaded first. Also how many
chronology entries (span and interval) the check's parse and `nlp(text)` give alike.

    PYTHONPATH=src python bench/timeline_cost.py
"""

from __future__ import annotations

import time
from pathlib import Path

from sourcecheck.attribution.parsing import load_nlp
from sourcecheck.check import check_quotes, with_reported, with_timeline
from sourcecheck.ingest import ingest_bytes
from sourcecheck.libraries import open_library
from sourcecheck.timeline import build_timeline

DOCS = Path(__file__).resolve().parent.parent / "tests" / "gold" / "timeline" / "docs"


def main() -> None:
    nlp = load_nlp()
    library = open_library(":memory:")
    library.add(ingest_bytes(b"An unrelated source document about harbours and quays.", "source.txt"))
    seconds = {"check": 0.0, "in_check": 0.0, "timeline": 0.0, "parse": 0.0, "timeline_given_parse": 0.0}
    paths = sorted(DOCS.glob("*.txt"))
    alike, unlike = 0, []
    for path in paths:
        raw = path.read_text(encoding="utf-8")
        dct, text = raw[5:15], raw.split("\n", 2)[2]
        article = ingest_bytes(text.encode(), path.name)
        started = time.perf_counter()
        result = with_reported(check_quotes(article, [library], keep_parse=True), [library])
        seconds["check"] += time.perf_counter() - started
        started = time.perf_counter()
        in_check = with_timeline(result, [library], dct).timeline
        seconds["in_check"] += time.perf_counter() - started
        started = time.perf_counter()
        alone = build_timeline(article.text, dct, library=library)
        seconds["timeline"] += time.perf_counter() - started
        assert in_check is not None
        ours, theirs = ({(e.span.start, e.span.end, e.interval) for e in t.chronology} for t in (in_check, alone))
        alike += len(ours & theirs)
        unlike += [f"{path.name}: {sorted(ours ^ theirs, key=str)}"] if ours != theirs else []
        started = time.perf_counter()
        parsed = nlp(article.text)
        seconds["parse"] += time.perf_counter() - started
        started = time.perf_counter()
        build_timeline(article.text, dct, parsed=parsed)
        seconds["timeline_given_parse"] += time.perf_counter() - started
    check = seconds["check"]
    print(f"{len(paths)} articles: check {check:.1f} s; the timeline in check (its parse shared) "
          f"{seconds['in_check']:.1f} s ({seconds['in_check'] / check:.0%} of the check); "
          f"timeline parsing itself {seconds['timeline']:.1f} s "
          f"({seconds['timeline'] / check:.0%} of the check); timeline given a parse "
          f"{seconds['timeline_given_parse']:.1f} s ({seconds['timeline_given_parse'] / check:.0%}); "
          f"the parse alone {seconds['parse']:.1f} s")
    print(f"chronology entries alike in check and alone: {alike}; differing: {unlike or 'none'}")


if __name__ == "__main__":
    main()
