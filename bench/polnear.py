"""Score quotation finding and attribution against PolNeAR (political news, PARC-style attributions).

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates every attribution in 1,008 US election
news articles as brat standoff: Source, Cue and Content spans joined by an `Attribution` (or
`Attribution-no-source`) event; spans may be discontinuous (`start end;start end`) and an event may
carry a second content span (`Content2`). Offsets are code points into the article's .txt file,
title line included. The corpus has NO licence: it is read from a local path only (`--polnear`,
else $POLNEAR, else /work/polnear) and nothing of it is copied into this project or its outputs
beyond the short excerpts `--errors` prints to the terminal.

Each article's text is ingested as plain text (as `sourcecheck` would read it) and analysed with
`analyse_quotes`; predicted spans are mapped back to the file's offsets with `Document.offsets`.
Articles annotated by several annotators are scored against one of them (the first by file name).
All lengths and overlaps below are in characters; a predicted quote is its segments (the quoted
words, marks excluded).

- A predicted quote *lies in* a gold attribution when at least half of its characters are inside
  that attribution's Content spans.
- A prediction's speaker is *right* for a gold attribution when its span (`Speaker.span`, or the
  mention it was resolved from, `Speaker.resolved_from`) overlaps the gold Source span, or its name
  shares a token (casefolded, not a stopword or title) with the gold source's text. The gold data
  gives no coreference, so a pronoun source is right by span overlap only (its tokens are stopwords).

Metrics, per split:

1. Quoted attributions: gold attributions whose Content holds a pair of double quote marks
   (" “ ”) enclosing at least 2 words, each counted once. *Found*: some predicted quote lies in it;
   *with a speaker*: one of those has a speaker; *right*: one of those has the right speaker.
   Headline: right / total. Broken down by where the gold cue stands relative to the content
   (before it, after it, inside it, a punctuation cue such as a colon or a "—" credit line, no cue).
2. Quote precision: predicted quotes that lie in some gold attribution / predicted quotes; for all
   predicted quotes, all but scare quotes with no speaker, and those with a speaker.
3. All attributions (direct or not): the predictions are sourcecheck.reported's attributions with a
   source, each reduced to its content (for a direct quote on its own, the quote's segments, as
   metrics 1 and 2 read them; otherwise the content span, which for a mixed attribution holds its
   quotes) and its source (`Speaker`, read as above). A prediction matches a gold attribution when
   it lies in it (at least half its content's characters inside the gold Content, the rule of
   metric 1) and its source is right. Precision = matching predictions / predictions with a
   source; recall = matched gold attributions / gold attributions (those with a Content); also
   per kind (direct, indirect, mixed), and the source-right share: matching predictions /
   predictions that lie in some gold attribution (of those whose content was found, how many
   name the right source).

Usage: .venv/bin/python bench/polnear.py [--split dev|test|all] [--json] [--errors N] [--limit N]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_ROOT = "/work/polnear"
SPLITS = ("dev", "test")
MIN_QUOTED_WORDS = 2
QUOTE_PAIR = re.compile(r'["“]([^"“”]*)["”]')
SPAN_LINE = re.compile(r"^(T\d+)\t([\w-]+) (\d+ \d+(?:;\d+ \d+)*)\t")
TITLE_WORDS = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "prof", "president"}  # shared, they prove nothing
CUE_POSITIONS = ("before", "after", "inside", "punctuation", "none")

Spans = tuple[tuple[int, int], ...]


# ---------------------------------------------------------------- gold


@dataclass(frozen=True)
class Gold:
    id: str
    content: Spans
    source: Spans
    cue: Spans
    text: str  # the article's text, to read the spans

    def read(self, spans: Spans) -> str:
        return " … ".join(self.text[a:b] for a, b in spans)


def read_annotation(path: Path, text: str) -> list[Gold]:
    """The attributions of one .ann file, with at least one Content span each."""
    spans: dict[str, Spans] = {}
    events: list[tuple[str, dict[str, list[str]]]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        match = SPAN_LINE.match(line)
        if match:
            spans[match[1]] = tuple(tuple(map(int, piece.split())) for piece in match[3].split(";"))
        elif line.startswith("E"):
            eid, args = line.split("\t")[:2]
            roles: dict[str, list[str]] = {}
            for arg in args.split():
                role, tid = arg.split(":")
                roles.setdefault(role.rstrip("0123456789"), []).append(tid)
            events.append((eid, roles))
    gold = []
    for eid, roles in events:
        content, source, cue = (_joined(spans, roles.get(role, [])) for role in ("Content", "Source", "Cue"))
        if content:
            gold.append(Gold(eid, content, source, cue, text))
    return gold


def _joined(spans: dict[str, Spans], ids: list[str]) -> Spans:
    return tuple(sorted(piece for tid in ids for piece in spans.get(tid, ())))


def is_quoted(gold: Gold) -> bool:
    """The content holds a pair of double quote marks enclosing at least two words."""
    return any(len(m[1].split()) >= MIN_QUOTED_WORDS
               for a, b in gold.content for m in QUOTE_PAIR.finditer(gold.text[a:b]))


def cue_position(gold: Gold) -> str:
    if not gold.cue:
        return "none"
    if not any(c.isalnum() for c in gold.read(gold.cue)):
        return "punctuation"
    if gold.cue[-1][1] <= gold.content[0][0]:
        return "before"
    if gold.cue[0][0] >= gold.content[-1][1]:
        return "after"
    return "inside"


def articles(root: Path, split: str) -> list[tuple[Path, Path]]:
    """(text, annotation) per article of a split; one annotator's file where there are several."""
    folder = root / "data" / split
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    return [(folder / "text" / f"{name}.txt", ann) for name, ann in sorted(chosen.items())
            if (folder / "text" / f"{name}.txt").exists()]


