"""`make bench`: measure sourcecheck and write docs/benchmarks.md.

1. Quote extraction and attribution on the gold set (core and held-out), side by side with
   textacy's `direct_quotations` (the spaCy-based quotation extractor on PyPI), same model, same run.
2. Quote verification: 2,100 quotes cut from the speeches with controlled edits, against the whole
   speech library plus decoys, side by side with quotecheck (bench/verify.py).
3. Library build speed (MB/s) and size over the public-domain presidential speeches, and
   candidate lookup latency for altered quotes cut from them.
4. The web app under load (bench/load.py): clients checking articles while others browse.
5. Hostile input: 10,000 fuzzed documents through quotes, check and add (bench/fuzz.py).

`python bench/run.py --only load` (or cost, fuzz, gold, verify, wild, polnear) reruns one section in place.
"""

from __future__ import annotations

import os
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from shared_data import SPEECHES  # noqa: E402

import gold  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "docs" / "benchmarks.md"
COMMAND = "make bench"


def textacy_extractor(nlp):
    """textacy.extract.triples.direct_quotations, run paragraph by paragraph.

    On a whole article it refuses to run whenever the count of quote marks is odd (any quote
    continued over paragraphs, any inch mark), so it gets each paragraph on its own: its best case.
    """
    from textacy.extract.triples import direct_quotations

    from sourcecheck.ingest import ingest_path

    def extract(path: Path):
        doc = ingest_path(path)
        found = []
        for block in doc.blocks:
            parsed = nlp(doc.text[block.start : block.end])
            try:
                triples = list(direct_quotations(parsed))
            except ValueError:
                continue
            for triple in triples:
                text = " ".join(span.text for span in triple.content) if isinstance(triple.content, list) \
                    else triple.content.text
                speaker = " ".join(t.text for t in triple.speaker) if triple.speaker else None
                found.append((text.strip("\"“”'‘’ "), speaker, None))
        return found

    return extract


def timed_scores(extract, split: str) -> tuple[gold.Score, float]:
    started = time.perf_counter()
    score = gold.score_split(split, extract)
    return score, time.perf_counter() - started


def gold_section(nlp) -> list[str]:
    systems = {"sourcecheck": gold.sourcecheck_extractor(nlp)}
    try:
        systems["textacy 0.13.0 direct_quotations"] = textacy_extractor(nlp)
    except ImportError:
        print("textacy not installed: peer column skipped", file=sys.stderr)
    lines = ["## Quote extraction and attribution (gold set)", "",
             "Gold: hand-annotated articles (tests/gold; provenance per file in tests/gold/README.md). Four "
             "splits were written for the project with fictional people and documents (wire news, analysis, a "
             "court report, sport, science, an editorial, a profile; text incl. Windows-1252, Markdown, HTML): "
             "`core` used while developing the rules, `heldout` written afterwards, `dev` and `test` written "
             "separately without the rules in view. The wild splits are real texts written by others (Wikipedia "
             "articles with footnotes, a quote list, Wikinews news, a State Department essay, presidential "
             "transcripts), annotated without the rules in view: `wild/dev` (12 texts) was developed on, "
             "`wild/test` (9 texts) scored once. A predicted quote matches a gold one when their normalised "
             "texts are ≥ 90% similar (rapidfuzz ratio), one to one. Attribution accuracy: over matched quotes, "
             "the right speaker (any alias the article uses) or rightly none.", "",
             "| split | system | gold quotes | predicted | precision | recall | F1 | kind acc. | attribution acc. "
             "| of attributed gold | of unattributed gold | seconds |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for split in gold.splits():
        for name, extract in systems.items():
            score, seconds = timed_scores(extract, split)
            kind = f"{score.kind_accuracy:.3f}" if name == "sourcecheck" else "–"
            lines.append(
                f"| {split} | {name} | {score.gold} | {score.predicted} | {score.precision:.3f} | {score.recall:.3f} "
                f"| {score.f1:.3f} | {kind} | {score.attribution:.3f} "
                f"| {_ratio(score.attributed_right, score.attributed_gold)} "
                f"| {_ratio(score.unattributed_right, score.unattributed_gold)} | {seconds:.1f} |")
            print(lines[-1], file=sys.stderr)
    return lines + [""]


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b} ({a / b:.2f})" if b else "–"


