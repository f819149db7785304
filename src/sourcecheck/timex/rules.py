"""The rules: each a regular expression for one shape of expression and a function that turns a
match into a TIMEX3 type and value, given the document's creation time, the most recent explicit
date before it, and the tense of the clause it sits in."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from .calendar import (
    PARTS_OF_DAY,
    SEASONS,
    Direction,
    Unit,
    add_months,
    date_near,
    duration_value,
    month_near,
    shift,
    value_at,
    weekday_near,
)
from .grammar import (
    DAY,
    DURATION_MODIFIER,
    MONTH,
    NUMBER,
    ORDINAL,
    PART_OF_DAY,
    TIMEZONE,
    UNIT,
    WEEKDAY,
    YEAR,
)
from .lexicon import MODIFIERS, MONTHS, ORDINALS, WEEKDAYS, number_value, unit_of
from .model import TimexType


@dataclass(frozen=True)
class Resolved:
    type: TimexType
    value: str
    mod: str = ""
    anchor: str = ""
    day: dt.date | None = None  # the day it names, when it names one: later anaphora count from it


class Context:
    """What a rule may look at: the DCT, the latest explicit day before the match, and tense."""

    def __init__(self, dct: dt.date, direction: Callable[[int, int], Direction]) -> None:
        self.dct = dct
        self.reference = dct
        self.reference_label = "DCT"
        self.reference_end = 0  # where the text named that day
        # the latest calendar period named (value, end offset): "a year earlier" after "the third
        # quarter" is that quarter a year before
        self.period: tuple[str, int] | None = None
        # the latest day written out with its year (value, end offset): the year an account is set in
        self.story: tuple[str, int] | None = None
        self._direction = direction
        self.start = 0
        self.end = 0

    def direction(self) -> Direction:
        return self._direction(self.start, self.end)

    def recent_period(self, reach: int = 300) -> str | None:
        """The latest period named within `reach` characters before the match, finer than a year."""
        if self.period is None or self.start - self.period[1] > reach:
            return None
        value = self.period[0]
        return value if re.fullmatch(r"\d{4}-(?:Q\d|H\d|\d\d)", value) else None

    def story_year(self, reach: int = 600) -> int | None:
        """The year an account is set in: that of a day the text wrote out with its year shortly
        before ("November 2, 2016"), when it is not the creation time's. A month and day without a
        year fall in it; a year or a month named alone does not set it (news recalls them in passing)."""
        if self.story is None or self.start - self.story[1] > reach:
            return None
        year = int(self.story[0][:4])
        return None if year == self.dct.year else year

    def named_period(self, reach: int = 600) -> str | None:
        """The latest date or period the text named within `reach` characters before the match."""
        if self.period is None or self.start - self.period[1] > reach:
            return None
        value = self.period[0]
        return value if re.fullmatch(r"\d{4}(?:-(?:Q\d|H\d|\d\d(?:-\d\d)?))?", value) else None


def period_start(value: str) -> dt.date:
    """The first day of the period a value names: '1989' -> 1989-01-01, '1989-Q3' -> 1989-07-01."""
    year = int(value[:4])
    rest = value[5:]
    if rest[:1] == "Q":
        return dt.date(year, 3 * int(rest[1]) - 2, 1)
    if rest[:1] == "H":
        return dt.date(year, 6 * int(rest[1]) - 5, 1)
    if rest[:2].isdigit():
        return dt.date(year, int(rest[:2]), int(rest[3:5]) if rest[3:5].isdigit() else 1)
    return dt.date(year, 1, 1)


def year_before(period: str, years: int = 1) -> str:
    """'1989-Q3' -> '1988-Q3'."""
    return f"{int(period[:4]) - years:04d}{period[4:]}"


Resolver = Callable[[re.Match[str], Context], Resolved | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolver


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _day(word: str) -> int:
    return int(re.sub(r"\D", "", word))


def _date_value(day: dt.date, part: str | None = None) -> str:
    return day.isoformat() + (f"T{PARTS_OF_DAY[part.lower()]}" if part else "")


def _dct_relative(value: str, context: Context, type_: TimexType = "DATE", mod: str = "",
                  day: dt.date | None = None) -> Resolved:
    return Resolved(type_, value, mod, "DCT", day)


# --- explicit dates -------------------------------------------------------------------------------

def resolve_month_day(m: re.Match[str], c: Context) -> Resolved | None:
    month, dom = _month(m["month"]), _day(m["day"])
    if m["year"]:
        try:
            day = dt.date(int(m["year"]), month, dom)
        except ValueError:
            return None
        return Resolved("DATE", day.isoformat(), day=day)
    rel = (m.groupdict().get("rel") or "").lower()
    story = None if rel else c.story_year()
    if story is not None:  # "November 2, 2016, ... released on November 3": the year the text is in
        try:
            day = dt.date(story, month, dom)
        except ValueError:
            return None
        return Resolved("DATE", day.isoformat(), anchor=str(story), day=day)
    direction: Direction = "past" if rel == "last" else "future" if rel == "next" else _cued_direction(m, c)
    near = date_near(c.dct, month, dom, direction)
    if near is None:
        return None
    return Resolved("DATE", near.isoformat(), anchor="DCT", day=near)


def resolve_month_year(m: re.Match[str], c: Context) -> Resolved | None:
    year_text = m["year"].lower()
    if year_text[0].isdigit():
        return Resolved("DATE", f"{int(year_text):04d}-{_month(m['month']):02d}")
    year = c.dct.year + (-1 if year_text.startswith("last") else 1 if year_text.startswith("next") else 0)
    return Resolved("DATE", f"{year:04d}-{_month(m['month']):02d}", anchor="DCT")


_FUTURE_CUES = re.compile(
    r"\b(?:by|through|until|till|before|next|starting|effective|due|payable|from|as\s+(?:soon|early)\s+as)\s*$", re.I
)
_PAST_CUES = re.compile(r"\b(?:since|last|this\s+past|ago)\s*$", re.I)


def _cued_direction(m: re.Match[str], c: Context, tense_first: bool = False) -> Direction:
    """The direction a preposition before the match gives ("by", "until", "since"), else the tense's;
    with `tense_first`, the tense's unless the clause has none to read."""
    if tense_first:
        direction = c.direction()
        if direction != "none":
            return direction
    before = m.string[max(0, m.start() - 20):m.start()]
    if _FUTURE_CUES.search(before):
        return "future"
    if _PAST_CUES.search(before):
        return "past"
    return c.direction()


