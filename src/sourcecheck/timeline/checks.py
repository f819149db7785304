"""The article's dates compared with its sources' own dates.

Three comparisons, each a `DateCheck` with the verdict "agrees", "differs" or "unknown":

- document_date: the article dates a document of the library ("the treaty signed on 5 December
  1994", "Lincoln's 1863 proclamation", "in his 1943 State of the Union address"): the document is
  found by its title's words in the date's noun phrase, or by its author named there with the
  phrase's head noun in its title, or by a title the article spells out elsewhere ("The
  proclamation, issued in March 1863" after "the Emancipation Proclamation");
- source_after_article: a quoted source compared with the article's creation date;
- quote_year: a quote the article places in a year or on a day ("In 1862, Lincoln wrote, ...")
  compared with its source's date.

Two dates agree when their stretches of calendar overlap: that is comparing them at the coarser
of their granularities ("March 1863" and 1863-03-15 by the month, "1863" and 1863-01-01 by the
year). The checks compare dates; a difference may be the article's, the library's metadata's, or a
second document of the same name the library lacks.

Quote verification (check.py) builds the timeline, so this stage cannot import it: the quotes'
sources come in as `QuotedSource`s.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..attribution.lexicon import CUE_VERBS
from ..spans import ArticleSpan
from .calendar import coarser, first_day, interval_of, last_day
from .events import governing_verb
from .model import DateCheck, DatedEvent, DateVerdict, Interval

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..library_base import Library, Source

LibraryName = Literal["library", "sources"]

_NOUNS = ("NOUN", "PROPN")
_DATE_MODIFIES_NOUN = ("nummod", "compound", "amod", "nmod", "npadvmod", "poss")  # not appos: "(Harvard, 2012)"
_NOT_ITS_NAME = ("acl", "relcl", "punct", "cc", "conj", "advcl")  # clauses about a document, not its name
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset("the a an of and in on for to at by with from its his her their this that these those "
                  "s mr mrs ms dr".split())
_SEARCHED = 50  # documents a full-text search brings back to be matched by title
_BY_AUTHOR = 50  # ... and documents of an author the phrase names
# Verbs whose date is the date of the document they make ("issued on", "published in"); a date of
# another verb dates something done with it ("discussed the proclamation in July 1862").
_MAKING = frozenset("""issue publish sign deliver give make release write pen draft proclaim declare adopt enact
pass present send announce unveil ratify conclude speak date broadcast air post file submit""".split())
# Nouns naming a kind of document: "the Four Freedoms address" may name a document titled
# otherwise; "the Nicolay copy of the Gettysburg Address" names no document of the library.
_DOCUMENT_KINDS = frozenset("""address speech message letter proclamation statement remark report order memo
memorandum strategy treaty accord agreement declaration act bill law resolution directive guidance plan review
paper doctrine communique ruling decision opinion veto oration lecture sermon interview broadcast talk chat
testimony note constitution charter convention protocol pact manifesto platform budget""".split())
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# What an article says of a document, not part of its name: "Velmaria's new defence strategy".
_PRAISE = frozenset("""new latest recent famous final full short long great historic landmark controversial
celebrated memorable stirring powerful brief lengthy draft published so-called much-quoted""".split())
_RELATIVE = re.compile(r"\b(last|next|this|coming|past|previous|following|same|that)\b", re.I)
_YEAR = re.compile(r"\b\d{4}\b|'\d\d\b")
_MONTHS = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b", re.I)


@dataclass(frozen=True)
class QuotedSource:
    """A quote of the article (its words' span in the article's canonical text) and the source
    document quote verification found it in."""

    span: ArticleSpan
    source: Source
    library: LibraryName = "library"


@dataclass(frozen=True)
class _Named:
    """A noun phrase that may name a document: its words (lower case, plural -s dropped), the head
    noun's lemma, and the people it or its clause names (who may be the author)."""

    head: str
    sequence: tuple[str, ...]
    names: frozenset[str]
    proper: frozenset[str]  # the words of its proper nouns: "Greeley" of "his Letter to Horace Greeley"
    modifiers: frozenset[str]  # the head's adjectives and nouns: "first inaugural" of "Obama's first inaugural address"
    definite: bool  # "the proclamation", "Lincoln's proclamation"; not "a speech"

    @property
    def words(self) -> frozenset[str]:
        return frozenset(self.sequence)


@dataclass(frozen=True)
class _Found:
    library: LibraryName
    source: Source
    strength: int  # how well the phrase names it (_strength)
    in_order: bool  # its title's words stand in the phrase in a row ("Gettysburg address", not "Address gettysburg")


