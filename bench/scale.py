"""Scale benchmark (issue 5): build speed, library size, peak memory, verification latency and
recall over synthetic archives of 1k to 1M documents, side by side with quotecheck at 1k and 10k.

    python bench/scale.py --sizes 1000,10000        # prints the markdown section
    SCALE_SIZES=1000,10000 make bench               # the same section inside docs/benchmarks.md

- Archive: bench/corpus.py (the speeches' paragraphs recombined, deterministic for a seed). The
  library of n documents holds the first n documents of one sequence, so the libraries are nested:
  the 1k library is the first 1k documents of the 10k one, and so on.
- Build: each library is built in a separate process (`--build-child`) through the real ingest
  path (`ingest.ingest_bytes` per document) and the library's bulk add (`add_many`, or `add` per
  document where the library has no `add_many`), with a progress bar. Peak memory is that
  process's ru_maxrss (os.wait4), plus the sampled total RSS of its process tree when it starts
  workers. A library is reused when its manifest (size, seed, hash of bench/corpus.py, library
  schema version) matches; they live under build/scale/ (git-ignored).
- Quotes: cut with bench/verify.py's controlled edits from the first 1,000 documents, so present
  in every library, plus `absent` ones cut from the speeches the archive never uses. The same
  quotes at every size.
- Latency: `check.verify_quote` (candidates, alignment, verdict; no spaCy, no attribution) with a
  fresh source cache per call, called twice per quote: the first call is reported as such, the
  second is the warm latency.
- Recall: present quotes whose verdict points at the right passage: the source words the match
  covers are the quoted passage's words (difflib ratio over normalised words ≥ 0.9, any document
  holding the same text counts).
"""

from __future__ import annotations

import bisect
import difflib
import functools
import hashlib
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
import verify  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SCALE_DIR = ROOT / "build" / "scale"
DEFAULT_SIZES = (1_000, 10_000, 100_000, 1_000_000)
SEED = 1  # the archive's
QUOTE_SEED = 23
N_QUOTES = 300
QUOTE_DOCS = 1_000  # quotes are cut from the first documents, present at every size
QUOTECHECK_SIZES = (1_000, 10_000)
QUOTECHECK_QUOTES = (84, 28)  # quotes timed with quotecheck at each of QUOTECHECK_SIZES: it scans every document
SAME_PASSAGE = 0.9


def warm_up() -> None:
    """Load every compiled kernel from its on-disk cache (compiling it the first time): about a
    second, once per process, kept out of the timings. Nothing to do without Numba."""
    import numpy as np

    from sourcecheck import kernels, segments
    from sourcecheck.grams import _index_fold_table

    if not kernels.AVAILABLE:
        return
    folded, _, _ = kernels.fold_index(np.frombuffer("Ab \u2014c\0d É".encode(), np.uint8), *_index_fold_table())
    ids, _ = kernels.word_ids(folded)
    keys, sources, positions = kernels.trigram_postings(ids, np.array([0, len(ids)], np.int64), np.ones(1, np.int64))
    packed, records = kernels.packed_records(keys, sources, positions, 1)
    packed.sort()
    kernels.segment_layout(packed, 1, records, 10)
    one = segments.SegmentArrays(keys, np.ones(1, np.int64), np.array([0, 1], np.int64), sources, positions)
    segments._compiled_merge([one], 10)
TARGETS = {"median_ms": 50, "p95_ms": 250, "mb_s_per_core": 10, "peak_mb": 2048}


# ---------------------------------------------------------------- building


def library_db(folder_or_db: str | Path) -> Path:
    path = Path(folder_or_db)
    return path if path.suffix == ".db" else path / "library.db"


def default_library(n: int, seed: int = SEED) -> Path:
    return SCALE_DIR / f"seed{seed}-n{n}" / "library.db"


def _manifest(db: Path) -> Path:
    return db.with_name(db.name + ".manifest.json")


def manifest_key(n: int, seed: int) -> dict:
    from sourcecheck.library import SCHEMA_VERSION

    corpus_hash = hashlib.sha256(Path(corpus.__file__).read_bytes()).hexdigest()
    return {"n": n, "seed": seed, "corpus_sha256": corpus_hash, "schema_version": SCHEMA_VERSION}


def library_files(db: Path) -> list[Path]:
    """The library: the database and every sibling whose name starts with its name (WAL, index
    files, a sidecar folder), but not the benchmark's manifest."""
    if not db.parent.exists():
        return []
    return sorted(p for p in db.parent.iterdir() if p.name.startswith(db.name) and p != _manifest(db))


def disk_bytes(db: Path) -> int:
    total = 0
    for path in library_files(db):
        if path.is_dir():
            total += sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
        else:
            total += path.stat().st_size
    return total


