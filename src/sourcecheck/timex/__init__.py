"""Temporal expressions, TIMEX3-style: find them in a text and normalise them against a document
creation time (DCT). The face is `find_timexes(text, dct) -> list[Timex]`."""

from .model import Timex, TimexType
from .tagger import find_timexes

__all__ = ["Timex", "TimexType", "find_timexes"]
