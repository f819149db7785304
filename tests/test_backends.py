"""The PostgreSQL library gives what the SQLite library gives, and several users at once lose nothing."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from sourcecheck.history import open_history
from sourcecheck.ingest import ingest_path
from sourcecheck.libraries import open_library
from sourcecheck.tokens import normalized_words

from .conftest import EXAMPLES, SPEECHES, postgres_schema_url

ARTICLES = [EXAMPLES / "news-article.html", EXAMPLES / "opinion-piece.txt"]


@pytest.fixture
def postgres_url():
    yield from postgres_schema_url("same")


@pytest.mark.skipif(not all(p.exists() for p in ARTICLES), reason="examples not bundled")
def test_check_results_are_the_same_on_both_backends(cli, tmp_path, postgres_url):
    sqlite_url = str(tmp_path / "same.db")
    reports = []
    for url in (sqlite_url, postgres_url):
        code, _, err = cli("add", EXAMPLES / "sources", "--db", url, "--quiet")
        assert code == 0, err
        per_article = []
        for article in ARTICLES:
            code, out, err = cli("check", article, "--db", url, "--format", "json")
            assert code in (0, 1), err
            per_article.append(json.loads(out)["quotes"])
        reports.append(per_article)
    assert reports[0] == reports[1]
    assert sum(len(quotes) for quotes in reports[0]) > 20


def _worker(url: str, paths: list[str], article: str, barrier, results) -> None:
    """One user: opens the library and adds its first source at the same moment as the others, then
    the rest one by one (in their own order), and checks an article, saving the check."""
    from sourcecheck.check import check_article
    from sourcecheck.report import check_to_json

    docs = [ingest_path(p) for p in paths]
    barrier.wait(timeout=120)  # everyone creates the tables of the empty library at once
    with open_library(url) as library, open_history(url) as history:
        barrier.wait(timeout=120)  # everyone adds the same document at once
        created = [library.add(doc).created for doc in docs]
        result = check_article(ingest_path(article), [library])
        check_id = history.save(Path(article).name, check_to_json(result), "<html></html>", result.counts())
    results.put((sum(created), check_id))


@pytest.mark.parametrize("users", [4])
def test_concurrent_users_lose_and_duplicate_nothing(library_url, users):
    sources = sorted(p for p in (EXAMPLES / "sources").iterdir() if p.suffix in {".txt", ".md", ".html"}
                     and p.name != "README.md")
    sources += sorted(SPEECHES.glob("1961-*.txt"))[:4]
    if len(sources) < 6 or not ARTICLES[1].exists():
        pytest.skip("examples or speeches not available")
    context = multiprocessing.get_context("spawn")
    results, barrier = context.Queue(), context.Barrier(users)
    workers = []
    for user in range(users):
        mine = sources[user:] + sources[:user]  # everyone adds everything, each in another order
        if user % 2:
            mine.reverse()
        mine = [sources[-1]] + [p for p in mine if p != sources[-1]]  # but the same one first
        workers.append(context.Process(target=_worker, args=(library_url, [str(p) for p in mine],
                                                             str(ARTICLES[1]), barrier, results)))
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
        assert worker.exitcode == 0
    outcomes = [results.get(timeout=5) for _ in workers]
    distinct = {ingest_path(p).sha256: p for p in sources}
    with open_library(library_url) as library, open_history(library_url) as history:
        stored = library.sources()
        assert sorted(s.sha256 for s in stored) == sorted(distinct)  # each once, none lost
        assert sum(created for created, _ in outcomes) == len(distinct)  # each created by exactly one user
        assert sorted(c.id for c in history.recent()) == sorted(check_id for _, check_id in outcomes)
        for source in stored:
            words = normalized_words(library.get(source.id).text)
            if len(words) >= 40:
                assert library.candidates(words[10:40])[0].source_id == source.id