def resolve_month(m: re.Match[str], c: Context) -> Resolved | None:
    word = m["month"]
    rel = (m["rel"] or "").lower()
    before = m.string[max(0, m.start() - 12):m.start()].lower()
    after = m.string[m.end():m.end() + 12]
    if len(word) <= 3 and word.lower() != "may":
        return None  # "Jan", "Sep" without a full stop or a day: a name or a code more often than a month
    if not rel and (word.lower() in ("may", "march") or len(word) <= 4) and not re.search(
        r"\b(?:in|since|until|till|by|of|early|late|mid-?|through|during|from|to|before|after|"
        r"between|and|or|each|every|that|the" + ("" if word.lower() in ("may", "march") else "|a|its|their")
        + r")\s*$", before
    ):
        return None
    if re.match(r"\s+\d", after) or re.match(r"\s+[A-Z]", after) and word.lower() in ("may", "march"):
        return None
    month = _month(word)
    if rel in ("last", "this past", "past"):
        year = c.dct.year if month < c.dct.month else c.dct.year - 1
    elif rel in ("next", "this coming", "coming"):
        year = c.dct.year if month > c.dct.month else c.dct.year + 1
    elif rel == "this":
        year = c.dct.year
    else:
        year = month_near(c.dct, month, _cued_direction(m, c))
    return Resolved("DATE", f"{year:04d}-{month:02d}", anchor="DCT")


def resolve_numeric_date(m: re.Match[str], c: Context) -> Resolved | None:
    year = int(m["year"])
    if year < 100:
        year += 1900 if year > 30 else 2000
    month, dom = int(m["month"]), int(m["day"])
    if month > 12 >= dom:
        month, dom = dom, month  # 22/03/2013: day first, as outside the US
    try:
        day = dt.date(year, month, dom)
    except ValueError:
        return None
    return Resolved("DATE", day.isoformat(), day=day)


def resolve_year(m: re.Match[str], c: Context) -> Resolved | None:
    after = m.string[m.end():m.end() + 30]
    before = m.string[max(0, m.start() - 12):m.start()].lower()
    temporal_before = re.search(r"\b(?:in|since|of|by|during|until|from|to|before|after|the|early|late|mid|"
                                r"fiscal|calendar|post|pre|year)[\s-]*$", before)
    # "2,000 people", "1998 tons": a number, not a year; "the 1992 protests", "fiscal 1989 sales" are years.
    if not temporal_before and m.start("year") == m.start() and re.match(
        r"\s+(?!(?:was|is|has|as|this|its|plus|years?|levels|highs|lows|figures|results|elections?)\b)[a-z]+s\b", after
    ):
        return None
    if re.match(r"\s*(?:%|percent|per\s+cent)", after):
        return None
    return Resolved("DATE", f"{int(m['year']):04d}")


def resolve_decade(m: re.Match[str], c: Context) -> Resolved | None:
    if m["decade"]:
        return Resolved("DATE", m["decade"][:3] + "X", _mod(m["mod"]))
    short = int(m["short"])
    century = "19" if short >= 30 else "20"
    return Resolved("DATE", f"{century}{short // 10}X", _mod(m["mod"]))


_UNIT_WORD = "(?:one|two|three|four|five|six|seven|eight|nine)"
_TENS_WORD = "(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|" \
    "forty|fifty|sixty|seventy|eighty|ninety)"
_CENTURY_WORDS = {"seventeen": 17, "eighteen": 18, "nineteen": 19}
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def resolve_spelled_year(m: re.Match[str], c: Context) -> Resolved | None:
    """"nineteen ninety-six", "the year two thousand": a year in words, as broadcast transcripts write it."""
    if m["millennium"]:
        small = number_value(m["small"]) if m["small"] else 0
        return Resolved("DATE", f"{2000 + int(small or 0):04d}")
    years = number_value(m["rest"].lower().replace("-", " "))
    if years is None or not 10 <= years <= 99:
        return None
    return Resolved("DATE", f"{_CENTURY_WORDS[m['century'].lower()] * 100 + int(years):04d}")


def resolve_spelled_decade(m: re.Match[str], c: Context) -> Resolved | None:
    """"the nineties", "the early seventies": the decade of the creation time's century, or of the last
    one when that decade is still to come (written in 1998, "the twenties" are the 1920s)."""
    tens = _DECADE_WORDS[m["tens"].lower()]
    century = c.dct.year // 100
    if century * 100 + tens * 10 > c.dct.year:
        century -= 1
    return Resolved("DATE", f"{century}{tens}X", _mod(m["mod"]))


