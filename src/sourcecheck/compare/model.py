"""What a comparison returns: typed, free of spaCy, so that any engine can produce it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["number", "date", "negation", "name", "quantifier", "modality", "actor"]
Verdict = Literal["consistent", "differs", "no_passage"]


@dataclass(frozen=True)
class TextSpan:
    """Characters [start, end) of a text (the report's clause or the passage)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Difference:
    """One compared item on which the report and the passage disagree."""

    kind: Kind
    report: TextSpan  # into the reported clause (into the cue when in_cue)
    passage: TextSpan | None  # into the passage: what it says instead, when one item stands for it
    # True when the two cannot both hold (a figure, a polarity, an actor changed); False when the
    # report only says more or less than the passage (a hedge dropped, a name the passage leaves out)
    meaning_changing: bool = True
    in_cue: bool = False  # the report's side is the attribution's cue ("pledged"), not its content


@dataclass(frozen=True)
class Comparison:
    verdict: Verdict
    differences: tuple[Difference, ...] = ()
