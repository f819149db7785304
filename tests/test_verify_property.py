"""Property tests of verification on real prose: random passages of the speeches, random word edits."""

from __future__ import annotations

import random
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcecheck.alignment import align, quote_tokens, source_words
from sourcecheck.tokens import normalized_words
from sourcecheck.verdict import judge

from .conftest import speech_sample

SPEECH_FILES = speech_sample(25)
REPLACEMENTS = ["full", "never", "great", "people", "freedom", "seven", "Congress", "not", "all", "new"]


def passage(data, min_words=4, max_words=60):
    """A speech window of a few hundred words and a random passage inside it."""
    path = data.draw(st.sampled_from(SPEECH_FILES))
    text = path.read_text(encoding="utf-8").split("\n", 2)[-1]
    spans = [m.span() for m in re.finditer(r"\S+", text)]
    length = data.draw(st.integers(min_words, min(max_words, len(spans) - 1)))
    start = data.draw(st.integers(0, len(spans) - length))
    window = text[spans[max(0, start - 150)][0] : spans[min(len(spans) - 1, start + length + 150)][1]]
    quote = text[spans[start][0] : spans[start + length - 1][1]]
    return window, quote


def edited(quote: str, k: int, seed: int) -> str:
    rng = random.Random(seed)
    words = quote.split()
    for _ in range(k):
        op = rng.choice(["insert", "delete", "replace"])
        i = rng.randrange(1, len(words) - 1)  # inside: a quote cut shorter is still verbatim
        if op == "insert":
            words.insert(i, rng.choice(REPLACEMENTS))
        elif op == "delete" and len(words) > 3:
            del words[i]
        else:
            words[i] = rng.choice([w for w in REPLACEMENTS if w.casefold() != words[i].casefold()])
    return " ".join(words)


def check(source: str, quote: str):
    tokens = quote_tokens(quote)
    words = source_words(source)
    return judge(quote, tokens, source, words, align(tokens, words))


def rebuilt_quote(source: str, judgement, alignment, words) -> list[str]:
    """The matched source passage with every reported edit applied, as normalised words."""
    changes = []  # (start, end, replacement) in source offsets
    for edit in judgement.edits:
        if edit.op == "move":
            changes.append((edit.source_span.start, edit.source_span.end, ""))
            changes.append((edit.moved_to, edit.moved_to, edit.article))
        else:
            changes.append((edit.source_span.start, edit.source_span.end, edit.article))
    start, end = words[alignment.source_start].start, words[alignment.source_end - 1].end
    start = min([start] + [c[0] for c in changes])
    end = max([end] + [c[1] for c in changes])
    text = source[start:end]
    for s, e, replacement in sorted(changes, key=lambda c: (c[0], c[1]), reverse=True):
        text = text[: s - start] + " " + replacement + " " + text[e - start :]
    return normalized_words(text)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_untouched_passages_are_verbatim(data):
    source, quote = passage(data)
    assert check(source, quote).verdict == "verbatim"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.integers(1, 4), st.integers(0, 10_000))
def test_edited_passages_are_never_verbatim_and_edits_explain_the_change(data, k, seed):
    source, original = passage(data, min_words=6)
    quote = edited(original, k, seed)
    marks_in_source = any(mark in original for mark in ("[", "...", "…"))
    if " ".join(normalized_words(quote)) in " ".join(normalized_words(source)):
        return  # the random edits cancelled out, or made another real passage
    tokens, words = quote_tokens(quote), source_words(source)
    alignment = align(tokens, words)
    judgement = judge(quote, tokens, source, words, alignment)
    assert judgement.verdict != "verbatim"
    if marks_in_source:
        return  # the transcript's own [brackets] or ellipses read as the writer's marks
    assert judgement.verdict in ("altered", "not_found")
    if judgement.verdict == "altered":
        assert rebuilt_quote(source, judgement, alignment, words) == normalized_words(quote)
