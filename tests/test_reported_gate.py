"""The reported-speech gate (tests/gold/gate.json, `reported.floors`): on each split of
tests/gold/reported, against a library of all the presidential speeches, finding the passage and
comparing must not fall under the floors set when the split was scored (dev while working on it,
test after its one scoring). The content of each report is taken by bench/reported.py's stand-in
rule, so that the gate measures steps 2 and 3 (step 1 has its own benchmark on PolNeAR).

- first: the right passage ranked first (a window overlapping the gold passage in its speech).
- planted: changed items whose planted words a difference overlaps, as `check` decides (no
  passage unless the first is confident).
- faithful_differs (a ceiling): faithful items called `differs`, as `check` decides.
- gold_planted / gold_faithful_differs: the same with the gold passage given (step 3 alone).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.conftest import assert_within_floors

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from reported import content_of, gold_range, load_items  # noqa: E402

GATE = json.loads((Path(__file__).resolve().parent / "gold" / "gate.json").read_text(encoding="utf-8"))["reported"]
CEILINGS = {"faithful_differs", "gold_faithful_differs"}


def _hit(differences, report: str, words: str) -> bool:
    start = report.find(words)
    return any(d.report.start < start + len(words) and start < d.report.end and not d.in_cue for d in differences)


def score(db: str, split: str) -> dict[str, float]:
    from sourcecheck.compare import RuleComparer, compare
    from sourcecheck.libraries import open_library
    from sourcecheck.reported_passage import find_passages

    comparer = RuleComparer()
    counts = dict.fromkeys(("first", "planted", "faithful_differs", "gold_planted", "gold_faithful_differs"), 0)
    rows = load_items(split)
    with open_library(db, read_only=True) as library:
        by_name = {Path(s.path or "").name: s.id for s in library.sources()}
        for row in rows:
            offset, content = content_of(row["report"])
            cue = row["report"][:offset] if offset else row["report"][len(content):]
            source_id = by_name[row["speech"]]
            gold = gold_range(library.get(source_id).text, row["passage"])
            passages = find_passages(library, content, row["speaker"])
            counts["first"] += bool(passages) and passages[0].source_id == source_id \
                and passages[0].start < gold[1] and gold[0] < passages[0].end
            taken = passages[0] if passages and passages[0].confident else None
            found = compare(content, taken.text if taken else None, comparer, cue=cue,
                            speaker=taken.author if taken else None)
            given = compare(content, row["passage"], comparer, cue=cue, speaker=row["speaker"])
            report_words = row["report_words"] or ""  # null or "" for a faithful item
            words_at = row["report"].find(report_words) - offset
            clause_words = content[words_at : words_at + len(report_words)] if words_at >= 0 else report_words
            if row["label"] == "faithful":
                counts["faithful_differs"] += found.verdict == "differs"
                counts["gold_faithful_differs"] += given.verdict == "differs"
            else:
                counts["planted"] += found.verdict == "differs" and _hit(found.differences, content, clause_words)
                counts["gold_planted"] += given.verdict == "differs" and _hit(given.differences, content, clause_words)
    faithful = sum(r["label"] == "faithful" for r in rows)
    changed = len(rows) - faithful
    return {"first": counts["first"] / len(rows), "planted": counts["planted"] / changed,
            "faithful_differs": counts["faithful_differs"] / faithful,
            "gold_planted": counts["gold_planted"] / changed,
            "gold_faithful_differs": counts["gold_faithful_differs"] / faithful}


@pytest.mark.parametrize("split", ["dev", "test"])
def test_reported_speech_stays_above_its_floors(speeches_db, split):
    if split not in GATE["floors"]:
        pytest.skip(f"the {split} split has not been scored yet: its floors are set after its one scoring")
    measured = score(speeches_db, split)
    assert_within_floors(measured, GATE["floors"][split], CEILINGS, split)


if __name__ == "__main__":  # PYTHONPATH=src python -m tests.test_reported_gate DB [SPLIT...]: the measures, to set floors
    for split_name in sys.argv[2:] or ("dev",):
        print(split_name, {k: round(v, 3) for k, v in score(sys.argv[1], split_name).items()})
