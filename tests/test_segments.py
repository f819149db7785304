"""Segment files of the quote index: a merge keeps what separate segments said, common trigrams included."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecheck import segments

from .conftest import needs_numba


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


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-2**63, 2**63 - 1), max_size=300), st.integers(0, 12), st.integers(0, 2**31))
def test_sorted_keys_sorts_keys_that_share_their_top_bits(values, low_bits, seed):
    # keys made to collide above their low bits, as distinct trigram hashes do in a large batch
    rng = np.random.default_rng(seed)
    keys = np.array(values, dtype=np.int64)
    if len(keys):
        keys = (keys >> 12 << 12) | rng.integers(0, 2**low_bits, len(keys))
        keys[rng.integers(0, len(keys), len(keys) // 3)] = keys[0]  # repeats
    order, ordered = segments.sorted_keys(keys)
    assert sorted(order.tolist()) == list(range(len(keys)))
    assert (ordered == keys[order]).all()
    assert (ordered[1:] >= ordered[:-1]).all()


@needs_numba
@settings(max_examples=300, deadline=None)  # the first example loads the compiled code
@given(st.lists(st.integers(-2**63, 2**63 - 1), max_size=300), st.integers(0, 12), st.integers(0, 2**31),
       st.integers(1, 6))
def test_compiled_segment_layout_equals_the_numpy_one(values, low_bits, seed, common):
    """The build's compiled segment layout (kernels) is the NumPy one's twin: same keys, counts,
    starts, and the same postings in the same order, common trigrams' postings dropped."""
    rng = np.random.default_rng(seed)
    keys = np.array(values, dtype=np.int64)
    if len(keys):  # keys that share their top bits, and repeats (some more than `common` times)
        keys = (keys >> 12 << 12) | rng.integers(0, 2**low_bits, len(keys))
        keys[rng.integers(0, len(keys), len(keys) // 2)] = keys[0]
    sources = rng.integers(1, 2**32, len(keys)).astype(np.uint32)
    positions = rng.integers(0, 2**32, len(keys)).astype(np.uint32)
    expected = segments._numpy_sorted(keys, sources, positions, common)
    compiled = segments._compiled_sorted(keys, sources, positions, common)
    for name in ("keys", "counts", "starts", "sources", "positions"):
        assert getattr(compiled, name).tolist() == getattr(expected, name).tolist(), name


@needs_numba
def test_large_builds_and_merges_take_the_compiled_layout(monkeypatch):
    rng = np.random.default_rng(7)
    keys = rng.integers(0, 50, 5_000).astype(np.int64) * 7919  # repeats: some trigrams common
    sources, positions = rng.integers(1, 9, 5_000), rng.integers(0, 900, 5_000)
    small = segments.build_flat(keys, sources, positions, 100)
    calls = []
    compiled = segments._compiled_sorted
    monkeypatch.setattr(segments, "_compiled_sorted", lambda *a: calls.append(len(a[0])) or compiled(*a))
    monkeypatch.setattr(segments, "COMPILED_FROM", 100)
    large = segments.build_flat(keys, sources, positions, 100)
    merged = segments.merge([large, segments.build_flat(keys[:10], sources[:10], positions[:10], 100)],
                            np.zeros(0, np.int64), 100)
    kept = int(np.diff(large.starts).sum())
    assert 0 < kept < 5_000  # some trigrams too common to keep postings
    assert calls == [5_000]  # the large build's; the merge is a k-way merge, with no sort
    small_part = segments.build_flat(keys[:10], sources[:10], positions[:10], 100)
    expected = segments._numpy_merge([large, small_part], np.zeros(0, np.int64), 100)
    assert all((getattr(merged, n) == getattr(expected, n)).all() for n in ("keys", "counts", "starts", "sources"))
    assert all((getattr(small, n) == getattr(large, n)).all() for n in ("keys", "counts", "starts", "sources"))
    assert (merged.counts.sum() == 5_010) and len(merged.keys) == len(small.keys)


@settings(max_examples=300, deadline=None)
@given(st.sets(st.integers(-2**63, 2**63 - 1), max_size=200), st.lists(st.integers(-2**63, 2**63 - 1), max_size=20),
       st.integers(1, 5))
def test_fenced_search_finds_what_a_binary_search_finds(keys, others, step):
    """Lookups search the fence and then one block: the same positions as np.searchsorted over the
    keys, for keys present, absent, below the first and past the last, in full and short blocks."""
    ends = [min(max(keys) + 1, 2**63 - 1), max(min(keys) - 1, -2**63)] if keys else []  # past either end
    keys = np.array(sorted(keys), dtype=np.int64)
    grams = np.array(others + ends + keys[::3].tolist() + (keys[::5] + 1).tolist() + (keys[::7] - 1).tolist(),
                     dtype=np.int64)
    original = segments.FENCE_STEP
    segments.FENCE_STEP = step  # small blocks, so that a few hundred keys make many
    try:
        segment = segments.SegmentArrays(keys, keys, keys, keys, keys)
        assert segments.search(segment, grams).tolist() == np.searchsorted(keys, grams).tolist()
    finally:
        segments.FENCE_STEP = original


def test_segment_files_keep_their_fence_and_older_files_get_one(tmp_path):
    rng = np.random.default_rng(3)
    keys = rng.integers(-2**62, 2**62, 3_000)
    sources, positions = rng.integers(1, 50, 3_000), rng.integers(0, 500, 3_000)
    built = segments.build_flat(keys, sources, positions, 100)
    path = tmp_path / segments.write(tmp_path, built)
    stored = segments.read(path)
    assert stored.fence is not None and stored.fence.tolist() == built.keys[::segments.FENCE_STEP].tolist()
    older = tmp_path / "older.idx"  # as written before segments had a fence
    older.write_bytes(path.read_bytes()[: -8 * len(stored.fence)])
    legacy = segments.read(older)
    assert legacy.fence is None
    grams = np.concatenate([keys[:40], rng.integers(-2**62, 2**62, 40)])
    assert _lookup([legacy], grams, 100) == _lookup([stored], grams, 100) == _lookup([built], grams, 100)
    assert len(_lookup([stored], grams, 100)) >= 40  # the keys that are there are found


@needs_numba
@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.lists(st.integers(0, 40), max_size=60), st.booleans()), min_size=1, max_size=4),
       st.integers(1, 6), st.integers(0, 2**31))
def test_compiled_merge_equals_the_numpy_one(parts_keys, common, seed):
    """Merging segments by a k-way merge (kernels.merge_segments) gives what the NumPy merge gives:
    keys, counts (dropped postings included), starts and postings in segment order."""
    import tempfile
    from pathlib import Path

    rng = np.random.default_rng(seed)
    parts = []
    with tempfile.TemporaryDirectory() as folder:
        for values, from_file in parts_keys:  # segments in memory and memory-mapped ones, mixed
            keys = np.array(values, dtype=np.int64) * 7919 - 100_000
            built = segments.build_flat(keys, rng.integers(1, 50, len(keys)), rng.integers(0, 900, len(keys)), common)
            parts.append(segments.read(Path(folder) / segments.write(Path(folder), built)) if from_file else built)
        expected = segments._numpy_merge(parts, np.zeros(0, np.int64), common)
        compiled = segments._compiled_merge(parts, common)
        for name in ("keys", "counts", "starts", "sources", "positions"):
            assert getattr(compiled, name).tolist() == getattr(expected, name).tolist(), name
