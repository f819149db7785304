"""The HTML report's timeline strip: the article's chronology placed on a time axis, as the
geometry of an inline SVG that templates/timeline.html draws (no script, no external file).

Granularity is drawn as shape, not colour: a day (or a time of day) is a dot, a week, month,
year or longer a bar over its whole stretch, an interval open on one side an arrow to the edge
of the axis. Marks that would overlap go on lanes of their own below one another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .timeline import Entry, Timeline
from .timeline.calendar import first_day, last_day
from .timeline.render import when

WIDTH = 1000  # SVG user units; the SVG scales to the page's width
MARGIN = 40  # room for the first and last tick labels
TOP = 14  # room above the first lane for the marks' numbers
LANE = 26
MAX_LANES = 12  # past this, marks share the emptiest lane rather than grow the strip without end
AXIS_GAP = 10  # between the last lane and the axis
AXIS_LABELS = 22  # below the axis, for the tick labels
DOT = 5  # radius of a day's dot
MIN_BAR = 6  # a bar is at least this wide, however short its stretch at the axis' scale
NUMBER_WIDTH = 7  # per digit of a mark's number, written to its right
MAX_TICKS = 8
Shape = Literal["dot", "bar", "later", "earlier"]  # later/earlier: open on that side, an arrow to the edge

# tick steps, finest first: (unit, how many); the first giving at most MAX_TICKS ticks is taken
_STEPS: tuple[tuple[str, int], ...] = (
    ("day", 1), ("day", 2), ("day", 7), ("month", 1), ("month", 3), ("month", 6),
    *(("year", n) for n in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000)))
_UNIT_DAYS = {"day": 1.0, "month": 30.44, "year": 365.25}


@dataclass(frozen=True)
class Mark:
    """One chronology entry on the axis: `index` is its place in `Timeline.chronology` (the
    article's words carry the id `t{index}`), x1..x2 its stretch, y the middle of its lane."""

    index: int
    shape: Shape
    x1: float
    x2: float
    y: float
    anchored: bool  # placed relative to an event ("two days after the signing"): drawn hollow
    label: str  # what a screen reader says and the tooltip shows

    @property
    def number_at(self) -> tuple[float, float]:
        """Where its number (its place in the list) is written: to its right, or above the start
        of an arrow that runs to the edge."""
        if self.shape == "later":
            return self.x1, self.y - 8
        return self.x2 + (DOT + 3 if self.shape == "dot" else 3), self.y + 4


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Strip:
    width: int
    height: int
    axis_y: float
    marks: tuple[Mark, ...]
    ticks: tuple[Tick, ...]
    unplaced: tuple[int, ...]  # indices of the entries not on the axis: unresolved


def timeline_strip(timeline: Timeline) -> Strip:
    placed: list[tuple[int, Entry, dt.date | None, dt.date | None]] = []
    unplaced: list[int] = []
    for index, entry in enumerate(timeline.chronology):
        begin, end = _days(entry)
        if begin is None and end is None:
            unplaced.append(index)
        else:
            placed.append((index, entry, begin, end))
    if not placed:
        return Strip(WIDTH, 0, 0, (), (), tuple(unplaced))
    known = [d for _, _, begin, end in placed for d in (begin, end) if d is not None]
    lo, hi = min(known), _shifted(max(known), 1)
    pad = max((hi - lo).days // 40, 1)  # marks at the ends stay clear of the edge
    lo, hi = _shifted(lo, -pad), _shifted(hi, pad)
    if hi <= lo:  # one day at the very end of the calendar
        lo = _shifted(hi, -1)

    def x(day: dt.date) -> float:
        return MARGIN + (day - lo).days / (hi - lo).days * (WIDTH - 2 * MARGIN)

    shaped = [_shaped(index, entry, begin, end, x) for index, entry, begin, end in placed]
    lanes: list[float] = []  # the right edge reached on each lane so far
    marks = []
    for index, shape, x1, x2, anchored, label in sorted(shaped, key=lambda m: (m[2], m[3])):
        lane = _lane(lanes, x1 - (DOT if shape == "dot" else 0))
        lanes[lane] = max(lanes[lane], x2 + (DOT if shape == "dot" else 0) + 4 + NUMBER_WIDTH * len(str(index + 1)))
        marks.append(Mark(index, shape, x1, x2, TOP + LANE * lane + LANE / 2, anchored, label))
    axis_y = TOP + LANE * len(lanes) + AXIS_GAP
    ticks = tuple(Tick(x(day), label) for day, label in _ticks(lo, hi))
    return Strip(WIDTH, round(axis_y + AXIS_LABELS), axis_y, tuple(sorted(marks, key=lambda m: m.index)), ticks,
                 tuple(unplaced))


def _days(entry: Entry) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of an entry's interval (None on an open side, or both when unresolved)."""
    interval = entry.interval
    if interval is None:
        return None, None
    try:
        begin = first_day(interval.begin) if interval.begin is not None else None
        end = last_day(interval.end) if interval.end is not None else None
    except ValueError:  # a value the calendar cannot place: listed, not drawn
        return None, None
    return begin, end


def _shaped(index: int, entry: Entry, begin: dt.date | None, end: dt.date | None,
            x: Callable[[dt.date], float]) -> tuple[int, Shape, float, float, bool, str]:
    anchored = entry.kind == "anchored"
    label = f"{index + 1}. “{entry.text}”: {when(entry.interval)}"
    if entry.event is not None:
        label += f" — {entry.event.phrase}"
    if anchored:
        label += " (placed relative to an event)"
    right = WIDTH - MARGIN
    if begin is not None and end is None:
        return index, "later", x(begin), right, anchored, label
    if begin is None and end is not None:
        return index, "earlier", MARGIN, x(_shifted(end, 1)), anchored, label
    assert begin is not None and end is not None
    if entry.interval is not None and entry.interval.granularity in ("day", "time") and begin == end:
        middle = x(begin) + (x(_shifted(begin, 1)) - x(begin)) / 2
        return index, "dot", middle, middle, anchored, label
    x1, x2 = x(begin), x(_shifted(end, 1))
    if x2 - x1 < MIN_BAR:
        middle = (x1 + x2) / 2
        x1, x2 = middle - MIN_BAR / 2, middle + MIN_BAR / 2
    return index, "bar", x1, x2, anchored, label


def _shifted(day: dt.date, days: int) -> dt.date:
    """`day` moved by whole days, kept within the calendar Python knows (years 1 to 9999)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def _lane(lanes: list[float], left: float) -> int:
    """The first lane free at `left`; a new one while there may be more, else the emptiest."""
    for lane, reached in enumerate(lanes):
        if reached <= left:
            return lane
    if len(lanes) < MAX_LANES:
        lanes.append(float("-inf"))
        return len(lanes) - 1
    return min(range(len(lanes)), key=lanes.__getitem__)


def _ticks(lo: dt.date, hi: dt.date) -> list[tuple[dt.date, str]]:
    span = (hi - lo).days
    unit, step = next(((u, n) for u, n in _STEPS if span / (n * _UNIT_DAYS[u]) <= MAX_TICKS), _STEPS[-1])
    ticks: list[tuple[dt.date, str]] = []
    if unit == "day":
        day = _shifted(lo, 1)
        while day < hi:
            ticks.append((day, day.isoformat()))
            day = _shifted(day, step)
    elif unit == "month":
        index = lo.year * 12 + lo.month  # the month after lo's, as year * 12 + month - 1
        index += -index % step
        while index // 12 <= dt.MAXYEAR and (day := dt.date(index // 12, index % 12 + 1, 1)) < hi:
            ticks.append((day, f"{day.year:04d}-{day.month:02d}"))
            index += step
    else:
        year = lo.year + 1
        year += -year % step
        while year <= dt.MAXYEAR and (day := dt.date(year, 1, 1)) < hi:
            ticks.append((day, str(year)))
            year += step
    return ticks