# ---------------------------------------------------------------- predictions


@dataclass(frozen=True)
class Prediction:
    segments: Spans  # in the file's offsets
    kind: str
    text: str
    speaker: str | None
    speaker_spans: Spans  # the speaker's wording and the mention it was resolved from
    cue: str | None
    method: str


def predict(text_path: Path, nlp) -> tuple[str, list[Prediction], list[Prediction]]:
    """The file's text, sourcecheck's attributed quotes and its reported attributions (direct or
    not), spans mapped to the file's offsets."""
    from sourcecheck.ingest import ingest_bytes
    from sourcecheck.reported import analyse_reported

    data = text_path.read_bytes()
    text = data.decode("utf-8")
    doc = ingest_bytes(data, name=str(text_path), fmt="text")
    shift = _shift(text, doc.original_text, text_path)
    attributions, reported = analyse_reported(doc, nlp)
    preds = []
    for a in attributions:
        segments = tuple(_to_file(doc, s, shift) for s in a.quote.segments)
        _check_mapping(doc, text, a.quote.segments, segments, text_path)
        speaker_spans: Spans = ()
        if a.speaker:
            speaker_spans = tuple(_to_file(doc, s, shift) for s in (a.speaker.span, a.speaker.resolved_from) if s)
        preds.append(Prediction(segments, a.quote.kind, a.quote.text, a.speaker.name if a.speaker else None,
                                speaker_spans, a.cue.text if a.cue else None, a.method))
    return text, preds, [_reported_prediction(doc, r, shift) for r in reported]


def _reported_prediction(doc, r, shift: int) -> Prediction:
    """A reported attribution as a prediction: its content (a direct quote's quoted words) and source."""
    segments = tuple(_to_file(doc, s, shift) for s in r.quotes[0].segments) if r.kind == "direct" and \
        len(r.quotes) == 1 else (_to_file(doc, r.content, shift),)
    source = r.source
    speaker_spans = tuple(_to_file(doc, s, shift) for s in (source.span, source.resolved_from) if s) if source else ()
    cue = doc.text[r.cue.start : r.cue.end] if r.cue else None
    return Prediction(segments, r.kind, doc.text[r.content.start : r.content.end],
                      source.name if source else None, speaker_spans, cue, "reported")


def _shift(text: str, original: str, path: Path) -> int:
    """Characters the decoder dropped from the file's start (a byte-order mark)."""
    if text.endswith(original):
        return len(text) - len(original)
    raise SystemExit(f"{path}: sourcecheck's original text is not the file's text; offsets cannot be mapped")


