"""What attribution hands on: the speaker, the cue and how they were found; and the mentions it works from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..quotes import Quote
from ..spans import ArticleSpan

SpeakerType = Literal["person", "organisation", "document"]


@dataclass(frozen=True)
class Speaker:
    text: str  # as the article words it where it attributes the quote ("he", "Keller")
    span: ArticleSpan  # of that wording
    name: str  # resolved to the fullest mention ("Interior Minister Dana Keller")
    type: SpeakerType | None
    resolved_from: ArticleSpan | None = None  # the earlier mention `name` was taken from


@dataclass(frozen=True)
class Cue:
    text: str
    span: ArticleSpan


@dataclass(frozen=True)
class Attribution:
    quote: Quote  # with its kind made final (a short quote with a speaker is partial, not scare)
    speaker: Speaker | None
    cue: Cue | None
    method: str  # how it was found: cue, colon, previous_quote, credit_line, group, none


@dataclass(frozen=True)
class Mention:
    """A phrase outside the quotes that could be a speaker, or what a pronoun stands for."""

    span: ArticleSpan
    text: str
    type: SpeakerType | None  # None only while finding mentions: a name the recogniser missed
    head: str  # lower-cased head word
    proper: bool  # a name, not a description
    plural: bool
    subject: bool  # subject of its clause: the most salient antecedent for a pronoun
    sentence: int  # start offset of its sentence
    name: str  # what to call it: a person's name without the title before it
