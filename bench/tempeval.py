"""Score sourcecheck.timex against TimeML corpora with the TempEval-3 temporal-expression measures.

Data (read from local paths only; nothing of it is copied into this project):

- Development: the TempEval-3 training data "TBAQ-cleaned" (TimeBank 1.2 + AQUAINT, cleaned by the
  TempEval-3 organisers), 256 documents, from the public repository qiangning/StructTempRel-EMNLP17
  (data/TempEval3/Training/TBAQ-cleaned). TimeBank 1.2 is distributed by the LDC (LDC2006T08) and
  AQUAINT TimeML by its annotators; TempEval-3 released the cleaned copies for research use. Their
  licences do not allow redistribution here, so they are read from a local copy (e.g. under /tmp).
- Test: TempEval-3 Platinum (20 news documents, CC BY 3.0 per the task), read from
  ../shared/datasets/te3-platinum (`--platinum`). Scored once, at the end of development.

Reading a .tml file: the document creation time (DCT) is the TIMEX3 with
functionInDocument="CREATION_TIME" (its value's date part); the text is the TEXT element's inner
text with every tag removed (EVENT, SIGNAL, TIMEX3 ...), and each gold TIMEX3 inside TEXT is a
span of character offsets into that text. The DCT TIMEX3 itself sits outside TEXT (metadata) and is
not scored, as in the task.

Measures, following UzZaman et al., "SemEval-2013 Task 1: TempEval-3", SemEval 2013, section 4.1
(this is our own implementation; the official toolkit was not used or copied):

- Extent. A system expression *strictly* matches a gold one when both spans are identical, and
  *relaxed*-matches it when they share at least one character. Matching is one-to-one: pairs are
  taken by decreasing overlap, each expression used at most once (the toolkit matches by tokens;
  characters give the same pairs on whitespace-tokenised text).
  Precision = matched system expressions / system expressions, recall = matched gold / gold,
  F1 their harmonic mean; once for strict and once for relaxed matches.
- Attributes. Over the relaxed matches only, as in the paper ("When there is a relaxed match, we
  compare the attribute values"; "Value F1 = Timex F1 * Value Accuracy"): attribute accuracy =
  relaxed matches whose attribute equals the gold one / relaxed matches, and attribute F1 = relaxed
  F1 x attribute accuracy (the same number as an F1 whose precision and recall count only the
  matches whose attribute is right). Reported for value (compared as strings, upper-cased, whitespace
  trimmed) and type.

TBAQ-cleaned also holds testpipeline/AP900815-0044.tml, a copy of a TimeBank document with another
creation time; the development runs score the TimeBank and AQUAINT folders only.

Usage:
    PYTHONPATH=src python bench/tempeval.py /tmp/te3/.../TBAQ-cleaned [--errors 40]
    PYTHONPATH=src python bench/tempeval.py --platinum
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shared_data import SHARED  # noqa: E402

PLATINUM = SHARED / "datasets" / "te3-platinum"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass
class TmlDocument:
    name: str
    text: str
    dct: str
    gold: list[Span]


def read_tml(path: Path) -> TmlDocument:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise ValueError(f"{path}: not well-formed TimeML ({exc})") from None
    dct = ""
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = (timex.get("value") or "")[:10]
            break
    text_element = root.find("TEXT")
    if text_element is None or not dct:
        raise ValueError(f"{path}: no TEXT element or no creation time (functionInDocument=CREATION_TIME)")
    pieces: list[str] = []
    gold: list[Span] = []

    def walk(element: ET.Element) -> None:
        start = sum(map(len, pieces))
        if element.text:
            pieces.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
        if element.tag == "TIMEX3" and element.get("functionInDocument") != "CREATION_TIME":
            end = sum(map(len, pieces))
            gold.append(Span(start, end, element.get("type", ""), element.get("value", ""), "".join(pieces)[start:end]))

    walk(text_element)  # TEXT is no TIMEX3: its text and children's tails, each TIMEX3 with its span
    return TmlDocument(path.name, "".join(pieces), dct, sorted(gold, key=lambda s: s.start))


def tml_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.rglob("*.tml")) if path.is_dir() else [path])
    return files


@dataclass
class Tally:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value_right: int = 0
    type_right: int = 0
    errors: list[str] = field(default_factory=list)


def match_one_to_one(system: Sequence[Span], gold: Sequence[Span]) -> list[tuple[Span, Span]]:
    """Relaxed matches, one-to-one, largest overlap first."""
    candidates = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            overlap = min(s.end, g.end) - max(s.start, g.start)
            if overlap > 0:
                candidates.append((-overlap, i, j))
    used_s: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates):
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            pairs.append((system[i], gold[j]))
    return pairs


def same_value(a: str, b: str) -> bool:
    return a.strip().upper() == b.strip().upper()


def score_document(tally: Tally, system: Sequence[Span], gold: Sequence[Span], name: str) -> None:
    tally.gold += len(gold)
    tally.system += len(system)
    pairs = match_one_to_one(system, gold)
    matched_s = {id(s) for s, _ in pairs}
    matched_g = {id(g) for _, g in pairs}
    for s, g in pairs:
        tally.relaxed += 1
        strict = (s.start, s.end) == (g.start, g.end)
        tally.strict += strict
        value_ok = same_value(s.value, g.value)
        tally.value_right += value_ok
        tally.type_right += s.type == g.type
        if not (strict and value_ok and s.type == g.type):
            tally.errors.append(f"{name}\tMATCH\t{g.text!r} {g.type} {g.value}\t->\t{s.text!r} {s.type} {s.value}")
    for g in gold:
        if id(g) not in matched_g:
            tally.errors.append(f"{name}\tMISSED\t{g.text!r} {g.type} {g.value}")
    for s in system:
        if id(s) not in matched_s:
            tally.errors.append(f"{name}\tSPURIOUS\t{s.text!r} {s.type} {s.value}")


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def measures(t: Tally) -> dict[str, float | int]:
    def prf(hits: int) -> tuple[float, float, float]:
        p = hits / t.system if t.system else 0.0
        r = hits / t.gold if t.gold else 0.0
        return p, r, f1(p, r)

    sp, sr, sf = prf(t.strict)
    rp, rr, rf = prf(t.relaxed)
    value_acc = t.value_right / t.relaxed if t.relaxed else 0.0
    type_acc = t.type_right / t.relaxed if t.relaxed else 0.0
    return {
        "gold": t.gold,
        "system": t.system,
        "strict_p": sp,
        "strict_r": sr,
        "strict_f1": sf,
        "relaxed_p": rp,
        "relaxed_r": rr,
        "relaxed_f1": rf,
        "value_accuracy": value_acc,
        "value_f1": rf * value_acc,
        "type_accuracy": type_acc,
        "type_f1": rf * type_acc,
    }


def system_spans(document: TmlDocument) -> list[Span]:
    from sourcecheck.timex import find_timexes

    return [
        Span(t.start, t.end, t.type, t.value, t.text)
        for t in find_timexes(document.text, document.dct)
    ]


def evaluate(paths: Sequence[Path]) -> tuple[Tally, float, int]:
    tally = Tally()
    files = tml_files(paths)
    started = time.perf_counter()
    for path in files:
        document = read_tml(path)
        score_document(tally, system_spans(document), document.gold, path.name)
    return tally, time.perf_counter() - started, len(files)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help=".tml files or folders of them")
    parser.add_argument("--platinum", action="store_true", help=f"score {PLATINUM}")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors (never with --platinum)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    paths = list(args.paths) + ([PLATINUM] if args.platinum else [])
    if not paths:
        print("error: give .tml files or folders, or --platinum", file=sys.stderr)
        return 2
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"error: {missing[0]} does not exist", file=sys.stderr)
        return 2
    try:
        tally, seconds, n_files = evaluate(paths)
    except (ET.ParseError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    result = measures(tally) | {"documents": n_files, "seconds": round(seconds, 1)}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"{n_files} documents, {tally.gold} gold, {tally.system} system, {seconds:.1f} s\n"
            f"strict   P {result['strict_p']:.4f} R {result['strict_r']:.4f} F1 {result['strict_f1']:.4f}\n"
            f"relaxed  P {result['relaxed_p']:.4f} R {result['relaxed_r']:.4f} F1 {result['relaxed_f1']:.4f}\n"
            f"value    F1 {result['value_f1']:.4f} (accuracy {result['value_accuracy']:.4f})\n"
            f"type     F1 {result['type_f1']:.4f} (accuracy {result['type_accuracy']:.4f})"
        )
    if args.errors and not args.platinum:
        for line in tally.errors[: args.errors]:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