def resolve_century(m: re.Match[str], c: Context) -> Resolved | None:
    word = m["ord"].lower()
    number = ORDINALS.get(word) or (int(word[:-2]) if word[:-2].isdigit() else None)
    if number is None:
        return None
    return Resolved("DATE", f"{number - 1:02d}XX", _mod(m["mod"]))


def _mod(word: str | None) -> str:
    if not word:
        return ""
    return MODIFIERS.get(re.sub(r"\s+", " ", word.lower()).rstrip("-"), "")


# --- weekdays and days relative to the DCT --------------------------------------------------------

def resolve_weekday(m: re.Match[str], c: Context) -> Resolved | None:
    weekday = WEEKDAYS[m["weekday"].lower()]
    rel = (m["rel"] or "").lower().split()
    if rel[-1:] in (["previous"], ["following"]):
        step = -1 if rel[-1] == "previous" else 1
        day = weekday_near(c.reference + dt.timedelta(days=step), weekday, "past" if step < 0 else "future")
        part = m["part"]
        return Resolved("TIME" if part else "DATE", _date_value(day, part), "", c.reference_label, day)
    if rel and rel[0] == "last" or rel[-1:] == ["past"]:
        day = weekday_near(c.dct - dt.timedelta(days=1), weekday, "past")
    elif rel and rel[0] == "next" or rel[-1:] == ["coming"]:
        day = weekday_near(c.dct + dt.timedelta(days=1), weekday, "future")
    else:
        direction = _cued_direction(m, c, tense_first=True) if not rel else c.direction()
        # a weekday in a clause with no tense to read (a headline, a caption) is news of days past
        day = weekday_near(c.dct, weekday, "past" if direction == "none" else direction)
    part = m["part"]
    return Resolved("TIME" if part else "DATE", _date_value(day, part), _mod(m["rel"]) if rel[:1] in (
        ["early"], ["late"]) else "", "DCT", day)


_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def resolve_day_word(m: re.Match[str], c: Context) -> Resolved | None:
    word = m["word"].lower()
    day = c.dct + dt.timedelta(days=_DAY_WORDS[word])
    part = m["part"] or ("night" if word == "tonight" else None)
    return Resolved("TIME" if part else "DATE", _date_value(day, part), "", "DCT", day)


def resolve_part_of_day(m: re.Match[str], c: Context) -> Resolved | None:
    which = m["which"].lower()
    day = c.dct - dt.timedelta(days=1) if which == "last" else c.dct
    return Resolved("TIME", _date_value(day, m["part"]), "", "DCT", day)


def resolve_part_of_reference_day(m: re.Match[str], c: Context) -> Resolved | None:
    """"heavy buying in the morning", "by mid-afternoon": that part of the day the text is telling of;
    "mid-afternoon yesterday", "mid-morning Friday": of the day named."""
    named = (m["named"] or "").lower()
    if named in _DAY_WORDS:
        day, label = c.dct + dt.timedelta(days=_DAY_WORDS[named]), "DCT"
    elif named:
        direction = _cued_direction(m, c, tense_first=True)
        day, label = weekday_near(c.dct, WEEKDAYS[named], "past" if direction == "none" else direction), "DCT"
    else:
        day, label = c.reference, c.reference_label
    return Resolved("TIME", _date_value(day, m["part"]), "", label, day)


def resolve_day_offset(m: re.Match[str], c: Context) -> Resolved | None:
    """'the day before yesterday', 'the next day', 'the previous day', 'that day': from the latest day."""
    phrase = re.sub(r"\s+", " ", m.group(0).lower())
    if "yesterday" in phrase:
        return Resolved("DATE", (c.dct - dt.timedelta(days=2)).isoformat(), anchor="DCT")
    if "tomorrow" in phrase:
        return Resolved("DATE", (c.dct + dt.timedelta(days=2)).isoformat(), anchor="DCT")
    step = 1 if re.search(r"next|following|after", phrase) else -1 if re.search(r"previous|before|prior", phrase) else 0
    day = c.reference + dt.timedelta(days=step)
    part = m["part"]
    return Resolved("TIME" if part else "DATE", _date_value(day, part), "", c.reference_label, day)


# --- periods: weeks, months, quarters, years relative to the DCT or the latest date -----------------

def resolve_relative_period(m: re.Match[str], c: Context) -> Resolved | None:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = unit_of(m["unit"])
    mod = ""
    for prefix, code in (("early ", "START"), ("late ", "END"), ("the end of", "END"), ("the beginning of", "START"),
                         ("the start of", "START"), ("the middle of", "MID"), ("mid-", "MID"), ("mid ", "MID")):
        if rel.startswith(prefix):
            mod = code
            rel = rel[len(prefix):].strip(" -") or "this"
            if rel == "the" and unit != "weekend":
                rel = "this" if c.named_period() is None else "that"
            break
    for filler in ("earlier ", "later "):
        if rel.startswith(filler):
            rel = rel[len(filler):]
    if rel in ("the past", "the last") and unit != "weekend":
        return Resolved("DURATION", duration_value(1, unit), mod)
    anchored_to_text = rel in ("that", "the same", "the previous", "the following", "the next", "the")
    base, label = (c.reference, c.reference_label) if anchored_to_text else (c.dct, "DCT")
    period = c.named_period() if anchored_to_text and unit in ("month", "quarter", "half", "year", "decade") else None
    if period is not None:
        base, label = period_start(period), period
    step = {"last": -1, "past": -1, "this past": -1, "previous": -1, "the previous": -1, "next": 1, "coming": 1,
            "the coming": 1, "this coming": 1, "the following": 1, "the next": 1, "following": 1}.get(rel, 0)
    if unit == "day":
        day = base + dt.timedelta(days=step)
        return Resolved("DATE", day.isoformat(), mod, label, day)
    if unit == "weekend" and step == 0 and rel == "the":
        return Resolved("DATE", value_at(c.dct if c.direction() != "past" else c.dct - dt.timedelta(days=3),
                                         "weekend"), mod, "DCT")
    return Resolved("DATE", value_at(shift(base, step, unit), unit), mod, label)


