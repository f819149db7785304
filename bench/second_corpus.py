"""Score sourcecheck.timex on WikiWars, a corpus it was not developed on (issue 17: "report a second
corpus you did not develop on ... to show that it generalises").

Data (read from a local path only; nothing of it is copied into this project):

- WikiWars v1.0.4 (Mazur & Dale, "WikiWars: A New Corpus for Research on Temporal Expressions",
  EMNLP 2010): 22 English Wikipedia articles on the course of wars, 2,681 TIMEX2 annotations
  (TIMEX2 guidelines of September 2005) made by the DANTE tagger and corrected by two annotators.
  Licence: CC BY-SA 3.0 (the corpus readme, section 2). The copy read here is the one kept in the
  public repository xszhong/syntime (the SynTime tagger, ACL 2017), folder
  syntime/resources/wikiwars/WikiWars_20120218_v104/keyinline (commit
  1aef302b7d0682f2cd5f834b79ce267edfeb3cfa), its readme.txt the corpus's own (v1.0.4, 2012-02-18).

Reading a keyinline .key.xml file (ACE-style SGML that parses as XML): the creation time is the
TIMEX2 inside DATETIME (the date the article was downloaded, 2009-12-19; its date part); the text
is the TEXT element's inner text with the tags removed; each TIMEX2 inside TEXT is a span of
character offsets into that text.

Mapping TIMEX2 to what bench/tempeval.py scores (TIMEX3):
- VAL -> value, compared as strings like TIMEX3 values (upper-cased, trimmed). TIMEX2 and TIMEX3
  share the ISO 8601-based value grammar for dates, times, durations, seasons and the _REF words;
  a TIMEX2 without VAL (non-specific "a period of success") has value "" and no system value
  equals it. Sets are written differently (TIMEX2 SET="YES" with VAL "XXXX-WXX", TIMEX3 "P1W"
  with type SET), so a set's value is scored as the TIMEX2 annotators wrote it.
- TIMEX2 has no type attribute: only extent (strict, relaxed) and value are scored here.
- TIMEX2 nests ("the last week of <TIMEX2>October</TIMEX2>"); TIMEX3 does not. Only the outermost
  TIMEX2 of a nest is gold; the inner ones are counted and reported, not scored.

The measures are those of bench/tempeval.py (TempEval-3, UzZaman et al. 2013, section 4.1).

Usage:
    PYTHONPATH=src python bench/second_corpus.py /tmp/wikiwars/.../WikiWars_20120218_v104/keyinline
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tempeval import Span, Tally, TmlDocument, measures, score_document, system_spans  # noqa: E402


@dataclass
class Timex2Document:
    document: TmlDocument
    nested: int  # TIMEX2s inside another TIMEX2, left out of the gold
    without_value: int  # outermost TIMEX2s with no VAL


def _attribute(element: ET.Element, name: str) -> str:
    """TIMEX2 attributes are written in either case (val=, VAL=)."""
    for key, value in element.attrib.items():
        if key.lower() == name:
            return value
    return ""


def read_timex2(path: Path) -> Timex2Document:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise ValueError(f"{path}: not well-formed ({exc})") from None
    stamp = root.find("DATETIME/TIMEX2")
    dct = _attribute(stamp, "val")[:10] if stamp is not None else ""
    text_element = root.find("TEXT")
    if text_element is None or len(dct) != 10:
        raise ValueError(f"{path}: no TEXT element or no DATETIME/TIMEX2 with a date")
    pieces: list[str] = []
    gold: list[Span] = []
    nested = 0

    def walk(element: ET.Element, depth: int) -> None:
        nonlocal nested
        start = sum(map(len, pieces))
        if element.text:
            pieces.append(element.text)
        inside = depth + (element.tag == "TIMEX2")
        for child in element:
            walk(child, inside)
            if child.tail:
                pieces.append(child.tail)
        if element.tag == "TIMEX2":
            if depth:
                nested += 1
                return
            end = sum(map(len, pieces))
            gold.append(Span(start, end, "", _attribute(element, "val"), "".join(pieces)[start:end]))

    walk(text_element, 0)
    document = TmlDocument(path.name, "".join(pieces), dct, sorted(gold, key=lambda s: s.start))
    return Timex2Document(document, nested, sum(1 for g in gold if not g.value))


def timex2_files(paths: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.key.xml")) if path.is_dir() else [path])
    return files


def evaluate(paths: Sequence[Path]) -> tuple[Tally, dict[str, float | int]]:
    tally = Tally()
    nested = without_value = 0
    files = timex2_files(paths)
    started = time.perf_counter()
    for path in files:
        read = read_timex2(path)
        nested += read.nested
        without_value += read.without_value
        score_document(tally, system_spans(read.document), read.document.gold, path.name)
    seconds = time.perf_counter() - started
    return tally, {"documents": len(files), "nested_left_out": nested, "gold_without_value": without_value,
                   "seconds": round(seconds, 1)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path, help="WikiWars keyinline folder or .key.xml files")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"error: {missing[0]} does not exist", file=sys.stderr)
        return 2
    try:
        tally, counts = evaluate(args.paths)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not counts["documents"]:
        print("error: no .key.xml files found", file=sys.stderr)
        return 2
    m = measures(tally)
    result = {k: v for k, v in m.items() if not k.startswith("type_")} | counts
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"{counts['documents']} documents, {tally.gold} gold (outermost TIMEX2; {counts['nested_left_out']} nested"
            f" left out, {counts['gold_without_value']} without VAL), {tally.system} system, {counts['seconds']} s\n"
            f"strict   P {m['strict_p']:.4f} R {m['strict_r']:.4f} F1 {m['strict_f1']:.4f}\n"
            f"relaxed  P {m['relaxed_p']:.4f} R {m['relaxed_r']:.4f} F1 {m['relaxed_f1']:.4f}\n"
            f"value    F1 {m['value_f1']:.4f} (accuracy {m['value_accuracy']:.4f})\n"
            "type     not scored (TIMEX2 has no type)"
        )
    for line in tally.errors[: args.errors]:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