ABLATIONS = ("full-text",)  # what a build can be told to skip, to measure what it costs (never for lookups)


def build(folder_or_db: str | Path, n: int, seed: int = SEED, rebuild: bool = False, without: str | None = None
          ) -> dict:
    """The library of the first n synthetic documents, built in a separate process unless an
    identical one (by manifest) is there already. Returns the build's measurements. `without`
    (one of ABLATIONS) builds it without that index: a library only to time, not to search."""
    db = library_db(folder_or_db)
    key = {**manifest_key(n, seed), **({"without": without} if without else {})}
    manifest = _manifest(db)
    if not rebuild and db.exists() and manifest.exists():
        recorded = json.loads(manifest.read_text())
        if recorded.get("key") == key:
            return {**recorded["stats"], "reused": True}
    for path in library_files(db) + [manifest]:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    db.parent.mkdir(parents=True, exist_ok=True)
    stats_file = db.with_name(db.name + ".manifest.tmp")
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--build-child", str(db), str(n),
                              str(seed), str(stats_file), *([without] if without else [])])
    sampler = _TreeSampler(child.pid)
    sampler.start()
    probe = _WriterProbe(db)
    probe.start()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    sampler.stop()
    probe.stop()
    if child.returncode != 0:
        raise RuntimeError(f"building {db} failed (exit code {child.returncode})")
    measured = json.loads(stats_file.read_text())
    stats_file.unlink()
    stats = {
        **measured,
        "process_seconds": time.perf_counter() - started,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "maxrss_mb": usage.ru_maxrss / 1024,  # KiB on Linux: the largest of the process and its reaped children
        "tree_peak_mb": sampler.peak_bytes / 2**20,
        "tree_processes": sampler.max_processes,
        "writer_probes": len(probe.waits),
        "writer_wait_max_s": max(probe.waits, default=None),
        "disk_bytes": disk_bytes(db),
        "commit": _commit(),
        "built_on": time.strftime("%Y-%m-%d"),
    }
    manifest.write_text(json.dumps({"key": key, "stats": stats}, indent=1))
    return {**stats, "reused": False}


def _build_child(db: str, n: int, seed: int, stats_file: str, without: str | None = None) -> None:
    """In the child process: generate, ingest and add n documents with a progress bar."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from sourcecheck import ingest, libraries, library

    clock = {"generate": 0.0, "ingest": 0.0, "bytes": 0, "docs": 0}

    def items():
        generated = corpus.documents(n, seed)
        while True:
            t0 = time.perf_counter()
            try:
                name, text = next(generated)
            except StopIteration:
                return
            data = text.encode("utf-8")
            t1 = time.perf_counter()
            doc = ingest.ingest_bytes(data, name)
            clock["generate"] += t1 - t0
            clock["ingest"] += time.perf_counter() - t1
            clock["bytes"] += len(data)
            clock["docs"] += 1
            yield doc, None

    import resource

    def cpu_split() -> tuple[float, float]:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + children.ru_utime, own.ru_stime + children.ru_stime

    def cpu() -> float:
        return sum(cpu_split())

    if without == "full-text":  # SQLite's FTS5 statements skipped; everything else as in a build
        library.SqliteLibrary._index_full_text = lambda self, rows: None
        library.SqliteLibrary._merge_full_text = lambda self: None
    elif without is not None:
        raise SystemExit(f"unknown ablation {without!r} (known: {', '.join(ABLATIONS)})")
    warm_up()  # start-up: load the compiled kernels (about a second, once per process)
    split_started = cpu_split()
    cpu_started = cpu()
    started = time.perf_counter()
    lib = libraries.open_library(db)
    add_many = getattr(lib, "add_many", None)
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[mb]:,.0f} MB {task.fields[rate]:.2f} MB/s"), TimeElapsedColumn(),
               TimeRemainingColumn()]
    with Progress(*columns, console=Console(stderr=True)) as progress:
        task = progress.add_task(f"library of {n:,} documents", total=n, mb=0.0, rate=0.0)

        done = [0]

        def on_result(*_args, **_kwargs) -> None:
            done[0] += 1
            if done[0] % 1000 == 0 or done[0] == n:  # the bar is redrawn a few times a second anyway
                mb = clock["bytes"] / 1e6
                progress.update(task, completed=done[0], mb=mb, rate=mb / max(time.perf_counter() - started, 1e-9))

        if add_many is not None:
            add_many(items(), on_result=on_result, on_phase=lambda doing: progress.update(task, description=doing))
        else:
            for doc, metadata in items():
                lib.add(doc, metadata)
                on_result()
    count = lib.count()
    lib.close()
    wall = time.perf_counter() - started
    Path(stats_file).write_text(json.dumps({
        "n": n, "seed": seed, "documents": count, "text_bytes": clock["bytes"], "wall_seconds": wall,
        "generate_seconds": clock["generate"], "ingest_seconds": clock["ingest"], "bulk": add_many is not None,
        "build_cpu_seconds": cpu() - cpu_started, "without": without,
        # user and system CPU, generation included (the synthetic text is made in user time)
        "build_user_seconds": cpu_split()[0] - split_started[0],
        "build_system_seconds": cpu_split()[1] - split_started[1]}))


class _TreeSampler(threading.Thread):
    """Total RSS of a process and its descendants, sampled twice a second (for builds that start
    worker processes, whose memory ru_maxrss does not add up)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_bytes, self.max_processes = pid, 0, 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.5):
            pids = _descendants(self.pid)
            self.max_processes = max(self.max_processes, len(pids))
            self.peak_bytes = max(self.peak_bytes, sum(_rss(p) for p in pids))

    def stop(self) -> None:
        self._done.set()
        self.join()


