"""Intervals of the calendar: a TIMEX3 value as an interval, and an interval moved by a duration."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .model import Granularity, Interval

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T[\dA-Z:]+)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})X$")
_CENTURY = re.compile(r"^(\d{2})XX$")
_DURATION = re.compile(r"^P(T?)(\d+(?:\.\d+)?|X)([YMWDHS])$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
FINER = ("time", "day", "week", "month", "quarter", "season", "year", "decade", "century")


def interval_of(value: str) -> Interval | None:
    """The stretch of calendar a TIMEX3 DATE or TIME value names (2016-11-13, 2016-11, 2016-W45,
    2016-Q3, 201X ...), or None when it names none (PRESENT_REF, XXXX-11-13, P3W)."""
    match = _DAY.match(value)
    if match:
        if match[4] and re.match(r"^T\d", match[4]):
            return Interval(value, value, "time")
        day = value[:10]
        return Interval(day, day, "day") if _valid(day) else None
    for pattern, granularity in ((_MONTH, "month"), (_YEAR, "year"), (_WEEK, "week"), (_QUARTER, "quarter"),
                                 (_SEASON, "season"), (_DECADE, "decade"), (_CENTURY, "century")):
        if pattern.match(value):
            return Interval(value, value, granularity)  # type: ignore[arg-type]
    return None


def _valid(day: str) -> bool:
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        return False
    return True


def interval_of_range(value: str) -> Interval | None:
    """An anchor date: a value, or an ISO interval A/B of two values of one granularity."""
    if "/" not in value:
        return interval_of(value)
    first, last = (interval_of(part) for part in value.split("/", 1))
    if first is None or last is None or first.begin is None or last.end is None:
        return None
    return Interval(first.begin, last.end, coarser(first.granularity, last.granularity))


def coarser(a: Granularity, b: Granularity) -> Granularity:
    return a if FINER.index(a) >= FINER.index(b) else b


def first_day(value: str) -> dt.date:
    """The first day of the period a value names (for ordering and arithmetic)."""
    if match := _DAY.match(value):
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    if match := _MONTH.match(value):
        return dt.date(int(match[1]), int(match[2]), 1)
    if match := _YEAR.match(value):
        return dt.date(int(match[1]), 1, 1)
    if match := _WEEK.match(value):
        return dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    if match := _QUARTER.match(value):
        return dt.date(int(match[1]), 3 * int(match[2]) - 2, 1)
    if match := _SEASON.match(value):
        return dt.date(int(match[1]), _SEASON_MONTHS[match[2]][0], 1)
    if match := _DECADE.match(value):
        return dt.date(int(match[1]) * 10, 1, 1)
    if match := _CENTURY.match(value):
        return dt.date(int(match[1]) * 100, 1, 1)
    raise ValueError(f"not a calendar value: {value!r}")


def last_day(value: str) -> dt.date:
    if _DAY.match(value):
        return first_day(value)
    if match := _MONTH.match(value):
        year, month = int(match[1]), int(match[2])
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    if _YEAR.match(value):
        return dt.date(int(value), 12, 31)
    if _WEEK.match(value):
        return first_day(value) + dt.timedelta(days=6)
    if _QUARTER.match(value):
        return plus_months(first_day(value), 3) - dt.timedelta(days=1)
    if match := _SEASON.match(value):
        start, stop = _SEASON_MONTHS[match[2]]
        return plus_months(first_day(value), stop - start + 1) - dt.timedelta(days=1)
    if _DECADE.match(value):
        return plus_months(first_day(value), 120) - dt.timedelta(days=1)
    if _CENTURY.match(value):
        return plus_months(first_day(value), 1200) - dt.timedelta(days=1)
    raise ValueError(f"not a calendar value: {value!r}")


def written_at(day: dt.date, granularity: Granularity) -> str:
    """`day` written at a granularity: 2016-11-13, 2016-11, 2016, 2016-W45."""
    if granularity in ("day", "time"):
        return day.isoformat()
    if granularity == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if granularity in ("month", "quarter", "season"):
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "decade":
        return f"{day.year // 10:03d}X"
    if granularity == "century":
        return f"{day.year // 100:02d}XX"
    return f"{day.year:04d}"


def plus_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months, kept within the month it lands in (31 January + 1 = 28/29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def parse_duration(value: str) -> tuple[float | None, str] | None:
    """(amount, unit letter) of a simple TIMEX3 duration: P2D -> (2, 'D'), PT4H -> (4, 'h'),
    PXW -> (None, 'W'); None for anything else. Sub-day units are lower case."""
    match = _DURATION.match(value)
    if match is None:
        return None
    amount = None if match[2] == "X" else float(match[2])
    unit = match[3].lower() if match[1] else match[3]
    return amount, unit


def moved(day: dt.date, amount: float, unit: str, sign: int) -> dt.date:
    """`day` moved by a duration forwards (sign 1) or back (-1). Sub-day units stay on the day."""
    whole = round(amount)
    if unit == "D":
        return day + dt.timedelta(days=sign * whole)
    if unit == "W":
        return day + dt.timedelta(weeks=sign * amount)
    if unit == "M":
        return plus_months(day, sign * whole)
    if unit == "Y":
        return plus_months(day, 12 * sign * whole)
    return day


def sort_key(interval: Interval | None) -> dt.date | None:
    if interval is None:
        return None
    if interval.begin is not None:
        return first_day(interval.begin)
    if interval.end is not None:
        return first_day(interval.end)
    return None
