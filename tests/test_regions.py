"""Candidate regions: ranking only the sources with the most postings first gives the same top
regions as ranking every source (the shortcut that keeps lookups fast at a million documents)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecheck.library_base import ranked_regions, regions_from_flat, regions_from_postings

postings = st.lists(st.tuples(st.integers(0, 30), st.integers(1, 60), st.integers(0, 400)), min_size=1, max_size=600)


@settings(max_examples=300, deadline=None)
@given(postings, st.integers(1, 12))
def test_regions_equal_a_ranking_of_every_source(found, limit):
    which, sources, positions = (np.array(column, dtype=np.int64) for column in zip(*found, strict=True))
    everything = ranked_regions(which, sources, positions, 31, 20, limit)
    assert regions_from_flat(which, sources, positions, 31, 20, limit) == everything


def test_a_dense_region_wins_over_many_scattered_hits():
    rng = np.random.default_rng(5)
    scattered = [(int(q), int(s), int(p)) for q, s, p in
                 zip(rng.integers(0, 40, 20_000), rng.integers(10, 5_000, 20_000), rng.integers(0, 3_000, 20_000),
                     strict=True)]
    passage = [(q, 7, 100 + q) for q in range(40)]  # every trigram of the quote, in a row, in source 7
    per_gram: dict[int, list[tuple[int, int]]] = {}
    for q, s, p in scattered + passage:
        per_gram.setdefault(q, []).append((s, p))
    grouped = [(q, np.array([s for s, _ in v]), np.array([p for _, p in v])) for q, v in sorted(per_gram.items())]
    best = regions_from_postings(grouped, 40, 50, 8)[0]
    assert (best.source_id, best.word_start, best.hits) == (7, 100, 40)
