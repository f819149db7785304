"""find_timexes: run every rule over the text, keep the longest non-overlapping matches, and
resolve them in reading order so that "the next day" counts from the latest day named before it."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .calendar import parse_dct
from .model import Timex
from .rules import DATE_PREFIX, RULES, Context, Resolved, Rule
from .tense import TenseReader

if TYPE_CHECKING:
    from spacy.tokens import Doc

_PREFIX_WINDOW = 20


def find_timexes(text: str, dct: str | dt.date, parsed: Doc | None = None) -> list[Timex]:
    """The temporal expressions of `text`, with values normalised against the creation time `dct`
    (an ISO date, or a date). Offsets are into `text`. `parsed`, spaCy's parse of `text` if the
    caller has one, saves parsing again to read tenses."""
    tense = TenseReader(text, parsed)
    context = Context(parse_dct(dct), tense.direction)
    found: list[Timex] = []
    for start, end, rule, match in _select(_candidates(text)):
        context.start, context.end = start, end
        resolved = rule.resolve(match, context)
        if resolved is None:
            continue
        start, resolved = _with_date_prefix(text, start, resolved, found[-1].end if found else 0)
        start = _without_article_of_the_noun(text, start, end)
        found.append(Timex(start, end, text[start:end], resolved.type, resolved.value, resolved.anchor,
                           resolved.mod))
        # a period counted back from the one in focus ("a year earlier") leaves the focus where it was;
        # one counted forward ("the following year", "two years later") moves the account on
        counted_from_period = (resolved.anchor not in ("", "DCT") and not resolved.anchor[8:10].isdigit()
                               and not resolved.value[:4] > resolved.anchor[:4])
        if resolved.type == "DATE" and resolved.value[:4].isdigit() and not counted_from_period:
            context.period = (resolved.value, end)
        if resolved.type == "DATE" and not resolved.anchor and re.fullmatch(r"\d{4}-\d\d-\d\d", resolved.value):
            context.story = (resolved.value, end)
        if resolved.day is not None:
            context.reference = resolved.day
            context.reference_label = resolved.day.isoformat()
            context.reference_end = end
    return found


def _candidates(text: str) -> list[tuple[int, int, int, Rule, re.Match[str]]]:
    candidates = []
    for order, rule in enumerate(RULES):
        for match in rule.pattern.finditer(text):
            if match.end() > match.start():
                candidates.append((match.start(), match.end(), order, rule, match))
    return candidates


def _select(
    candidates: list[tuple[int, int, int, Rule, re.Match[str]]],
) -> list[tuple[int, int, Rule, re.Match[str]]]:
    """Longest first, then the earlier rule; a match overlapping a kept one is dropped."""
    kept: list[tuple[int, int, Rule, re.Match[str]]] = []
    taken: list[tuple[int, int]] = []
    for start, end, _, rule, match in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        kept.append((start, end, rule, match))
    return sorted(kept, key=lambda k: k[0])


_ARTICLE = re.compile(r"the\s+", re.IGNORECASE)
_HYPHENATED_MODIFIER = re.compile(r"\w-(?:year|day|week|month|quarter|hour|minute|decade)\s*$", re.IGNORECASE)


def _without_article_of_the_noun(text: str, start: int, end: int) -> int:
    """'the third-quarter loss', 'the 30-day period': the expression modifies a noun, and the article
    is that noun's, so it stays outside the extent (as TimeBank marks it)."""
    article = _ARTICLE.match(text, start, end)
    if article and _HYPHENATED_MODIFIER.search(text, start, end) and re.match(r"\s+[A-Za-z]", text[end:end + 2]):
        return article.end()
    return start


def _with_date_prefix(text: str, start: int, resolved: Resolved, floor: int) -> tuple[int, Resolved]:
    """'early 2013', 'the end of March': the modifier joins a date's extent and sets its mod."""
    if resolved.type != "DATE" or resolved.mod or resolved.value.endswith("_REF"):
        return start, resolved
    window_start = max(floor, start - _PREFIX_WINDOW)
    match = DATE_PREFIX.search(text, window_start, start)
    if match is None:
        return start, resolved
    from .rules import _mod

    return match.start(), Resolved(resolved.type, resolved.value, _mod(match["mod"]) or "", resolved.anchor,
                                   resolved.day)
