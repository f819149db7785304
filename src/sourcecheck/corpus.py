"""`sourcecheck corpus`: the check of many articles as one PySpark job, and text reuse between them.

The driver lists the articles (sorted by path), checks the libraries exist, builds the scratch
library for `--sources` as a SQLite file, then hands Spark (article index, path) pairs. Each
partition loads spaCy once per Python worker, opens every library itself by its location (SQLite
path or postgresql:// URL: the database is never shipped through Spark) and runs the same
`check_article` and report serialisation as `sourcecheck check --format json`. The order of the
articles survives every step up to the output, so the files come out sorted by path and quote.

Outputs in RESULTS (docs/json-format.md): quotes, reported speech, timeline entries, the labelled
sentences of the articles' own voice (claims), articles and reuse records as JSON lines or
Parquet, and summary.json. On a cluster the articles, a SQLite library and RESULTS must be on
storage every executor can reach at the same path (or use a postgresql:// library).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from . import __version__
from .check import VERDICT_RANK, check_article
from .claims.model import CLAIM_VERDICTS, LABELS
from .corpus_schema import (
    ARTICLE_RECORD,
    CLAIM_RECORD,
    QUOTE_RECORD,
    REPORTED_RECORD,
    REUSE_RECORD,
    TIMELINE_RECORD,
    struct_type,
)
from .errors import SourcecheckError
from .extras import require_extra
from .ingest import ingest_path
from .libraries import Library, default_db_path, is_postgres_url, library_exists, open_library
from .pipeline import document_files, expand, load
from .report import check_to_json_dict
from .reported_check import REPORTED_VERDICTS
from .reuse import (
    MAX_POSTINGS,
    Match,
    Posting,
    ReuseArticle,
    ReuseRecord,
    pair_matches,
    passages,
    record_key,
    reuse_record,
    shingles,
)

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import Row, SparkSession
    from spacy.language import Language


CORPUS_SCHEMA = "sourcecheck.corpus/1"
CorpusFormat = Literal["jsonl", "parquet"]
OUTPUTS = ("quotes", "reported", "timeline", "claims", "articles", "reuse")
SCRATCH = "_scratch"  # folder in RESULTS for the --sources library while the job runs: executors reach it there
PARTITIONS_PER_CORE = 4  # articles differ in length: smaller slices keep both cores busy to the end
SHINGLE_ROWS = "article long, shingles array<struct<hash:long,pos:long,start:long,end:long>>"
# A record of the JSON outputs as docs/json-format.md describes them (built from report.py's JSON report)
Record = dict[str, Any]


@dataclass(frozen=True)
class CorpusJob:
    articles_dir: Path
    out: Path
    db: str | None = None
    sources: tuple[str, ...] = ()
    fmt: CorpusFormat = "jsonl"
    master: str = "local[2]"
    partitions: int | None = None
    reported: bool = True  # check reported speech too (`--no-reported`: quotes only)
    timeline: bool = True  # each article's timeline too (`--no-timeline`: without)
    claims: bool = True  # each article's own sentences labelled and its claims checked (`--no-claims`: without)


@dataclass(frozen=True)
class ArticleResult:
    """One article checked on an executor (or why it could not be)."""

    index: int
    path: str
    article: Record  # the article record (docs/json-format.md, corpus `articles`)
    quotes: list[Record] = field(default_factory=list)  # as `check --format json` writes them
    reported: list[Record] = field(default_factory=list)  # its `reported` entries
    timeline: Record | None = None  # its `timeline` object
    claims: Record | None = None  # its `claims` object
    text: str = ""  # canonical text, for the reuse finder


@dataclass(frozen=True)
class CorpusSummary:
    record: Record  # summary.json

    @property
    def exit_code(self) -> int:
        """2 when an article could not be checked, 1 when a quote is altered or not found or reported
        speech or a claim differs from its passage (as `sourcecheck check`), else 0."""
        if self.record["failed"]:
            return 2
        verdicts, reported = self.record["by_verdict"], self.record["by_reported_verdict"]
        claims = self.record["by_claim_verdict"]
        return 1 if (verdicts["altered"] or verdicts["not_found"] or (reported or {}).get("differs")
                     or (claims or {}).get("differs")) else 0


def run_corpus(job: CorpusJob, spark: SparkSession | None = None) -> CorpusSummary:
    """Check every article below job.articles_dir; write RESULTS. Uses `spark` if given, else starts one."""
    check_master(job.master)
    require_extra("spark", "sourcecheck corpus")
    articles = list_articles(job.articles_dir)
    prepare_out(job.out)
    with scratch_libraries(job) as locations:
        owned = spark is None and _active_session() is None  # a session someone else started stays up
        spark = spark or start_spark(job.master)
        try:
            with spark_errors():
                return _run(spark, job, articles, locations)
        finally:
            if owned:
                spark.stop()


# ---------------------------------------------------------------- driver: inputs and outputs


def list_articles(folder: Path) -> list[str]:
    if not folder.exists():
        raise SourcecheckError(f"{folder}: no such folder")
    if not folder.is_dir():
        raise SourcecheckError(f"{folder}: not a folder (corpus takes a folder of articles)")
    return document_files(folder)


def prepare_out(out: Path) -> None:
    """RESULTS exists and is writable before any work starts; stale outputs of ours are removed."""
    if out.exists() and not out.is_dir():
        raise SourcecheckError(f"{out}: exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".sourcecheck-write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        raise SourcecheckError(f"{out}: cannot write results there ({exc.strerror or exc})") from None
    for name in OUTPUTS:
        (out / f"{name}.jsonl").unlink(missing_ok=True)
        shutil.rmtree(out / f"{name}.parquet", ignore_errors=True)


@contextmanager
def scratch_libraries(job: CorpusJob) -> Iterator[tuple[str, ...]]:
    """Library locations in the order `check` uses: the --db library, then the --sources one.

    The --sources documents go into a SQLite library in RESULTS/_scratch, closed (WAL
    checkpointed) before Spark starts, and removed afterwards with whatever files it keeps.
    """
    location = job.db or default_db_path()
    locations: list[str] = []
    if not job.sources or library_exists(location):
        if not library_exists(location):
            raise SourcecheckError(f"no library at {location}: add sources with `sourcecheck add`, "
                                   "or give --db PATH or --sources")
        open_library(location).close()  # a file that is not a library fails here, not on an executor
        locations.append(location if is_postgres_url(location) else str(Path(location).resolve()))
    else:
        locations.append(":memory:")  # an empty library in slot 0: slot 1 is always the --sources (as in `check`)
    scratch = (job.out / SCRATCH).resolve()  # executors open libraries by absolute path: any working folder
    try:
        if job.sources:
            locations.append(str(_build_scratch(scratch, job.sources)))
        yield tuple(locations)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _build_scratch(folder: Path, sources: tuple[str, ...]) -> Path:
    shutil.rmtree(folder, ignore_errors=True)  # left by a run that was killed
    folder.mkdir()
    path = folder / "sources.db"
    with open_library(path) as scratch:
        for item in expand(list(sources)):  # as `check --sources` expands them
            scratch.add(load(item))
    return path


def _write_jsonl(path: Path, records: Iterable[Record] | Iterable[ReuseRecord]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- Spark session


MASTER = re.compile(r"^(local(\[(\d+|\*)(,\d+)?\])?|local-cluster\[.+\]|spark://\S+|k8s://\S+|yarn)$")


def check_master(master: str) -> None:
    if not MASTER.match(master):  # Spark would answer with a Java stack trace
        raise SourcecheckError(f"--master {master}: give local, local[N], local[*], spark://HOST:PORT, yarn "
                               "or k8s://URL")


def start_spark(master: str) -> SparkSession:
    """A SparkSession for `master`, quiet, with workers on this Python (the active session if there is one)."""
    check_master(master)
    _java_environment()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers import sourcecheck from this venv
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    log_config = Path(__file__).with_name("spark-log4j2.properties")
    with spark_errors("cannot start Spark"):
        spark = (SparkSession.builder.master(master).appName("sourcecheck corpus")
                 .config("spark.ui.enabled", "false")
                 .config("spark.ui.showConsoleProgress", "false")
                 .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={log_config.as_uri()}")
                 .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _active_session() -> SparkSession | None:
    from pyspark.sql import SparkSession

    return SparkSession.getActiveSession()


def _java_environment() -> None:
    """Spark needs Java 17+: JAVA_HOME, `java` on PATH, or a JDK in the usual Linux place."""
    home = os.environ.get("JAVA_HOME")
    if home and Path(home, "bin", "java").exists():
        return
    if shutil.which("java"):
        os.environ.pop("JAVA_HOME", None)  # a stale JAVA_HOME would win over the java on PATH
        return
    found = sorted(Path("/usr/lib/jvm").glob("*/bin/java"), key=_jdk_version, reverse=True)
    if not found:
        raise SourcecheckError("Spark needs Java 17 or later: install it (Debian: apt-get install "
                               "openjdk-17-jre-headless) or set JAVA_HOME")
    os.environ["JAVA_HOME"] = str(found[0].parents[1])


def _jdk_version(java: Path) -> int:
    match = re.search(r"(\d+)", java.parents[1].name)
    return int(match.group(1)) if match else 0


@contextmanager
def spark_errors(doing: str = "Spark job failed") -> Iterator[None]:
    """Spark's and Py4J's errors as one line for the user; our own errors pass through."""
    try:
        yield
    except SourcecheckError:
        raise
    except Exception as exc:
        if type(exc).__module__.split(".")[0] not in ("pyspark", "py4j") and not isinstance(exc, OSError):
            raise
        raise SourcecheckError(f"{doing}: {_last_error_line(str(exc))}") from None


def _last_error_line(message: str) -> str:
    """The most telling line of a Java or Python traceback carried in a Spark error."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    named = [line for line in lines if re.match(r"^[\w.$]*(Error|Exception)\b.*:", line)]
    return (named[-1] if named else lines[0] if lines else "unknown error")[:500]


