"""The sentence labeller shipped inside the package: two logistic-regression heads (opinion: is the
sentence subjective; claim: is it a factual claim worth checking) over `features`: the dense
features (a static embedding and surface cues) and each head's TF-IDF words.

The weights are trained by bench/train_labeller.py from data whose licences allow shipping them
(data/MANIFEST.json, docs/labeller.md) and pinned by SHA-256 in data/MANIFEST.json: a file that does
not match refuses to load, so what runs is what was measured. No model hub: the static embedding is
a folder of this package, read by model2vec from disk."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import SourcecheckError
from .features import Lexicon, dense
from .model import Label

DATA = Path(__file__).resolve().parent / "data"
MANIFEST = "MANIFEST.json"


@dataclass(frozen=True)
class Head:
    """P(positive) = sigmoid(dense row . dense_coef + TF-IDF row . lexical_coef + intercept)."""

    dense_coef: npt.NDArray[np.float64]
    lexicon: Lexicon
    lexical_coef: npt.NDArray[np.float64]
    intercept: float
    threshold: float

    def probability(self, rows: npt.NDArray[np.float32], sentences: Sequence[str]) -> npt.NDArray[np.float64]:
        logit = rows.astype(np.float64) @ self.dense_coef + self.lexicon.scores(sentences, self.lexical_coef)
        return 1.0 / (1.0 + np.exp(-(logit + self.intercept)))

    @classmethod
    def from_json(cls, record: dict[str, Any], threshold: float) -> Head:
        return cls(np.asarray(record["dense_coef"], dtype=np.float64), Lexicon(record["terms"], record["idf"]),
                   np.asarray(record["lexical_coef"], dtype=np.float64), float(record["intercept"]), threshold)


class Labeller:
    """`label(sentences)`: each sentence's label and its scores, the model loaded once."""

    def __init__(self, embedder: Any, subjective: Head, checkworthy: Head, name: str) -> None:
        self.embedder = embedder
        self.subjective = subjective
        self.checkworthy = checkworthy
        self.name = name

    def probabilities(self, sentences: Sequence[str]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """P(subjective) and P(check-worthy claim), one per sentence."""
        if not sentences:
            return np.zeros(0), np.zeros(0)
        rows = dense(self.embedder, sentences)
        return self.subjective.probability(rows, sentences), self.checkworthy.probability(rows, sentences)

    def label(self, sentences: Sequence[str]) -> list[tuple[Label, float, float, float]]:
        """(label, its score, P(subjective), P(check-worthy)) per sentence: opinion when the
        subjectivity head says so, else claim when the check-worthiness head does, else fact."""
        subjective, checkworthy = self.probabilities(sentences)
        found: list[tuple[Label, float, float, float]] = []
        for subj, worth in zip(subjective.tolist(), checkworthy.tolist(), strict=True):
            if subj >= self.subjective.threshold:
                found.append(("opinion", subj, subj, worth))
            elif worth >= self.checkworthy.threshold:
                found.append(("claim", worth, subj, worth))
            else:
                found.append(("fact", 1.0 - worth, subj, worth))
        return found


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verified_manifest(folder: Path = DATA) -> dict[str, Any]:
    """The manifest, after checking every file it names against its SHA-256."""
    try:
        manifest: dict[str, Any] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SourcecheckError(f"the claims labeller's manifest {folder / MANIFEST} is missing or unreadable "
                               "(reinstall sourcecheck, or run bench/train_labeller.py)") from exc
    for name, expected in manifest["sha256"].items():
        path = folder / name
        if not path.is_file() or sha256(path) != expected:
            raise SourcecheckError(f"the claims labeller's file {path} is missing or does not match its pinned "
                                   "SHA-256 (reinstall sourcecheck, or run bench/train_labeller.py)")
    return manifest


@cache
def load_labeller(folder: Path = DATA) -> Labeller:
    from model2vec import StaticModel

    manifest = verified_manifest(folder)
    heads = json.loads((folder / manifest["heads"]).read_text(encoding="utf-8"))
    embedder = StaticModel.from_pretrained(str(folder / manifest["embedding"]))
    thresholds = manifest["thresholds"]
    name = f"{manifest['name']}@{manifest['sha256'][manifest['heads']][:12]}"
    return Labeller(embedder, Head.from_json(heads["subjective"], thresholds["subjective"]),
                    Head.from_json(heads["checkworthy"], thresholds["checkworthy"]), name)
