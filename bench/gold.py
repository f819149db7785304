"""Score quote extraction and attribution against the hand-annotated gold set (tests/gold/).

Each article NAME.ext has NAME.gold.json: the quotes in reading order with their kind, speaker,
speaker aliases and type. A predicted quote matches a gold quote when their normalised texts are
at least 90% similar (rapidfuzz ratio), one to one, in reading order.

- extraction precision = matched / predicted, recall = matched / gold;
- kind accuracy over matched quotes;
- attribution accuracy over matched quotes: right speaker (any alias, case and a leading "the"
  ignored; a name also matches its full form) or rightly none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

GOLD = Path(__file__).resolve().parents[1] / "tests" / "gold"
MATCH_RATIO = 90.0

# A system under test: path -> [(quote text, speaker name or None, kind or None)]
Extractor = Callable[[Path], list[tuple[str, str | None, str | None]]]


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    kind_right: int = 0
    speaker_right: int = 0
    attributed_gold: int = 0  # gold quotes that have a speaker
    attributed_right: int = 0
    unattributed_gold: int = 0
    unattributed_right: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("gold", "predicted", "matched", "kind_right", "speaker_right", "attributed_gold",
                     "attributed_right", "unattributed_gold", "unattributed_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def attribution(self) -> float:
        return self.speaker_right / self.matched if self.matched else 0.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_right / self.matched if self.matched else 0.0


def normalise(text: str) -> str:
    text = re.sub(r"[“”„‟«»\"]", '"', text)
    text = re.sub(r"[‘’‚‛‹›']", "'", text)
    return " ".join(text.split()).strip(" \"'").casefold()


def speaker_matches(predicted: str | None, gold: dict) -> bool:
    if gold.get("speaker") is None:
        return predicted is None
    if predicted is None:
        return False
    names = [gold["speaker"], *gold.get("aliases", [])]
    return any(_same_name(predicted, name) for name in names)


def _same_name(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    return bool(wa) and bool(wb) and (wa == wb or (wa <= wb and (_proper(a) or len(wa) >= 2)))


def _words(name: str) -> set[str]:
    words = re.findall(r"[\w’'-]+", name.casefold())
    return {re.sub(r"['’]s$", "", w) for w in words if w not in ("the", "a", "an")}


def _proper(name: str) -> bool:
    return any(w[:1].isupper() for w in name.split() if w.casefold() not in ("the", "a", "an"))


def gold_quotes(article: Path) -> list[dict]:
    return json.loads(gold_path(article).read_text(encoding="utf-8"))["quotes"]


def gold_path(article: Path) -> Path:
    return article.with_name(article.name.rsplit(".", 1)[0] + ".gold.json")


def match_quotes(gold: list[str], predicted: list[str]) -> list[int | None]:
    """For each gold quote, the predicted quote it matches (one to one, in reading order), or None."""
    found: list[int | None] = []
    used: set[int] = set()
    cursor = 0
    normalised = [normalise(p) for p in predicted]
    for text in gold:
        target = normalise(text)
        best, best_ratio = None, 0.0
        for i in range(len(predicted)):
            if i in used:
                continue
            ratio = fuzz.ratio(target, normalised[i])
            if ratio > best_ratio + (0 if i >= cursor else 5):
                best, best_ratio = i, ratio
        if best is None or best_ratio < MATCH_RATIO:
            found.append(None)
            continue
        used.add(best)
        cursor = best + 1
        found.append(best)
    return found


def score_article(article: Path, extract: Extractor) -> Score:
    gold = gold_quotes(article)
    predicted = extract(article)
    score = Score(gold=len(gold), predicted=len(predicted))
    used: set[int] = set()
    for g, best in zip(gold, match_quotes([g["text"] for g in gold], [p[0] for p in predicted]), strict=True):
        if best is None:
            score.errors.append(f"{article.name}: missed {g['text'][:70]!r}")
            _count_attribution(score, g, ok=None)
            continue
        used.add(best)
        score.matched += 1
        text, speaker, kind = predicted[best]
        score.kind_right += kind == g["kind"] if kind else 0
        ok = speaker_matches(speaker, g)
        score.speaker_right += ok
        _count_attribution(score, g, ok)
        if not ok:
            score.errors.append(f"{article.name}: {g['text'][:50]!r} speaker {speaker!r}, gold {g.get('speaker')!r}")
    for i, (text, _, _) in enumerate(predicted):
        if i not in used:
            score.errors.append(f"{article.name}: spurious {text[:70]!r}")
    return score


def _count_attribution(score: Score, gold: dict, ok: bool | None) -> None:
    if gold.get("speaker") is None:
        score.unattributed_gold += 1
        score.unattributed_right += bool(ok)
    else:
        score.attributed_gold += 1
        score.attributed_right += bool(ok)


def articles(split: str) -> list[Path]:
    folder = GOLD / split
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.endswith(".json")
                  and p.with_name(p.name.rsplit(".", 1)[0] + ".gold.json").exists())


def splits() -> list[str]:
    """The gold folders (the wild set's as wild/dev, wild/test), the development ones first."""
    folders = [str(p.relative_to(GOLD)) for p in GOLD.rglob("*") if p.is_dir()]
    names = sorted(name for name in folders if articles(name))
    return sorted(names, key=lambda n: (n not in ("core", "dev", "wild/dev"), n))


def score_split(split: str, extract: Extractor) -> Score:
    total = Score()
    for article in articles(split):
        total.add(score_article(article, extract))
    return total


def sourcecheck_extractor(nlp=None) -> Extractor:
    from sourcecheck.ingest import ingest_path
    from sourcecheck.pipeline import analyse_quotes

    def extract(path: Path):
        analysis = analyse_quotes(ingest_path(path), nlp)
        return [(a.quote.text, a.speaker.name if a.speaker else None, a.quote.kind) for a in analysis.attributions]

    return extract


if __name__ == "__main__":
    import sys

    split = sys.argv[1] if len(sys.argv) > 1 else "core"
    result = score_split(split, sourcecheck_extractor())
    for line in result.errors:
        print(line)
    print(f"{split}: gold {result.gold} predicted {result.predicted} matched {result.matched} "
          f"P {result.precision:.3f} R {result.recall:.3f} F1 {result.f1:.3f} "
          f"kind {result.kind_accuracy:.3f} attribution {result.attribution:.3f}")