# ---------------------------------------------------------------- the job


def _run(spark: SparkSession, job: CorpusJob, articles: list[str], locations: tuple[str, ...]) -> CorpusSummary:
    from pyspark import StorageLevel

    started = time.perf_counter()
    sc = spark.sparkContext
    partitions = job.partitions or min(len(articles), sc.defaultParallelism * PARTITIONS_PER_CORE)
    spark.conf.set("spark.sql.shuffle.partitions", str(partitions))
    # parallelize slices the sorted list contiguously and mapPartitions keeps the order: results stay sorted
    items = [(index, path, str(Path(path).resolve())) for index, path in enumerate(articles)]
    outcomes = (sc.parallelize(items, partitions)
                .mapPartitions(partial(check_partition, locations=locations, reported=job.reported,
                                       timeline=job.timeline, claims=job.claims))
                .persist(StorageLevel.MEMORY_AND_DISK))
    timings: dict[str, float] = {}
    try:
        article_records = outcomes.map(lambda r: r.article).collect()  # runs the checks, caches the results
        timings["check"] = time.perf_counter() - started
        reuse = reuse_on_spark(spark, outcomes, article_records, partitions)
        timings["reuse"] = time.perf_counter() - started - timings["check"]
        _write(spark, job, outcomes.flatMap(quote_records_of), outcomes.flatMap(reported_records_of),
               outcomes.flatMap(timeline_records_of), outcomes.flatMap(claim_records_of), article_records, reuse)
    finally:
        outcomes.unpersist()
    seconds = time.perf_counter() - started
    timings["write"] = seconds - timings["check"] - timings["reuse"]
    summary = summarise(article_records, reuse, job.reported, job.timeline, job.claims)
    summary.update({"format": job.fmt, "spark": {"version": spark.version, "master": sc.master,
                                                 "partitions": partitions},
                    "seconds": round(seconds, 2), "timings": {k: round(v, 2) for k, v in timings.items()}})
    (job.out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n",
                                          encoding="utf-8")
    return CorpusSummary(summary)


