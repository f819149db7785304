"""What the libraries say about a claim: the passages that speak to it, found and compared as
reported speech's are (reported_check.ranked_passages, compare), shared rather than duplicated.

A claim is `consistent` when a passage stands out as speaking to it (`Passage.confident`) and none of
its items differs, `differs` when some do (each listed with both sides), else `no_passage`. This is
never a truth verdict: a claim the libraries do not speak to is not false, one they contradict is
not shown wrong, only different from the documents given."""

from __future__ import annotations

from ..compare import Comparer, compare
from ..reported_check import SourceCache, located_difference, ranked_passages
from ..reported_passage import Reranker
from .model import ClaimCheck, ClaimItem, SentenceLabel

PASSAGES_SHOWN = 3


def check_claim(sentence: SentenceLabel, items: tuple[ClaimItem, ...], cache: SourceCache, comparer: Comparer,
                reranker: Reranker | None = None) -> ClaimCheck:
    ranked = ranked_passages(cache.libraries, sentence.text, None, reranker)[:PASSAGES_SHOWN]
    passages = tuple(cache.passage(index, p) for index, p in ranked)
    if not ranked or not ranked[0][1].confident:
        return ClaimCheck(sentence, items, "no_passage", None, (), passages)
    best = ranked[0][1]
    comparison = compare(sentence.text, best.text, comparer, speaker=passages[0].source.author)
    differences = tuple(located_difference(d, sentence.span.start, best.start) for d in comparison.differences)
    return ClaimCheck(sentence, items, comparison.verdict, passages[0], differences, passages)
