"""What the timeline adds to `sourcecheck check`, per example article.

Each bundled example (examples/*.html|txt|md) checked against a library of examples/sources (built
in memory) as `check` runs it: `check_quotes` keeping its parse, `with_reported`, then
`with_timeline` on that parse; each step timed on its own (timing the two whole checks against each
other drowns a ~20 ms step in the shared machine's noise), the median of --repeat runs, the spaCy
model loaded once beforehand. bench/timeline_cost.py measures the same on the 50 gold articles.

Usage: PYTHONPATH=src .venv/bin/python bench/check_timeline.py [--repeat 11]
"""

from __future__ import annotations

import argparse
import statistics
import time

from shared_data import EXAMPLE_ARTICLES, EXAMPLES, examples_library


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()
    from sourcecheck.attribution import load_nlp
    from sourcecheck.check import check_quotes, with_reported, with_timeline
    from sourcecheck.pipeline import load

    nlp = load_nlp()
    library = examples_library()
    print("| article | characters | timeline entries | check without the timeline | the timeline | added |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name in EXAMPLE_ARTICLES:
        doc = load(str(EXAMPLES / name))
        checks, timelines, entries = [], [], 0
        for _ in range(args.repeat):
            started = time.perf_counter()
            result = with_reported(check_quotes(doc, [library], nlp, keep_parse=True), [library])
            checks.append(time.perf_counter() - started)
            started = time.perf_counter()
            timeline = with_timeline(result, [library]).timeline
            timelines.append(time.perf_counter() - started)
            entries = len(timeline.chronology) if timeline else 0
        check, added = statistics.median(checks), statistics.median(timelines)
        print(f"| {name} | {len(doc.text):,} | {entries} | {check * 1000:.0f} ms | {added * 1000:.0f} ms | "
              f"{added / check:+.0%} |")
    library.close()


if __name__ == "__main__":
    main()
