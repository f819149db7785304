"""Reported speech (issue 16), steps 2 and 3 on the dev split of tests/gold/reported: for each item,
find the passage the report reports on in a library of the presidential speeches, and compare.

    PYTHONPATH=src python bench/reported.py --db /tmp/cmp/speeches.db [--rerank auto] [--cold]

The library: `sourcecheck add ../shared/datasets/presidential-speeches --db /tmp/cmp/speeches.db`.
At 100k documents: bench/scale.py's archive (`cd bench && python -c "import scale;
scale.build('/tmp/scale100k', 100_000)"`), copied, with the speeches added to the copy the same way.
Step 1 (finding the attribution and its content span) is built elsewhere; until then the bench takes
the content by a simple rule: the text after the first `that` (or after `according to X,`), else the
text before a trailing `, X said.`, else the whole report. The dev split unless `--split test` (held
out: scored once, at the end).

Measured: right passage first and in the top 5 (a window overlapping the gold passage's characters
in the right speech; and counting the same text found in another document), planted changes
reported (a `differs` whose differences overlap the planted report words), faithful items called
`differs`, per change kind, and ms per item (find + compare), then finding the passage alone with
the process's first call. `--rerank auto` blends in the semantic reranker (the `semantic` extra);
`--cold` forgets the split sources before each item, as if every item sent the finder to sources
it had never read.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from sourcecheck.compare import RuleComparer, compare
from sourcecheck.libraries import open_library
from sourcecheck.passage_rerank import default_reranker
from sourcecheck.reported_passage import find_passages, forget_split_sources, sentences

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold" / "reported"
THAT = re.compile(r"\bthat\s+", re.IGNORECASE)
ACCORDING = re.compile(r"^\s*according to [^,]+,\s*", re.IGNORECASE)
TRAILING = re.compile(r",\s*(?:the [\w ]+|[A-Z][\w.]*(?: [A-Z][\w.]*)*)\s+(?:said|wrote|added|argued|"
                      r"declared|insisted|noted|warned|cautioned|claimed|explained|stated|told [\w ]+)\s*\.?\s*$")


def content_of(report: str) -> tuple[int, str]:
    """(offset, text) of the reported clause by the bench's stand-in rule for step 1."""
    m = ACCORDING.match(report)
    if m:
        return m.end(), report[m.end():]
    t = TRAILING.search(report)
    if t:
        return 0, report[:t.start()]
    m = THAT.search(report)
    if m and m.start() < len(report) // 2:
        return m.end(), report[m.end():]
    return 0, report


def content_by_step1(report: str, nlp: Any) -> tuple[int, str] | None:
    """(offset, text) of the longest content sourcecheck.reported finds in the report, or None."""
    from sourcecheck.ingest import ingest_bytes
    from sourcecheck.reported import analyse_reported

    doc = ingest_bytes(report.encode(), name="report.txt")
    found = analyse_reported(doc, nlp)[1]
    if not found or doc.text != report:
        return None
    best = max(found, key=lambda r: r.content.end - r.content.start).content
    return best.start, report[best.start:best.end]


def gold_range(text: str, passage: str) -> tuple[int, int]:
    """Where the gold passage is in the stored text (ingest may have folded runs of spaces)."""
    m = re.search(r"\s+".join(re.escape(w) for w in passage.split()), text)
    return (m.start(), m.end()) if m else (-1, -1)


def _same_text(passage: str, found: str) -> bool:
    """The passage found holds a sentence of the gold passage, or is part of it, spaces aside: the
    same text in another document (the data set holds a few messages twice under two names, and
    bench/scale.py's archive recombines the speeches' paragraphs into documents of other authors)."""
    gold, seen = " ".join(passage.split()), " ".join(found.split())
    return seen in gold or any(len(gold[s:e]) >= 20 and gold[s:e] in seen for s, e, _ in sentences(gold))


