"""What the timeline stage returns. Every span is an `ArticleSpan`: offsets into the article's
canonical text (`Document.text` of the ingested article, the text `build_timeline` was given)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..spans import ArticleSpan
from ..timex import Timex

Relation = Literal["before", "after", "since", "until", "during", "around"]
Granularity = Literal["time", "day", "week", "month", "quarter", "season", "year", "decade", "century"]
EntryKind = Literal["date", "anchored"]
DateCheckKind = Literal["document_date", "source_after_article", "quote_year"]
DateVerdict = Literal["agrees", "differs", "unknown"]


@dataclass(frozen=True)
class Event:
    """A predicate with its subject and object ("the agreement was signed"), or the noun phrase or
    clause an event-anchored expression names ("the signing"): a short phrase and where it stands."""

    span: ArticleSpan
    phrase: str


@dataclass(frozen=True)
class Interval:
    """When something happened. `begin` and `end` are ISO dates written at the granularity
    (2015-02-14, 2015-02, 2015; a time of day as 2015-02-14T09:15). `None` on one side is
    open-ended: "after the signing" with no amount is `[signing, None)`."""

    begin: str | None
    end: str | None
    granularity: Granularity


@dataclass(frozen=True)
class DatedEvent:
    """A temporal expression and the event it dates. `interval` is its value as a stretch of the
    calendar when it names one (a DATE or TIME with a calendar value), else None (P3W, PRESENT_REF)."""

    timex: Timex
    event: Event | None
    interval: Interval | None


@dataclass(frozen=True)
class AnchorDate:
    """Where an anchor event's date comes from: `value` is ISO (2016-11-02, 2016-11, 2016 or an
    interval A/B); `evidence` says what dates it: "text" (`span` the date's words in the article),
    "library" (`source_id`, the library document whose metadata holds the date) or "creation" (the
    creation date less the expression's amount: "20 years since the first single")."""

    value: str
    granularity: Granularity
    evidence: Literal["text", "library", "creation"]
    span: ArticleSpan | None = None
    source_id: int | None = None
    source_title: str | None = None


@dataclass(frozen=True)
class AnchoredExpression:
    """An expression placed relative to an event: "two days after the signing" is relation "after",
    offset "P2D", anchor "the signing". `mod` is the TIMEX3 modifier of the offset (LESS_THAN,
    APPROX ...) or None. `interval` is None until the anchor is dated."""

    span: ArticleSpan
    text: str
    relation: Relation
    offset: str | None
    mod: str | None
    anchor: Event
    anchor_date: AnchorDate | None
    interval: Interval | None
    event: Event | None  # what the expression dates: the predicate of its clause


@dataclass(frozen=True)
class Entry:
    """One line of the chronology: a dated expression or an anchored one, where it resolves."""

    kind: EntryKind
    span: ArticleSpan
    text: str
    interval: Interval | None
    event: Event | None


@dataclass(frozen=True)
class DateCheck:
    """A date of the article compared with a source's own date (timeline/checks.py), at the coarser
    of the two granularities: "March 1863" agrees with 1863-03-15, "1863" with 1863-01-01.

    `kind` "document_date": the article dates a document (`article_span` the date's words);
    "source_after_article": a quoted source compared with the article's creation date (`article_span`
    the quote, `article_value` the creation date; "differs": the source is dated after it);
    "quote_year": a quote the article places in a year or on a day (`article_span` that date).
    "unknown": the source has no calendar date. `library` is where the source is: the library, or
    the documents given with --sources. `note` says how the dates were compared ("compared by
    the month") or why they could not be."""

    kind: DateCheckKind
    article_span: ArticleSpan
    article_text: str
    article_value: str | None
    source_id: int
    source_title: str | None
    source_value: str | None
    verdict: DateVerdict
    library: Literal["library", "sources"] = "library"
    note: str = ""


@dataclass(frozen=True)
class Timeline:
    """The timeline of an article's canonical text. `dct` is the creation time relative expressions
    were read against (ISO date), None when the article needed none and had none."""

    dct: str | None
    timexes: tuple[DatedEvent, ...]
    anchored: tuple[AnchoredExpression, ...]
    chronology: tuple[Entry, ...]  # by where each resolves; unresolved ones last, in reading order
    checks: tuple[DateCheck, ...] = ()  # its dates compared with its sources' (checks.py)
