"""Numbers, quantities and dates of a report against those of the passage."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .model import Difference, TextSpan
from .spans import token_span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NUMBER_SLACK = 0.10
SMALL = 12  # number words up to this are compared only with a count of the same thing


def _span(doc: Doc, start: int, end: int) -> TextSpan:
    return TextSpan(start, end, doc.text[start:end])


# ---------------------------------------------------------------- numbers

UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                    "thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
MAGNITUDES = {"hundred": 100, "thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6,
              "billion": 1e9, "billions": 1e9, "trillion": 1e12, "trillions": 1e12, "dozen": 12}
FRACTIONS = {"half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25,
             "fourth": 0.25, "fifth": 0.2, "fifths": 0.2, "sixth": 1 / 6, "eighth": 0.125, "tenth": 0.1}
UPWARD = ("more than", "over", "above", "at least", "upward of", "upwards of", "exceeding", "in excess of")
DOWNWARD = ("fewer than", "less than", "short of", "under", "below", "at most", "up to", "not more than")
HEDGES = ("about", "around", "nearly", "almost", "roughly", "some", "approximately", "close to", "near",
          "upward of", "upwards of", "more than", "over", "less than", "fewer than", "at least", "short of")
_NUMBER_WORDS = "|".join(sorted([*UNITS, *TENS, *MAGNITUDES, *FRACTIONS], key=len, reverse=True))
QUANTITY = re.compile(
    r"[$\d][\d,.$%]*(?:/\d+)?(?:(?<=\d)(?-i:M|B|bn|mn|K)\b)?(?:\s\d/\d+)?(?:[\s-]?(?:percent|per cent))?"
    r"(?:\s+(?:hundred|thousand|million|billion|trillion)s?)*"
    rf"|\b(?:a|an|{_NUMBER_WORDS})\b(?:[\s-]+(?:and[\s-]+|of[\s-]+)?(?:a[\s-]+)?(?:{_NUMBER_WORDS})\b)*"
    r"(?:\s(?:percent|per cent)\b)?", re.IGNORECASE)
YEAR = re.compile(r"^(1[6-9]\d\d|20\d\d)s?$")
# a year-like figure before one of these is a quantity ("2000 miles")
UNIT_AFTER = re.compile(r"\s+(?:miles|acres|men|troops|persons|people|tons|dollars|pounds|feet|ships|square)\b",
                        re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    value: float
    bound: int  # +1 "more than", -1 "fewer than", 0 none
    hedged: bool = False  # "about", "nearly", "more than": the figure is not exact
    percent: bool = False
    ratio: bool = False  # "doubled", "twice", "three times": a multiple, compared only with multiples
    lead: int = -1  # where its bound words start ("less than $40,000,000"), else its start

    @property
    def phrase_start(self) -> int:
        return self.lead if self.lead >= 0 else self.start


def quantities(text: str) -> list[Quantity]:
    """Figures in the text with their values; years and days of a month are dates, not figures."""
    found: list[Quantity] = []
    in_days = [(d.start, d.end) for d in days_of_month(text)]
    for m in QUANTITY.finditer(text):
        phrase = m.group().rstrip(" ,.-")
        value = number_value(phrase)
        if any(start <= m.start() < end for start, end in in_days):
            continue  # "December 10", "the tenth of December": a date
        if value is None or YEAR.match(phrase.strip("$")) and not UNIT_AFTER.match(text, m.start() + len(phrase)):
            continue
        before = text[max(0, m.start() - 16): m.start()].casefold().rstrip()
        day_of_month = DAY_OF_MONTH.match(text, m.start() + len(phrase))
        if phrase.casefold() in VAGUE or phrase.casefold() in FRACTIONS and (before.endswith("the") or day_of_month):
            continue  # "thousands of families", "the Fourth of July", "the coming Fourth of July"
        bound = 1 if before.endswith(UPWARD) else -1 if before.endswith(DOWNWARD) else 0
        if bound and NEGATED_BOUND.search(text[max(0, m.start() - 28): m.start()].casefold().rstrip() + " "):
            bound = -bound  # "will not be less than $100,000" = at least, "no more than" = at most
        hedged = before.endswith(HEDGES) or bool(re.search(r"\b(?:near|nearly|some|almost|barely|hardly)$", before))
        percent = bool(re.search(r"%|percent|per cent", phrase, re.IGNORECASE))
        ratio = TIMES.match(text, m.start() + len(phrase)) is not None
        quantity = Quantity(m.start(), m.start() + len(phrase), value, bound, hedged, percent, ratio,
                            _bound_start(text, m.start()) if bound else -1)
        if found and _continues(text, found[-1], quantity):
            last = found.pop()  # "$6 billion 151 million"
            quantity = Quantity(last.start, quantity.end, last.value + value, last.bound, last.hedged, last.percent,
                                lead=last.lead)
        found.append(quantity)
    found = _ranges(text, found)
    shares = [Quantity(m.start(), m.end(), part / whole, 0, False, False)
              for m in (*ONE_IN.finditer(text), *ONE_NOUN_IN.finditer(text))  # "one out of every five" = a fifth
              if (part := number_value(m.group(1))) is not None and (whole := number_value(m.group(2)))]
    # the figures of a share are its parts, not counts of their own ("one family in four": not one family)
    found = [q for q in found if not any(s.start <= q.start and q.end <= s.end for s in shares)] + shares
    for m in MULTIPLE.finditer(text):
        word = m.group().casefold()
        value = next(v for stem, v in MULTIPLES.items() if word.startswith(stem))
        found.append(Quantity(m.start(), m.end(), value, 0, False, False, True))
    return sorted(found, key=lambda q: q.start)


def _bound_start(text: str, start: int) -> int:
    """Where the bound words before a figure start ("less than", "upward of"), so that a bound changed
    is shown with them."""
    before = text[max(0, start - 16): start].rstrip()
    word = next(w for w in (*UPWARD, *DOWNWARD) if before.casefold().endswith(w))
    return start - (len(text[max(0, start - 16): start]) - len(before)) - len(word)


RANGE_JOIN = re.compile(r"\s*(?:to|-|–|through)\s*", re.IGNORECASE)
MAGNITUDE_END = re.compile(r"(thousand|million|billion|trillion)s?$", re.IGNORECASE)


def _ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """The first end of a range takes the unit and magnitude written once after the second: "from 20 to
    91 percent" and "between 20 and 91 percent" are 20 percent to 91 percent, "between 5 and 6 million"
    begins at 5 million."""
    ranged = list(found)
    for i in range(len(ranged) - 1):
        low, high = ranged[i], ranged[i + 1]
        between = text[low.end:high.start]
        joined = RANGE_JOIN.fullmatch(between) or (
            re.fullmatch(r"\s*and\s*", between) and text[:low.start].casefold().rstrip().endswith("between"))
        if not joined:
            continue
        if high.percent and not low.percent:
            low = replace(low, percent=True)
        magnitude = MAGNITUDE_END.search(text[high.start:high.end])
        if magnitude and not MAGNITUDE_END.search(text[low.start:low.end]) and low.value < 1000:
            low = replace(low, value=low.value * MAGNITUDES[magnitude.group(1).casefold()])
        ranged[i] = low
    return ranged


DAY_OF_MONTH = re.compile(r"\s+(?:day\s+)?of\s+(?:january|february|march|april|may|june|july|august|september|october|"
                          r"november|december)\b", re.IGNORECASE)
NEGATED_BOUND = re.compile(r"\b(?:not|no|never)\s+(?:be\s+|been\s+)?(?:more|less|fewer|over|under|above|below)"
                           r"\s+(?:than\s+)?$")
VAGUE = frozenset({"thousands", "millions", "billions", "trillions", "hundreds", "dozens"})
_COUNT = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
_NOT_YEAR = r"(?!1[6-9]\d\d\b|20\d\d\b)"
ONE_IN = re.compile(rf"\b({_COUNT})\s+(?:out\s+of|in)\s+(?:every\s+)?{_NOT_YEAR}({_COUNT})\b", re.IGNORECASE)
# "one family in four", "one American out of every five": the thing counted between the two figures
ONE_NOUN_IN = re.compile(r"\b(one)\s+(?!out\b|in\b)(?:[A-Za-z]+\s+){1,2}?(?:out\s+of|in)\s+(?:every\s+)?"
                         r"(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\b"
                         r"(?!\s+(?:days?|weeks?|months?|years?|hours?|minutes?)\b)", re.IGNORECASE)
TIMES = re.compile(r"\s+times\b", re.IGNORECASE)
MULTIPLES = {"doubl": 2, "twice": 2, "tripl": 3, "thrice": 3, "quadrupl": 4, "halv": 0.5}
MULTIPLE = re.compile(r"\b(?:doubl(?:e|ed|es|ing)|twice|tripl(?:e|ed|es|ing)|thrice|quadrupl(?:e|ed|es|ing)|"
                      r"halv(?:e|ed|es|ing))\b", re.IGNORECASE)


def _continues(text: str, last: Quantity, quantity: Quantity) -> bool:
    return (last.value >= 1e6 and quantity.value < last.value and text[last.end:quantity.start].strip() in ("", "and")
            and re.search(r"(?:thousand|million)s?$", text[quantity.start:quantity.end], re.IGNORECASE) is not None)


ABBREVIATED = {"k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9}


def number_value(phrase: str) -> float | None:
    short = re.fullmatch(r"\$?(\d[\d,]*(?:\.\d+)?)(M|B|bn|mn|K)", phrase.strip())
    if short:
        return float(short[1].replace(",", "")) * ABBREVIATED[short[2].casefold()]  # "$8.5M", "$1.2bn"
    fraction = re.fullmatch(r"(\d+)\s(\d)/(\d+)", phrase.strip())
    if fraction:
        return int(fraction[1]) + int(fraction[2]) / int(fraction[3])  # "2 1/2"
    words = [w for w in re.split(r"[\s-]+", phrase.casefold().replace("$", "").replace("percent", "")
                                 .replace("per cent", "").replace("%", "")) if w and w != "and"]
    if not words:
        return None
    if all(w in ("a", "an") for w in words):
        return None
    total, current, seen = 0.0, 0.0, False
    previous, scale = "", 0.0  # scale: the magnitude just written ("eleven millions [and a half]")
    for w in words:
        number = w.replace(",", "")
        slashed = re.fullmatch(r"(\d+)/(\d+)", number)
        if re.fullmatch(r"\d+(?:\.\d+)?", number):
            current += float(number)
            seen = True
        elif slashed and 0 < int(slashed[1]) < int(slashed[2]) <= 10:
            current += int(slashed[1]) / int(slashed[2])  # "$1/2 billion": half a billion
            seen = True
        elif w in ("a", "an") or w == "of" and previous in FRACTIONS:
            pass  # "a quarter of a trillion"
        elif w == "one" and not seen:
            current += 1
            seen = True
        elif w in UNITS:
            current += UNITS[w]
            seen = True
        elif w in TENS:
            current += TENS[w]
            seen = True
        elif w in FRACTIONS:
            if previous in TENS or (UNITS.get(previous, 0) > 1 and not w.endswith("s")):
                return None  # "ninety-third", "fifth" after "twenty-": an ordinal
            if previous in ("a", "an") and seen and scale and not current:
                total += FRACTIONS[w] * scale  # "eleven millions and a half": 11.5 million
            elif previous in ("a", "an") and seen:
                current += FRACTIONS[w]  # "three and a half"
            else:
                current = (current or 1) * FRACTIONS[w]
            seen = True
        elif w in MAGNITUDES:
            current = (current or 1) * MAGNITUDES[w]
            if MAGNITUDES[w] >= 1000:
                total += current
                current = 0
                scale = MAGNITUDES[w]
            seen = True
        else:
            return None
        if w not in ("a", "an") and w not in MAGNITUDES:
            scale = 0.0
        previous = w
    return total + current if seen else None


def _counted(doc: Doc, q: Quantity) -> str | None:
    """The concept of what a figure counts ("five of the seceding states", "ten hours"), if the parse says."""
    from .align import concept

    for token in doc:
        if q.start <= token.idx < q.end and token.like_num or (q.start <= token.idx < q.end and token.dep_ == "nummod"):
            while token.dep_ == "conj" and token.head.like_num:
                token = token.head  # "between 20 and 91 percent": 91 counts what 20 counts
            if token.dep_ in ("nummod", "quantmod", "amod", "compound") and token.head.pos_ in ("NOUN", "PROPN"):
                return concept(token.head).key
            if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
                return concept(token.head.head).key  # "a family of five": the family is counted
            of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if noun is not None:
                return concept(noun).key
    return None


def numbers(report: Doc, source: Doc) -> list[Difference]:
    from .align import same

    vague = vague_counts(report.text, source.text)
    mine, theirs = quantities(report.text), quantities(source.text)
    if not theirs:
        return vague
    counted = {t: _counted(source, t) for t in theirs}
    ordinals = [value for _, _, value in ordinal_figures(source.text)]
    found: list[Difference] = []
    for q in mine:
        ordinal = re.match(r"(?:st|nd|rd|th)\b", report.text[q.end:]) is not None
        if _specific(report.text, q) and any(_equal(q, t) for t in theirs) or ordinal and q.value in ordinals:
            continue  # 17,069,453 anywhere in the passage is that figure; "126th" = "one hundred and twenty-sixth"
        if q.ratio and not any(t.ratio for t in theirs):
            continue  # "doubled" for "from 5 to 10 million": not compared
        noun = _counted(report, q)
        alike = [t for t in theirs if t.ratio == q.ratio and noun and same(noun, counted[t] or "")]
        small_word = not q.ratio and 1 <= q.value <= SMALL and re.fullmatch(r"[a-zA-Z]+", report.text[q.start:q.end])
        if small_word and not alike:
            continue  # "two of them": a report counts what the passage lists
        pool = alike or [t for t in theirs if t.ratio == q.ratio]
        if not pool:
            continue
        same_value = [t for t in pool if _close(q, t)]
        # the passage's equal figure is the one the report restates, not one merely within a hedge's slack
        same_value = [t for t in same_value if _equal(q, t)] or same_value
        if not same_value:
            nearest = min(pool, key=lambda t: abs(t.value - q.value))
            found.append(Difference("number", _span(report, q.start, q.end), _span(source, nearest.start, nearest.end)))
        elif all(t.bound and q.bound and t.bound != q.bound for t in same_value):
            other = same_value[0]  # the bound is what differs: shown with its words ("less than $40,000,000")
            found.append(Difference("quantifier", _span(report, q.phrase_start, q.end),
                                    _span(source, other.phrase_start, other.end)))
    return found + vague


def _specific(text: str, q: Quantity) -> bool:
    """A figure of three significant digits or more ("17,069,453", "$375,000,000"): the passage does not
    hold it twice by chance, whatever it counts there, unlike a small or round count ("five", "1,000")."""
    return len(re.sub(r"\D", "", text[q.start:q.end]).strip("0")) >= 3


ORDINAL_WORDS = {w: i + 1 for i, w in enumerate(
    """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth
    fifteenth sixteenth seventeenth eighteenth nineteenth""".split())} | {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90, "hundredth": 100, "thousandth": 1000}
_ORDINAL = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
_CARDINAL = "|".join(sorted([*UNITS, *TENS, "hundred", "thousand"], key=len, reverse=True))
ORDINAL = re.compile(rf"\b(\d+)(?:st|nd|rd|th)\b|\b((?:(?:{_CARDINAL})(?:[\s-]+and)?[\s-]+)*)({_ORDINAL})\b",
                     re.IGNORECASE)


def ordinal_figures(text: str) -> list[tuple[int, int, float]]:
    """Ordinals with their values: "24th", "tenth", "one hundred and twenty-sixth" (126)."""
    found = []
    for m in ORDINAL.finditer(text):
        if m[1]:
            found.append((m.start(), m.end(), float(m[1])))
            continue
        last = ORDINAL_WORDS[m[3].casefold()]
        before = number_value(m[2].strip(" -")) if m[2].strip(" -") else 0.0
        if before is None:
            continue
        # "twenty-sixth": 20 + 6; "one hundredth": 1 x 100
        value = before * last if last >= 100 else before + last
        found.append((m.start(), m.end(), value))
    return found


@dataclass(frozen=True)
class DayOfMonth:
    start: int
    end: int
    month: str
    day: int


_MONTH = "January|February|March|April|May|June|July|August|September|October|November|December"
_DAY = rf"\d{{1,2}}(?:st|nd|rd|th|d)?|(?:(?:twenty|thirty)[\s-]+)?(?:{_ORDINAL})"
# "the tenth of December", "the 24th day of November", "December 10", "December the 10th", "4 July"
DAY_FIRST = re.compile(rf"\b(?:the\s+)?({_DAY})\s+(?:day\s+)?of\s+({_MONTH})\b"
                       rf"|\b(\d{{1,2}})(?:st|nd|rd|th|d)?\s+((?-i:{_MONTH}))\b", re.IGNORECASE)
MONTH_FIRST = re.compile(rf"\b({_MONTH})\s+(?:the\s+)?(\d{{1,2}}(?:st|nd|rd|th|d)?|(?i:{_DAY}))\b(?![,.]?\d)")


def days_of_month(text: str) -> list[DayOfMonth]:
    """Days written with their month, in any of the usual ways; the month capitalised unless "of" comes
    before it ("May 5", "4 July"; "may 5", "the 4 may" are no dates)."""
    found = []
    for m in DAY_FIRST.finditer(text):
        day, month = (m[1], m[2]) if m[1] else (m[3], m[4])
        found.append((m.start(), m.end(), month, day))
    for m in MONTH_FIRST.finditer(text):
        found.append((m.start(), m.end(), m[1], m[2]))
    days: list[DayOfMonth] = []
    for start, end, month, day in sorted(found):
        value = _day_value(day)
        if value and 1 <= value <= 31 and not any(d.start <= start < d.end for d in days):
            days.append(DayOfMonth(start, end, month.casefold(), value))
    return days


def _day_value(day: str) -> int | None:
    digits = re.match(r"\d+", day)
    if digits:
        return int(digits.group())
    figures = ordinal_figures(day)
    return int(figures[0][2]) if figures else None


# counts given only by their order ("hundreds of men"), smallest first
VAGUE_ORDERS = ("dozens", "scores", "hundreds", "thousands", "tens of thousands", "hundreds of thousands", "millions",
                "billions")
VAGUE_COUNT = re.compile(rf"\b({'|'.join(sorted(VAGUE_ORDERS, key=len, reverse=True))})\s+of\s+(?:the\s+)?([a-z]+)",
                         re.IGNORECASE)


def vague_counts(report: str, source: str) -> list[Difference]:
    """A count given by its order ("hundreds of men") where the passage gives the same thing another
    order ("dozens of men"): the order is the figure."""
    theirs = {m[2].casefold()[:4]: m for m in VAGUE_COUNT.finditer(source)}
    found = []
    for m in VAGUE_COUNT.finditer(report):
        other = theirs.get(m[2].casefold()[:4])
        if other is not None and other[1].casefold() != m[1].casefold():
            found.append(Difference("number", _span_of(report, m.start(1), m.end(1)),
                                    _span_of(source, other.start(1), other.end(1))))
    return found


def _close(q: Quantity, t: Quantity) -> bool:
    """The same figure: equal, a percentage and its fraction, within the slack of a hedge on either
    side, or the passage's large figure rounded ("300 million" for 296,000,000)."""
    if _equal(q, t):
        return True
    a, b = _comparable(q, t)
    if (q.hedged or t.hedged or q.bound or t.bound) and abs(a - b) <= NUMBER_SLACK * max(abs(a), abs(b)):
        return True
    return abs(b) >= 1000 and _rounds_to(b, a)