_RUNS_TO = re.compile(r"\s+(?:that\s+)?(?:ended|ending|ends|to\s+date)\b", re.I)


def resolve_the_period(m: re.Match[str], c: Context) -> Resolved | None:
    """"For the year, volume was flat", "the week's gains": the year, month or week the text is in,
    that of the latest day it named (else the creation time's). Not that of the latest year named:
    news names other years in passing ("up from 1988"). "the year ended March 31" and "the whole
    year" are a stretch of time, not a calendar period."""
    unit = unit_of(m["unit"])
    if m["whole"] or _RUNS_TO.match(m.string, m.end()):
        return Resolved("DURATION", duration_value(1, unit))
    return Resolved("DATE", value_at(c.reference, unit), "", c.reference_label)


def resolve_quarter_code(m: re.Match[str], c: Context) -> Resolved | None:
    """'Q3 2012', 'H1', "Q4 '12"."""
    number, letter = int(m["n"]), m["q"]
    if letter == "H" and number > 2:
        return None
    year_text = (m["year"] or "").lstrip("'’")
    if year_text:
        year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
        return Resolved("DATE", f"{year:04d}-{letter}{number}")
    size = 3 if letter == "Q" else 6
    current = (c.dct.month - 1) // size + 1
    year = c.dct.year if number <= current else c.dct.year - 1
    return Resolved("DATE", f"{year:04d}-{letter}{number}", anchor="DCT")


def resolve_fiscal_year_code(m: re.Match[str], c: Context) -> Resolved | None:
    year_text = m["year"]
    return Resolved("DATE", f"{int(year_text) if len(year_text) == 4 else 2000 + int(year_text):04d}")


def resolve_year_end(m: re.Match[str], c: Context) -> Resolved | None:
    return Resolved("DATE", f"{c.dct.year:04d}", "END", "DCT")


def resolve_quarter(m: re.Match[str], c: Context) -> Resolved | None:
    q = (m["q"] or "").lower()
    rel_word = (m.groupdict().get("rel") or "").lower()
    if q in ("period", "") and (c.recent_period() or "")[5:6] in ("Q", "H"):
        q = "half" if (c.recent_period() or "")[5] == "H" else "quarter"
    elif q in ("period", ""):
        if not rel_word.startswith(("year", "comparable")):
            return None
        q = "quarter"
    unit: Unit = "half" if q == "half" else "quarter"
    size = 6 if unit == "half" else 3
    current = (c.dct.month - 1) // size + 1
    if m.groupdict().get("ord"):
        number = 12 // size if m["ord"].lower() in ("last", "final") else ORDINALS[m["ord"].lower()]
        if number > 12 // size:
            return None
        year_text = (m["year"] or m["year0"] or "").lower()
        if year_text and year_text[0].isdigit():
            year = int(year_text)
        elif "last" in year_text:
            year = c.dct.year - 1
        elif "next" in year_text:
            year = c.dct.year + 1
        elif year_text.startswith("this year"):
            year = c.dct.year
        elif year_text.startswith("year-"):
            latest = c.dct.year if number <= current else c.dct.year - 1
            year = latest - 1
        elif year_text:
            year = c.dct.year
        else:
            # "the third quarter" in a report: the latest one begun by the DCT
            year = c.dct.year if number <= current else c.dct.year - 1
        return Resolved("DATE", f"{year:04d}-{'Q' if unit == 'quarter' else 'H'}{number}", anchor="DCT")
    rel = re.sub(r"\s+", " ", rel_word)
    if rel.startswith(("year-earlier", "year-ago", "comparable", "year earlier", "year ago")):
        period = c.recent_period()
        if period:
            return Resolved("DATE", year_before(period), anchor=period)
        day = _shift_exact(shift(c.dct, -1, unit), -1, "year")
        return Resolved("DATE", value_at(day, unit), anchor="DCT")
    if rel in ("the", "that"):
        period = c.recent_period()
        if period and period[5] == ("Q" if unit == "quarter" else "H"):
            return Resolved("DATE", period, anchor=period)
        rel = "latest"
    step = {"last": -1, "latest": -1, "past": -1, "previous": -1, "recent": -1, "most recent": -1, "next": 1,
            "coming": 1}.get(rel, 0)
    return Resolved("DATE", value_at(shift(c.dct, step, unit), unit), anchor="DCT")


def resolve_season(m: re.Match[str], c: Context) -> Resolved | None:
    code = SEASONS[m["season"].lower()]
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if m["year"]:
        year = int(m["year"])
    elif rel in ("this past", "the past"):
        starts = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        year = c.dct.year if starts <= c.dct.month else c.dct.year - 1
    elif rel == "that":
        named = c.named_period()
        year = int(named[:4]) if named else c.reference.year
    elif rel == "last":
        year = c.dct.year - 1
    elif rel in ("next", "the coming", "this coming"):
        year = c.dct.year + 1
    elif rel == "the":
        starts = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        direction = _cued_direction(m, c)
        if direction == "past":
            year = c.dct.year if starts <= c.dct.month else c.dct.year - 1
        elif direction == "future":
            year = c.dct.year if starts + 2 >= c.dct.month else c.dct.year + 1
        else:
            year = c.dct.year
    else:
        year = c.dct.year
    return Resolved("DATE", f"{year:04d}-{code}", _mod(rel) if rel in ("early", "late", "mid", "mid-") else "", "DCT")


