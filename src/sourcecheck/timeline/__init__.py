"""The timeline of an article: each temporal expression with the event it dates, event-anchored
expressions ("two days after the signing") resolved against their anchor's date, and the
chronology of both. The face is `build_timeline(text, dct, parsed=None, library=None)`."""

from .build import build_timeline
from .model import AnchorDate, AnchoredExpression, DatedEvent, Entry, Event, Interval, Timeline

__all__ = ["AnchorDate", "AnchoredExpression", "DatedEvent", "Entry", "Event", "Interval", "Timeline",
           "build_timeline"]