def _write(spark: SparkSession, job: CorpusJob, quote_records: RDD[Record], reported_records: RDD[Record],
           timeline_records: RDD[Record], claim_records: RDD[Record], article_records: list[Record],
           reuse: list[ReuseRecord]) -> None:
    if job.fmt == "jsonl":
        _write_jsonl(job.out / "quotes.jsonl", quote_records.toLocalIterator())  # one partition at a time
        if job.reported:
            _write_jsonl(job.out / "reported.jsonl", reported_records.toLocalIterator())
        if job.timeline:
            _write_jsonl(job.out / "timeline.jsonl", timeline_records.toLocalIterator())
        if job.claims:
            _write_jsonl(job.out / "claims.jsonl", claim_records.toLocalIterator())
        _write_jsonl(job.out / "articles.jsonl", article_records)
        _write_jsonl(job.out / "reuse.jsonl", reuse)
        return
    spark.createDataFrame(quote_records, struct_type(QUOTE_RECORD)).write.parquet(str(job.out / "quotes.parquet"))
    if job.reported:
        spark.createDataFrame(reported_records, struct_type(REPORTED_RECORD)).write.parquet(
            str(job.out / "reported.parquet"))
    if job.timeline:
        spark.createDataFrame(timeline_records, struct_type(TIMELINE_RECORD)).write.parquet(
            str(job.out / "timeline.parquet"))
    if job.claims:
        spark.createDataFrame(claim_records, struct_type(CLAIM_RECORD)).write.parquet(str(job.out / "claims.parquet"))
    for name, records, spec in (("articles", article_records, ARTICLE_RECORD), ("reuse", reuse, REUSE_RECORD)):
        spark.createDataFrame(records, struct_type(spec)).coalesce(1).write.parquet(str(job.out / f"{name}.parquet"))