def load_items(split: str = "dev") -> list[dict[str, Any]]:
    return [json.loads(line) for path in sorted((GOLD / split).glob("*.jsonl"))
            for line in path.read_text().splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--show", action="store_true", help="print the misses")
    parser.add_argument("--split", default="dev", choices=("dev", "test"),
                        help="the test split is held out: scored once, at the end of the work on it")
    parser.add_argument("--rerank", choices=("auto", "words"), default="words",
                        help="auto: the semantic reranker when its extra is installed; words: ranked by words alone")
    parser.add_argument("--cold", action="store_true",
                        help="forget the split sources before each item (no cache from the items before)")
    parser.add_argument("--step1", action="store_true",
                        help="take the content from sourcecheck.reported (the longest one found in the report)")
    parser.add_argument("--gold-passage", action="store_true",
                        help="step 3 alone: compare the content with the gold item's passage, not the one found")
    args = parser.parse_args()
    items = load_items(args.split)
    comparer = RuleComparer()
    counts: dict[str, int] = defaultdict(int)
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    times: list[float] = []
    find_times: list[float] = []  # finding the passages alone
    nlp = None
    if args.step1:
        from sourcecheck.attribution import load_nlp

        nlp = load_nlp()
    reranker = default_reranker() if args.rerank == "auto" else None
    with open_library(args.db, read_only=True) as library:
        by_path = {Path(s.path or "").name: s.id for s in library.sources()}
        compare(".", "warm the parser up", comparer)
        for item in items:
            source_id = by_path[item["speech"]]
            text = library.get(source_id).text
            gold = gold_range(text, item["passage"])
            by_step1 = None if nlp is None else content_by_step1(item["report"], nlp)
            counts["step1_content"] += by_step1 is not None
            offset, content = by_step1 or content_of(item["report"])
            if args.cold:
                forget_split_sources()
            began = time.perf_counter()
            passages = find_passages(library, content, item["speaker"], reranker=reranker)
            found_at = time.perf_counter()
            compared = item["passage"] if args.gold_passage else passages[0].text if passages else None
            cue_at = 0 if offset else len(content)  # the rest of the report sentence holds the cue
            cue = item["report"][:offset] if offset else item["report"][len(content):]
            result = compare(content, compared, comparer, cue=cue, speaker=item["speaker"])
            times.append((time.perf_counter() - began) * 1000)
            find_times.append((found_at - began) * 1000)
            right = [p.source_id == source_id and p.start < gold[1] and gold[0] < p.end for p in passages]
            copy = [_same_text(item["passage"], p.text) for p in passages[:1]]
            counts["first_or_copy"] += bool(right[:1] and right[0] or copy and copy[0])
            counts["top5_or_copy"] += any(r or _same_text(item["passage"], p.text)
                                          for r, p in zip(right[:5], passages, strict=False))
            counts["items"] += 1
            counts["first"] += bool(right[:1] and right[0])
            counts["top5"] += any(right[:5])
            counts["first_confident"] += bool(right[:1] and right[0] and passages[0].confident)
            counts["wrong_confident"] += bool(passages and passages[0].confident and not right[0])
            kind = item["change"] or "faithful"
            per_kind[kind][1] += 1
            found_first = bool(right[:1] and right[0])
            if item["label"] == "faithful":
                counts["faithful"] += 1
                flagged = result.verdict == "differs"
                counts["faithful_differs"] += flagged
                counts["faithful_differs_confident"] += flagged and bool(passages) and passages[0].confident
                counts["faithful_first"] += found_first
                counts["faithful_first_differs"] += found_first and flagged
                per_kind[kind][0] += flagged
            else:
                counts["changed"] += 1
                r0 = item["report"].find(item["report_words"]) - offset
                r1 = r0 + len(item["report_words"])
                shift = [cue_at - offset if d.in_cue else 0 for d in result.differences]
                hit = result.verdict == "differs" and any(d.report.start + s < r1 and r0 < d.report.end + s
                                                          for d, s in zip(result.differences, shift, strict=True))
                counts["reported"] += hit
                counts["reported_confident"] += hit and bool(passages) and passages[0].confident
                counts["changed_first"] += found_first
                counts["changed_first_reported"] += found_first and hit
                per_kind[kind][0] += hit
                flagged = not hit
            if args.show and (flagged or not args.gold_passage and not (right[:1] and right[0])):
                print(f"--- {item['id']} {kind} first={bool(right[:1] and right[0])} {result.verdict}")
                print("  content:", content)
                print("  gold:   ", item["source_words"], "->", item["report_words"])
                print("  passage:", compared)
                for d in result.differences:
                    print(f"  diff: {d.kind}{'' if d.meaning_changing else ' (minor)'}: {d.report.text!r} vs "
                          f"{d.passage.text if d.passage else None!r}")
    n = counts["items"]
    print(f"items {n} ({args.split}); library {args.db}; ranked by {reranker.name if reranker else 'words'}"
          + ("; compared with the gold passage" if args.gold_passage else ""))
    print(f"right passage first   {counts['first'] / n:.3f}")
    print(f"right passage top 5   {counts['top5'] / n:.3f}")
    print(f"right passage first and confident {counts['first_confident'] / n:.3f}; "
          f"another passage first and confident {counts['wrong_confident'] / n:.3f}")
    print(f"first, or the same text in a copy of the speech {counts['first_or_copy'] / n:.3f}")
    print(f"top 5, or the same text in a copy            {counts['top5_or_copy'] / n:.3f}")
    print(f"planted changes reported {counts['reported'] / counts['changed']:.3f} "
          f"({counts['reported']}/{counts['changed']})")
    print(f"faithful called differs  {counts['faithful_differs'] / counts['faithful']:.3f} "
          f"({counts['faithful_differs']}/{counts['faithful']})")
    print(f"  as sourcecheck check decides (no_passage unless the first is confident): planted reported "
          f"{counts['reported_confident']}/{counts['changed']}, faithful called differs "
          f"{counts['faithful_differs_confident']}/{counts['faithful']}")
    print(f"  with the right passage first: planted reported {counts['changed_first_reported']}/"
          f"{counts['changed_first']}, faithful called differs {counts['faithful_first_differs']}/"
          f"{counts['faithful_first']}")
    for kind, (hit, total) in sorted(per_kind.items()):
        label = "called differs" if kind == "faithful" else "reported"
        print(f"  {kind:<11} {label} {hit}/{total}")
    first_call = find_times[0]
    times.sort()
    find_times.sort()
    print(f"ms per item: median {statistics.median(times):.0f}, p95 {times[int(0.95 * (len(times) - 1))]:.0f}")
    print(f"  finding the passage: median {statistics.median(find_times):.0f}, "
          f"p95 {find_times[int(0.95 * (len(find_times) - 1))]:.0f}, the process's first call {first_call:.0f}"
          f"{' (cache forgotten before each item)' if args.cold else ''}")


if __name__ == "__main__":
    sys.exit(main())
