"""What every library backend shares: the `Library` protocol, the records it takes and gives, batched
adding, and the ranking of candidate regions and fallback words (so that SQLite and PostgreSQL find
and rank passages alike).

The backends (library.SqliteLibrary, library_pg.PostgresLibrary) import this module and nothing of
each other; front ends open a library through libraries.open_library.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol, Self

import numpy as np
import numpy.typing as npt

from .errors import LibraryError, NotFoundError
from .grams import GRAM_SIZE
from .ingest import Block, Document, Metadata

BATCH_CHARS = 32_000_000  # text per bulk-add transaction (and SQLite segment): bounds memory (two in flight ~0.9 GB)
COMMON_GRAM_POSTINGS = 20_000  # a trigram this frequent says little about where a quote is
GC_EVERY = 200_000  # new objects between garbage collections while adding sources
RARE_TERMS = 8  # words of a quote ranked by the full-text fallback
FALLBACK_POSTINGS = 5_000  # ... as long as together they occur in no more documents than this
NEAR_WORDS = 8  # words of a quote the proximity fallback looks for (the rarest)
NEAR_SLACK = 4  # source words beyond the quote's own that may stand between them

# what add_many says it is doing once every document is read (see its on_phase)
STORING_LAST = "storing the last documents"

SOURCE_COLUMNS = "id, title, author, date, url, path, format, sha256, added_at, n_chars, n_words"

Int64s = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Source:
    id: int
    title: str | None
    author: str | None
    date: str | None
    url: str | None
    path: str | None
    format: str
    sha256: str
    added_at: str
    n_chars: int
    n_words: int


@dataclass(frozen=True)
class StoredSource:
    source: Source
    text: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class AddResult:
    source: Source
    created: bool  # False when identical content was already in the library


@dataclass(frozen=True)
class Region:
    """A region of a source that shares word trigrams with a query: a candidate passage."""

    source_id: int
    word_start: int
    word_end: int  # exclusive
    hits: int  # distinct query trigrams found in the region
    score: float  # hits / query trigrams


Item = tuple[Document, Metadata | None]
Batch = list[tuple[Document, Metadata]]
OnResult = Callable[[AddResult], None]
OnPhase = Callable[[str], None]


class Library(Protocol):
    """A source library, whatever its backend. Backends subclass it for `add` and the `with` block."""

    path: str  # where it is, for messages (a PostgreSQL URL without its password)

    def close(self) -> None: ...

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ writing

    def add(self, doc: Document, metadata: Metadata | None = None) -> AddResult:
        """Store a document (one transaction). Identical content already stored is a no-op."""
        return self.add_many([(doc, metadata)])[0]

    def add_many(self, items: Iterable[Item], on_result: OnResult | None = None,
                 on_phase: OnPhase | None = None) -> list[AddResult]:
        """Store documents in batches of about BATCH_CHARS characters, one transaction each. Results
        in input order: returned, or when `on_result` is given passed to it as each batch is
        committed and not kept (a million of them need not sit in memory). `on_phase` hears what
        the add does once every document is read (storing the last ones, merging indexes): at a
        million documents that takes a minute, which a progress bar standing at 100% should explain."""
        ...

    def remove(self, source_id: int) -> Source:
        """Remove a source; a LibraryError when there is none with that id."""
        ...

    # ------------------------------------------------------------ reading

    def sources(self) -> list[Source]: ...

    def count(self) -> int: ...

    def get(self, source_id: int) -> StoredSource:
        """A source with its text; a LibraryError when there is none with that id."""
        ...

    def search(self, query: str, limit: int = 20) -> list[Source]:
        """Full-text search over title, author and text in FTS5's query syntax (or plain words)."""
        ...

    def phrase_sources(self, phrase_words: list[str], limit: int = 50) -> list[int]:
        """Ids of sources holding the words as a phrase in their text (quotes too short for trigrams)."""
        ...

    def word_sources(self, query_words: list[str], limit: int = 20) -> list[int]:
        """Sources richest in the query's rarer words (bm25): the fallback for quotes too short or
        too changed to keep a word trigram intact."""
        ...

    def near_sources(self, query_words: list[str], limit: int = 16) -> list[int]:
        """Sources where the quote's rarest words, all or all but one, stand together (`near_groups`)."""
        ...

    def candidates(self, query_words: list[str], limit: int = 10, slack: int = 10) -> list[Region]:
        """Regions of sources sharing word trigrams with the query, best first (regions_from_flat)."""
        ...

    def author_sources(self, author_words: list[str], query_words: list[str], limit: int = 12) -> list[int]:
        """Sources whose author holds every one of `author_words` and whose title or text holds any
        of `query_words`, richest in those words first (bm25): a speaker's own documents."""
        ...


