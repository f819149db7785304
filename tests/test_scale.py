"""The scale benchmark's harness (bench/scale.py): library files, reuse by manifest, quotes, scoring."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import corpus  # noqa: E402
import scale  # noqa: E402

needs_speeches = pytest.mark.usefixtures("speech_dataset")


def test_library_size_counts_prefixed_siblings_and_folders_but_not_the_manifest(tmp_path):
    db = tmp_path / "library.db"
    db.write_bytes(b"x" * 100)
    (tmp_path / "library.db-wal").write_bytes(b"x" * 10)
    (tmp_path / "library.db.index").mkdir()
    (tmp_path / "library.db.index" / "part-0").write_bytes(b"x" * 1000)
    (tmp_path / "library.db.manifest.json").write_text("{}")
    (tmp_path / "other.db").write_bytes(b"x" * 5)
    assert scale.disk_bytes(db) == 1110
    assert scale.library_db(tmp_path) == db and scale.library_db(db) == db


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert scale._pct(values, 95) == 95 and scale._pct(values, 50) == 50 and scale._pct([7.0], 95) == 7.0


def test_stratified_subset_draws_evenly_from_each_kind():
    quotes = [scale.ScaleQuote(kind, "q", "s", "p") for kind in ["a", "b", "c"] * 10]
    subset = scale.stratified_subset(quotes, 9, seed=1)
    assert sorted(quotes[i].kind for i in subset) == ["a"] * 3 + ["b"] * 3 + ["c"] * 3
    assert subset == scale.stratified_subset(quotes, 9, seed=1)


def test_passage_tests():
    passage = "we have always moved together to shore it up"
    assert scale.same_passage("We have always moved together to shore it up.", passage)
    assert not scale.same_passage("how we have always moved together", passage)
    assert scale.at_passage("how we have always moved together", passage)
    assert not scale.at_passage("an entirely different sentence about it", passage)
    assert not scale.same_passage("", passage) and not scale.at_passage("", passage)


@needs_speeches
def test_quotes_are_cut_from_the_first_documents_and_absent_ones_from_no_used_speech():
    quotes = scale.make_quotes(28, seed=3, from_docs=40)
    texts = dict(corpus.documents(40, scale.SEED))
    used = scale.used_text()
    for q in quotes:
        if q.kind == "absent":
            assert not q.passage and scale._bare(q.text) not in used
        else:
            assert q.passage and q.passage in texts[q.source]
            if scale.verify.expected(q.kind) == "altered":
                assert scale._bare(q.text) not in used
    assert {q.kind for q in quotes} == set(scale.CASES)


@needs_speeches
def test_build_runs_in_a_child_process_and_is_reused_while_its_manifest_matches(tmp_path):
    first = scale.build(tmp_path / "lib", 3, seed=2)
    assert not first["reused"] and first["documents"] == 3 and first["maxrss_mb"] > 0
    assert first["disk_bytes"] == scale.disk_bytes(tmp_path / "lib" / "library.db") > 0
    assert scale.build(tmp_path / "lib", 3, seed=2)["reused"]
    assert not scale.build(tmp_path / "lib", 4, seed=2)["reused"]