def library_section() -> list[str]:
    from sourcecheck.ingest import ingest_path
    from sourcecheck.library import SqliteLibrary
    from sourcecheck.tokens import normalized_words

    paths = sorted(SPEECHES.glob("*.txt"))
    if not paths:
        return ["## Library", "", f"Skipped: {SPEECHES} not found (set SOURCECHECK_SHARED).", ""]
    size_mb = sum(p.stat().st_size for p in paths) / 1e6
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "speeches.db"
        library = SqliteLibrary(db_path)
        started = time.perf_counter()
        docs = [ingest_path(p) for p in paths]
        ingest_seconds = time.perf_counter() - started
        started = time.perf_counter()
        for doc in docs:
            library.add(doc)
        add_seconds = time.perf_counter() - started
        library.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db_mb = db_path.stat().st_size / 1e6
        latencies, found = _lookup_latencies(library, docs, normalized_words)
        library.close()
    return [
        "## Library build and candidate lookup (presidential speeches)", "",
        f"{len(paths)} speeches, {size_mb:.1f} MB of text.", "",
        "| measure | value |", "| --- | --- |",
        f"| ingest (read, decode, canonical text) | {ingest_seconds:.1f} s ({size_mb / ingest_seconds:.1f} MB/s) |",
        f"| add to library (SQLite text, FTS5, trigram postings) | {add_seconds:.1f} s "
        f"({size_mb / add_seconds:.2f} MB/s, one core) |",
        f"| library size on disk | {db_mb:.0f} MB ({db_mb / size_mb:.1f}× the text) |",
        f"| candidate lookup, 300 altered quotes of 6–40 words (median / p95) | "
        f"{statistics.median(latencies):.1f} ms / {_p95(latencies):.1f} ms |",
        f"| right source and region ranked first | {found}/300 |", "",
        "Altered quotes: a random passage of a random speech with 1–3 random word edits "
        "(insert, drop, replace). Lookup = `Library.candidates` (trigram postings and voting), warm.", ""]


def _lookup_latencies(library, docs, normalized_words) -> tuple[list[float], int]:
    rng = random.Random(7)
    vocabulary = ["full", "not", "great", "people", "nation", "never", "free", "all", "new", "peace"]
    ids = {doc.sha256: s.id for s in library.sources() for doc in docs if doc.sha256 == s.sha256}
    latencies, found = [], 0
    for _ in range(300):
        doc = rng.choice(docs)
        words = normalized_words(doc.text)
        length = rng.randint(6, 40)
        if len(words) <= length:
            continue
        start = rng.randrange(len(words) - length)
        quote = words[start : start + length]
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(quote))
            op = rng.choice(["insert", "drop", "replace"])
            if op == "insert":
                quote.insert(i, rng.choice(vocabulary))
            elif op == "drop" and len(quote) > 4:
                del quote[i]
            else:
                quote[i] = rng.choice(vocabulary)
        started = time.perf_counter()
        candidates = library.candidates(quote)
        latencies.append((time.perf_counter() - started) * 1000)
        if candidates and candidates[0].source_id == ids[doc.sha256] \
                and candidates[0].word_start <= start + length and candidates[0].word_end >= start:
            found += 1
    return latencies, found


def _p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95) - 1]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(re.sub(r".*:\s*", "", line).strip() for line in open("/proc/cpuinfo") if "model name" in line)
    except (OSError, StopIteration):
        pass
    python = platform.python_version()
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), Python {python}"


def wild_section(nlp) -> list[str]:
    """Verdicts on the wild gold set against the speeches (bench/wild.py)."""
    import wild

    if not SPEECHES.is_dir():
        return ["## Verdicts on real text (wild gold set)", "", "Skipped: the speeches data set is not there.", ""]
    with tempfile.TemporaryDirectory() as folder:
        libraries = wild.SpeechLibraries(Path(folder))
        try:
            scores = {split: wild.score_split(split, libraries, nlp) for split in wild.SPLITS}
        finally:
            libraries.close()
    return ["## Verdicts on real text (wild gold set)", "",
            "The wild splits' quotes (tests/gold/wild, real texts written by others; provenance in "
            "tests/gold/README.md) checked against the 1,010 presidential speeches as `sourcecheck check` does "
            "(a transcript taken from the speeches is checked without its own file), beside the verdict its "
            "annotator found. False altered: `altered` for a quote no speech holds (a false accusation of "
            "misquoting). False verbatim: `verbatim` for a quote that is not word for word in a speech.", "",
            *wild.table(scores), ""]


def polnear_section(nlp) -> list[str]:
    """PolNeAR, evaluated locally only (no licence): skipped unless $POLNEAR points at its data."""
    import polnear

    title = ["## Attribution on political news (PolNeAR)", ""]
    root = Path(os.environ.get("POLNEAR") or polnear.DEFAULT_ROOT)
    if not (root / "data" / "dev" / "attributions").is_dir():
        return [*title, "Skipped: PolNeAR has no licence and is not shipped; set POLNEAR to a local copy of its "
                "data/ (fetch networkdynamics/PolNeAR, `git archive HEAD data | tar -x`).", ""]
    results = {split: polnear.summary(polnear.score_split(root, split, nlp).counts) for split in polnear.SPLITS}
    return [*title,
            "PolNeAR (Newell, Margolin & Ruths, LREC 2018): 1,008 US election news articles with every "
            "attribution annotated (Source, Cue, Content). Evaluated locally only: the corpus has no licence, "
            "and nothing of it is in this repository. Definitions: bench/polnear.py's docstring. In short: a "
            "predicted quote lies in a gold attribution when at least half of its characters are inside the "
            "gold content; metric 1 counts the gold attributions whose content holds a quotation in double "
            "marks that a predicted quote lies in with the right speaker. Metric 3 scores every attribution "
            "sourcecheck.reported finds (direct, indirect, mixed: its content and source) by the same rule; "
            "with the quotes alone it was F1 0.430 dev / 0.425 test. Developed on dev; test scored once, "
            "at the end of the session that raised metric 3 (issue 16).", "",
            polnear.markdown(results), ""]


