"""What the claims stage returns. Every `ArticleSpan` is an offset into the article's canonical text
(`Document.text` of the ingested article); every `SourceSpan` into a library source's text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..reported_check import ReportedDifference, ReportedPassage
from ..spans import ArticleSpan

Label = Literal["claim", "fact", "opinion"]
# own: the article's own voice, labelled; quote / reported: words the article gives to someone else,
# which keep their own checks (quote verification, reported speech) and get no label here
Voice = Literal["own", "quote", "reported"]
ItemKind = Literal["number", "date", "name"]
ClaimVerdict = Literal["consistent", "differs", "no_passage"]
CLAIM_VERDICTS: tuple[ClaimVerdict, ...] = ("consistent", "differs", "no_passage")
LABELS: tuple[Label, ...] = ("claim", "fact", "opinion")


@dataclass(frozen=True)
class SentenceLabel:
    """One sentence of the article. `label` is None unless `voice` is "own". `subjective` is the
    model's probability that the sentence is opinion, `checkworthy` that it is a factual claim worth
    checking; `score` is the probability of the label given (for "fact": 1 - checkworthy)."""

    span: ArticleSpan
    text: str
    voice: Voice
    label: Label | None
    score: float | None
    subjective: float | None
    checkworthy: float | None


@dataclass(frozen=True)
class ClaimItem:
    """A checkable item of a claim: a figure, a date, a named person, place or organisation, and the
    relation it stands in (its clause's predicate with subject and object), when it has one."""

    kind: ItemKind
    span: ArticleSpan
    text: str
    relation: str | None = None


@dataclass(frozen=True)
class ClaimCheck:
    """A claim and what the libraries say about it: `consistent` (a passage speaks to it and none of
    its items differ), `differs` (the items that do, both sides located) or `no_passage`. Never a
    truth verdict: the libraries are the only evidence. `passages`: the nearest passages, best first
    (the first is `passage` when one was found)."""

    sentence: SentenceLabel
    items: tuple[ClaimItem, ...]
    verdict: ClaimVerdict
    passage: ReportedPassage | None
    differences: tuple[ReportedDifference, ...] = ()
    passages: tuple[ReportedPassage, ...] = ()


@dataclass(frozen=True)
class Claims:
    """The article's sentences labelled and its claims checked; `labeller` names the model (its
    SHA-256 prefix), `checked` is False when no library was given (every claim then `no_passage`)."""

    sentences: tuple[SentenceLabel, ...]
    claims: tuple[ClaimCheck, ...]
    labeller: str
    checked: bool

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(LABELS, 0)
        for sentence in self.sentences:
            if sentence.label is not None:
                counts[sentence.label] += 1
        return counts

    def verdict_counts(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(CLAIM_VERDICTS, 0)
        for claim in self.claims:
            counts[claim.verdict] += 1
        return counts
