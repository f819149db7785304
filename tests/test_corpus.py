"""The synthetic archive for scale benchmarks: deterministic, and made of real recombined text."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import corpus  # noqa: E402

pytestmark = pytest.mark.usefixtures("speech_dataset")


def test_same_seed_same_archive_and_different_seed_differs():
    first = list(corpus.documents(30, seed=4))
    assert first == list(corpus.documents(30, seed=4))
    assert first != list(corpus.documents(30, seed=5))


def test_documents_recombine_real_paragraphs_and_repeat_passages():
    originals = {p for _, paragraphs in corpus._speeches() for p in paragraphs}
    docs = [text for _, text in corpus.documents(200, seed=2)]
    paragraphs = [p for text in docs for p in text.split("\n\n")[1:]]
    verbatim = [p for p in paragraphs if p.strip() in originals]
    assert len(verbatim) > 0.6 * len(paragraphs)  # mostly real text, some reworded or renamed
    assert len(set(paragraphs)) < len(paragraphs)  # passages repeat across documents, as in archives
    assert all(text.startswith("President: ") for text in docs)


def test_written_files_are_dated_and_ingestable(tmp_path):
    from sourcecheck.ingest import ingest_path

    paths = corpus.write(tmp_path, 5, seed=3)
    doc = ingest_path(paths[0])
    assert doc.metadata.date and doc.metadata.author and len(doc.blocks) >= 3
