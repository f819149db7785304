"""The source library: storing, de-duplicating, removing, searching and candidate lookup."""

from __future__ import annotations

import sqlite3

import pytest

from sourcecheck import library as library_module
from sourcecheck.errors import LibraryError
from sourcecheck.ingest import Metadata, ingest_path
from sourcecheck.library import Library
from sourcecheck.tokens import normalized_words

from .conftest import speech


@pytest.fixture
def library(tmp_path):
    with Library(tmp_path / "lib.db") as lib:
        yield lib


def test_add_stores_text_metadata_and_is_idempotent(library):
    doc = ingest_path(speech("1961-01-20-inaugural"))
    first = library.add(doc)
    again = library.add(ingest_path(speech("1961-01-20-inaugural")))
    assert first.created and not again.created and again.source.id == first.source.id
    assert library.count() == 1
    stored = library.get(first.source.id)
    assert stored.text == doc.text and stored.blocks == doc.blocks
    assert stored.source.author == "John F. Kennedy" and stored.source.date == "1961-01-20"


def test_user_metadata_overrides_inferred(library, write):
    doc = ingest_path(write("accord.txt", "The Accord\n\nArticle 1. No state shall use force.\n"))
    source = library.add(doc, doc.metadata.merged(title="Harlow Accord", author="Council")).source
    assert (source.title, source.author) == ("Harlow Accord", "Council")


def test_remove_deletes_text_index_and_postings(library):
    kept = library.add(ingest_path(speech("1961-01-20-inaugural"))).source
    gone = library.add(ingest_path(speech("1933-03-04-first-inaugural"))).source
    library.remove(gone.id)
    assert [s.id for s in library.sources()] == [kept.id]
    assert library.search('"fear itself"') == []
    assert library.candidates(normalized_words("the only thing we have to fear is fear itself")) == []
    (postings,) = library.db.execute("SELECT COUNT(*) FROM grams WHERE source_id=?", (gone.id,)).fetchone()
    assert postings == 0
    with pytest.raises(LibraryError, match="no source with id"):
        library.remove(gone.id)


def test_full_text_search(library):
    library.add(ingest_path(speech("1961-01-20-inaugural")))
    library.add(ingest_path(speech("1933-03-04-first-inaugural")))
    assert [s.author for s in library.search("ask not what your country")] == ["John F. Kennedy"]
    assert [s.author for s in library.search('"fear itself"')] == ["Franklin D. Roosevelt"]


def test_candidates_find_an_altered_passage(library):
    for name in ("1961-01-20-inaugural", "1933-03-04-first-inaugural", "1863-11-19-gettysburg-address"):
        library.add(ingest_path(speech(name)))
    jfk = library.search("ask not")[0]
    # "full" inserted, "any" replaced, a word dropped: most trigrams survive
    query = normalized_words("we shall pay the full price, bear every burden, meet any hardship, support every "
                             "friend, oppose every foe, to assure the survival and the success of liberty")
    best = library.candidates(query)[0]
    assert best.source_id == jfk.id and best.score > 0.4
    words = normalized_words(library.get(jfk.id).text)
    assert "price" in words[best.word_start : best.word_end]


def test_phrase_lookup_for_short_quotes(library):
    library.add(ingest_path(speech("1961-01-20-inaugural")))
    assert library.phrase_sources(["torch"]) != []
    assert library.phrase_sources(["red", "line"]) == []


def test_interrupted_add_leaves_library_as_before(library, monkeypatch):
    library.add(ingest_path(speech("1961-01-20-inaugural")))
    counts = "SELECT (SELECT COUNT(*) FROM sources), (SELECT COUNT(*) FROM grams)"
    before = library.db.execute(counts).fetchone()
    real_postings = library_module._postings

    def interrupted_postings(grams, source_id):
        for i, row in enumerate(real_postings(grams, source_id)):
            if i == 500:
                raise KeyboardInterrupt  # Ctrl-C halfway through writing the index
            yield row

    monkeypatch.setattr(library_module, "_postings", interrupted_postings)
    with pytest.raises(KeyboardInterrupt):
        library.add(ingest_path(speech("1933-03-04-first-inaugural")))
    assert library.db.execute(counts).fetchone() == before
    assert library.search('"fear itself"') == []


def test_not_a_library(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(LibraryError, match="not a sourcecheck library"):
        Library(junk)
    with pytest.raises(LibraryError, match="is a directory"):
        Library(tmp_path)


def test_schema_version_is_checked(tmp_path):
    path = tmp_path / "old.db"
    Library(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value='0' WHERE key='schema_version'")
    with pytest.raises(LibraryError, match="schema 0"):
        Library(path)


def test_metadata_merge_keeps_inferred_values():
    meta = Metadata(title="T", author="A")
    assert meta.merged(author="B", date=None) == Metadata(title="T", author="B")