def summarise(article_records: list[Record], reuse: list[ReuseRecord], reported: bool = True,
              timeline: bool = True, claims: bool = True) -> Record:
    checked = [a for a in article_records if a["error"] is None]
    by_verdict = dict.fromkeys(VERDICT_RANK, 0)
    by_reported: dict[str, int] | None = dict.fromkeys(REPORTED_VERDICTS, 0) if reported else None
    for record in checked:
        for verdict, count in record["by_verdict"].items():
            by_verdict[verdict] += count
        for verdict, count in (record["by_reported_verdict"] or {}).items():
            if by_reported is not None:
                by_reported[verdict] += count
    return {
        "schema": CORPUS_SCHEMA,
        "generator": f"sourcecheck {__version__}",
        "articles": len(article_records),
        "checked": len(checked),
        "failed": [{"path": a["path"], "error": a["error"]} for a in article_records if a["error"] is not None],
        "quotes": sum(a["quotes"] for a in checked),
        "by_verdict": by_verdict,
        "meaning_changing_edits": sum(a["meaning_changing_edits"] for a in checked),
        "reported": None if by_reported is None else sum(a["reported"] for a in checked),
        "by_reported_verdict": by_reported,
        "reuse_pairs": len(reuse),
        "timeline": sum(a["timeline"] for a in checked) if timeline else None,
        "by_label": _totals(checked, "by_label", LABELS) if claims else None,
        "by_claim_verdict": _totals(checked, "by_claim_verdict", CLAIM_VERDICTS) if claims else None,
    }


def _totals(checked: list[Record], key: str, names: tuple[str, ...]) -> dict[str, int]:
    totals = dict.fromkeys(names, 0)
    for record in checked:
        for name, count in (record[key] or {}).items():
            totals[name] += count
    return totals


# ---------------------------------------------------------------- on the executors

_NLP: Language | None = None  # one spaCy model per Python worker process (Spark reuses workers across partitions)


def _shared_nlp() -> Language:
    global _NLP
    if _NLP is None:
        from .attribution import load_nlp

        _NLP = load_nlp()
    return _NLP


def check_partition(items: Iterable[tuple[int, str, str]], locations: tuple[str, ...],
                    reported: bool = True, timeline: bool = True, claims: bool = True) -> Iterator[ArticleResult]:
    """Check a slice of the articles, the libraries opened once for the slice, read-only."""
    nlp = _shared_nlp()
    libraries = [open_library(location, read_only=True) for location in locations]  # executors only read
    try:
        for index, path, absolute in items:
            yield check_one(index, path, absolute, libraries, nlp, reported, timeline, claims)
    finally:
        for library in libraries:
            library.close()


def check_one(index: int, path: str, absolute: str, libraries: list[Library], nlp: Language,
              reported: bool = True, timeline: bool = True, claims: bool = True) -> ArticleResult:
    """One article, as `sourcecheck check PATH --format json` reports it; a failure is recorded, not raised.

    The file is read by its absolute path (an executor's working folder is not the driver's) and
    reported by the path as listed.
    """
    try:
        doc = replace(ingest_path(absolute), path=path)
        report = check_to_json_dict(check_article(doc, libraries, nlp, reported, timeline, claims=claims))
    except SourcecheckError as exc:
        return ArticleResult(index, path, _failed_article(path, str(exc).replace(absolute, path)))
    except Exception as exc:  # one article's bug must not lose a long job: it is reported with the rest
        return ArticleResult(index, path, _failed_article(path, f"unexpected {type(exc).__name__}: {exc}"))
    article = report["article"]
    summary = report["summary"]
    record = {key: article[key] for key in ("path", "url", "title", "author", "date", "format", "sha256")}
    record.update({"quotes": summary["quotes"], "by_verdict": summary["by_verdict"],
                   "meaning_changing_edits": summary["meaning_changing_edits"], "reported": summary["reported"],
                   "by_reported_verdict": summary["by_reported_verdict"], "error": None,
                   "timeline": None if report["timeline"] is None else len(report["timeline"]["chronology"])})
    found = report["claims"]
    record.update({"by_label": None if found is None else found["summary"]["by_label"],
                   "by_claim_verdict": None if found is None else found["summary"]["by_claim_verdict"]})
    return ArticleResult(index, path, record, report["quotes"], report["reported"] or [], report["timeline"],
                         found, article["text"])