SECTIONS = {"gold": "## Quote extraction and attribution", "verify": "## Quote verification",
            "wild": "## Verdicts on real text", "polnear": "## Attribution on political news",
            "load": "## Web app under load", "cost": "## What a check costs by article length",
            "fuzz": "## Hostile input (fuzz)"}


def fuzz_section() -> list[str]:
    """bench/fuzz.py: 10,000 hostile inputs through quotes, check and add, in a watched worker."""
    import fuzz

    return fuzz.section(fuzz.run(10_000, seed=15, scale=1.0), "python bench/run.py --only fuzz")


def refresh(names: list[str], nlp) -> None:
    """Rerun only some sections and put them in place of their old text in docs/benchmarks.md."""
    import verify

    makers = {"gold": lambda: gold_section(nlp), "verify": verify.run, "wild": lambda: wild_section(nlp),
              "polnear": lambda: polnear_section(nlp), "load": __import__("load").run,
              "cost": __import__("check_cost").run, "fuzz": fuzz_section}
    text = OUTPUT.read_text(encoding="utf-8")
    for name in names:
        new = "\n".join(makers[name]())
        head = SECTIONS[name]
        start = text.find(head)
        if start < 0:
            text = text.rstrip("\n") + "\n\n" + new
            continue
        end = text.find("\n## ", start + len(head))
        text = text[:start] + new.rstrip("\n") + "\n" + (text[end:] if end >= 0 else "")
    lines = text.split("\n")
    earlier = next((line for line in lines if line.startswith("Sections ") and time.strftime("%Y-%m-%d") in line), "")
    rerun = re.match(r"Sections (.+?) rerun", earlier)
    names = [*dict.fromkeys([*(rerun.group(1).split(", ") if rerun else []), *names])]
    stamp = f"Sections {', '.join(names)} rerun, each by `python bench/run.py --only NAME` (PolNeAR: with " \
            f"POLNEAR set), on {time.strftime('%Y-%m-%d')}, {machine()}; the others are from the last full run."
    lines = [line for line in lines if not line.startswith("Sections ")]
    lines.insert(3, stamp)
    OUTPUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"updated {OUTPUT}: {', '.join(names)}", file=sys.stderr)


def standalone_sections(old: str, new_lines: list[str]) -> list[str]:
    """Sections the full run does not produce (bench/build_costs.py, bench/without_numba.py: hours or
    a separate command each), kept from the old file as they were, each with its own command line."""
    produced = {line for line in new_lines if line.startswith("## ")}
    kept: list[str] = []
    for section in re.split(r"\n(?=## )", old)[1:]:
        if section.split("\n", 1)[0] not in produced:
            kept += [*section.rstrip("\n").split("\n"), ""]
    return kept


def main() -> None:
    from sourcecheck.attribution import load_nlp

    nlp = None if sys.argv[-2:] == ["--only", "fuzz"] else load_nlp()  # the fuzz worker loads its own
    if "--only" in sys.argv:
        refresh(sys.argv[sys.argv.index("--only") + 1].split(","), nlp)
        return
    lines = ["# Benchmarks", "",
             f"Produced by `{COMMAND}` (bench/run.py) on {time.strftime('%Y-%m-%d')}, {machine()}. "
             "This machine is shared and noisy: compare the columns of one run, not numbers across runs.", ""]
    lines += gold_section(nlp)
    import verify

    lines += verify.run()
    lines += wild_section(nlp)
    lines += polnear_section(nlp)
    lines += library_section()
    lines += __import__("scale").run()  # bench/scale.py: issue 5, sizes from SCALE_SIZES (default 1k–1M)
    lines += __import__("spark_bench").section()  # corpus checks on Spark, local[1] vs local[2]
    lines += __import__("load").run()  # bench/load.py: `sourcecheck serve` checking and browsing at once
    lines += __import__("check_cost").run()  # bench/check_cost.py: the ground for serve's article limit
    lines += fuzz_section()  # hostile input: crashes, hangs and memory peaks
    lines += standalone_sections(OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else "", lines)
    OUTPUT.write_text("\n".join(lines))
    print(f"wrote {OUTPUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
