"""What checking reported speech adds to `sourcecheck check`, per example article.

Each bundled example (examples/*.html|txt|md) checked against a library of examples/sources (built
in memory), with reported speech (the default) and with `--no-reported` (quotes only), the median
of --repeat runs each, the spaCy model loaded once beforehand. The difference is what the passage
search and the item-by-item comparison of every indirect and mixed attribution cost.

Usage: PYTHONPATH=src .venv/bin/python bench/check_reported.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from functools import partial

from shared_data import EXAMPLE_ARTICLES, EXAMPLES, examples_library


def median_seconds(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from sourcecheck.attribution import load_nlp
    from sourcecheck.check import check_article
    from sourcecheck.pipeline import load

    nlp = load_nlp()
    library = examples_library()
    print("| article | quotes | reported (indirect, mixed) | quotes only | with reported speech | per reported |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name in EXAMPLE_ARTICLES:
        doc = load(str(EXAMPLES / name))
        result = check_article(doc, [library], nlp)
        quotes_only = median_seconds(args.repeat, partial(check_article, doc, [library], nlp, reported=False))
        everything = median_seconds(args.repeat, partial(check_article, doc, [library], nlp))
        reported = len(result.reported or [])
        per = f"{(everything - quotes_only) / reported * 1000:.0f} ms" if reported else "–"
        print(f"| {name} | {len(result.verifications)} | {reported} | {quotes_only * 1000:.0f} ms | "
              f"{everything * 1000:.0f} ms | {per} |")
    library.close()


if __name__ == "__main__":
    main()
