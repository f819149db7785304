"""Reported speech whose source is not in the library: how often does step 2 still offer a passage?

    PYTHONPATH=src python bench/reported_absent.py --db /tmp/cmp/speeches.db

Copies the speeches library, removes every speech the dev split of tests/gold/reported reports on,
and runs each dev report (content by bench/reported.py's stand-in rule, or --step1) against both
libraries. A report of an absent speech should come out `no_passage`; given a passage it is compared
with something its speaker did not say there (the same speaker's other speeches remain, and may
say the same thing). Printed per score threshold: right passage first with the speech present
(score at least the threshold), and a passage offered with the speech absent, with the verdicts
those get.
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
from sourcecheck.reported_passage import find_passages  # noqa: E402

THRESHOLDS = (0.0, 0.12, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)


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
    present: list[tuple[float, bool]] = []  # (top score, right passage first)
    absent: list[tuple[float, str]] = []  # (top score, verdict)
    with tempfile.TemporaryDirectory() as folder:
        absent_db = _copy_without(args.db, {item["speech"] for item in items}, Path(folder))
        with open_library(args.db, read_only=True) as full, open_library(str(absent_db), read_only=True) as cut:
            by_path = {Path(s.path or "").name: s.id for s in full.sources()}
            for item in items:
                content = content_of(item["report"])[1]
                source_id = by_path[item["speech"]]
                gold = gold_range(full.get(source_id).text, item["passage"])
                found = find_passages(full, content, item["speaker"])
                right = bool(found) and found[0].source_id == source_id and found[0].start < gold[1] \
                    and gold[0] < found[0].end
                present.append((found[0].score if found else 0.0, right))
                offered = find_passages(cut, content, item["speaker"])
                verdict = compare(content, offered[0].text, comparer).verdict if offered else "no_passage"
                absent.append((offered[0].score if offered else 0.0, verdict))
    n = len(items)
    print(f"items {n} (dev); library {args.db}")
    print("threshold | right first, speech present | passage offered, speech absent | of those: consistent / differs")
    for t in THRESHOLDS:
        kept = [v for s, v in absent if s >= t and v != "no_passage"]
        verdicts = Counter(kept)
        print(f"{t:9.2f} | {sum(r and s >= t for s, r in present) / n:.3f} | {len(kept) / n:.3f} | "
              f"{verdicts['consistent']} / {verdicts['differs']}")


if __name__ == "__main__":
    sys.exit(main())
