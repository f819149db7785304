"""The gold sets' gate (tests/gold/gate.json): a floor per split for each score, and the SHA-256 of
each split's files, so that a gold file cannot change without the gate being updated on purpose.

    python bench/gate.py            # scores and digests now, beside the gate's floors
    python bench/gate.py --digests  # write the current digests into the gate (after a deliberate change)
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gold  # noqa: E402

GATE = gold.GOLD / "gate.json"


def load() -> dict:
    return json.loads(GATE.read_text(encoding="utf-8"))


def digest(split: str) -> str:
    """SHA-256 over the split's files, names and bytes, in name order."""
    hasher = hashlib.sha256()
    for path in sorted(p for p in (gold.GOLD / split).iterdir() if p.is_file()):
        hasher.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()


def main(argv: list[str]) -> None:
    gate = load()
    if "--digests" in argv:
        for split, entry in gate["splits"].items():
            entry["sha256"] = digest(split)
        GATE.write_text(json.dumps(gate, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return
    extract = gold.sourcecheck_extractor()
    for split, entry in gate["splits"].items():
        score = gold.score_split(split, extract)
        now = {name: round(getattr(score, name), 3) for name in entry["floors"]}
        same = "same" if digest(split) == entry["sha256"] else "CHANGED"
        print(f"{split}: files {same}; now {now}; floors {entry['floors']}")


if __name__ == "__main__":
    main(sys.argv[1:])
