"""The quote index of a SQLite library: immutable segment files of word-trigram postings.

Each bulk batch (or single add) becomes one segment: its trigram hashes sorted once in NumPy and
written as flat arrays, then memory-mapped for lookups (a binary search per trigram and segment).
This is what makes indexing run at tens of MB/s and lookups take milliseconds at a million
documents, where one B-tree row per posting managed 0.26 MB/s. SQLite stays the catalogue:
a segment counts only once its row is committed together with its sources, so an interrupted
add leaves no trace but an unreferenced file. Removed sources are filtered at lookup and dropped
when small segments are merged.

File layout (little-endian): magic, n_keys, n_kept, then keys int64[n_keys] (sorted),
counts int64[n_keys] (all occurrences), starts int64[n_keys + 1] (into the kept postings),
sources uint32[n_kept], positions uint32[n_kept], then the fence: every FENCE_STEP-th key
(int64[ceil(n_keys / FENCE_STEP)]; files written before it had none and get one computed when
read). A trigram with more than `common` occurrences in a segment keeps its count but not its
postings: lookups skip such trigrams anyway.

Lookups search the fence, held in memory, and then one block of FENCE_STEP keys (1 KB): a plain
binary search over a million-document library's segments touched some twenty pages of each
segment's keys per trigram, and each first touch of a page of a memory-mapped file is slow.
"""

from __future__ import annotations

import mmap
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MAGIC = b"SCSEG001"
HEADER = 24
COMPILED_FROM = 200_000  # postings from which the compiled layout (`kernels`) takes over, when Numba is installed
FENCE_STEP = 128  # keys per block of the fence (part of the file format: do not change)


@dataclass(frozen=True)
class SegmentArrays:
    keys: np.ndarray
    counts: np.ndarray
    starts: np.ndarray
    sources: np.ndarray
    positions: np.ndarray
    fence: np.ndarray | None = field(default=None, compare=False)  # keys[::FENCE_STEP], made when first needed

    @property
    def n_postings(self) -> int:
        return int(self.counts.sum())

    def key_fence(self) -> np.ndarray:
        if self.fence is None:
            fence = np.ascontiguousarray(self.keys[::FENCE_STEP])
            object.__setattr__(self, "fence", fence)
            return fence
        return self.fence


def build(per_source: list[tuple[int, np.ndarray]], common: int) -> SegmentArrays:
    """A segment from (source id, trigram hashes in word order) pairs."""
    keys = np.concatenate([g for _, g in per_source]) if per_source else np.zeros(0, np.int64)
    sources = np.repeat(np.array([s for s, _ in per_source], dtype=np.uint32),
                        [len(g) for _, g in per_source]) if per_source else np.zeros(0, np.uint32)
    positions = np.concatenate([np.arange(len(g), dtype=np.uint32) for _, g in per_source]) \
        if per_source else np.zeros(0, np.uint32)
    return _sorted(keys, sources, positions, common)


def build_flat(keys: np.ndarray, sources: np.ndarray, positions: np.ndarray, common: int) -> SegmentArrays:
    """A segment from postings laid out flat: trigram hash, source id, word position."""
    return _sorted(keys.astype(np.int64, copy=False), sources.astype(np.uint32, copy=False),
                   positions.astype(np.uint32, copy=False), common)


def merge(parts: list[SegmentArrays], removed: np.ndarray, common: int) -> SegmentArrays:
    """One segment from several, removed sources dropped (postings of common trigrams stay dropped)."""
    if len(removed) == 0 and sum(len(part.sources) for part in parts) >= COMPILED_FROM and _compiled_kernels():
        return _compiled_merge(parts, common)
    return _numpy_merge(parts, removed, common)


def _compiled_kernels() -> bool:
    """Whether Numba is installed (the `fast` extra): asked only of large inputs (see `grams`)."""
    from . import kernels

    return kernels.AVAILABLE