# ---------------------------------------------------------------- adding in batches


def store_in_batches(items: Iterable[Item], store: Callable[[Batch, OnResult | None, bool], list[AddResult]],
                     on_result: OnResult | None, on_phase: OnPhase | None) -> tuple[list[AddResult], bool]:
    """`Library.add_many` for any backend: cut the documents into batches of about BATCH_CHARS and
    have `store(batch, on_result, bulk)` commit each. One batch is stored (the database and NumPy
    release the GIL) while the next is read and parsed. Returns the results (none when `on_result`
    takes them) and whether the add was a bulk one (more than one batch)."""
    phase = on_phase or (lambda _description: None)
    results: list[AddResult] = []
    batch: Batch = []
    size = 0
    bulk = False
    with _rare_collections(), ThreadPoolExecutor(max_workers=1, thread_name_prefix="sourcecheck-store") as writer:
        storing: Future[list[AddResult]] | None = None
        for doc, metadata in items:
            batch.append((doc, metadata or doc.metadata))
            size += len(doc.text)
            if size >= BATCH_CHARS:
                if storing is not None:
                    results += _kept(storing.result(), on_result)
                bulk = True
                storing = writer.submit(store, batch, on_result, True)
                batch, size = [], 0
        if storing is not None or batch:
            phase(STORING_LAST)
        if storing is not None:
            results += _kept(storing.result(), on_result)
    if batch:
        results += _kept(store(batch, on_result, bulk), on_result)
    return results, bulk


@contextmanager
def _rare_collections() -> Iterator[None]:
    """Let the garbage collector run less often while adding: parsing makes millions of short-lived
    objects without cycles, and at its default pace (a pass every 700 new objects, full passes
    over everything alive) it took about a twentieth of a bulk build and found nothing to free."""
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], GC_EVERY), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


def _kept(results: list[AddResult], on_result: OnResult | None) -> list[AddResult]:
    return results if on_result is None else []


def report_results(results: list[AddResult], on_result: OnResult | None) -> None:
    if on_result is not None:
        for result in results:
            on_result(result)


# ---------------------------------------------------------------- rows


def source_from_row(row: tuple[Any, ...]) -> Source:
    """A Source from the SOURCE_COLUMNS of a row."""
    return Source(*row)


def stored_from_row(row: tuple[Any, ...] | None, source_id: int, location: str) -> StoredSource:
    """A StoredSource from a row of SOURCE_COLUMNS, text and blocks (JSON); LibraryError for no row."""
    if row is None:
        raise no_source(source_id, location)
    blocks = tuple(Block(*b) for b in json.loads(row[-1]))
    return StoredSource(Source(*row[:-2]), row[-2], blocks)


def no_source(source_id: int, location: str) -> LibraryError:
    return NotFoundError(f"no source with id {source_id} in {location}")


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fts_query(query: str) -> str:
    """Plain words are searched as words; text with FTS5 operators or quotes is passed through."""
    if any(op in query for op in ('"', " AND ", " OR ", " NOT ", "NEAR(", "*")):
        return query
    return " ".join('"' + w.replace('"', "") + '"' for w in query.split())


# ---------------------------------------------------------------- fallback words


def rare_terms(terms: list[str], frequency: Callable[[str], int], keep: int = RARE_TERMS) -> list[str]:
    """The query's rarest words that occur at all (up to `keep`, held by at most FALLBACK_POSTINGS
    documents between them), for the bm25 fallback of either backend: ranking every document
    holding "the" costs seconds in a large library and says nothing about where a quote is."""
    counts = {term: frequency(term) for term in terms}
    chosen: list[str] = []
    postings = 0
    for term in sorted((t for t in terms if counts[t]), key=lambda t: (counts[t], t))[:keep]:
        if postings + counts[term] > FALLBACK_POSTINGS:
            break  # even the rarest word is everywhere: ranking most of the library would say nothing
        chosen.append(term)
        postings += counts[term]
    return chosen