def _to_file(doc, span, shift: int) -> tuple[int, int]:
    mapped = doc.original_span(span)
    return mapped.start + shift, mapped.end + shift


def _check_mapping(doc, text: str, canonical, mapped: Spans, path: Path) -> None:
    for span, (a, b) in zip(canonical, mapped, strict=True):
        if " ".join(doc.text[span.start : span.end].split()) != " ".join(text[a:b].split()):
            raise SystemExit(f"{path}: offset map disagrees at {a}..{b}: {text[a:b]!r}")


# ---------------------------------------------------------------- matching


def overlap(spans: Spans, others: Spans) -> int:
    return sum(max(0, min(b, d) - max(a, c)) for a, b in spans for c, d in others)


def length(spans: Spans) -> int:
    return sum(b - a for a, b in spans)


def lies_in(pred: Prediction, gold: Gold) -> bool:
    return length(pred.segments) > 0 and 2 * overlap(pred.segments, gold.content) >= length(pred.segments)


def speaker_right(pred: Prediction, gold: Gold) -> bool:
    if pred.speaker is None or not gold.source:
        return False
    if overlap(pred.speaker_spans, gold.source):
        return True
    return bool(name_tokens(pred.speaker) & name_tokens(gold.read(gold.source)))


def name_tokens(text: str) -> set[str]:
    words = (re.sub(r"['’]s$", "", w) for w in re.findall(r"[\w'’.-]+", text.casefold()))
    return {w.strip(".'’-") for w in words} - _stopwords() - {""}


@functools.cache
def _stopwords() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | TITLE_WORDS


# ---------------------------------------------------------------- scoring


@dataclass
class Miss:
    article: str
    cause: str  # quote not found, no speaker, wrong speaker
    gold: Gold
    preds: list[Prediction]


@dataclass
class Tally:
    counts: Counter = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)
    wrong_source: list[tuple[str, Prediction, Gold]] = field(default_factory=list)  # metric 3

    def add(self, other: Tally) -> None:
        self.counts.update(other.counts)
        self.misses += other.misses
        self.wrong_source += other.wrong_source


def score_article(name: str, golds: list[Gold], preds: list[Prediction], reported: list[Prediction]) -> Tally:
    tally = Tally()
    c = tally.counts
    c["articles"] += 1
    for gold in golds:
        inside = [p for p in preds if lies_in(p, gold)]
        right = any(speaker_right(p, gold) for p in inside)
        c["gold"] += 1
        c["gold_no_source"] += not gold.source
        c["gold_matched"] += any(lies_in(p, gold) and speaker_right(p, gold) for p in reported)
        if is_quoted(gold):
            _score_quoted(tally, name, gold, inside, right)
    for pred in reported:
        if pred.speaker is not None:
            c["reported"] += 1
            c[f"reported_{pred.kind}"] += 1
            in_gold = [g for g in golds if lies_in(pred, g)]
            c["reported_in_gold"] += bool(in_gold)
            matched = any(speaker_right(pred, g) for g in in_gold)
            c["reported_matched"] += matched
            c[f"reported_matched_{pred.kind}"] += matched
            if in_gold and not matched:
                tally.wrong_source.append((name, pred, in_gold[0]))
    for pred in preds:
        in_gold = any(lies_in(pred, g) for g in golds)
        scare = pred.kind == "scare" and pred.speaker is None
        c["pred"] += 1
        c["pred_in_gold"] += in_gold
        c["pred_not_scare"] += not scare
        c["pred_not_scare_in_gold"] += in_gold and not scare
        if pred.speaker is not None:
            c["quote_speaker"] += 1
            c["pred_speaker_in_gold"] += in_gold
    return tally


def _score_quoted(tally: Tally, name: str, gold: Gold, inside: list[Prediction], right: bool) -> None:
    c = tally.counts
    position = cue_position(gold)
    spoken = any(p.speaker for p in inside)
    c["quoted"] += 1
    c["quoted_no_source"] += not gold.source
    c["quoted_found"] += bool(inside)
    c["quoted_speaker"] += spoken
    c["quoted_right"] += right
    c[f"quoted_{position}"] += 1
    c[f"quoted_{position}_right"] += right
    if not right:
        cause = "wrong speaker" if spoken else "no speaker" if inside else "quote not found"
        tally.misses.append(Miss(name, cause, gold, inside))


