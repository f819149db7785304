"""Extraction and attribution on the hand-annotated gold set must not regress.

Thresholds sit a little below what the current rules reach (docs/benchmarks.md), so a change
that loses quotes or speakers fails here."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import gold  # noqa: E402


@pytest.fixture(scope="module")
def extractor(nlp):
    return gold.sourcecheck_extractor(nlp)


@pytest.mark.parametrize("split", ["core", "heldout", "test", "dev"])
def test_gold_split(extractor, split):
    score = gold.score_split(split, extractor)
    assert score.gold >= 50
    assert score.precision >= 0.95 and score.recall >= 0.95, score.errors
    assert score.attribution >= 0.75, score.errors
    assert score.unattributed_right >= 0.7 * score.unattributed_gold  # scare quotes get no invented speaker


def test_gold_set_is_large_enough():
    total = sum(len(__import__("json").loads(p.read_text())["quotes"]) for p in gold.GOLD.rglob("*.gold.json"))
    assert total >= 150
