"""Checking an article: each quote looked up in the source libraries, aligned and judged.

Candidate passages come from the library's trigram index (the whole quote, and each piece of a
quote stitched with an ellipsis), or for one- and two-word quotes from the phrase index, the
occurrence nearest in wording to the article's sentence around the quote. Each candidate window
is aligned word by word; the best alignment decides the verdict.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from .alignment import Alignment, QuoteToken, SourceWord, align, quote_tokens, shifted, source_words
from .attribution import PART_NOUNS, Attribution, Speaker, name_words
from .attribution.chooser import attribute_prepared, prepare
from .claims import Claims, build_claims
from .ingest import Document
from .library_base import Library, Source
from .library_base import Region as IndexRegion
from .quotes import find_quotes
from .reported import ReportedAttribution, reported_in
from .reported_check import ReportedCheck, check_reported, reported_counts
from .reported_passage import Reranker
from .spans import SourceSpan
from .timeline import Timeline, build_timeline
from .timeline.checks import QuotedSource
from .verdict import Edit, Judgement, Verdict, judge

AttributionCheck = Literal["consistent", "conflict", "unknown"]
VERDICT_RANK = {"verbatim": 0, "marked_edits": 1, "altered": 2, "not_found": 3}
MAX_WINDOW_WORDS = 4000
MAX_CANDIDATES = 8
SHORT_QUOTE_WORDS = 2
PHRASE_WORDS = 2  # a quote this short is found only in a source by the speaker the article names
TINY_ALTERED_WORDS = 4  # an altered quote this short must be in a source by the speaker the article names
SHORT_ALTERED_WORDS = 8  # an altered quote this short needs a source not by someone else, and a speaker or a sentence
HOPELESS_SHARE = 1 / 3  # verdicts need 45-60% of the words matched (verdict.py); minor variants aside
# Words many different people's names and titles share: matching on them proves nothing.
OFFICE_WORDS = frozenset("president senator minister secretary general of".split())


if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass(frozen=True)
class SourceRef:
    library: int  # which library (0: the main one, 1: --sources given on the command line)
    source: Source


# (library, source id, first word, last word + 1, trigram hits): a stretch of a source to align against
Window = tuple[int, int, int, int, int]
# an aligned window: which source, its text and words, the alignment and its verdict
Tried = tuple[SourceRef, str, list[SourceWord], Alignment, Judgement]


@dataclass(frozen=True)
class Match:
    text: str  # the source's words the quote covers
    span: SourceSpan  # in the source's canonical text
    context: str  # the full source sentence or sentences around it
    context_span: SourceSpan
    score: float  # share of the quote's words the passage holds: low for an altered quote means a loose match


@dataclass(frozen=True)
class Candidate:
    ref: SourceRef
    text: str
    span: SourceSpan
    matched_share: float


@dataclass(frozen=True)
class Verification:
    attribution: Attribution
    verdict: Verdict
    ref: SourceRef | None
    match: Match | None
    edits: tuple[Edit, ...]
    attribution_check: AttributionCheck
    candidates: tuple[Candidate, ...]  # nearest passages, for a quote not found
    alignment: Alignment | None
    tokens: tuple[QuoteToken, ...]
    source_words: tuple[SourceWord, ...] = ()


@dataclass(frozen=True)
class CheckResult:
    article: Document
    verifications: list[Verification]
    reported: list[ReportedCheck] | None = None  # None: reported speech not checked (--no-reported)
    every_attribution: tuple[ReportedAttribution, ...] = ()  # found on the quotes' parse: what with_reported checks
    timeline: Timeline | None = None  # None: not built (--no-timeline)
    claims: Claims | None = None  # None: not built (--no-claims)
    # the quotes' parse, kept for `with_claims` and `with_timeline` (which drops it) when check_quotes was asked
    parsed: Doc | None = field(default=None, repr=False, compare=False)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(VERDICT_RANK, 0)
        for v in self.verifications:
            counts[v.verdict] += 1
        return counts

    def reported_counts(self) -> dict[str, int] | None:
        return None if self.reported is None else reported_counts(self.reported)

    @property
    def problems(self) -> bool:
        """A quote altered or not found, or reported speech or a claim that differs from its passage:
        exit code 1."""
        counts = self.counts()
        claims_differ = self.claims is not None and self.claims.verdict_counts()["differs"] > 0
        return bool(counts["altered"] or counts["not_found"] or (self.reported_counts() or {}).get("differs")
                    or claims_differ)


class _SourceCache:
    def __init__(self, libraries: list[Library]) -> None:
        self.libraries = libraries
        self._texts: dict[tuple[int, int], tuple[SourceRef, str, list[SourceWord]]] = {}

    def get(self, library: int, source_id: int) -> tuple[SourceRef, str, list[SourceWord]]:
        key = (library, source_id)
        if key not in self._texts:
            stored = self.libraries[library].get(source_id)
            self._texts[key] = (SourceRef(library, stored.source), stored.text, source_words(stored.text))
        return self._texts[key]


def check_article(article: Document, libraries: list[Library], nlp: Language | None = None,
                  reported: bool = True, timeline: bool = True, dct: str | None = None,
                  claims: bool = True) -> CheckResult:
    """Every quote verified; with `reported`, every indirect and mixed attribution too, with `claims`
    the article's own sentences labelled and its claims checked, and with `timeline` the article's
    timeline, all found on the same parse (reported_check.py, claims/, timeline/). `dct`: the date
    the timeline reads relative expressions against (default: the article's)."""
    result = check_quotes(article, libraries, nlp, find_reported=reported or claims, keep_parse=timeline or claims)
    if claims:
        result = with_claims(result, libraries)
    # as the CLI does: the parse is let go before reported speech parses its own
    result = with_timeline(result, libraries, dct) if timeline else replace(result, parsed=None)
    return with_reported(result, libraries) if reported else result


def with_claims(result: CheckResult, libraries: list[Library], reranker: Reranker | None = None) -> CheckResult:
    """The result with the article's own sentences labelled (claim, fact, opinion) and each claim
    compared with the libraries' passages; the quotes and attributions say whose words a sentence
    is. Needs the parse: check_quotes(keep_parse=True, find_reported=True)."""
    if result.parsed is None:
        raise ValueError("with_claims needs the quotes' parse: check_quotes(..., keep_parse=True)")
    quotes = [v.attribution.quote for v in result.verifications]
    found = build_claims(result.article.text, result.parsed, quotes, result.every_attribution, libraries,
                         reranker=reranker)
    return replace(result, claims=found)


def check_quotes(article: Document, libraries: list[Library], nlp: Language | None = None,
                 find_reported: bool = True, keep_parse: bool = False) -> CheckResult:
    """Every quote verified; with `find_reported`, every attribution found too (on the one parse),
    for `with_reported` to check; with `keep_parse`, the parse kept for `with_timeline`: the CLI
    gives the steps time limits of their own."""
    quotes = find_quotes(article)
    parsed, mentions = prepare(article, quotes, nlp)
    attributions = attribute_prepared(article, parsed, mentions, quotes)
    every_attribution = reported_in(article, parsed, mentions, attributions) if find_reported else []
    cache = _SourceCache(libraries)
    verifications = [verify_quote(article, a, cache) for a in attributions]
    return CheckResult(article, verifications, None, tuple(every_attribution), parsed=parsed if keep_parse else None)


def with_reported(result: CheckResult, libraries: list[Library], reranker: Reranker | None = None) -> CheckResult:
    """The result with its indirect and mixed attributions checked against the libraries."""
    return replace(result, reported=check_reported(result.article, result.every_attribution, libraries,
                                                   reranker=reranker))


def with_timeline(result: CheckResult, libraries: list[Library], dct: str | None = None) -> CheckResult:
    """The result with the article's timeline, built on the quotes' parse when the result kept it,
    its dates compared with the libraries' documents and the sources the quotes were found in.
    `dct` (`check --date`) else the article's metadata date is what "yesterday" counts from; with
    neither, such expressions stay unresolved: a check reports what it can rather than fail."""
    article = result.article
    quoted = [QuotedSource(v.attribution.quote.span, v.ref.source, "sources" if v.ref.library else "library")
              for v in result.verifications if v.ref is not None and v.verdict != "not_found"]
    timeline = build_timeline(article.text, dct or article_date(article), parsed=result.parsed,
                              library=libraries[0] if libraries else None,
                              sources=libraries[1] if len(libraries) > 1 else None, quoted=quoted, undated_ok=True)
    return replace(result, timeline=timeline, parsed=None)


def article_date(article: Document) -> str | None:
    """The publication date in the article's metadata, if it names a day (a year alone does not)."""
    value = (article.metadata.date or "").strip()[:10]
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def verify_quote(article: Document, attribution: Attribution, cache: _SourceCache) -> Verification:
    quote = attribution.quote
    tokens = quote_tokens(quote.text)
    own = [t.word.norm for t in tokens if t.word is not None and not t.word.bracketed]
    windows = _windows(article, attribution, tokens, own, cache)
    tried: list[Tried] = []
    aligned: dict[tuple[str, ...], tuple[Alignment, int]] = {}
    perfect_hits = None  # trigram hits of a window where every quote word matched in a row
    passages: list[tuple[int, Alignment, list[str]]] = []  # (hits, alignment, source words it covers)
    wanted = set(own)
    single_piece = all(t.word is not None for t in tokens)  # a stitched quote's window may hold one piece
    for library, source_id, lo, hi, hits in sorted(windows, key=lambda w: -w[4]):
        if perfect_hits is not None and hits < perfect_hits:
            continue  # cannot hold the quote word for word either: it could only lose to the one found
        ref, text, words = cache.get(library, source_id)
        lo = max(0, min(lo, len(words)))
        key = tuple(w.norm for w in words[lo:hi])
        if key in aligned:  # a passage repeated word for word (archives are full of them): align once
            first, first_lo = aligned[key]
            alignment = shifted(first, lo - first_lo)
        elif tried and single_piece and len(wanted & set(key)) < HOPELESS_SHARE * len(wanted):
            continue  # too few of the quote's words to reach a verdict other than not_found: not worth aligning
        else:
            copied = _copy_of_passage(passages, words, lo, hi, hits) if single_piece else None
            alignment = copied or align(tokens, words, lo, hi)
            aligned[key] = (alignment, lo)
        judgement = judge(quote.text, tokens, text, words, alignment)
        tried.append((ref, text, words, alignment, judgement))
        if alignment.source_end > alignment.source_start:
            passages.append((hits, alignment, [w.norm for w in words[alignment.source_start : alignment.source_end]]))
        if perfect_hits is None and hits and _word_for_word(alignment, tokens):
            perfect_hits = hits
    if not tried:
        return Verification(attribution, "not_found", None, None, (), "unknown", (), None, tuple(tokens))
    tried.sort(key=lambda t: _preference(t, attribution.speaker, len(tokens)))
    candidates = tuple(_candidate(r, tx, ws, al, j) for r, tx, ws, al, j in tried[:3])
    # the best passage that explains the quote as the article credits it (a short quote's chance
    # look-alike in someone else's speech gives way to the speaker's own, a little further off)
    chosen = next((t for t in tried if t[4].verdict != "not_found" and _enough_evidence(
        len(own), t[4], attribution_check(attribution.speaker, t[0].source), attribution)), None)
    if chosen is None:
        return Verification(attribution, "not_found", None, None, (), "unknown", candidates, None, tuple(tokens))
    ref, text, words, alignment, judgement = chosen
    consistency = _warned(attribution_check(attribution.speaker, ref.source), attribution, len(own))
    match = _match(text, words, alignment, judgement.matched_share)
    return Verification(attribution, judgement.verdict, ref, match, judgement.edits, consistency, (), alignment,
                        tuple(tokens), tuple(words))


def _warned(consistency: AttributionCheck, attribution: Attribution, words: int) -> AttributionCheck:
    """The check a reader is warned of. A body speaks through people ("the Kremlin said" is no claim
    about who wrote the source), and four common words in someone else's speech ("a large
    proportion" in Washington's message) say nothing about who said them: no misattribution there."""
    body = attribution.speaker is not None and attribution.speaker.type == "organisation"
    return "unknown" if consistency == "conflict" and (words <= TINY_ALTERED_WORDS or body) else consistency


def _enough_evidence(words: int, judgement: Judgement, consistency: AttributionCheck, attribution: Attribution) -> bool:
    """A few common words stand near-identical in some document of any large library by chance
    ("Build Back Better" against "build a better"): a short quote is called altered only when its
    source is not by someone other than the speaker the article names, and a phrase nobody is
    credited with (a scare quote, a title, a fragment) is not called altered at all; up to four words
    are called altered only in a source by the speaker named (or for a number changed). One or two
    words stand in almost any large library: found only in a source by the speaker named."""
    if words <= PHRASE_WORDS:
        return consistency == "consistent"
    if judgement.verdict != "altered" or words > SHORT_ALTERED_WORDS:
        return True
    if consistency == "conflict":
        return False
    numbers_changed = all(e.op == "replace" and e.category == "number" for e in judgement.edits if not e.marked)
    if words <= TINY_ALTERED_WORDS:  # "It's also just" for "It's just": only the speaker's own words
        return consistency == "consistent" or numbers_changed
    return attribution.speaker is not None or attribution.quote.kind == "direct" or numbers_changed


def _copy_of_passage(passages: list[tuple[int, Alignment, list[str]]], words: list[SourceWord], lo: int, hi: int,
                     hits: int) -> Alignment | None:
    """The alignment of a passage already aligned, when this window holds the same words and had no
    more trigram hits (windows come best first): copies of one passage in many documents are common."""
    for found_hits, alignment, sequence in passages:
        if hits <= found_hits:
            at = _find(sequence, words, lo, hi)
            if at is not None:
                return shifted(alignment, at - alignment.source_start)
    return None


def _find(sequence: list[str], words: list[SourceWord], lo: int, hi: int) -> int | None:
    """Where the word sequence stands in words[lo:hi], if it does."""
    norms = [w.norm for w in words[lo:hi]]
    first, length = sequence[0], len(sequence)
    for i, norm in enumerate(norms[: len(norms) - length + 1]):
        if norm == first and norms[i : i + length] == sequence:
            return lo + i
    return None


def _word_for_word(alignment: Alignment, tokens: list[QuoteToken]) -> bool:
    """Every token a word matched exactly, one source word after another (no ellipsis, no brackets)."""
    steps = alignment.steps
    return len(steps) == len(tokens) and all(
        s.op == "match" and len(s.source_words) == 1 and t.word is not None and not t.word.bracketed
        for s, t in zip(steps, tokens, strict=True)) and all(
        a.source_end == b.source_start for a, b in zip(steps, steps[1:], strict=False))


def _preference(tried: Tried, speaker: Speaker | None, length: int) -> tuple[bool, float, bool, int, int]:
    ref, _, _, alignment, judgement = tried
    consistent = attribution_check(speaker, ref.source) == "consistent"
    return (VERDICT_RANK[judgement.verdict] == 3, round(alignment.cost / max(length, 1), 3), not consistent,
            ref.library, ref.source.id)


def _candidate(ref: SourceRef, text: str, words: list[SourceWord], alignment: Alignment,
               judgement: Judgement) -> Candidate:
    if alignment.source_end <= alignment.source_start:
        return Candidate(ref, "", SourceSpan(0, 0), judgement.matched_share)
    span = SourceSpan(words[alignment.source_start].start, words[alignment.source_end - 1].end)
    return Candidate(ref, text[span.start : span.end], span, judgement.matched_share)


def _match(text: str, words: list[SourceWord], alignment: Alignment, score: float) -> Match:
    span = SourceSpan(words[alignment.source_start].start, words[alignment.source_end - 1].end)
    context = sentence_span(text, span)
    return Match(text[span.start : span.end], span, text[context.start : context.end], context, score)


SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*\n")


def sentence_span(text: str, span: SourceSpan) -> SourceSpan:
    """The whole sentence or sentences of `text` that the span touches."""
    start = 0
    for boundary in SENTENCE_END.finditer(text, max(0, span.start - 2000), span.start + 1):
        if boundary.end() <= span.start:
            start = boundary.end()
    end_match = SENTENCE_END.search(text, span.end)
    end = end_match.start() if end_match else len(text)
    end = max(end, span.end)
    while end < len(text) and text[end] in "\"”’)]":
        end += 1
    return SourceSpan(start, end)


# ---------------------------------------------------------------- candidate windows


def _windows(article: Document, attribution: Attribution, tokens: list[QuoteToken], own: list[str],
             cache: _SourceCache) -> list[Window]:
    """(library, source id, first word, last word + 1, trigram hits) windows to align the quote against."""
    if not own:
        return []
    if len(own) <= SHORT_QUOTE_WORDS:
        return _short_quote_windows(article, attribution, own, cache)
    pad = len(tokens) + 10
    windows: list[Window] = []
    for index, library in enumerate(cache.libraries):
        regions: list[IndexRegion | WordRegion] = []
        pieces = _pieces(tokens)
        for query in [own] + [p for p in pieces if len(p) >= 3 and len(pieces) > 1]:
            found = library.candidates(query, limit=MAX_CANDIDATES)
            if found:  # per query: a stitched quote's short piece must not lose to its long one
                best = max(r.hits for r in found)
                regions += [r for r in found if r.hits >= max(1, best // 2)]
        if not regions or max(r.hits for r in regions) < 2:
            regions += _word_regions(library, index, own, cache)
        by_source: dict[int, list[IndexRegion | WordRegion]] = {}
        for region in regions:
            by_source.setdefault(region.source_id, []).append(region)
        for source_id, source_regions in by_source.items():
            source_regions.sort(key=lambda r: r.word_start)
            for group in _close_groups(source_regions):
                lo = max(0, group[0].word_start - pad)
                hi = group[-1].word_end + pad
                windows.append((index, source_id, lo, hi, max(r.hits for r in group)))
    return windows


def _word_regions(library: Library, index: int, own: list[str], cache: _SourceCache) -> list[WordRegion]:
    """Where the quote's words cluster in sources that hold them close together, or else in those
    richest in the rarer ones (no trigram survived, or none the index keeps postings for)."""
    wanted = set(own)
    span = len(own) + 4
    regions: list[WordRegion] = []
    near = library.near_sources(own, limit=MAX_CANDIDATES * 2)
    for source_id in dict.fromkeys(near + library.word_sources(own, limit=MAX_CANDIDATES * 2)):
        _, _, words = cache.get(index, source_id)
        norms = [w.norm for w in words]
        best, best_at = 0, 0
        counts: dict[str, int] = {}
        for at, word in enumerate(norms):  # sliding window: distinct quote words inside
            if word in wanted:
                counts[word] = counts.get(word, 0) + 1
            if at >= span and norms[at - span] in wanted:
                counts[norms[at - span]] -= 1
                if not counts[norms[at - span]]:
                    del counts[norms[at - span]]
            if len(counts) > best:
                best, best_at = len(counts), at
        if best >= max(2, len(wanted) // 2):
            regions.append(WordRegion(source_id, max(0, best_at - span + 1), best_at + 1, best))
    return sorted(regions, key=lambda r: -r.hits)[:MAX_CANDIDATES]


@dataclass(frozen=True)
class WordRegion:
    source_id: int
    word_start: int
    word_end: int
    hits: int


def _close_groups(regions: list[IndexRegion | WordRegion]) -> list[list[IndexRegion | WordRegion]]:
    """Regions of one source near enough to align as one window (an ellipsis may join them)."""
    groups = [[regions[0]]]
    for region in regions[1:]:
        if region.word_end - groups[-1][0].word_start <= MAX_WINDOW_WORDS:
            groups[-1].append(region)
        else:
            groups.append([region])
    return groups


def _pieces(tokens: list[QuoteToken]) -> list[list[str]]:
    pieces: list[list[str]] = []
    current: list[str] = []
    for token in tokens:
        if token.word is None:
            pieces.append(current)
            current = []
        elif not token.word.bracketed:
            current.append(token.word.norm)
    pieces.append(current)
    return [p for p in pieces if p]


def _short_quote_windows(article: Document, attribution: Attribution, own: list[str],
                         cache: _SourceCache) -> list[Window]:
    """A one- or two-word quote: its occurrences, nearest first in the wording around it."""
    quote = attribution.quote
    block = article.block_at(quote.start)
    around = article.text[block.start : block.end] if block else article.text[quote.start - 300 : quote.end + 300]
    context = {w.norm for w in source_words(around)} - set(own)
    scored: list[tuple[int, int, int, int]] = []  # (context words nearby, library, source id, word)
    for index, library in enumerate(cache.libraries):
        for source_id in library.phrase_sources(own):
            _, _, words = cache.get(index, source_id)
            norms = [w.norm for w in words]
            for at in range(len(norms) - len(own) + 1):
                if norms[at : at + len(own)] == own:
                    nearby = set(norms[max(0, at - 30) : at + 30])
                    scored.append((len(context & nearby), index, source_id, at))
    scored.sort(key=lambda s: (-s[0], s[1], s[2], s[3]))
    return [(index, source_id, at, at + len(own), 0) for _, index, source_id, at in scored[:MAX_CANDIDATES]]


# ---------------------------------------------------------------- attribution


def attribution_check(speaker: Speaker | None, source: Source) -> AttributionCheck:
    """Does the source's author (or, for a document speaker, its title) agree with the article?"""
    if speaker is None:
        return "unknown"
    reference = source.title if speaker.type == "document" else source.author
    if not reference:
        return "unknown"
    said = _identifying_words(speaker.name)
    if not said or not any(w[:1].isupper() for w in speaker.name.split()):
        return "unknown"  # "the summary", "officials": nothing to compare
    if speaker.type == "document" and speaker.name.split()[0].lower() in PART_NOUNS:
        return "unknown"  # "Article 3" of which document?
    return "consistent" if said & _identifying_words(reference) else "conflict"


def _identifying_words(name: str) -> set[str]:
    return {w for w in name_words(name) if w not in OFFICE_WORDS and len(w) > 1}
