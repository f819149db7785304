"""Checking reported speech (issue 16, step 4): each indirect or mixed attribution of an article,
the passage of the libraries it reports on, and the item-by-item comparison of the two.

The three stages it joins: `reported` (the attributions, from the parse the quotes' attribution
already made), `reported_passage` (the passage, per library: the speaker's own documents first)
and `compare` (numbers, dates, negation, names, quantifiers, modality, actor — not entailment).
Its output speaks in the spans of the rest of sourcecheck: `ArticleSpan` into the article's
canonical text, `SourceSpan` into the source's.

Direct attributions are not checked here: their quotes are, word by word (check.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .compare import Comparer, Difference, Kind, RuleComparer, compare
from .compare import Verdict as ReportedVerdict
from .ingest import Document
from .library_base import Library, Source
from .reported import ReportedAttribution
from .reported_passage import Passage, Reranker, find_passages
from .spans import ArticleSpan, SourceSpan

REPORTED_VERDICTS: tuple[ReportedVerdict, ...] = ("consistent", "differs", "no_passage")
CHECKED_KINDS = ("indirect", "mixed")  # a direct attribution's quote is checked word by word instead
PASSAGES_PER_LIBRARY = 3


@dataclass(frozen=True)
class ReportedPassage:
    """The passage of a source the content is taken to report on."""

    library: int  # which library (0: the main one, 1: --sources), as check.SourceRef
    source: Source
    span: SourceSpan  # in the source's canonical text
    text: str
    score: float  # retrieval's similarity with the content, 0..1 (reported_passage.py)
    by_speaker: bool  # the source's author or title names the attribution's speaker


@dataclass(frozen=True)
class ReportedDifference:
    """One compared item on which the content and the passage disagree."""

    kind: Kind  # number, date, negation, name, quantifier, modality, actor
    article: ArticleSpan  # the report's wording of it
    article_text: str
    passage: SourceSpan | None  # what the passage says instead, when one item of it stands for it
    passage_text: str | None
    meaning_changing: bool
    in_cue: bool = False  # the report's side is the attribution's cue ("pledged"), not its content


@dataclass(frozen=True)
class ReportedCheck:
    attribution: ReportedAttribution
    content: str  # the article's text of attribution.content
    verdict: ReportedVerdict  # consistent, differs or no_passage
    passage: ReportedPassage | None
    differences: tuple[ReportedDifference, ...] = ()
    # no_passage: the nearest window, which does not stand out as the passage reported on
    nearest: ReportedPassage | None = None


def reported_counts(checks: Sequence[ReportedCheck]) -> dict[str, int]:
    counts: dict[str, int] = dict.fromkeys(REPORTED_VERDICTS, 0)
    for check in checks:
        counts[check.verdict] += 1
    return counts


def check_reported(article: Document, attributions: Sequence[ReportedAttribution], libraries: Sequence[Library],
                   comparer: Comparer | None = None, reranker: Reranker | None = None) -> list[ReportedCheck]:
    """Every indirect and mixed attribution checked against the libraries, in text order; one
    nested in another's content is not checked again (its words are compared as part of it).
    `reranker`: candidate passages ranked by words alone when None (passage_rerank for embeddings)."""
    comparer = comparer or RuleComparer()
    sources = SourceCache(libraries)
    candidates = [a for a in attributions if a.kind in CHECKED_KINDS]
    return [_check_one(article, attribution, sources, comparer, reranker)
            for attribution in candidates if not _nested(attribution, candidates)]


class SourceCache:
    """The libraries, with each source fetched once per check however many passages are found in it
    (by reported speech and by the claims, claims/evidence.py)."""

    def __init__(self, libraries: Sequence[Library]) -> None:
        self.libraries = libraries
        self._sources: dict[tuple[int, int], Source] = {}

    def source(self, library: int, source_id: int) -> Source:
        key = (library, source_id)
        if key not in self._sources:
            self._sources[key] = self.libraries[library].get(source_id).source
        return self._sources[key]

    def passage(self, library: int, found: Passage) -> ReportedPassage:
        """A passage retrieval found in the library of that index, with its source."""
        return ReportedPassage(library, self.source(library, found.source_id), SourceSpan(found.start, found.end),
                               found.text, found.score, found.by_speaker)


def _nested(attribution: ReportedAttribution, others: Sequence[ReportedAttribution]) -> bool:
    """The attribution, cue and content, lies inside another's content ("The strategy says [Velmaria
    will propose that ...]")."""
    inner = attribution.content
    cue = attribution.cue or inner
    return any(other is not attribution and other.content.start <= min(inner.start, cue.start)
               and max(inner.end, cue.end) <= other.content.end and other.content != inner
               for other in others)


def _check_one(article: Document, attribution: ReportedAttribution, sources: SourceCache, comparer: Comparer,
               reranker: Reranker | None = None) -> ReportedCheck:
    content = article.text[attribution.content.start : attribution.content.end]
    speaker = attribution.source.name if attribution.source is not None else None
    best = best_passage(sources.libraries, content, speaker, reranker)
    if best is None:
        return ReportedCheck(attribution, content, "no_passage", None)
    library, found = best
    passage = sources.passage(library, found)
    if not found.confident:
        return ReportedCheck(attribution, content, "no_passage", None, nearest=passage)
    cue = attribution.cue
    comparison = compare(content, found.text, comparer,
                         cue=article.text[cue.start : cue.end] if cue is not None else None,
                         speaker=passage.source.author)  # who says the passage's "I"
    differences = tuple(located_difference(d, cue.start if d.in_cue and cue is not None else attribution.content.start,
                                 found.start) for d in comparison.differences)
    return ReportedCheck(attribution, content, comparison.verdict, passage, differences)


def best_passage(libraries: Sequence[Library], content: str, speaker: str | None,
                  reranker: Reranker | None = None) -> tuple[int, Passage] | None:
    """The first of `ranked_passages`, if any."""
    ranked = ranked_passages(libraries, content, speaker, reranker)
    return ranked[0] if ranked else None


def ranked_passages(libraries: Sequence[Library], content: str, speaker: str | None,
                    reranker: Reranker | None = None) -> list[tuple[int, Passage]]:
    """The passages of all libraries (their index with each), best first: a confident one
    (reported_passage) first, then as find_passages ranks one library's: the speaker's own documents
    first, then by score; the main library before --sources on a tie."""
    found = [(index, p) for index, library in enumerate(libraries)
             for p in find_passages(library, content, speaker, limit=PASSAGES_PER_LIBRARY, reranker=reranker)]
    return sorted(found, key=lambda item: (not item[1].confident, not item[1].by_speaker, -item[1].score, item[0]))


def located_difference(difference: Difference, report_start: int, passage_start: int) -> ReportedDifference:
    """A comparer's difference, its offsets into the clause (or the cue) and the passage made article
    and source offsets."""
    report, passage = difference.report, difference.passage
    return ReportedDifference(
        difference.kind,
        ArticleSpan(report_start + report.start, report_start + report.end), report.text,
        None if passage is None else SourceSpan(passage_start + passage.start, passage_start + passage.end),
        None if passage is None else passage.text,
        difference.meaning_changing,
        difference.in_cue,
    )
