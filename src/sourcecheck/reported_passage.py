"""Step 2 of checking reported speech (issue 16): the passage of the library that a reported clause
reports on ("Lincoln told Congress that the debt had fallen by a third" -> the sentences of Lincoln's
message about the debt).

reported_check calls it with the reported clause (the content span of an attribution) and,
optionally, the speaker's name.

How: candidate sources come from the library's indexes only (the speaker's own documents by bm25
over the clause's words, then word trigrams, the proximity and bm25 fallbacks over its rarer
words), so that a large library costs no more than a small one; only those sources are read. Each
is cut into sentences (never across a paragraph break) and every window of 1-3 consecutive
sentences is scored against the clause by an IDF-weighted F-measure of light stems that counts
recall three times as much as precision: a report paraphrases, so word order and function words
say little, while the rare words it keeps (names, figures, subject nouns) say where it comes from;
not recall alone, so that a three-sentence window does not win merely by holding more words. IDF
is taken over the sentences of the candidate sources (the documents being compared), which needs
no global statistics. Windows of the speaker's own documents (author or title naming them) come
first. Words are matched by stem, or by the comparer's paraphrase class when they are in one
(compare.lexicon: a reporter writes "pledged" for "promised"). The first window is `confident`,
the passage reported on, only when it scores well and stands out from the next windows: a clause
whose source is not in the library still has a nearest window, the top of an even slope.
The speaker's name is not a word of the clause to look for: it is the reporting frame.
When a `Reranker` is given (passage_rerank.default_reranker: sentence embeddings, computed for the
best few windows only), its similarity is blended into the best windows' scores.

A source's sentences and stems are kept (by the hash of its text) for the next clauses of a run:
an article's attributions mostly send it to the same few documents.
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal, Protocol

import numpy as np
import numpy.typing as npt

from .attribution.names import last_word, name_words
from .compare.lexicon import SYNONYMS
from .library_base import Int64s, Library, StoredSource
from .tokens import INDEX_FOLD, WORD, normalized_words

MAX_SOURCES = 40  # candidate sources read per clause
SPEAKER_SOURCES = 24  # the speaker's own documents among them, richest in the clause's words
WINDOW_SENTENCES = 3  # a report condenses at most this many consecutive sentences
RECALL_WEIGHT = 3.0  # a report drops much of a passage and keeps little else: recall counts thrice
MIN_SCORE = 0.12  # below this weighted F no window is "the passage" (no_passage)
CONFIDENT_SCORE = 0.2  # the first window is "the passage" only from this score ...
CONFIDENT_RATIO = 1.4  # ... and this many times the mean score of the next windows (it stands out)
BACKGROUND_WINDOWS = 20  # the windows after the first that it must stand out from
MIN_SHARED = 2  # a window sharing one stem with the clause is not its passage, however short
RERANK_WINDOWS = 8  # the best windows a reranker looks at (its cost is per window)
RERANK_WEIGHT = 0.5  # the reranker's similarity (cosine, 0..1) added to the words' score
CACHED_SOURCES = 512  # split sources kept for the next clauses
MAX_STEMS = 2_000_000  # stem ids the cache gives before it starts anew (about 200 MB of dictionaries)

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

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Passage:
    """1-3 consecutive sentences of a source; `start`/`end` are character offsets into its text."""

    source_id: int
    title: str | None
    author: str | None
    start: int
    end: int
    text: str
    score: float  # what the passages are ranked by: `words`, plus RERANK_WEIGHT * `similarity` when reranked
    by_speaker: bool  # the source's author or title names the speaker
    words: float = 0.0  # IDF-weighted F-measure (recall thrice) of stems shared with the clause, 0..1
    similarity: float | None = None  # the reranker's, when one ranked this passage
    recall: float = 0.0  # the share of the clause's IDF-weighted stems the passage holds
    # The first passage only: it is the passage reported on, not merely the nearest window. False for
    # the others, and for a first one that scores low or does not stand out from the next windows.
    confident: bool = False
    ranked_by: str = "words"  # "words", or the reranker's name when it ranked the passages


class Reranker(Protocol):
    """Scores passages against a clause by meaning (e.g. sentence embeddings); 0..1, higher closer."""

    name: str

    def similarities(self, content: str, passages: list[str]) -> list[float]: ...


# ---------------------------------------------------------------- words and sentences


@functools.lru_cache(maxsize=1 << 17)
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


def _paraphrase_terms() -> dict[str, str]:
    """The stem of each one-word member of the comparer's paraphrase classes -> its class's stem."""
    found: dict[str, str] = {}
    for word, head in SYNONYMS.items():
        if " " not in word:
            found.setdefault(stem(word), stem(head))
    return found


PARAPHRASE_TERMS = _paraphrase_terms()


@functools.lru_cache(maxsize=1 << 17)
def term(word: str) -> str:
    """What a word is matched by: its stem, or its paraphrase class's ("pledged" and "promised"
    meet as "promise"): a report puts a reporter's words for the speaker's."""
    s = stem(word)
    return PARAPHRASE_TERMS.get(s, s)


def content_stems(text: str) -> list[str]:
    return [term(w) for w in normalized_words(text) if w not in STOPWORDS and len(w) > 1]


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


# ---------------------------------------------------------------- the speaker


def speaker_matches(speaker: str | None, title: str | None, author: str | None) -> bool:
    """The source is the speaker's own: every word of their name but initials in its author, or
    their surname in its title (a speech titled after its speaker)."""
    if not speaker:
        return False
    names = _full_name_words(speaker)
    return bool(names) and (names <= name_words(author or "") or last_word(speaker) in name_words(title or ""))


def _speaker_stems(speaker: str | None) -> set[str]:
    """The stems of the speaker's name: in the clause they are the reporting frame ("Grant
    proposed ..."), and in the speaker's own documents they stand for nothing the clause says."""
    return set(content_stems(" ".join(_full_name_words(speaker)))) if speaker else set()


