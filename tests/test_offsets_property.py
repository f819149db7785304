"""Property: every word of the canonical text maps back to the same word in the original."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecheck.ingest import ingest_bytes
from sourcecheck.spans import Span
from sourcecheck.tokens import INDEX_FOLD

WORDS = st.sampled_from(["peace", "treaty", "Russia’s", "“we", "will”", "not", "yield,", "‘never’", "6'2\"",
                         "inter-", "national", "O’Brien", "…", "—", "(the", "accord)", "&", "<b>", "Ünïcode"])
SPACE = st.sampled_from([" ", "  ", "\n", " \n", "\t", "\n\n", " \n\n  "])


@st.composite
def documents(draw):
    parts = []
    for _ in range(draw(st.integers(1, 60))):
        parts.append(draw(WORDS))
        parts.append(draw(SPACE))
    return "".join(parts).strip() + "\n"


def assert_words_map_back(doc):
    for match in re.finditer(r"\S+", doc.text):
        original = doc.original_span(Span(match.start(), match.end()))
        assert re.sub(r"\s+", "", doc.original_text[original.start : original.end]) == match.group()


@settings(max_examples=150, deadline=None)
@given(documents())
def test_plain_text_offsets(text):
    assert_words_map_back(ingest_bytes(text.encode("utf-8"), name="a.txt"))


@settings(max_examples=150, deadline=None)
@given(documents())
def test_markdown_offsets(text):
    md = "\n".join(("> " + line if i % 3 == 2 else line) for i, line in enumerate(text.split("\n")))
    doc = ingest_bytes(md.encode("utf-8"), name="a.md")
    for match in re.finditer(r"\S+", doc.text):
        original = doc.original_span(Span(match.start(), match.end()))
        assert match.group().strip("*_`") in doc.original_text[original.start : original.end].replace("\n> ", " ")


FOLDED = sorted(chr(c) for c in INDEX_FOLD)  # every character the index folds (dashes, quotes, spaces)


@given(st.text(alphabet=st.sampled_from(list("ab Z9_'’‘.,-—“”é\n\tİß0")), max_size=60))
def test_index_words_and_hashes_match_the_alignment_words(text):
    from sourcecheck.grams import gram_hashes, text_gram_hashes, text_word_ids, word_ids
    from sourcecheck.tokens import normalized_words, words

    norms = normalized_words(text)
    assert norms == [w.norm for w in words(text)]
    assert text_word_ids(text).tolist() == word_ids(norms).tolist()
    assert text_gram_hashes(text).tolist() == gram_hashes(norms).tolist()


@settings(max_examples=600)
@given(st.text(alphabet=st.sampled_from(list("aZ19_'.,’— \n") + FOLDED + list("é😀")), max_size=40))
def test_vectorised_ascii_words_follow_the_word_pattern(text):
    from sourcecheck.grams import text_word_ids, word_ids
    from sourcecheck.tokens import normalized_words

    assert text_word_ids(text).tolist() == word_ids(normalized_words(text)).tolist()


@given(st.lists(st.text(alphabet=st.sampled_from(list("aZ19_'.,’é— \n\0") + FOLDED), max_size=20), max_size=6),
       st.integers(min_value=1, max_value=30))
def test_texts_hashed_together_get_the_ids_they_get_alone(texts, chunk):
    from sourcecheck.grams import texts_word_ids, word_ids
    from sourcecheck.tokens import normalized_words

    together = texts_word_ids(texts, chunk_chars=chunk)
    assert [ids.tolist() for ids in together] == [word_ids(normalized_words(t)).tolist() for t in texts]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("ab Z9.,'’—é\t\u00a0")), min_size=1, max_size=30), min_size=1,
                max_size=6), st.sampled_from(["\n\n", "\n\n\n", "\n \n"]), st.booleans())
def test_one_line_paragraphs_shortcut_equals_the_builder(paragraphs, separator, final_newline):
    """Plain text of one-line paragraphs skips DocumentBuilder: same text, blocks and offsets."""
    from sourcecheck.ingest import _built_text, _one_line_paragraphs, _text_paragraphs

    text = separator.join(paragraphs) + ("\n" if final_newline else "")
    simple = _one_line_paragraphs(text)
    found = list(_text_paragraphs(text))
    if simple is None or not found:
        return
    built = _built_text(found)
    built.end()
    canonical, offsets = built.text.build()
    assert simple == (canonical, tuple(built.blocks), offsets)


def test_one_line_paragraphs_shortcut_is_taken_for_plain_files():
    from sourcecheck.ingest import _one_line_paragraphs

    assert _one_line_paragraphs("Title\n\nFirst paragraph.\n\nSecond one.\n") is not None
    assert _one_line_paragraphs("Wrapped lines\nof one paragraph.\n\nNext.\n") is None
    assert _one_line_paragraphs("Two  spaces.\n\nNext.") is None


@given(st.lists(st.text(alphabet=st.sampled_from(list("ab Z9.'’é—\n")), max_size=30), max_size=8))
def test_batch_trigrams_are_each_texts_own(texts):
    from sourcecheck.grams import batch_trigrams, batch_word_ids, text_word_ids, trigrams

    keys, text_index, positions = batch_trigrams(*batch_word_ids(texts, chunk_chars=16))
    expected = [(i, p, k) for i, t in enumerate(texts) for p, k in enumerate(trigrams(text_word_ids(t)).tolist())]
    assert list(zip(text_index.tolist(), positions.tolist(), keys.tolist(), strict=True)) == expected
