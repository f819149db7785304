"""Reported speech whose source is not in the library: how often does step 2 still offer a passage?

    PYTHONPATH=src python bench/reported_absent.py --db /tmp/cmp/speeches.db

Copies the speeches library, removes every speech the dev split of tests/gold/reported reports on,
and runs each dev report (content by bench/reported.py's stand-in rule, or --step1) against both
libraries. A report of an absent speech should come out `no_passage`; given a passage it is compared
with something its speaker did not say there (the same speaker's other speeches remain, and may
say the same thing). Printed per decision rule (the first window's score at least S and at least R
times the mean score of the next reported_passage.BACKGROUND_WINDOWS windows): right passage first
and kept with the speech present, and a passage offered with the speech absent, with the verdicts
those get; the last line is what find_passages decides (its `confident` flag, CONFIDENT_SCORE and
CONFIDENT_RATIO).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reported import content_of, gold_range, load_items  # noqa: E402

from sourcecheck.compare import RuleComparer, compare  # noqa: E402
from sourcecheck.libraries import open_library  # noqa: E402
from sourcecheck.reported_passage import (  # noqa: E402
    BACKGROUND_WINDOWS,
    CONFIDENT_RATIO,
    CONFIDENT_SCORE,
    Passage,
    find_passages,
)

RULES = [(score, 0.0) for score in (0.0, 0.15, 0.2, 0.25, 0.3, 0.35)] + [
    (0.2, ratio) for ratio in (1.2, 1.3, 1.4, 1.5, 1.6, 1.8)] + [(0.3, 1.4), (0.3, 1.6)]


def _features(found: list[Passage]) -> tuple[float, float, bool]:
    """(first window's words score, its ratio to the mean of the next windows', confident)."""
    if not found:
        return 0.0, 0.0, False
    rest = [p.words for p in found[1:]]
    return found[0].words, found[0].words / max(sum(rest) / len(rest) if rest else 0.0, 1e-9), found[0].confident


def _copy_without(db: str, names: set[str], folder: Path) -> Path:
    target = folder / "absent.db"
    shutil.copy(db, target)
    if Path(db + ".index").is_dir():
        shutil.copytree(db + ".index", str(target) + ".index")
    with open_library(str(target)) as library:
        gone = [s.id for s in library.sources() if Path(s.path or "").name in names]
        for source_id in gone:
            library.remove(source_id)
    print(f"removed {len(gone)} speeches the dev reports report on")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    args = parser.parse_args()
    items = load_items()
    comparer = RuleComparer()
    present: list[tuple[tuple[float, float, bool], bool]] = []  # (features, right passage first)
    absent: list[tuple[tuple[float, float, bool], str]] = []  # (features, verdict)
    with tempfile.TemporaryDirectory() as folder:
        absent_db = _copy_without(args.db, {item["speech"] for item in items}, Path(folder))
        with open_library(args.db, read_only=True) as full, open_library(str(absent_db), read_only=True) as cut:
            by_path = {Path(s.path or "").name: s.id for s in full.sources()}
            for item in items:
                content = content_of(item["report"])[1]
                source_id = by_path[item["speech"]]
                gold = gold_range(full.get(source_id).text, item["passage"])
                found = find_passages(full, content, item["speaker"], limit=BACKGROUND_WINDOWS + 1)
                right = bool(found) and found[0].source_id == source_id and found[0].start < gold[1] \
                    and gold[0] < found[0].end
                present.append((_features(found), right))
                offered = find_passages(cut, content, item["speaker"], limit=BACKGROUND_WINDOWS + 1)
                verdict = compare(content, offered[0].text, comparer).verdict if offered else "no_passage"
                absent.append((_features(offered), verdict))
    n = len(items)
    print(f"items {n} (dev); library {args.db}")
    print("score >= | ratio >= | right first, speech present | passage offered, speech absent | "
          "of those: consistent / differs")
    rules = [(f"{s:8.2f}", f"{r:8.1f}", lambda f, s=s, r=r: f[0] >= s and f[1] >= r) for s, r in RULES]
    rules.append((f"{CONFIDENT_SCORE:8.2f}", f"{CONFIDENT_RATIO:8.1f}", lambda f: f[2]))
    for score, ratio, rule in rules:
        kept = [v for f, v in absent if rule(f) and v != "no_passage"]
        verdicts = Counter(kept)
        print(f"{score} | {ratio} | {sum(r and rule(f) for f, r in present) / n:.3f} | {len(kept) / n:.3f} | "
              f"{verdicts['consistent']} / {verdicts['differs']}")
    print("(last line: find_passages' confident flag)")


if __name__ == "__main__":
    sys.exit(main())
