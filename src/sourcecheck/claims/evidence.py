"""What the libraries say about a claim: the passages that speak to it, found and compared as
reported speech's are (reported_check.ranked_passages, compare), shared rather than duplicated.

A claim is `consistent` when a passage stands out as speaking to it (`Passage.confident`) and none of
its items differs, `differs` when some do (each listed with both sides), else `no_passage`. This is
never a truth verdict: a claim the libraries do not speak to is not false, one they contradict is
not shown wrong, only different from the documents given."""

from __future__ import annotations

from collections.abc import Sequence

from ..compare import Comparer, compare
from ..library_base import Library, Source
from ..reported_check import ReportedPassage, located_difference, ranked_passages
from ..reported_passage import Reranker
from ..spans import SourceSpan
from .model import ClaimCheck, ClaimItem, SentenceLabel

PASSAGES_SHOWN = 3


class SourceCache:
    """Sources fetched once per check, however many claims find passages in them."""

    def __init__(self, libraries: Sequence[Library]) -> None:
        self.libraries = libraries
        self._sources: dict[tuple[int, int], Source] = {}

    def source(self, library: int, source_id: int) -> Source:
        key = (library, source_id)
        if key not in self._sources:
            self._sources[key] = self.libraries[library].get(source_id).source
        return self._sources[key]


def check_claim(sentence: SentenceLabel, items: tuple[ClaimItem, ...], cache: SourceCache, comparer: Comparer,
                reranker: Reranker | None = None) -> ClaimCheck:
    ranked = ranked_passages(cache.libraries, sentence.text, None, reranker)[:PASSAGES_SHOWN]
    passages = tuple(ReportedPassage(index, cache.source(index, p.source_id), SourceSpan(p.start, p.end), p.text,
                                     p.score, p.by_speaker) for index, p in ranked)
    if not ranked or not ranked[0][1].confident:
        return ClaimCheck(sentence, items, "no_passage", None, (), passages)
    best = ranked[0][1]
    comparison = compare(sentence.text, best.text, comparer, speaker=passages[0].source.author)
    differences = tuple(located_difference(d, sentence.span.start, best.start) for d in comparison.differences)
    return ClaimCheck(sentence, items, comparison.verdict, passages[0], differences, passages)
