"""The claims-to-sources gate (tests/gold/gate.json, `claims`): the gold files unchanged (their
SHA-256), and on each split of tests/gold/claims, against a library of all the presidential
speeches, finding the passage and comparing (bench/claims_sources.py) must not fall under the floors
set when the split was scored (dev while working on it, test after its one scoring at 4c89cea).
`faithful_differs` is a ceiling."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from tests.conftest import assert_within_floors

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from claims_sources import GOLD, score  # noqa: E402

GATE = json.loads((ROOT / "tests" / "gold" / "gate.json").read_text(encoding="utf-8"))["claims"]
CEILINGS = {"faithful_differs", "gold_faithful_differs"}


def test_the_gold_claims_are_the_annotated_ones():
    assert hashlib.sha256(GOLD.read_bytes()).hexdigest() == GATE["sha256"], \
        "tests/gold/claims/items.jsonl changed: update gate.json on purpose"


@pytest.mark.parametrize("split", ["dev", "test", "test2"])
def test_claims_stay_above_their_floors(speeches_db, split):
    if split not in GATE["floors"]:
        pytest.skip(f"the {split} split has not been scored yet: its floors are set after its one scoring")
    measured = score(speeches_db, split)
    assert_within_floors(measured, GATE["floors"][split], CEILINGS, split)
