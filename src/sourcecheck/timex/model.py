"""What the temporal tagger returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True)
class Timex:
    """A temporal expression: its span in the text given, and its TIMEX3 type and value.

    `value` follows the TIMEX3 value grammar (2021-11-10, 2021-W45, 2021-Q3, 2021-SU, 199X, P3W,
    PT2H, PRESENT_REF, 2021-11-10TMO ...). `anchor` is the date it was resolved against ("DCT" or the
    value of the explicit date in the text it counts from), empty when the value needs none (an
    explicit date, a duration). `mod` is the TIMEX3 modifier (APPROX, START, MORE_THAN ...), if any.
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    anchor: str = ""
    mod: str = ""
