"""`sourcecheck corpus` on Spark (local[2]): the same per-quote records as `check --format json`,
text reuse equal to the plain-Python finder, Parquet equal to JSON lines, bad input a clear error.

One Spark session for the module; the job runs once per output format over a small folder.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sourcecheck import attribution
from sourcecheck.corpus import CorpusJob, run_corpus, start_spark
from sourcecheck.ingest import ingest_path
from sourcecheck.reuse import ReuseArticle, find_reuse

from .conftest import EXAMPLES, ROOT, postgres_schema_url

SOURCES = EXAMPLES / "sources"
GOLD = ROOT / "tests" / "gold"
SHARED = ("The harbour board agreed on Tuesday to close the northern quay for eighteen months while engineers "
          "rebuild the sea wall that failed during the winter storms")
ORIGINAL = f"""Quay to close for repairs

By Ada Marsh

{SHARED}. "We have no choice," said Tom Reyes, the board's chair.
"""
COPY = f"""Harbour news in brief

{SHARED.replace("eighteen", "twenty")}. Asked why, Reyes said "we have no choice".
"""


@pytest.fixture(scope="module")
def spark():
    session = start_spark("local[2]")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """Examples, gold articles in three formats, a planted reuse pair (the later one first by path), a bad file."""
    folder = tmp_path_factory.mktemp("articles")
    for path in [EXAMPLES / "news-article.html", EXAMPLES / "opinion-piece.txt", GOLD / "core" / "velmar-accord.md",
                 GOLD / "heldout" / "sleep-study.html", GOLD / "heldout" / "baker-profile-cp1252.txt"]:
        shutil.copy(path, folder / path.name)
    (folder / "a-wire").mkdir()
    (folder / "a-wire" / "2024-06-10-harbour-brief.txt").write_text(COPY, encoding="utf-8")
    (folder / "local").mkdir()
    (folder / "local" / "2024-05-01-quay-to-close.txt").write_text(ORIGINAL, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def jsonl_run(spark, articles, tmp_path_factory):
    out = tmp_path_factory.mktemp("results-jsonl")
    summary = run_corpus(CorpusJob(articles, out, str(out / "none.db"), (str(SOURCES),)), spark)
    return summary, out


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def shared_model(monkeypatch, nlp):
    """In-process `sourcecheck check` runs use the session's spaCy model instead of loading their own."""
    monkeypatch.setattr(attribution, "load_nlp", lambda: nlp)


@pytest.fixture
def check_json(cli, shared_model, tmp_path):
    """`sourcecheck check PATH --sources examples/sources --format json`."""

    def run(path: str) -> dict:
        code, out, err = cli("check", path, "--sources", SOURCES, "--db", tmp_path / "none.db", "--format", "json")
        assert code in (0, 1), err
        return json.loads(out)

    return run


def test_per_quote_records_equal_the_single_machine_check(jsonl_run, articles, check_json):
    summary, out = jsonl_run
    records = read_jsonl(out / "quotes.jsonl")
    keys = [(r["article"]["path"], r["quote"]["id"]) for r in records]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)  # sorted by path, then quote position
    article_records = read_jsonl(out / "articles.jsonl")
    checked = [a for a in article_records if a["error"] is None]
    assert len(checked) == 7 and summary.record["quotes"] == len(records) > 60
    for article in checked:
        expected = check_json(article["path"])
        got = [r for r in records if r["article"]["path"] == article["path"]]
        assert [r["quote"] for r in got] == expected["quotes"], article["path"]
        assert all(r["article"] == {k: expected["article"][k] for k in ("path", "url", "title", "author", "date")}
                   for r in got)
        assert article["by_verdict"] == expected["summary"]["by_verdict"]
        assert article["sha256"] == expected["article"]["sha256"]
        reported = [r for r in read_jsonl(out / "reported.jsonl") if r["article"]["path"] == article["path"]]
        assert [r["reported"] for r in reported] == expected["reported"], article["path"]
        assert article["by_reported_verdict"] == expected["summary"]["by_reported_verdict"]
        timeline = [r for r in read_jsonl(out / "timeline.jsonl") if r["article"]["path"] == article["path"]]
        assert [{k: v for k, v in r["entry"].items() if k != "id"} for r in timeline] == \
            expected["timeline"]["chronology"], article["path"]
        assert article["timeline"] == len(timeline) and {r["dct"] for r in timeline} <= {expected["timeline"]["dct"]}
    assert summary.record["timeline"] == len(read_jsonl(out / "timeline.jsonl")) > 20


