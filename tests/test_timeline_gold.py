"""The event-anchoring gold set (tests/gold/timeline, issue 17) stays what its annotator wrote:
the files match the digest in gate.json, and every item's offsets still point at its words."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

GOLD = Path(__file__).resolve().parent / "gold"
TIMELINE = GOLD / "timeline"


def gold_files() -> list[Path]:
    return sorted([TIMELINE / "items.jsonl", TIMELINE / "sources.json", *(TIMELINE / "docs").glob("*.txt")])


def digest() -> str:
    hasher = hashlib.sha256()
    for path in gold_files():
        hasher.update(path.relative_to(TIMELINE).as_posix().encode() + b"\0" + path.read_bytes())
    return hasher.hexdigest()


def test_the_files_are_the_annotated_ones():
    gate = json.loads((GOLD / "gate.json").read_text(encoding="utf-8"))
    assert digest() == gate["timeline"]["sha256"], "a timeline gold file changed: update gate.json on purpose"


def test_every_item_points_at_its_words():
    texts = {p.name: p.read_text(encoding="utf-8").split("\n", 2)[2] for p in (TIMELINE / "docs").glob("*.txt")}
    items = [json.loads(line) for line in (TIMELINE / "items.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(items) >= 150
    for item in items:
        text = texts[item["doc"]]
        assert text[item["start"]:item["end"]] == item["text"], item["id"]
        assert text[item["anchor_start"]:item["anchor_end"]] == item["anchor"], item["id"]
        assert item["split"] in ("dev", "test2"), item["id"]  # the first test split was moved into dev
