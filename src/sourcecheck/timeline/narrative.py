"""Whether the creation date is the article's "now", and if not, the dates read against it read
again against the story's own time.

A news report speaks from its publication day: it writes "yesterday", "last week", or opens on
a dateline that names that day, and a month and day without a year ("on September 14") fall near
it. An encyclopaedia article, or a retrospective, is written from no particular day (Wikipedia's
style forbids "recently" and "last year"): its creation date is only when the copy was taken, and
"On November 28" in a story told in 2016 is 28 November 2016, whenever the copy was taken. Such a
text is narrated in sequence, so an expression that needs a reference time takes the story's: the
year of the latest day or month the text wrote out with its year, and the latest day it reached."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ..timex import Timex, find_timexes
from ..timex.lexicon import MONTHS

# Expressions that only the writer's present can anchor.
_DEICTIC = re.compile(r"\b(?:yesterday|today|tonight|tomorrow|ago|(?:last|next|this|past|coming)\s+(?:week|month|"
                      r"year|weekend|spring|summer|autumn|fall|winter)|(?:earlier|later)\s+this)\b", re.I)
_YEAR = re.compile(r"\b\d{4}\b")
_MONTH = re.compile(r"\b(?:" + "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True)) + r")\b",
                    re.I)
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
# A day or a month written out with its year sets the story's year; a year named alone sets it
# only for the rest of its paragraph ("the second attack in 2016, the first in Medan in August"),
# being more often recalled in passing ("the Great Fires of 1947").
_SET_IN = re.compile(r"\d{4}-\d\d")
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_QUOTES = '"\u201c\u201d'


def creation_is_now(text: str, timexes: list[Timex], dct: dt.date) -> bool:
    """The text speaks from its creation date: it names that day (a dateline), or says
    "yesterday", "last week" outside a quotation (a quoted speaker speaks from their own day)."""
    for timex in timexes:
        if timex.value[:10] == dct.isoformat() and not timex.anchor:
            return True
        if _DEICTIC.search(timex.text) and not _quoted(text, timex.start):
            return True
    return False


def _quoted(text: str, offset: int) -> bool:
    paragraph_start = text.rfind("\n", 0, offset) + 1
    return sum(text.count(q, paragraph_start, offset) for q in _QUOTES) % 2 == 1


def read_in_story_time(text: str, timexes: list[Timex], dct: dt.date) -> list[Timex]:
    """`timexes` with those resolved against the creation date resolved again against the story's
    time: a month named without a year takes the year of the latest day or month written out with
    one; a
    weekday, a time of day or "the following day" counts from the latest day the story reached.
    Where the story has given no year yet, the expression is left as it was read."""
    year: int | None = None
    paragraph_year: tuple[int, int] | None = None  # (year, where its paragraph starts)
    day: dt.date | None = None
    redated: dict[str, str] = {}  # a day read against the creation date -> that day in story time
    out: list[Timex] = []
    for timex in timexes:
        if timex.type in ("DATE", "TIME") and (timex.anchor == "DCT" or timex.anchor in redated):
            first = timex.value
            paragraph_start = text.rfind("\n", 0, timex.start) + 1
            here = paragraph_year[0] if paragraph_year and paragraph_year[1] == paragraph_start else year
            timex = _again(timex, here, day, dct)
            if timex.value != first:
                redated[first[:10]] = timex.value[:10]
        out.append(timex)
        if timex.type in ("DATE", "TIME") and _DAY.match(timex.value) and timex.anchor != "DCT":
            day = dt.date.fromisoformat(timex.value[:10])
        if timex.type in ("DATE", "TIME") and not timex.anchor and _YEAR.search(timex.text) \
                and re.match(r"\d{4}", timex.value):
            paragraph_year = (int(timex.value[:4]), text.rfind("\n", 0, timex.start) + 1)
            if _SET_IN.match(timex.value):
                year = int(timex.value[:4])
    return out


def _again(timex: Timex, year: int | None, day: dt.date | None, dct: dt.date) -> Timex:
    if _MONTH.search(timex.text) and not _YEAR.search(timex.text):
        if year is None or year == dct.year or not re.match(r"\d{4}-\d\d", timex.value):
            return timex
        return replace(timex, value=f"{year:04d}{timex.value[4:]}", anchor=str(year))
    if day is None:
        return timex
    # a story moves forward: "late Tuesday ... early Wednesday" after 20 September (a Tuesday) is
    # the 20th and the 21st, the weekdays on or after the day reached, read back from a week later
    reference = day + dt.timedelta(days=6) if _WEEKDAY.search(timex.text) else day
    again = [t for t in find_timexes(timex.text, reference) if t.start == 0 and t.end == len(timex.text)]
    if not again:
        return timex
    return replace(timex, value=again[0].value, anchor=day.isoformat())  # counted from the story's day