def _compiled_merge(parts: list[SegmentArrays], common: int) -> SegmentArrays:
    """`_numpy_merge` as a k-way merge of the sorted parts (`kernels.merge_segments`): no sort, and
    no copies of the parts' postings, which the in-memory merge of four bulk segments held (~1 GB)."""
    from . import kernels

    # one array type for each tuple: read-only, contiguous
    def same_kind(name: str, dtype: type[np.generic]) -> tuple[np.ndarray, ...]:
        arrays = []
        for part in parts:
            array = np.ascontiguousarray(getattr(part, name), dtype).view()
            array.flags.writeable = False
            arrays.append(array)
        return tuple(arrays)

    return SegmentArrays(*kernels.merge_segments(same_kind("keys", np.int64), same_kind("counts", np.int64),
                                                 same_kind("starts", np.int64), same_kind("sources", np.uint32),
                                                 same_kind("positions", np.uint32), common))


def _numpy_merge(parts: list[SegmentArrays], removed: np.ndarray, common: int) -> SegmentArrays:
    # laid end to end in arrays made once: concatenating lists of copies held each posting twice
    total = sum(len(part.sources) for part in parts)
    keys, sources, positions = np.empty(total, np.int64), np.empty(total, np.uint32), np.empty(total, np.uint32)
    start = 0
    for part in parts:
        end = start + len(part.sources)
        keys[start:end] = np.repeat(part.keys, np.diff(part.starts))
        sources[start:end] = part.sources
        positions[start:end] = part.positions
        start = end
    if len(removed):
        alive = ~np.isin(sources, removed)
        keys, sources, positions = keys[alive], sources[alive], positions[alive]
    merged = _sorted(keys, sources, positions, common)
    # counts of trigrams whose postings were dropped as common must survive the merge
    dropped = [(p.keys[(p.counts > 0) & (np.diff(p.starts) == 0)], p.counts[(p.counts > 0) & (np.diff(p.starts) == 0)])
               for p in parts]
    extra_keys = np.concatenate([k for k, _ in dropped])
    if len(extra_keys) == 0:
        return merged
    extra_counts = np.concatenate([c for _, c in dropped])
    return _with_dropped(merged, extra_keys, extra_counts)


def _sorted(keys: np.ndarray, sources: np.ndarray, positions: np.ndarray, common: int) -> SegmentArrays:
    if COMPILED_FROM <= len(keys) <= 2**32 and _compiled_kernels():
        return _compiled_sorted(keys, sources, positions, common)
    return _numpy_sorted(keys, sources, positions, common)


def _compiled_sorted(keys: np.ndarray, sources: np.ndarray, positions: np.ndarray, common: int) -> SegmentArrays:
    """`_numpy_sorted` without its dozen whole-array temporaries: the packed keys are made and laid
    out by compiled loops around NumPy's sort (page faults on fresh temporaries had cost as much
    CPU as the work)."""
    from . import kernels

    bits = max(1, (len(keys) - 1).bit_length())
    keys = np.ascontiguousarray(keys, np.int64)
    packed, records = kernels.packed_records(keys, np.ascontiguousarray(sources, np.uint32),
                                             np.ascontiguousarray(positions, np.uint32), bits)
    packed.sort()
    return SegmentArrays(*kernels.segment_layout(packed, bits, records, common))


def _numpy_sorted(keys: np.ndarray, sources: np.ndarray, positions: np.ndarray, common: int) -> SegmentArrays:
    order, keys = sorted_keys(keys)  # postings of one trigram in any order: lookups sort what they gather
    # one gather of both payloads (random access into large arrays is the cost here)
    payload = sources.astype(np.uint64)
    payload <<= np.uint64(32)
    payload |= positions
    payload = payload[order]
    positions = payload.astype(np.uint32)  # the low half
    payload >>= np.uint64(32)
    sources = payload.astype(np.uint32)
    if len(keys) == 0:
        empty = np.zeros(0, np.int64)
        return SegmentArrays(empty, empty, np.zeros(1, np.int64), np.zeros(0, np.uint32), np.zeros(0, np.uint32))
    first = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    counts = np.diff(np.append(first, len(keys)))
    keep = counts <= common
    if not keep.all():
        posting_kept = np.repeat(keep, counts)
        sources, positions = sources[posting_kept], positions[posting_kept]
    starts = np.concatenate([[0], np.cumsum(np.where(keep, counts, 0))])
    return SegmentArrays(keys[first], counts.astype(np.int64), starts.astype(np.int64), sources, positions)


