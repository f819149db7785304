"""build_timeline: the temporal expressions of a text with the events they date, its
event-anchored expressions resolved where their anchor is dated, and the chronology of both."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..attribution.parsing import text_of
from ..errors import SourcecheckError
from ..spans import ArticleSpan
from ..timex import Timex, find_timexes
from .anchored import Found, find_anchored
from .calendar import interval_of, sort_key
from .checks import LibraryName, QuotedSource, date_checks
from .dating import Mention, anchor_date, counted_back, dated_mentions, main_event_date, next_step, resolve
from .events import event_of, governing_verb, phrase_event, predicate_event
from .model import AnchoredExpression, DatedEvent, Entry, Timeline
from .narrative import creation_is_now, read_in_story_time

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..library_base import Library

# A creation time far from any date is a stand-in: only used to find which expressions need one.
_PROBE_DCT = dt.date(1900, 1, 1)
_OTHER_PROBE_DCT = dt.date(1950, 7, 19)  # another weekday, month, quarter, season and decade


def build_timeline(text: str, dct: str | dt.date | None, parsed: Doc | None = None,
                   library: Library | None = None, *, sources: Library | None = None,
                   quoted: Sequence[QuotedSource] = (), undated_ok: bool = False) -> Timeline:
    """The timeline of `text`, an article's canonical text (`Document.text`): offsets point into
    it. `dct` is the creation time relative expressions count from (the publication date); None
    when the article has none, which is an error only if some expression needs one — unless
    `undated_ok` (a check reports what it can: such expressions stay unresolved, their values
    masked as TIMEX3 writes an unknown date, XXXX-XX-XX). `parsed` is spaCy's parse of `text` if
    the caller has one; `library` dates anchors that name its documents. The article's dates are
    checked against the documents of `library` and `sources` (the documents given with --sources)
    and against the sources its quotes were found in (`quoted`, from quote verification)."""
    doc = parsed if parsed is not None else _parse(text)
    creation, timexes = _creation_time_and_timexes(text, dct, doc, undated_ok)
    found = find_anchored(doc, timexes)
    dated = tuple(_dated(doc, t) for t in timexes if not _is_offset_of(t, found))
    mentions = dated_mentions(doc, dated)
    anchored: list[AnchoredExpression] = []
    for item in found:
        # "The incident occurred during a football game": a scene's part happens on the scene's day
        # and so does the next step of someone the story follows: "after leaving the ground"
        in_sequence = item.relation in ("during", "around") or next_step(doc[item.anchor_head])
        narrative = _narrative(doc, item, dated, anchored) if in_sequence else None
        anchored.append(_anchored(doc, item, dated, mentions, creation, library, narrative))
    checks = date_checks(doc, dated, creation, _named_libraries(library, sources), quoted)
    return Timeline(creation.isoformat() if creation else None, dated, tuple(anchored),
                    _chronology(dated, tuple(anchored)), checks)


def _named_libraries(library: Library | None, sources: Library | None) -> list[tuple[LibraryName, Library]]:
    named: list[tuple[LibraryName, Library]] = []
    if library is not None:
        named.append(("library", library))
    if sources is not None:
        named.append(("sources", sources))
    return named


def _narrative(doc: Doc, found: Found, dated: tuple[DatedEvent, ...],
               done: list[AnchoredExpression]) -> DatedEvent | None:
    """The last day the paragraph reached before `found`: a date, or an expression resolved to a day."""
    paragraph_start = text_of(doc).rfind("\n", 0, found.start) + 1
    days = [d for d in dated if d.interval is not None and d.interval.granularity in ("day", "time")]
    days += [_as_dated(a) for a in done if _is_day(a)]
    before = [d for d in days if paragraph_start <= d.timex.start and d.timex.end <= found.start]
    return max(before, key=lambda d: d.timex.start) if before else None


def _is_day(expression: AnchoredExpression) -> bool:
    interval = expression.interval
    return interval is not None and interval.begin is not None and interval.begin == interval.end \
        and interval.granularity == "day"


def _as_dated(expression: AnchoredExpression) -> DatedEvent:
    assert expression.interval is not None and expression.interval.begin is not None
    timex = Timex(expression.span.start, expression.span.end, expression.text, "DATE", expression.interval.begin)
    return DatedEvent(timex, expression.event, expression.interval)


def _parse(text: str) -> Doc:
    from ..attribution.parsing import load_nlp

    nlp = load_nlp()
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    parsed = nlp(text)
    parsed.user_data["text"] = text  # Doc.text joins every token on each call: text_of reads this instead
    return parsed


def _creation_time_and_timexes(text: str, dct: str | dt.date | None, doc: Doc,
                               undated_ok: bool = False) -> tuple[dt.date | None, list[Timex]]:
    """The creation date and the text's temporal expressions read against it. Without one, the
    expressions are read against a stand-in, and one that counts from it ("yesterday") is an error."""
    if dct is not None:
        from ..timex.calendar import parse_dct

        try:
            creation = parse_dct(dct)
        except ValueError as exc:
            raise SourcecheckError(str(exc)) from None
        timexes = find_timexes(text, creation, doc)
        if not creation_is_now(text, timexes, creation):
            timexes = read_in_story_time(text, timexes, creation)
        return creation, timexes
    timexes = find_timexes(text, _PROBE_DCT, doc)
    needing = next((t for t in timexes if t.anchor == "DCT"), None)
    if needing is not None and undated_ok:
        return None, _unknown_where_undated(timexes, find_timexes(text, _OTHER_PROBE_DCT, doc))
    if needing is not None:
        raise SourcecheckError(f"'{needing.text}' needs the article's date: it has none in its metadata "
                               "(give --date YYYY-MM-DD)")
    return None, timexes


def _unknown_where_undated(timexes: list[Timex], again: list[Timex]) -> list[Timex]:
    """The expressions read against one stand-in creation date, those whose value changes with the
    stand-in (directly, or through a date that counts from it) with their digits masked: unknown."""
    other = {(t.start, t.end): t for t in again}
    masked = []
    for t in timexes:
        twin = other.get((t.start, t.end))
        if twin is not None and twin.value == t.value:
            masked.append(t)
        else:
            anchor = t.anchor if twin is not None and twin.anchor == t.anchor else re.sub(r"\d", "X", t.anchor)
            masked.append(replace(t, value=re.sub(r"\d", "X", t.value), anchor=anchor or "DCT"))
    return masked


def _dated(doc: Doc, timex: Timex) -> DatedEvent:
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    event = event_of(span.root) if span is not None and len(span) else None
    interval = interval_of(timex.value) if timex.type in ("DATE", "TIME") else None
    return DatedEvent(timex, event, interval)


def _is_offset_of(timex: Timex, found: list[Found]) -> bool:
    """"Two days" of "two days after the signing" is the anchored expression's amount, not a date."""
    return any(f.start <= timex.start and timex.end <= f.anchor_start for f in found)


