"""The event-anchoring gate (tests/gold/gate.json, `timeline.floors`): on each split of
tests/gold/timeline, bench/anchoring.py's scores must not fall under the floors set when the split
was scored (dev while working on it; a held-out split, such as "test2", after its one scoring). The
first test split was scored once (2026-12-06) and then moved into dev.

- found: gold expressions that `build_timeline` finds (a found expression overlaps the gold one).
- resolved_right: gold items with a resolved interval (not generic) found with the right anchor
  and the right interval at the gold granularity.
- left_unresolved: gold items the article does not date, left without an interval.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from anchoring import score  # noqa: E402

FLOORS = json.loads((Path(__file__).resolve().parent / "gold" / "gate.json").read_text(encoding="utf-8"))[
    "timeline"]["floors"]


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_event_anchoring_stays_above_its_floors(split):
    row = score(split, show_misses=False)["rows"]["all"]
    measured = {
        "found": row["found"] / row["items"],
        "resolved_right": row["resolved_right"] / row["resolved_gold"],
        "left_unresolved": row["left_unresolved"] / row["unresolved_gold"],
    }
    below = {name: round(value, 3) for name, value in measured.items() if value < FLOORS[split][name]}
    assert not below, f"{split}: under the floors {FLOORS[split]}: {below}"