def _comparable(q: Quantity, t: Quantity) -> tuple[float, float]:
    """The two values on one scale: a percentage against a fraction as fractions."""
    a, b = q.value, t.value
    if q.percent != t.percent and (a < 1 or b < 1):
        a, b = (a / 100 if q.percent else a), (b / 100 if t.percent else b)
    return a, b


def _equal(q: Quantity, t: Quantity) -> bool:
    a, b = _comparable(q, t)
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1)


def _rounds_to(value: float, rounded: float) -> bool:
    digits = len(f"{rounded:.6g}".replace(".", "").replace("-", "").rstrip("0").lstrip("0")) or 1
    return f"{value:.{digits}g}" == f"{rounded:.{digits}g}"


# ---------------------------------------------------------------- dates

MONTHS = ("january february march april may june july august september october november december".split())
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
SEASONS = ("spring", "summer", "autumn", "fall", "winter")
PERIODS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
           "year": "year", "years": "year", "decade": "decade", "decades": "decade", "century": "century",
           "centuries": "century", "fortnight": "fortnight", "hour": "hour", "hours": "hour"}


def _date_items(doc: Doc) -> dict[str, list[tuple[str, Token]]]:
    """Years, months, weekdays, seasons, and counted periods ("a single day", "seven years")."""
    items: dict[str, list[tuple[str, Token]]] = {"year": [], "month": [], "weekday": [], "season": [], "period": []}
    for token in doc:
        low = token.lower_
        if YEAR.match(token.text) and token.like_num:
            items["year"].append((token.text.rstrip("s"), token))
        elif low in MONTHS and (token.text[0].isupper() and (low != "may" or token.pos_ == "PROPN")):
            items["month"].append((low, token))
        elif low in WEEKDAYS:
            items["weekday"].append((low, token))
        elif low in SEASONS and token.pos_ == "NOUN":
            items["season"].append((low, token))
        elif low in PERIODS and not _rate(token) and any(
                c.dep_ in ("nummod", "amod", "det") and (c.like_num or c.lower_ in COUNTED) for c in token.children):
            count = next((number_value(c.text) for c in token.children if c.dep_ == "nummod" and c.like_num), None) or 1
            items["period"].append((f"{count * IN_YEARS[PERIODS[low]]:.4g}", token))  # "twelve months" = a year
    return items