# --- durations and distances ------------------------------------------------------------------------

def resolve_amount(m: re.Match[str], c: Context) -> Resolved | None:
    unit = unit_of(m["unit"])
    fraction_words = ("a", "an", "one", "three")
    if unit == "quarter" and (m["num"].lower() in fraction_words and re.match(r"\s+of\b", m.string[m.end():])
                              or re.search(r"-quarters$", m.group(0))):
        return None  # "three-quarters of the vote", "a quarter of the shares": fractions
    amount = number_value(m["num"])
    if amount is not None and m.groupdict().get("half"):
        amount += 0.5
    direction = (m["dir"] or "").lower()
    mod = _mod(m["mod"]) or _mod(m["mod0"])
    if direction in ("ago", "earlier", "later") or direction.startswith("from"):
        if unit in ("second", "minute", "hour") and direction != "ago":
            return Resolved("DURATION", duration_value(amount, unit), mod)  # "an hour later": a distance
        if amount is None or unit in ("second", "minute", "hour"):
            ref = "PAST_REF" if direction in ("ago", "earlier") else "FUTURE_REF"
            return Resolved("DATE", ref, mod)
        base, label = (c.dct, "DCT") if direction == "ago" or direction.startswith("from") else (
            c.reference, c.reference_label)
        sign = -1 if direction in ("ago", "earlier") else 1
        whole = int(amount) if amount == int(amount) else 0
        period = c.recent_period()
        if unit == "year" and sign < 0 and whole and period:
            return Resolved("DATE", year_before(period, whole), mod, period)
        if not whole:
            return Resolved("DURATION", duration_value(amount, unit), mod)
        # only forward: "a year earlier" in a report compares with the period reported on, not the
        # year it last named ("up from fiscal 1988")
        counted = _from_named_period(c, whole, unit) if direction == "later" else None
        if counted is not None:
            return Resolved("DATE", counted, mod, c.period[0] if c.period else "")
        target = _shift_exact(base, sign * whole, unit)
        granularity: Unit = "day" if unit == "weekend" else unit
        since = re.sub(r"\s+", " ", (m.groupdict().get("since") or "").lower())
        if since:  # "sixty-four years ago today": that day, sixty-four years before
            target -= dt.timedelta(days=1) if since == "yesterday" else dt.timedelta(0)
            granularity = "week" if since == "this week" else "month" if since == "this month" else "day"
        day = target if granularity == "day" else None
        return Resolved("DATE", value_at(target, granularity), mod, label, day)
    return Resolved("DURATION", duration_value(amount, unit), mod)


def _from_named_period(c: Context, amount: int, unit: Unit) -> str | None:
    """"The plant closed in 2009 ... two years later": counted from the year (or month) the text named
    last, when it named it after its latest day and the distance is in units no finer than it."""
    period = c.named_period()
    if period is None or c.period is None or c.period[1] <= c.reference_end:
        return None
    if unit in ("year", "decade", "century") and re.fullmatch(r"\d{4}", period):
        years = {"year": 1, "decade": 10, "century": 100}[unit] * amount
        return f"{int(period) + years:04d}"
    if unit in ("month", "year") and re.fullmatch(r"\d{4}-\d\d", period):
        months = amount * (12 if unit == "year" else 1)
        return value_at(add_months(period_start(period), months), "month")
    return None


def _shift_exact(day: dt.date, amount: int, unit: Unit) -> dt.date:
    if unit in ("day", "week", "weekend"):
        return shift(day, amount, unit)
    if unit in ("month", "quarter", "half"):
        months = {"month": 1, "quarter": 3, "half": 6}[unit] * amount
        moved = shift(day, months, "month")
        return moved.replace(day=min(day.day, 28))
    years = {"year": 1, "decade": 10, "century": 100}.get(unit, 0) * amount
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def resolve_vague_period(m: re.Match[str], c: Context) -> Resolved | None:
    unit = unit_of(m["unit"])
    return Resolved("DURATION", duration_value(2 if "couple" in m["lead"].lower() else None, unit))


# --- times of day -----------------------------------------------------------------------------------

def resolve_clock(m: re.Match[str], c: Context) -> Resolved | None:
    if m["special"]:
        hour, minute = (24, 0) if m["special"].lower() == "midnight" else (12, 0)
    else:
        hour = int(m["h"])
        minute = int(m["m"] or 0)
        ampm = (m["ampm"] or "").lower().replace(".", "")
        if ampm.startswith(("in", "at")):  # "4 in the morning", "10 at night"
            ampm = "am" if ampm.endswith("morning") else "pm"
        if hour > 12 and ampm or hour > 24 or minute > 59:
            return None
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
    day = c.dct
    anchor = "DCT"
    for word in (m["pre"], m["post"]):
        if not word:
            continue
        key = word.lower()
        if key in _DAY_WORDS:
            day = c.dct + dt.timedelta(days=_DAY_WORDS[key])
        elif key in WEEKDAYS:
            direction = _cued_direction(m, c, tense_first=True)
            day = weekday_near(c.dct, WEEKDAYS[key], "past" if direction == "none" else direction)
        else:
            parts = re.match(r"(\S+)\s+(\d+)", word)
            if parts:
                near = date_near(c.dct, _month(parts[1]), int(parts[2]), c.direction())
                day = near or day
    return Resolved("TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}", anchor=anchor, day=day)