def test_claim_records_equal_the_single_machine_check(jsonl_run, check_json):
    summary, out = jsonl_run
    records = read_jsonl(out / "claims.jsonl")
    keys = [(r["article"]["path"], r["sentence"]["id"]) for r in records]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    checked = [a for a in read_jsonl(out / "articles.jsonl") if a["error"] is None]
    news = next(a for a in checked if a["path"].endswith("news-article.html"))
    expected = check_json(news["path"])["claims"]
    got = [r for r in records if r["article"]["path"] == news["path"]]
    own = [(i, s) for i, s in enumerate(expected["sentences"]) if s["voice"] == "own"]
    assert [r["sentence"] for r in got] == [{"id": i, **s} for i, s in own]  # every own sentence, no other
    assert [r["claim"] for r in got if r["claim"] is not None] == expected["claims"]
    assert all((r["claim"] is None) == (r["sentence"]["label"] != "claim") for r in got)
    assert {r["labeller"] for r in got} == {expected["labeller"]}
    assert news["by_label"] == expected["summary"]["by_label"]
    assert news["by_claim_verdict"] == expected["summary"]["by_claim_verdict"]
    totals = summary.record["by_label"]
    assert sum(totals.values()) == len(records) and totals["opinion"] == sum(a["by_label"]["opinion"] for a in checked)
    assert summary.record["by_claim_verdict"] == {
        verdict: sum(r["claim"] is not None and r["claim"]["verdict"] == verdict for r in records)
        for verdict in ("consistent", "differs", "no_passage")}


def test_reported_speech_records_are_sorted_and_counted(jsonl_run):
    summary, out = jsonl_run
    records = read_jsonl(out / "reported.jsonl")
    keys = [(r["article"]["path"], r["reported"]["id"]) for r in records]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert summary.record["reported"] == len(records) == sum(summary.record["by_reported_verdict"].values())
    assert summary.record["by_reported_verdict"]["differs"] >= 1  # the opinion piece's "will station nuclear …"


def test_a_bad_article_is_reported_not_fatal(jsonl_run, articles):
    summary, out = jsonl_run
    assert summary.record["failed"] == [{"path": str(articles / "broken.txt"),
                                         "error": f"{articles / 'broken.txt'}: empty file"}]
    assert summary.exit_code == 2 and summary.record["checked"] == summary.record["articles"] - 1
    written = json.loads((out / "summary.json").read_text())
    assert written["by_verdict"] == summary.record["by_verdict"] and written["spark"]["master"] == "local[2]"
    assert sorted(p.name for p in out.iterdir()) == ["articles.jsonl", "claims.jsonl", "quotes.jsonl", "reported.jsonl",
                                                     "reuse.jsonl", "summary.json", "timeline.jsonl"]


