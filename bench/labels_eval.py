"""The claims labeller (issue 18) on the public benchmarks, and its speed.

    PYTHONPATH=src python bench/labels_eval.py [--data DIR] [--split dev|test] [--json]

- subjectivity (the opinion head), macro-F1 over SUBJ/OBJ: NewsSD-ENG test.csv (../shared, CC BY 4.0;
  the issue's target; it is the CheckThat! 2024 Task 2 English dev set) and, with --data, CheckThat!
  2024 Task 2 English test_en_gold.tsv (484 sentences; the published best, 0.7442, is on it);
- check-worthiness (the claim head), F1 of the positive class: with --data, CheckThat! 2024 Task 1
  English test_gold.tsv (341 sentences).
--split dev scores the development files instead (CheckThat! 2024 Task 1 dev-test, Task 2 dev_test;
NewsSD's val.csv is training data): develop on those; the test files are scored once, at the end (docs/benchmarks.md).
The CheckThat! files may be used for evaluation only (their licences do not allow shipping them or
training shipped weights on them): DIR is a local folder laid out as checkthat/2024/*.tsv and
subjectivity/checkthat2024_task2_en/*.tsv, never the repository.

Speed: sentences per second on one core (torch, BLAS and tokenizers held to one thread), the first
call (the model loaded from disk, cold) and warm (loaded once, batches of an article's size).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from pathlib import Path

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ.setdefault(variable, "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from train_labeller import read_checkthat, read_newssd  # noqa: E402

from sourcecheck.claims.labeller import load_labeller  # noqa: E402

PUBLISHED = {"subjectivity_ct24_test": ("HYBRINFOX, CheckThat! 2024 Task 2 English, 1st", 0.7442),
             "checkworthy_ct24_test": ("FactFinders, CheckThat! 2024 Task 1 English, 1st (issue: about)", 0.80)}


def read_task2(path: Path) -> tuple[list[str], np.ndarray]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [r["sentence"].strip() for r in rows], np.array([r["label"].strip() == "SUBJ" for r in rows])


def f1(predicted: np.ndarray, gold: np.ndarray, macro: bool) -> float:
    from sklearn.metrics import f1_score

    return round(float(f1_score(gold, predicted, average="macro" if macro else "binary")), 4)


def sets(split: str, data: Path | None) -> dict[str, tuple[list[str], np.ndarray, str]]:
    """name -> (sentences, gold, which head)."""
    found: dict[str, tuple[list[str], np.ndarray, str]] = {}
    if split == "test":  # NewsSD's val.csv is training data (bench/train_labeller.py): no dev file of it
        found["subjectivity_newssd_test"] = (*read_newssd("test.csv"), "subjective")
    if data is not None:
        task1 = data / "checkthat" / "2024"
        task2 = data / "subjectivity" / "checkthat2024_task2_en"
        t1 = "CT24_checkworthy_english_dev-test.tsv" if split == "dev" else "CT24_checkworthy_english_test_gold.tsv"
        t2 = "dev_test_en.tsv" if split == "dev" else "test_en_gold.tsv"
        found[f"subjectivity_ct24_{split}"] = (*read_task2(task2 / t2), "subjective")
        found[f"checkworthy_ct24_{split}"] = (*read_checkthat(task1 / t1), "checkworthy")
    return found


def speed(sentences: list[str]) -> dict[str, float]:
    started = time.perf_counter()
    labeller = load_labeller()
    labeller.label(sentences[:40])  # an article's worth, the model loaded first
    first = time.perf_counter() - started
    batch = sentences[:2000]
    started = time.perf_counter()
    for i in range(0, len(batch), 40):
        labeller.label(batch[i:i + 40])
    warm = time.perf_counter() - started
    return {"first_call_seconds_40_sentences": round(first, 3), "warm_sentences_per_second": round(len(batch) / warm)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="local folder with the CheckThat! files (evaluation only)")
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    import torch

    torch.set_num_threads(1)
    every = sets(args.split, args.data)
    result: dict[str, object] = {"speed": speed([s for texts, _, _ in every.values() for s in texts])}
    labeller = load_labeller()
    for name, (texts, gold, head) in every.items():
        subjective, checkworthy = labeller.probabilities(texts)
        if head == "subjective":
            score = f1(subjective >= labeller.subjective.threshold, gold, macro=True)
        else:
            score = f1(checkworthy >= labeller.checkworthy.threshold, gold, macro=False)
        result[name] = {"n": len(texts), "positive": int(gold.sum()), "f1": score,
                        "measure": "macro-F1" if head == "subjective" else "F1 of the positive class",
                        "published_best": PUBLISHED.get(name)}
    result["labeller"] = labeller.name
    print(json.dumps(result, indent=1) if args.json else "\n".join(f"{k}: {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
