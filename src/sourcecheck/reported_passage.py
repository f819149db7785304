"""Step 2 of checking reported speech (issue 16): the passage of the library that a reported clause
reports on ("Lincoln told Congress that the debt had fallen by a third" -> the sentences of Lincoln's
message about the debt).

Not wired into check/report yet: it takes the reported clause (the content span of an attribution)
and, optionally, the speaker's name.

How: candidate sources come from the library's indexes only (word trigrams, the proximity and bm25
fallbacks over the clause's rarer words), so that a large library costs no more than a small one;
only those sources are read. Each is cut into sentences (never across a paragraph break) and every
window of 1-3 consecutive sentences is scored against the clause by an IDF-weighted F2 overlap
(recall counting twice) of light stems: a report paraphrases, so word order and function words
say little, while the rare words it keeps (names, figures, subject nouns) say where it comes
from; not recall alone, so that a three-sentence window does not win merely by holding more
words. IDF is taken over the sentences of the candidate sources (the documents being compared),
which needs no global statistics. Windows of the speaker's own documents (author or title naming
them) come first.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from .attribution.names import last_word, name_words
from .errors import LibraryError
from .library_base import Library
from .tokens import normalized_words

MAX_SOURCES = 24  # candidate sources read per clause
WINDOW_SENTENCES = 3  # a report condenses at most this many consecutive sentences
RECALL_WEIGHT = 2.0  # F2 rather than Dice: a report drops much of a passage, keeps little else
MIN_SCORE = 0.12  # below this weighted F2 no window is "the passage" (no_passage)
SPEAKER_SOURCES = 12  # the speaker's own documents read per clause
SPEAKER_TERMS = 10  # longest words of the clause the speaker's documents are searched for

SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
# a full stop that ends an initial or a title, not a sentence ("Jefferson C. Davis", "A. D. 1866")
ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Gov|Sen|Rep|Col|Capt|Lt|Jr|Sr|No|Hon|Rev|vs|U\.S))\.$")
PARAGRAPH = re.compile(r"\n\s*\n")

# Function words and the reporting frame's own vocabulary: they appear in every window.
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself me more most my
myself no nor not of off on once only or other our ours ourselves out over own same she should so some
such than that the their theirs them themselves then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you your yours
yourself yourselves said says say told tell according would shall may might must upon its it's
""".split())


@dataclass(frozen=True)
class Passage:
    """1-3 consecutive sentences of a source; `start`/`end` are character offsets into its text."""

    source_id: int
    title: str | None
    author: str | None
    start: int
    end: int
    text: str
    score: float  # IDF-weighted F2 overlap of stems with the clause, 0..1
    by_speaker: bool  # the source's author or title names the speaker


def stem(word: str) -> str:
    """A light English stem (plural, past, -ing, -ly, -ment): enough to meet a paraphrase's tense
    and number shifts ("had fallen"/"has fallen", "subscriptions"/"subscribed") without a
    lemmatizer pass over every candidate sentence."""
    w = word.casefold().replace("'s", "")
    for suffix in ("ational", "ations", "ation", "ments", "ment", "ings", "ing", "edly", "ed", "ies",
                   "es", "ly", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    return w[:-1] if len(w) > 4 and w.endswith("e") else w


def content_stems(text: str) -> list[str]:
    return [stem(w) for w in normalized_words(text) if w not in STOPWORDS and len(w) > 1]


def sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph number) of each sentence of a source's text."""
    found: list[tuple[int, int, int]] = []
    para_start = 0
    paragraphs = [m.start() for m in PARAGRAPH.finditer(text)] + [len(text)]
    for number, para_end in enumerate(paragraphs):
        start = para_start
        for m in SENTENCE_END.finditer(text, para_start, para_end):
            if ABBREVIATION.search(text, max(para_start, m.start() - 6), m.start()):
                continue
            _add_sentence(found, text, start, m.start(), number)
            start = m.end()
        _add_sentence(found, text, start, para_end, number)
        para_start = para_end
    return found