def _failed_article(path: str, error: str) -> Record:
    return {"path": path, "url": None, "title": None, "author": None, "date": None, "format": None,
            "sha256": None, "quotes": None, "by_verdict": None, "meaning_changing_edits": None, "reported": None,
            "by_reported_verdict": None, "error": error, "timeline": None, "by_label": None, "by_claim_verdict": None}


def quote_records_of(result: ArticleResult) -> list[Record]:
    return [{"article": _record_article(result), "quote": quote} for quote in result.quotes]


def reported_records_of(result: ArticleResult) -> list[Record]:
    return [{"article": _record_article(result), "reported": entry} for entry in result.reported]


def timeline_records_of(result: ArticleResult) -> list[Record]:
    """One row per entry of the article's chronology, in its order (where each resolves)."""
    if result.timeline is None:
        return []
    article, dct = _record_article(result), result.timeline["dct"]
    return [{"article": article, "dct": dct, "entry": {"id": index, **entry}}
            for index, entry in enumerate(result.timeline["chronology"])]


def claim_records_of(result: ArticleResult) -> list[Record]:
    """One row per sentence of the article's own voice, in reading order; a claim's row carries its check."""
    if result.claims is None:
        return []
    article, labeller = _record_article(result), result.claims["labeller"]
    checks = {(c["start"], c["end"]): c for c in result.claims["claims"]}
    return [{"article": article, "labeller": labeller, "sentence": {"id": index, **sentence},
             "claim": checks.get((sentence["start"], sentence["end"])) if sentence["label"] == "claim" else None}
            for index, sentence in enumerate(result.claims["sentences"]) if sentence["voice"] == "own"]


def _record_article(result: ArticleResult) -> Record:
    return {key: result.article[key] for key in ("path", "url", "title", "author", "date")}


# ---------------------------------------------------------------- text reuse on Spark


def reuse_on_spark(spark: SparkSession, outcomes: RDD[ArticleResult], article_records: list[Record],
                   partitions: int) -> list[ReuseRecord]:
    """reuse.find_reuse as a Spark job: shingle hashes exploded and grouped by hash, matches grouped by pair.

    Only the passages' own text comes back to the driver, never whole articles.
    """
    from pyspark.sql import functions as F

    checked = outcomes.filter(lambda r: r.article["error"] is None)
    rows = checked.map(lambda r: (r.index, [(s.hash, s.pos, s.start, s.end) for s in shingles(r.text)]))
    frame = spark.createDataFrame(rows, SHINGLE_ROWS, verifySchema=False)  # rows made just above
    shared = (frame.select("article", F.explode("shingles").alias("s"))
              .groupBy(F.col("s.hash").alias("hash"))
              .agg(F.collect_list(F.struct("article", "s.pos", "s.start", "s.end")).alias("postings"))
              .where(F.size("postings").between(2, MAX_POSTINGS)))  # pair_matches' limits, in the JVM
    by_pair = shared.rdd.flatMap(_row_matches).groupByKey(partitions).mapValues(passages).collect()
    wanted: dict[int, set[tuple[int, int]]] = {}
    for (a, b), found in by_pair:
        for p in found:
            wanted.setdefault(a, set()).add((p.start_a, p.end_a))
            wanted.setdefault(b, set()).add((p.start_b, p.end_b))
    spans = spark.sparkContext.broadcast(wanted)
    texts = dict(checked.filter(lambda r: r.index in spans.value)
                 .flatMap(lambda r: [((r.index, s, e), r.text[s:e]) for s, e in spans.value[r.index]]).collect())
    spans.destroy()
    articles = [ReuseArticle(i, a["path"], a["title"], a["date"]) for i, a in enumerate(article_records)]
    records = [reuse_record(articles[a], articles[b], found, lambda art, s, e: texts[(art.index, s, e)])
               for (a, b), found in by_pair]
    return sorted(records, key=record_key)


def _row_matches(row: Row) -> Iterator[tuple[tuple[int, int], Match]]:
    return pair_matches([Posting(*p) for p in row.postings])