def _anchored(doc: Doc, found: Found, dated: tuple[DatedEvent, ...], mentions: list[Mention],
              creation: dt.date | None, library: Library | None, narrative: DatedEvent | None) -> AnchoredExpression:
    head = doc[found.anchor_head]
    anchor_span = ArticleSpan(found.anchor_start, found.anchor_end)
    expression = ArticleSpan(found.start, found.end)
    modified = _modified_verb(doc[found.trigger])
    date = anchor_date(doc, head, anchor_span, expression, dated, mentions, library, narrative, modified)
    if found.relation == "since" and (date is None or date.span is None or not anchor_span.contains(date.span)):
        date = counted_back(found.offset, creation) or date  # "20 years since the first single": the amount says when
    sentence_end = _own_date(doc, found, dated, date.value[:10] if date is not None else None)
    interval = resolve(found.relation, found.offset, found.mod, found.form, date, creation, sentence_end) \
        if date is not None else None
    return AnchoredExpression(expression, text_of(doc)[found.start:found.end], found.relation, found.offset, found.mod,
                              phrase_event(doc, found.anchor_start, found.anchor_end), date, interval,
                              predicate_event(modified) if modified is not None else None)


def _modified_verb(trigger: Token) -> Token | None:
    """The verb whose event the expression dates: "troops gathered weeks before the invasion";
    for "after he left, she stayed" the main clause's, not the anchor clause's own."""
    clause = trigger.head
    if trigger.dep_ == "mark" and clause.dep_ in ("advcl", "ccomp", "conj") and clause.head != clause:
        return governing_verb(clause.head)
    return governing_verb(trigger)


def _own_date(doc: Doc, found: Found, dated: tuple[DatedEvent, ...], since: str | None = None) -> str | None:
    """The date of the sentence an expression stands in, outside it: where "the deadliest since X"
    ends. A date before X ("attacks in 2015 ... the deadliest since June 2016") dates something else."""
    sentence = doc[found.trigger].sent
    for item in dated:
        if item.interval is None or item.interval.end is None:
            continue
        in_sentence = sentence.start_char <= item.timex.start < sentence.end_char
        if in_sentence and not found.start <= item.timex.start < found.end \
                and (since is None or item.interval.end[:len(since)] >= since[:len(item.interval.end)]):
            return item.interval.end[:10]
    main = main_event_date(dated, text_of(doc))
    return main.interval.end if main is not None and main.interval is not None else None


def _chronology(dated: tuple[DatedEvent, ...], anchored: tuple[AnchoredExpression, ...]) -> tuple[Entry, ...]:
    entries = [Entry("date", ArticleSpan(d.timex.start, d.timex.end), d.timex.text, d.interval, d.event)
               for d in dated if d.timex.type in ("DATE", "TIME")]
    entries += [Entry("anchored", a.span, a.text, a.interval, a.event) for a in anchored]
    placed = sorted((e for e in entries if sort_key(e.interval) is not None),
                    key=lambda e: (sort_key(e.interval), e.span.start))
    unplaced = sorted((e for e in entries if sort_key(e.interval) is None), key=lambda e: e.span.start)
    return tuple(placed + unplaced)
