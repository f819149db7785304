"""Property: every word of the canonical text maps back to the same word in the original."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecheck.ingest import ingest_bytes
from sourcecheck.spans import ArticleSpan
from sourcecheck.tokens import INDEX_FOLD

from .conftest import needs_numba

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
        original = doc.original_span(ArticleSpan(match.start(), match.end()))
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
        original = doc.original_span(ArticleSpan(match.start(), match.end()))
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
                max_size=6), st.sampled_from(["\n\n", "\n\n\n", "\n\n\n\n", "\n \n"]), st.booleans())
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


@needs_numba
@settings(max_examples=600, deadline=None)  # the first call loads the compiled code
@given(st.text(alphabet=st.sampled_from(list("aZ19_'.,’— \n\0") + FOLDED), max_size=60))
def test_compiled_word_ids_equal_the_numpy_ones(text):
    """On ASCII (what the NumPy scanner is for), the build's compiled word scanner (kernels.word_ids)
    is the NumPy one's twin."""
    import numpy as np

    from sourcecheck import grams, kernels

    data = np.frombuffer(text.translate(INDEX_FOLD).encode("utf-8").lower(), dtype=np.uint8)
    expected_ids, expected_starts = grams._ascii_word_ids(data)
    ids, starts = kernels.word_ids(data)
    assert ids.tolist() == expected_ids.tolist() and starts.tolist() == expected_starts.tolist()


@needs_numba
def test_large_batches_take_the_compiled_path_and_get_the_same_ids(monkeypatch):
    from sourcecheck import grams
    from sourcecheck.tokens import normalized_words

    texts = ["Mr. O’Brien’s 80,000.5 votes — 2.5x the 1,2 rock'n'roll crowd's.", "Ünïcode café", "it's 3'4 a.b"] * 50
    calls = []
    compiled = grams._compiled_word_ids
    monkeypatch.setattr(grams, "_compiled_word_ids", lambda data: calls.append(len(data)) or compiled(data))
    monkeypatch.setattr(grams, "COMPILED_FROM", 100)
    together = grams.texts_word_ids(texts)
    assert calls  # the compiled scanner ran
    assert [ids.tolist() for ids in together] == [grams.word_ids(normalized_words(t)).tolist() for t in texts]


def _compiled_ids(texts: list[str]) -> list[list[int]]:
    from sourcecheck import grams

    original = grams.COMPILED_FROM
    grams.COMPILED_FROM = 0  # every chunk takes the compiled path
    try:
        return [ids.tolist() for ids in grams.texts_word_ids(texts)]
    finally:
        grams.COMPILED_FROM = original


# letters of many scripts (cased, uncased, folding to several letters: ß, ŉ, ΐ, ﬃ, İ), combining marks,
# non-ASCII digits and numerals, symbols, astral characters: every path of the compiled folding
UNICODE_SAMPLES = list("aZ19_'.,’— \n") + FOLDED + list("éÉçÇñØøßẞŉΐΰﬃİıſKÅΣσςЖжњЅ中文ｱ\u0301\u0308²½٣۵१°€£©™😀𝐀\u200d")


@settings(max_examples=800, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet=st.sampled_from(UNICODE_SAMPLES), max_size=40), st.text(max_size=20)),
                min_size=1, max_size=5))
def test_compiled_word_ids_of_any_text_equal_the_exact_tokenizers(texts):
    """The compiled folding and scanner give, for text in any script, the ids `normalized_words`
    (the regex and str.casefold) gives: what lookups of quotes compute for the same words."""
    from sourcecheck import grams
    from sourcecheck.tokens import normalized_words

    assert _compiled_ids(texts) == [grams.word_ids(normalized_words(t)).tolist() for t in texts]


@needs_numba
def test_accented_and_non_latin_text_keeps_to_the_compiled_path():
    """Only a text holding a non-ASCII digit or a character beyond U+FFFF goes word by word."""
    import numpy as np

    from sourcecheck import grams, kernels

    texts = ["Señor Müller's café — «déjà vu» at 20°C, 5 €", "Σωκράτης и Достоевский", "ΐ ﬃ Straße İstanbul",
             "page ٣", "math 𝐀"]
    joined = np.frombuffer("\0".join(texts).encode("utf-8"), dtype=np.uint8)
    _, _, flagged = kernels.fold_index(joined, *grams._index_fold_table())
    assert flagged.tolist() == [False, False, False, True, True]
    replaced_from, _, _ = grams._index_fold_table()
    widths = np.array([1] * 0x80 + [2] * (0x800 - 0x80) + [3] * (0x10000 - 0x800))
    assert (np.diff(replaced_from) <= 3 * widths).all()  # fold_index's output holds three bytes per byte


@needs_numba
@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("ab Z9.'’é—")), max_size=40), max_size=8),
       st.lists(st.integers(0, 2**32 - 1), max_size=8))
def test_compiled_postings_equal_the_numpy_ones(texts, source_ids):
    """kernels.trigram_postings is the twin of batch_trigrams kept to the texts that were stored
    (source id not 0), as the library's bulk add uses it."""
    import numpy as np

    from sourcecheck import grams, kernels

    ids, offsets = grams.batch_word_ids(texts)
    stored_as = np.array((source_ids + [0] * len(texts))[: len(texts)], dtype=np.int64)
    expected = grams.batch_postings(ids, offsets, stored_as)  # few words: the NumPy path
    compiled = kernels.trigram_postings(ids, offsets, stored_as)
    assert [a.tolist() for a in compiled] == [a.tolist() for a in expected]
    assert compiled[1].dtype == expected[1].dtype == np.uint32
