"""Corpus checks on Spark: articles per second on local[1] and local[2], and the scaling between them.

Articles: the two examples and every article of tests/gold (24 articles in text, Markdown, HTML,
one in Windows-1252), each written COPIES times under its own file name, so the corpus has
24 × COPIES articles of real length and quote density. The copies share all their text, which
makes the reuse step find COPIES·(COPIES−1)/2 pairs per article: a heavy case for it.
Sources: examples/sources (`--sources`, the scratch library every executor opens).

Each run is the command itself, in a fresh process: `sourcecheck corpus DIR --sources
examples/sources --out OUT --master local[N]`. "Job" is the time summary.json reports (Spark
session already up: checks, reuse, writing); "wall" adds the JVM and session start. For scale,
the same articles checked one after another in one Python process (check_article, model loaded
once, no Spark) give the single-machine rate.

Run alone: `.venv/bin/python bench/spark_bench.py` prints the section; bench/run.py includes it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "examples" / "sources"
COPIES = 3
MASTERS = ("local[1]", "local[2]")


def article_paths() -> list[Path]:
    from sourcecheck.pipeline import document_files

    examples = [ROOT / "examples" / "news-article.html", ROOT / "examples" / "opinion-piece.txt"]
    return examples + [Path(p) for p in document_files(ROOT / "tests" / "gold")]


def write_corpus(folder: Path, copies: int = COPIES) -> int:
    paths = article_paths()
    for copy in range(copies):
        for path in paths:
            shutil.copy(path, folder / f"copy{copy}-{path.parent.name}-{path.name}")
    return len(paths) * copies


def run_command(articles: Path, out: Path, master: str) -> tuple[dict, float]:
    command = [str(Path(sys.executable).with_name("sourcecheck")), "corpus", str(articles), "--sources",
               str(SOURCES), "--db", str(out.parent / "none.db"), "--out", str(out), "--master", master]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1: some quotes altered or not found, as the articles have
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stderr[-2000:]}")
    return json.loads((out / "summary.json").read_text()), wall


def sequential_rate(articles: Path) -> tuple[float, int]:
    """Articles per second checking one after another in this process, no Spark."""
    from sourcecheck.attribution import load_nlp
    from sourcecheck.check import check_article
    from sourcecheck.libraries import open_library
    from sourcecheck.pipeline import document_files, expand, load
    from sourcecheck.report import check_to_json_dict

    nlp = load_nlp()
    with open_library(":memory:") as library:
        for item in expand([str(SOURCES)]):
            library.add(load(item))
        paths = document_files(articles)
        started = time.perf_counter()
        for path in paths:
            check_to_json_dict(check_article(load(path), [library], nlp))
        return len(paths) / (time.perf_counter() - started), len(paths)


def _burn(_: int) -> float:
    started = time.perf_counter()
    total = 0
    for i in range(20_000_000):
        total += i
    return time.perf_counter() - started


def free_cores() -> float:
    """How many of two cores this machine gives a CPU-bound process right now (it is shared)."""
    from multiprocessing import Pool

    with Pool(2) as pool:
        alone = pool.apply(_burn, (0,))
        together = max(pool.map(_burn, [0, 1], chunksize=1))
    return min(2.0, 2 * alone / together)


def section(copies: int = COPIES) -> list[str]:
    cores_before = free_cores()
    with tempfile.TemporaryDirectory() as folder:
        articles = Path(folder) / "articles"
        articles.mkdir()
        n = write_corpus(articles, copies)
        runs = {master: run_command(articles, Path(folder) / master.replace("[", "-").strip("]"), master)
                for master in MASTERS}
        single, _ = sequential_rate(articles)
    cores_after = free_cores()
    lines = ["## Corpus checks on Spark (`sourcecheck corpus`)", "",
             f"{n} articles: the 2 examples and the {n // copies - 2} articles of tests/gold, each {copies} times "
             "under its own name (the copies make the reuse step find "
             f"{copies * (copies - 1) // 2} pairs per article on top of real shared passages); sources: "
             "examples/sources. Each run: `sourcecheck corpus ARTICLES --sources examples/sources --out OUT "
             "--master local[N]` in a fresh process (bench/spark_bench.py). Job: the time in summary.json "
             "(checks, reuse, writing); wall adds starting the JVM and the Spark session.", "",
             "| master | articles | quotes | reuse pairs | check s | reuse s | write s | job s | articles/s (job) "
             "| wall s | articles/s (wall) |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for master, (summary, wall) in runs.items():
        seconds, timings = summary["seconds"], summary["timings"]
        lines.append(f"| {master} | {summary['articles']} | {summary['quotes']} | {summary['reuse_pairs']} "
                     f"| {timings['check']:.1f} | {timings['reuse']:.1f} | {timings['write']:.1f} "
                     f"| {seconds:.1f} | {n / seconds:.2f} | {wall:.1f} | {n / wall:.2f} |")
    one, two = (runs[m][0] for m in MASTERS)
    lines += ["", f"Scaling from 1 to 2 cores: {one['seconds'] / two['seconds']:.2f}× on the job, "
              f"{one['timings']['check'] / two['timings']['check']:.2f}× on the checks alone (the reuse step's "
              "fixed start-up — Spark SQL's first query in a session — does not shrink with cores). Single "
              "machine, no Spark (the same articles through check_article one after another in one process, "
              f"model loaded once, not timed): {single:.2f} articles/s. Free cores measured just before and after "
              f"the runs (two busy loops at once against one): {cores_before:.1f} and {cores_after:.1f} of 2 — "
              "when that is near 1, other work holds a core and local[2] has nothing to scale into.", ""]
    return lines


if __name__ == "__main__":
    print("\n".join(section()))
