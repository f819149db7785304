"""Claims against their sources (issue 18, third target), on tests/gold/claims: 294 claims written in
an article's voice from passages of the presidential speeches, half faithful, half with one number,
quantity, date or name changed (README there).

    PYTHONPATH=src python bench/claims_sources.py --db SPEECHES_DB [--split dev|test|test2|all] [--show]

SPEECHES_DB is a library of all the speeches (`sourcecheck add ../shared/datasets/presidential-speeches
--db SPEECHES_DB`). Each claim goes through what `check` and `claims` run for a sentence labelled
`claim` (claims/evidence.check_claim: reported_check.ranked_passages, then compare), whatever label the
labeller gives it; the labels are counted apart.

- top1 / top5: the right passage (a window of the gold speech overlapping the gold passage, or the same
  text in a duplicate of the speech) first / among the first five of `find_passages`;
- changed_reported: changed claims called `differs` with a difference on the changed words;
- faithful_differs: faithful claims called `differs` (a ceiling);
- gold_changed_reported / gold_faithful_differs: the same, the comparison given the gold passage
  (the comparer alone);
- labelled_claim: the share of the claims the labeller labels `claim`.
Develop on dev; test was scored once (docs/benchmarks.md) and is spent ("all" = dev and test); test2,
written later by another annotator, is held out and scored once.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from reported import _same_text, gold_range  # noqa: E402

from sourcecheck.claims.evidence import check_claim  # noqa: E402
from sourcecheck.claims.labeller import load_labeller  # noqa: E402
from sourcecheck.claims.model import SentenceLabel  # noqa: E402
from sourcecheck.compare import Difference, RuleComparer, compare  # noqa: E402
from sourcecheck.libraries import open_library  # noqa: E402
from sourcecheck.reported_check import SourceCache  # noqa: E402
from sourcecheck.reported_passage import find_passages  # noqa: E402
from sourcecheck.spans import ArticleSpan  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "claims" / "items.jsonl"
MEASURES = ("top1", "top5", "changed_reported", "faithful_differs", "gold_changed_reported",
            "gold_faithful_differs", "labelled_claim")


def load_items(split: str) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    if split == "all":  # the splits developed on: dev, and test once it was spent; never a held-out one
        return [r for r in rows if r["split"] in ("dev", "test")]
    return [r for r in rows if r["split"] == split]


def on_changed_words(starts_ends: list[tuple[int, int]], claim: str, words: str) -> bool:
    start = claim.find(words)
    return start >= 0 and any(s < start + len(words) and start < e for s, e in starts_ends)


def _right(passage: Any, source_id: int, names: dict[int, str], speech: str, gold: tuple[int, int],
           gold_text: str) -> bool:
    if passage.source_id == source_id:
        return passage.start < gold[1] and gold[0] < passage.end
    return names.get(passage.source_id, "").startswith(speech.removesuffix(".txt")) and _same_text(gold_text,
                                                                                                   passage.text)


def score(db: str, split: str, show: bool = False) -> dict[str, float]:
    comparer, labeller = RuleComparer(), load_labeller()
    rows = load_items(split)
    counts = dict.fromkeys(MEASURES, 0)
    with open_library(db, read_only=True) as library:
        names = {s.id: Path(s.path or "").name for s in library.sources()}
        by_name = {name: source_id for source_id, name in names.items()}
        cache = SourceCache([library])
        labels = labeller.label([r["claim"] for r in rows])
        for row, (label, *_) in zip(rows, labels, strict=True):
            claim, source_id = row["claim"], by_name[row["speech"]]
            gold = gold_range(library.get(source_id).text, row["passage"])
            ranked = find_passages(library, claim, None, limit=5)
            right = [_right(p, source_id, names, row["speech"], gold, row["passage"]) for p in ranked]
            counts["top1"] += bool(right) and right[0]
            counts["top5"] += any(right)
            counts["labelled_claim"] += label == "claim"
            sentence = SentenceLabel(ArticleSpan(0, len(claim)), claim, "own", "claim", None, None, None)
            found = check_claim(sentence, (), cache, comparer)
            given = compare(claim, row["passage"], comparer)
            found_spans = [(d.article.start, d.article.end) for d in found.differences]
            given_spans = [(d.report.start, d.report.end) for d in given.differences if isinstance(d, Difference)]
            if row["faithful"]:
                counts["faithful_differs"] += found.verdict == "differs"
                counts["gold_faithful_differs"] += given.verdict == "differs"
                missed = found.verdict == "differs"
            else:
                hit = found.verdict == "differs" and on_changed_words(found_spans, claim, row["changed_to"])
                counts["changed_reported"] += hit
                counts["gold_changed_reported"] += given.verdict == "differs" and on_changed_words(
                    given_spans, claim, row["changed_to"])
                missed = not hit
            if show and (missed or not any(right)):
                print(json.dumps({"id": row["id"], "faithful": row["faithful"], "kind": row["changed_kind"],
                                  "claim": claim, "changed_to": row["changed_to"], "top5": any(right),
                                  "verdict": found.verdict,
                                  "differences": [(d.kind, d.article_text, d.passage_text) for d in found.differences],
                                  "passage": found.passage.text[:200] if found.passage else None},
                                 ensure_ascii=False))
    faithful = sum(r["faithful"] for r in rows)
    changed = len(rows) - faithful
    per = {"top1": len(rows), "top5": len(rows), "labelled_claim": len(rows), "faithful_differs": faithful,
           "gold_faithful_differs": faithful, "changed_reported": changed, "gold_changed_reported": changed}
    return {name: round(counts[name] / per[name], 3) for name in MEASURES} | {"claims": len(rows)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--split", default="dev", choices=("dev", "test", "test2", "all"),
                        help="all: dev and test (spent); test2 is held out: scored once")
    parser.add_argument("--show", action="store_true", help="print the misses")
    args = parser.parse_args()
    print(json.dumps(score(args.db, args.split, args.show), indent=1))


if __name__ == "__main__":
    main()