def date_checks(doc: Doc, dated: Sequence[DatedEvent], dct: dt.date | None,
                libraries: Sequence[tuple[LibraryName, Library]],
                quoted: Sequence[QuotedSource]) -> tuple[DateCheck, ...]:
    """Every comparison the article's dates allow, in reading order."""
    text = doc.text  # spaCy joins its tokens anew at each `doc.text`
    quotes = [q.span for q in quoted]
    own = [d for d in dated if _is_calendar_date(d) and not any(q.overlaps(_span(d)) for q in quotes)
           and not _within_quote_marks(text, d.timex.start) and not _cited(text, d)]
    documents = document_date_checks(doc, own, libraries) if libraries else []
    checks = documents + source_after_article_checks(text, dct, quoted) \
        + quote_year_checks(doc, own, quoted, documents)
    return tuple(sorted(checks, key=lambda c: (c.article_span.start, c.kind)))


def _is_calendar_date(item: DatedEvent) -> bool:
    """A date the article gives, or counts from its own date ("last March"); not one counted from
    another date of the text ("that day", "24 years later"), which the tagger may have placed wrong,
    except a day or month without its year, compared without it."""
    if item.timex.type != "DATE" or item.interval is None:
        return False
    return item.timex.anchor in ("", "DCT") or _without_year(item.timex.text)  # "November 19": by day and month


def _cited(text: str, item: DatedEvent) -> bool:
    """"Politico (December 26, 2016)", "(Harvard University Press; 2012)": a reference's date."""
    before = text[max(0, item.timex.start - 8):item.timex.start].rstrip()
    return before.endswith(("(", ";")) and text[item.timex.end:item.timex.end + 8].lstrip().startswith(")")


def _within_quote_marks(text: str, at: int) -> bool:
    """Whether an odd number of double quote marks open before `at` in its paragraph: a date in
    someone's words ("Today, in the world of freedom") is theirs, not the article's."""
    paragraph = text[text.rfind("\n", 0, at) + 1:at]
    plain = paragraph.count('"')
    return plain % 2 == 1 or paragraph.count("\u201c") > paragraph.count("\u201d")


def _span(item: DatedEvent) -> ArticleSpan:
    return ArticleSpan(item.timex.start, item.timex.end)


# ------------------------------------------------------------------ a document the article dates