def _full_name_words(name: str) -> set[str]:
    """The words of a person's name as attribution reads them, initials left out."""
    return {w for w in name_words(name) if len(w) > 1}


# ---------------------------------------------------------------- candidate sources


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
    """The speaker's documents (author field) holding the clause's words, ranked by bm25 over all
    of them: a paraphrase keeps few of the passage's words, and which ones is not known."""
    if not speaker or not own:
        return []
    names = sorted(_full_name_words(speaker))
    terms = sorted({re.sub(r"\W", "", w) for w in own} - {""})
    if not names or not terms:
        return []
    return library.author_sources(names, terms, limit=SPEAKER_SOURCES)


# ---------------------------------------------------------------- sources cut into sentences


@dataclass(frozen=True)
class _Split:
    """A source's text cut into sentences, with each sentence's distinct stems as ids of
    `_Vocabulary`. Nothing of the source but its text: the cache is keyed by the text's hash, and
    another library (or a later source) may hold the same text under another id."""

    sentences: list[tuple[int, int, int]]
    stem_ids: Int64s  # every sentence's distinct stem ids, one sentence after another
    lengths: Int64s  # how many of them each sentence has


def _sentence_words(text: str) -> Callable[[int, int], list[str]]:
    """The `normalized_words` of text[start:end], for every sentence of one text: an ASCII text is
    folded once and each sentence's words found in place (splitting long speeches sentence by
    sentence was most of a clause's time when no source was cached)."""
    folded = text.translate(INDEX_FOLD)
    if folded.isascii():
        lowered = folded.lower()
        return lambda start, end: WORD.findall(lowered, start, end)
    return lambda start, end: normalized_words(text[start:end])


NOT_CONTENT = -1  # the stem id of a stopword or a single letter


class _SplitCache:
    """Split sources by the hash of their text (least recently used dropped past CACHED_SOURCES),
    with the stem ids their splits use: a stem keeps its id for the cache's life. A clause takes
    the process's cache once and uses it throughout, so that when a full one is replaced by a
    new one (past MAX_STEMS stems: numbers and names make the words of a large library
    unbounded) no clause mixes the ids of two."""

    def __init__(self) -> None:
        self.stem_ids: dict[str, int] = {}
        self.word_stems: dict[str, int] = {}  # word -> id of its stem, or NOT_CONTENT
        self.splits: OrderedDict[bytes, _Split] = OrderedDict()
        self.lock = threading.Lock()

    def query(self, stems: set[str]) -> list[int]:
        with self.lock:
            return [self.stem_ids.setdefault(s, len(self.stem_ids)) for s in stems]

    def split(self, stored: StoredSource) -> _Split:
        """The source's sentences and stem ids, cut once."""
        key = hashlib.blake2b(stored.text.encode(), digest_size=16).digest()  # the stored text's own hash
        with self.lock:
            cached = self.splits.get(key)
            if cached is not None:
                self.splits.move_to_end(key)
                return cached
        text = stored.text
        sents = sentences(text)
        words_of = _sentence_words(text)
        with self.lock:
            per_sentence = [self._stem_ids(words_of(s, e)) for s, e, _ in sents]
        lengths = np.array([len(ids) for ids in per_sentence], dtype=np.int64)
        flat = np.fromiter((i for ids in per_sentence for i in ids), dtype=np.int64, count=int(lengths.sum()))
        split = _Split(sents, flat, lengths)
        with self.lock:
            self.splits[key] = split
            while len(self.splits) > CACHED_SOURCES:
                self.splits.popitem(last=False)
        return split

    def _stem_ids(self, words: list[str]) -> set[int]:
        """The distinct stem ids of a sentence's content words (what `content_stems` keeps)."""
        known = self.word_stems
        found = set(map(known.get, words))
        if None in found:
            for w in words:
                if w not in known:
                    content = w not in STOPWORDS and len(w) > 1
                    known[w] = self.stem_ids.setdefault(term(w), len(self.stem_ids)) if content else NOT_CONTENT
            found = set(map(known.get, words))
        found.discard(NOT_CONTENT)
        return found  # type: ignore[return-value]  # no None is left: every word has its entry

    def full(self) -> bool:
        return len(self.stem_ids) > MAX_STEMS