# --- sets and references ----------------------------------------------------------------------------

_FREQUENCY_WORDS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
                    "bimonthly": "P2M", "annually": "P1Y", "yearly": "P1Y",
                    "semiannually": "P6M", "hourly": "PT1H"}


def resolve_frequency_word(m: re.Match[str], c: Context) -> Resolved | None:
    return Resolved("SET", _FREQUENCY_WORDS[m["freq"].lower()])


def resolve_every(m: re.Match[str], c: Context) -> Resolved | None:
    what = m["what"].lower()
    if what in WEEKDAYS:
        return Resolved("SET", f"XXXX-WXX-{WEEKDAYS[what] + 1}")
    if what in PARTS_OF_DAY:
        return Resolved("SET", f"T{PARTS_OF_DAY[what]}")
    if what in SEASONS:
        return Resolved("SET", f"XXXX-{SEASONS[what]}")
    if what.rstrip(".") in MONTHS:
        return Resolved("SET", f"XXXX-{_month(what):02d}")
    return Resolved("SET", duration_value(2 if m["other"] else 1, unit_of(what)))


def resolve_weekday_plural(m: re.Match[str], c: Context) -> Resolved | None:
    return Resolved("SET", f"XXXX-WXX-{WEEKDAYS[m['weekday'].lower().rstrip('s')] + 1}")


_REFERENCES = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "presently": "PRESENT_REF",
               "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "right now": "PRESENT_REF",
               "the present": "PRESENT_REF", "present": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF",
               "the past": "PAST_REF", "once": "PAST_REF",
               "the future": "FUTURE_REF",
               "the near future": "FUTURE_REF", "the distant future": "FUTURE_REF",
               "the foreseeable future": "FUTURE_REF", "the time being": "PRESENT_REF"}


def resolve_reference(m: re.Match[str], c: Context) -> Resolved | None:
    return Resolved("DATE", _REFERENCES[re.sub(r"\s+", " ", m["ref"].lower())])


# --- holidays ---------------------------------------------------------------------------------------

# name -> (month, day) for fixed dates, (month, -weekday-1, n) for "the nth weekday" (n=-1: the last)
HOLIDAYS: dict[str, tuple[int, int] | tuple[int, int, int]] = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14),
    "independence day": (7, 4), "halloween": (10, 31), "veterans day": (11, 11),
    "christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25), "boxing day": (12, 26),
    "thanksgiving day": (11, -4, 4), "thanksgiving": (11, -4, 4), "labor day": (9, -1, 1),
    "memorial day": (5, -1, -1), "martin luther king day": (1, -1, 3), "presidents day": (2, -1, 3),
    "presidents' day": (2, -1, 3), "mother's day": (5, -7, 2), "father's day": (6, -7, 3),
}


def holiday_date(name: str, year: int) -> dt.date:
    rule = HOLIDAYS[name]
    if len(rule) == 2:
        return dt.date(year, rule[0], rule[1])
    month, weekday, n = rule[0], -rule[1] - 1, rule[2]
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = shift(dt.date(year, month, 1), 1, "month") - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def resolve_holiday(m: re.Match[str], c: Context) -> Resolved | None:
    name = re.sub(r"\s+", " ", m["name"].lower()).replace("’", "'")
    if m["year"]:
        day = holiday_date(name, int(m["year"]))
        return Resolved("DATE", day.isoformat(), day=day)
    candidates = [holiday_date(name, c.dct.year + k) for k in (-1, 0, 1)]
    direction = _cued_direction(m, c)
    if direction == "past":
        day = max(d for d in candidates if d <= c.dct)
    elif direction == "future":
        day = min(d for d in candidates if d >= c.dct)
    else:
        day = min(candidates, key=lambda d: abs(d - c.dct))
    return Resolved("DATE", day.isoformat(), anchor="DCT", day=day)


# --- the rule table ---------------------------------------------------------------------------------

_WD_PREFIX = rf"(?:{WEEKDAY},?\s+)?"
_RELATIVE = (
    r"(?:(?:early|late|mid-?|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)[\s-]*)?"
    r"(?:earlier\s+|later\s+)?(?:this\s+past|this\s+coming|the\s+coming|the\s+current|the\s+previous|the\s+following|"
    r"the\s+same|the\s+past|the\s+last|the\s+next|last|this|next|coming|past|previous|current|that)"
)
_DAY_OFFSET = (
    r"the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|"
    r"(?:the\s+)?(?:next|following|previous|same|prior)\s+(?:day|" + PART_OF_DAY + ")"
    r"|that\s+(?:same\s+)?(?:day|" + PART_OF_DAY + r")|the\s+day\s+(?:before|after)(?=\s*[,.;)])"
)


def _rule(name: str, pattern: str, resolve: Resolver, flags: int = re.IGNORECASE) -> Rule:
    return Rule(name, re.compile(r"(?<!\w)(?:" + pattern + r")(?![\w])", flags), resolve)


