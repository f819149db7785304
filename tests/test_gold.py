"""The gold sets' gate (tests/gold/gate.json), in the style of trafilatura's evaluation: extraction,
attribution and verdicts must not drop under each split's floor, and the gold files must be the
ones the floors were set on (their SHA-256 per split; bench/gate.py --digests after a deliberate
change). Provenance of every file: tests/gold/README.md."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.conftest import SPEECHES, missing_shared

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import gate  # noqa: E402

import gold  # noqa: E402

GATE = gate.load()["splits"]
VERDICT_SPLITS = [split for split, entry in GATE.items() if "verdicts" in entry]


@pytest.fixture(scope="module")
def extractor(nlp):
    return gold.sourcecheck_extractor(nlp)


@pytest.mark.parametrize("split", sorted(GATE))
def test_gold_files_are_those_the_gate_was_set_on(split):
    assert gate.digest(split) == GATE[split]["sha256"], (
        f"tests/gold/{split} changed: score it, then record it with python bench/gate.py --digests")


@pytest.mark.parametrize("split", sorted(GATE))
def test_gold_split_stays_above_its_floors(extractor, split):
    score = gold.score_split(split, extractor)
    assert score.gold >= 50
    for name, floor in GATE[split]["floors"].items():
        assert getattr(score, name) >= floor, (name, round(getattr(score, name), 3), score.errors[:40])


def test_every_gold_split_has_a_gate_and_every_wild_file_its_provenance():
    assert set(gold.splits()) == set(GATE)
    readme = (gold.GOLD / "README.md").read_text(encoding="utf-8")
    for split in gold.splits():
        for article in gold.articles(split):
            if split.startswith("wild/"):
                provenance = json.loads(gold.gold_path(article).read_text(encoding="utf-8"))["provenance"]
                assert provenance["licence"] and provenance["source"] and provenance["split"] == split[5:]
                assert f"`{article.name}`" in readme, f"{article.name} has no row in tests/gold/README.md"


@pytest.fixture(scope="module")
def speech_libraries(tmp_path_factory):
    if not SPEECHES.is_dir():
        missing_shared("the presidential speeches")
    import wild

    libraries = wild.SpeechLibraries(tmp_path_factory.mktemp("speeches"), VERDICT_SPLITS)
    yield libraries
    libraries.close()


@pytest.mark.parametrize("split", VERDICT_SPLITS)
def test_wild_verdicts_stay_above_their_floors(speech_libraries, nlp, split):
    import wild

    score = wild.score_split(split, speech_libraries, nlp)
    floors = GATE[split]["verdicts"]
    assert score.matched >= 300
    assert score.accuracy >= floors["accuracy"], score.errors
    assert score.false_altered <= floors["false_altered"], score.errors