def document_date_checks(doc: Doc, dated: Sequence[DatedEvent],
                         libraries: Sequence[tuple[LibraryName, Library]]) -> list[DateCheck]:
    article_words = _word_list(doc.text)
    looked_up = [_LookedUp(name, library) for name, library in libraries]
    checks: list[DateCheck] = []
    for item in dated:
        span = doc.char_span(item.timex.start, item.timex.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        inside = {t.i for t in span}
        for noun, verb in _document_nouns(span.root, inside):
            named = _named(noun, verb, inside)
            found = _documents(named, looked_up, article_words)
            check = _compared(item, found) if found else None
            if check is not None:
                checks.append(check)
                break
    return checks


def _document_nouns(date: Token, inside: set[int]) -> list[tuple[Token, Token | None]]:
    """The nouns a date may be the date of: the noun it modifies ("Lincoln's 1863 proclamation",
    "the address of 20 January 1961"), else the noun its clause describes ("the strategy,
    published in March 2021") and the clause's objects and subject ("Roosevelt delivered the Four
    Freedoms address on January 6, 1941")."""
    head = date.head
    if date.dep_ in _DATE_MODIFIES_NOUN and head != date and head.pos_ in _NOUNS and head.i not in inside:
        return [(head, None), *((n, None) for n in _apposed(head))]
    if date.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in _NOUNS and head.head.i not in inside:
        return [(head.head, None)]
    verb = governing_verb(date)
    if verb is None:
        return []
    lemma = verb.lemma_.lower()
    if lemma not in _MAKING:  # "said in his Gettysburg Address on November 19, 1863": the speech's date
        return [(n, verb) for n in _pobjs(verb, ("in", "during")) if n.i not in inside] if lemma in CUE_VERBS else []
    nouns = [verb.head] if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in _NOUNS else []
    nouns += [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ in _NOUNS]
    nouns += _pobjs(verb, ("in", "during", "at"))
    nouns += [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in _NOUNS]
    return [(n, verb) for n in nouns if n.i not in inside]


def _apposed(noun: Token) -> list[Token]:
    """What "the 2014 treaty" stands beside in "the Harlow Accord, the 2014 treaty that ...": the
    noun it is in apposition to (as parsed, or just before it and a comma)."""
    if noun.dep_ == "appos" and noun.head.pos_ in _NOUNS:
        return [noun.head]
    start = noun.left_edge.i
    if start >= 2 and noun.doc[start - 1].text == "," and noun.doc[start - 2].pos_ == "PROPN":
        return [noun.doc[start - 2]]
    return []


def _pobjs(verb: Token, prepositions: tuple[str, ...]) -> list[Token]:
    return [g for c in verb.children if c.dep_ == "prep" and c.lower_ in prepositions
            for g in c.children if g.dep_ == "pobj" and g.pos_ in _NOUNS]


def _named(noun: Token, verb: Token | None, inside: set[int]) -> _Named:
    """The phrase `noun` heads; `verb` is the verb whose date it is, if any: its subject and its
    agent are who made it ("Roosevelt delivered ...", "... published by John Nicolay in 1894")."""
    tokens = [noun] + [t for child in noun.children if child.dep_ not in _NOT_ITS_NAME for t in child.subtree]
    tokens = [t for t in tokens if t.i not in inside]
    names = {t for t in tokens if t.ent_type_ == "PERSON" or (t.dep_ == "poss" and t.pos_ == "PROPN")}
    makers = [_clause_subject(noun)]
    if verb is not None:
        makers += [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"]
        makers += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    for maker in makers:
        if maker is not None and maker.i != noun.i:
            names |= {t for t in maker.subtree if t.pos_ == "PROPN"}
    tokens.sort(key=lambda t: t.i)
    name_words = frozenset(w for t in names for w in _words(t.text))
    proper = frozenset(w for t in tokens if t.pos_ == "PROPN" and t.i != noun.i for w in _words(t.text)) - name_words
    definite = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in noun.children)
    modifiers = frozenset(w for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.i not in inside
                          for t in c.subtree if t.i not in inside for w in _words(t.text)) - _PRAISE
    return _Named(_stem(noun.lemma_.lower()), tuple(w for t in tokens for w in _word_list(t.text)), name_words,
                  proper, modifiers, definite)


def _clause_subject(noun: Token) -> Token | None:
    """Who did what the noun names: "Roosevelt" of "In his 1943 State of the Union address, Roosevelt warned"."""
    if noun.dep_ in ("nsubj", "nsubjpass"):
        return None
    verb = governing_verb(noun)
    if verb is None:
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)


def _documents(named: _Named, libraries: Sequence[_LookedUp], article_words: list[str]) -> list[_Found]:
    """The documents the phrase names, the best matched only."""
    if named.head not in _DOCUMENT_KINDS and not named.proper:
        return []  # "the version of ...", "the copy": not a document's name
    found: list[_Found] = []
    for library in libraries:
        for source in library.candidates(named):
            strength = _strength(source, named, article_words)
            if strength:
                in_order = _in_a_row(_word_list(source.title or ""), list(named.sequence))
                found.append(_Found(library.name, source, strength, in_order))
    best = max((f.strength for f in found), default=0)
    return [f for f in found if f.strength == best]


class _LookedUp:
    """A library and what was looked up in it for this article: an article names its documents
    again and again ("the proclamation"), and a source's metadata comes with its whole text."""

    def __init__(self, name: LibraryName, library: Library) -> None:
        self.name = name
        self.library = library
        self._sources: dict[int, Source] = {}
        self._found: dict[tuple[tuple[str, ...], tuple[str, ...], str], list[Source]] = {}

    def candidates(self, named: _Named) -> list[Source]:
        """Documents sharing words with the phrase, and documents of an author it names: a search
        over titles, authors and texts ranks a short title holding the words high, but a library
        may hold dozens of documents of one title ("Fourth annual message")."""
        key = (tuple(sorted(named.words)), tuple(sorted(named.names)), named.head)
        if key not in self._found:
            self._found[key] = self._candidates(named)
        return self._found[key]

    def _candidates(self, named: _Named) -> list[Source]:
        words = sorted(named.words | named.names)
        if not words:
            return []
        found = {s.id: s for s in self.library.search(" OR ".join(f'"{w}"' for w in words), limit=_SEARCHED)}
        self._sources.update(found)
        for name in sorted(named.names):
            for source_id in self.library.author_sources([name], [named.head, *sorted(named.words)], limit=_BY_AUTHOR):
                if source_id not in self._sources:
                    self._sources[source_id] = self.library.get(source_id).source
                found[source_id] = self._sources[source_id]
        return list(found.values())