def score_split(root: Path, split: str, nlp, limit: int | None = None) -> Tally:
    total = Tally()
    for text_path, ann_path in articles(root, split)[:limit]:
        text, preds, reported = predict(text_path, nlp)
        total.add(score_article(text_path.stem, read_annotation(ann_path, text), preds, reported))
    return total


# ---------------------------------------------------------------- report


def ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def f1(c: Counter) -> float:
    """Of precision matching predictions / predictions with a speaker, recall matched gold / gold."""
    p = c["reported_matched"] / c["reported"] if c["reported"] else 0.0
    r = c["gold_matched"] / c["gold"] if c["gold"] else 0.0
    return round(2 * p * r / (p + r), 4) if p and r else 0.0


def summary(c: Counter) -> dict:
    return {
        "articles": c["articles"],
        "quoted": {
            "total": c["quoted"], "without_source": c["quoted_no_source"], "found": c["quoted_found"],
            "with_speaker": c["quoted_speaker"],
            "right_speaker": c["quoted_right"],
            "found_rate": ratio(c["quoted_found"], c["quoted"]),
            "right_rate": ratio(c["quoted_right"], c["quoted"]),
            "right_given_speaker": ratio(c["quoted_right"], c["quoted_speaker"]),
            "by_cue_position": {pos: {"total": c[f"quoted_{pos}"], "right": c[f"quoted_{pos}_right"],
                                      "right_rate": ratio(c[f"quoted_{pos}_right"], c[f"quoted_{pos}"])}
                                for pos in CUE_POSITIONS},
        },
        "quote_precision": {
            "all": {"predicted": c["pred"], "in_gold": c["pred_in_gold"],
                    "precision": ratio(c["pred_in_gold"], c["pred"])},
            "not_unattributed_scare": {"predicted": c["pred_not_scare"], "in_gold": c["pred_not_scare_in_gold"],
                                       "precision": ratio(c["pred_not_scare_in_gold"], c["pred_not_scare"])},
            "with_speaker": {"predicted": c["quote_speaker"], "in_gold": c["pred_speaker_in_gold"],
                             "precision": ratio(c["pred_speaker_in_gold"], c["quote_speaker"])},
        },
        "all_attributions": {
            "gold": c["gold"], "gold_without_source": c["gold_no_source"], "gold_matched": c["gold_matched"],
            "predicted_with_source": c["reported"], "predicted_in_gold": c["reported_in_gold"],
            "predicted_matched": c["reported_matched"],
            "by_kind": {kind: {"predicted": c[f"reported_{kind}"], "matched": c[f"reported_matched_{kind}"]}
                        for kind in ("direct", "indirect", "mixed")},
            "precision": ratio(c["reported_matched"], c["reported"]), "recall": ratio(c["gold_matched"], c["gold"]),
            "source_right_of_in_gold": ratio(c["reported_matched"], c["reported_in_gold"]),
            "f1": f1(c),
        },
    }


