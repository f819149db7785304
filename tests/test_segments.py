"""Segment files of the quote index: a merge keeps what separate segments said, common trigrams included."""

from __future__ import annotations

import numpy as np

from sourcecheck import segments


def _lookup(parts, grams, common, removed=()):
    found = segments.lookup(parts, np.array(grams, dtype=np.int64), common, np.array(removed, dtype=np.int64))
    return {qi: sorted(zip(s.tolist(), p.tolist(), strict=True)) for qi, s, p in found}


def test_merge_keeps_lookups_and_common_counts(tmp_path):
    common = 2  # a trigram in more than two places is too common to look up
    first = segments.build([(1, np.array([10, 20, 30])), (2, np.array([10, 40]))], common)
    second = segments.build([(3, np.array([10, 20, 50])), (4, np.array([60, 60, 60]))], common)
    parts = [segments.read(tmp_path / segments.write(tmp_path, p)) for p in (first, second)]
    grams = [10, 20, 30, 40, 50, 60, 70]
    before = _lookup(parts, grams, common)
    merged = segments.merge(parts, np.zeros(0, np.int64), common)
    assert _lookup([merged], grams, common) == before
    assert 0 not in before and 5 not in before  # 10 (3 places) and 60 (3, dropped in its own segment) are common
    assert before[1] == [(1, 1), (3, 1)] and 6 not in before
    assert dict(zip(merged.keys.tolist(), merged.counts.tolist(), strict=True))[60] == 3


def test_merge_drops_removed_sources():
    parts = [segments.build([(1, np.array([5, 6])), (2, np.array([5, 7]))], 100)]
    merged = segments.merge(parts, np.array([2], np.int64), 100)
    assert _lookup([merged], [5, 6, 7], 100) == {0: [(1, 0)], 1: [(1, 1)]}
    assert _lookup(parts, [5, 6, 7], 100, removed=[2]) == {0: [(1, 0)], 1: [(1, 1)]}  # 7: only in source 2