def _add_sentence(found: list[tuple[int, int, int]], text: str, start: int, end: int, paragraph: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        found.append((start + lead, start + lead + len(stripped), paragraph))


def speaker_matches(speaker: str | None, title: str | None, author: str | None) -> bool:
    """The source is the speaker's own: every word of their name but initials in its author, or
    their surname in its title (a speech titled after its speaker)."""
    if not speaker:
        return False
    names = _full_name_words(speaker)
    return bool(names) and (names <= name_words(author or "") or last_word(speaker) in name_words(title or ""))


def _full_name_words(name: str) -> set[str]:
    """The words of a person's name as attribution reads them, initials left out."""
    return {w for w in name_words(name) if len(w) > 1}


def candidate_sources(library: Library, content: str, speaker: str | None) -> list[int]:
    """Source ids the clause may come from, from the indexes only: the speaker's own documents
    richest in the clause's words first, then those the trigram, proximity and bm25 indexes give."""
    words = normalized_words(content)
    own = [w for w in words if w not in STOPWORDS]
    found = _speaker_sources(library, own, speaker)
    found += [region.source_id for region in library.candidates(words, limit=10)]
    found += library.near_sources(own, limit=16)
    found += library.word_sources(own, limit=20)
    return list(dict.fromkeys(found))[:MAX_SOURCES]


def _speaker_sources(library: Library, own: list[str], speaker: str | None) -> list[int]:
    """The speaker's documents (author field) holding the clause's words, by bm25."""
    if not speaker or not own:
        return []
    names = sorted(_full_name_words(speaker))
    if not names:
        return []
    longest = sorted({re.sub(r"\W", "", w) for w in own} - {""}, key=lambda w: (-len(w), w))[:SPEAKER_TERMS]
    query = " AND ".join(f'author:"{n}"' for n in names) + ' AND (' + " OR ".join(f'"{w}"' for w in longest) + ")"
    try:
        return [s.id for s in library.search(query, limit=SPEAKER_SOURCES)]
    except LibraryError:  # PostgreSQL's query syntax has no column filter: only the hint is lost
        return []


def find_passages(library: Library, content: str, speaker: str | None = None, limit: int = 5) -> list[Passage]:
    """The library's windows of 1-3 sentences most like the reported clause, best first: the
    speaker's own documents before others when they hold a window scoring at least MIN_SCORE.
    Empty when no window reaches MIN_SCORE."""
    query = Counter(content_stems(content))
    if not query:
        return []
    windows: list[tuple[int, int, int, frozenset[str]]] = []  # source index, start, end, stems
    every_sentence: list[frozenset[str]] = []
    stored = [library.get(source_id) for source_id in candidate_sources(library, content, speaker)]
    for index, source in enumerate(stored):
        text = source.text
        sents = sentences(text)
        stems = [frozenset(content_stems(text[s:e])) for s, e, _ in sents]
        every_sentence += stems
        for i in range(len(sents)):
            window_stems: frozenset[str] = frozenset()
            for j in range(i, min(i + WINDOW_SENTENCES, len(sents))):
                if sents[j][2] != sents[i][2]:
                    break
                window_stems = window_stems | stems[j]
                windows.append((index, sents[i][0], sents[j][1], window_stems))
    if not windows:
        return []
    idf = _idf(every_sentence, set(query))
    query_mass = sum(idf.get(t, 0.0) for t in query)
    scored: list[Passage] = []
    for index, start, end, window_stems in windows:
        present = window_stems
        shared = sum(idf[t] for t in query if t in present)
        if not shared:
            continue
        window_mass = sum(idf[t] for t in present)
        score = (1 + RECALL_WEIGHT) * shared / (RECALL_WEIGHT * query_mass + window_mass)
        if score < MIN_SCORE:
            continue
        meta = stored[index].source
        scored.append(Passage(meta.id, meta.title, meta.author, start, end, stored[index].text[start:end],
                              score, speaker_matches(speaker, meta.title, meta.author)))
    scored.sort(key=lambda p: (not p.by_speaker, -p.score, p.source_id, p.start))
    return _distinct(scored, limit)


def _idf(sentence_stems: list[frozenset[str]], query: set[str]) -> dict[str, float]:
    """IDF of every stem over the candidate sources' sentences (smoothed)."""
    df: Counter[str] = Counter()
    for stems in sentence_stems:
        df.update(stems)
    n = len(sentence_stems)
    return {t: math.log(1 + n / (1 + c)) for t, c in df.items()} | {t: math.log(1 + n) for t in query - df.keys()}


def _distinct(passages: list[Passage], limit: int) -> list[Passage]:
    """The best passages, no two overlapping in one source."""
    kept: list[Passage] = []
    for p in passages:
        if any(k.source_id == p.source_id and k.start < p.end and p.start < k.end for k in kept):
            continue
        kept.append(p)
        if len(kept) == limit:
            break
    return kept
