"""Reported speech end to end, as `sourcecheck check` does it: each report of tests/gold/reported
(one sentence) is read as an article, its attributions found (step 1, sourcecheck.reported), each
indirect or mixed one given its passage in the speeches library and compared (reported_check).

    PYTHONPATH=src python bench/reported_e2e.py --db /tmp/cmp/speeches.db [--split dev|test] [--show]

Per item: *attributed*: some attribution's content holds the planted report words (changed items)
or at least half the report (faithful); *right passage*: that attribution's passage overlaps the
gold passage in the right speech (or is the same text in another copy of it); *planted reported*:
some attribution `differs` with a difference overlapping the planted words; *faithful called
differs*: some attribution `differs`. Also the verdicts' shares and ms per item (steps 1-3; the
first item, which loads the parser and the comparer, reported apart).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reported import gold_range  # noqa: E402

from sourcecheck.attribution import load_nlp  # noqa: E402
from sourcecheck.ingest import ingest_bytes  # noqa: E402
from sourcecheck.libraries import open_library  # noqa: E402
from sourcecheck.reported import analyse_reported  # noqa: E402
from sourcecheck.reported_check import ReportedCheck, check_reported  # noqa: E402

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold" / "reported"


def load(split: str) -> list[dict[str, Any]]:
    return [json.loads(line) for path in sorted((GOLD / split).glob("*.jsonl"))
            for line in path.read_text().splitlines() if line.strip()]


def _main_check(checks: list[ReportedCheck], item: dict[str, Any], text: str) -> ReportedCheck | None:
    """The attribution the item is about: the one whose content (or cue: "pledged" for "hoped") holds
    the planted words; for a faithful item the longest, when the contents found cover at least half
    the report ("Grant insisted A, and said B" is two attributions)."""
    if item["report_words"]:
        at = text.find(item["report_words"])
        end = at + len(item["report_words"])
        holding = [c for c in checks if any(span.start < end and at < span.end for span in (c.attribution.content,
                                                                                          c.attribution.cue) if span)]
        if holding:
            return max(holding, key=lambda c: c.attribution.content.end - c.attribution.content.start)
        return None
    covered = {i for c in checks for i in range(c.attribution.content.start, c.attribution.content.end)}
    if 2 * len(covered) < len(text):
        return None
    return max(checks, key=lambda c: c.attribution.content.end - c.attribution.content.start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--split", default="dev", choices=("dev", "test"))
    parser.add_argument("--show", action="store_true", help="print the misses")
    args = parser.parse_args()
    items = load(args.split)
    counts: Counter[str] = Counter()
    per_kind: dict[str, list[int]] = {}
    verdicts: Counter[str] = Counter()
    times: list[float] = []
    began = time.perf_counter()
    nlp = load_nlp()
    with open_library(args.db, read_only=True) as library:
        by_path = {Path(s.path or "").name: s.id for s in library.sources()}
        for item in items:
            start = time.perf_counter()
            doc = ingest_bytes(item["report"].encode(), name="report.txt")
            checks = check_reported(doc, analyse_reported(doc, nlp)[1], [library])
            times.append((time.perf_counter() - start) * 1000)
            verdicts.update(c.verdict for c in checks)
            main_check = _main_check(checks, item, doc.text)
            source_id = by_path[item["speech"]]
            gold_text = library.get(source_id).text
            gold = gold_range(gold_text, item["passage"])
            right = False
            if main_check is not None and main_check.passage is not None:
                p = main_check.passage
                right = (p.source.id == source_id and p.span.start < gold[1] and gold[0] < p.span.end) \
                    or (0 <= gold_text.find(p.text) < gold[1] and gold[0] < gold_text.find(p.text) + len(p.text))
            counts["attributed"] += main_check is not None
            counts["right"] += right
            kind = item["change"] or "faithful"
            hit_total = per_kind.setdefault(kind, [0, 0])
            hit_total[1] += 1
            if item["label"] == "faithful":
                counts["faithful"] += 1
                flagged = any(c.verdict == "differs" for c in checks)
                counts["faithful_differs"] += flagged
                hit_total[0] += flagged
                miss = flagged
            else:
                counts["changed"] += 1
                r0 = doc.text.find(item["report_words"])
                r1 = r0 + len(item["report_words"])
                hit = any(c.verdict == "differs" and any(d.article.start < r1 and r0 < d.article.end
                                                         for d in c.differences) for c in checks)
                counts["reported"] += hit
                counts["reported_right"] += hit and right
                counts["changed_right"] += right
                hit_total[0] += hit
                miss = not hit
            if args.show and (miss or not right):
                print(f"--- {item['id']} {kind} attributed={main_check is not None} right={right}")
                print("  report:", item["report"])
                for c in checks:
                    print(f"  [{c.verdict}] {c.content[:100]!r}")
                    if c.passage:
                        print(f"      passage #{c.passage.source.id} {c.passage.score:.2f}: {c.passage.text[:120]!r}")
                    for d in c.differences:
                        print(f"      {d.kind}: {d.article_text!r} vs {d.passage_text!r}")
    total = time.perf_counter() - began
    n = len(items)
    print(f"items {n} ({args.split}); library {args.db}; {total:.0f} s in all")
    print(f"attributed (step 1 finds the item's attribution) {counts['attributed'] / n:.3f}")
    print(f"right passage for it                 {counts['right'] / n:.3f}")
    print(f"planted changes reported             {counts['reported'] / counts['changed']:.3f} "
          f"({counts['reported']}/{counts['changed']}); given the right passage "
          f"{counts['reported_right']}/{counts['changed_right']}")
    print(f"faithful called differs              {counts['faithful_differs'] / counts['faithful']:.3f} "
          f"({counts['faithful_differs']}/{counts['faithful']})")
    for kind, (hit, all_) in sorted(per_kind.items()):
        print(f"  {kind:<11} {'called differs' if kind == 'faithful' else 'reported'} {hit}/{all_}")
    print("verdicts of all attributions checked:", dict(verdicts))
    print(f"ms per report (steps 1-3): first {times[0]:.0f}; then median {statistics.median(times[1:]):.0f}, "
          f"p95 {sorted(times[1:])[int(0.95 * (len(times) - 2))]:.0f}")


if __name__ == "__main__":
    sys.exit(main())
