"""Date arithmetic and the TIMEX3 value grammar: a date at some granularity, written as a value."""

from __future__ import annotations

import datetime as dt
from typing import Literal

Unit = Literal["second", "minute", "hour", "day", "week", "weekend", "month", "quarter", "half", "year", "decade",
               "century"]
Direction = Literal["past", "future", "none"]

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}


def parse_dct(dct: str | dt.date) -> dt.date:
    if isinstance(dct, dt.datetime):
        return dct.date()
    if isinstance(dct, dt.date):
        return dct
    try:
        return dt.date.fromisoformat(dct.strip()[:10])
    except ValueError:
        raise ValueError(f"the creation time must be a date as YYYY-MM-DD, not {dct!r}") from None


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, 1)


def shift(day: dt.date, amount: int, unit: Unit) -> dt.date:
    """`day` moved by `amount` units (months and coarser land on the period's first day)."""
    if unit == "day":
        return day + dt.timedelta(days=amount)
    if unit in ("week", "weekend"):
        return day + dt.timedelta(weeks=amount)
    if unit == "month":
        return add_months(day, amount)
    if unit == "quarter":
        return add_months(day, 3 * amount)
    if unit == "half":
        return add_months(day, 6 * amount)
    if unit == "year":
        return dt.date(day.year + amount, 1, 1)
    if unit == "decade":
        return dt.date(day.year + 10 * amount, 1, 1)
    if unit == "century":
        return dt.date(day.year + 100 * amount, 1, 1)
    return day


def value_at(day: dt.date, unit: Unit) -> str:
    """The TIMEX3 value naming the `unit`-long period that holds `day`."""
    if unit == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if unit == "weekend":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}-WE"
    if unit == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if unit == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if unit == "half":
        return f"{day.year:04d}-H{(day.month - 1) // 6 + 1}"
    if unit == "year":
        return f"{day.year:04d}"
    if unit == "decade":
        return f"{day.year // 10:03d}X"
    if unit == "century":
        return f"{day.year // 100:02d}XX"
    return day.isoformat()


def weekday_near(day: dt.date, weekday: int, direction: Direction) -> dt.date:
    """The `weekday` (Monday 0) that a news text means relative to `day`: the one before (or `day`
    itself) in a past-tense clause, the one after in a future one, the nearer one otherwise."""
    back = day - dt.timedelta(days=(day.weekday() - weekday) % 7)
    ahead = day + dt.timedelta(days=(weekday - day.weekday()) % 7)
    if direction == "past":
        return back
    if direction == "future":
        return ahead
    return back if (day - back) <= (ahead - day) else ahead


# How far ahead of the creation month a bare month may lie and still be the coming one: in a
# past-tense clause only the next month ("told of a cutback in September", written in August), with
# no tense to read up to four months.
PAST_TENSE_MONTHS_AHEAD = 1
NO_TENSE_MONTHS_AHEAD = 4


def month_near(day: dt.date, month: int, direction: Direction) -> int:
    """The year of the `month` a text means relative to `day`: the next one in a future-tense clause,
    else the latest one begun by `day` unless the month is only a little ahead (see above)."""
    ahead = (month - day.month) % 12
    if direction == "future":
        limit = 12
    elif direction == "past":
        limit = PAST_TENSE_MONTHS_AHEAD
    else:
        limit = NO_TENSE_MONTHS_AHEAD
    if ahead <= limit:
        return day.year + (1 if month < day.month else 0)
    return day.year - (1 if month > day.month else 0)


_TENSE_WINDOW = dt.timedelta(days=120)
# In a past-tense clause a day ahead of the creation time is meant only when it is close (a deadline
# a few weeks off); "the Oct. 23 slaying" written in May is last October's, not the coming one.
_AHEAD_IN_PAST_TENSE = dt.timedelta(days=62)


def date_near(day: dt.date, month: int, dom: int, direction: Direction) -> dt.date | None:
    """The day `month`/`dom` without a year, relative to `day`: the nearest such day, unless the
    tense points the other way and a day that way is near enough (a deadline "Nov. 10" named in a
    past-tense sentence a fortnight before it is still the coming one)."""
    candidates = []
    for year in (day.year - 1, day.year, day.year + 1):
        try:
            candidates.append(dt.date(year, month, dom))
        except ValueError:
            continue
    if not candidates:
        return None
    nearest = min(candidates, key=lambda c: abs(c - day))
    if direction == "past" and nearest > day:
        before = max((c for c in candidates if c <= day), default=nearest)
        return before if day - before <= _TENSE_WINDOW or nearest - day > _AHEAD_IN_PAST_TENSE else nearest
    if direction == "future" and nearest < day:
        after = min((c for c in candidates if c >= day), default=nearest)
        return after if after - day <= _TENSE_WINDOW else nearest
    return nearest


def duration_value(amount: float | None, unit: Unit) -> str:
    """P3W, PT2H, P1.5Y; PXY when the amount is vague ("several years")."""
    smaller = {"year": ("month", 12), "day": ("hour", 24), "hour": ("minute", 60), "minute": ("second", 60)}
    if amount is not None and amount != int(amount) and unit in smaller:
        # TIMEX3 writes "a year and a half" as P18M, not P1.5Y
        finer, factor = smaller[unit]
        if amount * factor == int(amount * factor):
            whole = int(amount)
            if unit in ("hour", "minute") and whole:
                return f"PT{whole}{unit[0].upper()}{int((amount - whole) * factor)}{finer[0].upper()}"
            return duration_value(amount * factor, finer)  # type: ignore[arg-type]
    if amount is None:
        number = "X"
    elif amount == int(amount):
        number = str(int(amount))
    else:
        number = f"{amount:g}"
    if unit in ("second", "minute", "hour"):
        return f"PT{number}{unit[0].upper()}"
    if unit == "decade":
        return f"P{number}DE" if amount is None else duration_value(amount * 10, "year")
    if unit == "century":
        return f"P{number}CE" if amount is None else duration_value(amount * 100, "year")
    if unit == "weekend":
        return "P2D" if amount in (None, 1) else f"P{number}WE"
    letter = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "half": "H", "year": "Y"}[unit]
    return f"P{number}{letter}"