def near_groups(query_words: list[str], frequency: Callable[[str], int]) -> tuple[list[list[list[str]]], int]:
    """Word groups for `near_sources`, tried in turn, and how far apart their words may stand.
    The words: the quote's rarest (up to NEAR_WORDS of those the library holds at all). First the
    whole group; then, for four words or more, every group that leaves one out (the word an edit
    changed). Spread over at most the quote's length plus NEAR_SLACK. None for under two words."""
    distinct = list(dict.fromkeys(w.replace('"', "") for w in query_words if w.replace('"', "")))
    present = [w for w in distinct if frequency(w)]
    if len(present) < 2:
        return [], 0
    words = sorted(present, key=lambda w: (frequency(w), -len(w), w))[:NEAR_WORDS]
    words.sort(key=present.index)  # back in the quote's order
    rounds = [[words]]
    if len(words) >= 4:  # leaving one of three out would leave word pairs: found all over a large library
        rounds.append([words[:i] + words[i + 1:] for i in range(len(words))])
    return rounds, len(query_words) + NEAR_SLACK


# ---------------------------------------------------------------- candidate regions


def regions_from_postings(postings: list[tuple[int, Int64s, Int64s]], n_grams: int, span: int,
                          limit: int) -> list[Region]:
    """`regions_from_flat` for postings given per query trigram: (its index among the query's
    distinct trigrams, source ids, word positions)."""
    postings = [p for p in postings if len(p[1])]
    if not postings:
        return []
    which = np.concatenate([np.full(len(p[1]), p[0], dtype=np.int64) for p in postings])
    sources = np.concatenate([p[1] for p in postings]).astype(np.int64)
    positions = np.concatenate([p[2] for p in postings]).astype(np.int64)
    return regions_from_flat(which, sources, positions, n_grams, span, limit)


def regions_from_flat(which: Int64s, sources: Int64s, positions: Int64s, n_grams: int, span: int,
                      limit: int) -> list[Region]:
    """Candidate regions from the postings of a query's trigrams, best first — shared by every backend
    so that they rank alike.

    One posting per (query trigram index `which`, source, word position); common trigrams are
    dropped already. Hits of one source closer together than `span` words form a region; a region
    scores by the distinct query trigrams it holds, out of `n_grams`.

    At a million documents a quote's trigrams have hundreds of thousands of postings, nearly all
    in sources holding one or two of them. A source with c postings has no region above c hits, so
    regions are first ranked among the sources with the most postings, and the rest are looked at
    only if one of them could still reach the top `limit`.
    """
    if len(sources) == 0:
        return []
    per_source, counts = _postings_per_source(sources)
    counts = np.sort(counts)[::-1]  # postings of each source holding any, most first
    rank = limit * 4
    while True:
        threshold = int(counts[min(rank, len(counts) - 1)])
        keep = per_source >= threshold
        ranked = ranked_regions(which[keep], sources[keep], positions[keep], n_grams, span, limit)
        if rank >= len(counts) - 1 or (len(ranked) >= limit and ranked[-1].hits >= threshold):
            return ranked  # a source left out has under `threshold` postings: it cannot reach or tie the last
        rank *= 8


def _postings_per_source(sources: Int64s) -> tuple[Int64s, Int64s]:
    """For each posting, how many postings its source has; and that count for each source."""
    if int(sources.max()) < 50_000_000:
        counts = np.bincount(sources)
        return counts[sources], counts[counts > 0]
    _, inverse, counts = np.unique(sources, return_inverse=True, return_counts=True)
    return counts[inverse], counts


def ranked_regions(which: Int64s, sources: Int64s, positions: Int64s, n_grams: int, span: int,
                   limit: int) -> list[Region]:
    """The top `limit` regions, every source ranked (what regions_from_flat's shortcut must equal)."""
    order = np.lexsort((which, positions, sources))
    sources, positions, which = sources[order], positions[order], which[order]
    starts = np.ones(len(sources), dtype=bool)
    starts[1:] = (sources[1:] != sources[:-1]) | (positions[1:] - positions[:-1] > span)
    cluster = np.cumsum(starts) - 1
    width = int(which.max()) + 1
    pairs = np.sort(cluster * width + which)
    distinct = np.bincount(pairs[np.concatenate([[True], pairs[1:] != pairs[:-1]])] // width,
                           minlength=int(cluster[-1]) + 1)
    first = np.flatnonzero(starts)
    last = np.append(first[1:] - 1, len(sources) - 1)
    ranked = np.lexsort((positions[first], sources[first], -distinct))[:limit]
    return [Region(int(sources[first[i]]), int(positions[first[i]]), int(positions[last[i]]) + GRAM_SIZE,
                   int(distinct[i]), float(distinct[i]) / n_grams) for i in ranked]