def _rate(period: Token) -> bool:
    """"$3,000,000 a year", "twice a day", "per year": a rate, how often or how much in each period,
    not a length of time stated."""
    doc = period.doc
    if period.i >= 1 and doc[period.i - 1].lower_ == "per":
        return True
    if period.i < 2 or doc[period.i - 1].lower_ not in ("a", "an"):
        return False
    before = doc[period.i - 2]
    return before.like_num or before.lower_ in ("once", "twice", "thrice", "times") or before.pos_ == "SYM"


# what makes a period a stated length ("a single day", "the past decade", "seven years")
COUNTED = ("single", "a", "one", "each", "past", "last", "next", "whole", "entire")
IN_YEARS = {"day": 1 / 365, "week": 7 / 365, "fortnight": 14 / 365, "month": 1 / 12, "year": 1, "decade": 10,
            "century": 100, "hour": 1 / 8760}


def dates(report: Doc, source: Doc) -> list[Difference]:
    mine, theirs = _date_items(report), _date_items(source)
    found = _days(report.text, source.text)
    for sort, items in mine.items():
        if not theirs[sort]:
            continue
        values = {v for v, _ in theirs[sort]}
        for value, token in items:
            if value not in values:
                found.append(Difference("date", token_span(token), token_span(theirs[sort][0][1])))
    return found




def _days(report: str, source: str) -> list[Difference]:
    """A day of a month of the report that the passage, stating days of that month, does not state
    ("December 10" for "the tenth of December" is the same day); another month is the months' difference."""
    theirs = days_of_month(source)
    stated = {(d.month, d.day) for d in theirs}
    found = []
    for day in days_of_month(report):
        other = next((d for d in theirs if d.month == day.month), None)
        if other is not None and (day.month, day.day) not in stated:
            found.append(Difference("date", _span_of(report, day.start, day.end),
                                    _span_of(source, other.start, other.end)))
    return found


def _span_of(text: str, start: int, end: int) -> TextSpan:
    return TextSpan(start, end, text[start:end])
