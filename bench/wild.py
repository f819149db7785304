"""Verdicts on the wild gold set (tests/gold/wild): real texts written by others, checked against
the presidential speeches library as `sourcecheck check` would check them.

Each gold quote carries the verdict its annotator found against the speeches (verbatim, marked
edits, altered, not found). A gold quote is matched to a predicted one as in bench/gold.py; an
unmatched gold quote counts as a miss, not as a verdict. Reported per split: verdict accuracy over
matched quotes, and the errors a user would be misled by: `altered` for a quote the library does
not hold (a false accusation of misquoting), `verbatim` for a quote that is not word for word.

A transcript taken from the library itself (its provenance names a file of the speeches) is checked
against the library without that file, as its annotator did.

    python bench/wild.py [wild/dev wild/test] [--errors]
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from shared_data import SPEECHES  # noqa: E402

import gold  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SPLITS = ("wild/dev", "wild/test")
VERDICTS = ("verbatim", "marked_edits", "altered", "not_found")


@dataclass
class VerdictScore:
    matched: int = 0
    right: int = 0
    false_altered: int = 0  # altered, where the annotator found the quote in no speech
    false_verbatim: int = 0  # verbatim, where it is not word for word
    confusion: Counter = field(default_factory=Counter)  # (gold, predicted)
    errors: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.matched if self.matched else 0.0


def own_speech(article: Path) -> str | None:
    """The speeches file a transcript was taken from, if it was."""
    source = json.loads(gold.gold_path(article).read_text(encoding="utf-8")).get("provenance", {}).get("source", "")
    found = re.search(r"presidential-speeches/([\w.-]+\.txt)", source)
    return found.group(1) if found else None


class SpeechLibraries:
    """The speeches, minus every transcript's own file, plus one small library per transcript
    holding the other transcripts' files: each article is checked against all speeches but its own."""

    def __init__(self, folder: Path, splits=SPLITS) -> None:
        from sourcecheck.ingest import ingest_path
        from sourcecheck.library import SqliteLibrary

        self._own = {a: own_speech(a) for split in splits for a in gold.articles(split)}
        held = {name for name in self._own.values() if name}
        self.main = SqliteLibrary(folder / "speeches.db")
        self.main.add_many((ingest_path(p), None) for p in sorted(SPEECHES.glob("*.txt")) if p.name not in held)
        self.extra: dict[str | None, SqliteLibrary] = {}
        for own in [None, *sorted(held)]:
            library = SqliteLibrary(folder / f"held-{own or 'none'}.db")
            for name in sorted(held - {own}):
                library.add(ingest_path(SPEECHES / name))
            self.extra[own] = library

    def for_article(self, article: Path) -> list:
        return [self.main, self.extra[self._own.get(article)]]

    def close(self) -> None:
        self.main.close()
        for library in self.extra.values():
            library.close()


def score_split(split: str, libraries: SpeechLibraries, nlp=None) -> VerdictScore:
    from sourcecheck.check import check_article
    from sourcecheck.ingest import ingest_path

    score = VerdictScore()
    for article in gold.articles(split):
        quotes = gold.gold_quotes(article)
        result = check_article(ingest_path(article), libraries.for_article(article), nlp, reported=False)
        predicted = [(v.attribution.quote.text, v) for v in result.verifications]
        for g, best in zip(quotes, gold.match_quotes([q["text"] for q in quotes], [p[0] for p in predicted]),
                           strict=True):
            if best is None or g.get("verdict") not in VERDICTS:
                continue
            _tally(score, article, g, predicted[best][1])
    return score


def _tally(score: VerdictScore, article: Path, g: dict, v) -> None:
    score.matched += 1
    score.confusion[(g["verdict"], v.verdict)] += 1
    score.right += v.verdict == g["verdict"]
    score.false_altered += v.verdict == "altered" and g["verdict"] == "not_found"
    score.false_verbatim += v.verdict == "verbatim" and g["verdict"] != "verbatim"
    if v.verdict != g["verdict"]:
        where = f" ({v.ref.source.title})" if v.ref else ""
        score.errors.append(f"{article.name}: {g['text'][:60]!r} {v.verdict}{where}, gold {g['verdict']}")


def table(scores: dict[str, VerdictScore]) -> list[str]:
    lines = ["| split | quotes matched | verdict right | false altered | false verbatim | gold altered found altered |",
             "| --- | --- | --- | --- | --- | --- |"]
    for split, s in scores.items():
        altered = sum(n for (g, _), n in s.confusion.items() if g == "altered")
        lines.append(f"| {split} | {s.matched} | {s.right}/{s.matched} = {s.accuracy:.3f} | {s.false_altered} "
                     f"| {s.false_verbatim} | {s.confusion[('altered', 'altered')]}/{altered} |")
    return lines


def main(argv: list[str]) -> None:
    splits = [a for a in argv if not a.startswith("--")] or list(SPLITS)
    with tempfile.TemporaryDirectory() as folder:
        libraries = SpeechLibraries(Path(folder), splits)
        try:
            scores = {split: score_split(split, libraries) for split in splits}
        finally:
            libraries.close()
    if "--errors" in argv:
        for score in scores.values():
            print("\n".join(score.errors))
    print("\n".join(table(scores)))


if __name__ == "__main__":
    main(sys.argv[1:])