_CACHE = _SplitCache()


def _current_cache() -> _SplitCache:
    global _CACHE
    if _CACHE.full():
        _CACHE = _SplitCache()
    return _CACHE


def forget_split_sources() -> None:
    """Forget the split sources, not the words' stems (a benchmark's calls on sources never seen
    before; a library that changed needs no call: the cache is keyed by the text's hash)."""
    with _CACHE.lock:
        _CACHE.splits.clear()


# ---------------------------------------------------------------- scoring windows


@dataclass(frozen=True)
class _Windows:
    """Every window of 1..WINDOW_SENTENCES sentences of the candidates, as parallel arrays."""

    first: Int64s  # index of its first sentence among all the candidates' sentences
    last: Int64s
    score: Floats
    recall: Floats  # the share of the clause's IDF mass the window holds
    speaker: npt.NDArray[np.bool_]


def _score_windows(splits: list[_Split], query: list[int], speaker_source: list[bool]) -> _Windows:
    """IDF over all the candidates' sentences; a window shares the query stems any of its
    sentences holds, and weighs the sum of its sentences' stem weights."""
    lengths = np.concatenate([s.lengths for s in splits])
    ids = np.concatenate([s.stem_ids for s in splits])
    n = len(lengths)
    sentence_of = np.repeat(np.arange(n), lengths)
    size = max(int(ids.max(initial=0)), max(query)) + 1
    df = np.bincount(ids, minlength=size)
    idf = np.log1p(n / (1.0 + df))
    mass: Floats = np.bincount(sentence_of, weights=idf[ids], minlength=n).astype(np.float64)
    query_ids = np.array(sorted(set(query)), dtype=np.int64)
    query_idf = idf[query_ids]
    column = np.searchsorted(query_ids, ids).clip(0, len(query_ids) - 1)
    hit = query_ids[column] == ids
    holds = np.zeros((n, len(query_ids)), dtype=bool)
    holds[sentence_of[hit], column[hit]] = True
    paragraph = np.concatenate([np.array([p for _, _, p in s.sentences], dtype=np.int64) + i * (1 << 32)
                                for i, s in enumerate(splits)])
    from_speaker = np.repeat(np.array(speaker_source, dtype=bool), [len(s.sentences) for s in splits])
    query_mass = float(query_idf.sum())
    firsts, lasts, scores, recalls = [], [], [], []
    union, window_mass = holds, mass
    for width in range(WINDOW_SENTENCES):
        if width:
            union = union[:-1] | holds[width:]
            window_mass = window_mass[:-1] + mass[width:]
        starts = np.arange(n - width)
        same = paragraph[starts] == paragraph[starts + width]
        shared = union.astype(np.float64) @ query_idf
        score = (1 + RECALL_WEIGHT) * shared / (RECALL_WEIGHT * query_mass + window_mass)
        keep = same & (union.sum(axis=1) >= min(MIN_SHARED, len(query_ids)))
        firsts.append(starts[keep])
        lasts.append(starts[keep] + width)
        scores.append(score[keep])
        recalls.append(shared[keep] / query_mass)
    first = np.concatenate(firsts)
    return _Windows(first, np.concatenate(lasts), np.concatenate(scores), np.concatenate(recalls), from_speaker[first])