RULES: list[Rule] = [
    _rule("holiday", r"(?-i:(?P<name>" + "|".join(re.escape(h.title()).replace("'S", "'s").replace(r"\ ", r"\s+")
                                                for h in sorted(HOLIDAYS, key=len, reverse=True))
          + rf"))(?:,?\s+(?P<year>{YEAR}))?", resolve_holiday, 0),
    _rule("month_day", r"(?:(?P<rel>last|next|this)\s+)?" + _WD_PREFIX
          + rf"(?P<month>{MONTH})\s*(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR}))?", resolve_month_day),
    _rule("day_month", _WD_PREFIX
          + rf"(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH})(?:,?\s+(?P<year>{YEAR}))?",
          resolve_month_day),
    _rule("month_year", rf"(?P<month>{MONTH}),?\s+(?:of\s+)?(?P<year>{YEAR}|(?:this|last|next)\s+year)",
          resolve_month_year),
    _rule("month", rf"(?:(?P<rel>last|this\s+past|this\s+coming|next|this|coming|past)\s+)?(?P<month>{MONTH})",
          resolve_month),
    _rule("iso_date", r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)", resolve_numeric_date),
    _rule("slash_date", r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d\d)", resolve_numeric_date),
    _rule("year", rf"(?:(?:fiscal|calendar|the\s+year|fiscal\s+year|the\s+fiscal\s+year|FY)\s+)?(?P<year>{YEAR})",
          resolve_year),
    _rule("spelled_year", rf"(?:the\s+year\s+)?(?P<century>nineteen|eighteen|seventeen)[\s-]+(?P<rest>{_TENS_WORD}"
          rf"(?:[\s-]+{_UNIT_WORD})?)\b"
          rf"(?![\s-]+(?:{_UNIT_WORD}|hundred|thousand|million|percent|dollars|people|men)\b)|(?:the\s+year\s+)(?P<millennium>two\s+thousand)(?:\s+and)?"
          rf"(?:[\s-]+(?P<small>{_UNIT_WORD}|ten|eleven|twelve))?\b", resolve_spelled_year),
    _rule("spelled_decade", r"(?:the\s+(?:(?P<mod>early|mid-?|late)[\s-]*)?(?:(?:nineteen|eighteen)[\s-]+)?|"
          r"(?:nineteen|eighteen)[\s-]+)"  # "the nineties", not "in her nineties" (an age)
          r"(?P<tens>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b", resolve_spelled_decade),
    _rule("decade", r"(?:the\s+)?(?:(?P<mod>early|mid-?|late)[\s-]*)?(?:(?P<decade>(?:1[5-9]|20)\d0)'?s|"
          r"['’](?P<short>\d0)s)", resolve_decade),
    _rule("century", rf"(?:the\s+)?(?:(?P<mod>early|mid-?|late)[\s-]*)?"
          rf"(?P<ord>{ORDINAL}|\d{{1,2}}(?:st|nd|rd|th))[\s-]+century",
          resolve_century),
    _rule("weekday", rf"(?:(?P<rel>last|this\s+past|this\s+coming|next|this|coming|past|early|late|earlier|later|"
          rf"the\s+previous|the\s+following)\s+)?"
          rf"(?P<weekday>{WEEKDAY})(?:\s+(?P<part>{PART_OF_DAY}))?", resolve_weekday),
    _rule("weekday_plural", r"(?<=on\s)(?P<weekday>(?-i:Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|"
          r"Sundays))", resolve_weekday_plural),
    _rule("day_word",
          rf"(?:(?:earlier|later)\s+)?(?P<word>today|yesterday|tomorrow|tonight)(?:\s+(?P<part>{PART_OF_DAY}))?",
          resolve_day_word),
    _rule("part_of_day", rf"(?P<which>this|last)\s+(?P<part>{PART_OF_DAY})", resolve_part_of_day),
    _rule("part_of_reference_day", r"(?:(?<=\bin\s)the\s+|mid[-\s]?)(?P<part>morning|afternoon|evening)"
          rf"(?:,?\s+(?P<named>yesterday|today|tomorrow|{WEEKDAY}))?",
          resolve_part_of_reference_day),
    _rule("day_offset", rf"(?:{_DAY_OFFSET})(?P<part>)", resolve_day_offset),
    _rule("relative_period",
          rf"(?P<rel>{_RELATIVE})\s+(?:fiscal\s+)?(?P<unit>week|weekend|month|year|decade|century|day)",
          resolve_relative_period),
    _rule("the_weekend", r"(?P<rel>the)\s+(?P<unit>weekend)", resolve_relative_period),
    _rule("the_period", r"(?P<rel>the)\s+(?:(?P<whole>whole|entire)\s+|(?:full|fiscal|calendar)\s+)?"
          r"(?P<unit>year|month|week)(?!-|\s+(?:of|before|after|earlier|later|ago)\b|\s+\d)", resolve_the_period),
    _rule("end_of_the", r"(?P<rel>the\s+(?:end|beginning|start|middle)\s+of\s+the)\s+(?:fiscal\s+)?"
          r"(?P<unit>week|month|year|decade|century)", resolve_relative_period),
    _rule("year_end", r"(?P<rel>)(?P<unit>year)(?:-end|\s+end|['’]s\s+end)", resolve_year_end),
    _rule("quarter_ordinal", rf"(?:the\s+)?(?:(?:fiscal\s+)?(?P<year0>{YEAR}|year-earlier|year-ago|"
          rf"(?:this|last|next)\s+year['’]s)\s+)?"
          rf"(?:fiscal[-\s]+)?"
          rf"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|final)[-\s]+(?:fiscal[-\s]+)?"
          rf"(?P<q>quarter|half)(?:\s+of\s+(?:fiscal\s+)?(?P<year>{YEAR}|this\s+year|last\s+year|next\s+year))?",
          resolve_quarter),
    _rule("quarter_relative", r"(?:the\s+)?(?P<rel>last|latest|current|past|previous|recent|most\s+recent|this|next|"
          r"that|coming|year-earlier|year-ago|year\s+earlier|comparable(?:\s+year-ago|\s+year-earlier)?)[-\s]+"
          r"(?:fiscal[-\s]+)?(?P<q>quarter|half|period)(?![\w-])", resolve_quarter),
    _rule("quarter_code", rf"(?P<q>[QH])(?P<n>[1-4])(?:\s+|-)?(?P<year>{YEAR}|['’]\d\d)?", resolve_quarter_code,
          0),
    _rule("fiscal_year_code", r"FY\s?(?P<year>(?:19|20)\d\d|\d\d)", resolve_fiscal_year_code, 0),
    _rule("the_quarter", r"(?P<rel>the)\s+(?P<q>quarter)(?![\w-]|\s+(?:of|century|mile|point|final))", resolve_quarter),
    _rule("year_earlier", r"(?P<rel>year-earlier|year-ago)(?P<q>)", resolve_quarter),
    _rule("season", rf"(?:(?P<rel>this\s+past|this\s+coming|the\s+coming|the\s+past|last|next|this|that|early|"
          rf"late|mid-?|"
          rf"(?<=in\s)the|(?<=over\s)the|(?<=during\s)the|(?<=into\s)the|(?<=until\s)the|(?<=by\s)the)"
          rf"[\s-]*)(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<year>{YEAR}))?", resolve_season),
    _rule("season_year",
          rf"(?:the\s+)?(?P<rel>)(?P<season>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<year>{YEAR})",
          resolve_season),
    _rule("amount", rf"(?:(?P<mod0>{DURATION_MODIFIER})\s+)?(?:(?:the\s+)?(?:past|last|next|first|final|previous|"
          rf"following|coming|latest|better\s+part\s+of\s+the|course\s+of\s+the)\s+|the\s+)?"
          rf"(?:(?P<mod>{DURATION_MODIFIER})\s+)?"
          rf"(?P<num>{NUMBER})(?:\s+|-)(?:(?:more|additional|full|straight|consecutive|long|extra|calendar|business|"
          rf"working|trading|fiscal)(?:\s+|-))?(?P<unit>{UNIT})(?![-\s]+old)(?P<half>\s+and\s+a\s+half)?"
          r"(?:\s+(?P<dir>ago|earlier|later|from\s+now|hence)"
          r"(?:(?<=ago)\s+(?P<since>today|yesterday|this\s+week|this\s+month))?)?", resolve_amount),
    _rule("vague_period", r"(?P<lead>recent|coming|the\s+coming|upcoming|the\s+upcoming|"
          r"(?:the\s+)?(?:past|last|next)\s+(?:few|several|many|couple\s+of)|the\s+past|the\s+last|the\s+next)\s+"
          r"(?P<unit>days|weeks|months|years|decades|quarters)", resolve_vague_period),
    _rule("bare_plural", r"(?:(?<=\bfor\s)|(?<=\bwithin\s)|(?<=\bin\s)(?=(?:weeks|months|years|decades)\b))"
          r"(?P<lead>)(?P<unit>days|weeks|months|years|decades|hours)",
          resolve_vague_period),
    _rule("ago_vague", r"(?P<mod0>)(?P<mod>)(?P<num>)(?P<unit>years|months|weeks|days|decades)\s+(?P<dir>ago)",
          lambda m, c: Resolved("DATE", "PAST_REF")),
    _rule("clock", rf"(?:(?P<pre>{WEEKDAY}|today|tomorrow|yesterday|tonight),?\s+(?:at\s+)?)?(?:(?:around|about|"
          rf"approximately|roughly|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
          rf"(?:(?P<h>\d{{1,2}})(?:[:.](?P<m>\d\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am|pm)(?:\s+(?P<tz>{TIMEZONE}))?"
          rf"|(?P<special>noon|midday|midnight))"
          rf"(?:,?\s+(?P<post>today|tonight|tomorrow|yesterday|{WEEKDAY}|{MONTH}\s+\d{{1,2}}))?", resolve_clock),
    _rule("clock_words", r"(?P<pre>)(?P<special>)(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>\d\d))?\s+(?:o['’]clock\s+)?"
          r"(?P<ampm>in\s+the\s+(?:morning|afternoon|evening)|at\s+night)(?P<post>)", resolve_clock),
    _rule("clock_24", rf"(?P<pre>)(?P<special>)(?P<ampm>)(?P<h>[012]?\d)[:.](?P<m>\d\d)\s+(?P<tz>{TIMEZONE})(?P<post>)",
          resolve_clock),
    _rule("frequency_word", r"(?P<freq>daily|nightly|weekly|biweekly|monthly|bimonthly|annually|yearly|"
          r"semiannually|hourly)", resolve_frequency_word),
    _rule("every", rf"(?:(?:once|twice|{NUMBER}\s+times)\s+(?:a|an|per|each|every)|each|every)\s+(?P<other>other\s+)?"
          rf"(?P<what>second|minute|hour|day|week|month|quarter|year|weekend|{PART_OF_DAY}|spring|summer|fall|"
          rf"autumn|winter|{WEEKDAY}|{MONTH})", resolve_every),
    _rule("reference", r"(?P<ref>now|currently|presently|nowadays|these\s+days|right\s+now|recently|lately|"
          r"the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|"
          r"the\s+time\s+being|(?<=at\s)present|the\s+past(?!\s+(?:\d|few|several|many|couple|"
          + r"one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|decade|year|month|week|day|quarter)))",
          resolve_reference),
]


DATE_PREFIX = re.compile(
    r"(?:^|(?<=[\s(]))(?P<mod>early|late|mid-|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
    r"the\s+middle\s+of)[\s-]*$",
    re.IGNORECASE,
)