class _WriterProbe(threading.Thread):
    """Another user's writes during the build: once a second, take the library's write lock (as
    `sourcecheck add` does, BEGIN IMMEDIATE) and let it go at once, noting how long it waited — the
    longest is how long the build held the lock at one stretch, as a colleague adding a source
    then would feel it. Starts once the build has stored its first batch (a library being created
    switches to WAL, which wants the file to itself)."""

    def __init__(self, db: Path) -> None:
        super().__init__(daemon=True)
        self.db, self.waits = db, []
        self._done = threading.Event()

    def run(self) -> None:
        import sqlite3

        index = self.db.with_name(self.db.name + ".index")
        while not self._done.wait(1.0):
            if index.is_dir() and any(index.glob("seg-*")):
                break
        else:
            return
        connection = sqlite3.connect(str(self.db), timeout=3600, isolation_level=None)
        try:
            while not self._done.wait(1.0):
                started = time.perf_counter()
                connection.execute("BEGIN IMMEDIATE")
                self.waits.append(time.perf_counter() - started)
                connection.execute("ROLLBACK")
        finally:
            connection.close()

    def stop(self) -> None:
        self._done.set()
        self.join()


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [], [root]
    while frontier:
        pid = frontier.pop()
        if pid in parents:
            found.append(pid)
            frontier += [child for child, parent in parents.items() if parent == pid]
    return found


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _commit() -> str:
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "src"], capture_output=True,
                               text=True, check=True).stdout.strip()
        return head + ("+dirty src" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


# ---------------------------------------------------------------- quotes


@dataclass
class ScaleQuote:
    kind: str
    text: str
    source: str  # the synthetic document's file name, or the held-out speech's path
    passage: str  # the source words the quote was cut from ("" for absent)


CASES = [kind for kind in verify.CASES if kind != "phrase"]  # phrases need no archive of any size


def make_quotes(n: int = N_QUOTES, seed: int = QUOTE_SEED, corpus_seed: int = SEED,
                from_docs: int = QUOTE_DOCS) -> list[ScaleQuote]:
    """verify.py's cases, round robin over its kinds: present ones cut from the first `from_docs`
    documents, absent ones from the held-out speeches. Absent quotes, and altered ones, are kept
    only when their words stand nowhere in the speeches the archive uses: so at any size an absent
    quote is absent and an altered one is altered."""
    docs = [(name, text.partition("\n\n")[2]) for name, text in corpus.documents(from_docs, corpus_seed)]
    held_out = corpus.held_out()
    used = used_text()
    rng = random.Random(seed)
    quotes: list[ScaleQuote] = []
    while len(quotes) < n:
        kind = CASES[len(quotes) % len(CASES)]
        source, text = rng.choice(held_out if kind == "absent" else docs)
        case = verify.make_case(kind, text, source, rng)
        if case is None:
            continue
        if kind == "absent":
            if _bare(case.quote) in used:
                continue  # the held-out speech repeats words another speech has
            quotes.append(ScaleQuote(kind, case.quote, source, ""))
        elif verify.expected(kind) == "altered" and _bare(case.quote) in used:
            continue  # the altered words stand verbatim elsewhere: a larger archive would rightly call them so
        else:
            quotes.append(ScaleQuote(kind, case.quote, source, text[case.span[0] : case.span[1]]))
    return quotes


@functools.cache
def used_text() -> str:
    """Every paragraph the archive may use, as `_bare` words."""
    return _bare(" ".join(p for _, paragraphs in corpus._speeches() for p in paragraphs))


def _bare(text: str) -> str:
    """Words only, case-folded, one space apart and around: for a plain substring test."""
    return " " + " ".join(re.split(r"\W+", text.casefold())).strip() + " "


def stratified_subset(quotes: list[ScaleQuote], count: int, seed: int) -> list[int]:
    """Indices of `count` quotes drawn at random, as evenly as can be from each kind."""
    rng = random.Random(seed)
    by_kind: dict[str, list[int]] = {}
    for i, q in enumerate(quotes):
        by_kind.setdefault(q.kind, []).append(i)
    for indices in by_kind.values():
        rng.shuffle(indices)
    chosen: list[int] = []
    while len(chosen) < min(count, len(quotes)):
        for indices in by_kind.values():
            if indices and len(chosen) < count:
                chosen.append(indices.pop())
    return sorted(chosen)


def same_passage(found: str, passage: str) -> bool:
    """The found text is the passage: their normalised words nearly the same (ratio ≥ SAME_PASSAGE)."""
    from sourcecheck.tokens import normalized_words

    a, b = normalized_words(found), normalized_words(passage)
    return bool(a) and difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= SAME_PASSAGE


def at_passage(found: str, passage: str) -> bool:
    """The found text points at the passage: it holds at least half of the passage's words, in order."""
    from sourcecheck.tokens import normalized_words

    a, b = normalized_words(found), normalized_words(passage)
    matched = sum(block.size for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return bool(b) and matched >= len(b) / 2


# ---------------------------------------------------------------- measuring


@dataclass
class Outcome:
    kind: str
    verdict: str
    right_passage: bool
    at_passage: bool  # the looser test, for the comparison with quotecheck
    ms: float  # warm (second call) for sourcecheck; the one call for quotecheck
    first_ms: float | None = None
    as_close: bool = False  # not the passage, but a match at least as close to the quote (a tie, or verbatim elsewhere)

    @property
    def right_verdict(self) -> bool:
        return self.verdict == verify.expected(self.kind)


def measure_sourcecheck(db: Path, quotes: list[ScaleQuote]) -> list[Outcome]:
    import gc

    from sourcecheck.attribution import Attribution
    from sourcecheck.check import _SourceCache, verify_quote
    from sourcecheck.ingest import ingest_bytes
    from sourcecheck.libraries import open_library
    from sourcecheck.quotes import Quote
    from sourcecheck.spans import ArticleSpan

    gc.collect()
    gc.freeze()  # what earlier sections of make bench left is not sourcecheck's: as load_nlp does for the model
    lib = open_library(db)
    outcomes = []
    try:
        for q in quotes:
            article = ingest_bytes(q.text.encode("utf-8"), name="quote.txt")
            quote = Quote(0, (ArticleSpan(0, len(article.text)),), "direct", article.text, (), 0)
            attribution = Attribution(quote, None, None, "none")
            timings = []
            for _ in range(2):
                started = time.perf_counter()
                result = verify_quote(article, attribution, _SourceCache([lib]))
                timings.append((time.perf_counter() - started) * 1000)
            found = result.match.text if result.match is not None and q.kind != "absent" else ""
            right = bool(found) and same_passage(found, q.passage)
            outcomes.append(Outcome(q.kind, result.verdict, right, bool(found) and at_passage(found, q.passage),
                                    timings[1], timings[0], bool(found) and not right and _as_close(result, q)))
    finally:
        lib.close()
    return outcomes


def _as_close(result, quote: ScaleQuote) -> bool:
    """The match found costs no more than the planted passage would: the quote's words fit it as
    well (a larger archive can hold an equally close passage, or the very words verbatim)."""
    from sourcecheck.alignment import align, source_words

    planted = align(list(result.tokens), source_words(quote.passage))
    return result.alignment.cost <= planted.cost


def quotecheck_search(quote: str, texts: list[str]):
    """quotecheck has one source per call and no index: a user with a library loops over it, and
    may stop at the first document where the quote is found. (document index, Match)."""
    import quotecheck

    best = (None, quotecheck.Match("absent", 0, "", 0.0, -1))
    for i, text in enumerate(texts):
        match = quotecheck.check(quote, text)
        if match.status in ("found", "interleaved"):
            return i, match
        if match.status == "drift" and match.similarity > best[1].similarity:
            best = (i, match)
    return best


def _quotecheck_window(quote: str, text: str, offset: int) -> str:
    """The source text quotecheck points at: from its offset, as many folded characters as the quote."""
    from quotecheck import fold

    folded, index = fold(text)
    start = bisect.bisect_left(index, offset)
    end = min(start + len(fold(quote)[0]), len(index))
    return text[offset : index[end - 1] + 1] if end > start else ""


def measure_quotecheck(n: int, seed: int, quotes: list[ScaleQuote]) -> list[Outcome]:
    texts = [text for _, text in corpus.documents(n, seed)]
    quotecheck_search(quotes[0].text, texts[:10])  # imports and first-call costs out of the way
    outcomes = []
    for q in quotes:
        started = time.perf_counter()
        i, match = quotecheck_search(q.text, texts)
        ms = (time.perf_counter() - started) * 1000
        found = _quotecheck_window(q.text, texts[i], match.offset) if i is not None and q.kind != "absent" else ""
        outcomes.append(Outcome(q.kind, verify.quotecheck_verdict(match.status),
                                bool(found) and same_passage(found, q.passage),
                                bool(found) and at_passage(found, q.passage), ms))
    return outcomes


# ---------------------------------------------------------------- the section


@dataclass
class SizeResult:
    n: int
    build: dict
    ours: list[Outcome]
    theirs: list[Outcome] = field(default_factory=list)
    theirs_subset: list[int] = field(default_factory=list)  # indices of the quotes quotecheck was timed on


def run(sizes: list[int] | None = None, n_quotes: int | None = None, seed: int = SEED,
        quotecheck_sizes: list[int] | None = None, quotecheck_quotes: list[int] | None = None,
        rebuild: bool = False, command: str | None = None) -> list[str]:
    """Measure every size and return the markdown section. Defaults come from the environment
    (SCALE_SIZES, SCALE_QUOTES, SCALE_QUOTECHECK_SIZES, SCALE_QUOTECHECK_QUOTES), then the constants."""
    sizes = sorted(sizes or _env_ints("SCALE_SIZES", DEFAULT_SIZES))
    n_quotes = n_quotes or int(os.environ.get("SCALE_QUOTES", N_QUOTES))
    qc_sizes = quotecheck_sizes if quotecheck_sizes is not None else _env_ints("SCALE_QUOTECHECK_SIZES",
                                                                                 QUOTECHECK_SIZES)
    qc_counts = quotecheck_quotes or _env_ints("SCALE_QUOTECHECK_QUOTES", QUOTECHECK_QUOTES)
    if command is None:
        command = "make bench" + (f" (SCALE_SIZES={os.environ['SCALE_SIZES']})" if "SCALE_SIZES" in os.environ else "")
    from_docs = min(QUOTE_DOCS, sizes[0])
    quotes = make_quotes(n_quotes, QUOTE_SEED, seed, from_docs)
    _log(f"{len(quotes)} quotes from the first {from_docs:,} documents; sizes {sizes}")
    results = []
    for n in sizes:
        stats = build(default_library(n, seed), n, seed, rebuild=rebuild)
        _log(f"{n:,} documents: {'reused' if stats['reused'] else 'built'} library "
             f"({stats['text_bytes'] / 1e6:,.0f} MB of text, {stats['disk_bytes'] / 1e6:,.0f} MB on disk)")
        result = SizeResult(n, stats, measure_sourcecheck(default_library(n, seed), quotes))
        _log(f"{n:,} documents: sourcecheck median {_median(result.ours):.1f} ms, p95 {_p95(result.ours):.1f} ms")
        if n in qc_sizes:
            count = qc_counts[min(qc_sizes.index(n), len(qc_counts) - 1)]
            subset = stratified_subset(quotes, count, QUOTE_SEED + n)
            _log(f"{n:,} documents: quotecheck on {len(subset)} quotes (it scans every document)")
            result.theirs = measure_quotecheck(n, seed, [quotes[i] for i in subset])
            result.theirs_subset = subset
            _log(f"{n:,} documents: quotecheck median {_median(result.theirs):.0f} ms")
        results.append(result)
    parts = build_parts(seed)
    return section(results, quotes, from_docs, command, parts)


PARTS_DOCS = 20_000  # documents the build's parts are timed on (about 72 MB of text)


def build_parts(seed: int = SEED, n: int = PARTS_DOCS) -> list[tuple[str, float]]:
    """Where a build's time goes: each step of `Library.add_many` timed alone (CPU seconds of this
    process) on the same documents, as MB of text per CPU second — so the build's rate per core
    can be read against its parts, and against SQLite's FTS5 alone (C, the same full-text index)."""
    import sqlite3
    import tempfile

    import numpy as np

    from sourcecheck import ingest, segments
    from sourcecheck.grams import batch_postings, batch_word_ids
    from sourcecheck.library import FTS_HASH_BYTES, FULL_TEXT_CRISIS, FULL_TEXT_MERGE_PAGES
    from sourcecheck.library_base import BATCH_CHARS, COMMON_GRAM_POSTINGS

    raw = [(name, text.encode("utf-8")) for name, text in corpus.documents(n, seed)]
    mb = sum(len(data) for _, data in raw) / 1e6

    def timed(step) -> float:
        started = time.process_time()
        step()
        return mb / max(time.process_time() - started, 1e-9)

    docs: list = []
    rates = [("ingest (`ingest_bytes`: decode, canonical text, blocks, offsets, metadata, hash)",
              timed(lambda: docs.extend(ingest.ingest_bytes(data, name) for name, data in raw)))]
    texts = [doc.text for doc in docs]
    batches, size = [[]], 0
    for text in texts:  # the batches add_many makes
        batches[-1].append(text)
        size += len(text)
        if size >= BATCH_CHARS:
            batches.append([])
            size = 0

    warm_up()  # load the compiled kernels before timing (a build pays it once)

    def quote_index() -> None:
        for batch in batches:
            if batch:
                ids, offsets = batch_word_ids(batch)
                postings = batch_postings(ids, offsets, np.arange(1, len(batch) + 1))
                segments.build_flat(*postings, COMMON_GRAM_POSTINGS)

    rates.append(("quote index (word ids, trigrams, sorted segment)", timed(quote_index)))
    with tempfile.TemporaryDirectory() as folder:
        db = sqlite3.connect(str(Path(folder) / "fts.db"), isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE VIRTUAL TABLE f USING fts5(title, author, text, content='', "
                   "tokenize='unicode61 remove_diacritics 2')")
        bulk_settings = (("hashsize", FTS_HASH_BYTES), ("automerge", 0), ("crisismerge", FULL_TEXT_CRISIS))
        for setting, value in bulk_settings:  # as in a bulk add
            db.execute("INSERT INTO f (f, rank) VALUES (?, ?)", (setting, value))

        def full_text() -> None:
            start = 1
            for batch in batches:
                db.execute("BEGIN")
                db.executemany("INSERT INTO f (rowid, title, author, text) VALUES (?, NULL, NULL, ?)",
                               [(start + i, text) for i, text in enumerate(batch)])
                db.execute("COMMIT")
                start += len(batch)
            while True:  # and merged at the end, as a bulk add does (Library._merge_full_text)
                before = db.total_changes
                db.execute("INSERT INTO f (f, rank) VALUES ('merge', ?)", (FULL_TEXT_MERGE_PAGES,))
                if db.total_changes - before < 2:
                    break

        rates.append(("full-text index (SQLite FTS5 alone, the library's settings)", timed(full_text)))
        db.close()
    return rates


def section(results: list[SizeResult], quotes: list[ScaleQuote], from_docs: int, command: str,
            parts: list[tuple[str, float]] = ()) -> list[str]:
    import platform

    kinds = list(dict.fromkeys(q.kind for q in quotes))
    present = sum(q.kind != "absent" for q in quotes)
    lines = [
        "## Scale: synthetic archives of 1k to 1M documents (issue 5)", "",
        f"Produced by `{command}` (bench/scale.py) on {time.strftime('%Y-%m-%d')}, {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; shared, noisy machine.", "",
        "Archive (bench/corpus.py, seed 1): each document recombines 2–16 paragraphs (7.5 on average, about 3.6 KB) "
        "of 2–4 presidential speeches — the transcripts' own paragraphs, the few over 250 words cut at sentence ends "
        "— in order within each speech and interleaved; one paragraph in twenty has a few words replaced from its "
        "own vocabulary, one in four has the president's name swapped, each document a new date and author. So "
        "passages repeat across documents as they do in archives, exactly and nearly. Every twentieth speech is "
        "never used. The library of n documents is the first n of one sequence: the libraries are nested.", "",
        f"Quotes: {len(quotes)} cut with bench/verify.py's controlled edits (seed {QUOTE_SEED}, round robin over "
        f"{len(kinds)} cases: verbatim, typography, ellipsis, brackets, stitched, eight unmarked alterations) — "
        f"{present} from the first {from_docs:,} documents, so present in every library, and "
        f"{len(quotes) - present} `absent` ones from the held-out speeches. An absent or altered quote is kept only "
        "when its words stand nowhere in the speeches the archive uses, so that it is absent or altered at any "
        "size. The same quotes at every size.", "",
        "### Build", "",
        "Each library is built in its own process: documents generated, ingested (`ingest_bytes`) and added "
        "(`Library.add_many`, or `add` per document where there is none). MB/s: text MB over the build's wall time "
        "less the time spent generating the synthetic text; imports and start-up (loading the compiled kernels "
        "included: about a second, once per process) excluded. Cores: the build's CPU time (less generation) over "
        "that time; per core = MB/s ÷ max(1, cores). Peak RSS: ru_maxrss of the build "
        "process (os.wait4, so start-up included); the sampled RSS of its process tree is given too when it started "
        "workers. Another writer's longest wait: during the build a second connection takes the write lock once a "
        "second (BEGIN IMMEDIATE, as an add by another user does) and releases it; the longest it waited is the "
        "longest stretch the build held the lock (\"not measured\": the build was over before the probe's first "
        "try).", "",
        "| documents | text | wall | generating (excluded) | ingest | MB/s | cores busy | MB/s per core | peak RSS "
        "| library on disk | another writer's longest wait | add path | built |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        lines.append(_build_row(r.n, r.build))
    if parts:
        lines += ["", f"Where the time goes: each step alone on the first {PARTS_DOCS:,} documents, same run "
                  "(MB of text per CPU second; a build pays each of them, plus storing the rows and committing):", "",
                  "| step | MB per CPU second |", "| --- | --- |"]
        lines += [f"| {name} | {rate:.1f} |" for name, rate in parts]
        lines.append(f"| all three, one after another | {1 / sum(1 / rate for _, rate in parts):.1f} |")
    lines += ["", f"Targets (issue 5): ≥ {TARGETS['mb_s_per_core']} MB/s per core, peak memory ≤ 2 GB at 1M documents.",
              "", "### Verification latency and recall", "",
              "Latency: `check.verify_quote` (candidate windows from the index, alignment, verdict; no spaCy, no "
              "attribution), a fresh source cache per call so that reading and tokenising the candidate sources "
              "counts; each quote is checked twice and the second call is the warm latency. Recall: present quotes "
              f"whose match covers the passage they were cut from (normalised words, difflib ratio ≥ {SAME_PASSAGE}; "
              "any document holding the same text counts). A larger archive can hold another passage the quote "
              "fits as well — for a short altered quote, the very words verbatim, or a passage as many edits away: "
              "the last column counts the misses whose match costs no more than the planted passage (the quote "
              "aligned to it), so that a miss of the index can be told from a quote that became ambiguous.", "",
              "| documents | warm median ms | warm p95 ms | warm max ms | first call median / p95 ms | recall "
              "| right at the smallest size, missed here | right verdict | absent reported not_found "
              "| missed, a match as close found |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    base = results[0].ours
    for r in results:
        firsts = [o.first_ms for o in r.ours]
        lost = sum(1 for a, b in zip(base, r.ours, strict=True) if a.right_passage and not b.right_passage)
        absent = [o for o in r.ours if o.kind == "absent"]
        lines.append(
            f"| {r.n:,} | {_median(r.ours):.1f} | {_p95(r.ours):.1f} | {max(o.ms for o in r.ours):.1f} "
            f"| {statistics.median(firsts):.1f} / {_pct(firsts, 95):.1f} "
            f"| {_share(sum(o.right_passage for o in r.ours), present)} | {lost} "
            f"| {_share(sum(o.right_verdict for o in r.ours), len(r.ours))} "
            f"| {_share(sum(o.verdict == 'not_found' for o in absent), len(absent))} "
            f"| {sum(o.as_close for o in r.ours)} |")
    lines += ["", f"Targets (issue 5): warm median ≤ {TARGETS['median_ms']} ms and p95 ≤ {TARGETS['p95_ms']} ms at 1M "
              "documents; a quote present at 1k found as reliably at 1M.", "",
              "Recall by case (right passage):", "",
              "| case | quotes | " + " | ".join(f"{r.n:,}" for r in results) + " |",
              "| --- | --- | " + " | ".join("---" for _ in results) + " |"]
    for kind in kinds:
        if kind == "absent":
            continue
        row = [sum(o.right_passage for o in r.ours if o.kind == kind) for r in results]
        n = sum(q.kind == kind for q in quotes)
        lines.append(f"| {kind} | {n} | " + " | ".join(str(x) for x in row) + " |")
    compared = [r for r in results if r.theirs]
    if compared:
        lines += ["", "### Side by side with quotecheck", "",
                  "quotecheck 0.1.0 (PyPI) checks one phrase against one source text (`quotecheck.check(phrase, "
                  "text)`) and has no library, index or multi-document search, so it is run as a user with a library "
                  "would: over every document of the library in turn (texts already in memory, no file reading), "
                  "stopping at the first document where the quote is found — its best case; a quote not found "
                  "verbatim is checked against every document and its best `drift` kept. It keeps no state, so one "
                  "call per quote. It scans everything, so it is timed on a random subset of the quotes, drawn evenly "
                  "from each case (seeded; the same subset for sourcecheck in this table). The quotes' documents are "
                  "among the first 1,000, so a verbatim quote is found early at every size. Verdicts map "
                  "found/interleaved → verbatim, drift → altered, absent → not_found. quotecheck reports an offset, "
                  "not a span: its window is the source text from that offset as long as the quote. Right passage: "
                  f"the window is the passage (ratio ≥ {SAME_PASSAGE}, as above); at the passage: the window (the "
                  "match, for sourcecheck) holds at least half of the passage's words in order.", "",
                  "| documents | quotes timed | sourcecheck warm median / p95 ms | quotecheck median / p95 ms "
                  "| quotecheck ÷ sourcecheck (median) | right passage: sourcecheck / quotecheck "
                  "| at the passage: sourcecheck / quotecheck | right verdict: sourcecheck / quotecheck |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        for r in compared:
            ours = [r.ours[i] for i in r.theirs_subset]
            n_present = sum(o.kind != "absent" for o in ours)
            lines.append(
                f"| {r.n:,} | {len(ours)} | {_median(ours):.1f} / {_p95(ours):.1f} "
                f"| {_median(r.theirs):,.0f} / {_p95(r.theirs):,.0f} | {_median(r.theirs) / _median(ours):,.0f}× "
                f"| {_share(sum(o.right_passage for o in ours), n_present)} / "
                f"{_share(sum(o.right_passage for o in r.theirs), n_present)} "
                f"| {_share(sum(o.at_passage for o in ours), n_present)} / "
                f"{_share(sum(o.at_passage for o in r.theirs), n_present)} "
                f"| {_share(sum(o.right_verdict for o in ours), len(ours))} / "
                f"{_share(sum(o.right_verdict for o in r.theirs), len(r.theirs))} |")
    return lines + [""]


def _build_row(n: int, s: dict) -> str:
    text_mb = s["text_bytes"] / 1e6
    build_s = s["wall_seconds"] - s["generate_seconds"]
    mb_s = text_mb / build_s
    cores = max(0.0, s["build_cpu_seconds"] - s["generate_seconds"]) / build_s
    peak = f"{s['maxrss_mb']:,.0f} MB"
    if s.get("tree_processes", 1) > 1:
        peak += f" (tree of {s['tree_processes']} processes: {s['tree_peak_mb']:,.0f} MB)"
    built = f"{s['built_on']}, {s['commit']}" + (", reused" if s.get("reused") else "")
    waited = "not measured" if s.get("writer_wait_max_s") is None else \
        f"{s['writer_wait_max_s']:.2f} s ({s['writer_probes']:,} tries)"
    return (f"| {n:,} | {text_mb:,.1f} MB | {s['wall_seconds']:,.1f} s | {s['generate_seconds']:,.1f} s "
            f"| {s['ingest_seconds']:,.1f} s | {mb_s:.2f} | {cores:.2f} | {mb_s / max(1.0, cores):.2f} | {peak} "
            f"| {s['disk_bytes'] / 1e6:,.0f} MB ({s['disk_bytes'] / s['text_bytes']:.1f}× the text) | {waited} "
            f"| {'add_many' if s['bulk'] else 'add per document'} | {built} |")


def _median(outcomes: list[Outcome]) -> float:
    return statistics.median(o.ms for o in outcomes)


def _p95(outcomes: list[Outcome]) -> float:
    return _pct([o.ms for o in outcomes], 95)


def _pct(values: list[float], q: int) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * q // 100) - 1)]


def _share(a: int, b: int) -> str:
    return f"{a}/{b} ({a / b:.3f})" if b else "–"


def _env_ints(name: str, default) -> list[int]:
    value = os.environ.get(name)
    return [int(x) for x in value.replace("_", "").split(",")] if value else list(default)


def _log(message: str) -> None:
    print(f"[scale] {message}", file=sys.stderr, flush=True)


def main(argv: list[str]) -> None:
    import argparse

    if argv[:1] == ["--build-child"]:
        _build_child(argv[1], int(argv[2]), int(argv[3]), argv[4], *argv[5:6])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", help="comma-separated document counts (default: SCALE_SIZES or 1k,10k,100k,1M)")
    parser.add_argument("--quotes", type=int, help=f"quotes (default {N_QUOTES})")
    parser.add_argument("--quotecheck-sizes", help="sizes where quotecheck runs too (default 1000,10000; '' for none)")
    parser.add_argument("--quotecheck-quotes", help="quotes quotecheck is timed on, per such size (default 84,28)")
    parser.add_argument("--seed", type=int, default=SEED, help="the archive's seed")
    parser.add_argument("--rebuild", action="store_true", help="build the libraries even when a matching one exists")
    parser.add_argument("-o", "--output", type=Path, help="also write the section to this file")
    args = parser.parse_args(argv)

    def ints(value):
        return [int(x) for x in value.replace("_", "").split(",") if x] if value is not None else None

    lines = run(ints(args.sizes), args.quotes, args.seed, ints(args.quotecheck_sizes), ints(args.quotecheck_quotes),
                args.rebuild, command=" ".join(["python bench/scale.py", *argv]))
    text = "\n".join(lines)
    print(text)
    if args.output:
        args.output.write_text(text + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
