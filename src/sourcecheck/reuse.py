"""Text reuse between articles: which share passages, where, and which came first.

Each article's words (as sourcecheck compares them: case-folded, punctuation ignored) are cut
into overlapping shingles of SHINGLE_WORDS words. Two articles share a shingle when they have the
same run of words; shared shingles on one diagonal (the same shift between the two articles)
that overlap or are separated by at most MAX_GAP_WORDS changed words join into one passage, with
character spans into each article's canonical text (`article.text` of the JSON report).

The pure functions here are the whole algorithm. `find_reuse` runs them in plain Python; the
Spark job (corpus.py) runs the same functions, grouping shingle hashes with explode/group-by.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TypedDict

from .tokens import words

SHINGLE_WORDS = 8  # shorter runs of equal words turn up by chance ("at the end of the day")
MAX_GAP_WORDS = 2  # a passage with up to this many changed words in a row stays one passage
MAX_POSTINGS = 100  # a shingle in more places than this is boilerplate or a famous line: no evidence of reuse
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Shingle:
    hash: int  # signed 64-bit (Spark's LongType), the same in every process (not Python's hash())
    pos: int  # index of its first word
    start: int  # character span in the article's text
    end: int


@dataclass(frozen=True)
class Posting:
    article: int
    pos: int
    start: int
    end: int


@dataclass(frozen=True)
class Match:
    """One shingle found in both articles of a pair (a < b)."""

    pos_a: int
    pos_b: int
    start_a: int
    end_a: int
    start_b: int
    end_b: int


@dataclass(frozen=True)
class Passage:
    start_a: int
    end_a: int
    start_b: int
    end_b: int
    words_a: tuple[int, int]  # word range [first, last + 1) in article a
    words_b: tuple[int, int]


@dataclass(frozen=True)
class ReuseArticle:
    index: int  # position in the corpus, sorted by path
    path: str
    title: str | None
    date: str | None
    text: str = ""


Excerpt = Callable[[ReuseArticle, int, int], str]


# The JSON record of a pair (docs/json-format.md, corpus `reuse`)
class ArticleRecord(TypedDict):
    path: str
    title: str | None
    date: str | None


class SideRecord(TypedDict):
    start: int
    end: int
    text: str


class PassageRecord(TypedDict):
    first: SideRecord
    second: SideRecord


class ReuseRecord(TypedDict):
    first: ArticleRecord
    second: ArticleRecord
    order: str
    shared_words: int
    passages: list[PassageRecord]


def shingles(text: str, size: int = SHINGLE_WORDS) -> list[Shingle]:
    found = words(text)
    out = []
    for pos in range(len(found) - size + 1):
        run = found[pos : pos + size]
        out.append(Shingle(shingle_hash(w.norm for w in run), pos, run[0].start, run[-1].end))
    return out


def shingle_hash(norms: Iterable[str]) -> int:
    digest = hashlib.blake2b(" ".join(norms).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def pair_matches(postings: list[Posting]) -> Iterator[tuple[tuple[int, int], Match]]:
    """Every pair of articles that share this shingle, with where it is in each."""
    if len(postings) > MAX_POSTINGS or len({p.article for p in postings}) < 2:
        return
    for x in postings:
        for y in postings:
            if x.article < y.article:
                yield (x.article, y.article), Match(x.pos, y.pos, x.start, x.end, y.start, y.end)


def passages(matches: Iterable[Match], size: int = SHINGLE_WORDS) -> list[Passage]:
    """Shared shingles joined into passages: same diagonal, overlapping or a small gap apart."""
    ordered = sorted(set(matches), key=lambda m: (m.pos_b - m.pos_a, m.pos_a))
    runs: list[list[Match]] = []
    for m in ordered:
        last = runs[-1][-1] if runs else None
        if last is not None and last.pos_b - last.pos_a == m.pos_b - m.pos_a \
                and m.pos_a - last.pos_a <= size + MAX_GAP_WORDS:  # the same diagonal, close enough
            runs[-1].append(m)
        else:
            runs.append([m])
    found = [Passage(r[0].start_a, r[-1].end_a, r[0].start_b, r[-1].end_b, (r[0].pos_a, r[-1].pos_a + size),
                     (r[0].pos_b, r[-1].pos_b + size)) for r in runs]
    return sorted(found, key=lambda p: (p.start_a, p.start_b))


def reuse_record(a: ReuseArticle, b: ReuseArticle, found: list[Passage], excerpt: Excerpt | None = None) -> ReuseRecord:
    """The JSON record of one pair: the earlier article first when the dates tell.

    `excerpt(article, start, end)` gives a passage's text (default: sliced from `article.text`;
    the Spark job fetches just the passages instead of shipping whole texts to the driver).
    """
    excerpt = excerpt or _slice
    order = date_order(a.date, b.date)
    first, second, swap = (b, a, True) if order == "later" else (a, b, False)
    spans = [((p.start_b, p.end_b), (p.start_a, p.end_a)) if swap else ((p.start_a, p.end_a), (p.start_b, p.end_b))
             for p in found]
    return {
        "first": _article(first),
        "second": _article(second),
        "order": "by_date" if order in ("earlier", "later") else order,
        "shared_words": _covered_words([p.words_b if swap else p.words_a for p in found]),
        "passages": [{"first": _side(first, s1, excerpt), "second": _side(second, s2, excerpt)}
                     for s1, s2 in sorted(spans)],
    }


def date_order(a: str | None, b: str | None) -> str:
    """earlier / later (a relative to b), same_date, or unknown when either has no ISO date."""
    day_a, day_b = _day(a), _day(b)
    if day_a is None or day_b is None:
        return "unknown"
    if day_a == day_b:
        return "same_date"
    return "earlier" if day_a < day_b else "later"


def _day(value: str | None) -> date | None:
    match = ISO_DATE.match(value or "")
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def _article(article: ReuseArticle) -> ArticleRecord:
    return {"path": article.path, "title": article.title, "date": article.date}


def _side(article: ReuseArticle, span: tuple[int, int], excerpt: Excerpt) -> SideRecord:
    return {"start": span[0], "end": span[1], "text": excerpt(article, *span)}


def _slice(article: ReuseArticle, start: int, end: int) -> str:
    return article.text[start:end]


def _covered_words(ranges: list[tuple[int, int]]) -> int:
    """Distinct words inside some passage (passages may overlap)."""
    covered: set[int] = set()
    for start, end in ranges:
        covered.update(range(start, end))
    return len(covered)


def record_key(record: ReuseRecord) -> tuple[str, str]:
    return record["first"]["path"], record["second"]["path"]


def find_reuse(articles: list[ReuseArticle]) -> list[ReuseRecord]:
    """Plain-Python reuse over a list of articles (`index` must be each one's position)."""
    by_hash: dict[int, list[Posting]] = defaultdict(list)
    for article in articles:
        for s in shingles(article.text):
            by_hash[s.hash].append(Posting(article.index, s.pos, s.start, s.end))
    by_pair: dict[tuple[int, int], list[Match]] = defaultdict(list)
    for found in by_hash.values():
        for pair, match in pair_matches(found):
            by_pair[pair].append(match)
    records = [reuse_record(articles[a], articles[b], passages(matches)) for (a, b), matches in by_pair.items()]
    return sorted(records, key=record_key)