def _strength(source: Source, named: _Named, article_words: list[str]) -> int:
    """How well the phrase names the document; 0 not at all. Its whole title outranks part of
    it, and a title in the phrase's word order ("Gettysburg address") the same words in another
    ("Address Gettysburg", another president's). Every proper noun of the phrase must be in the
    title or the author ("his Letter to Horace Greeley" is not his letter to James Conkling)."""
    title_words = _word_list(source.title or "")
    title = set(title_words)
    if not title:
        return 0
    author = _words(source.author or "")
    by_named_author = bool(named.names & author)
    if named.names and author and not by_named_author:
        return 0  # "Obama's first inaugural address" is not Washington's
    if not named.proper <= title | author:
        return 0
    if named.head not in title and named.head not in _DOCUMENT_KINDS:
        return 0
    if title <= named.words and (len(title) >= 2 or by_named_author):
        return 100 + len(title)
    shared = len(title & named.words)
    if not (named.definite and named.modifiers <= title):
        return 0
    if _short_title(named, title_words):
        return shared  # "the Harlow Accord" of "The Harlow Accord on Regional Security"
    told = by_named_author or _in_a_row(title_words, article_words)
    if told and (named.head == title_words[-1] or shared >= 2):
        return shared  # "Lincoln's 1863 proclamation"; "the proclamation" after "the Emancipation Proclamation"
    return 0


def _short_title(named: _Named, title_words: list[str]) -> bool:
    """A document named by the first words of its title, a name in front of a kind of document:
    "the Harlow Accord"; not "his speech to Congress" ("Speech congress voting rights"), nor "the
    2004 Nobel Peace Prize" (a prize is no document)."""
    if named.head not in _DOCUMENT_KINDS or not named.proper or not named.proper <= named.modifiers:
        return False
    words = [w for w in named.sequence if w in named.modifiers or w == named.head]
    return len(words) >= 2 and title_words[:len(words)] == words


def _in_a_row(wanted: list[str], words: list[str]) -> bool:
    """Whether `words` hold `wanted` in a row ("the Emancipation Proclamation" holds the title
    "Emancipation proclamation"). One-word titles are too common to count."""
    size = len(wanted)
    if len(set(wanted)) < 2:
        return False
    return any(words[i:i + size] == wanted for i in range(len(words) - size + 1))


def _compared(item: DatedEvent, found: list[_Found]) -> DateCheck | None:
    """The date against the one document found, or the one of that date among several of one name
    ("his 1943 State of the Union address"), or else the one whose title the phrase has in its
    order ("the Gettysburg Address, delivered in November 1864": Lincoln's "Gettysburg address",
    not Wilson's "Address gettysburg"). Several and none of that date: which one the article
    means cannot be told (and the library may lack it), so nothing is compared."""
    value = item.timex.value
    yearless = _without_year(item.timex.text)
    agreeing = [f for f in found if _agreement(value, f.source.date, yearless)[0] == "agrees"]
    in_order = [f for f in found if f.in_order]
    chosen = agreeing[0] if agreeing else found[0] if len(found) == 1 else in_order[0] if len(in_order) == 1 else None
    if chosen is None:
        return None
    verdict, note = _agreement(value, chosen.source.date, yearless)
    return DateCheck("document_date", _span(item), item.timex.text, value, chosen.source.id, chosen.source.title,
                     chosen.source.date, verdict, chosen.library, note)


# ------------------------------------------------------------------ quotes and their sources


def source_after_article_checks(text: str, dct: dt.date | None, quoted: Sequence[QuotedSource]) -> list[DateCheck]:
    """Each quoted source's date against the article's creation date: "differs" when the source
    is dated after the article (at the source's granularity: a source of 2014 is not after an
    article of March 2014)."""
    if dct is None:
        return []
    checks = []
    for quote in quoted:
        source = quote.source
        interval = _source_interval(source.date)
        if interval is None:
            verdict: DateVerdict = "unknown"
            note = _undated("the source", source.date)
        elif first_day(_begin(interval)) > dct:
            verdict, note = "differs", "the source is dated after the article"
        else:
            verdict, note = "agrees", "the source is dated before the article or with it"
        checks.append(DateCheck("source_after_article", quote.span, text[quote.span.start:quote.span.end],
                                dct.isoformat(), source.id, source.title, source.date, verdict, quote.library, note))
    return checks