def test_reuse_finds_the_planted_passage_earlier_first_and_equals_plain_python(jsonl_run, articles):
    _, out = jsonl_run
    reuse = read_jsonl(out / "reuse.jsonl")
    original = str(articles / "local" / "2024-05-01-quay-to-close.txt")
    copy = str(articles / "a-wire" / "2024-06-10-harbour-brief.txt")
    (planted,) = [r for r in reuse if {r["first"]["path"], r["second"]["path"]} == {original, copy}]
    assert (planted["first"]["path"], planted["order"]) == (original, "by_date")  # though the copy sorts first
    (passage,) = planted["passages"]
    assert passage["first"]["text"] == SHARED and SHARED.replace("eighteen", "twenty") in passage["second"]["text"]
    assert ingest_path(copy).text[passage["second"]["start"] : passage["second"]["end"]] == passage["second"]["text"]
    paths = [a["path"] for a in read_jsonl(out / "articles.jsonl") if a["error"] is None]
    docs = [ingest_path(p) for p in paths]
    plain = find_reuse([ReuseArticle(i, p, d.metadata.title, d.metadata.date, d.text)
                        for i, (p, d) in enumerate(zip(paths, docs, strict=True))])
    assert reuse == plain and len(reuse) >= 2  # the examples share lines of the Harlow Accord too


@pytest.fixture
def postgres_url():
    yield from postgres_schema_url("corpus")


def test_executors_open_a_postgresql_library_by_its_url(spark, cli, shared_model, postgres_url, tmp_path):
    code, _, err = cli("add", SOURCES, "--db", postgres_url, "--quiet")
    assert code == 0, err
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(EXAMPLES / "opinion-piece.txt", folder)
    summary = run_corpus(CorpusJob(folder, tmp_path / "results", postgres_url), spark)
    records = read_jsonl(tmp_path / "results" / "quotes.jsonl")
    code, out, _ = cli("check", folder / "opinion-piece.txt", "--db", postgres_url, "--format", "json")
    assert [r["quote"] for r in records] == json.loads(out)["quotes"]
    assert summary.record["by_verdict"]["verbatim"] >= 3 and {r["quote"]["source"]["library"] for r in records
                                                               if r["quote"]["source"]} == {"library"}


def test_parquet_holds_the_same_records(spark, articles, jsonl_run, tmp_path):
    _, jsonl_out = jsonl_run
    summary = run_corpus(CorpusJob(articles, tmp_path, str(tmp_path / "none.db"), (str(SOURCES),), "parquet",
                                   partitions=3), spark)
    assert summary.record["spark"]["partitions"] == 3 and not (tmp_path / "quotes.jsonl").exists()
    for name, key in [("quotes", lambda r: (r["article"]["path"], r["quote"]["id"])),
                      ("reported", lambda r: (r["article"]["path"], r["reported"]["id"])),
                      ("timeline", lambda r: (r["article"]["path"], r["entry"]["id"])),
                      ("claims", lambda r: (r["article"]["path"], r["sentence"]["id"])),
                      ("articles", lambda r: r["path"]),
                      ("reuse", lambda r: (r["first"]["path"], r["second"]["path"]))]:
        rows = [row.asDict(recursive=True) for row in spark.read.parquet(str(tmp_path / f"{name}.parquet")).collect()]
        assert sorted(rows, key=key) == read_jsonl(jsonl_out / f"{name}.jsonl"), name