def find_passages(library: Library, content: str, speaker: str | None = None, limit: int = 5, *,
                  reranker: Reranker | None | Literal["auto"] = None) -> list[Passage]:
    """The library's windows of 1-3 sentences most like the reported clause, best first: the
    speaker's own documents before others when they hold a window scoring at least MIN_SCORE.
    Empty when no window reaches MIN_SCORE; otherwise the first is `confident` when it stands out as
    the passage reported on, and the others are the nearest windows (see `_with_confidence`).
    `reranker`: None (the default) ranks by words alone; a Reranker, or "auto" (the semantic
    reranker when its extra is installed, else words: passage_rerank.default_reranker), reorders
    the best RERANK_WINDOWS windows when the first does not stand out by its words (a clause that
    shares few words with its passage), and only then; each Passage's `ranked_by` says which ran.
    A reranked first passage is not `confident`: the similarity orders the nearest windows, the
    decision stays the words' (docs/benchmarks.md). Words alone is the default: the model costs
    seconds to load and 1.5 GB installed."""
    query_stems = set(content_stems(content)) - _speaker_stems(speaker)
    if not query_stems:
        return []
    stored = [library.get(source_id) for source_id in candidate_sources(library, content, speaker)]
    stored = [s for s in stored if s.text.strip()]
    if not stored:
        return []
    cache = _current_cache()
    splits = [cache.split(s) for s in stored]
    by_speaker = [speaker_matches(speaker, s.source.title, s.source.author) for s in stored]
    windows = _score_windows(splits, cache.query(query_stems), by_speaker)
    good = windows.score >= MIN_SCORE
    if not good.any():
        return []
    best = _with_confidence(_distinct(windows, good, stored, splits, by_speaker,
                                      max(limit, BACKGROUND_WINDOWS + 1, RERANK_WINDOWS)))
    if reranker == "auto" and not best[0].confident:  # the model is loaded only when needed
        from .passage_rerank import default_reranker

        reranker = default_reranker()
    if isinstance(reranker, str) or reranker is None or best[0].confident:
        return best[:limit]
    n = max(limit, RERANK_WINDOWS)
    return (_reranked(best[:n], content, reranker) + best[n:])[:limit]


def _with_confidence(passages: list[Passage]) -> list[Passage]:
    """The passages, the first marked `confident` when its words' score reaches CONFIDENT_SCORE and
    CONFIDENT_RATIO times the mean of the next BACKGROUND_WINDOWS windows': the passage a report
    comes from stands out from the rest of what its speaker said, while the nearest window to a
    clause whose source is absent is the top of an even slope (trade-off in docs/benchmarks.md)."""
    if not passages:
        return passages
    first, rest = passages[0], [p.words for p in passages[1 : BACKGROUND_WINDOWS + 1]]
    background = sum(rest) / len(rest) if rest else 0.0
    if first.words >= CONFIDENT_SCORE and first.words >= CONFIDENT_RATIO * background:
        return [replace(first, confident=True), *passages[1:]]
    return passages


def _distinct(windows: _Windows, good: npt.NDArray[np.bool_], stored: list[StoredSource], splits: list[_Split],
              by_speaker: list[bool], limit: int) -> list[Passage]:
    """The best windows as passages, the speaker's first, no two overlapping in one source."""
    where = np.cumsum([0] + [len(s.sentences) for s in splits])
    index = np.flatnonzero(good)
    order = index[np.lexsort((windows.first[index], -windows.score[index], ~windows.speaker[index]))]
    kept: list[Passage] = []
    taken: list[tuple[int, int, int]] = []  # source, first and last sentence of what was kept
    for w in order:
        first, last = int(windows.first[w]), int(windows.last[w])
        which = int(np.searchsorted(where, first, side="right")) - 1
        i, j = first - int(where[which]), last - int(where[which])
        if any(t == which and a <= j and i <= b for t, a, b in taken):
            continue
        taken.append((which, i, j))
        meta, text = stored[which].source, stored[which].text
        start, end = splits[which].sentences[i][0], splits[which].sentences[j][1]
        score = float(windows.score[w])
        kept.append(Passage(meta.id, meta.title, meta.author, start, end, text[start:end], score,
                            by_speaker[which], words=score, recall=float(windows.recall[w])))
        if len(kept) == limit:
            break
    return kept


def _reranked(passages: list[Passage], content: str, reranker: Reranker) -> list[Passage]:
    """The passages with the reranker's similarity blended in, re-sorted (the speaker's still first)."""
    similarity = reranker.similarities(content, [p.text for p in passages])
    blended = [replace(p, score=p.words + RERANK_WEIGHT * s, similarity=s, ranked_by=reranker.name)
               for p, s in zip(passages, similarity, strict=True)]
    return sorted(blended, key=lambda p: (not p.by_speaker, -p.score, p.source_id, p.start))