def quote_year_checks(doc: Doc, dated: Sequence[DatedEvent], quoted: Sequence[QuotedSource],
                      documents: Sequence[DateCheck]) -> list[DateCheck]:
    """A date in a quote's sentence that dates its saying or writing ("In 1862, Lincoln wrote, ..."),
    against the date of the source the quote was found in."""
    checks = []
    for quote in quoted:
        for item in _dates_of_saying(doc, dated, quote):
            already = any(c.article_span == _span(item) and c.source_id == quote.source.id for c in documents)
            if already:
                continue  # "In his 1863 Gettysburg Address, Lincoln said ...": compared as the document's date
            verdict, note = _agreement(item.timex.value, quote.source.date)
            checks.append(DateCheck("quote_year", _span(item), item.timex.text, item.timex.value, quote.source.id,
                                    quote.source.title, quote.source.date, verdict, quote.library, note))
    return checks


def _dates_of_saying(doc: Doc, dated: Sequence[DatedEvent], quote: QuotedSource) -> Iterable[DatedEvent]:
    """Dates the article writes out ("In 1864", not "last week") in the quote's sentences, of a
    reporting verb whose subject may be the source's author: "In 1864, Lincoln said", "he wrote";
    not "At a rally last week, a candidate credited Kennedy with the words ...", which dates the
    quoting."""
    sentences = [s for s in doc.sents if s.start_char < quote.span.end and quote.span.start < s.end_char]
    author = _words(quote.source.author or "")
    for item in dated:
        if item.timex.anchor or not any(s.start_char <= item.timex.start < s.end_char for s in sentences):
            continue
        span = doc.char_span(item.timex.start, item.timex.end, alignment_mode="expand")
        verb = governing_verb(span.root) if span is not None and len(span) else None
        if verb is not None and verb.lemma_.lower() in CUE_VERBS and _may_be_author(verb, author):
            yield item


def _may_be_author(verb: Token, author: set[str]) -> bool:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ == "PRON":
        return True
    if subject.pos_ != "PROPN":
        return False
    return not author or bool(author & {w for t in subject.subtree for w in _words(t.text)})


# ------------------------------------------------------------------ comparing two dates


def _without_year(text: str) -> bool:
    """"his November 19 address": a day and month with no year, not counted from the article's
    date ("last March"); the tagger's year for it is a guess."""
    return bool(_MONTHS.search(text)) and not _YEAR.search(text) and not _RELATIVE.search(text)


def _agreement(article_value: str, source_date: str | None, yearless: bool = False) -> tuple[DateVerdict, str]:
    article = interval_of(article_value)
    source = _source_interval(source_date)
    if yearless and article is not None and source is not None and article.granularity in ("day", "month"):
        size = 5 if article.granularity == "day" else 2  # MM-DD or MM
        same = _begin(article)[5:5 + size] == _begin(source)[5:5 + size] and source.granularity != "year" \
            and (article.granularity == "month" or source.granularity in ("day", "time"))
        return ("agrees" if same else "differs"), "compared by the day and month (the article gives no year)" \
            if article.granularity == "day" else "compared by the month (the article gives no year)"
    if article is None:
        return "unknown", f"{article_value!r} is not a stretch of the calendar"
    if source is None:
        return "unknown", _undated("the document", source_date)
    overlap = first_day(_begin(article)) <= last_day(_end(source)) \
        and first_day(_begin(source)) <= last_day(_end(article))
    by = coarser(article.granularity, source.granularity)
    return ("agrees" if overlap else "differs"), f"compared by the {'day' if by == 'time' else by}"


def _undated(what: str, date: str | None) -> str:
    return f"{what} has no date" if not date else f"{what}'s date {date!r} is not a calendar date"


def _source_interval(date: str | None) -> Interval | None:
    """A library date (ISO: a day, a month or a year, perhaps with a time) as an interval."""
    if not date:
        return None
    value = date.strip()[:10]
    return interval_of(value) if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value) else None


def _begin(interval: Interval) -> str:
    assert interval.begin is not None
    return interval.begin[:10] if interval.granularity == "time" else interval.begin


def _end(interval: Interval) -> str:
    assert interval.end is not None
    return interval.end[:10] if interval.granularity == "time" else interval.end


# ------------------------------------------------------------------ words


def _stem(word: str) -> str:
    """"Freedoms" and "freedom", "messages" and "message" alike; "address" kept."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _word_list(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP]


def _words(text: str) -> set[str]:
    return set(_word_list(text))
