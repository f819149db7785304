"""What reported speech (sourcecheck.reported) adds to the quotes' analysis, per article.

For each wild gold article (tests/gold/wild/*/*), the best of --repeat runs of `analyse_quotes`
(quotes, parse, attribution: what a check does today) and of `reported_in` on that same parse (what
`analyse_reported` adds to it: every attribution, with quotation marks or without). The machine
is shared, so each is timed on its own, best of the runs, rather than as a difference of two
noisy totals. Prints the per-article and total times.

Usage: PYTHONPATH=src .venv/bin/python bench/reported_cost.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

WILD = Path(__file__).resolve().parent.parent / "tests" / "gold" / "wild"


def best_of(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from sourcecheck.attribution import load_nlp
    from sourcecheck.attribution.chooser import attribute_prepared, prepare
    from sourcecheck.ingest import ingest_path
    from sourcecheck.pipeline import analyse_quotes
    from sourcecheck.quotes import find_quotes
    from sourcecheck.reported import reported_in

    nlp = load_nlp()
    paths = sorted(p for p in WILD.glob("*/*") if p.suffix in (".txt", ".md"))
    rows = []
    for path in paths:
        doc = ingest_path(str(path))
        analyse_quotes(doc, nlp)  # warm up
        before = best_of(args.repeat, lambda doc=doc: analyse_quotes(doc, nlp))
        quotes = find_quotes(doc)
        parsed, mentions = prepare(doc, quotes, nlp)
        attributions = attribute_prepared(doc, parsed, mentions, quotes)
        extra = best_of(args.repeat, lambda doc=doc, p=parsed, m=mentions, a=attributions: reported_in(doc, p, m, a))
        found = len(reported_in(doc, parsed, mentions, attributions))
        rows.append((path.name, len(doc.text.split()), before, before + extra, found))
        print(f"{path.name:58} {rows[-1][1]:6} words  quotes {before * 1000:7.1f} ms  "
              f"reported speech +{extra * 1000:6.1f} ms ({extra / before * 100:4.1f} %, {found} attributions)")
    extras = [after - before for _, _, before, after, _ in rows]
    total_before = sum(r[2] for r in rows)
    total_after = sum(r[3] for r in rows)
    print(f"\n{len(rows)} articles: quotes {total_before:.2f} s, with reported speech {total_after:.2f} s "
          f"(+{(total_after / total_before - 1) * 100:.1f} %); extra per article: median "
          f"{statistics.median(extras) * 1000:.1f} ms, mean {statistics.mean(extras) * 1000:.1f} ms, "
          f"max {max(extras) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
