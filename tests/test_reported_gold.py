"""The reported-speech gold set (tests/gold/reported, issue 16) stays what its annotators wrote:
every passage is word for word in its speech, every planted change is where the item says, reports
carry no quotation marks unless marked mixed, and the files match the digests in gate.json."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parent / "gold"
REPORTED = GOLD / "reported"
CHANGES = {"number", "date", "negation", "name", "quantifier", "modality", "actor"}
QUOTE_MARKS = set('"“”')


def items(split: str) -> list[dict]:
    return [json.loads(line) for path in sorted((REPORTED / split).glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def digest(split: str) -> str:
    hasher = hashlib.sha256()
    for path in sorted((REPORTED / split).glob("*.jsonl")):
        hasher.update(path.name.encode() + b"\0" + path.read_bytes())
    return hasher.hexdigest()


@pytest.mark.parametrize("split", ["dev", "test"])
def test_the_files_are_the_annotated_ones(split):
    gate = json.loads((GOLD / "gate.json").read_text(encoding="utf-8"))
    assert digest(split) == gate["reported"][split], "a reported gold file changed: update gate.json on purpose"


@pytest.mark.parametrize("split", ["dev", "test"])
def test_each_item_is_well_formed(split):
    rows = items(split)
    assert len(rows) >= 100 and len({r["id"] for r in rows}) == len(rows)
    faithful = sum(r["label"] == "faithful" for r in rows)
    assert 0.25 <= faithful / len(rows) <= 0.40
    for row in rows:
        assert row["label"] in {"faithful", "changed"}, row["id"]
        if row["label"] == "changed":
            assert row["change"] in CHANGES, row["id"]
            assert row["source_words"] in row["passage"] and row["report_words"] in row["report"], row["id"]
        else:
            assert row["change"] is None, row["id"]
        assert row["mixed"] or not QUOTE_MARKS & set(row["report"]), row["id"]


@pytest.mark.parametrize("split", ["dev", "test"])
def test_every_passage_is_word_for_word_in_its_speech(split, speech_dataset):
    texts: dict[str, str] = {}
    for row in items(split):
        text = texts.setdefault(row["speech"], (speech_dataset / row["speech"]).read_text(encoding="utf-8"))
        assert row["passage"] in text, row["id"]
        assert text.startswith(f"President: {row['speaker']}\n"), row["id"]


def test_dev_and_test_share_no_speech():
    assert not {r["speech"] for r in items("dev")} & {r["speech"] for r in items("test")}