def sorted_keys(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices that sort int64 keys (equal keys in any order), and the sorted keys. np.sort of plain
    integers runs on SIMD and is several times faster than np.argsort, so each key's top bits are sorted together with
    its index packed into the bits below; keys that share their top bits come out in index order,
    and those few runs are then sorted by the whole key."""
    n = len(keys)
    bits = max(1, (n - 1).bit_length())
    if bits > 32:
        order = np.argsort(keys)
        return order, keys[order]
    shift = np.uint64(bits)
    packed = keys.view(np.uint64) ^ np.uint64(1 << 63)  # int64 order as uint64 order
    packed >>= shift  # in place: these arrays are tens of MB
    packed <<= shift
    packed |= np.arange(n, dtype=np.uint64)
    packed.sort()
    tops = packed >> shift
    np.bitwise_and(packed, np.uint64((1 << bits) - 1), out=packed)
    order = packed.view(np.int64)
    ordered = keys[order]
    descents = np.flatnonzero(ordered[1:] < ordered[:-1])
    if len(descents):
        for top in np.unique(tops[descents]):
            lo, hi = np.searchsorted(tops, [top, top + np.uint64(1)])
            run = order[lo:hi]
            order[lo:hi] = run[np.argsort(keys[run], kind="stable")]
        ordered = keys[order]
    return order, ordered


def _with_dropped(merged: SegmentArrays, keys: np.ndarray, counts: np.ndarray) -> SegmentArrays:
    """Add occurrence counts (no postings) for trigrams already too common to keep."""
    order = np.argsort(keys, kind="stable")
    keys, counts = keys[order], counts[order]
    unique, first = np.unique(keys, return_index=True)
    summed = np.add.reduceat(counts, first)
    all_keys = np.union1d(merged.keys, unique)
    total = np.zeros(len(all_keys), np.int64)
    kept = np.zeros(len(all_keys), np.int64)
    at = np.searchsorted(all_keys, merged.keys)
    total[at] += merged.counts
    kept[at] = np.diff(merged.starts)
    total[np.searchsorted(all_keys, unique)] += summed
    common_now = total > kept
    kept[common_now] = 0  # a trigram partly dropped loses the rest of its postings too
    keep_posting = np.repeat(~common_now[at], np.diff(merged.starts))
    starts = np.concatenate([[0], np.cumsum(kept)])
    return SegmentArrays(all_keys, total, starts, merged.sources[keep_posting], merged.positions[keep_posting])


def write(folder: Path, arrays: SegmentArrays) -> str:
    """Write a segment file (fsynced) and return its name."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"seg-{uuid.uuid4().hex}.idx"
    temporary = folder / (name + ".tmp")
    with temporary.open("wb") as handle:
        handle.write(MAGIC)
        handle.write(np.array([len(arrays.keys), len(arrays.sources)], dtype="<i8").tobytes())
        for array, dtype in ((arrays.keys, "<i8"), (arrays.counts, "<i8"), (arrays.starts, "<i8"),
                             (arrays.sources, "<u4"), (arrays.positions, "<u4"), (arrays.key_fence(), "<i8")):
            np.ascontiguousarray(array, dtype=dtype).tofile(handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, folder / name)
    return name


def read(path: Path) -> SegmentArrays:
    """Memory-map a segment file (plain arrays over one mmap: np.memmap's Python-level slicing
    costs more than the lookups themselves)."""
    with path.open("rb") as handle:
        header = handle.read(HEADER)
        if len(header) < HEADER or header[:8] != MAGIC:
            raise ValueError(f"{path}: not a sourcecheck index segment")
        n_keys, n_kept = (int(x) for x in np.frombuffer(header[8:], dtype="<i8"))
        size = HEADER + 8 * (3 * n_keys + 1) + 8 * n_kept
        n_fence = -(-n_keys // FENCE_STEP)
        file_size = os.fstat(handle.fileno()).st_size
        if file_size < size:
            raise ValueError(f"{path}: truncated index segment")
        has_fence = file_size >= size + 8 * n_fence
        mapped = mmap.mmap(handle.fileno(), size + 8 * n_fence if has_fence else size, access=mmap.ACCESS_READ)
    offset = HEADER
    arrays = []
    for dtype, count in (("<i8", n_keys), ("<i8", n_keys), ("<i8", n_keys + 1), ("<u4", n_kept), ("<u4", n_kept)):
        arrays.append(np.frombuffer(mapped, dtype=dtype, count=count, offset=offset))
        offset += np.dtype(dtype).itemsize * count
    fence = np.frombuffer(mapped, dtype="<i8", count=n_fence, offset=offset).copy() if has_fence else None
    keys, counts, starts, sources, positions = arrays
    return SegmentArrays(keys, counts, starts, sources, positions, fence=fence)


def search(segment: SegmentArrays, grams: np.ndarray) -> np.ndarray:
    """`np.searchsorted(segment.keys, grams)` (keys are distinct): the fence finds each gram's block,
    then the keys below it in that block are counted."""
    keys = segment.keys
    if len(keys) <= 4 * FENCE_STEP:
        return np.searchsorted(keys, grams)
    block = np.maximum(np.searchsorted(segment.key_fence(), grams, side="right") - 1, 0)
    index = block[:, None] * FENCE_STEP + np.arange(FENCE_STEP)
    inside = index < len(keys)  # the last block may be short
    below = (keys[np.minimum(index, len(keys) - 1)] < grams[:, None]) & inside
    found: np.ndarray = block * FENCE_STEP + below.sum(axis=1)
    return found


def lookup(segments: list[SegmentArrays], grams: np.ndarray, common: int, removed: np.ndarray
           ) -> list[tuple[int, np.ndarray, np.ndarray]]:
    """Postings (query index, sources, positions) of each distinct query trigram that occurs at most
    `common` times across all segments."""
    which, sources, positions = lookup_flat(segments, grams, common, removed)
    order = np.argsort(which, kind="stable")
    which, sources, positions = which[order], sources[order], positions[order]
    found = []
    for qi in np.unique(which).tolist():
        lo, hi = np.searchsorted(which, [qi, qi + 1])
        found.append((qi, sources[lo:hi], positions[lo:hi]))
    return found


def lookup_flat(segments: list[SegmentArrays], grams: np.ndarray, common: int, removed: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`lookup` as three flat int64 arrays: query index, source, position of every posting."""
    totals = np.zeros(len(grams), np.int64)
    found: list[tuple[SegmentArrays, np.ndarray, np.ndarray]] = []
    for segment in segments:
        if len(segment.keys) == 0:
            continue
        at = search(segment, grams)
        hit = at < len(segment.keys)
        hit[hit] = segment.keys[at[hit]] == grams[hit]
        which = np.flatnonzero(hit)
        if len(which):
            totals[which] += segment.counts[at[which]]
            found.append((segment, which, at[which]))
    parts = []
    for segment, which, at in found:
        wanted = totals[which] <= common
        which, at = which[wanted], at[wanted]
        lo, hi = segment.starts[at], segment.starts[at + 1]
        lengths = hi - lo
        total = int(lengths.sum())
        if total == 0:
            continue
        # the postings of every wanted trigram at once: ranges [lo, hi) laid end to end
        index = np.repeat(lo - (np.cumsum(lengths) - lengths), lengths) + np.arange(total)
        parts.append((np.repeat(which, lengths), segment.sources[index], segment.positions[index]))
    if not parts:
        empty = np.zeros(0, np.int64)
        return empty, empty, empty
    which = np.concatenate([p[0] for p in parts]).astype(np.int64)
    sources = np.concatenate([p[1] for p in parts]).astype(np.int64)
    positions = np.concatenate([p[2] for p in parts]).astype(np.int64)
    if len(removed):
        alive = ~np.isin(sources, removed)
        which, sources, positions = which[alive], sources[alive], positions[alive]
    return which, sources, positions