def markdown(results: dict[str, dict]) -> str:
    names = list(results)

    def row(label: str, cell) -> str:
        return f"| {label} | " + " | ".join(cell(results[n]) for n in names) + " |"

    def frac(a: int, b: int) -> str:
        return f"{a}/{b} = {a / b:.3f}" if b else f"{a}/0"

    lines = ["| metric | " + " | ".join(names) + " |", "|---|" + "---|" * len(names),
             row("articles", lambda s: str(s["articles"]))]
    q = "quoted"
    lines += [
        row("1. quoted attributions with no gold source", lambda s: frac(s[q]["without_source"], s[q]["total"])),
        row("1. quoted attributions found", lambda s: frac(s[q]["found"], s[q]["total"])),
        row("1. … found with a speaker", lambda s: frac(s[q]["with_speaker"], s[q]["total"])),
        row("**1. right speaker / total**", lambda s: "**" + frac(s[q]["right_speaker"], s[q]["total"]) + "**"),
        row("1. right speaker / found with a speaker", lambda s: frac(s[q]["right_speaker"], s[q]["with_speaker"])),
    ]
    for pos in CUE_POSITIONS:
        lines.append(row(f"1. right speaker, cue {pos}", lambda s, p=pos: frac(
            s[q]["by_cue_position"][p]["right"], s[q]["by_cue_position"][p]["total"])))
    for key, label in (("all", "all"), ("not_unattributed_scare", "not unattributed scare"),
                       ("with_speaker", "with a speaker")):
        lines.append(row(f"2. quote precision, {label}", lambda s, k=key: frac(
            s["quote_precision"][k]["in_gold"], s["quote_precision"][k]["predicted"])))
    a = "all_attributions"
    lines += [
        row("3. all attributions precision", lambda s: frac(s[a]["predicted_matched"], s[a]["predicted_with_source"])),
        row("3. all attributions recall", lambda s: frac(s[a]["gold_matched"], s[a]["gold"])),
        row("**3. all attributions F1**", lambda s: f"**{s[a]['f1']:.3f}**"),
        row("3. source right / predictions in a gold content",
            lambda s: frac(s[a]["predicted_matched"], s[a]["predicted_in_gold"])),
    ]
    for kind in ("direct", "indirect", "mixed"):
        lines.append(row(f"3. precision, {kind}", lambda s, k=kind: frac(
            s[a]["by_kind"][k]["matched"], s[a]["by_kind"][k]["predicted"])))
    return "\n".join(lines)


def show_misses(misses: list[Miss], n: int) -> str:
    """n misses sampled with a fixed seed, grouped by cause."""
    picked = random.Random(0).sample(misses, min(n, len(misses)))
    out = []
    for cause in ("quote not found", "no speaker", "wrong speaker"):
        group = [m for m in picked if m.cause == cause]
        if group:
            out.append(f"\n## {cause} ({len(group)})")
        for m in group:
            out.append(_describe_miss(m))
    return "\n".join(out)


def _describe_miss(m: Miss) -> str:
    g = m.gold
    content = " ".join(g.read(g.content).split())
    excerpt = content if len(content) <= 160 else content[:100] + " … " + content[-50:]
    lines = [f"- {m.article} {g.id} [cue {cue_position(g)}]: {excerpt!r}",
             f"    gold source {g.read(g.source)!r}, cue {g.read(g.cue)!r}"]
    for p in m.preds:
        lines.append(f"    predicted {p.kind} quote, speaker {p.speaker!r}, cue {p.cue!r}, method {p.method}")
    return "\n".join(lines)


def polnear_root(given: str | None) -> Path:
    root = Path(given or os.environ.get("POLNEAR") or DEFAULT_ROOT)
    if not (root / "data" / "dev" / "attributions").is_dir():
        raise SystemExit(f"{root}: no PolNeAR data/ here (extract it: git --git-dir=REPO archive HEAD data | tar -x)")
    return root


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", help=f"PolNeAR checkout (default $POLNEAR, else {DEFAULT_ROOT})")
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print N misses of metric 1")
    parser.add_argument("--limit", type=int, help="only the first N articles of each split")
    args = parser.parse_args(argv)
    root = polnear_root(args.polnear)

    from sourcecheck.attribution import load_nlp

    nlp = load_nlp()
    results, misses, started = {}, {}, time.perf_counter()
    for split in SPLITS if args.split == "all" else (args.split,):
        tally = score_split(root, split, nlp, args.limit)
        results[split], misses[split] = summary(tally.counts), tally.misses
    print(json.dumps(results, indent=2) if args.json else markdown(results))
    print(f"\n{time.perf_counter() - started:.0f} s", file=sys.stderr)
    for split, found in misses.items() if args.errors else ():
        out = sys.stderr if args.json else sys.stdout  # keep --json output parseable
        print(f"\n# misses on {split} ({len(found)} in all; {min(args.errors, len(found))} sampled)", file=out)
        print(show_misses(found, args.errors), file=out)


if __name__ == "__main__":
    main()
