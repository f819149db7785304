#!/usr/bin/env python3
"""Validate items.jsonl of the claims-to-sources gold set (issue 18).

Usage: python3 validate.py [--items items.jsonl] [--speeches DIR]
Checks: JSON and field types; unique ids; passage offsets against the speech files
(text[start:start+len(passage)] == passage, text read with Python open().read());
each pair = one faithful + one changed claim on the same passage; changed fields;
split by speech; minimum counts. Prints counts per split and per changed kind.
Exit status 1 on any error.
"""
import argparse, collections, json, os, sys

KINDS = {"number", "quantity", "date", "name"}
KEYS = ["id", "pair", "claim", "faithful", "changed_kind", "changed_from", "changed_to",
        "speech", "passage", "passage_start", "split"]

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", default=os.path.join(here, "items.jsonl"))
    ap.add_argument("--speeches", default=os.environ.get(
        "SPEECHES_DIR", "/work/shared/datasets/presidential-speeches"))
    a = ap.parse_args()
    errs = []
    def err(msg): errs.append(msg)
    items = []
    with open(a.items, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                err(f"line {n}: blank line"); continue
            try:
                o = json.loads(line)
            except json.JSONDecodeError as e:
                err(f"line {n}: bad JSON: {e}"); continue
            if sorted(o) != sorted(KEYS):
                err(f"line {n}: keys {sorted(o)} != {sorted(KEYS)}")
            items.append(o)
    ids = [o.get("id") for o in items]
    if len(set(ids)) != len(ids):
        err("duplicate ids")
    texts = {}
    for o in items:
        i = o.get("id")
        for k, t in (("id", str), ("pair", int), ("claim", str), ("faithful", bool),
                     ("speech", str), ("passage", str), ("passage_start", int), ("split", str)):
            if not isinstance(o.get(k), t):
                err(f"{i}: {k} is not {t.__name__}")
        if o.get("split") not in ("dev", "test", "test2"):
            err(f"{i}: split {o.get('split')!r}")
        sp = o.get("speech")
        if sp not in texts:
            p = os.path.join(a.speeches, sp or "")
            if not os.path.isfile(p):
                err(f"{i}: speech file missing: {sp}"); texts[sp] = None; continue
            with open(p) as fh:
                texts[sp] = fh.read()
        t = texts[sp]
        if t is None: continue
        ps, st = o.get("passage", ""), o.get("passage_start", -1)
        if not ps or t[st:st + len(ps)] != ps:
            err(f"{i}: passage not found at offset {st} in {sp}")
        if "\n" in ps:
            err(f"{i}: passage crosses a line/paragraph break")
        if o.get("faithful"):
            if any(o.get(k) is not None for k in ("changed_kind", "changed_from", "changed_to")):
                err(f"{i}: faithful item has changed_* fields set")
        else:
            if o.get("changed_kind") not in KINDS:
                err(f"{i}: changed_kind {o.get('changed_kind')!r}")
            cf, ct = o.get("changed_from"), o.get("changed_to")
            if not cf or cf not in ps:
                err(f"{i}: changed_from {cf!r} not in passage")
            if not ct or ct not in o.get("claim", ""):
                err(f"{i}: changed_to {ct!r} not in claim")
    pairs = collections.defaultdict(list)
    for o in items:
        pairs[o.get("pair")].append(o)
    for p, g in sorted(pairs.items(), key=lambda kv: str(kv[0])):
        if len(g) != 2 or sorted(bool(o.get("faithful")) for o in g) != [False, True]:
            err(f"pair {p}: needs exactly one faithful and one changed item"); continue
        f, c = sorted(g, key=lambda o: not o["faithful"])
        for k in ("speech", "passage", "passage_start", "split"):
            if f.get(k) != c.get(k):
                err(f"pair {p}: {k} differs between faithful and changed item")
        if f.get("claim") == c.get("claim"):
            err(f"pair {p}: changed claim equals faithful claim")
    split_of = collections.defaultdict(set)
    for o in items:
        split_of[o.get("speech")].add(o.get("split"))
    for sp, s in split_of.items():
        if len(s) > 1:
            err(f"speech {sp} is in both splits")
    # counts
    npairs = len(pairs)
    bysplit = collections.Counter(g[0].get("split") for g in pairs.values())
    kinds = collections.Counter(o.get("changed_kind") for o in items if not o.get("faithful"))
    kinds_split = collections.Counter((o.get("split"), o.get("changed_kind")) for o in items if not o.get("faithful"))
    pres = set()
    for sp, t in texts.items():
        if t: pres.add(t.split("\n", 1)[0])
    print(f"claims: {len(items)}  pairs: {npairs}  speeches: {len(texts)}  presidents: {len(pres)}")
    print("pairs per split:", dict(bysplit))
    print("changed kinds:", dict(kinds))
    for s in ("dev", "test", "test2"):
        print(f"  {s}:", {k: kinds_split[(s, k)] for k in sorted(KINDS)})
    if len(items) < 240: err(f"only {len(items)} claims (< 240)")
    if npairs < 120: err(f"only {npairs} pairs (< 120)")
    if len(texts) < 80: err(f"only {len(texts)} speeches (< 80)")
    for e in errs: print("ERROR:", e)
    print("OK" if not errs else f"{len(errs)} error(s)")
    return 1 if errs else 0

if __name__ == "__main__":
    sys.exit(main())
