"""The NumPy alignment equals the row-by-row reference it replaced: same cost, same steps, ties
broken alike — on random quotes cut from the speeches and edited every way the verifier meets
(replaced, inserted and dropped words, ellipses, [brackets], words split or joined at a hyphen)."""

from __future__ import annotations

import random
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcecheck.alignment import align, quote_tokens, source_words

from .alignment_reference import reference_align
from .conftest import speech_sample

SPEECH_FILES = speech_sample(40)
FOREIGN = ["never", "full", "the", "seven", "[the Parties]", "[it]", "...", "[…]", "inter-", "national", "efforts"]


def _edited(words: list[str], rng: random.Random, edits: int) -> list[str]:
    words = list(words)
    for _ in range(edits):
        i = rng.randrange(len(words))
        op = rng.choice(["insert", "drop", "replace", "bracket", "ellipsis", "split", "join", "plural"])
        if op == "insert":
            words.insert(i, rng.choice(FOREIGN))
        elif op == "drop" and len(words) > 2:
            del words[i]
        elif op == "replace":
            words[i] = rng.choice(FOREIGN)
        elif op == "bracket":
            words[i] = f"[{words[i]}]"
        elif op == "ellipsis":
            words[i : i + rng.randint(1, 6)] = ["..."]
        elif op == "split" and len(words[i]) > 5:
            words[i : i + 1] = [words[i][:3] + "-", words[i][3:]]
        elif op == "join" and i + 1 < len(words):
            words[i : i + 2] = [words[i] + words[i + 1]]
        elif op == "plural":
            words[i] = words[i] + "s"
    return words or ["word"]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_numpy_alignment_equals_the_reference(data):
    path = data.draw(st.sampled_from(SPEECH_FILES))
    text = path.read_text(encoding="utf-8").split("\n", 2)[-1]
    spans = [m.span() for m in re.finditer(r"\S+", text)]
    length = data.draw(st.integers(1, min(40, len(spans) - 1)))
    start = data.draw(st.integers(0, len(spans) - length))
    pad = data.draw(st.integers(0, 60))
    window = text[spans[max(0, start - pad)][0] : spans[min(len(spans) - 1, start + length + pad)][1]]
    quote_words = text[spans[start][0] : spans[start + length - 1][1]].split()
    rng = random.Random(data.draw(st.integers(0, 10**6)))
    quote = " ".join(_edited(quote_words, rng, data.draw(st.integers(0, 5))))
    tokens, words = quote_tokens(quote), source_words(window)
    lo = data.draw(st.integers(0, max(0, len(words) // 3)))
    assert align(tokens, words, lo) == reference_align(tokens, words, lo)


def test_empty_window_and_lone_ellipsis():
    for quote, source in [("a few words", ""), ("...", "some source words"), ("[it] ... [them]", "x y z")]:
        tokens, words = quote_tokens(quote), source_words(source)
        assert align(tokens, words) == reference_align(tokens, words)
