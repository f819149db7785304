"""Event anchoring (issue 17) on the gold set tests/gold/timeline: for each gold item, is the
expression found (its span overlaps one `build_timeline` returns), is its anchor right (the found
anchor overlaps the gold anchor), and is its interval right (begin and end equal at the gold
granularity, open sides open). Reported per split and per relation; "resolved right" is the share
of the gold items with a resolved interval (not generic) found with the right anchor and interval.

    PYTHONPATH=src python bench/anchoring.py [--split dev|test2|all] [--show-misses] [--json]

Develop on dev; a held-out split is scored once, at the end (docs/benchmarks.md). The first test
split was scored once and then moved into dev; "test2" is the held-out split written after it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from sourcecheck.timeline import AnchoredExpression, Interval, build_timeline
from sourcecheck.timeline.calendar import first_day, last_day

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold" / "timeline"
_LENGTH = {"day": 10, "month": 7, "year": 4}


def load(split: str) -> tuple[dict[str, tuple[str, str]], list[dict[str, Any]]]:
    sources = json.loads((GOLD / "sources.json").read_text(encoding="utf-8"))
    if split != "all" and not any(meta["split"] == split for meta in sources.values()):
        raise SystemExit(f"error: the gold set has no split {split!r} yet")
    docs = {}
    for name, meta in sources.items():
        if split in (meta["split"], "all"):
            raw = (GOLD / "docs" / name).read_text(encoding="utf-8")
            header, _, text = raw.split("\n", 2)
            docs[name] = (header.removeprefix("DCT: "), text)
    items = [json.loads(line) for line in (GOLD / "items.jsonl").read_text(encoding="utf-8").splitlines()]
    return docs, [i for i in items if i["doc"] in docs]


def same_side(mine: str | None, gold: str | None, granularity: str, side: str) -> bool:
    if mine is None or gold is None:
        return mine is None and gold is None
    if granularity == "week":
        try:
            day = first_day(mine) if side == "begin" else last_day(mine)
        except ValueError:
            return False
        return day.isoformat() == gold
    length = _LENGTH[granularity]
    return len(mine) >= length and mine[:length] == gold[:length]


def interval_right(mine: Interval | None, gold: dict[str, Any]) -> bool:
    if gold["resolved"] is None:
        return mine is None
    if mine is None:
        return False
    granularity = gold["granularity"]
    return (same_side(mine.begin, gold["resolved"]["begin"], granularity, "begin")
            and same_side(mine.end, gold["resolved"]["end"], granularity, "end"))


def best_match(item: dict[str, Any], found: list[AnchoredExpression]) -> AnchoredExpression | None:
    overlapping = [a for a in found if a.span.start < item["end"] and item["start"] < a.span.end]
    return max(overlapping, key=lambda a: min(a.span.end, item["end"]) - max(a.span.start, item["start"]),
               default=None)


def score(split: str, show_misses: bool) -> dict[str, Any]:
    docs, items = load(split)
    found_by_doc: dict[str, list[AnchoredExpression]] = {}
    started = time.perf_counter()
    for name, (dct, text) in docs.items():
        found_by_doc[name] = list(build_timeline(text, dct).anchored)
    seconds = time.perf_counter() - started
    rows: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for item in items:
        mine = best_match(item, found_by_doc[item["doc"]])
        anchor_ok = mine is not None and mine.anchor.span.start < item["anchor_end"] \
            and item["anchor_start"] < mine.anchor.span.end
        resolved_gold = item["resolved"] is not None and not item["generic"]
        right = anchor_ok and mine is not None and interval_right(mine.interval, item)
        for key in ("all", item["relation"]):
            row = rows[key]
            row["items"] += 1
            row["found"] += mine is not None
            row["anchor"] += anchor_ok
            if resolved_gold:
                row["resolved_gold"] += 1
                row["resolved_right"] += right
            elif item["resolved"] is None:
                row["unresolved_gold"] += 1
                row["left_unresolved"] += mine is None or mine.interval is None
        if show_misses and (resolved_gold and not right or not resolved_gold and mine and mine.interval):
            got = f"{mine.text!r} anchor={mine.anchor.phrase!r} date={mine.anchor_date and mine.anchor_date.value} " \
                  f"{mine.relation} {mine.offset} -> {mine.interval}" if mine else "not found"
            print(f"MISS {item['id']} {item['doc'][:24]} {item['text']!r} gold={item['resolved']} "
                  f"{item['granularity']} ({item['anchor_date']})\n     got {got}")
    predicted = sum(len(v) for v in found_by_doc.values())
    matched = sum(1 for name, found in found_by_doc.items() for a in found
                  if any(a.span.start < i["end"] and i["start"] < a.span.end for i in items if i["doc"] == name))
    return {"split": split, "docs": len(docs), "predicted": predicted,
            "precision": matched / predicted if predicted else 0, "seconds": round(seconds, 1),
            "rows": {k: dict(v) for k, v in rows.items()}}


def print_table(result: dict[str, Any]) -> None:
    print(f"split {result['split']}: {result['docs']} docs, {result['predicted']} expressions found, "
          f"precision {result['precision']:.3f} ({result['seconds']} s)")
    print(f"{'relation':<9} {'items':>5} {'found':>6} {'anchor':>7} {'resolved right':>17} {'left unresolved':>17}")
    order = ["all", "after", "before", "during", "around", "since", "until"]
    for key in order:
        row = result["rows"].get(key)
        if not row:
            continue
        n = row["items"]
        rg, rr = row.get("resolved_gold", 0), row.get("resolved_right", 0)
        ug, lu = row.get("unresolved_gold", 0), row.get("left_unresolved", 0)
        print(f"{key:<9} {n:>5} {row['found'] / n:>6.3f} {row['anchor'] / n:>7.3f} "
              f"{rr:>4}/{rg:<4} {rr / rg if rg else 0:>6.3f}  {lu:>4}/{ug:<4} {lu / ug if ug else 0:>6.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["dev", "test2", "all"], default="dev")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = score(args.split, args.show_misses)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
