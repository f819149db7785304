#!/usr/bin/env python3
"""Validate the event-anchored temporal expression gold set (items.jsonl + docs/)."""
import json, re, sys, collections
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DOCS = ROOT / "docs"
RELATIONS = {"before", "after", "since", "until", "during", "around"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DUR = re.compile(r"^P(T?)(\d+|X)[YMWDHS]$")
GRAN = {"day", "week", "month", "year"}
# "test" was scored once and moved into dev; "test2" is the held-out split written after it.
SPLITS = ("dev", "test2")
errors = []

def err(msg):
    errors.append(msg)

def check_date(v, what, iid, allow_interval=False):
    if v is None:
        return
    parts = v.split("/") if allow_interval else [v]
    if len(parts) > 2 or not all(DATE.match(p) for p in parts):
        err(f"{iid}: bad {what} {v!r}")

texts, dcts = {}, {}
for p in sorted(DOCS.glob("*.txt")):
    raw = p.read_text(encoding="utf-8")
    lines = raw.split("\n", 2)
    if len(lines) < 3 or not re.fullmatch(r"DCT: \d{4}-\d{2}-\d{2}", lines[0]) or lines[1] != "":
        err(f"{p.name}: header must be 'DCT: YYYY-MM-DD' then a blank line")
        continue
    dcts[p.name] = lines[0][5:]
    texts[p.name] = lines[2]

items, ids = [], set()
with open(ROOT / "items.jsonl", encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        try:
            o = json.loads(line)
        except json.JSONDecodeError as e:
            err(f"line {n}: JSON error {e}")
            continue
        items.append(o)

doc_split = {}
for o in items:
    iid = o.get("id")
    for k in ("id", "doc", "text", "start", "end", "anchor", "anchor_start", "anchor_end", "anchor_event",
              "relation", "offset", "anchor_date", "anchor_date_evidence", "resolved", "granularity", "split"):
        if k not in o:
            err(f"{iid}: missing field {k}")
    if iid in ids:
        err(f"{iid}: duplicate id")
    ids.add(iid)
    t = texts.get(o["doc"])
    if t is None:
        err(f"{iid}: unknown doc {o['doc']}")
        continue
    if t[o["start"]:o["end"]] != o["text"]:
        err(f"{iid}: text offsets do not match ({t[o['start']:o['end']]!r} != {o['text']!r})")
    if t[o["anchor_start"]:o["anchor_end"]] != o["anchor"]:
        err(f"{iid}: anchor offsets do not match")
    if not (o["start"] <= o["anchor_start"] < o["anchor_end"] <= o["end"]):
        err(f"{iid}: anchor span not inside the expression span")
    if o["relation"] not in RELATIONS:
        err(f"{iid}: bad relation {o['relation']}")
    if o["offset"] is not None and not DUR.match(o["offset"]):
        err(f"{iid}: bad offset {o['offset']}")
    check_date(o["anchor_date"], "anchor_date", iid, allow_interval=True)
    r = o["resolved"]
    if o["anchor_date"] is None and r is not None:
        err(f"{iid}: resolved without an anchor_date")
    if r is not None:
        if set(r) != {"begin", "end"} or (r["begin"] is None and r["end"] is None):
            err(f"{iid}: bad resolved {r}")
        check_date(r["begin"], "resolved.begin", iid)
        check_date(r["end"], "resolved.end", iid)
        if r["begin"] and r["end"] and r["begin"][:len(r["end"])] > r["end"]:
            err(f"{iid}: resolved begin after end")
        if o["granularity"] not in GRAN:
            err(f"{iid}: bad granularity {o['granularity']}")
    if o["split"] not in SPLITS:
        err(f"{iid}: bad split")
    if doc_split.setdefault(o["doc"], o["split"]) != o["split"]:
        err(f"{iid}: doc {o['doc']} appears in two splits")

# overlapping items in one document
by_doc = collections.defaultdict(list)
for o in items:
    by_doc[o["doc"]].append(o)
for d, L in by_doc.items():
    L.sort(key=lambda o: o["start"])
    for a, b in zip(L, L[1:]):
        if b["start"] < a["end"]:
            err(f"{a['id']}/{b['id']}: overlapping expressions in {d}")

meta = json.loads((ROOT / "sources.json").read_text(encoding="utf-8"))
for d in texts:
    m = meta.get(d)
    if m is None:
        err(f"{d}: no provenance in sources.json")
    elif m["dct"] != dcts[d]:
        err(f"{d}: DCT differs between header and sources.json")
    elif d in doc_split and m["split"] != doc_split[d]:
        err(f"{d}: split differs between items and sources.json")

print(f"documents: {len(texts)}  (with items: {len(by_doc)})")
print(f"expressions: {len(items)}  resolved: {sum(1 for o in items if o['resolved'])}  "
      f"generic: {sum(1 for o in items if o.get('generic'))}")
for s in SPLITS:
    S = [o for o in items if o["split"] == s]
    docs_s = sum(1 for d, m in meta.items() if m["split"] == s)
    print(f"  {s}: docs {docs_s}, expressions {len(S)}, resolved {sum(1 for o in S if o['resolved'])}")
print("by relation:", dict(collections.Counter(o["relation"] for o in items).most_common()))
print("by relation x split:", {r: dict(collections.Counter(o["split"] for o in items if o["relation"] == r)) for r in sorted(RELATIONS)})
print("anchor type:", dict(collections.Counter(o.get("anchor_type") for o in items)))
print("source:", dict(collections.Counter("wikinews" if o["doc"].startswith("wn_") else "wikipedia" for o in items)))
if errors:
    print(f"{len(errors)} ERRORS")
    for e in errors:
        print("  ", e)
    sys.exit(1)
print("OK")