def test_corpus_command_end_to_end_with_relative_paths(cli, spark, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the Python workers started elsewhere: they must not resolve relative paths
    folder = Path("articles")
    folder.mkdir()
    (folder / "2024-05-01-quay.txt").write_text(ORIGINAL, encoding="utf-8")
    (folder / "2024-06-10-brief.txt").write_text(COPY, encoding="utf-8")
    (folder / "empty.md").write_text("")
    code, out, err = cli("corpus", folder, "--out", "results", "--sources", folder / "2024-05-01-quay.txt",
                         "--db", "none.db")
    assert code == 2 and err.strip() == "error: articles/empty.md: empty file"
    assert "2 of 3 articles checked" in out and "1 article pairs share passages" in out
    quotes = read_jsonl(Path("results") / "quotes.jsonl")
    assert {q["quote"]["verdict"] for q in quotes} == {"verbatim"}
    assert {q["quote"]["source"]["library"] for q in quotes} == {"sources"}  # no library: all from --sources
    assert {q["article"]["path"] for q in quotes} == {"articles/2024-05-01-quay.txt", "articles/2024-06-10-brief.txt"}
    assert "reported:" in out and (Path("results") / "reported.jsonl").exists()
    assert "timeline entries" in out and (Path("results") / "timeline.jsonl").exists()
    assert " claims (" in out and (Path("results") / "claims.jsonl").exists()
    code, out, err = cli("corpus", folder, "--out", "results", "--sources", folder / "2024-05-01-quay.txt",
                         "--db", "none.db", "--no-reported", "--no-timeline", "--no-claims")
    assert code == 2 and "reported:" not in out and not (Path("results") / "reported.jsonl").exists()
    assert "timeline entries" not in out and not (Path("results") / "timeline.jsonl").exists()
    assert " claims (" not in out and not (Path("results") / "claims.jsonl").exists()
    written = json.loads((Path("results") / "summary.json").read_text())
    assert written["by_reported_verdict"] is None and written["timeline"] is None
    assert written["by_label"] is None and written["by_claim_verdict"] is None
    assert {a["by_label"] for a in read_jsonl(Path("results") / "articles.jsonl")} == {None}


@pytest.mark.parametrize("case, message", [
    ("missing", "no such folder"),
    ("file", "not a folder"),
    ("empty", "no documents found"),
    ("out-under-file", "cannot write results there"),
    ("no-library", "no library at"),
    ("bad-library", "not a sourcecheck library"),
])
def test_bad_input_is_one_clear_line_and_exit_2(cli, tmp_path, case, message):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(ORIGINAL)
    (tmp_path / "plain.txt").write_text("x")
    (tmp_path / "bad.db").write_bytes(b"not sqlite" * 200)
    args = {"missing": [tmp_path / "nope", "--sources", SOURCES],
            "file": [tmp_path / "plain.txt", "--sources", SOURCES],
            "empty": [tmp_path / "empty-dir", "--sources", SOURCES],
            "out-under-file": [articles, "--sources", SOURCES],
            "no-library": [articles, "--db", tmp_path / "none.db"],
            "bad-library": [articles, "--db", tmp_path / "bad.db"]}[case]
    (tmp_path / "empty-dir").mkdir()
    out = tmp_path / "plain.txt" / "results" if case == "out-under-file" else tmp_path / "results"
    code, stdout, err = cli("corpus", *args, "--out", out)
    assert code == 2 and message in err and "Traceback" not in stdout + err
    assert len(err.strip().splitlines()) == 1


def test_a_master_spark_does_not_know_is_refused_before_starting_it(cli, tmp_path):
    from sourcecheck import corpus

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ORIGINAL)
    code, _, err = cli("corpus", folder, "--out", tmp_path / "r", "--sources", folder / "a.txt", "--master", "nope")
    assert code == 2 and err.strip() == "error: --master nope: give local, local[N], local[*], spark://HOST:PORT, " \
        "yarn or k8s://URL"
    assert corpus.MASTER.match("local[2]") and corpus.MASTER.match("spark://node1:7077")


def test_unknown_format_and_zero_partitions_are_usage_errors(cli, tmp_path):
    for extra in (["--format", "csv"], ["--partitions", "0"]):
        code, _, err = cli("corpus", tmp_path, "--out", tmp_path / "r", *extra)
        assert code == 2 and "Traceback" not in err


def test_spark_failure_becomes_one_line(cli, tmp_path, monkeypatch):
    from sourcecheck import corpus

    def broken(master):
        with corpus.spark_errors("cannot start Spark"):
            from py4j.protocol import Py4JError

            raise Py4JError("An error occurred\njava.lang.IllegalArgumentException: bad master URL: nope")

    monkeypatch.setattr(corpus, "start_spark", broken)
    monkeypatch.setattr(corpus, "_active_session", lambda: None)
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ORIGINAL)
    code, _, err = cli("corpus", folder, "--out", tmp_path / "r", "--sources", folder / "a.txt")
    assert code == 2 and "cannot start Spark: java.lang.IllegalArgumentException: bad master URL" in err
    assert "Traceback" not in err
